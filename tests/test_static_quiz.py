"""Self-checks for the reading copies: every bank renders as HTML with its script, and the
page's answers match the notebook's checking."""

from __future__ import annotations

import json
import re

import pytest

import lesson_lib
from lesson_lib.checks.marking import check_answer
from lesson_lib.checks.static_quiz import plain_text, static_quiz_html
from lesson_lib.course import LESSONS


def page_data(lesson: str) -> list[dict]:
    page = static_quiz_html(lesson)
    return json.loads(re.search(r'class="tc-data">(.*?)</script>', page, re.S).group(1)
                      .replace("<\\/", "</"))


@pytest.mark.parametrize("lesson", LESSONS)
def test_every_question_of_every_bank_is_in_the_page(lesson):
    bank = lesson_lib.load_quiz(lesson)
    data = page_data(lesson)
    assert [d["id"] for d in data] == [q.id for q in bank.questions]
    page = static_quiz_html(lesson)
    assert page.count('<fieldset class="tc-question"') == len(bank.questions)
    assert "src=" not in page  # nothing fetched


@pytest.mark.parametrize("lesson", LESSONS)
def test_the_page_keys_agree_with_the_notebooks_checking(lesson):
    bank = {q.id: q for q in lesson_lib.load_quiz(lesson).questions}
    for d in page_data(lesson):
        q = bank[d["id"]]
        if d["type"] in ("single", "multiple", "number", "order", "match"):
            assert check_answer(q, d["answer"]).correct, d["id"]
        elif d["type"] == "text":
            assert all(plain_text(a) in d["accepted"] for a in q.accepted)


def test_a_prompt_is_escaped_and_a_script_cannot_close_early(monkeypatch):
    from lesson_lib.checks import static_quiz
    from lesson_lib.checks.questions import Question, QuestionBank

    tricky = Question("q", "text", "Is <b>this</b> bold?", "</script><i>x</i>", 1,
                      accepted=("yes",))
    monkeypatch.setattr(static_quiz, "load_quiz",
                        lambda lesson: QuestionBank("02", "T", (tricky,)))
    page = static_quiz.static_quiz_html("02")
    assert "Is &lt;b&gt;this&lt;/b&gt; bold?" in page
    payload = re.search(r'class="tc-data">(.*?)</script>', page, re.S).group(1)
    assert "</script>" not in payload
