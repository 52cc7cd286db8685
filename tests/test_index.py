"""The balance index: memberships and ties as lasting points, events as fading moves, a
scale that never pins, the band of reasonable settings, and the explorer."""

from __future__ import annotations

import pandas as pd
import pytest

import lesson_lib
from lesson_lib import LessonError
from lesson_lib.model.index import (
    DEFAULT_HALFWAY,
    DOMAINS,
    balance_index,
    baseline_parts,
    baseline_points,
    index_band,
    index_bands,
    position,
)
from lesson_lib.model.index_views import (
    IndexExplorer,
    describe_trajectory,
    index_table_html,
    position_parts,
    trajectory_figure,
)


def events(*rows, mover="minsk"):
    """Tiny events tables: (year, category, tilt, strength)."""
    return pd.DataFrame([{"date": pd.Timestamp(f"{y}-06-01"), "category": c, "tilt": t,
                          "tilt_strength": s, "mover": mover} for y, c, t, s in rows])


def index(rows, **kwargs):
    """The index of a tiny events table, on moves alone (no points of lasting links)."""
    return balance_index(rows, baseline=False, **kwargs).set_index("year")


def test_the_scale_puts_halfway_points_at_a_half_and_never_reaches_the_end():
    assert DEFAULT_HALFWAY == 4
    assert position(-4) == -0.5 and position(4) == 0.5 and position(0) == 0
    assert position(12) == 0.75 and position(-12, halfway=6) == pytest.approx(-2 / 3)
    assert 0.99 < position(1000) < 1


def test_known_input_gives_known_output():
    by_year = index(events((1995, "security", "toward_west", 3)), memory=0.5)
    assert by_year.loc[1994, "security"] == 0.0
    assert by_year.loc[1995, "security_moves"] == 1.5  # strength 3 weighs 1.5 points
    assert by_year.loc[1995, "security"] == pytest.approx(round(1.5 / 5.5, 2))
    assert by_year.loc[1996, "security_moves"] == 0.8  # 0.75, halved by memory, to 0.1
    assert (by_year["political"] == 0).all() and (by_year["economic"] == 0).all()


def test_diplomatic_events_count_as_political_and_never_pass_the_end():
    by_year = index(events(*[(2000, "diplomatic", "toward_moscow", 3)] * 5))
    assert by_year.loc[2000, "political"] == round(-7.5 / 11.5, 2)
    assert by_year.loc[2000, "n_political"] == 5
    heavy = index(events(*[(2000, "political", "toward_moscow", 3)] * 40))
    assert -1 < heavy.loc[2000, "political"] < -0.9


def test_changing_a_weight_moves_the_result_the_expected_way():
    rows = events((2010, "economic", "toward_moscow", 3), (2010, "economic", "toward_west", 1))
    plain = index(rows).loc[2010, "economic"]
    heavier = index(rows, strength_weights={1: 0.5, 2: 1, 3: 3}).loc[2010, "economic"]
    assert heavier < plain < 0
    assert index(rows, strength_weights={1: 3, 2: 2, 3: 3}).loc[2010, "economic"] == 0


def test_memory_controls_how_fast_moves_fade():
    rows = events((2000, "security", "toward_west", 2))
    assert 0 < index(rows, memory=0.2).loc[2001, "security"] < index(
        rows, memory=0.9).loc[2001, "security"]


def test_halfway_points_stretch_or_squeeze_the_scale():
    rows = events((2000, "security", "toward_west", 3), (2000, "security", "toward_west", 3))
    assert index(rows, halfway=3).loc[2000, "security"] == 0.5
    assert index(rows, halfway=6).loc[2000, "security"] == round(3 / 9, 2)


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


def test_acts_of_society_are_off_the_axis_and_cannot_be_switched_on():
    rows = events((2020, "political", "society", 3), mover="society")
    assert index(rows)["political"].eq(0).all()
    with pytest.raises(LessonError, match="movers"):
        index(rows, movers=["society"])
    shipped = lesson_lib.load_events()
    society = shipped[shipped["mover"] == "society"]
    assert len(society) >= 4 and set(society["tilt"]) == {"society"}
    assert set(society["track"]) == {"society"}
    assert "mass_protests_2020" in set(society["event_id"])


@pytest.mark.parametrize("kwargs, message", [
    ({"memory": 1.5}, "memory"),
    ({"memory": "high"}, "must be a number"),
    ({"halfway": 0}, "halfway"),
    ({"strength_weights": {1: 1, 2: 2}}, "each strength"),
    ({"strength_weights": {1: 1, 2: -2, 3: 3}}, "out of range"),
])
def test_bad_index_arguments(kwargs, message):
    with pytest.raises(LessonError, match=message):
        balance_index(**kwargs)


# ---- points of lasting links: memberships and ties ------------------------------------------

def memberships_without(*ids: str) -> pd.DataFrame:
    table = lesson_lib.load_memberships()
    return table[~table["membership_id"].isin(ids)]


def test_memberships_change_the_baseline():
    base = baseline_points().set_index("year")
    without_csto = baseline_points(memberships=memberships_without("blr_csto_1994")).set_index(
        "year")
    # The CSTO (depth 3) is the deepest security membership from 1994.
    assert base.loc[1997, "security_memberships"] == -2.0  # CSTO -3, Partnership for Peace +1
    assert without_csto.loc[1997, "security_memberships"] == 1.0
    assert base.loc[1993, "security_memberships"] == 0  # before the treaty took effect
    # The EAEU (3) from 2015, the Customs Union (3) from 2010, EurAsEC (2) from 2001.
    econ = base["economic_memberships"]
    assert (econ.loc[2001], econ.loc[2010], econ.loc[2016]) == (-2.0, -3.0, -3.0)
    assert econ.loc[1995] == 0


def test_of_one_sides_organisations_in_one_domain_only_the_deepest_counts():
    base = baseline_points().set_index("year")
    without_eurasec = baseline_points(
        memberships=memberships_without("blr_eurasec_2001")).set_index("year")
    assert without_eurasec.loc[2012, "economic"] == base.loc[2012, "economic"]  # CU is deeper
    assert without_eurasec.loc[2005, "economic"] > base.loc[2005, "economic"]  # EurAsEC alone


def test_a_tie_with_an_organisation_belarus_belongs_to_is_not_counted_twice():
    base = baseline_points().set_index("year")
    # The cooperation tie with the Eastern Partnership (2009-2021) is the membership itself.
    without = baseline_points(memberships=memberships_without(
        "blr_eastern_partnership_2009_partner")).set_index("year")
    assert base.loc[2015, "political_memberships"] - without.loc[2015,
                                                                 "political_memberships"] == 1
    assert without.loc[2015, "political_ties"] - base.loc[2015, "political_ties"] == \
        pytest.approx(1 / 3, abs=0.01)


def test_hostile_ties_count_as_distance_and_article_only_ties_not_at_all():
    base = baseline_points().set_index("year")
    assert base.loc[2021, "political"] < base.loc[2016, "political"]
    relations = lesson_lib.load_relations()
    claimed = relations[relations["article_only"]]
    assert "lva_blr_nato_contact_point_2016" in set(claimed["relation_id"])
    with_claims = relations.assign(article_only=False)
    assert baseline_points(relations=with_claims).set_index("year").loc[
        2016, "security"] > base.loc[2016, "security"]


def test_the_sides_table_decides_what_counts_and_a_missing_depth_is_named():
    sides = lesson_lib.load_sides()
    base = baseline_points().set_index("year")
    # China on Moscow's side would turn Belarus's economic cooperation with it into a pull
    # toward Moscow (a third of a point a year from 2017).
    moved = sides.assign(side=sides["side"].mask(sides["actor_id"] == "chn", "moscow"))
    assert baseline_points(sides=moved).set_index("year").loc[2020, "economic"] == \
        pytest.approx(base.loc[2020, "economic"] - 1 / 3, abs=0.01)
    assert baseline_points(sides=moved).set_index("year").loc[2015, "economic"] == \
        base.loc[2015, "economic"]
    with pytest.raises(LessonError, match="sides.csv") as caught:
        baseline_points(sides=sides[sides["actor_id"] != "osce"])
    assert "osce" in str(caught.value)


def test_every_organisation_belarus_belonged_to_has_a_side_a_domain_and_a_depth():
    sides = lesson_lib.load_sides().set_index("actor_id")
    own = lesson_lib.load_memberships().query("actor_id == 'blr'")["organisation_id"]
    assert set(own) <= set(sides.dropna(subset=["depth", "domain"]).index)
    assert sides.loc[["sco", "osce", "chn"], "side"].tolist() == ["neither"] * 3


# ---- the index as a whole ---------------------------------------------------------------------

def test_the_real_index_never_pins_and_keeps_its_parts():
    real = balance_index().set_index("year")
    assert list(real.index) == list(range(1991, 2026))
    assert (real[list(DOMAINS)].abs() < 0.95).all().all()  # no year pinned at an end
    assert real.loc[2022, "security"] < real.loc[2016, "security"]
    assert (real["economic_baseline"] < 0).all()
    rebuilt = (real["security_baseline"] + real["security_moves"])
    assert ((rebuilt / (DEFAULT_HALFWAY + rebuilt.abs())).round(2) - real["security"]).abs(
        ).max() <= 0.01


def test_the_band_brackets_the_course_settings_and_says_what_it_can_place():
    bands = index_bands().set_index(["year", "domain"])
    course = balance_index().set_index("year")
    for (year, domain), band in bands.iterrows():
        assert band["low"] <= course.loc[year, domain] <= band["high"]
        expected = ("Moscow" if band["high"] < 0 else "West" if band["low"] > 0
                    else "middle" if band["low"] == band["high"] == 0 else "cannot say")
        assert band["placed"] == expected
    assert bands.loc[(2016, "political"), "placed"] == "cannot say"
    assert bands.loc[(2016, "security"), "placed"] == "Moscow"
    assert bands.loc[(1992, "security"), "placed"] == "middle"  # before the alliance
    assert index_band(2016).set_index("domain").loc["security", "placed"] == "Moscow"


def test_describe_trajectory_names_every_era_and_what_it_cannot_place():
    text = describe_trajectory()
    for era in lesson_lib.load_eras()["name"]:
        assert era in text
    assert "cannot place" in text and "political" in text.splitlines()[-1]


def test_the_key_years_table_marks_what_the_index_cannot_place():
    html = index_table_html(balance_index())
    assert "<th scope='row'>2016</th>" in html
    row_2016 = html.split("<th scope='row'>2016</th>")[1].split("</tr>")[0]
    assert row_2016.count("?") == 1  # politics; economics and security are placed


def test_trajectory_marks_eras_2016_its_band_and_the_direction():
    fig = trajectory_figure(band=index_band(2016))
    eras = {t.name for t in fig.data if t.mode == "markers" and t.name != "direction"}
    assert eras == set(lesson_lib.load_eras()["name"])
    star = next(t for t in fig.data if t.name == "2016")
    assert star.marker.symbol == "star" and star.error_x.array and star.error_y.array
    arrows = next(t for t in fig.data if t.name == "direction")
    assert arrows.marker.angleref == "previous" and len(arrows.x) == 34
    labels_trace = next(t for t in fig.data if t.name == "year labels")
    assert "2016" not in labels_trace.text  # the star carries its own label


def test_a_year_rebuilt_by_hand_gives_the_course_number():
    table = position_parts(years=(1997, 2016), domain="security")
    assert list(table.index) == [1997, 2016] and table.index.name == "year"
    for _year, row in table.iterrows():
        total = row["points of lasting links"] + row["points of recent moves"]
        assert row["total points"] == pytest.approx(total, abs=0.05)
        assert row.iloc[3] == pytest.approx(total / (4 + abs(total)), abs=0.01)
    with pytest.raises(LessonError, match="security"):
        position_parts(domain="military")


class TestIndexExplorer:
    def test_a_slider_moves_the_index_and_the_table(self):
        explorer = IndexExplorer()
        before = explorer.index.set_index("year").loc[2016, "political"]
        explorer.halfway.value = 10
        assert abs(explorer.index.set_index("year").loc[2016, "political"]) < abs(before)

    def test_the_band_follows_whose_acts_count(self):
        explorer = IndexExplorer()
        assert "society" not in explorer.movers
        before = explorer.summary.value
        explorer.movers["west"].value = True
        assert explorer.summary.value != before
        assert "west" in explorer.settings()["movers"]

    def test_the_baseline_can_be_switched_off(self):
        explorer = IndexExplorer()
        explorer.baseline.value = False
        assert (explorer.index["security_baseline"] == 0).all()


def test_a_teachers_edit_to_the_memberships_reaches_the_index(data_copy):
    path = data_copy / "memberships.csv"
    lines = path.read_text("utf-8").splitlines(keepends=True)
    path.write_text("".join(line for line in lines if not line.startswith("blr_csto_1994,")),
                    "utf-8")
    shipped = balance_index().set_index("year").loc[1997, "security"]
    lesson_lib.use_data(data_copy)
    assert balance_index().set_index("year").loc[1997, "security"] > shipped
    lesson_lib.use_data(None)
    assert balance_index().set_index("year").loc[1997, "security"] == shipped


def test_the_parts_a_learner_adds_up_give_the_baseline():
    for year, domain in ((1997, "security"), (2016, "political"), (2012, "economic")):
        parts = baseline_parts(year, domain)
        assert set(parts["kind"]) <= {"membership", "tie"}
        counted = parts[parts["counts"]]
        assert (parts.loc[~parts["counts"], "why_not"] != "").all()
        assert counted["points"].sum() == pytest.approx(
            baseline_points().set_index("year").loc[year, domain], abs=0.01)
    economic_2012 = baseline_parts(2012, "economic").set_index("link")
    assert not economic_2012.loc["member of the EurAsEC", "counts"]  # the Customs Union is deeper
