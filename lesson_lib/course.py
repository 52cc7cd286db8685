"""Course-wide facts, read once from ``data/schema.json``: years, lessons, domains, labels.

Every module that needs the course's year range, its lessons or the words shown for
a coded value asks here, so each of these facts is written once, in the schema,
beside the values it describes.
"""

from __future__ import annotations

import functools

from .errors import LessonError, Problem
from .schema import load_schema

__all__ = ["FIRST_YEAR", "LAST_YEAR", "FIRST_STATE_YEAR", "LESSONS", "DOMAINS", "NEIGHBOURS",
           "labels"]


@functools.cache
def _schema() -> dict:
    return load_schema()


def _course() -> dict:
    return _schema()["course"]


FIRST_YEAR, LAST_YEAR = (int(y) for y in _course()["years"])
# Maps and the balance index start with Belarus's first full year as a state.
FIRST_STATE_YEAR = int(_course()["state_years_from"])
LESSONS: tuple[str, ...] = tuple(_course()["lessons"])
DOMAINS: tuple[str, ...] = tuple(_course()["domains"])
# Belarus's neighbours, as actor ids: the maps, the primer and the text versions name them.
NEIGHBOURS: tuple[str, ...] = tuple(_course()["neighbours"])


def labels(table: str, column: str, kind: str = "labels") -> dict[str, str]:
    """The words shown for each value of a coded column, in the schema's order.

    ``kind`` is ``"labels"`` (short, for legends and menus) or ``"titles"`` (in full,
    for summaries and screen readers) where the schema gives both.

    >>> labels("events", "tilt")["toward_west"]
    'toward the West'
    >>> list(labels("events", "track", "titles"))[0]
    'russia'
    """
    for col in _schema()["tables"][table]["columns"]:
        if col["name"] == column and kind in col:
            return {value: col[kind][value] for value in col["values"]}
    raise LessonError(Problem(f"the schema gives no {kind} for this column",
                              file=f"schema.json, table {table}", column=column))
