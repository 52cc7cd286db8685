"""Lesson 07's argument: the document set, buckets, thesis, outline and the essay itself,
saved as the learner works and handed in as a file."""

from __future__ import annotations

import asyncio
import json

import pytest

import lesson_lib
from lesson_lib.checks.progress import NOTE_LIMIT, progress_path
from lesson_lib.sources import essay as essay_module
from lesson_lib.sources.essay import (
    CHECKLIST,
    DRAFT_SLOTS,
    HAND_IN_FILE,
    EssayWriter,
    _AfterTyping,
    word_count_html,
)
from lesson_lib.sources.essay_plan import (
    BUCKETS,
    Bucketing,
    EssayDocuments,
    EssayOutline,
    ThesisBuilder,
    essay_set,
    thesis_sentence,
)


def test_the_set_is_the_article_and_eight_to_ten_documents_across_the_eras():
    chosen = essay_set()
    assert chosen["letter"].iloc[0] == "A" and chosen["document_id"].iloc[0] == "article"
    assert 8 <= len(chosen) - 1 <= 10
    assert chosen["letter"].is_unique
    eras = lesson_lib.load_eras()
    covered = {era.era_id for era in eras.itertuples()
               for date in chosen["date"] if era.start <= date <= era.end}
    assert len(covered) >= 5
    documents = lesson_lib.load_documents().set_index("document_id")
    perspectives = {documents.loc[d, "perspective"] for d in chosen["document_id"][1:]}
    assert len(perspectives) >= 4


def test_every_document_of_the_set_can_be_read_by_its_letter():
    shown = EssayDocuments()
    for letter in essay_set()["letter"]:
        shown.choose(letter)
        assert f"Document {letter}" in shown.page.value
    shown.choose("A")
    assert "Minsk seeks to demonstrate to NATO its independence" in shown.page.value
    assert "Before you read:" in shown.page.value and "Adapted by the course" in shown.page.value
    with pytest.raises(lesson_lib.LessonError, match='"letter"'):
        shown.choose("Z")


def test_buckets_are_saved_as_chosen_and_come_back():
    sort = Bucketing()
    sort.menus["B"].value = "moscow"
    sort.menus["G"].value = "within_limits"
    assert sort.buckets()["moscow"] == ["B"] and "G" in sort.buckets()["within_limits"]
    again = Bucketing()
    assert again.menus["B"].value == "moscow" and again.menus["G"].value == "within_limits"
    assert again.menus["C"].value == ""
    assert "Not sorted yet" in again.summary.value


def test_the_summary_says_when_every_document_is_sorted():
    sort = Bucketing(save=False)
    for menu in sort.menus.values():
        menu.value = "not_useful"
    assert "Not sorted yet" not in sort.summary.value
    assert "Every document is sorted" in sort.summary.value
    assert set(BUCKETS) >= {"both_sides", "within_limits", "moscow", "not_useful"}


def test_the_thesis_reads_as_one_sentence_and_is_saved():
    assert thesis_sentence({"claim": "", "because": "x", "although": "y"}) == ""
    assert thesis_sentence({"claim": "Minsk balanced.", "because": "because it talked",
                            "although": "although Moscow pulled."}) == (
        "Minsk balanced, because it talked, although Moscow pulled.")
    thesis = ThesisBuilder()
    thesis.fields["claim"].value = "Minsk could balance until 2020"
    thesis.fields["although"].value = "its army stayed in Russia's alliance"
    again = ThesisBuilder()
    assert again.text() == ("Minsk could balance until 2020, although its army stayed in "
                            "Russia's alliance.")


def test_the_outline_keeps_each_paragraphs_point_and_documents():
    outline = EssayOutline()
    outline.points[1].value = "After 2020 the West closed its door"
    outline.letters[1].value = ("I", "J")
    again = EssayOutline()
    assert again.letters[1].value == ("I", "J")
    assert again.as_text() == "Paragraph 2: After 2020 the West closed its door (documents I, J)"


def test_the_word_count_tells_the_learner_where_they_stand():
    assert "297 more to go" in word_count_html("a b c")
    assert "within the range" in word_count_html("w " * 300)
    assert "within the range" in word_count_html("w " * 500)
    assert "1 over the 500" in word_count_html("w " * 501)
    assert word_count_html("w").startswith("<small>1 word:")


def test_the_essay_is_saved_and_comes_back_after_a_reload():
    writer = EssayWriter(folder=None)
    writer.essay.value = "Minsk could sit on two chairs only until 2020."
    stored = json.loads(progress_path().read_text("utf-8"))["notes"]["07"]
    assert stored["essay:text"]["text"] == "Minsk could sit on two chairs only until 2020."
    again = EssayWriter(folder=None)
    assert again.essay.value == "Minsk could sit on two chairs only until 2020."
    assert again.versions_box.layout.display == "none"


def test_two_open_copies_never_lose_each_others_essay():
    first, second = EssayWriter(folder=None), EssayWriter(folder=None)
    first.essay.value = "The first tab's essay."
    second.essay.value = "The second tab's essay."
    later = EssayWriter(folder=None)
    assert later.essay.value == "The second tab's essay."  # the newest is the essay
    kept = {later._notes.notes[f"essay:draft:{slot}"]["text"]
            for slot, _label in [(s, None) for s in range(1, DRAFT_SLOTS + 1)]
            if f"essay:draft:{slot}" in later._notes.notes}
    assert {"The first tab's essay.", "The second tab's essay."} <= kept
    assert later.versions_box.layout.display == "flex"
    slot = later.other_versions.options[0][1]
    later.restore(slot)
    assert later.essay.value == "The first tab's essay."
    assert EssayWriter(folder=None).essay.value == "The first tab's essay."


def test_an_essay_longer_than_a_note_keeps_is_refused_whole_not_cut():
    writer = EssayWriter(folder=None)
    writer.essay.value = "Saved version."
    writer.essay.value = "x" * (NOTE_LIMIT + 1)
    assert "not saved" in writer.notice.value
    assert len(writer.essay.value) == NOTE_LIMIT + 1
    assert EssayWriter(folder=None).essay.value == "Saved version."


def test_the_hand_in_file_holds_thesis_outline_essay_and_checklist(tmp_path):
    ThesisBuilder().fields["claim"].value = "Minsk balanced until 2020"
    outline = EssayOutline()
    outline.points[0].value = "Before 2020"
    outline.letters[0].value = ("D", "F")
    writer = EssayWriter(folder=tmp_path)
    writer.name.value = "Ana Kowalska"
    writer.essay.value = "Minsk balanced. " * 160
    writer.checks["thesis"].value = True
    path = writer.hand_in()
    text = path.read_text("utf-8")
    assert path.name == HAND_IN_FILE and "Ana Kowalska" in text
    assert "Minsk balanced until 2020." in text
    assert "Paragraph 1: Before 2020 (documents D, F)" in text
    assert "320 words" in text and "- [x] " + CHECKLIST["thesis"] in text
    assert "- [ ] " + CHECKLIST["counter"] in text
    assert HAND_IN_FILE in writer.hand_in_link.value
    assert EssayWriter(folder=tmp_path).checks["thesis"].value is True


def test_a_folder_that_cannot_be_written_says_so_and_keeps_the_essay(tmp_path):
    missing = tmp_path / "no" / "such" / "folder"
    writer = EssayWriter(folder=missing)
    writer.essay.value = "My essay."
    assert writer.hand_in() is None
    assert "could not be written" in writer.hand_in_link.value
    assert EssayWriter(folder=None).essay.value == "My essay."


def test_saving_waits_for_a_pause_in_typing_inside_a_kernel():
    calls = []
    later = _AfterTyping(0.05, lambda: calls.append(1))

    async def type_three_keys():
        for _ in range(3):
            later()
            await asyncio.sleep(0.01)
        assert calls == []  # still typing
        await asyncio.sleep(0.1)
        assert calls == [1]  # one save after the pause
        later()
        later.flush()
        assert calls == [1, 1]  # Save now does not wait
        await asyncio.sleep(0.1)
        assert calls == [1, 1]  # and the waiting save was cancelled

    asyncio.run(type_three_keys())
    assert essay_module.SAVE_DELAY <= 5


def test_the_articles_adapted_version_is_the_courses_own_words():
    import re

    from lesson_lib.sources.claims import article_paragraphs
    from lesson_lib.sources.essay_plan import ARTICLE_ADAPTED

    words = re.findall(r"[a-z0-9']+", " ".join(article_paragraphs()).lower())
    adapted = " ".join(re.findall(r"[a-z0-9']+", ARTICLE_ADAPTED.lower()))
    copied = [" ".join(words[i:i + 8]) for i in range(len(words) - 7)
              if " ".join(words[i:i + 8]) in adapted]
    assert not copied, copied[:1]
