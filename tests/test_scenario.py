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


# ---- the model's arithmetic, as its docstring states it ------------------------------------

from lesson_lib.errors import Problem  # noqa: E402
from lesson_lib.model.scenario import (  # noqa: E402
    CHOICES,
    _reading,
    check_choices,
    default_rules,
    outcome_figure,
)

_ONE_EACH = {"political_dialogue_west": 1, "security_cooperation_west": 2,
             "military_integration_russia": 3, "economic_dependence_russia": 4,
             "mediation_role": 5}


def test_each_rule_weighs_its_own_choice_as_the_docstring_says():
    # Weights that single out each term: 1, 10, 100 ... so each product shows in the sums.
    rules = {"west_welcomes_dialogue": 0.1, "west_rewards_security_cooperation": 0.2,
             "west_reads_military_integration": 0.3, "mediation_softens": 0.4,
             "moscow_rewards_integration": 0.5, "moscow_reads_distance_as_betrayal": 0.6,
             "moscow_frowns_on_dialogue": 0.7, "dependence_is_leverage": 0.8,
             "punishment_costs_room": 0.9, "mediation_buys_room": 0.2}
    out = scenario_outcome(_ONE_EACH, rules)
    west = 1 * 0.1 + 2 * 0.2 - 3 * 0.3 + 5 * 0.4  # 1.6
    moscow = 3 * 0.5 - 2 * 0.6 - 1 * 0.7 + 5 * 0.4  # 1.6
    assert out == {"west": round(west, 2), "moscow": round(moscow, 2),
                   "room": round(10 - 4 * 0.8 + 5 * 0.2, 2)}  # nobody hostile: no cost


def test_hostility_from_each_side_costs_room_and_warmth_costs_nothing():
    rules = dict(default_rules(), punishment_costs_room=1.0, dependence_is_leverage=0.0,
                 mediation_buys_room=0.0, mediation_softens=0.0)
    cold_west = dict(_ONE_EACH, political_dialogue_west=0, security_cooperation_west=0,
                     military_integration_russia=5, mediation_role=0)
    out = scenario_outcome(cold_west, rules)
    assert out["west"] == -4.0 and out["moscow"] == 3.0
    assert out["room"] == 6.0  # 10 - the West's 4 points of hostility
    both = dict(cold_west, security_cooperation_west=6, military_integration_russia=10)
    out = scenario_outcome(both, rules)
    assert (out["west"], out["moscow"]) == (-2.6, -1.2)
    assert out["room"] == round(10 - 2.6 - 1.2, 2)


def test_responses_stop_at_ten_either_way_and_room_at_zero_and_ten():
    maximal = dict(default_rules(), west_rewards_security_cooperation=3.0,
                   moscow_reads_distance_as_betrayal=3.0, mediation_buys_room=3.0)
    out = scenario_outcome({**_ONE_EACH, "security_cooperation_west": 10,
                            "military_integration_russia": 0, "mediation_role": 10,
                            "economic_dependence_russia": 0}, maximal)
    assert out == {"west": 10, "moscow": -10, "room": 10}
    hostile = scenario_outcome({**_ONE_EACH, "security_cooperation_west": 10,
                                "military_integration_russia": 10, "mediation_role": 0,
                                "economic_dependence_russia": 10},
                               dict(default_rules(), punishment_costs_room=3.0))
    assert hostile["room"] == 0
    assert scenario_outcome({**_ONE_EACH, "mediation_role": 10, "economic_dependence_russia": 0},
                            dict(default_rules(), mediation_buys_room=3.0))["room"] == 10


def test_the_outcome_is_rounded_to_two_decimals():
    out = scenario_outcome(_ONE_EACH, {"west_welcomes_dialogue": 0.333})
    assert out["west"] == round(out["west"], 2) and len(str(out["west"]).split(".")[1]) <= 2


def test_the_course_rules_are_the_stated_defaults_and_a_partial_edit_keeps_the_rest():
    assert default_rules() == {name: weight for name, (weight, _) in RULES.items()}
    assert default_rules()["west_rewards_security_cooperation"] == 0.9
    assert check_rules(None) == default_rules()
    edited = check_rules({"mediation_buys_room": 3.0, "punishment_costs_room": 0})
    assert edited == dict(default_rules(), mediation_buys_room=3.0, punishment_costs_room=0.0)
    assert default_rules() is not default_rules()  # a fresh dict: editing one changes nothing


def test_choices_come_back_checked_in_the_models_order():
    shuffled = dict(reversed(list(_ONE_EACH.items())))
    assert list(check_choices(shuffled)) == list(CHOICES)
    assert check_choices({**_ONE_EACH, "mediation_role": 10})["mediation_role"] == 10
    assert check_choices({**_ONE_EACH, "mediation_role": 0})["mediation_role"] == 0


@pytest.mark.parametrize("call, problem", [
    (lambda: check_rules(["mediation_buys_room"]), Problem(
        "rules must be a dict of rule name to weight", found="list",
        expected='e.g. {"mediation_buys_room": 1.0}')),
    (lambda: check_rules({"moscow_is_angry": 1}), Problem(
        "unknown rule", found="'moscow_is_angry'", expected="one of " + ", ".join(RULES))),
    (lambda: check_choices("all"), Problem(
        "choices must be a dict of choice name to level", found="str",
        expected="keys " + ", ".join(CHOICES))),
    (lambda: check_choices({"political_dialogue_west": 1, "talks": 2}), Problem(
        "the choices do not match the model's five",
        found="missing security_cooperation_west, military_integration_russia, "
              "economic_dependence_russia, mediation_role; unknown talks",
        expected="exactly " + ", ".join(CHOICES))),
    (lambda: check_choices({**_ONE_EACH, 7: 1}), Problem(
        "the choices do not match the model's five", found="missing none; unknown 7",
        expected="exactly " + ", ".join(CHOICES))),
])
def test_a_bad_edit_of_the_model_is_named_in_these_words(call, problem):
    with pytest.raises(LessonError) as caught:
        call()
    assert caught.value.problems == [problem]


def test_a_rule_or_choice_out_of_range_names_itself():
    with pytest.raises(LessonError, match="rule mediation_buys_room"):
        check_rules({"mediation_buys_room": 3.01})
    with pytest.raises(LessonError, match="mediation_role"):
        check_choices({**_ONE_EACH, "mediation_role": -1})


@pytest.mark.parametrize("west, moscow, room, reading", [
    (3, 0.1, 7, ("warm", "mildly warm", "plenty of room", "7.0")),
    (0, -0.1, 6.95, ("neither warm nor cool", "cool but not hostile", "some room", "7.0")),
    (-2.99, -3, 4, ("cool but not hostile", "hostile", "some room", "4.0")),
    (2.99, 5, 3.99, ("mildly warm", "warm", "little room", "4.0")),
])
def test_the_reading_names_each_response_and_the_room_at_its_thresholds(west, moscow, room,
                                                                         reading):
    mood_west, mood_moscow, space, shown = reading
    assert _reading({"west": west, "moscow": moscow, "room": room}) == (
        f"<p>In this model the West is <b>{mood_west}</b>, Moscow is <b>{mood_moscow}</b>, and "
        f"Minsk keeps <b>{space}</b> ({shown} of 10).</p>")


def test_the_answer_chart_shows_the_three_numbers_signed_and_labelled():
    fig = outcome_figure({"west": 1.25, "moscow": -2, "room": 5}, title="Yours")
    bar = fig.data[0]
    assert list(bar.x) == [1.25, -2, 5] and bar.orientation == "h"
    assert list(bar.text) == ["+1.2", "-2.0", "5.0"]
    assert fig.layout.title.text == "Yours" and list(fig.layout.xaxis.range) == [-11, 11]
    assert list(bar.marker.pattern.shape) == ["", "x", "."]  # not told by colour alone


def test_the_rules_panel_closes_again_and_its_button_says_so():
    explorer = BalanceExplorer()
    explorer.rules_toggle.value = True
    explorer.rules_toggle.value = False
    assert explorer.rules_panel.layout.display == "none"
    assert explorer.rules_toggle.description == "Show the rules (to edit them)"


def test_resetting_the_rules_redraws_once_and_an_own_start_has_no_preset():
    explorer = BalanceExplorer(choices=_ONE_EACH, rules={"mediation_buys_room": 2.5})
    assert explorer.preset.value == "" and explorer.choices == _ONE_EACH
    assert explorer.rules["mediation_buys_room"] == 2.5
    draws = []
    explorer.result_chart.observe(lambda change: draws.append(1), names="figure")
    explorer.set_rules(None)
    assert len(draws) == 1 and explorer.rules == default_rules()
    assert explorer.outcome == scenario_outcome(_ONE_EACH)
    explorer.preset.value = "2016: the article's moment"
    explorer.rule_sliders["mediation_softens"].value = 1.0  # a rule is not a choice
    assert explorer.preset.value == "2016: the article's moment"


def test_the_explorers_controls_say_what_they_are_and_span_the_models_ranges():
    explorer = BalanceExplorer(rules={"mediation_buys_room": 2.0})
    assert explorer.preset.description == "Start from"
    assert explorer.preset.options[0] == ("(your own settings)", "")
    assert [v for _, v in explorer.preset.options[1:]] == list(SCENARIOS)
    for name, slider in explorer.choice_sliders.items():
        assert (slider.min, slider.max, slider.description) == (0, 10, "level"), name
        assert slider.value == SCENARIOS["2016: the article's moment"][name]
    for name, slider in explorer.rule_sliders.items():
        assert (slider.min, slider.max, slider.step) == (0.0, 3.0, 0.1), name
    assert explorer.rule_sliders["mediation_buys_room"].value == 2.0  # the rules it was given
    assert explorer.reset_rules.description == "Back to the course's rules"
    assert explorer.rules_toggle.description == "Show the rules (to edit them)"


def test_sliders_redraw_when_let_go_and_the_rules_panel_reads_each_rule_in_words():
    import html as html_module

    explorer = BalanceExplorer()
    sliders = [*explorer.choice_sliders.values(), *explorer.rule_sliders.values()]
    assert not any(slider.continuous_update for slider in sliders)  # one redraw per move
    *rows, reset = explorer.rules_panel.children
    assert reset is explorer.reset_rules and len(rows) == len(RULES)
    for row, (name, (_, text)) in zip(rows, RULES.items(), strict=True):
        label, slider = row.children
        assert label.value == f"<i>{html_module.escape(text)}</i>"
        assert slider is explorer.rule_sliders[name]
    assert explorer.rules_toggle.tooltip == "Show or hide the model's rules"
    assert explorer.rules_toggle.value is False


def test_the_answer_chart_names_its_bars_top_down_and_its_axis_for_a_reader():
    fig = outcome_figure({"west": -3, "moscow": 4, "room": 2})
    bar = fig.data[0]
    assert list(bar.y) == ["The West's response", "Moscow's response", "Minsk's room"]
    assert fig.layout.yaxis.autorange == "reversed"  # the West first, as the reading says
    assert fig.layout.title.text == "The model's answer"
    assert fig.layout.xaxis.title.text == "← hostile · warm → (room 0-10)"
    assert fig.layout.xaxis.zeroline is True  # hostile and warm meet at a drawn line
    assert bar.hoverinfo == "skip" and bar.name == "outcome" and bar.textposition == "outside"
    assert len(set(bar.marker.color)) == 3
