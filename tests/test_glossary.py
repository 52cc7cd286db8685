"""Every acronym a learner meets is explained: in the glossary, or expanded in the lesson."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pandas as pd
import pytest

import lesson_lib
from lesson_lib.actors.ties import ORGANISATION_NAMES

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


# A name followed by the kind of thing it names ("the Druzhba pipeline", "Oreshnik missiles",
# "the Coordination Council", "Wagner fighters") is a term: a newcomer cannot tell from the
# words around it what it is, so the glossary must say.
NAMED_THING = re.compile(
    r"((?:[A-Z][\w'’-]*[\s-]){1,4})(missiles?|system|plant|pipeline|[Gg]roup|[Cc]ouncil|"
    r"[Pp]rize|[Cc]abinet|fighters|mercenar\w+|company|[Pp]rogramme|exercises?)\b")
# Named things the hover text itself explains where it stands, or that need no explaining.
EXPLAINED_WHERE_THEY_STAND = {
    "Coordination Group",  # "a new Coordination Group to steer their relations"
    "Individual Partnership Programme",  # "Belarus's first programme under the Partnership"
    "Nobel Peace Prize",
}
# Terms in lower case that name one thing in the course's story.
LOWER_CASE_TERMS = ["forward presence", "two chairs", "thaw", "sanctions"]


def hover_texts() -> list[str]:
    """What the timeline's and the maps' hovers show: events' titles and summaries and the
    ties' notes."""
    events, relations = lesson_lib.load_events(), lesson_lib.load_relations()
    return list(events["title"]) + list(events["summary"]) + list(relations["note"].dropna())


def unexplained_named_things(texts: list[str], glossary: pd.DataFrame) -> list[str]:
    known = [t.lower() for t in list(glossary["term"]) + list(glossary["expansion"])]
    found = set()
    for text in texts:
        for match in NAMED_THING.finditer(text):
            words = match.group(0).split()
            while words and words[0] in {"The", "A", "An", "This", "Its", "Their"}:
                words = words[1:]  # "The programme" names nothing
            if len(words) > 1:
                found.add(" ".join(words))
    return sorted(name for name in found if name not in EXPLAINED_WHERE_THEY_STAND
                  and not any(k in name.lower() for k in known))


def test_every_named_thing_in_a_hover_is_in_the_glossary():
    glossary = lesson_lib.load_glossary()
    assert unexplained_named_things(hover_texts(), glossary) == []
    terms = set(glossary["term"])
    assert [t for t in LOWER_CASE_TERMS if t not in terms] == []
    # each lower-case term the hovers use is there (forward presence, from the 2016 summit)
    assert any("forward presence" in text for text in hover_texts())


def test_the_named_thing_check_finds_a_new_term():
    glossary = lesson_lib.load_glossary()
    texts = ["Russia moves Iskander missiles to the border.", "The Belneft company grows."]
    assert unexplained_named_things(texts, glossary) == ["Belneft company", "Iskander missiles"]
    with_it = pd.concat([glossary, pd.DataFrame([{"term": "Iskander", "expansion": "Iskander",
                                                  "definition": "."}])])
    assert unexplained_named_things(texts[:1], with_it) == []
