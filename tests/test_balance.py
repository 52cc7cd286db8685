"""The balance index (known inputs, weights, empty years) and the scenario rule set."""

from __future__ import annotations

import pandas as pd
import pytest

import lesson_lib
from lesson_lib import LessonError
from lesson_lib.balance import (
    RULES,
    SCENARIOS,
    BalanceExplorer,
    balance_index,
    check_rules,
    scenario_outcome,
    trajectory_figure,
)


def events(*rows):
    """Tiny events tables: (year, category, tilt, strength)."""
    return pd.DataFrame([{"date": pd.Timestamp(f"{y}-06-01"), "category": c, "tilt": t,
                          "tilt_strength": s} for y, c, t, s in rows])


def test_known_input_gives_known_output():
    index = balance_index(events((1995, "security", "toward_west", 3)), memory=0.5, scale=6)
    by_year = index.set_index("year")
    assert by_year.loc[1994, "security"] == 0.0
    assert by_year.loc[1995, "security"] == pytest.approx(0.5)      # 3 / 6
    assert by_year.loc[1996, "security"] == pytest.approx(0.25)     # halved by memory
    assert (by_year["political"] == 0).all() and (by_year["economic"] == 0).all()


def test_diplomatic_events_count_as_political_and_clip_at_one():
    index = balance_index(events(*[(2000, "diplomatic", "toward_moscow", 3)] * 5)).set_index(
        "year")
    assert index.loc[2000, "political"] == -1.0
    assert index.loc[2000, "n_political"] == 5


def test_changing_a_weight_moves_the_result_the_expected_way():
    rows = events((2010, "economic", "toward_moscow", 3), (2010, "economic", "toward_west", 1))
    plain = balance_index(rows).set_index("year").loc[2010, "economic"]
    heavier = balance_index(rows, strength_weights={1: 1, 2: 2, 3: 6}).set_index(
        "year").loc[2010, "economic"]
    assert heavier < plain < 0
    lighter = balance_index(rows, strength_weights={1: 3, 2: 2, 3: 3}).set_index(
        "year").loc[2010, "economic"]
    assert lighter == 0


def test_memory_controls_how_fast_moves_fade():
    rows = events((2000, "security", "toward_west", 2))
    short = balance_index(rows, memory=0.2).set_index("year").loc[2003, "security"]
    long = balance_index(rows, memory=0.9).set_index("year").loc[2003, "security"]
    assert 0 < short < long


def test_balancing_value_shifts_balancing_events():
    rows = events((2015, "security", "balancing", 2))
    assert balance_index(rows).set_index("year").loc[2015, "security"] == 0
    assert balance_index(rows, balancing_value=0.5).set_index("year").loc[2015, "security"] > 0


def test_years_without_events_are_said():
    index = balance_index(events((1995, "security", "toward_west", 3)))
    quiet = index[index["year"] == 1996].iloc[0]
    assert quiet["note"].startswith("no coded events")
    assert index[index["year"] == 1995].iloc[0]["note"] == ""


def test_index_on_the_real_data_covers_every_year():
    index = balance_index()
    assert list(index["year"]) == list(range(1991, 2026))
    assert index.set_index("year").loc[2022, "security"] < index.set_index(
        "year").loc[2016, "security"]


@pytest.mark.parametrize("kwargs, message", [
    ({"memory": 1.5}, "memory"),
    ({"memory": "high"}, "must be a number"),
    ({"scale": 0}, "scale"),
    ({"strength_weights": {1: 1, 2: 2}}, "each strength"),
    ({"strength_weights": {1: 1, 2: -2, 3: 3}}, "out of range"),
])
def test_bad_index_arguments(kwargs, message):
    with pytest.raises(LessonError, match=message):
        balance_index(**kwargs)


def test_trajectory_marks_eras_and_2016():
    fig = trajectory_figure()
    eras = {t.name for t in fig.data if t.mode == "markers"}
    assert eras == set(lesson_lib.load_eras()["name"])
    star = next(t for t in fig.data if t.name == "2016")
    assert star.marker.symbol == "star"


# ---- the scenario rules -------------------------------------------------------------------

def test_security_is_read_as_a_side_but_politics_is_not():
    base = dict(SCENARIOS["2016: the article's moment"])
    more_talk = scenario_outcome({**base, "political_dialogue_west": 10})
    more_security = scenario_outcome({**base, "security_cooperation_west": 8})
    start = scenario_outcome(base)
    # Talking more barely moves Moscow; security cooperation with the West angers it.
    assert start["moscow"] - more_talk["moscow"] < 1
    assert start["moscow"] - more_security["moscow"] > 5
    assert more_security["west"] > more_talk["west"]


def test_mediation_buys_room():
    base = dict(SCENARIOS["2020: after the election"])
    assert scenario_outcome({**base, "mediation_role": 9})["room"] > scenario_outcome(
        base)["room"]


def test_editing_a_rule_changes_the_answer():
    war = SCENARIOS["2022: the war"]
    assert scenario_outcome(war, {"west_reads_military_integration": 0})["west"] > \
        scenario_outcome(war)["west"]


def test_outputs_stay_in_range():
    extreme = {name: 10 for name in SCENARIOS["2022: the war"]}
    out = scenario_outcome(extreme, {name: 3 for name in RULES})
    assert -10 <= out["west"] <= 10 and -10 <= out["moscow"] <= 10 and 0 <= out["room"] <= 10


@pytest.mark.parametrize("choices, message", [
    ({"political_dialogue_west": 11}, "do not match"),
    ({**SCENARIOS["2016: the article's moment"], "mediation_role": 11}, "out of range"),
    ({**SCENARIOS["2016: the article's moment"], "mediation_role": "lots"}, "number"),
    ("all of them", "dict"),
])
def test_bad_choices(choices, message):
    with pytest.raises(LessonError, match=message):
        scenario_outcome(choices)


@pytest.mark.parametrize("rules, message", [
    ({"moscow_is_angry": 1}, "unknown rule"),
    ({"mediation_buys_room": 7}, "out of range"),
    ({"mediation_buys_room": None}, "number"),
    ([("mediation_buys_room", 1)], "dict"),
])
def test_malformed_rule_edits(rules, message):
    with pytest.raises(LessonError, match=message):
        check_rules(rules)


class TestExplorer:
    def test_preset_sets_the_choices(self):
        explorer = BalanceExplorer()
        explorer.preset.value = "2020: after the election"
        assert explorer.choices == SCENARIOS["2020: after the election"]
        assert explorer.outcome == scenario_outcome(SCENARIOS["2020: after the election"])

    def test_moving_a_choice_clears_the_preset_and_redraws(self):
        explorer = BalanceExplorer()
        explorer.preset.value = "2022: the war"
        before = explorer.figure.data[0].x
        explorer.choice_sliders["mediation_role"].value = 9
        assert explorer.preset.value == ""
        assert explorer.figure.data[0].x != before

    def test_rule_sliders_edit_the_rules_and_reset(self):
        explorer = BalanceExplorer()
        explorer.rule_sliders["mediation_buys_room"].value = 2.0
        assert explorer.rules["mediation_buys_room"] == 2.0
        explorer.reset_rules.click()
        assert explorer.rules == lesson_lib.default_rules()

    def test_bad_rules_raise_and_change_nothing(self):
        explorer = BalanceExplorer()
        with pytest.raises(LessonError):
            explorer.set_rules({"mediation_buys_room": 9})
        assert explorer.rules == lesson_lib.default_rules()

    def test_reading_is_plain_words(self):
        explorer = BalanceExplorer()
        explorer.preset.value = "2022: the war"
        assert "hostile" in explorer.reading.value and "little room" in explorer.reading.value
