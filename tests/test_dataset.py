"""The shipped dataset, checked table by table and column by column from schema.json."""

from __future__ import annotations

import difflib
import itertools

import pandas as pd
import pytest

import lesson_lib
from lesson_lib.schema import ID_PATTERN, load_schema

SCHEMA = load_schema()
TABLES = list(SCHEMA["tables"])
COLUMNS = [(t, c) for t in TABLES for c in SCHEMA["tables"][t]["columns"]]
LOADERS = {name: getattr(lesson_lib, f"load_{name}") for name in TABLES}
COURSE_START, COURSE_END = pd.Timestamp("1990-01-01"), pd.Timestamp("2025-12-31")


def column_id(item):
    table, col = item
    return f"{table}.{col['name']}"


@pytest.fixture(scope="module")
def data():
    return {name: LOADERS[name]() for name in TABLES}


@pytest.mark.parametrize("name", TABLES)
def test_loader_documents_every_column(name):
    doc = LOADERS[name].__doc__
    for col in SCHEMA["tables"][name]["columns"]:
        assert col["name"] in doc, f"load_{name} does not describe {col['name']}"


@pytest.mark.parametrize("name", TABLES)
def test_columns_in_schema_order(data, name):
    assert list(data[name].columns) == [c["name"] for c in SCHEMA["tables"][name]["columns"]]


@pytest.mark.parametrize("item", COLUMNS, ids=column_id)
def test_column_type_and_rules(data, item):
    table, col = item
    series = data[table][col["name"]]
    kind = col["type"]
    if kind == "date":
        assert pd.api.types.is_datetime64_any_dtype(series)
        present = series.dropna()
        if "min" in col:
            assert (present >= pd.Timestamp(col["min"])).all()
        if "max" in col:
            assert (present <= pd.Timestamp(col["max"])).all()
    elif kind == "integer":
        assert str(series.dtype) == "Int64"
        present = series.dropna()
        assert ((present >= col.get("min", -10**9)) & (present <= col.get("max", 10**9))).all()
    elif kind == "category":
        assert isinstance(series.dtype, pd.CategoricalDtype)
        assert list(series.cat.categories) == col["values"]
    elif kind == "boolean":
        assert str(series.dtype) == "boolean"
    elif kind == "id_list":
        assert series.map(lambda v: isinstance(v, tuple)).all()
        assert all(ID_PATTERN.match(i) for ids in series for i in ids)
    elif kind == "id":
        assert series.dropna().map(lambda v: bool(ID_PATTERN.match(v))).all()
    if col.get("required"):
        empty = series.map(lambda v: v == ()) if kind == "id_list" else series.isna()
        assert not empty.any(), f"{table}.{col['name']} has empty required values"
    if col.get("max_words"):
        words = series.dropna().map(lambda text: len(text.split()))
        assert (words <= col["max_words"]).all()


@pytest.mark.parametrize("item", [i for i in COLUMNS if i[1].get("references")], ids=column_id)
def test_references_resolve(data, item):
    table, col = item
    target = col["references"]
    keys = set(data[target][SCHEMA["tables"][target]["key"]])
    values = data[table][col["name"]]
    refs = {r for v in values for r in (v if isinstance(v, tuple) else [v]) if isinstance(r, str)}
    assert refs <= keys, sorted(refs - keys)


@pytest.mark.parametrize("name", TABLES)
def test_keys_unique(data, name):
    assert data[name][SCHEMA["tables"][name]["key"]].is_unique


def test_every_dated_row_is_sourced():
    for name in ("events", "memberships", "relations"):
        col = next(c for c in SCHEMA["tables"][name]["columns"] if c["name"] == "source_ids")
        assert col["required"] and col["references"] == "sources"


def test_every_source_is_cited(data):
    cited = set()
    for name in TABLES:
        for col in SCHEMA["tables"][name]["columns"]:
            if col.get("references") == "sources":
                cited.update(i for ids in data[name][col["name"]] for i in ids)
    assert set(data["sources"]["source_id"]) == cited


def test_enough_events_across_the_whole_story(data):
    events = data["events"]
    assert len(events) >= 80
    assert events["date"].min() < pd.Timestamp("1992-01-01")
    assert events["date"].max() >= pd.Timestamp("2025-01-01")
    assert set(events["category"]) == {"security", "political", "economic", "diplomatic"}
    assert set(events["track"]) == {"russia", "nato_us", "eu", "neighbours", "multilateral"}


def test_event_dates_inside_course_and_spans_end_after_start(data):
    events = data["events"]
    assert events["date"].between(COURSE_START, COURSE_END).all()
    spans = events.dropna(subset=["end_date"])
    assert (spans["end_date"] > spans["date"]).all()


def test_event_precision_matches_date(data):
    events = data["events"]
    month = events[events.date_precision == "month"]
    year = events[events.date_precision == "year"]
    assert (month["date"].dt.day == 1).all()
    assert ((year["date"].dt.month == 1) & (year["date"].dt.day == 1)).all()


def test_each_event_sits_in_its_era(data):
    eras = data["eras"].set_index("era_id")
    for _, event in data["events"].iterrows():
        era = eras.loc[event["era_id"]]
        assert era["start"] <= event["date"] <= era["end"], event["event_id"]


def test_eras_cover_1990_to_2025_without_gaps(data):
    eras = data["eras"].sort_values("start")
    assert eras["start"].iloc[0] == COURSE_START and eras["end"].iloc[-1] == COURSE_END
    gaps = eras["start"].iloc[1:].to_numpy() - eras["end"].iloc[:-1].to_numpy()
    assert (gaps == pd.Timedelta(days=1)).all()


def test_no_near_duplicate_events(data):
    events = data["events"]
    for _, same_day in events.groupby("date"):
        for a, b in itertools.combinations(same_day["title"].str.lower(), 2):
            assert difflib.SequenceMatcher(None, a, b).ratio() < 0.85, (a, b)


def test_article_only_facts_cite_the_article(data):
    for name in ("events", "relations"):
        flagged = data[name][data[name]["article_only"]]
        assert flagged["source_ids"].map(lambda ids: lesson_lib.ARTICLE_SOURCE_ID in ids).all()
    events = data["events"].set_index("event_id")
    # The three facts the source README says only the article reports.
    assert events.loc["belarus_not_invited_warsaw_summit_2016", "article_only"]
    assert events.loc["makei_visit_latvia_2016", "article_only"]


def test_known_dates(data):
    """A few anchor facts a teacher would check first."""
    events = data["events"].set_index("event_id")
    assert events.loc["union_state_treaty_signed_1999", "date"] == pd.Timestamp("1999-12-08")
    assert events.loc["union_state_treaty_signed_1999", "act"] == "signing"
    assert events.loc["union_state_treaty_in_force_2000", "act"] == "entry_into_force"
    assert events.loc["eu_sanctions_lifted_2016", "date"] == pd.Timestamp("2016-02-15")
    members = data["memberships"].set_index("membership_id")
    assert members.loc["lva_nato_2004", "joined"] == pd.Timestamp("2004-03-29")
    assert members.loc["lva_eu_2004", "joined"] == pd.Timestamp("2004-05-01")


def test_relations_cover_every_year(data):
    relations = data["relations"]
    for year in range(1991, 2026):
        held = relations[(relations.valid_from <= year) & (relations.valid_to >= year)]
        assert (held.from_actor.eq("blr") | held.to_actor.eq("blr")).any(), year


def test_claims_follow_the_article(data):
    claims = data["claims"]
    assert 15 <= len(claims) <= 30
    assert set(claims["paragraph"]) == set(range(1, 9))
    assert {"reported_fact", "interpretation", "forecast"} <= set(claims["kind"])
    testable = claims[claims.kind.isin(["reported_fact", "forecast"])]
    assert testable["verdict"].notna().all()
    assert claims["quote"].dropna().map(lambda q: len(q.split()) <= 12).all()


def test_persons_spelling(data):
    actors = data["actors"].set_index("actor_id")
    assert actors.loc["rinkevics", "name"] == "Edgars Rinkēvičs"
    assert "Rinkevich" in actors.loc["rinkevics", "name_local"]
    assert (actors.loc[actors.kind == "state", "iso3"].str.len() == 3).all()
