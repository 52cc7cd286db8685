"""Plain English in every notebook a learner works through: few long sentences, a short
average, measured by tools/readability.py (textstat's word counts)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import readability  # noqa: E402

NOTEBOOKS = readability.measured_notebooks()


def test_every_lesson_the_practice_test_lesson_07_and_the_capstone_are_measured():
    names = {p.relative_to(readability.NOTEBOOKS).as_posix() for p in NOTEBOOKS}
    assert {"01_the_source.ipynb", "06_practice_test.ipynb", "07_make_the_argument.ipynb",
            "capstone/capstone_project.ipynb"} <= names


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_each_notebook_is_within_the_plain_english_limits(path, capsys):
    figures = readability.figures(path)
    with capsys.disabled():  # the figures are printed for the record, as the issue asks
        print(f"\n{figures.name}: {len(figures.sentences)} sentences, {figures.average:.1f} "
              f"words on average, {len(figures.long)} over {readability.LONG_SENTENCE}")
    assert len(figures.sentences) >= 40
    assert figures.problems() == [], "\n".join(
        [*figures.problems(), *(f"{n} words: {s}" for n, s in figures.long)])


def test_quotations_headings_and_code_are_not_counted():
    cell = ("# A heading with many words that is not a sentence at all and goes on and on\n\n"
            "> A block quotation from a document that runs on for more than thirty words, "
            "which the learner reads as published and the course never shortens or edits.\n\n"
            'He said "the words of a document that run on for a long time are not ours to cut '
            'and stay as they were published" in 2015. Run `lesson_lib.TimelineExplorer()`.')
    assert readability.markdown_sentences(cell) == ['He said "quoted" in 2015.', "Run code."]


def test_a_long_sentence_over_the_limit_is_found():
    long_sentence = " ".join(["word"] * 31) + "."
    figures = readability.Figures("x", [long_sentence] * 4 + ["Short one."] * 40)
    assert len(figures.long) == 4
    assert figures.problems() == [
        f"4 sentences over {readability.LONG_SENTENCE} words (at most 3)"]
    assert readability.Figures("x", [long_sentence] * 3).problems()[0].startswith("31.0 words")
    assert readability.Figures("x", [" ".join(["w"] * 30) + "."] * 3).long == []


def test_sentences_split_at_a_stop_before_a_capital_not_inside_a_number():
    assert readability.sentences("In 1.5 years it grew. Then (in 2016) it fell! Why? So.") == [
        "In 1.5 years it grew.", "Then (in 2016) it fell!", "Why?", "So."]


def test_list_items_and_table_cells_are_sentences_of_their_own():
    cell = "- first item\n- second item\n\n| a | b |\n|---|---|\n| one cell | two cell |"
    assert readability.markdown_sentences(cell) == [
        "first item", "second item", "a", "b", "one cell", "two cell"]


TIMED = [p for p in NOTEBOOKS if p.parent == readability.NOTEBOOKS and p.name[:2] in
         {"01", "02", "03", "04", "05", "06", "07"}]


@pytest.mark.parametrize("path", TIMED, ids=[p.name for p in TIMED])
def test_reading_the_core_at_150_words_a_minute_leaves_most_of_it_for_the_tasks(path):
    words, minutes = readability.core_reading(path)
    assert minutes >= 30 and words > 200
    assert words / readability.READING_WORDS_PER_MINUTE <= 0.3 * minutes, (
        f"{path.name}: {words} words take {words / 150:.1f} of the Core's {minutes} minutes")


def test_core_reading_counts_core_sections_and_not_folded_or_later_ones(tmp_path):
    import json

    cells = ["# Title\n\nintro words here", "## 1 · *Core, 5 minutes*\n\none two three",
             "<details><summary>Help</summary>\n\nnot counted at all</details>\n\nfour",
             "### Sub part\n\nfive six", "## 2 · *If time, 4 minutes*\n\nseven eight nine"]
    notebook = {"cells": [{"cell_type": "markdown", "source": c} for c in cells]}
    path = tmp_path / "01_x.ipynb"
    path.write_text(json.dumps(notebook), "utf-8")
    # "1 Core 5 minutes one two three", "four", "Sub part five six"
    assert readability.core_reading(path) == (7 + 1 + 4, 5)


def test_two_short_quotations_do_not_join_the_words_between_them():
    text = 'He said "no", then waited for a long while and said "yes" again. Then he left.'
    assert readability.sentences(text) == [
        'He said "no", then waited for a long while and said "yes" again.', "Then he left."]
    assert readability.plain('"' + "x" * 25 + '" and "ok"') == '"quoted" and "ok"'
