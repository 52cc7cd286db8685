"""Marking one answer: a pure checker that never raises on what a learner types.

A malformed question is the course author's problem and is reported naming the bank and
the question.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

from ..formatting import normalise_text
from ..tables import load_events
from .questions import Question

__all__ = ["Result", "check_answer", "MAX_ANSWER_LENGTH"]


MAX_ANSWER_LENGTH = 200


@dataclass(frozen=True)
class Result:
    """What :func:`check_answer` says: right or not, why, and whether it counts as an attempt."""

    correct: bool
    feedback: str
    counts: bool = True


# ---- checking answers ---------------------------------------------------------------------

def _too_long(answer: str) -> Result | None:
    if len(answer) > MAX_ANSWER_LENGTH:
        return Result(False, "That answer is very long. The answer is a few words at most: "
                             "try again with a short answer.", counts=False)
    return None


def check_answer(question: Question | dict, answer: Any) -> Result:
    """Check one answer to one question. Never raises for what a learner gives it.

    Answers by question type: ``single`` an option id; ``multiple`` a list of option ids;
    ``order`` a list of event ids, earliest first; ``match`` a dict actor id -> role text;
    ``number`` a number or the text of one; ``text`` any text, in any script.

    A question given as a dict is checked first: a malformed one raises a
    :class:`~lesson_lib.LessonError` naming the question, because that is the course
    author's problem, not the learner's.

    >>> q = {"id": "q", "type": "text", "prompt": "Who?", "explanation": ".",
    ...      "objective": 1, "accepted": ["Lukashenko", "Lukashenka"]}
    >>> check_answer(q, "lukashenka").correct, check_answer(q, "Лукашэнка").correct
    (True, True)
    >>> check_answer(q, "").counts
    False
    """
    if not isinstance(question, Question):
        question = Question.from_dict(question)
    try:
        return _CHECKERS[question.type](question, answer)
    except (TypeError, ValueError, AttributeError, KeyError):
        return Result(False, "That answer could not be read. Please answer with the "
                             "controls above.", counts=False)


def _single(q: Question, answer) -> Result:
    options = {o.id: o for o in q.options}
    if not isinstance(answer, str) or answer not in options:
        return Result(False, "Choose one of the answers first.", counts=False)
    right = answer == q.answer
    return Result(right, options[answer].feedback or ("Right." if right else "Not quite."))


def _multiple(q: Question, answer) -> Result:
    options = {o.id: o for o in q.options}
    if isinstance(answer, str) or not answer:
        return Result(False, "Tick at least one answer first.", counts=False)
    chosen = set(answer)
    if not chosen <= set(options):
        return Result(False, "Use the boxes above to choose.", counts=False)
    wanted = set(q.answer)
    if chosen == wanted:
        return Result(True, "Right: you found all of them and nothing else.")
    notes = [options[o].feedback or f"“{options[o].text}” is not one of them."
             for o in sorted(chosen - wanted)]
    missing = len(wanted - chosen)
    if missing:
        notes.append(f"{missing} correct answer{'s are' if missing > 1 else ' is'} missing.")
    return Result(False, " ".join(notes))


def _order(q: Question, answer) -> Result:
    if isinstance(answer, str) or sorted(answer) != sorted(q.order):
        return Result(False, "Place each event exactly once.", counts=False)
    dates = load_events().set_index("event_id")["date"]
    right = sorted(q.order, key=lambda e: dates[e])
    placed = sum(a == b for a, b in zip(answer, right, strict=True))
    if placed == len(right):
        return Result(True, "Right: that is the order in which they happened.")
    return Result(False, f"{placed} of {len(right)} are in the right place. Check the dates "
                         "on the timeline.")


def _match(q: Question, answer) -> Result:
    if not isinstance(answer, dict) or set(answer) != {p.actor_id for p in q.pairs}:
        return Result(False, "Give every actor a role.", counts=False)
    if any(not v for v in answer.values()):
        return Result(False, "Give every actor a role.", counts=False)
    good = sum(answer[p.actor_id] == p.role for p in q.pairs)
    if good == len(q.pairs):
        return Result(True, "Right: every actor has its role.")
    return Result(False, f"{good} of {len(q.pairs)} roles are right.")


def _number(q: Question, answer) -> Result:
    if isinstance(answer, bool):
        raise TypeError
    text = str(answer).strip()
    if not text:
        return Result(False, "Type a number first.", counts=False)
    too_long = _too_long(text)
    if too_long:
        return too_long
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        example = "2004" if q.unit == "year" else "a number such as 3"
        return Result(False, f"That is not a number. Type digits only, e.g. {example}.",
                      counts=False)
    if abs(value - q.answer) <= q.tolerance:
        return Result(True, "Right.")
    year = q.unit == "year"
    direction = ("too early" if year else "too low") if value < q.answer else (
        "too late" if year else "too high")
    close = abs(value - q.answer) <= max(2 * q.tolerance, 2 if year else 0)
    return Result(False, q.wrong_feedback or f"Not quite: {direction}"
                  + (", but close." if close else "."))


def _text(q: Question, answer) -> Result:
    if not isinstance(answer, str):
        raise TypeError
    text = answer.strip()
    if not text:
        return Result(False, "Type an answer first.", counts=False)
    too_long = _too_long(text)
    if too_long:
        return too_long
    given = normalise_text(text)
    accepted = [normalise_text(a) for a in q.accepted]
    if given in accepted:
        return Result(True, "Right.")
    close = difflib.get_close_matches(given, accepted, n=1, cutoff=0.8)
    if close and len(given) >= 5:
        spelling = q.accepted[accepted.index(close[0])]
        return Result(True, f"Right (check the spelling: {spelling}).")
    return Result(False, q.wrong_feedback or "Not quite. A hint may help.")


_CHECKERS = {"single": _single, "multiple": _multiple, "order": _order, "match": _match,
             "number": _number, "text": _text}
