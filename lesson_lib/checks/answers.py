"""The form of an assessment answer: one letter, some letters, a year or a word, typed into
a notebook cell as ``qX = "?"``. Each check returns the answer tidied (upper case, no
spaces) or raises a :class:`LessonError` that says what to type; :func:`share_right`
scores letters for partial credit.

Only the form is checked here: which answer is right lives with the teacher's copy of the
assessment, never in this library.
"""

from __future__ import annotations

import re
from typing import Any

from ..course import FIRST_YEAR, LAST_YEAR
from ..errors import LessonError, Problem

__all__ = ["letter", "letters", "sequence", "year", "number", "decimal", "word", "share_right",
           "checked"]


def _problem(name: str, value: Any, expected: str) -> LessonError:
    if value is Ellipsis:
        return LessonError(Problem(f"{name} has no answer yet: replace the ... with your answer",
                                   column=name, expected=expected))
    return LessonError(Problem(f"{name} is not in the form asked for", column=name,
                               found=repr(value), expected=expected))


def letter(name: str, value: Any, options: str = "ABCD") -> str:
    """One of ``options``, in any case, for example ``qX = "?"``.

    >>> letter("q1", " b ")
    'B'
    >>> try:
    ...     letter("q1", "E")
    ... except LessonError as error:
    ...     print(str(error).split("; ")[-1])
    expected one letter in quotes, one of A, B, C, D, like q1 = "?" with ? the letter
    """
    # Examples are patterns, never letters or numbers: a real one would read as a hint.
    expected = (f'one letter in quotes, one of {", ".join(options)}, like {name} = "?" '
                "with ? the letter")
    given = _trimmed(value).upper() if isinstance(value, str) else ""
    if len(given) != 1 or given not in options:
        raise _problem(name, value, expected)
    return given


def letters(name: str, value: Any, options: str = "ABCD") -> str:
    """Some of ``options``, each at most once, in any case and order, with or without
    spaces or commas: ``"a, d"`` becomes ``"AD"``. An empty string means "none of them".

    >>> letters("q8", "d, a")
    'AD'
    """
    expected = (f'letters in quotes, each of {", ".join(options)} at most once, '
                f'like {name} = "??" with each ? a letter ("" for none)')
    chosen = _only_letters(name, value, options, expected)
    if len(set(chosen)) != len(chosen):
        raise _problem(name, value, expected)
    return "".join(sorted(chosen))


def sequence(name: str, value: Any, options: str) -> str:
    """Exactly one letter for each place, in order: ``"f i r p"`` becomes ``"FIRP"`` when
    each of the four places takes one of ``options``.

    >>> sequence("q5", "f i r p", "FIRP")
    'FIRP'
    """
    # The example is a pattern, not letters: any real letters would score as a guess.
    expected = (f'{len(options)} letters in quotes, one for each sentence in order, each one '
                f'of {", ".join(options)}, like {name} = "{"?" * len(options)}" with each ? a '
                "letter")
    given = _only_letters(name, value, options, expected)
    if len(given) != len(options):
        raise _problem(name, value, expected)
    return given


def _trimmed(text: str) -> str:
    """``text`` without the spaces and the full stop a learner may type after an answer
    (``"B."``, ``" 2016. "``): the instructions allow both."""
    return text.strip().removesuffix(".").strip()


def _only_letters(name: str, value: Any, options: str, expected: str) -> str:
    """``value`` in upper case without spaces and commas, if every letter is an option."""
    letters_given = (re.sub(r"[\s,;]+", "", _trimmed(value)).upper()
                     if isinstance(value, str) else None)
    if letters_given is None or any(c not in options for c in letters_given):
        raise _problem(name, value, expected)
    return letters_given


def year(name: str, value: Any, low: int = FIRST_YEAR, high: int = LAST_YEAR) -> int:
    """A year from ``low`` to ``high`` as a number, like ``q7_year = 2004``; a year typed in
    quotes is accepted.

    >>> year("q7_year", "2016")
    2016
    """
    return _whole(name, value, low, high,
                  f"a year from {low} to {high}, written in digits without quotes, "
                  f"like {name} = YYYY")


def number(name: str, value: Any, low: int = 0, high: int = 10) -> int:
    """A whole number from ``low`` to ``high``, like ``votes = 4``.

    >>> number("votes", 3)
    3
    """
    return _whole(name, value, low, high, f"a whole number from {low} to {high}, written in "
                  f"digits without quotes, like {name} = N")


def decimal(name: str, value: Any, low: float = -1.0, high: float = 1.0) -> float:
    """A number with a decimal point from ``low`` to ``high``, like ``index_value = -0.4``; a
    decimal comma, a typographic minus (as charts print it) and quotes are accepted.

    >>> decimal("index_value", "−0,4"), decimal("index_value", 0.35), decimal("index_value", 1)
    (-0.4, 0.35, 1.0)
    """
    expected = (f"a number from {low:g} to {high:g} in digits, with a point before the "
                f"decimals, like {name} = -0.N or {name} = 0.N")
    if isinstance(value, bool):
        raise _problem(name, value, expected)
    if isinstance(value, int | float):
        number = float(value)
    elif isinstance(value, str):
        text = _trimmed(value).replace("−", "-").replace(",", ".").replace(" ", "")
        if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", text):
            raise _problem(name, value, expected)
        number = float(text)
    else:
        raise _problem(name, value, expected)
    if not low <= number <= high:
        raise _problem(name, value, expected)
    return round(number, 2)


def _whole(name: str, value: Any, low: int, high: int, expected: str) -> int:
    """``value`` as a whole number from ``low`` to ``high``. Digits in quotes are accepted,
    and so is a full stop after them: ``2016.`` is the float 2016.0 in Python, and
    ``"2016."`` a string."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = _trimmed(value) if isinstance(value, str) else (
        str(value) if isinstance(value, int) and not isinstance(value, bool) else "")
    if not re.fullmatch(r"\d+", text) or not low <= int(text) <= high:
        raise _problem(name, value, expected)
    return int(text)


def word(name: str, value: Any, most_words: int = 3) -> str:
    """A word or two from a text, in quotes, like ``q2 = "demonstrate"``; returned in lower
    case without quotation marks or punctuation around it.

    >>> word("q2", ' "Insisted." ')
    'insisted'
    """
    expected = f'a word or a few words (at most {most_words}) in quotes, like {name} = "word"'
    if not isinstance(value, str):
        raise _problem(name, value, expected)
    cleaned = value.strip().strip("\"'“”‘’.,;:!?").strip().lower()
    if not cleaned or len(cleaned.split()) > most_words:
        raise _problem(name, value, expected)
    return cleaned


def share_right(given: str | None, right: str, options: str = "ABCD",
                points: float = 2) -> float:
    """Partial credit for a choice of letters: full ``points`` when every option is placed
    rightly (chosen when right, left out when wrong), half when one is misplaced, else 0.
    So neither "none of them" nor "all of them" earns anything for a two-of-four key.

    >>> share_right("AD", "AD"), share_right("A", "AD"), share_right("", "AD")
    (2, 1.0, 0)
    """
    if given is None:
        return 0
    misplaced = sum((o in given) != (o in right) for o in options)
    return points if misplaced == 0 else points / 2 if misplaced == 1 else 0


def checked(name: str, value: Any, form: str, *args: Any) -> Any:
    """Check ``value`` with the form function called ``form`` (``"letter"``, ``"year"``...)
    and say the result in one line, without raising: an unanswered or misformed answer
    prints what to type and gives ``None``, so "Run All" goes on to the next question and
    the marking scores that answer 0.

    >>> checked("q1", " b", "letter")
    q1: ✔ in the right form
    'B'
    >>> checked("q1", ..., "letter") is None  # doctest: +ELLIPSIS
    q1: ✘ q1 has no answer yet: replace the ... with your answer; expected one letter ...
    True
    """
    check = {"letter": letter, "letters": letters, "sequence": sequence, "year": year,
             "number": number, "decimal": decimal, "word": word}[form]
    try:
        tidy = check(name, value, *args)
    except LessonError as error:
        print(f"{name}: ✘ {error.problems[0].message}; expected {error.problems[0].expected}")
        return None
    print(f"{name}: ✔ in the right form")
    return tidy

