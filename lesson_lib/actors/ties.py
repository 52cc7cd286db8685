"""Who belongs where and who pulls whom, year by year, and how a tie is described.

The queries the geo map, the network and the text summaries share: memberships in
force at the end of a year, the relations that hold in a year, an actor's short name,
and each relation's hover text with its evidence and sources.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import pandas as pd

from .._checks import one_of, year_between
from ..course import DOMAINS, FIRST_STATE_YEAR, LAST_YEAR, labels
from ..data import data_version
from ..formatting import format_span, plotly_text, source_line, sources_summary, wrap
from ..tables import load_actors, load_events, load_memberships, load_relations, load_sources

__all__ = [
    "ORGANISATION_NAMES",
    "organisation_name",
    "memberships_in",
    "bloc_of",
    "relations_in",
    "short_name",
    "relation_hovers",
]

ORGANISATION_NAMES = labels("memberships", "organisation_id")
# The CSTO was founded with its charter of 7 October 2002 (event csto_charter_signed_2002);
# before that its members were parties to the Collective Security Treaty of 1992.
CSTO_FOUNDED = 2002
TREATY_BEFORE_CSTO = "Collective Security Treaty (CST)"


def organisation_name(organisation: str, year: int) -> str:
    """The organisation's name as it was in ``year``.

    >>> organisation_name("csto", 1999), organisation_name("csto", 2016)
    ('Collective Security Treaty (CST)', 'CSTO')
    """
    if organisation == "csto" and year < CSTO_FOUNDED:
        return TREATY_BEFORE_CSTO
    return ORGANISATION_NAMES[organisation]


def check_year(year) -> int:
    """The year as an int inside the years Belarus has been a state, or a teaching error."""
    return year_between("year", year, FIRST_STATE_YEAR, LAST_YEAR)


def check_domain(domain) -> str | None:
    return one_of("domain", domain, DOMAINS)


def check_actor(actor, actors: pd.DataFrame) -> str | None:
    return one_of("focus", actor, sorted(actors["actor_id"]))


def check_view(year, domain, focus) -> tuple[int, str | None, str | None, pd.DataFrame]:
    """The arguments every view of a year takes, checked, and the actors table they need."""
    actors = load_actors()
    return check_year(year), check_domain(domain), check_actor(focus, actors), actors


def _year_end(year: int) -> pd.Timestamp:
    return pd.Timestamp(f"{year}-12-31")


def memberships_in(year: int, memberships: pd.DataFrame | None = None) -> dict[str, set[str]]:
    """Each actor's organisations on 31 December of ``year`` (memberships and partnerships
    in force then; observer status does not count).

    >>> sorted(memberships_in(2004)["lva"])
    ['eu', 'nato']
    """
    year = check_year(year)
    memberships = load_memberships() if memberships is None else memberships
    day = _year_end(year)
    active = memberships[(memberships["joined"] <= day)
                         & (memberships["left"].isna() | (memberships["left"] > day))
                         & (memberships["status"] != "observer")]
    found: dict[str, set[str]] = {}
    for actor, organisation in zip(active["actor_id"], active["organisation_id"], strict=True):
        found.setdefault(actor, set()).add(organisation)
    return found


def bloc_of(organisations: set[str]) -> str:
    """The map colour group for a set of organisations (see ``actor_map.BLOCS``).

    >>> bloc_of({"nato", "eu"}), bloc_of({"csto", "cis"}), bloc_of(set())
    ('nato_eu', 'csto', 'other')
    """
    if {"nato", "eu"} <= organisations:
        return "nato_eu"
    for bloc in ("nato", "eu", "union_state", "csto", "eastern_partnership", "cis"):
        if bloc in organisations:
            return bloc
    return "other"


def relations_in(year: int, *, domain: str | None = None,
                 relations: pd.DataFrame | None = None) -> pd.DataFrame:
    """The relations that hold in ``year`` (optionally one domain).

    >>> relations_in(2016, domain="security").domain.unique().tolist()
    ['security']
    """
    year, domain = check_year(year), check_domain(domain)
    relations = load_relations() if relations is None else relations
    held = relations[(relations["valid_from"] <= year) & (relations["valid_to"] >= year)]
    if domain:
        held = held[held["domain"] == domain]
    return held


def short_name(name: str) -> str:
    """'North Atlantic Treaty Organization (NATO)' -> 'NATO'."""
    if name.endswith(")") and "(" in name:
        return name[name.rindex("(") + 1:-1]
    return name


@dataclass(frozen=True)
class RelationHover:
    """A relation's hover text in parts, so that a map of one year shows only the evidence
    dated up to that year (a 1999 map does not cite Zapad-2017)."""

    head: str
    evidence: tuple[tuple[int, str], ...]  # (year of the event, its line)
    sources: str

    def text(self, year: int | None = None) -> str:
        shown = [line for when, line in self.evidence if year is None or when <= year]
        return "<br>".join([self.head, *shown[:4], self.sources])


def relation_hovers(relations: pd.DataFrame | None = None) -> dict[str, RelationHover]:
    """Each relation's hover (ends, type, evidence and sources), by relation id.

    The parts do not depend on the year, the domain or the focus, so an explorer
    computes them once; :func:`hovers_covering` writes the texts for the year shown.

    >>> hover = relation_hovers()["blr_rus_security_alliance_1993_2021"]
    >>> ["Zapad-2017" in hover.text(year) for year in (2021, 1999)]
    [True, False]
    """
    if relations is None:  # the whole table: computed once while the data stay the same
        return dict(_all_relation_hovers(data_version()))
    return _hovers_of(relations)


@functools.lru_cache(maxsize=2)
def _all_relation_hovers(version: tuple) -> dict[str, RelationHover]:
    # ``version`` is only the cache key: another folder, or an edited file, is a new one.
    return _hovers_of(load_relations())


def _hovers_of(relations: pd.DataFrame) -> dict[str, RelationHover]:
    actors = load_actors()
    names = dict(zip(actors["actor_id"], actors["name"].map(short_name), strict=True))
    by_event = load_events().set_index("event_id")
    by_source = load_sources().set_index("source_id")
    return {rel.relation_id: _relation_hover(rel, names, by_event, by_source)
            for rel in relations.itertuples()}


def hovers_covering(rels: pd.DataFrame, hover: dict[str, RelationHover] | None,
                    year: int | None = None) -> dict[str, str]:
    """Hover texts for ``rels`` as of ``year``, from ``hover`` if it covers them; otherwise
    from fresh parts (the data may have been swapped with ``use_data`` since an explorer
    computed its own)."""
    if hover is None or not set(rels["relation_id"]) <= hover.keys():
        hover = relation_hovers()
    return {rel_id: hover[rel_id].text(year) for rel_id in rels["relation_id"]}


# Characters per hover line: wide enough to read, narrow enough for a 390 px phone.
HOVER_WIDTH = 48


def _relation_hover(rel, names: dict[str, str], by_event: pd.DataFrame,
                    by_source: pd.DataFrame) -> RelationHover:
    # Wrapped, and at most two sources: an unwrapped line runs off the chart.
    arrow = "→" if rel.directed else "↔"
    head = [f"<b>{plotly_text(names[rel.from_actor])} {arrow} "
            f"{plotly_text(names[rel.to_actor])}</b>",
            f"{plotly_text(rel.domain)} {plotly_text(rel.type)}, strength {rel.strength}, "
            f"{rel.valid_from}-{rel.valid_to}"]
    if isinstance(rel.note, str):
        head.append(wrap(rel.note, HOVER_WIDTH))
    evidence = []
    for event_id in rel.evidence_event_ids:
        if event_id in by_event.index:
            e = by_event.loc[event_id]
            evidence.append((e["date"].year, wrap(
                f"· {format_span(e['date'], e['date_precision'])}: {e['title']}", HOVER_WIDTH)))
    cited = [source_line(by_source.loc[s]) for s in rel.source_ids if s in by_source.index]
    if rel.article_only:
        cited.append("reported only by the source article")
    sources = ["<i>Sources:</i>"] + [wrap(c, HOVER_WIDTH) for c in sources_summary(
        cited, "all are listed in the explorer's ties panel (choose the actor under Focus)")]
    return RelationHover("<br>".join(head), tuple(evidence), "<br>".join(sources))
