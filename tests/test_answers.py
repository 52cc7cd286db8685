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
    (lambda v: answers.decimal("q8_value", v), "- 0.4", -0.4),  # a space after the sign
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


# What the learner reads when an answer is not in the form asked for: the problem names the
# variable, shows what was typed and says what to type instead, in exactly these words.
@pytest.mark.parametrize("check, name, value, expected", [
    (answers.letter, "q1", "AB",
     'one letter in quotes, one of A, B, C, D, like q1 = "?" with ? the letter'),
    (answers.letters, "q4", "AAB",
     'letters in quotes, each of A, B, C, D at most once, like q4 = "??" with each ? a letter '
     '("" for none)'),
    (answers.letters, "q4", 5,
     'letters in quotes, each of A, B, C, D at most once, like q4 = "??" with each ? a letter '
     '("" for none)'),
    (lambda name, value: answers.sequence(name, value, "FIPR"), "q5", "FIP",
     '4 letters in quotes, one for each sentence in order, each one of F, I, P, R, like '
     'q5 = "????" with each ? a letter'),
    (lambda name, value: answers.sequence(name, value, "FIPR"), "q5", "FIPX",
     '4 letters in quotes, one for each sentence in order, each one of F, I, P, R, like '
     'q5 = "????" with each ? a letter'),
    (answers.year, "q7_year", 1989,
     "a year from 1990 to 2025, written in digits without quotes, like q7_year = YYYY"),
    (answers.number, "votes", 11,
     "a whole number from 0 to 10, written in digits without quotes, like votes = N"),
    (answers.decimal, "index_value", "1.5",
     "a number from -1 to 1 in digits, with a point before the decimals, like "
     "index_value = -0.N or index_value = 0.N"),
    (answers.decimal, "index_value", True,
     "a number from -1 to 1 in digits, with a point before the decimals, like "
     "index_value = -0.N or index_value = 0.N"),
    (answers.decimal, "index_value", "minus 0.4",
     "a number from -1 to 1 in digits, with a point before the decimals, like "
     "index_value = -0.N or index_value = 0.N"),
    (answers.decimal, "index_value", [0.4],
     "a number from -1 to 1 in digits, with a point before the decimals, like "
     "index_value = -0.N or index_value = 0.N"),
    (answers.word, "q2", "",
     'a word or a few words (at most 3) in quotes, like q2 = "word"'),
    (answers.word, "q2", 7, 'a word or a few words (at most 3) in quotes, like q2 = "word"'),
])
def test_a_misformed_answer_names_the_variable_what_was_typed_and_what_to_type(
        check, name, value, expected):
    with pytest.raises(LessonError) as caught:
        check(name, value)
    [problem] = caught.value.problems
    assert (problem.message, problem.column, problem.found, problem.expected) == (
        f"{name} is not in the form asked for", name, repr(value), expected)


@pytest.mark.parametrize("check, value, tidy", [
    (answers.year, 1990, 1990), (answers.year, 2025, 2025),  # the course's first and last
    (answers.number, 0, 0), (answers.number, 10, 10),
])
def test_the_first_and_last_value_allowed_are_accepted(check, value, tidy):
    assert check("q", value) == tidy


@pytest.mark.parametrize("check, value", [
    (answers.year, 1989), (answers.year, 2026), (answers.number, -1), (answers.number, 11),
])
def test_one_past_either_end_is_refused(check, value):
    with pytest.raises(LessonError):
        check("q", value)


def test_the_options_are_a_to_d_unless_a_question_says_otherwise():
    for value in ("E", "X", "a b"):
        with pytest.raises(LessonError):
            answers.letter("q1", value)
    assert answers.letter("q1", "e", "ABCDE") == "E"
    with pytest.raises(LessonError):
        answers.letters("q4", "AX")


def test_a_word_answer_keeps_up_to_three_words_and_every_letter():
    assert answers.word("q2", "Xi meets Lukashenka") == "xi meets lukashenka"
    assert answers.word("q2", "“Xenophobic!”") == "xenophobic"
    assert answers.word("q2", "one two three four", most_words=4) == "one two three four"


def test_partial_credit_by_default_is_two_points_over_the_four_options():
    assert answers.share_right("AD", "AD") == 2
    assert answers.share_right("A", "AD") == 1.0
    assert answers.share_right("", "AD") == 0 and answers.share_right("ABCD", "AD") == 0


@pytest.mark.parametrize("form, value, args, tidy", [
    ("letter", " b", (), "B"), ("letters", "d,a", (), "AD"),
    ("sequence", "p f", ("FP",), "PF"), ("year", "2016", (), 2016),
    ("number", 12, (0, 20), 12), ("decimal", "-0,5", (), -0.5),
    ("word", "Insisted.", (), "insisted"),
])
def test_checked_says_an_answer_is_in_the_right_form_and_gives_it_tidied(
        form, value, args, tidy, capsys):
    assert answers.checked("q3", value, form, *args) == tidy
    assert capsys.readouterr().out == "q3: ✔ in the right form\n"


def test_checked_says_what_to_type_instead_of_raising(capsys):
    assert answers.checked("q3", ..., "year") is None
    assert capsys.readouterr().out == (
        "q3: ✘ q3 has no answer yet: replace the ... with your answer; expected a year from "
        "1990 to 2025, written in digits without quotes, like q3 = YYYY\n")
    assert answers.checked("q4", "2 words", "number", 0, 5) is None
    assert capsys.readouterr().out == (
        "q4: ✘ q4 is not in the form asked for; expected a whole number from 0 to 5, written "
        "in digits without quotes, like q4 = N\n")
