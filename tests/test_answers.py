"""The assessment's answer forms: a learner's typing is tidied, or told what to type."""

from __future__ import annotations

import pytest

from lesson_lib import LessonError, answers


@pytest.mark.parametrize("check, value, tidy", [
    (lambda v: answers.letter("q1", v), " c", "C"),
    (lambda v: answers.letters("q4", v), "d, B", "BD"),
    (lambda v: answers.letters("q4", v), "", ""),
    (lambda v: answers.sequence("q5", v, "FIPR"), "f p i r", "FPIR"),
    (lambda v: answers.year("q7_year", v), " 2024 ", 2024),
    (lambda v: answers.number("q9", v, 0, 5), 3, 3),
    (lambda v: answers.word("q2", v), "“Insisted”", "insisted"),
    (lambda v: answers.decimal("q8_value", v), "\u22120,4", -0.4),  # as a chart prints it
    (lambda v: answers.decimal("q8_value", v), " -.25. ", -0.25),
    (lambda v: answers.decimal("q8_value", v), 0.456, 0.46),
    (lambda v: answers.decimal("q8_value", v), "+1", 1.0),
    (lambda v: answers.decimal("q8_value", v), -1, -1.0),
])
def test_answers_in_any_reasonable_typing_are_tidied(check, value, tidy):
    assert check(value) == tidy


@pytest.mark.parametrize("check, value, says", [
    (lambda v: answers.letter("q1", v), ..., "q1 has no answer yet: replace the ..."),
    (lambda v: answers.letter("q1", v), "AB", 'one letter in quotes'),
    (lambda v: answers.letter("q1", v), 2, "found \"2\""),
    (lambda v: answers.letters("q4", v), "AAB", "at most once"),
    (lambda v: answers.letters("q4", v), "AE", "each of A, B, C, D"),
    (lambda v: answers.sequence("q5", v, "FIPR"), "FIP", "4 letters"),
    (lambda v: answers.year("q7_year", v), 1066, "a year from 1990 to 2025"),
    (lambda v: answers.year("q7_year", v), True, "written in digits"),
    (lambda v: answers.number("q9", v, 0, 5), 9, "from 0 to 5"),
    (lambda v: answers.word("q2", v), "a whole sentence of many words", "at most 3"),
    (lambda v: answers.decimal("q8_value", v), "1.2", "from -1 to 1"),
    (lambda v: answers.decimal("q8_value", v), -1.01, "from -1 to 1"),
    (lambda v: answers.decimal("q8_value", v), "minus 0.4", "like q8_value = -0.N"),
    (lambda v: answers.decimal("q8_value", v), "0.4.1", "in digits"),
    (lambda v: answers.decimal("q8_value", v), False, "found \"False\""),
    (lambda v: answers.decimal("q8_value", v), ..., "has no answer yet"),
])
def test_an_answer_in_the_wrong_form_is_told_what_to_type(check, value, says):
    with pytest.raises(LessonError) as caught:
        check(value)
    assert says in str(caught.value) and "Traceback" not in str(caught.value)


def test_partial_credit_counts_each_option_placed_rightly():
    assert answers.share_right("BCD", "BCD", "ABCD", 2) == 2
    assert answers.share_right("BC", "BCD", "ABCD", 2) == 1  # one misplaced: half
    assert answers.share_right("B", "BCD", "ABCD", 2) == 0
    assert answers.share_right("", "AD", "ABCD", 2) == 0  # neither none nor all pays
    assert answers.share_right("ABCD", "AD", "ABCD", 2) == 0
    assert answers.share_right(None, "AD", "ABCD", 2) == 0  # unanswered


def test_an_empty_answer_is_not_a_letter():
    with pytest.raises(LessonError):
        answers.letter("q1", "")


@pytest.mark.parametrize("check, value, tidy", [
    (lambda v: answers.letter("q1", v), "B.", "B"),
    (lambda v: answers.letter("q1", v), " b. ", "B"),
    (lambda v: answers.letters("q4", v), "c, a.", "AC"),
    (lambda v: answers.sequence("q5", v, "FIPR"), "F, P, I, R.", "FPIR"),
    (lambda v: answers.year("q6_year", v), "2023.", 2023),
    (lambda v: answers.year("q6_year", v), 2023.0, 2023),  # `q6_year = 2023.` in Python
    (lambda v: answers.number("q9", v, 0, 5), " 3. ", 3),
])
def test_a_full_stop_after_an_answer_is_forgiven(check, value, tidy):
    assert check(value) == tidy


@pytest.mark.parametrize("value", [2023.5, "20.23", "B..", ".", "2023,"])
def test_only_one_trailing_full_stop_is_forgiven(value):
    check = answers.letter if isinstance(value, str) and value[0].isalpha() else answers.year
    with pytest.raises(LessonError):
        check("q1", value)
