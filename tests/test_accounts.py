"""Two accounts of one event in each lesson's Core, and the claim that ends it."""

from __future__ import annotations

import re

import pytest

import lesson_lib
from lesson_lib.sources.accounts import ORGANISER_STEPS, ConflictingAccounts, CoreClaim
from lesson_lib.sources.claims import article_paragraphs

CORE_LESSONS = ["01", "02", "03", "04", "05"]


@pytest.fixture(scope="module")
def documents():
    return lesson_lib.load_documents().set_index("document_id")


def test_every_core_lesson_reads_a_pair_that_disagrees_and_ends_with_a_claim():
    pairs, claims = lesson_lib.load_account_pairs(), lesson_lib.load_core_claims()
    assert set(pairs["lesson"]) >= set(CORE_LESSONS)
    assert set(claims["lesson"]) >= set(CORE_LESSONS)
    for pair in pairs.itertuples():
        ids = {pair.first_document_id, pair.second_document_id, pair.third_document_id}
        assert len(ids) == 3, pair.pair_id
    assert (claims["document_ids"].map(len) >= 2).all()
    assert (claims["starters"].str.count(r"\|") >= 2).all()


def _quoted(text: str) -> list[str]:
    return re.findall(r'"([^"]{12,})"', text)


def test_the_courses_readings_quote_their_documents_exactly(documents):
    """Every passage a reading or model answer puts in quotation marks stands in one of the
    documents it draws on."""
    pairs, claims = lesson_lib.load_account_pairs(), lesson_lib.load_core_claims()
    for pair in pairs.itertuples():
        excerpts = " ".join(" ".join(documents.loc[d, "excerpt"].split()) for d in (
            pair.first_document_id, pair.second_document_id, pair.third_document_id))
        for text in (pair.each_says, pair.why_they_differ, pair.third_adds):
            for quote in _quoted(text):
                assert quote in excerpts, (pair.pair_id, quote)
    article = " ".join(article_paragraphs())
    for claim in claims.itertuples():
        excerpts = " ".join(" ".join(documents.loc[d, "excerpt"].split())
                            for d in claim.document_ids) + " " + article
        quotes = _quoted(claim.model_answer)
        assert quotes, f"lesson {claim.lesson}: the model answer quotes no document"
        for quote in quotes:
            assert quote in excerpts, (claim.lesson, quote)


def test_the_pair_shows_both_accounts_and_a_third_before_any_reading():
    pair = ConflictingAccounts("air_base_2015", save=False)
    assert "We don&#x27;t need a base at the moment" in pair.second.value
    assert "to sign the agreement on the Russian air base in Belarus" in pair.first.value
    assert "A third source" in pair.third.value and "constructive" in pair.third.value
    assert list(pair.fields) == list(ORGANISER_STEPS)
    pair.reveal()
    assert "The course's reading" not in pair.reading.value
    pair.fields["why_they_differ"].value = "Different audiences."
    pair.reveal()
    assert "The course's reading" in pair.reading.value
    assert "five days before an election" in pair.reading.value


def test_what_a_learner_writes_in_the_organiser_comes_back_after_a_reload():
    pair = ConflictingAccounts("election_2020")
    pair.fields["each_says"].value = "The EU: not free. Lavrov: geopolitics."
    again = ConflictingAccounts("election_2020")
    assert again.fields["each_says"].value == "The EU: not free. Lavrov: geopolitics."
    assert again.fields["third_adds"].value == ""


def test_a_claim_needs_writing_and_two_documents_before_the_model_answer():
    claim = CoreClaim("03", save=False)
    claim.reveal()
    assert "Write your claim first" in claim.answer.value
    claim.text.value = "Moscow pulled hardest."
    claim.documents.value = ("putin_single_state_offer_2002",)
    claim.reveal()
    assert "at least 2 documents" in claim.answer.value
    claim.documents.value = ("putin_single_state_offer_2002", "article")
    claim.reveal()
    assert "The course's model answer" in claim.answer.value


def test_the_claim_and_its_documents_come_back_after_a_reload():
    claim = CoreClaim("05")
    claim.documents.value = ("lukashenko_no_part_statement", "un_general_assembly_vote_2022")
    claim.text.value = "By 2022 Minsk sat on one chair."
    again = CoreClaim("05")
    assert again.text.value == "By 2022 Minsk sat on one chair."
    assert set(again.documents.value) == {"lukashenko_no_part_statement",
                                          "un_general_assembly_vote_2022"}


def test_the_lessons_own_documents_come_first_in_the_claims_list():
    claim = CoreClaim("01", save=False)
    values = [value for _, value in claim.documents.options]
    assert values[0] == "article"
    assert values[1:4] == ["putin_airbase_order_2015", "lukashenko_airbase_reply_2015",
                           "peskov_airbase_discussion_2015"]
    assert len(values) == len(lesson_lib.load_documents()) + 1


def test_an_unknown_pair_or_lesson_is_a_teaching_error():
    with pytest.raises(lesson_lib.LessonError, match="air_base_2015"):
        ConflictingAccounts("air_base", save=False)
    with pytest.raises(lesson_lib.LessonError, match='"lesson"'):
        CoreClaim("09", save=False)
