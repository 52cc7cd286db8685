"""Every acronym a learner meets is explained: in the glossary, or expanded in the lesson."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

import lesson_lib
from lesson_lib.ties import ORGANISATION_NAMES

ROOT = Path(__file__).resolve().parent.parent
LESSONS = sorted((ROOT / "notebooks").glob("0*.ipynb"))
ACRONYM = re.compile(r"\b[A-Z][A-Z/]{1,6}\b")
# Roman numerals and words in capitals that are not acronyms.
NOT_ACRONYMS = {"II", "III", "IV", "VI", "OK"}


def glossary_terms() -> set[str]:
    return set(lesson_lib.load_glossary()["term"])


def markdown(path: Path) -> str:
    return "\n".join(c.source for c in nbformat.read(path, as_version=4).cells
                     if c.cell_type == "markdown")


def expanded_in(text: str, acronym: str) -> bool:
    """ "Collective Security Treaty Organization (CSTO)" or "CSTO (Collective ...)"."""
    return bool(re.search(rf"[A-Za-z][^()\n]{{6,}}\({re.escape(acronym)}\)", text)
                or re.search(rf"\*?\*?{re.escape(acronym)}\*?\*? \([A-Z][^)]{{6,}}\)", text))


@pytest.mark.parametrize("path", LESSONS, ids=[p.name for p in LESSONS])
def test_every_acronym_in_a_lesson_is_explained(path):
    text = markdown(path)
    terms = glossary_terms()
    unexplained = sorted({a for a in ACRONYM.findall(text) if a not in NOT_ACRONYMS
                          and a not in terms and not expanded_in(text, a)})
    assert unexplained == [], f"{path.name}: add to glossary.csv or expand: {unexplained}"


def test_the_check_catches_an_unexplained_acronym():
    terms = glossary_terms()
    assert "OSZE" not in terms
    text = "Minsk joined the OSZE."
    assert [a for a in ACRONYM.findall(text) if a not in terms and not expanded_in(text, a)]
    assert expanded_in("the Organisation for Security (OSZE)", "OSZE")


def test_every_acronym_on_a_legend_or_hover_is_in_the_glossary():
    terms = glossary_terms()
    names = list(ORGANISATION_NAMES.values()) + list(lesson_lib.load_actors()["name"])
    found = {a for name in names for a in ACRONYM.findall(name)} - NOT_ACRONYMS
    assert found - terms == set()


def test_glossary_terms_are_unique_and_dated_terms_are_sourced():
    table = lesson_lib.load_glossary()
    assert table["term"].is_unique
    dated = table[table["dates"].notna()]
    assert dated["source_ids"].map(len).gt(0).all()
