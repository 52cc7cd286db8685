"""The scenario model: the 2016 article's logic as rules, and its explorer."""

from __future__ import annotations

import pytest

import lesson_lib
from lesson_lib import LessonError
from lesson_lib.model.scenario import (
    RULES,
    SCENARIOS,
    BalanceExplorer,
    check_rules,
    scenario_outcome,
)

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


def test_the_model_explorer_opens_on_its_preset_and_draws_a_preset_once():
    from lesson_lib import BalanceExplorer

    explorer = BalanceExplorer()
    assert explorer.preset.value == "2016: the article's moment"
    draws = []
    explorer.result_chart.observe(lambda change: draws.append(1), names="figure")
    explorer.preset.value = "2022: the war"
    assert len(draws) == 1
    assert explorer.outcome["moscow"] > 0 > explorer.outcome["west"]


def test_the_rules_are_named_in_plain_words_and_open_with_a_button():
    from lesson_lib import BalanceExplorer
    from lesson_lib.model.scenario import RULES

    explorer = BalanceExplorer()
    assert all(slider.description == "weight" for slider in explorer.rule_sliders.values())
    assert {s.tooltip for s in explorer.rule_sliders.values()} == {t for _, t in RULES.values()}
    assert explorer.rules_panel.layout.display == "none"
    explorer.rules_toggle.value = True
    assert explorer.rules_panel.layout.display == "flex"
    assert explorer.rules_toggle.description == "Hide the rules"


def test_a_warm_response_is_never_called_cool():
    from lesson_lib.model.scenario import _reading

    assert "mildly warm" in _reading({"west": 2.6, "moscow": 2.6, "room": 8})
    assert "cool but not hostile" in _reading({"west": -2.2, "moscow": 1, "room": 8})
    assert "hostile" in _reading({"west": -5, "moscow": 1, "room": 8})
