"""The balance index (known inputs, weights, empty years) and the scenario rule set."""

from __future__ import annotations

import pandas as pd
import pytest

import lesson_lib
from lesson_lib import LessonError
from lesson_lib.actors.dependence import trade_partners_figure
from lesson_lib.model.index import DOMAINS, balance_index, baseline_positions, index_band
from lesson_lib.model.index_views import (
    describe_trajectory,
    outside_measure_figure,
    trajectory_figure,
)
from lesson_lib.model.scenario import (
    RULES,
    SCENARIOS,
    BalanceExplorer,
    check_rules,
    scenario_outcome,
)


def events(*rows):
    """Tiny events tables: (year, category, tilt, strength)."""
    return pd.DataFrame([{"date": pd.Timestamp(f"{y}-06-01"), "category": c, "tilt": t,
                          "tilt_strength": s} for y, c, t, s in rows])


def index(rows, **kwargs):
    """The index of a tiny events table, on moves alone (the baseline comes from the
    shipped relations and is tested separately)."""
    return balance_index(rows, baseline=False, **kwargs).set_index("year")


def test_known_input_gives_known_output():
    by_year = index(events((1995, "security", "toward_west", 3)), memory=0.5, scale=6)
    assert by_year.loc[1994, "security"] == 0.0
    assert by_year.loc[1995, "security"] == pytest.approx(0.5)      # 3 / 6
    assert by_year.loc[1996, "security"] == pytest.approx(0.25)     # halved by memory
    assert (by_year["political"] == 0).all() and (by_year["economic"] == 0).all()


def test_diplomatic_events_count_as_political_and_the_scale_end_is_said():
    by_year = index(events(*[(2000, "diplomatic", "toward_moscow", 3)] * 5))
    assert by_year.loc[2000, "political"] == -1.0
    assert by_year.loc[2000, "n_political"] == 5
    assert by_year.loc[2000, "beyond"] == "political"  # -1.5 shown at -1, and said
    assert by_year.loc[2003, "beyond"] == ""


def test_changing_a_weight_moves_the_result_the_expected_way():
    rows = events((2010, "economic", "toward_moscow", 3), (2010, "economic", "toward_west", 1))
    plain = index(rows).loc[2010, "economic"]
    heavier = index(rows, strength_weights={1: 1, 2: 2, 3: 6}).loc[2010, "economic"]
    assert heavier < plain < 0
    assert index(rows, strength_weights={1: 3, 2: 2, 3: 3}).loc[2010, "economic"] == 0


def test_memory_controls_how_fast_moves_fade():
    rows = events((2000, "security", "toward_west", 2))
    assert 0 < index(rows, memory=0.2).loc[2001, "security"] < index(
        rows, memory=0.9).loc[2001, "security"]


def test_balancing_moves_are_counted_apart():
    by_year = index(events((2015, "security", "balancing", 2), (2015, "political", "balancing",
                                                                1)))
    assert by_year.loc[2015, "security"] == 0 and by_year.loc[2015, "balancing"] == 2
    assert index(events((2015, "security", "balancing", 2)),
                 balancing_value=0.5).loc[2015, "security"] > 0


def test_years_without_events_are_said():
    by_year = index(events((1995, "security", "toward_west", 3)))
    assert by_year.loc[1996, "note"].startswith("no counted events")
    assert by_year.loc[1995, "note"] == ""


def test_by_default_only_minsks_own_acts_move_the_index():
    rows = events((2021, "economic", "toward_moscow", 3), (2021, "political", "toward_west", 2))
    rows["mover"] = ["west", "minsk"]
    by_year = index(rows)
    assert by_year.loc[2021, "economic"] == 0 and by_year.loc[2021, "political"] > 0
    everyone = index(rows, movers=["minsk", "joint", "west"])
    assert everyone.loc[2021, "economic"] < 0
    with pytest.raises(LessonError, match='"movers"'):
        index(rows, movers=["brussels"])


def test_the_real_index_has_a_baseline_that_does_not_fade():
    real = balance_index().set_index("year")
    assert list(real.index) == list(range(1991, 2026))
    assert real.loc[2022, "security"] < real.loc[2016, "security"]
    # Energy dependence on Russia is coded from 1991: the economic position is never 0.
    assert (real["economic_baseline"] < 0).all()
    # 1997: the Collective Security Treaty is in force; the baseline says so.
    assert real.loc[1997, "security_baseline"] < 0
    assert (real[list(DOMAINS)].abs() <= 1).all().all()
    assert real.round(2).equals(real)  # nothing with more than two decimals


def test_baseline_counts_hostile_ties_as_distance():
    base = baseline_positions().set_index("year")
    assert base.loc[2021, "political"] < base.loc[2016, "political"]


def test_the_band_brackets_the_course_settings():
    band = index_band(2016).set_index("domain")
    course = balance_index().set_index("year").loc[2016]
    for domain in DOMAINS:
        assert band.loc[domain, "low"] <= course[domain] <= band.loc[domain, "high"]


def test_describe_trajectory_names_every_era_and_the_scale_end():
    text = describe_trajectory()
    for era in lesson_lib.load_eras()["name"]:
        assert era in text
    assert "would pass the end of the scale" in text


def test_the_outside_measure_is_sourced_and_kept_apart_by_measure():
    shares = lesson_lib.load_trade_shares()
    assert shares["source_id"].notna().all()
    fig = outside_measure_figure()
    names = [t.name for t in fig.data]
    assert "Russia's share of total trade" in names and "Russia's share of exports" in names
    total = next(t for t in fig.data if t.name == "Russia's share of total trade")
    assert list(total.x) == sorted(shares.query("partner == 'russia' and measure == "
                                                "'total_trade'")["year"])
    assert any(s.endswith("-open") for s in total.marker.symbol)  # the approximate 2023 point



def test_trade_partners_figure_shows_every_published_total_and_marks_estimates():
    shares = lesson_lib.load_trade_shares().query("measure == 'total_trade'")
    fig = trade_partners_figure()
    shown = sum(len(t.x) for t in fig.data)
    assert shown == len(shares)
    russia = next(t for t in fig.data if t.name == "Russia")
    by_label = dict(zip(russia.y, russia.text, strict=True))
    assert by_label["2023 (Jan-Jun)"] == "about 70%"  # half a year, an analyst's estimate
    assert by_label["2017"] == "51.1%"  # as published, not rounded
    assert max(max(t.x) for t in fig.data) < fig.layout.xaxis.range[1]  # no bar cut off


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


def test_trajectory_marks_eras_2016_its_band_and_the_direction():
    fig = trajectory_figure(band=index_band(2016))
    eras = {t.name for t in fig.data if t.mode == "markers" and t.name != "direction"}
    assert eras == set(lesson_lib.load_eras()["name"])
    star = next(t for t in fig.data if t.name == "2016")
    assert star.marker.symbol == "star" and star.error_x.array and star.error_y.array
    arrows = next(t for t in fig.data if t.name == "direction")
    assert arrows.marker.angleref == "previous" and len(arrows.x) == 34
    assert list(fig.layout.xaxis.range) == [-1.32, 1.32]
    labels_trace = next(t for t in fig.data if t.name == "year labels")
    assert "2016" not in labels_trace.text  # the star carries its own label


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


def test_a_trade_partner_a_teacher_adds_gets_its_own_bars(monkeypatch):
    import lesson_lib.actors.dependence as balance
    partners = {"russia": "Russia", "eu": "the EU", "ukraine": "Ukraine", "china": "China",
                "kaz": "Kazakhstan"}
    monkeypatch.setattr(balance, "labels", lambda table, column: partners)
    fig = trade_partners_figure()
    assert [t.name for t in fig.data][-1] == "Kazakhstan"
    assert len({t.marker.color for t in fig.data}) == 5


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


def test_the_position_parts_table_is_readable():
    from lesson_lib import position_parts

    table = position_parts(years=(1997, 2016), domain="security")
    assert list(table.index) == [1997, 2016] and table.index.name == "year"
    assert table.columns[:3].tolist() == ["position", "baseline of lasting ties",
                                          "recent moves"]
    assert (table[["position", "baseline of lasting ties", "recent moves"]].round(2)
            == table[["position", "baseline of lasting ties", "recent moves"]]).all().all()
    with pytest.raises(lesson_lib.LessonError, match="security"):
        position_parts(domain="military")
