"""The article's claims: filters, corroboration, the forecast scorecard and both widgets."""

from __future__ import annotations

import pytest

import lesson_lib
from lesson_lib import ClaimsExplorer, ForecastAudit, LessonError
from lesson_lib.sources.claims import (
    CLAIM_KINDS,
    FORECAST_VERDICTS,
    audit_rule_problems,
    filter_claims,
)


def test_filters():
    assert set(filter_claims(kinds=["forecast"]).kind) == {"forecast"}
    latvia = filter_claims(actors="lva")
    assert len(latvia) > 0 and latvia.actor_ids.map(lambda ids: "lva" in ids).all()
    with pytest.raises(LessonError, match="one or more of reported_fact"):
        filter_claims(kinds="prediction")
    with pytest.raises(LessonError, match="actor"):
        filter_claims(actors="latvia")


def test_corroboration_lists_every_reported_fact():
    table = lesson_lib.corroboration_table()
    facts = lesson_lib.load_claims().query("kind == 'reported_fact'")
    assert list(table.claim_id) == list(facts.claim_id)
    only = table.set_index("claim_id").loc["makei_visit_latvia"]
    assert only["verdict"] == "only_in_article" and only["independent_sources"] == 0
    assert "Belarus in Focus" not in " ".join(table["related_sources"])


def test_scorecard_and_its_figure_agree():
    card = lesson_lib.forecast_scorecard()
    assert set(card.verdict) <= set(FORECAST_VERDICTS)
    fig = lesson_lib.scorecard_figure()
    assert sum(fig.data[0].y) == len(card)
    assert all(fig.data[0].marker.pattern.shape[i] != fig.data[0].marker.pattern.shape[j]
               for i in range(4) for j in range(i + 1, 4))


class TestClaimsExplorer:
    def test_classification_is_hidden_until_revealed(self):
        explorer = ClaimsExplorer()
        kinds = lesson_lib.load_claims().set_index("claim_id")["kind"]
        claim = explorer.claim_ids[0]
        assert "classification" not in explorer.cards[claim].value
        wrong = next(k for k in CLAIM_KINDS if k != kinds[claim])
        explorer.guesses[claim].value = wrong
        explorer.reveal(claim)
        card = explorer.cards[claim].value
        assert "The course's classification" in card and CLAIM_KINDS[kinds[claim]] in card
        assert "differs" in card and "agrees" not in card
        explorer.guesses[claim].value = kinds[claim]
        explorer.reveal(claim)
        assert "agrees" in explorer.cards[claim].value

    def test_score_counts_agreement(self):
        explorer = ClaimsExplorer()
        kinds = lesson_lib.load_claims().set_index("claim_id")["kind"]
        first, second = explorer.claim_ids[:2]
        explorer.guesses[first].value = kinds[first]
        explorer.guesses[second].value = next(k for k in
                                              ["interpretation", "forecast", "reported_fact"]
                                              if k != kinds[second])
        explorer.reveal(first)
        explorer.reveal(second)
        assert explorer.score.value.startswith("You classified 2 of")
        assert "1 matches" in explorer.score.value

    def test_filters_change_the_list(self):
        explorer = ClaimsExplorer()
        explorer.actor.value = "lva"
        assert len(explorer.list.children) == len(filter_claims(actors="lva"))

    def test_the_kind_filter_reads_the_learners_calls_not_the_courses(self):
        explorer = ClaimsExplorer()
        everything = len(explorer.list.children)
        explorer.kind.value = "forecast"
        assert explorer.list.children == ()  # nothing called yet: nothing the course said shows
        first, second = explorer.claim_ids[:2]
        explorer.guesses[first].value = "forecast"
        assert explorer.list.children == (explorer._rows[first],)
        explorer.kind.value = "not_called"
        assert len(explorer.list.children) == everything - 1
        explorer.guesses[second].value = "interpretation"
        assert len(explorer.list.children) == everything - 2

    def test_the_course_answer_waits_for_the_learners_call(self):
        explorer = ClaimsExplorer()
        claim = explorer.claim_ids[0]
        explorer.reveal(claim)
        assert "classification" not in explorer.cards[claim].value
        assert "Make your call first" in explorer.cards[claim].value
        assert claim not in explorer.revealed

    def test_revealed_fact_shows_sources(self):
        explorer = ClaimsExplorer()
        explorer.guesses["armenia_invited"].value = "reported_fact"
        explorer.reveal("armenia_invited")
        assert "href=" in explorer.cards["armenia_invited"].value
        with pytest.raises(LessonError, match="no such claim"):
            explorer.reveal("nonsense")

    def test_quotes_are_attributed(self):
        explorer = ClaimsExplorer()
        assert "Belarus in Focus" in explorer.cards["two_chairs_message"].value


class TestForecastAudit:
    def test_must_commit_to_both_before_reveal(self):
        audit = ForecastAudit()
        audit.reveal_button.click()
        assert "Answer both questions first" in audit.answer.value
        audit.verdict.value = "came_true"
        audit.reveal_button.click()
        assert "Answer both questions first" in audit.answer.value

    def test_reveal_separates_the_call_in_2016_from_what_happened(self):
        audit = ForecastAudit()
        audit.verdict.value = "came_true"
        audit.calibration.value = "weak"
        audit.reveal_button.click()
        assert "In July 2016 the course judges it well founded" in audit.answer.value
        assert "The course's verdict on what happened: came true" in audit.answer.value
        assert "Answered 1 of" in audit.progress.value

    def test_a_conditional_forecast_shows_its_condition_and_horizon(self):
        audit = ForecastAudit()
        card = lesson_lib.forecast_scorecard()
        audit.go(int(card.index[card.claim_id == "nato_stops_seeing_threat"][0]))
        assert "Condition:" in audit.prompt.value and "NATO would stop perceiving" in (
            audit.prompt.value)

    def test_navigation_stays_in_range_and_remembers(self):
        audit = ForecastAudit()
        audit.verdict.value = "partly"
        audit.calibration.value = "plausible"
        audit.reveal_button.click()
        audit.previous_button.click()
        assert audit.position == 0
        audit.go(99)
        assert audit.position == len(lesson_lib.forecast_scorecard()) - 1
        audit.go(0)
        assert (audit.verdict.value, audit.calibration.value) == ("partly", "plausible")


def test_every_conditional_forecast_follows_the_written_rule():
    assert audit_rule_problems() == []
    claims = lesson_lib.load_claims()
    conditional = claims[(claims.kind == "forecast") & claims.condition.notna()]
    assert len(conditional) >= 6
    broken = claims.copy()
    broken.loc[broken.claim_id == "nato_stops_seeing_threat", "verdict"] = "did_not"
    assert audit_rule_problems(broken) == [
        "nato_stops_seeing_threat: its condition did not happen, so the verdict must be "
        "cannot_be_tested, not did_not"]


def test_the_two_forecasts_of_paragraph_6_are_read_by_one_rule():
    """Forecast 3 and the thesis beside it (forecast 5) are both about the Russia-NATO
    escalation the paragraph describes: one reading for both, the broad one as a rival."""
    claims = lesson_lib.load_claims().set_index("claim_id")
    pair = claims.loc[["drawn_into_war", "implicit_security_side"]]
    assert set(pair["condition_met"]) == {"no"} and set(pair["verdict"]) == {"cannot_be_tested"}
    assert all("Russia and NATO" in c for c in pair["condition"])
    assert all("Read broadly" in r and "2022" in r for r in pair["rival_readings"])
    card = lesson_lib.forecast_scorecard().set_index("claim_id")
    assert {"weak", "plausible", "well_founded"} <= set(card["calibration"])


def test_a_claim_card_shows_the_articles_sentence_before_the_reveal():
    explorer = ClaimsExplorer()
    claims = lesson_lib.load_claims().set_index("claim_id")
    card = explorer.cards["agreements_planned"].value
    assert "are planning to conclude agreements on cooperation" in card
    assert "Belarus in Focus, 25 July 2016, paragraph 4" in card
    assert claims.loc["agreements_planned", "paraphrase"] in card
    assert "classification" not in card
    assert "Belarus in Focus, 25 July 2016, headline" in explorer.cards["article_headline"].value


def test_the_explorer_can_show_one_paragraph():
    explorer = ClaimsExplorer()
    explorer.paragraph.value = 2
    assert len(explorer.list.children) == 3
    explorer.paragraph.value = -1
    assert len(explorer.list.children) == len(lesson_lib.load_claims())
