"""The project's one error type: a message that teaches what went wrong and how to fix it.

Teachers edit the data files and learners type into boxes, so every error names
where the problem is (file, line, column or field), what was found and what was
expected. Several problems can be reported at once, so a teacher fixing a file
sees the whole list instead of one problem per run.
"""

from __future__ import annotations

import os
import sys
import traceback
from dataclasses import dataclass

__all__ = ["LessonError", "Problem", "show_traceback", "TRACEBACK_ENV"]

# Set to "full" (e.g. `TWO_CHAIRS_TRACEBACK=full make lab`) for the whole traceback of
# every LessonError in a notebook, as Python prints other errors.
TRACEBACK_ENV = "TWO_CHAIRS_TRACEBACK"
_RED, _PLAIN = "\x1b[0;31m", "\x1b[0m"

# A teacher reads the first problems and fixes them; 300,000 lines would hide them.
SHOWN_PROBLEMS = 50


@dataclass(frozen=True)
class Problem:
    """One thing wrong, with where it is and what was expected.

    ``line`` is the line number a text editor shows (the header is line 1).
    Any field may be ``None`` when it does not apply (a missing file has no line).
    """

    message: str
    file: str | None = None
    line: int | None = None
    column: str | None = None
    found: str | None = None
    expected: str | None = None

    def __str__(self) -> str:
        where = []
        if self.file:
            where.append(self.file)
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.column:
            where.append(f'column "{self.column}"')
        text = self.message
        if self.found is not None:
            text += f"; found {_show(self.found)}"
        if self.expected:
            text += f"; expected {self.expected}"
        return f"{', '.join(where)}: {text}" if where else text


def _show(value: str, limit: int = 60) -> str:
    """Quote a found value, shortened so a pasted novel does not flood the message."""
    value = str(value)
    if len(value) > limit:
        value = value[: limit - 1] + "…"
    return f'"{value}"'


class LessonError(ValueError):
    """Raised for bad data files and bad arguments, with a message that teaches.

    Parameters
    ----------
    problems : Problem, str or list of them
        What is wrong. A string becomes a Problem without a location.

    Examples
    --------
    >>> err = LessonError(Problem("not a date", file="events.csv", line=3,
    ...                           column="date", found="2016-02-30",
    ...                           expected="a real calendar date, YYYY-MM-DD"))
    >>> print(err)  # doctest: +NORMALIZE_WHITESPACE
    events.csv, line 3, column "date": not a date; found "2016-02-30";
    expected a real calendar date, YYYY-MM-DD
    """

    def __init__(self, problems: Problem | str | list[Problem | str]):
        if not isinstance(problems, list):
            problems = [problems]
        self.problems: list[Problem] = [
            p if isinstance(p, Problem) else Problem(str(p)) for p in problems
        ]
        super().__init__(self._text())

    def _text(self) -> str:
        if len(self.problems) == 1:
            return str(self.problems[0])
        lines = [f"{len(self.problems):,} problems:"]
        lines += [f"  - {p}" for p in self.problems[:SHOWN_PROBLEMS]]
        rest = len(self.problems) - SHOWN_PROBLEMS
        if rest > 0:
            lines.append(f"  ... and {rest:,} more like these: fix the ones above and "
                         "check again (one mistake often causes many)")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self._text()

    @property
    def _render_traceback_(self):
        """IPython shows what this returns instead of a traceback: the message that matters
        to a learner, not 40 lines of the library's code above it. With
        ``TWO_CHAIRS_TRACEBACK=full`` there is no such method, so IPython shows the whole
        traceback as usual; :func:`show_traceback` shows it for the last error."""
        if os.environ.get(TRACEBACK_ENV, "").strip().lower() == "full":
            raise AttributeError("_render_traceback_")
        return self._short_traceback

    def _short_traceback(self) -> list[str]:
        lines = self._text().splitlines()
        return [f"{_RED}LessonError{_PLAIN}: {lines[0]}", *lines[1:],
                "(The message says what to fix. Where in the code it happened: run "
                "lesson_lib.show_traceback() in a new cell.)"]


def show_traceback() -> None:
    """Print the whole traceback of the last error in this notebook, a ``LessonError``
    included (which a lesson shows as its message alone)."""
    error = getattr(sys, "last_value", None) or getattr(sys, "last_exc", None)
    if error is None:
        print("No error to show: this kernel has not stopped on one yet.")
        return
    print("".join(traceback.format_exception(error)).rstrip())
