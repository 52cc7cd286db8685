"""The primer: a locator map from the shipped outlines and basic facts that carry sources."""

from __future__ import annotations

import pandas as pd
import pytest

import lesson_lib
from lesson_lib import LessonError
from lesson_lib.actors.primer import BASIC_FACTS, basic_facts, locator_map_figure


def test_every_basic_fact_is_a_dated_event_with_its_sources():
    facts = basic_facts()
    events = lesson_lib.load_events().set_index("event_id")
    assert list(facts["topic"]) == [topic for topic, _ in BASIC_FACTS]
    for (_, event_id), (_, fact) in zip(BASIC_FACTS, facts.iterrows(), strict=True):
        event = events.loc[event_id]
        assert fact["what happened"] == event["title"]
        assert str(event["date"].year) in fact["when"]
        assert fact["sources"].count(";") == len(event["source_ids"]) - 1


def test_a_fact_whose_event_was_deleted_is_named(data_copy):
    events = pd.read_csv(data_copy / "events.csv")
    events[events["event_id"] != "referendum_language_symbols_1995"].to_csv(
        data_copy / "events.csv", index=False)
    lesson_lib.use_data(data_copy)
    with pytest.raises(LessonError, match='"referendum_language_symbols_1995".*events.csv'):
        basic_facts()


def test_the_locator_map_draws_belarus_its_neighbours_and_brussels_offline():
    fig = locator_map_figure()
    areas = {t.name: t for t in fig.data if t.mode == "lines"}
    assert set(areas) == {"Belarus", "neighbours", "other countries"}
    capitals = next(t for t in fig.data if t.name == "capitals")
    for seat in ["Minsk", "Moscow", "Kyiv", "Warsaw", "Vilnius", "Riga"]:
        assert any(seat in label for label in capitals.text)
    assert "Brussels (NATO, EU)" in capitals.text
    # plotly's own land and borders come from a CDN: every outline here is the course's
    geo = fig.layout.geo
    assert not (geo.showland or geo.showcountries or geo.showcoastlines)
