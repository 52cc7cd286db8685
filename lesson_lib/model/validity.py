"""The index held to what a specialist on Belarus would expect (``index_checks.csv``): the
model's own check, which a test holds the course's settings to and lesson 04 shows."""

from __future__ import annotations

import html

import pandas as pd

from ..data import load_table
from ..errors import LessonError, Problem
from .index import DOMAINS, balance_index

__all__ = ["face_validity", "face_validity_html", "face_validity_table"]


def face_validity(index: pd.DataFrame | None = None,
                  checks: pd.DataFrame | None = None) -> pd.DataFrame:
    """Each expectation with whether ``index`` meets it (``holds``) and the values it was
    judged on (``found``), in the course's words.

    >>> result = face_validity()
    >>> bool(result["holds"].all()), len(result) >= 8
    (True, True)
    """
    index = (balance_index() if index is None else index).set_index("year")
    checks = load_table("index_checks") if checks is None else checks
    rows = []
    for check in checks.itertuples():
        holds, found = _judge(index, check)
        rows.append({"check_id": check.check_id, "statement": check.statement,
                     "holds": holds, "found": found})
    return pd.DataFrame(rows)


def _span(index: pd.DataFrame, first, last, check_id: str) -> pd.DataFrame:
    years = [y for y in range(int(first), int(last) + 1) if y in index.index]
    if not years:
        raise LessonError(Problem("the span has no year the index covers", file=
                                  "index_checks.csv", column="year_from", found=check_id,
                                  expected=f"years from {index.index.min()} to "
                                           f"{index.index.max()}"))
    return index.loc[years]


def _judge(index: pd.DataFrame, check) -> tuple[bool, str]:
    span = _span(index, check.year_from, check.year_to, check.check_id)
    domains = list(DOMAINS) if check.domain == "all" else [check.domain]
    if check.kind == "toward_moscow":
        values = span[domains]
        worst = values.max().max()
        return bool(worst < 0), f"highest {worst:+.2f}"
    if check.kind == "not_west_in_both":
        both = span[(span["political"] > 0) & (span["security"] > 0)]
        return both.empty, ("no such year" if both.empty else
                            "in " + ", ".join(map(str, both.index)))
    other = _span(index, check.than_from, check.than_to, check.check_id)
    first, second = span[check.domain], other[check.domain]
    if check.kind == "less_toward_moscow":
        holds = first.min() > second.max()
        return bool(holds), f"lowest {first.min():+.2f} against highest {second.max():+.2f}"
    if check.kind == "nearer_the_middle":
        holds = first.abs().max() < second.abs().min()
        return bool(holds), (f"at most {first.abs().max():.2f} from the middle against at "
                             f"least {second.abs().min():.2f}")
    raise LessonError(Problem("unknown kind of check", file="index_checks.csv",
                              column="kind", found=str(check.kind),
                              expected="toward_moscow, less_toward_moscow, "
                                       "nearer_the_middle or not_west_in_both"))


def face_validity_html(result: pd.DataFrame) -> str:
    """The checks as a small table: each expectation, ✔ or ✘, and what was found.

    >>> "✔" in face_validity_html(face_validity())
    True
    """
    body = "".join(
        f"<tr><td>{html.escape(r.statement)}</td>"
        f"<td style='text-align:center'>{'✔ holds' if r.holds else '✘ fails'}</td>"
        f"<td>{html.escape(r.found)}</td></tr>" for r in result.itertuples())
    return ("<table style='border-collapse:collapse'><thead><tr><th scope='col'>What a "
            "specialist would expect</th><th scope='col'>The index</th><th scope='col'>"
            f"Found</th></tr></thead><tbody>{body}</tbody></table>")


def face_validity_table(index: pd.DataFrame | None = None):
    """The checks as a table a notebook shows whole (a DataFrame would cut the sentences).

    >>> "✔ holds" in face_validity_table().data
    True
    """
    from IPython.display import HTML

    return HTML(face_validity_html(face_validity(index)))
