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


def test_one_years_band_is_that_years_rows_of_all_bands_for_the_same_movers():
    from lesson_lib.model.index import DOMAINS, index_band, index_bands

    for movers in (("minsk", "joint"), ("moscow",)):
        band = index_band(2016, movers=movers)
        bands = index_bands(movers=movers)
        expected = bands[bands["year"] == 2016].drop(columns="year").reset_index(drop=True)
        pd.testing.assert_frame_equal(band, expected)
        assert list(band.index) == [0, 1, 2] and tuple(band["domain"]) == DOMAINS
    assert not index_band(2016, movers=("moscow",)).equals(index_band(2016))
    with pytest.raises(LessonError, match='"year"'):
        index_band(1990)


def test_the_bands_are_rounded_as_the_positions_are_and_name_a_wrong_mover():
    from lesson_lib.model.index import index_bands

    bands = index_bands()
    for column in ("low", "high"):
        assert (bands[column] * 100).round(9).mod(1).eq(0).all(), column
    with pytest.raises(LessonError, match='"movers"'):
        index_bands(movers="society")


# ---- the baseline's parts on a small table of its own ----------------------------------------

def _own(*rows):
    """Belarus's memberships: (organisation, joined, left)."""
    return pd.DataFrame([{"actor_id": "blr", "organisation_id": o, "status": "member",
                          "joined": pd.Timestamp(j), "left": pd.Timestamp(left) if left else pd.NaT}
                         for o, j, left in rows])


_NO_TIES = lesson_lib.load_relations().head(0)


def test_a_membership_counts_in_a_year_when_it_holds_on_1_july():
    from lesson_lib.model.index import baseline_parts

    own = _own(("csto", "2000-07-01", "2003-07-01"), ("cis", "2000-07-02", None))
    parts = baseline_parts(memberships=own, relations=_NO_TIES)
    years = {o: sorted(parts.loc[parts["link"] == f"member of the {o.upper()}", "year"])
             for o in ("csto", "cis")}
    assert years["csto"] == [2000, 2001, 2002]  # joined on 1 July counts, left on it does not
    assert years["cis"] == list(range(2001, 2026))
    assert list(parts.index) == list(range(len(parts)))


def test_each_part_says_why_it_does_not_count():
    from lesson_lib.model.index import baseline_parts

    own = _own(("customs_union", "2010-01-01", None), ("eaeu", "2015-01-01", None),
               ("eurasec", "2001-01-01", None), ("osce", "1992-01-01", None))
    parts = baseline_parts(2016, memberships=own, relations=_NO_TIES)
    assert parts[["link", "points", "counts", "why_not"]].values.tolist() == [
        ["member of the Customs Union of Belarus, Kazakhstan and Russia", -3.0, True, ""],
        ["member of the EAEU", -3.0, False,  # of two equally deep, the first listed counts
         "a deeper organisation of the same side counts"],
        ["member of the EurAsEC", -2.0, False, "a deeper organisation of the same side counts"],
        ["member of the OSCE", 0.0, False, "on neither side"]]
    assert baseline_parts(2016, "political", memberships=own, relations=_NO_TIES)[
        "link"].tolist() == ["member of the OSCE"]


def test_a_member_without_a_depth_is_named_in_these_words():
    from lesson_lib.errors import Problem
    from lesson_lib.model.index import baseline_parts

    sides = lesson_lib.load_sides()
    sides = sides.assign(depth=sides["depth"].mask(sides["actor_id"].isin(["osce", "nam"])))
    with pytest.raises(LessonError) as caught:
        baseline_parts(sides=sides)
    assert caught.value.problems == [Problem(
        "an organisation Belarus belongs to has no depth in the sides table", file="sides.csv",
        column="depth", found="nam, osce",
        expected="a row with its side, the domain its membership counts in and a depth from 0 "
                 "to 3")]


def test_the_baseline_of_a_year_without_ties_is_its_memberships_rounded_to_two_decimals():
    own = _own(("eurasec", "2001-01-01", None))
    sides = lesson_lib.load_sides()
    sides = sides.assign(depth=sides["depth"].mask(sides["actor_id"] == "eurasec", 1.234))
    base = baseline_points(memberships=own, relations=_NO_TIES, sides=sides).set_index("year")
    assert base.loc[2005, ["economic", "economic_memberships", "economic_ties"]].tolist() == [
        -1.23, -1.23, 0.0]
    assert base.loc[2000, "economic"] == 0.0


def test_a_wrong_year_or_domain_of_the_parts_is_named():
    from lesson_lib.model.index import baseline_parts

    with pytest.raises(LessonError, match='"year"'):
        baseline_parts(1990)
    with pytest.raises(LessonError, match='"domain"'):
        baseline_parts(2016, "cultural")
    with pytest.raises(LessonError, match='"domain"'):
        baseline_parts(2016, "")


def _ties(*rows):
    """Ties of Belarus: (other actor, type, strength, from, to, article_only)."""
    return pd.DataFrame([{"relation_id": f"t{i}", "from_actor": "blr", "to_actor": other,
                          "directed": False, "valid_from": start, "valid_to": end,
                          "domain": "political", "type": kind, "strength": strength,
                          "article_only": claimed}
                         for i, (other, kind, strength, start, end, claimed) in enumerate(rows)])


def test_each_tie_counts_its_depth_times_strength_in_thirds_or_says_why_not():
    from lesson_lib.model.index import baseline_parts

    own = _own(("eastern_partnership", "2009-05-07", None))
    ties = _ties(("pol", "dialogue", 1, 2016, 2016, False),  # the West's side: +0.5 x 1/3
                 ("rus", "pressure", 2, 2016, 2016, False),  # hostile: -1 x -1 x 2/3
                 ("eastern_partnership", "cooperation", 1, 2016, 2016, False),
                 ("lva", "dialogue", 1, 2016, 2016, True),
                 ("chn", "cooperation", 3, 2016, 2016, False),
                 ("xyz", "alliance", 3, 2016, 2016, False))  # an actor the sides do not know
    parts = baseline_parts(2016, "political", memberships=own, relations=ties)
    assert parts[parts["kind"] == "tie"][["link", "points", "counts", "why_not"]].values.tolist(
        ) == [
        ["Poland: dialogue, strength 1", 0.17, True, ""],
        ["Russia: pressure, strength 2", 0.67, True, ""],
        ["Eastern Partnership: cooperation, strength 1", 0.33, False,
         "counted as the membership"],
        ["Latvia: dialogue, strength 1", 0.17, False, "reported only by the 2016 article"],
        ["China: cooperation, strength 3", 0.0, False, "on neither side"],
        ["xyz: alliance, strength 3", 0.0, False, "on neither side"]]


def test_a_tie_counts_in_every_year_it_holds_inside_the_indexs_years():
    from lesson_lib.model.index import baseline_parts

    parts = baseline_parts(memberships=_own(("osce", "1992-01-01", None)), relations=_ties(
        ("pol", "cooperation", 3, 1985, 2030, False)))
    ties = parts[parts["kind"] == "tie"]
    assert sorted(ties["year"]) == list(range(1991, 2026))
    assert set(ties["points"]) == {1.0}


@pytest.mark.parametrize("kwargs, name", [
    ({"strength_weights": {1: 0.5, 2: 10.01, 3: 1}}, "strength_weights[2]"),
    ({"strength_weights": {1: -0.1, 2: 1, 3: 1}}, "strength_weights[1]"),
    ({"halfway": 0.49}, "halfway"), ({"halfway": 50.1}, "halfway"),
    ({"memory": 1.01}, "memory"), ({"balancing_value": 1.5}, "balancing_value"),
    ({"balancing_value": -1.01}, "balancing_value"),
])
def test_a_setting_outside_its_range_is_named(kwargs, name):
    with pytest.raises(LessonError) as caught:
        balance_index(**kwargs)
    assert caught.value.problems[0].column == name or f'"{name}"' in str(caught.value)


def test_the_settings_at_the_ends_of_their_ranges_are_taken():
    for kwargs in ({"strength_weights": {1: 0, 2: 10, 3: 10}}, {"halfway": 0.5},
                   {"halfway": 50}, {"memory": 0}, {"memory": 1}, {"balancing_value": -1},
                   {"balancing_value": 1}):
        assert len(balance_index(**kwargs)) == 35, kwargs


def test_weights_for_the_wrong_strengths_are_named_in_these_words():
    from lesson_lib.errors import Problem

    with pytest.raises(LessonError) as caught:
        balance_index(strength_weights={1: 1, 2: 1, 4: 1})
    assert caught.value.problems == [Problem(
        '"strength_weights" needs a weight for each strength', found="[1, 2, 4]",
        expected="a dict with the keys 1, 2 and 3, e.g. {1: 0.5, 2: 1, 3: 1.5}")]


def test_the_counts_of_a_year_are_its_own_events_as_whole_numbers():
    events = lesson_lib.load_events()
    index = balance_index().set_index("year")
    own = events[events["mover"].isin(["minsk", "joint"])
                 & events["tilt"].isin(["toward_moscow", "balancing", "toward_west"])]
    year = own[own["date"].dt.year == 2016]
    for domain, categories in (("political", ("political", "diplomatic")),
                               ("economic", ("economic",)), ("security", ("security",))):
        assert index.loc[2016, f"n_{domain}"] == year["category"].isin(categories).sum()
        assert index[f"n_{domain}"].dtype.kind == "i"
    assert index.loc[2016, "balancing"] == (year["tilt"] == "balancing").sum()
    assert index["balancing"].dtype.kind == "i"
