"""The teacher's brief: every fact sourced like the data (a row of sources.csv, or a full
reference where the data has none), in the sections the guide promises."""

from __future__ import annotations

import re
from pathlib import Path

import lesson_lib

ROOT = Path(__file__).resolve().parent.parent
BRIEF = ROOT / "docs" / "teacher_brief.md"
SECTIONS = ["The eras at a glance", "Five treaties that matter", "The 2020 crisis",
            "Belarus's part in the war", "Common misconceptions", "What learners ask"]
FULL_REFERENCE = re.compile(r"^[^,\]]+, \d{1,2} \w+ \d{4}, https?://\S+$")


def citations(text: str) -> list[str]:
    return [part.strip() for group in re.findall(r"\[([^\]]+)\]", text)
            for part in (group.split(";") if not group.count("http") else [group])]


def unsourced_facts(text: str, source_ids: set[str]) -> list[str]:
    """Sentences with a year or a number that no bracket in their paragraph sources, and
    brackets that name no source."""
    problems = []
    for paragraph in re.split(r"\n\s*\n|\n(?=- )", text):
        if paragraph.startswith("#") or not re.search(r"\d", paragraph):
            continue
        cited = citations(paragraph)
        if not cited:
            problems.append(paragraph[:80])
        problems += [c for c in cited if c not in source_ids and not FULL_REFERENCE.match(c)]
    return problems


def test_the_brief_has_its_sections_and_fits_two_pages():
    text = BRIEF.read_text("utf-8")
    assert re.findall(r"^## (.+)$", text, re.M) == SECTIONS
    assert 800 <= len(re.sub(r"\[[^\]]*\]", "", text).split()) <= 1400


def test_every_fact_in_the_brief_is_sourced():
    source_ids = set(lesson_lib.load_sources()["source_id"])
    assert unsourced_facts(BRIEF.read_text("utf-8"), source_ids) == []
    assert len(citations(BRIEF.read_text("utf-8"))) >= 60


def test_the_check_finds_a_fact_without_a_source_and_an_unknown_id():
    ids = {"known"}
    assert unsourced_facts("It happened in 1999.", ids) == ["It happened in 1999."]
    assert unsourced_facts("It happened in 1999 [known].", ids) == []
    assert unsourced_facts("It happened in 1999 [unknown].", ids) == ["unknown"]
    assert unsourced_facts("In 2020 [Reuters via X, 16 August 2020, https://x.org/a].", ids) == []


def test_the_guide_and_the_readme_point_to_the_brief():
    for doc in (ROOT / "docs" / "teacher_guide.md", ROOT / "README.md"):
        assert "teacher_brief.md" in doc.read_text("utf-8"), doc.name
