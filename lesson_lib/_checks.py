"""Checks of the arguments learners and teachers pass to the course's functions.

One wording for every function: the message names the argument in quotes, says what
was found and what is expected, so ``timeline_figure``, ``geo_map_figure`` and
``balance_index`` all answer a mistake the same way.
"""

from __future__ import annotations

import difflib
import math
import numbers
from collections.abc import Iterable
from typing import Any

from .errors import LessonError, Problem


def _fail(name: str, what: str, found: Any, expected: str) -> LessonError:
    return LessonError(Problem(f'"{name}" {what}', found=found if isinstance(found, str)
                               else repr(found), expected=expected))


def one_of(name: str, value: Any, valid: Iterable[str], *, optional: bool = True) -> str | None:
    """``value`` if it is one of ``valid``; ``None`` for None or "" when ``optional``.

    >>> one_of("domain", "security", ["security", "economic"])
    'security'
    >>> one_of("domain", "military", ["security", "economic"])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    lesson_lib.errors.LessonError: "domain" is not a value it can take; found "military"; ...
    """
    valid = list(valid)
    if optional and value in (None, ""):
        return None
    if not isinstance(value, str) or value not in valid:
        shown = ", ".join(valid[:15]) + (" …" if len(valid) > 15 else "")
        near = _near(value, valid) if isinstance(value, str) else []
        raise _fail(name, "is not a value it can take", value,
                    (f"perhaps {' or '.join(near)}; otherwise " if near else "")
                    + f"one of {shown}" + (", or None for all" if optional else ""))
    return value


def _near(value: str, valid: list[str]) -> list[str]:
    """Up to three valid ids a mistyped one may have meant: those that start with the same
    word ("makei_2015" -> "makei_washington_post_interview"), then the closest spellings.

    >>> _near("makei_2015", ["makei_washington_post_interview", "nato_warsaw_communique"])
    ['makei_washington_post_interview']
    """
    head = value.split("_")[0]
    same_start = [v for v in valid if head and v.split("_")[0] == head]
    close = difflib.get_close_matches(value, valid, n=3, cutoff=0.6)
    return list(dict.fromkeys(same_start + close))[:3]


def some_of(name: str, values: Any, valid: Iterable[str]) -> list[str] | None:
    """A filter argument as a list (a single string is a list of one); ``None`` means no
    filter. Unknown values raise, naming them all.

    >>> some_of("tracks", "eu", ["eu", "russia"])
    ['eu']
    """
    if values is None:
        return None
    chosen = [values] if isinstance(values, str) else list(values)
    valid = list(valid)
    unknown = [v for v in chosen if v not in valid]
    if unknown:
        raise _fail(name, "has values it cannot take", ", ".join(map(str, unknown)),
                    "one or more of " + ", ".join(valid))
    return chosen


def year_between(name: str, value: Any, low: int, high: int) -> int:
    """A whole year from ``low`` to ``high``.

    >>> year_between("year", 2016.0, 1991, 2025)
    2016
    """
    if (isinstance(value, bool) or not isinstance(value, numbers.Real)
            or isinstance(value, float) and not value.is_integer()):
        raise _fail(name, "must be a whole year", value, f"a year from {low} to {high}")
    if not low <= value <= high:
        raise _fail(name, "is outside the years the course covers", str(int(value)),
                    f"a year from {low} to {high}")
    return int(value)


def number_between(name: str, value: Any, low: float, high: float) -> float:
    """A number from ``low`` to ``high``.

    >>> number_between("memory", 0.5, 0, 1)
    0.5
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or math.isnan(value):
        raise _fail(name, "must be a number", value, f"a number from {low:g} to {high:g}")
    if not low <= value <= high:
        raise _fail(name, "is out of range", f"{value:g}", f"a number from {low:g} to {high:g}")
    return float(value)


def year_span(name: str, value: Any, low: int, high: int) -> tuple[int, int] | None:
    """Two years in order, both from ``low`` to ``high``; ``None`` means no limit.

    >>> year_span("years", (2014, 2016), 1990, 2025)
    (2014, 2016)
    """
    if value is None:
        return None
    if isinstance(value, str) or not isinstance(value, Iterable) or len(list(value)) != 2:
        raise _fail(name, "must be two years", value, f"a pair such as ({low + 24}, {low + 26})")
    start, end = (year_between(name, y, low, high) for y in value)
    if start > end:
        raise _fail(name, "is in the wrong order", f"({start}, {end})",
                    "the earlier year first")
    return start, end


def words(name: str, value: Any) -> str:
    """Text to search for; ``None`` is no text.

    >>> words("text", None)
    ''
    """
    if value is None:
        return ""
    if not isinstance(value, str):
        raise _fail(name, "must be words to search for", value, 'a string such as "sanctions"')
    return value.strip()
