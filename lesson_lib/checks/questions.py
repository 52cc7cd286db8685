"""Self-check questions as small typed records, built from a bank's JSON.

A bank file (``quiz_02.json``) is data a teacher may edit. :meth:`Question.from_dict`
checks what the answer checker relies on (each type's required fields and their
types), so a malformed question is reported as the course author's problem, naming
the bank and the question, and never reaches a learner as "that answer could not be
read". The full JSON schema (``quiz_schema.json``) is checked by
``python -m lesson_lib check`` and by the tests.
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass
from typing import Any

from ..errors import LessonError, Problem

__all__ = ["QUESTION_TYPES", "Option", "Pair", "Question", "QuestionBank"]

QUESTION_TYPES = ("single", "multiple", "order", "match", "number", "text")


@dataclass(frozen=True)
class Option:
    """One answer a learner can choose, with the feedback it earns."""

    id: str
    text: str
    feedback: str | None = None


@dataclass(frozen=True)
class Pair:
    """In a ``match`` question: an actor and the role that fits it."""

    actor_id: str
    role: str


@dataclass(frozen=True)
class Question:
    """One self-check question.

    ``answer`` is an option id (``single``), a tuple of option ids (``multiple``) or a
    number (``number``); ``order`` lists event ids (``order``); ``pairs`` actors and
    roles (``match``); ``accepted`` the texts that count as right (``text``), in any
    script: answers are transliterated before they are compared.
    """

    id: str
    type: str
    prompt: str
    explanation: str
    objective: int
    bank: str = ""
    lesson: str = ""  # the practice test's questions name the lesson of their objective
    hints: tuple[str, ...] = ()
    event_ids: tuple[str, ...] = ()
    options: tuple[Option, ...] = ()
    answer: Any = None
    order: tuple[str, ...] = ()
    pairs: tuple[Pair, ...] = ()
    tolerance: float = 0.0
    unit: str | None = None
    accepted: tuple[str, ...] = ()
    wrong_feedback: str | None = None

    @property
    def where(self) -> str:
        """How messages name this question: bank file and id."""
        return f'{self.bank or "a question bank"}, question "{self.id}"'

    @classmethod
    def from_dict(cls, raw: Any, bank: str = "", number: int | None = None) -> Question:
        """Build a question from its JSON form, or raise a :class:`LessonError` that names
        the bank, the question and the field.

        >>> q = Question.from_dict({"id": "q1", "type": "number", "prompt": "Year?",
        ...                         "explanation": "1999.", "objective": 1, "answer": 1999})
        >>> q.answer, q.tolerance
        (1999.0, 0.0)
        >>> Question.from_dict({"id": "q2", "type": "single", "prompt": "?",
        ...                     "explanation": ".", "objective": 1}, bank="quiz_01.json")
        ... # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        lesson_lib.errors.LessonError: quiz_01.json: question "q2": a single question needs ...
        """
        label = f"number {number}" if number is not None else "without an id"
        qid = raw.get("id") if isinstance(raw, dict) else None
        where = f'question "{qid}"' if isinstance(qid, str) and qid else f"question {label}"

        def fail(message: str, expected: str) -> LessonError:
            return LessonError(Problem(f"{where}: {message}", file=bank or None,
                                       expected=expected))

        if not isinstance(raw, dict):
            raise fail("is not an object", 'an object with "id", "type", "prompt", ...')
        kind = raw.get("type")
        if kind not in QUESTION_TYPES:
            raise fail('unknown "type"', "one of " + ", ".join(QUESTION_TYPES))
        for name in ("id", "prompt", "explanation"):
            if not isinstance(raw.get(name), str) or not raw[name].strip():
                raise fail(f'"{name}" is missing or empty', "a text")
        objective = raw.get("objective")
        if not isinstance(objective, int) or isinstance(objective, bool) or objective < 1:
            raise fail('"objective" is missing or not a whole number', "a number from 1")

        fields: dict[str, Any] = {}
        if kind in ("single", "multiple"):
            options = raw.get("options")
            if (not isinstance(options, list) or len(options) < 2 or not all(
                    isinstance(o, dict) and isinstance(o.get("id"), str)
                    and isinstance(o.get("text"), str) for o in options)):
                raise fail(f'a {kind} question needs "options"',
                           'a list of at least two options, each with "id" and "text"')
            fields["options"] = tuple(Option(o["id"], o["text"], o.get("feedback"))
                                      for o in options)
            ids = {o.id for o in fields["options"]}
            answer = raw.get("answer")
            if kind == "single":
                if answer not in ids:
                    raise fail('"answer" is missing or not one of the options',
                               "one option id: " + ", ".join(sorted(ids)))
            else:
                if (not isinstance(answer, list) or not answer
                        or not all(isinstance(a, str) for a in answer)
                        or not set(answer) <= ids):
                    raise fail('"answer" is missing or names an unknown option',
                               "a list of option ids from: " + ", ".join(sorted(ids)))
                answer = tuple(answer)
            fields["answer"] = answer
        elif kind == "order":
            order = raw.get("order")
            if not isinstance(order, list) or len(order) < 3 or not all(
                    isinstance(e, str) for e in order):
                raise fail('an order question needs "order"', "a list of at least three event ids")
            fields["order"] = tuple(order)
        elif kind == "match":
            pairs = raw.get("pairs")
            if not isinstance(pairs, list) or len(pairs) < 3 or not all(
                    isinstance(p, dict) and isinstance(p.get("actor_id"), str)
                    and isinstance(p.get("role"), str) for p in pairs):
                raise fail('a match question needs "pairs"',
                           'a list of at least three {"actor_id": ..., "role": ...}')
            fields["pairs"] = tuple(Pair(p["actor_id"], p["role"]) for p in pairs)
        elif kind == "number":
            answer, tolerance = raw.get("answer"), raw.get("tolerance", 0)
            for name, value in (("answer", answer), ("tolerance", tolerance)):
                if isinstance(value, bool) or not isinstance(value, numbers.Real):
                    raise fail(f'"{name}" is missing or not a number', "a number")
            fields["answer"], fields["tolerance"] = float(answer), float(tolerance)
            fields["unit"] = raw.get("unit")
        else:
            accepted = raw.get("accepted")
            if not isinstance(accepted, list) or not accepted or not all(
                    isinstance(a, str) and a.strip() for a in accepted):
                raise fail('a text question needs "accepted"',
                           "a list of the answers that count as right")
            fields["accepted"] = tuple(accepted)
        return cls(id=raw["id"], type=kind, prompt=raw["prompt"],
                   explanation=raw["explanation"], objective=objective, bank=bank,
                   lesson=raw.get("lesson", ""),
                   hints=tuple(raw.get("hints", ())), event_ids=tuple(raw.get("event_ids", ())),
                   wrong_feedback=raw.get("wrong_feedback"), **fields)


@dataclass(frozen=True)
class QuestionBank:
    """A lesson's self-check: its title and questions, and the file they came from."""

    lesson: str
    title: str
    questions: tuple[Question, ...]
    file: str = ""

    def question(self, question_id: str) -> Question:
        """The question with this id, or a teaching error listing the ids there are."""
        for q in self.questions:
            if q.id == question_id:
                return q
        raise LessonError(Problem("no such question", file=self.file or None,
                                  found=question_id,
                                  expected="one of " + ", ".join(q.id for q in self.questions)))
