"""One typed loader per table of the course's data, each documented from ``schema.json``.

Every loader reads through :func:`lesson_lib.data.load_table`, so it checks the whole
folder and returns a fresh copy.
"""

from __future__ import annotations

import pandas as pd

from .data import document_loader, load_table

__all__ = [
    "load_sources",
    "load_eras",
    "load_actors",
    "load_events",
    "load_memberships",
    "load_relations",
    "load_claims",
    "load_documents",
    "load_reuse_terms",
    "load_account_pairs",
    "load_core_claims",
    "load_quotations",
    "load_essay_documents",
    "load_reading_tasks",
    "load_trade_shares",
    "load_sides",
    "load_index_checks",
    "load_un_votes",
    "load_glossary",
    "load_perspectives",
    "load_decision_points",
    "load_decision_seats",
    "load_decision_options",
    "glossary",
]


def load_sources() -> pd.DataFrame:
    """Every document the course relies on, one row each.

    {columns}

    >>> sources = load_sources()
    >>> sources.loc[sources.source_id == "bif_2016_07_25_minsk_nato", "publisher"].item()
    'Belarus in Focus'
    """
    return load_table("sources")


def load_eras() -> pd.DataFrame:
    """Named periods of the story, back to back from 1990 to 2025.

    {columns}

    >>> load_eras()["era_id"].iloc[0]
    'sovereignty'
    """
    return load_table("eras")


def load_actors() -> pd.DataFrame:
    """States, organisations and people in the story.

    {columns}

    >>> actors = load_actors()
    >>> actors.set_index("actor_id").loc["blr", "iso3"]
    'BLR'
    """
    return load_table("actors")


def load_events() -> pd.DataFrame:
    """Dated events of the balancing act, 1990-2025, one row each, with sources.

    {columns}

    >>> events = load_events()
    >>> events["date"].min() >= pd.Timestamp("1990-01-01")
    True
    """
    return load_table("events")


def load_memberships() -> pd.DataFrame:
    """Who belonged to which organisation, from when to when.

    {columns}

    >>> m = load_memberships()
    >>> sorted(m.loc[m.actor_id == "lva", "organisation_id"])[:2]
    ['eu', 'nato']
    """
    return load_table("memberships")


def load_relations() -> pd.DataFrame:
    """Links between actors over time, by domain and type, with evidence.

    {columns}

    >>> relations = load_relations()
    >>> bool((relations.valid_to >= relations.valid_from).all())
    True
    """
    return load_table("relations")


def load_claims() -> pd.DataFrame:
    """The source article's argument as claims, in the course's words.

    {columns}

    >>> claims = load_claims()
    >>> set(claims.kind) <= {"reported_fact", "interpretation", "forecast", "recommendation"}
    True
    """
    return load_table("claims")

def load_documents() -> pd.DataFrame:
    """The document pack: primary texts from every side, with their key words quoted exactly.

    {columns}

    >>> docs = load_documents()
    >>> docs["perspective"].nunique() >= 6
    True
    """
    return load_table("documents")


def load_reuse_terms() -> pd.DataFrame:
    """What each publisher's terms allow the course to quote (long excerpts or two
    sentences), with the terms' own words and where they were read.

    {columns}

    >>> terms = load_reuse_terms().set_index("reuse_id")
    >>> bool(terms.loc["none", "long_excerpts"])
    False
    """
    return load_table("reuse_terms")


def load_account_pairs() -> pd.DataFrame:
    """Pairs of documents that disagree about one event, each with a third source and the
    course's reading, read in a lesson's Core.

    {columns}

    >>> pairs = load_account_pairs()
    >>> bool((pairs["first_document_id"] != pairs["second_document_id"]).all())
    True
    """
    return load_table("account_pairs")


def load_core_claims() -> pd.DataFrame:
    """The written claim that ends each lesson's Core, with starters and a model answer.

    {columns}

    >>> claims = load_core_claims()
    >>> bool((claims["document_ids"].map(len) >= 2).all())
    True
    """
    return load_table("core_claims")


def load_quotations() -> pd.DataFrame:
    """Passages quoted outside the document pack and the article (the assessment, the
    practice test), each with its page and the date it was checked.

    {columns}

    >>> quotes = load_quotations()
    >>> bool(quotes["source_ids"].map(len).ge(1).all())
    True
    """
    return load_table("quotations")


def load_essay_documents() -> pd.DataFrame:
    """Lesson 07's document set: each document's letter, its id in the pack (empty for the
    source article, letter A) and why it is in the set.

    {columns}

    >>> load_essay_documents()["letter"].iloc[0]
    'A'
    """
    return load_table("essay_documents")


def load_reading_tasks() -> pd.DataFrame:
    """Lesson 01's commit-then-compare tasks: sourcing from clues and close reading.

    {columns}

    >>> set(load_reading_tasks()["section"]) == {"sourcing", "close_reading"}
    True
    """
    return load_table("reading_tasks")


def load_trade_shares() -> pd.DataFrame:
    """Shares of Belarus's foreign trade by partner, as published: an outside measure.

    {columns}

    >>> shares = load_trade_shares()
    >>> bool(shares["share_percent"].between(0, 100).all())
    True
    """
    return load_table("trade_shares")


def load_sides() -> pd.DataFrame:
    """Where each state and organisation stands on the course's Moscow-West axis, and how
    deep membership of each organisation Belarus belonged to binds: one reading, stated
    once, that the index, the network and the lessons read.

    {columns}

    >>> sides = load_sides().set_index("actor_id")
    >>> [sides.loc[a, "side"] for a in ("sco", "osce", "chn", "csto")]
    ['neither', 'neither', 'neither', 'moscow']
    """
    return load_table("sides")


def load_index_checks() -> pd.DataFrame:
    """What a specialist on Belarus would expect the index to show: its own check.

    {columns}

    >>> "never_west_in_both" in set(load_index_checks()["check_id"])
    True
    """
    return load_table("index_checks")


def load_un_votes() -> pd.DataFrame:
    """Recorded UN General Assembly votes on which Russia and the West split, with the votes
    of Belarus, Russia, the United States, Poland and Ukraine: an outside measure.

    {columns}

    >>> votes = load_un_votes()
    >>> bool((votes["belarus"] != "unknown").all())
    True
    """
    return load_table("un_votes")


def load_glossary() -> pd.DataFrame:
    """Every acronym and term the course uses, with its expansion and definition.

    {columns}

    >>> "CSTO" in set(load_glossary()["term"])
    True
    """
    return load_table("glossary")


def load_perspectives() -> pd.DataFrame:
    """What each side wanted in a period, in the course's words, with its evidence.

    {columns}

    >>> grid = load_perspectives()
    >>> grid["side"].nunique()
    7
    """
    return load_table("perspectives")


def load_decision_points() -> pd.DataFrame:
    """The decision rooms of lesson 08: a day, the decision and what was known that day.

    {columns}

    >>> int(load_decision_points()["core"].sum())
    1
    """
    return load_table("decision_points")


def load_decision_seats() -> pd.DataFrame:
    """The seats at each decision room: the role brief and what the seat actually did.

    {columns}

    >>> bool(load_decision_seats().groupby("point_id").size().ge(3).all())
    True
    """
    return load_table("decision_seats")


def load_decision_options() -> pd.DataFrame:
    """The options a seat can choose, with the move each makes on the rule model.

    {columns}

    >>> bool(load_decision_options().groupby("seat_id")["closest"].sum().eq(1).all())
    True
    """
    return load_table("decision_options")


def glossary() -> pd.DataFrame:
    """The glossary to read: term, what it stands for, what it means, and dates, by term.

    >>> glossary().loc["EAEU", "expansion"]
    'Eurasian Economic Union'
    """
    table = load_glossary().set_index("term")
    return table[["expansion", "definition", "dates"]].fillna("")


for _loader, _table in ((load_sources, "sources"), (load_documents, "documents"),
                        (load_glossary, "glossary"), (load_perspectives, "perspectives"),
                        (load_trade_shares, "trade_shares"), (load_sides, "sides"),
                        (load_un_votes, "un_votes"), (load_index_checks, "index_checks"),
                        (load_reading_tasks, "reading_tasks"), (load_reuse_terms, "reuse_terms"),
                        (load_account_pairs, "account_pairs"), (load_core_claims, "core_claims"),
                        (load_quotations, "quotations"), (load_essay_documents, "essay_documents"),
                        (load_eras, "eras"), (load_actors, "actors"), (load_events, "events"),
                        (load_memberships, "memberships"), (load_relations, "relations"),
                        (load_claims, "claims"), (load_decision_points, "decision_points"),
                        (load_decision_seats, "decision_seats"),
                        (load_decision_options, "decision_options")):
    document_loader(_loader, _table)
