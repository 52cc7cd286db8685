"""The rules a table's rows must keep, within a row, across a table's rows, and across
tables (references, dates inside the span they point to, an excerpt's length by the
publisher's terms). :mod:`lesson_lib.table_parser` parses the files and calls these; the rules
themselves are named in ``data/schema.json``.
"""

from __future__ import annotations

import datetime as dt
import difflib
import itertools
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from .errors import Problem

if TYPE_CHECKING:
    pass

LIST_SEPARATOR = ";"
# Each rule a table may carry, and which of its fields name that table's columns.
RULE_COLUMNS = {
    "not_before": ("column", "other"),
    "precision": ("column", "by"),
    "required_when": ("column", "when", "when_filled"),
    "flag_requires": ("flag", "column"),
    "contiguous": ("start", "end"),
    "no_near_duplicates": ("date", "text"),
    "within": ("column", "via"),
    "one_of_required": ("columns",),
    "refs_within": ("column", "start", "end"),
    "known_by_day": ("column",),
    "different": ("column", "other"),
    "allowed_when": ("column", "when"),
    "no_cycles": ("column",),
    "quoted_within": ("column", "within"),
    "reuse_limit": ("column", "via"),
}
NEAR_DUPLICATE_RATIO = 0.85
# How many other texts of the same date a new one is compared with, and how many texts a
# date remembers: bounds that keep the check linear in a file of 100,000 rows.
NEAR_DUPLICATE_WINDOW = 50
NEAR_DUPLICATE_TEXTS = 1000
# A sentence ends at . ! or ? (and any closing quotation mark) before a space and a capital,
# a digit or an opening mark; an ellipsis marks words left out, not the end of a sentence.
_SENTENCE_END = re.compile(r'(?<=[.!?])(?<!\.\.\.)(?<!…)["”’»)]?\s+(?=["“‘«(\[]?[A-Z0-9])')
# "10. Russia's ..." : a numbered paragraph's number is not a sentence.
_PARAGRAPH_NUMBER = re.compile(r"^\s*\d+\.\s+")


def count_sentences(text: str) -> int:
    """How many sentences a passage holds, paragraph by paragraph.

    >>> count_sentences("We need planes ... not bases. I know nothing.  It is so.")
    3
    >>> count_sentences("10. Russia's actions include: exercises. In addition, others")
    2
    """
    return sum(len([s for s in _SENTENCE_END.split(_PARAGRAPH_NUMBER.sub("", part.strip()))
                    if s.strip()])
               for part in text.split("\n\n") if part.strip())


def _folded(text: str) -> str:
    """Text with every run of white space made one space: a quotation copied from a page
    keeps its words and marks, not the page's line breaks."""
    return " ".join(text.split())


def key_problems(spec: dict, values: dict[str, list], lines: list[int],
                  label: str) -> Iterable[Problem]:
    groups = [[spec["key"]]] + spec.get("unique_together", [])
    for group in groups:
        first_seen: dict[tuple, int] = {}
        for i, line in enumerate(lines):
            combo = tuple(values[c][i] for c in group)
            if any(v is None for v in combo):
                continue
            if combo in first_seen:
                shown = ", ".join(str(v) for v in combo)
                yield Problem(f"duplicate {' + '.join(group)} (first used on line "
                              f"{first_seen[combo]})", file=label, line=line,
                              column=group[0], found=shown,
                              expected="each row to have its own value")
            else:
                first_seen[combo] = line


def row_rule_problems(spec: dict, values: dict[str, list], lines: list[int],
                       label: str) -> Iterable[Problem]:
    """Rules within one table: between fields of a row, or across its rows."""
    for rule in spec.get("rules", []):
        kind = rule["rule"]
        if kind == "contiguous":
            yield from _contiguity_problems(rule, values, lines, label)
        elif kind == "no_near_duplicates":
            yield from _near_duplicate_problems(rule, values, lines, label)
        elif kind == "no_cycles":
            yield from _cycle_problems(spec["key"], rule, values, lines, label)
        for i, line in enumerate(lines):
            if kind == "not_before":
                later, earlier = values[rule["column"]][i], values[rule["other"]][i]
                if later is not None and earlier is not None and later < earlier:
                    yield Problem(f'this date is before "{rule["other"]}" ({earlier})',
                                  file=label, line=line, column=rule["column"],
                                  found=str(later),
                                  expected=f'a date on or after "{rule["other"]}"')
            elif kind == "allowed_when":
                if (values[rule["when"]][i] in rule["in"]
                        and values[rule["column"]][i] not in (None, *rule["values"])):
                    yield Problem(f'this value is not allowed when "{rule["when"]}" is '
                                  f'{values[rule["when"]][i]}', file=label, line=line,
                                  column=rule["column"], found=str(values[rule["column"]][i]),
                                  expected=" or ".join(rule["values"]))
            elif kind == "quoted_within":
                part, whole = values[rule["column"]][i], values[rule["within"]][i]
                if part is not None and whole is not None and _folded(part) not in _folded(whole):
                    yield Problem(f'these words are not found in "{rule["within"]}"', file=label,
                                  line=line, column=rule["column"], found=part,
                                  expected=f'words copied exactly from "{rule["within"]}" '
                                           "(spaces and line breaks may differ)")
            elif kind == "different":
                here, other = values[rule["column"]][i], values[rule["other"]][i]
                if here is not None and here == other:
                    yield Problem(f'this row ties "{rule["other"]}" to itself',
                                  file=label, line=line, column=rule["column"], found=here,
                                  expected=f'an id other than "{rule["other"]}" ({other})')
            elif kind == "precision":
                date, precision = values[rule["column"]][i], values[rule["by"]][i]
                if date is None or precision is None:
                    continue
                if precision == "month" and date.day != 1 or (
                        precision == "year" and (date.month, date.day) != (1, 1)):
                    first = "the 1st of the month" if precision == "month" else "1 January"
                    yield Problem(
                        f'the date is more exact than its precision "{precision}"',
                        file=label, line=line, column=rule["column"], found=str(date),
                        expected=f"{first} for a {precision}-precision date, or "
                                 f'set "{rule["by"]}" to day',
                    )
            elif kind == "required_when":
                if values[rule["column"]][i] not in (None, ()):  # an empty id list is empty
                    continue
                if "when_filled" in rule and values[rule["when_filled"]][i] is not None:
                    yield Problem(f'this field is required when "{rule["when_filled"]}" is filled',
                                  file=label, line=line, column=rule["column"],
                                  expected="a value")
                elif "when" in rule and values[rule["when"]][i] in rule["in"]:
                    yield Problem(
                        f'this field is required when "{rule["when"]}" is '
                        f'{values[rule["when"]][i]}', file=label, line=line,
                        column=rule["column"], expected="a value")
            elif kind == "one_of_required":
                if all(values[c][i] in (None, ()) for c in rule["columns"]):
                    yield Problem("this row needs at least one of these fields",
                                  file=label, line=line, column=rule["columns"][0],
                                  expected=" or ".join(f'"{c}"' for c in rule["columns"]))
            elif kind == "flag_requires":
                listed = values[rule["column"]][i] or ()
                if values[rule["flag"]][i] and rule["value"] not in listed:
                    yield Problem(
                        f'a row with "{rule["flag"]}" true must cite {rule["value"]}',
                        file=label, line=line, column=rule["column"],
                        found=LIST_SEPARATOR.join(listed),
                        expected=f'{rule["value"]} among the ids, or "{rule["flag"]}" false')


def _contiguity_problems(rule: dict, values: dict[str, list], lines: list[int],
                         label: str) -> Iterable[Problem]:
    """Periods must follow each other with no gap and no overlap."""
    spans = sorted(
        (values[rule["start"]][i], values[rule["end"]][i], line)
        for i, line in enumerate(lines)
        if values[rule["start"]][i] is not None and values[rule["end"]][i] is not None)
    for (_, end, _), (start, _, line) in itertools.pairwise(spans):
        if start != end + dt.timedelta(days=1):
            what = "overlaps the period before it" if start <= end else "leaves a gap"
            yield Problem(f"this period {what}", file=label, line=line, column=rule["start"],
                          found=str(start),
                          expected=f"the day after the previous period ends ({end})")


def _near_duplicate_problems(rule: dict, values: dict[str, list], lines: list[int],
                             label: str) -> Iterable[Problem]:
    """Two rows on the same date with nearly the same text are probably one event twice.

    Linear in the rows: a text seen before on that date is a repeat of its first row at
    once, and a new text is compared with at most :data:`NEAR_DUPLICATE_WINDOW` of the
    other texts of its date (a real date has a handful of events, not hundreds).
    """
    seen: dict[Any, dict[str, int]] = {}  # date -> folded text -> its first row
    for i, date in enumerate(values[rule["date"]]):
        text = values[rule["text"]][i]
        if text is None:
            continue
        folded = " ".join(text.lower().split())
        on_date = seen.setdefault(date, {})
        first = on_date.get(folded)
        if first is None:
            first = next((row for other, row in itertools.islice(
                reversed(on_date.items()), NEAR_DUPLICATE_WINDOW)
                if _nearly_same(folded, other)), None)
            if len(on_date) < NEAR_DUPLICATE_TEXTS:
                on_date[folded] = i
        if first is not None:
            yield Problem(f"this row looks like a repeat of line {lines[first]} "
                          "(same date, nearly the same title)", file=label, line=lines[i],
                          column=rule["text"], found=text,
                          expected="one row per event: merge the two rows")


def _cycle_problems(key: str, rule: dict, values: dict[str, list], lines: list[int],
                    label: str) -> Iterable[Problem]:
    """A row that points, through ``rule["column"]``, back to itself, directly or along a
    chain (a source that is a reprint of a reprint of itself): each loop once, at the row
    where the walk meets it, in one pass over the rows."""
    points_to = {k: v for k, v in zip(values[key], values[rule["column"]], strict=True)
                 if k is not None and v is not None}
    line_of = {k: line for k, line in zip(values[key], lines, strict=True)}
    done: set = set()
    for start in points_to:
        path: dict = {}  # the ids of this walk, in order
        current = start
        while current in points_to and current not in done and current not in path:
            path[current] = len(path)
            current = points_to[current]
        if current in path:  # the walk came back to an id of its own: a loop
            loop = list(path)[path[current]:]
            shown = " → ".join([*loop, current])
            what = "points to itself" if len(loop) == 1 else "is part of a loop"
            yield Problem(f"this row {what} ({shown})", file=label,
                          line=line_of.get(current), column=rule["column"],
                          found=points_to[current],
                          expected=f'a "{rule["column"]}" that leads to a row that points '
                                   "nowhere (the original), never back")
        done.update(path)


def _nearly_same(first: str, second: str) -> bool:
    matcher = difflib.SequenceMatcher(None, first, second)
    # The quick bounds rule most pairs out before the full comparison.
    return (matcher.real_quick_ratio() >= NEAR_DUPLICATE_RATIO
            and matcher.quick_ratio() >= NEAR_DUPLICATE_RATIO
            and matcher.ratio() >= NEAR_DUPLICATE_RATIO)


