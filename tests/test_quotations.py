"""The quotation register: every passage the course presents as someone's words is
registered with its page and the date it was checked, and nothing a learner reads puts
unregistered words in quotation marks."""

from __future__ import annotations

import ast
import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

import lesson_lib
from lesson_lib.sources.quotations import (
    WORDS_AS_WORDS,
    quotation_register,
    quoted_spans,
    unregistered_quotations,
)

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "lesson_lib" / "data"
# Columns of the data files whose text the course writes (and learners read); the
# quotations themselves (excerpts, key words, the article's sentences) are the register.
COURSE_TEXT = {
    "reading_tasks": ["prompt", "shown", "course_answer"],
    "account_pairs": ["question", "each_says", "why_they_differ", "third_adds"],
    "core_claims": ["prompt", "model_answer"],
    "documents": ["head_note", "adapted", "course_reading"],
    "perspectives": None,
    "claims": ["paraphrase", "verdict_note", "rival_readings"],
    "events": ["title", "summary"],
    "glossary": ["definition"],
}


def _markdown_cells(path: Path):
    notebook = json.loads(path.read_text("utf-8"))
    for number, cell in enumerate(notebook["cells"]):
        if cell["cell_type"] == "markdown":
            yield f"{path.relative_to(ROOT)} cell {number}", "".join(cell["source"])


def _strings(value, where):
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, f"{where}.{key}")
    elif isinstance(value, list):
        for number, item in enumerate(value):
            yield from _strings(item, f"{where}[{number}]")


def learner_texts():
    """Every text a learner or an assessor reads: the notebooks' markdown (lessons, the
    practice test, the capstone, the data track and the assessment's source), the
    self-check banks, the assessment's rubric, and the course's own text in the data."""
    for path in sorted((ROOT / "notebooks").rglob("*.ipynb")):
        if ".ipynb_checkpoints" not in path.parts:
            yield from _markdown_cells(path)
    for path in sorted(DATA.glob("quiz_0*.json")):
        yield from _strings(json.loads(path.read_text("utf-8")), path.name)
    yield "RUBRIC.md", (ROOT / "notebooks/assessment/source/RUBRIC.md").read_text("utf-8")
    for table, columns in COURSE_TEXT.items():
        with open(DATA / f"{table}.csv", encoding="utf-8") as handle:
            for number, row in enumerate(csv.DictReader(handle), start=2):
                for column, text in row.items():
                    if columns is None or column in columns:
                        yield f"{table}.csv line {number} {column}", text


def course_labels() -> set[str]:
    """What the course itself shows in quotation marks without quoting anyone: the labels
    of its widgets (string constants of lesson_lib) and the titles of its events, eras and
    documents."""
    labels = set()
    for path in (ROOT / "lesson_lib").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                labels.add(node.value)
    for table, column in (("events", "title"), ("eras", "name"), ("documents", "title")):
        labels |= set(lesson_lib.load_table(table)[column])
    return labels


@pytest.fixture(scope="module")
def register():
    return quotation_register()


def test_the_register_holds_the_article_every_document_and_the_other_passages(register):
    documents = lesson_lib.load_documents()
    assert (register["kind"] == "article sentence").sum() == len(lesson_lib.load_claims())
    assert (register["kind"] == "document excerpt").sum() == len(documents)
    assert (register["kind"] == "quoted passage").sum() == len(lesson_lib.load_quotations())
    assert register["address"].str.startswith("http").all()
    assert register["checked"].str.len().gt(0).all()


def test_nothing_a_learner_reads_quotes_words_the_register_does_not_hold(register):
    missing = unregistered_quotations(learner_texts(), register, also_allowed=course_labels())
    assert not missing, "\n".join(f"{where}: “{span}”" for where, span in missing)


def test_the_scan_finds_an_unregistered_quotation_in_a_lesson(register):
    texts = [("lesson", 'Lukashenko said: "We have never been closer to the West than now."'),
             ("lesson", 'Makei: "we want to be friends with everybody" (2015).')]
    assert unregistered_quotations(texts, register) == [
        ("lesson", "We have never been closer to the West than now.")]


def test_a_changed_word_in_a_real_quotation_is_caught(register):
    changed = 'The EU: "However, the elections were neither free nor fair nor honest."'
    assert unregistered_quotations([("x", changed)], register)
    right = 'The EU: "However, the elections were neither free nor fair."'
    assert not unregistered_quotations([("x", right)], register)


def test_starters_and_words_used_as_words_are_not_quotations():
    assert quoted_spans('*Sentence starters:* "The links add up to … points."') == []
    assert quoted_spans('the word "might"') == []
    assert "sit on two chairs" in WORDS_AS_WORDS
    assert len(WORDS_AS_WORDS) <= 15  # a short list: real quotations belong in the register


def test_the_register_page_is_made_from_the_data():
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "quotation_register.py"),
                             "--check"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
