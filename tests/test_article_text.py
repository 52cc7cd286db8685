"""The article's sentences in claims.csv are exactly what the article says."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

import lesson_lib

ARTICLE = (Path(__file__).resolve().parents[2] / "shared" / "source"
           / "000_20a58eae1da9b345.txt")


def normalised(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def article() -> list[str]:
    if not ARTICLE.is_file():
        if os.environ.get("CI"):
            pytest.fail(f"the source article is missing: {ARTICLE} (CI lays shared/ beside "
                        "the clone)")
        pytest.skip(f"the source article is not beside this clone ({ARTICLE})")
    lines = [normalised(line) for line in ARTICLE.read_text("utf-8").splitlines()]
    # headline, lead, seven body paragraphs (the file then repeats the body)
    return [line for line in lines if line][:9]


def test_every_claim_quotes_its_paragraph_word_for_word(article):
    for claim in lesson_lib.load_claims().itertuples():
        assert normalised(claim.sentence) in article[claim.paragraph], (
            f"{claim.claim_id}: not found verbatim in paragraph {claim.paragraph}")


def test_the_headline_is_a_claim(article):
    claims = lesson_lib.load_claims()
    headline = claims[claims["paragraph"] == 0]
    assert list(headline["sentence"]) == [article[0]]


def test_every_sentence_of_the_article_is_coded(article):
    coded = " ".join(lesson_lib.load_claims()["sentence"])
    for number, paragraph in enumerate(article[1:], start=1):
        for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z“\"‘])", paragraph):
            assert sentence in coded, f"paragraph {number}: {sentence[:60]}"


def test_the_article_rebuilt_from_the_claims_is_the_article(article):
    from lesson_lib.sources.claims import article_paragraphs

    assert [normalised(p) for p in article_paragraphs()] == article
