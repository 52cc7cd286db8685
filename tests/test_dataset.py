"""The shipped dataset, checked table by table and column by column from schema.json."""

from __future__ import annotations

import pandas as pd
import pytest

import lesson_lib
from lesson_lib.course import FIRST_STATE_YEAR, LAST_YEAR
from lesson_lib.schema import load_schema
from lesson_lib.table_parser import ID_PATTERN

SCHEMA = load_schema()
TABLES = list(SCHEMA["tables"])
COLUMNS = [(t, c) for t in TABLES for c in SCHEMA["tables"][t]["columns"]]
LOADERS = {name: getattr(lesson_lib, f"load_{name}") for name in TABLES}


def column_id(item):
    table, col = item
    return f"{table}.{col['name']}"


@pytest.fixture(scope="module")
def data():
    return {name: LOADERS[name]() for name in TABLES}


@pytest.mark.parametrize("name", TABLES)
def test_columns_in_schema_order(data, name):
    assert list(data[name].columns) == [c["name"] for c in SCHEMA["tables"][name]["columns"]]


@pytest.mark.parametrize("item", COLUMNS, ids=column_id)
def test_loaders_give_each_column_its_schema_type(data, item):
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
        assert all(ID_PATTERN.match(v) for v in series.dropna())


def test_every_dated_row_is_sourced():
    for name in ("events", "memberships", "relations"):
        col = next(c for c in SCHEMA["tables"][name]["columns"] if c["name"] == "source_ids")
        assert col["required"] and col["references"] == "sources"


def test_enough_events_across_the_whole_story(data):
    events = data["events"]
    assert len(events) >= 80
    assert events["date"].min() < pd.Timestamp("1992-01-01")
    assert events["date"].max() >= pd.Timestamp("2025-01-01")
    assert set(events["category"]) == {"security", "political", "economic", "diplomatic"}
    assert set(events["track"]) == {"russia", "nato_us", "eu", "neighbours", "multilateral",
                                    "society"}


def test_the_facts_only_the_article_reports_are_flagged(data):
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
    for year in range(FIRST_STATE_YEAR, LAST_YEAR + 1):
        held = relations[(relations.valid_from <= year) & (relations.valid_to >= year)]
        assert (held.from_actor.eq("blr") | held.to_actor.eq("blr")).any(), year


def test_claims_follow_the_article(data):
    claims = data["claims"]
    assert 15 <= len(claims) <= 35
    assert set(claims["paragraph"]) == set(range(0, 9))
    assert {"reported_fact", "interpretation", "forecast"} <= set(claims["kind"])
    testable = claims[claims.kind.isin(["reported_fact", "forecast"])]
    assert testable["verdict"].notna().all()


def test_persons_spelling(data):
    actors = data["actors"].set_index("actor_id")
    assert actors.loc["rinkevics", "name"] == "Edgars Rinkēvičs"
    assert "Rinkevich" in actors.loc["rinkevics", "name_local"]
    assert (actors.loc[actors.kind == "state", "iso3"].str.len() == 3).all()
