"""Sourcing from clues and close reading: commit first, then compare."""

from __future__ import annotations

import json
import re

import pytest

import lesson_lib
from lesson_lib.checks.progress import progress_path
from lesson_lib.sources.reading import ReadingTasks, split_choices


@pytest.fixture(scope="module")
def tasks():
    return lesson_lib.load_reading_tasks()


def test_close_reading_choices_are_the_sentences_own_words(tasks):
    claims = lesson_lib.load_claims().set_index("claim_id")
    article = " ".join(claims["sentence"])
    for task in tasks[tasks["section"] == "close_reading"].itertuples():
        sentence = claims.loc[task.claim_id, "sentence"]
        for choice in split_choices(task.choices):
            if task.focus in ("modality", "loaded_words"):
                assert choice in sentence, (task.task_id, choice)
            for quoted in re.findall(r"‘([^’]+)’", choice):
                assert quoted in article, (task.task_id, quoted)


def test_the_course_marks_only_offered_choices(tasks):
    for task in tasks.itertuples():
        assert set(split_choices(task.course_choices)) <= set(split_choices(task.choices))


def test_sourcing_tasks_show_a_clue_and_close_reading_tasks_a_sentence(tasks):
    for task in tasks.itertuples():
        if task.section == "sourcing":
            assert isinstance(task.shown, str) and task.shown
        else:
            assert isinstance(task.claim_id, str)


def test_every_close_reading_focus_the_course_teaches_has_a_task(tasks):
    focus = set(tasks.loc[tasks["section"] == "close_reading", "focus"])
    assert focus == {"modality", "loaded_words", "named_and_missing", "english_of_the_text"}


def test_nothing_is_revealed_before_an_answer_and_the_comparison_is_fair():
    reading = ReadingTasks("close_reading", save=False)
    reading.compare(2)
    assert "course's reading" not in reading.answers[2].value
    for box in reading.choices[2]:
        box.value = box.description in ("Hiding behind", "Minsk will seek")
    reading.compare(2)
    answer = reading.answers[2].value
    assert "You marked 1 of them" in answer and "Minsk will seek" in answer
    assert "not marked: the rhetoric" in answer


def test_sourcing_tasks_take_a_written_answer_and_keep_it():
    reading = ReadingTasks("sourcing")
    reading.reasons[0].value = "A Warsaw-based outlet about Belarus"
    reading.compare(0)
    assert "course's reading" in reading.answers[0].value
    stored = json.loads(progress_path().read_text("utf-8"))
    assert stored["notes"]["01"]["reading:masthead_and_section:reason"]["text"].startswith("A ")
    again = ReadingTasks("sourcing")
    assert again.reasons[0].value == "A Warsaw-based outlet about Belarus"


def test_an_unknown_section_is_a_teaching_error():
    with pytest.raises(lesson_lib.LessonError, match='"section"'):
        ReadingTasks("skimming", save=False)
