"""The index checked against what it did not code: a specialist's expectations, trade and
UN votes."""

from __future__ import annotations

import pandas as pd
import pytest

import lesson_lib
from lesson_lib.actors.dependence import trade_partners_figure
from lesson_lib.model.index import balance_index
from lesson_lib.model.index_views import outside_measure_figure
from lesson_lib.model.un_votes import describe_un_votes, un_agreement, un_votes_figure
from lesson_lib.model.validity import face_validity, face_validity_html


def test_the_index_at_the_course_settings_meets_every_expectation():
    result = face_validity()
    assert len(result) >= 8 and result["holds"].all(), result[~result["holds"]]
    checks = lesson_lib.load_index_checks()
    assert (checks["event_ids"].map(len) + checks["source_ids"].map(len) > 0).all()


@pytest.mark.parametrize("year, domain, value, check", [
    (2016, "security", 0.3, "never_west_in_both"),
    (1997, "security", 0.1, "security_toward_moscow_from_1994"),
    (2010, "economic", 0.2, "economy_toward_moscow"),
    (2012, "political", -0.1, "thaw_2009_before_isolation"),
    (2023, "political", -0.3, "thaw_2015_2019_before_the_break"),
    (1992, "security", -0.9, "before_the_alliance_nearer_the_middle"),
])
def test_an_index_that_misplaces_a_year_fails_its_check(year, domain, value, check):
    index = balance_index()
    index.loc[index["year"] == year, domain] = value
    if check == "never_west_in_both":
        index.loc[index["year"] == year, "political"] = 0.4
    result = face_validity(index).set_index("check_id")
    assert not result.loc[check, "holds"]
    assert "✘ fails" in face_validity_html(result.reset_index())


def test_the_un_votes_cover_three_decades_each_sourced_with_five_countries():
    votes = lesson_lib.load_un_votes()
    countries = ["belarus", "russia", "usa", "poland", "ukraine"]
    complete = votes[(votes[countries] != "unknown").all(axis=1)]
    assert len(votes) >= 25 and len(complete) >= 20
    assert (votes[["belarus", "russia"]] != "unknown").all().all()
    assert votes["source_ids"].map(len).min() >= 1
    years = votes["date"].dt.year
    assert years.min() <= 1995 and years.max() >= 2025
    assert {1990, 2000, 2010, 2020} <= set((years // 10) * 10)
    assert {"A/RES/68/262", "A/RES/ES-11/1", "A/RES/ES-11/4"} <= set(votes["resolution"])
    # each vote split Russia from the US, or saw the US side with Russia against the rest
    split = votes["russia"] != votes["usa"]
    assert split.sum() >= len(votes) - 2


def test_agreement_counts_staying_away_as_voting_with_nobody():
    votes = pd.DataFrame({
        "vote_id": ["a", "b", "c", "d"], "date": pd.to_datetime(["2001-01-01"] * 4),
        "topic": ["kosovo"] * 4, "title": ["t"] * 4,
        "belarus": ["no", "absent", "yes", "unknown"], "russia": ["no", "no", "no", "no"],
        "usa": ["yes", "absent", "yes", "yes"]})
    agree = un_agreement(votes).set_index("vote_id")
    assert agree.loc["a", ["with_russia", "with_usa", "score"]].tolist() == [True, False, -1]
    assert agree.loc["b", ["with_russia", "with_usa", "score"]].tolist() == [False, False, 0]
    assert agree.loc["c", "score"] == 1
    assert pd.isna(agree.loc["d", "score"])


def test_the_votes_where_belarus_parted_from_russia_are_named():
    text = describe_un_votes()
    agree = un_agreement()
    apart = agree[agree["with_russia"] == False]  # noqa: E712 (a nullable boolean)
    assert len(apart) >= 5
    assert text.count("\n  ") == len(apart)
    assert "Georgia" in text  # 2010-2011: Belarus abstained and stayed away


def test_the_un_votes_are_drawn_on_the_index_scale():
    fig = un_votes_figure()
    index_line = fig.data[0]
    assert index_line.name.startswith("political position")
    markers = [t for t in fig.data[1:] if len(t.x)]
    assert {round(y) for t in markers for y in t.y} <= {-1, 0, 1}
    assert sum(len(t.x) for t in markers) == un_agreement()["score"].notna().sum()
    assert fig.layout.yaxis.range[0] < -1 < 1 < fig.layout.yaxis.range[1]


def test_the_trade_share_reads_toward_moscow_like_the_index():
    fig = outside_measure_figure()
    low, high = fig.layout.yaxis2.range
    assert low > high  # upside down: a larger share of trade with Russia sits lower
    shares = lesson_lib.load_trade_shares()
    assert shares["source_id"].notna().all()
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
def test_a_trade_partner_a_teacher_adds_gets_its_own_bars(monkeypatch):
    import lesson_lib.actors.dependence as balance
    partners = {"russia": "Russia", "eu": "the EU", "ukraine": "Ukraine", "china": "China",
                "kaz": "Kazakhstan"}
    monkeypatch.setattr(balance, "labels", lambda table, column: partners)
    fig = trade_partners_figure()
    assert [t.name for t in fig.data][-1] == "Kazakhstan"
    assert len({t.marker.color for t in fig.data}) == 5




def test_the_summary_tells_votes_with_the_us_against_russia_from_votes_with_both():
    votes = pd.DataFrame({
        "vote_id": ["a", "b", "c", "d"], "date": pd.to_datetime(
            ["2001-01-01", "2002-01-01", "2003-01-01", "2025-02-24"]),
        "topic": ["kosovo"] * 4, "title": ["t"] * 4,
        "belarus": ["no", "yes", "yes", "no"], "russia": ["no", "no", "no", "no"],
        "usa": ["yes", "yes", "yes", "no"]})
    lines = describe_un_votes(votes).splitlines()
    assert lines[0].endswith("Belarus voted as Russia in 2.")
    assert lines[1] == ("It voted as the US and against Russia in 2; it voted as both in 1, "
                        "when the US and Russia voted alike (2025).")
