"""Quizzes: every question type, untrusted input, banks checked by schema, saved progress."""

from __future__ import annotations

import copy
import json

import pytest

import lesson_lib
from lesson_lib import LessonError
from lesson_lib.checks.banks import check_banks, load_quiz, validate_bank
from lesson_lib.checks.marking import check_answer
from lesson_lib.checks.progress import PROGRESS_ENV, load_progress, progress_path
from lesson_lib.checks.questions import Question
from lesson_lib.checks.quiz import Quiz, progress_summary
from lesson_lib.course import LESSONS


def question(lesson, qid):
    return load_quiz(lesson).question(qid)


def raw_bank(lesson):
    return json.loads((lesson_lib.data_folder() / f"quiz_{lesson}.json").read_text("utf-8"))


def test_every_lesson_has_five_questions_tied_to_objectives():
    for lesson in LESSONS:
        bank = load_quiz(lesson)
        assert len(bank.questions) >= 5
        assert all(q.objective >= 1 for q in bank.questions)


def test_shipped_banks_pass_the_full_schema():
    # The kernel builds the package's banks without jsonschema; this is the check it skips.
    for lesson in LESSONS:
        assert validate_bank(raw_bank(lesson), f"quiz_{lesson}.json") == []


def test_all_question_types_are_used():
    kinds = {q.type for lesson in LESSONS for q in load_quiz(lesson).questions}
    assert kinds == {"single", "multiple", "order", "match", "number", "text"}


def test_single_choice_with_feedback_per_answer():
    q = question("01", "q01_publisher")
    assert check_answer(q, "bif").correct
    wrong = check_answer(q, "nato")
    assert not wrong.correct and "actors the article writes about" in wrong.feedback


def test_multiple_choice_names_what_is_wrong_and_missing():
    q = question("01", "q01_forecasts")
    assert check_answer(q, ["defence_agreement", "threat"]).correct
    result = check_answer(q, ["defence_agreement", "closed"])
    assert not result.correct
    assert "interpretation" in result.feedback and "missing" in result.feedback


def test_order_uses_the_dataset_dates():
    q = question("02", "q02_order_2014_2016")
    dates = lesson_lib.load_events().set_index("event_id")["date"]
    right = sorted(q.order, key=lambda e: dates[e])
    assert check_answer(q, right).correct
    result = check_answer(q, list(reversed(right)))
    assert not result.correct and "in the right place" in result.feedback
    assert not check_answer(q, right[:-1] + [right[0]]).counts  # an event twice


def test_match_actors_to_roles():
    q = question("03", "q03_roles")
    right = {p.actor_id: p.role for p in q.pairs}
    assert check_answer(q, right).correct
    swapped = dict(right, rus=right["lva"], lva=right["rus"])
    assert "2 of 4" in check_answer(q, swapped).feedback
    assert not check_answer(q, dict(right, rus="")).counts


@pytest.mark.parametrize("typed, correct, counts", [
    ("1999", True, True), (" 1999 ", True, True), ("1999.0", True, True),
    ("1998", False, True), ("", False, False), ("nineteen ninety-nine", False, False),
    ("9" * 500, False, False), (True, False, False), (None, False, False),
])
def test_number_answers(typed, correct, counts):
    result = check_answer(question("02", "q02_union_state_year"), typed)
    assert (result.correct, result.counts) == (correct, counts)


def test_number_feedback_says_which_way():
    q = question("02", "q02_union_state_year")
    assert "too early" in check_answer(q, "1998").feedback
    assert "too late" in check_answer(q, "2010").feedback


@pytest.mark.parametrize("typed", ["Latvia", "latvia", "LATVIJA", " Latvia! ", "Latvja"])
def test_text_answers_tolerate_case_accents_and_typos(typed):
    assert check_answer(question("01", "q01_contact_point"), typed).correct


TEXT = {"id": "q", "type": "text", "prompt": "Who?", "explanation": ".", "objective": 1}


@pytest.mark.parametrize("typed", ["Lukashenko", "Lukashenka", "lukašenka", "LUKASHENKO",
                                   "Лукашенко", "Лукашэнка", "лукашенко"])
def test_transliteration_and_native_scripts(typed):
    q = dict(TEXT, accepted=["Lukashenko", "Lukashenka"])
    result = check_answer(q, typed)
    assert result.correct and result.feedback == "Right."


def test_a_wrong_name_in_cyrillic_is_still_wrong():
    q = dict(TEXT, accepted=["Lukashenko", "Lukashenka"])
    for typed in ("Putin", "Путин", "Ціханоўская"):
        result = check_answer(q, typed)
        assert not result.correct and result.counts


@pytest.mark.parametrize("typed", ["Латвия", "Латвія", "латвия"])
def test_the_shipped_bank_takes_latvia_in_belarusian_and_russian(typed):
    result = check_answer(question("01", "q01_contact_point"), typed)
    assert result.correct and result.feedback == "Right."


@pytest.mark.parametrize("broken, field", [
    ({"type": "single", "options": [{"id": "a", "text": "A"}, {"id": "b", "text": "B"}]},
     '"answer"'),
    ({"type": "single"}, '"options"'),
    ({"type": "number", "answer": "1999"}, '"answer"'),
    ({"type": "text", "accepted": []}, '"accepted"'),
    ({"type": "order", "order": ["a"]}, '"order"'),
    ({"type": "essay"}, '"type"'),
])
def test_a_malformed_question_names_the_question_not_the_learner(broken, field):
    raw = dict(id="q_broken", prompt="?", explanation=".", objective=1, **broken)
    with pytest.raises(LessonError) as caught:
        check_answer(raw, "anything")
    assert 'question "q_broken"' in str(caught.value) and field in str(caught.value)
    assert "could not be read" not in str(caught.value)


def test_a_malformed_question_in_a_teachers_bank_names_bank_and_question(data_copy):
    bank = raw_bank("02")
    bank["questions"][2].pop("answer")
    (data_copy / "quiz_02.json").write_text(json.dumps(bank), "utf-8")
    lesson_lib.use_data(data_copy)
    with pytest.raises(LessonError) as caught:
        Quiz("02", save=False)
    assert "quiz_02.json" in str(caught.value) and "q02_toward_west" in str(caught.value)


def test_the_kernel_path_names_bank_and_question_without_jsonschema():
    raw = raw_bank("02")
    raw["questions"][2].pop("answer")
    with pytest.raises(LessonError) as caught:
        Question.from_dict(raw["questions"][2], "quiz_02.json", number=3)
    assert str(caught.value).startswith('quiz_02.json: question "q02_toward_west"')


@pytest.mark.parametrize("typed", ["", "   ", "<script>alert(1)</script>" * 20, 42, ["x"],
                                   {"a": 1}, "\u202e\u0000odd", "🙂" * 300])
def test_untrusted_input_gives_feedback_not_errors(typed):
    for lesson in LESSONS:
        for q in load_quiz(lesson).questions:
            result = check_answer(q, typed)
            assert isinstance(result.feedback, str) and result.feedback


def test_nothing_a_learner_types_is_rendered_as_html():
    quiz = Quiz("01", save=False)
    index = next(i for i, q in enumerate(quiz.bank.questions) if q.type == "text")
    quiz.views[index].control.value = "<img src=x onerror=alert(1)>"
    quiz.check(index)
    assert "<img" not in quiz.feedback[index].value


# ---- banks ------------------------------------------------------------------------------

def broken_bank():
    return copy.deepcopy(raw_bank("02"))


@pytest.mark.parametrize("edit, where, field", [
    (lambda b: b["questions"][0].pop("prompt"), 'question "q02_union_state_year"', "prompt"),
    (lambda b: b["questions"][2].update(answer=3), 'question "q02_toward_west"', "answer"),
    (lambda b: b["questions"][2].update(answer="zz"), 'question "q02_toward_west"', "answer"),
    (lambda b: b["questions"][0].update(type="essay"), 'question "q02_union_state_year"',
     "type"),
    (lambda b: b["questions"][1]["order"].append("no_such_event_2020"),
     'question "q02_order_2014_2016"', "unknown event"),
    (lambda b: b["questions"][0].update(hints=["a", "b", "c"]),
     'question "q02_union_state_year"', "hints"),
])
def test_malformed_bank_names_question_and_field(edit, where, field):
    bank = broken_bank()
    edit(bank)
    problems = validate_bank(bank, "quiz_02.json")
    text = " ".join(str(p) for p in problems)
    assert problems and where in text and field in text


def test_teacher_bank_errors_surface_when_loading(data_copy):
    (data_copy / "quiz_03.json").write_text("{ not json", "utf-8")
    lesson_lib.use_data(data_copy)
    with pytest.raises(LessonError, match="not valid JSON"):
        load_quiz("03")
    with pytest.raises(LessonError, match="quiz_03.json"):
        check_banks(data_copy)


def test_unknown_lesson():
    with pytest.raises(LessonError, match="one of 01"):
        load_quiz("9")


# ---- the widget and saved progress --------------------------------------------------------

def test_score_line_counts_right_answers_and_hints():
    quiz = Quiz("02", save=False)
    quiz.views[0].control.value = "1999"
    quiz.check(0)
    quiz.hint(1)
    quiz.hint(1)
    quiz.hint(1)  # only as many hints as the question has
    assert quiz.score.value == "1 of 6 right, 1 hint used"
    assert "Hint 1" in quiz.hint_text[1].value and quiz.hint_buttons[1].disabled
    quiz.hint(0)
    assert quiz.feedback[0].value.startswith("<p><b>✔")  # a hint keeps the last feedback


def test_attempts_only_count_real_answers():
    quiz = Quiz("02", save=False)
    quiz.check(0)  # empty box
    assert quiz.records["q02_union_state_year"]["attempts"] == 0
    quiz.views[0].control.value = "1990"
    quiz.check(0)
    assert quiz.records["q02_union_state_year"]["attempts"] == 1


def test_explanation_links_events_after_a_right_answer():
    quiz = Quiz("02", save=False)
    assert quiz.explanation[0].value == ""
    quiz.views[0].control.value = "1999"
    quiz.check(0)
    assert "Why:" in quiz.explanation[0].value and "href=" in quiz.explanation[0].value
    assert "8 December 1999" in quiz.explanation[0].value


def test_one_at_a_time_or_all():
    one = Quiz("03", save=False)
    assert len(one.body.children) == 1
    one.next.click()
    assert one.position == 1
    every = Quiz("03", one_at_a_time=False, save=False)
    assert len(every.body.children) == len(every.panels)


def test_progress_is_saved_and_restored(tmp_path):
    quiz = Quiz("02")
    quiz.views[0].control.value = "1999"
    quiz.check(0)
    saved = json.loads(progress_path().read_text("utf-8"))
    assert saved["lessons"]["02"]["q02_union_state_year"]["correct"] is True
    again = Quiz("02")
    assert again.views[0].control.value == "1999"
    assert again.score.value.startswith("1 of 6 right")
    assert "Answered before" in again.feedback[0].value
    summary = progress_summary().set_index("lesson")
    assert summary.loc["02", "right"] == 1 and summary.loc["01", "answered"] == 0


def test_corrupt_progress_is_set_aside_with_a_message():
    path = progress_path()
    path.write_text("{ half a file", "utf-8")
    quiz = Quiz("02")
    assert "set aside" in quiz.notice.value
    assert list(path.parent.glob(path.name + ".corrupt-*"))
    quiz.views[0].control.value = "1999"
    quiz.check(0)
    assert json.loads(path.read_text("utf-8"))["version"] == 1


def test_hand_edited_progress_with_wrong_types_is_set_aside():
    path = progress_path()
    path.write_text(json.dumps({"version": 1, "lessons": {"02": {"x": {"attempts": "many"}}}}),
                    "utf-8")
    data, message = load_progress(path)
    assert data["lessons"] == {} and "expected content" in message


@pytest.mark.parametrize("word", ["off", "OFF", " no ", "false", "0"])
def test_saving_can_be_switched_off(monkeypatch, tmp_path, word):
    monkeypatch.chdir(tmp_path)  # a file named "off" would land here
    monkeypatch.setenv(PROGRESS_ENV, word)
    quiz = Quiz("02")
    quiz.views[0].control.value = "1999"
    quiz.check(0)
    quiz.hint(1)
    assert progress_path() is None
    assert list(tmp_path.iterdir()) == []


def test_unwritable_folder_is_said_not_raised(monkeypatch, tmp_path):
    blocked = tmp_path / "file_not_folder"
    blocked.write_text("x")
    monkeypatch.setenv(PROGRESS_ENV, str(blocked / "progress.json"))
    quiz = Quiz("02")
    quiz.views[0].control.value = "1999"
    quiz.check(0)
    assert "could not be saved" in quiz.notice.value
    assert quiz.score.value.startswith("1 of 6")


def test_the_shipped_banks_load_without_jsonschema():
    """jsonschema takes about a second to import; a learner's kernel must not pay it for
    the course's own banks (the tests check those against the full schema)."""
    import subprocess
    import sys

    code = ("import sys, lesson_lib\n"
            "lesson_lib.progress_summary()\n"
            "lesson_lib.Quiz('03', save=False)\n"
            "print('jsonschema' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "False"


def test_a_teachers_banks_are_checked_in_full(data_copy):
    bank = raw_bank("02")
    bank["questions"][0]["colour"] = "red"  # only the full schema knows this is not allowed
    (data_copy / "quiz_02.json").write_text(json.dumps(bank), "utf-8")
    lesson_lib.use_data(data_copy)
    with pytest.raises(LessonError, match="q02_union_state_year.*colour"):
        load_quiz("02")


def test_a_question_without_hints_shows_no_hint_button():
    quiz = Quiz("06", save=False)
    without = [i for i, q in enumerate(quiz.bank.questions) if not q.hints]
    with_hints = [i for i, q in enumerate(quiz.bank.questions) if q.hints]
    assert without and with_hints
    assert all(quiz.hint_buttons[i].layout.display == "none" for i in without)
    assert all(quiz.hint_buttons[i].layout.display is None for i in with_hints)


# --- boundaries a mutation of the code showed no test would catch ---------------------------

def _text_question() -> Question:
    return Question("q_town", "text", "Which country?", "Because.", 1,
                    accepted=("Lithuania",), hints=("Look <b>north</b>.",))


def test_a_near_spelling_is_accepted_but_a_far_one_is_not():
    question = _text_question()
    near = check_answer(question, "Lithuana")  # one letter missing: 0.94 alike
    assert near.correct and "check the spelling" in near.feedback
    far = check_answer(question, "Lithuenai")  # 0.78 alike: below the 0.8 the quiz asks
    assert not far.correct


def test_punctuation_separates_words_instead_of_joining_them():
    from lesson_lib.formatting import normalise_text
    assert normalise_text("Minsk,Moscow") == normalise_text("Minsk Moscow")
    assert normalise_text("Minsk,Moscow") != normalise_text("MinskMoscow")
    assert normalise_text("EU-Belarus") == "eu belarus"


def test_the_explanation_waits_for_the_third_wrong_try():
    from lesson_lib.checks.quiz import SHOW_EXPLANATION_AFTER, explanation_html
    events, sources = lesson_lib.load_events(), lesson_lib.load_sources()
    question = _text_question()
    assert SHOW_EXPLANATION_AFTER == 3
    two = {"attempts": 2, "hints": 0, "correct": False, "answer": "x"}
    three = dict(two, attempts=3)
    assert explanation_html(question, two, events, sources) == ""
    assert "Because." in explanation_html(question, three, events, sources)


def test_hints_are_shown_as_text_never_as_html():
    from lesson_lib.checks.quiz import hints_html
    shown = hints_html(_text_question(), 1)
    assert "&lt;b&gt;north&lt;/b&gt;" in shown and "<b>north</b>" not in shown


@pytest.mark.parametrize("change, message", [
    ({"options": [{"id": "a", "text": "Only one"}], "answer": "a"}, "at least two options"),
    ({"objective": 0}, '"objective"'),
])
def test_a_bank_question_with_one_option_or_objective_zero_is_refused(change, message):
    raw = {"id": "q", "type": "single", "prompt": "?", "explanation": ".", "objective": 1,
           "options": [{"id": "a", "text": "A"}, {"id": "b", "text": "B"}], "answer": "a"}
    with pytest.raises(LessonError, match=message):
        Question.from_dict(dict(raw, **change), "quiz_01.json")


# What the learner reads after each kind of answer, word for word: the checker's replies are
# the quiz's whole voice, and "counts" decides whether a try is spent.
from lesson_lib.checks.marking import MAX_ANSWER_LENGTH, Result  # noqa: E402

CHOICE = {"id": "q", "type": "single", "prompt": "?", "explanation": ".", "objective": 1,
          "options": [{"id": "a", "text": "Minsk", "feedback": "Yes: the capital."},
                      {"id": "b", "text": "Moscow"}, {"id": "c", "text": "Kyiv"}],
          "answer": "a"}
SOME = dict(CHOICE, type="multiple", answer=["a", "b"],
            options=[{"id": "a", "text": "Minsk"}, {"id": "b", "text": "Moscow"},
                     {"id": "c", "text": "Kyiv", "feedback": "Kyiv is not one of them."},
                     {"id": "d", "text": "Riga"}])
YEAR = {"id": "q", "type": "number", "prompt": "When?", "explanation": ".", "objective": 1,
        "answer": 1999, "unit": "year"}
COUNT = dict(YEAR, answer=5, unit=None, tolerance=1)


@pytest.mark.parametrize("raw, typed, result", [
    (CHOICE, "a", Result(True, "Yes: the capital.")),
    (CHOICE, "b", Result(False, "Not quite.")),
    (dict(CHOICE, answer="b"), "b", Result(True, "Right.")),
    (CHOICE, "z", Result(False, "Choose one of the answers first.", counts=False)),
    (CHOICE, ["a"], Result(False, "Choose one of the answers first.", counts=False)),
    (SOME, ["b", "a"], Result(True, "Right: you found all of them and nothing else.")),
    (SOME, ["a"], Result(False, "1 correct answer is missing.")),
    (SOME, ["c"], Result(False, "Kyiv is not one of them. 2 correct answers are missing.")),
    (SOME, ["a", "b", "d"], Result(False, "“Riga” is not one of them.")),
    (SOME, [], Result(False, "Tick at least one answer first.", counts=False)),
    (SOME, "a", Result(False, "Tick at least one answer first.", counts=False)),
    (SOME, ["a", "x"], Result(False, "Use the boxes above to choose.", counts=False)),
    (YEAR, "1999", Result(True, "Right.")),
    (YEAR, "1997", Result(False, "Not quite: too early, but close.")),
    (YEAR, "1996", Result(False, "Not quite: too early.")),
    (YEAR, "2001", Result(False, "Not quite: too late, but close.")),
    (YEAR, "2002", Result(False, "Not quite: too late.")),
    (YEAR, "soon", Result(False, "That is not a number. Type digits only, e.g. 2004.",
                          counts=False)),
    (YEAR, "  ", Result(False, "Type a number first.", counts=False)),
    (COUNT, "6", Result(True, "Right.")), (COUNT, "4,0", Result(True, "Right.")),
    (COUNT, "7", Result(False, "Not quite: too high, but close.")),
    (COUNT, "2.9", Result(False, "Not quite: too low.")),
    (COUNT, "3", Result(False, "Not quite: too low, but close.")),
    (COUNT, "many", Result(False, "That is not a number. Type digits only, e.g. a number such "
                                  "as 3.", counts=False)),
    (dict(COUNT, wrong_feedback="Count the members."), "9",
     Result(False, "Count the members.")),
    (YEAR, True, Result(False, "That answer could not be read. Please answer with the "
                               "controls above.", counts=False)),
    (dict(TEXT, accepted=["Latvia"]), "Estonia", Result(False, "Not quite. A hint may help.")),
    (dict(TEXT, accepted=["Latvia"]), " ", Result(False, "Type an answer first.", counts=False)),
    (dict(TEXT, accepted=["Lithuania", "Litva"]), "Lithuana",
     Result(True, "Right (check the spelling: Lithuania).")),
    (dict(TEXT, accepted=["Latvia"], wrong_feedback="Look north."), "Poland",
     Result(False, "Look north.")),
])
def test_each_answer_gets_these_exact_words(raw, typed, result):
    assert check_answer(raw, typed) == result


def test_an_answer_of_the_longest_length_is_read_and_one_more_letter_is_refused():
    q = dict(TEXT, accepted=["Latvia"])
    longest = "x" * MAX_ANSWER_LENGTH
    assert check_answer(q, longest) == Result(False, "Not quite. A hint may help.")
    assert check_answer(q, longest + "x") == Result(
        False, "That answer is very long. The answer is a few words at most: try again with a "
               "short answer.", counts=False)
    assert check_answer(YEAR, "1" * (MAX_ANSWER_LENGTH + 1)).counts is False
    assert check_answer(YEAR, "1" * MAX_ANSWER_LENGTH).counts is True


def test_a_near_spelling_counts_from_five_letters_typed():
    # "Brst" is as near to Brest as "Minks" is to Minsk, but four letters are too few to
    # tell a slip of the finger from another word.
    assert not check_answer(dict(TEXT, accepted=["Brest"]), "Brst").correct
    assert check_answer(dict(TEXT, accepted=["Minsk"]), "Minks") == Result(
        True, "Right (check the spelling: Minsk).")


def test_order_answers_are_scored_place_by_place_with_the_count_in_the_feedback():
    events = lesson_lib.load_events().sort_values("date")
    first, second, third = events["event_id"].iloc[[0, 40, 80]]
    q = {"id": "q", "type": "order", "prompt": "?", "explanation": ".", "objective": 1,
         "order": [third, first, second]}
    assert check_answer(q, [first, second, third]) == Result(
        True, "Right: that is the order in which they happened.")
    assert check_answer(q, [second, first, third]) == Result(
        False, "1 of 3 are in the right place. Check the dates on the timeline.")
    assert check_answer(q, [first, second]) == Result(
        False, "Place each event exactly once.", counts=False)
    assert check_answer(q, "abc").counts is False


def test_match_answers_count_the_roles_that_are_right():
    q = {"id": "q", "type": "match", "prompt": "?", "explanation": ".", "objective": 1,
         "pairs": [{"actor_id": "rus", "role": "ally"}, {"actor_id": "pol", "role": "neighbour"},
                   {"actor_id": "eu", "role": "partner"}]}
    right = {"rus": "ally", "pol": "neighbour", "eu": "partner"}
    assert check_answer(q, right) == Result(True, "Right: every actor has its role.")
    assert check_answer(q, dict(right, eu="ally")) == Result(False, "2 of 3 roles are right.")
    blank = Result(False, "Give every actor a role.", counts=False)
    assert check_answer(q, dict(right, eu="")) == blank
    assert check_answer(q, {"rus": "ally"}) == blank
    assert check_answer(q, ["ally"]) == blank


# ---- a malformed question: the author is told the bank, the question and the field ------------

from lesson_lib.checks.questions import Option, Pair, QuestionBank  # noqa: E402
from lesson_lib.errors import Problem  # noqa: E402

_BASE = {"id": "q7", "prompt": "?", "explanation": ".", "objective": 1}
_TWO = [{"id": "a", "text": "A"}, {"id": "b", "text": "B"}]
_PAIRS = [{"actor_id": a, "role": "r"} for a in ("blr", "rus", "pol")]


@pytest.mark.parametrize("raw, message, expected", [
    ("q", "question number 4: is not an object", 'an object with "id", "type", "prompt", ...'),
    ({**_BASE, "type": "essay"}, 'question "q7": unknown "type"',
     "one of single, multiple, order, match, number, text"),
    ({**_BASE, "id": "", "type": "text"}, 'question number 4: "id" is missing or empty',
     "a text"),
    ({**_BASE, "type": "text", "prompt": "  "}, 'question "q7": "prompt" is missing or empty',
     "a text"),
    ({**_BASE, "type": "text", "explanation": 3},
     'question "q7": "explanation" is missing or empty', "a text"),
    ({**_BASE, "type": "text", "objective": 0},
     'question "q7": "objective" is missing or not a whole number', "a number from 1"),
    ({**_BASE, "type": "text", "objective": True},
     'question "q7": "objective" is missing or not a whole number', "a number from 1"),
    ({**_BASE, "type": "text", "objective": "1"},
     'question "q7": "objective" is missing or not a whole number', "a number from 1"),
    ({**_BASE, "type": "single", "options": _TWO[:1], "answer": "a"},
     'question "q7": a single question needs "options"',
     'a list of at least two options, each with "id" and "text"'),
    ({**_BASE, "type": "multiple", "options": [*_TWO, {"id": "c"}], "answer": ["a"]},
     'question "q7": a multiple question needs "options"',
     'a list of at least two options, each with "id" and "text"'),
    ({**_BASE, "type": "single", "options": [_TWO[0], {"id": 2, "text": "B"}], "answer": "a"},
     'question "q7": a single question needs "options"',
     'a list of at least two options, each with "id" and "text"'),
    ({**_BASE, "type": "single", "options": _TWO, "answer": "c"},
     'question "q7": "answer" is missing or not one of the options', "one option id: a, b"),
    ({**_BASE, "type": "multiple", "options": _TWO, "answer": []},
     'question "q7": "answer" is missing or names an unknown option',
     "a list of option ids from: a, b"),
    ({**_BASE, "type": "multiple", "options": _TWO, "answer": "a"},
     'question "q7": "answer" is missing or names an unknown option',
     "a list of option ids from: a, b"),
    ({**_BASE, "type": "multiple", "options": _TWO, "answer": ["a", 1]},
     'question "q7": "answer" is missing or names an unknown option',
     "a list of option ids from: a, b"),
    ({**_BASE, "type": "multiple", "options": _TWO, "answer": ["a", "c"]},
     'question "q7": "answer" is missing or names an unknown option',
     "a list of option ids from: a, b"),
    ({**_BASE, "type": "order", "order": ["e1", "e2"]},
     'question "q7": an order question needs "order"', "a list of at least three event ids"),
    ({**_BASE, "type": "order", "order": ["e1", "e2", 3]},
     'question "q7": an order question needs "order"', "a list of at least three event ids"),
    ({**_BASE, "type": "match", "pairs": _PAIRS[:2]},
     'question "q7": a match question needs "pairs"',
     'a list of at least three {"actor_id": ..., "role": ...}'),
    ({**_BASE, "type": "match", "pairs": [*_PAIRS[:2], {"actor_id": "eu"}]},
     'question "q7": a match question needs "pairs"',
     'a list of at least three {"actor_id": ..., "role": ...}'),
    ({**_BASE, "type": "number", "answer": True}, 'question "q7": "answer" is missing or not '
     "a number", "a number"),
    ({**_BASE, "type": "number", "answer": 3, "tolerance": "1"},
     'question "q7": "tolerance" is missing or not a number', "a number"),
    ({**_BASE, "type": "text", "accepted": ["Minsk", " "]},
     'question "q7": a text question needs "accepted"',
     "a list of the answers that count as right"),
    ({**_BASE, "type": "text", "accepted": "Minsk"},
     'question "q7": a text question needs "accepted"',
     "a list of the answers that count as right"),
])
def test_each_malformed_question_gets_one_problem_in_these_words(raw, message, expected):
    with pytest.raises(LessonError) as caught:
        Question.from_dict(raw, "quiz_05.json", number=4)
    assert caught.value.problems == [Problem(message, file="quiz_05.json", expected=expected)]


def test_a_question_outside_a_bank_is_named_without_a_file_or_number():
    with pytest.raises(LessonError) as caught:
        Question.from_dict({"type": "text"})
    assert caught.value.problems == [Problem('question without an id: "id" is missing or empty',
                                             expected="a text")]


def test_a_well_formed_question_of_each_type_keeps_every_field():
    single = Question.from_dict({**_BASE, "type": "single", "answer": "b", "lesson": "03",
                                 "options": [*_TWO[:1], {"id": "b", "text": "B", "feedback": "!"}],
                                 "hints": ["h1", "h2"], "event_ids": ["e1"],
                                 "wrong_feedback": "no"}, "quiz_03.json")
    assert single == Question(id="q7", type="single", prompt="?", explanation=".", objective=1,
                              bank="quiz_03.json", lesson="03", hints=("h1", "h2"),
                              event_ids=("e1",), options=(Option("a", "A"), Option("b", "B", "!")),
                              answer="b", wrong_feedback="no")
    assert single.where == 'quiz_03.json, question "q7"'
    assert Question.from_dict({**_BASE, "type": "multiple", "options": _TWO,
                               "answer": ["b", "a"]}).answer == ("b", "a")
    assert Question.from_dict({**_BASE, "type": "order", "order": ["x", "y", "z"]}).order == (
        "x", "y", "z")
    assert Question.from_dict({**_BASE, "type": "match", "pairs": _PAIRS}).pairs == tuple(
        Pair(a, "r") for a in ("blr", "rus", "pol"))
    number = Question.from_dict({**_BASE, "type": "number", "answer": 7, "tolerance": 1,
                                 "unit": "year"})
    assert (number.answer, number.tolerance, number.unit) == (7.0, 1.0, "year")
    assert Question.from_dict({**_BASE, "type": "number", "answer": 2.5}).tolerance == 0.0
    text = Question.from_dict({**_BASE, "type": "text", "accepted": ["Minsk"]})
    assert (text.accepted, text.lesson, text.hints, text.where) == (
        ("Minsk",), "", (), 'a question bank, question "q7"')


def test_a_bank_names_its_questions_when_asked_for_one_it_has_not():
    q7 = Question.from_dict({**_BASE, "type": "text", "accepted": ["Minsk"]})
    q8 = Question.from_dict({**_BASE, "id": "q8", "type": "text", "accepted": ["Brest"]})
    bank = QuestionBank("05", "Self-check", (q7, q8), "quiz_05.json")
    assert bank.question("q8") is q8 and bank.question("q7") is q7
    with pytest.raises(LessonError) as caught:
        bank.question("q9")
    assert caught.value.problems == [Problem("no such question", file="quiz_05.json",
                                             found="q9", expected="one of q7, q8")]
    with pytest.raises(LessonError) as caught:
        QuestionBank("05", "Self-check", ()).question("q9")
    assert caught.value.problems[0].file is None


def test_ticking_every_box_is_marked_not_refused():
    assert check_answer(SOME, ["a", "b", "c", "d"]) == Result(
        False, "Kyiv is not one of them. “Riga” is not one of them.")


def test_a_count_with_no_tolerance_is_close_only_within_its_tolerance():
    exact = dict(COUNT, tolerance=0)
    assert check_answer(exact, "6") == Result(False, "Not quite: too high.")
    assert check_answer(exact, "4") == Result(False, "Not quite: too low.")
