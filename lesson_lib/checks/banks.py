"""The self-checks' question banks: read, checked against ``quiz_schema.json`` and the dataset.

The package's own banks are checked in full by the tests; a teacher's banks (see
:func:`lesson_lib.data.use_data`) are checked in full when they are loaded.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..course import LESSONS
from ..data import PACKAGE_DATA, data_folder, is_package_data, load_table
from ..errors import LessonError, Problem
from .questions import Question, QuestionBank

__all__ = ["load_quiz", "check_banks", "validate_bank", "QUIZ_SCHEMA_FILE"]


# ---- question banks -----------------------------------------------------------------------

QUIZ_SCHEMA_FILE = "quiz_schema.json"


def _bank_file(lesson: str) -> str:
    return f"quiz_{lesson}.json"


def validate_bank(bank: Any, label: str) -> list[Problem]:
    """Every problem of a bank against ``quiz_schema.json``, then its references to the
    dataset (every event or actor a question names must exist).

    Uses ``jsonschema``, imported here rather than with the package: it is slow to
    import, and a learner's kernel only needs it for a teacher's own banks.
    """
    import jsonschema

    schema = json.loads((PACKAGE_DATA / QUIZ_SCHEMA_FILE).read_text("utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    problems = []
    for error in sorted(validator.iter_errors(bank), key=lambda e: list(e.path)):
        where, field = _schema_error_place(bank, error.path)
        problems.append(Problem(f"{where}, field {field}: {error.message}", file=label))
    if problems:
        return problems
    try:
        return _bank_reference_problems(_bank_from(bank, _lesson_of(label), label))
    except LessonError as err:
        return err.problems


def _lesson_of(label: str) -> str:
    """ "…/quiz_02.json" -> "02" (the lesson a bank file belongs to)."""
    return Path(str(label)).stem.removeprefix("quiz_")


def _schema_error_place(bank: dict, path) -> tuple[str, str]:
    """(question id, field) for a jsonschema error path like ['questions', 3, 'answer']."""
    path = list(path)
    if len(path) >= 2 and path[0] == "questions" and isinstance(path[1], int):
        questions = bank.get("questions") or []
        found = questions[path[1]] if path[1] < len(questions) else None
        qid = found.get("id") if isinstance(found, dict) else None
        return (f'question "{qid or f"number {path[1] + 1}"}"',
                ".".join(str(p) for p in path[2:]) or "(the question)")
    return "the bank", ".".join(str(p) for p in path) or "(top level)"


def _bank_reference_problems(bank: QuestionBank) -> list[Problem]:
    """Every event or actor a question names must exist, and ids must be unique."""
    events = set(load_table("events")["event_id"])
    actors = set(load_table("actors")["actor_id"])
    problems, seen = [], set()
    for q in bank.questions:
        where = f'question "{q.id}"'
        if q.id in seen:
            problems.append(Problem(f"{where}: the id is used twice", file=bank.file))
        seen.add(q.id)
        for event_id in q.event_ids + q.order:
            if event_id not in events:
                problems.append(Problem(f"{where}: unknown event", file=bank.file,
                                        found=event_id, expected="an event_id of events.csv"))
        for pair in q.pairs:
            if pair.actor_id not in actors:
                problems.append(Problem(f"{where}, field pairs: unknown actor", file=bank.file,
                                        found=pair.actor_id,
                                        expected="an actor_id of actors.csv"))
    return problems


def _read_bank(target, label: str) -> Any:
    try:
        return json.loads(target.read_text("utf-8"))
    except FileNotFoundError:
        raise LessonError(Problem("the question bank is missing", file=label)) from None
    except UnicodeDecodeError:
        raise LessonError(Problem("the question bank is not UTF-8 text", file=label,
                                  expected="JSON saved as UTF-8")) from None
    except json.JSONDecodeError as err:
        raise LessonError(Problem("the question bank is not valid JSON", file=label,
                                  line=err.lineno, found=err.msg,
                                  expected="JSON as described in quiz_schema.json")) from None


def _bank_from(raw: Any, lesson: str, label: str) -> QuestionBank:
    if not isinstance(raw, dict) or not isinstance(raw.get("questions"), list):
        raise LessonError(Problem('the bank needs a "questions" list', file=label,
                                  expected="JSON as described in quiz_schema.json"))
    questions = tuple(Question.from_dict(q, label, number=i + 1)
                      for i, q in enumerate(raw["questions"]))
    return QuestionBank(lesson=lesson, title=str(raw.get("title", f"Self-check {lesson}")),
                        questions=questions, file=label)


def check_banks(folder) -> int:
    """Check every question bank in a data folder; return how many there are, or raise
    listing every problem (the full schema, then references to the dataset)."""
    problems, count = [], 0
    folder = Path(folder) if isinstance(folder, str) else folder
    for lesson in LESSONS:
        target = folder / _bank_file(lesson)
        if not target.is_file():
            continue
        count += 1
        try:
            bank = _read_bank(target, str(target))
        except LessonError as err:
            problems += err.problems
            continue
        problems += validate_bank(bank, str(target))
    if problems:
        raise LessonError(problems)
    return count


def load_quiz(lesson: str) -> QuestionBank:
    """The self-check of a lesson ("01" to "05") as typed questions, or a teaching error.

    The package's own banks are checked against the full schema by the tests, so here
    they are only built; a teacher's banks (see :func:`use_data`) are checked in full.

    >>> bank = load_quiz("02")
    >>> len(bank.questions) >= 5, bank.questions[0].type
    (True, 'number')
    """
    if lesson not in LESSONS:
        raise LessonError(Problem("no question bank for that lesson", found=repr(lesson),
                                  expected="one of " + ", ".join(LESSONS)))
    folder = data_folder()
    target = folder / _bank_file(lesson)
    label = str(target)
    raw = _read_bank(target, label)
    if not is_package_data(folder):  # a teacher's folder: every problem at once
        problems = validate_bank(raw, label)
        if problems:
            raise LessonError(problems)
    bank = _bank_from(raw, lesson, label)
    problems = _bank_reference_problems(bank)
    if problems:
        raise LessonError(problems)
    return bank
