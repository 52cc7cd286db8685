"""The rules a table's rows must keep, within a row, across a table's rows, and across
tables (references, dates inside the span they point to, an excerpt's length by the
publisher's terms). :mod:`lesson_lib.schema` parses the files and calls these; the rules
themselves are named in ``data/schema.json``.
"""

from __future__ import annotations

import datetime as dt
import difflib
import itertools
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import pandas as pd

from .errors import Problem

if TYPE_CHECKING:
    from .schema import ParsedTable

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
# Unknown ids that get a "did you mean" (each costs a look through the table's ids).
SUGGESTED_IDS = 200
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



def _cross_table_rules(schema: dict, tables: dict[str, ParsedTable], kind: str):
    """Each rule of ``kind`` that looks into another table: (table, rule, the other table's
    frame, its key column)."""
    for name, table in tables.items():
        for rule in schema["tables"][name].get("rules", []):
            if rule["rule"] == kind and rule["table"] in tables:
                yield (table, rule, tables[rule["table"]].frame,
                       schema["tables"][rule["table"]]["key"])


def _within_problems(schema: dict, tables: dict[str, ParsedTable]) -> list[Problem]:
    """A date must fall inside the span of the row it points to (an event inside its era)."""
    problems = []
    for table, rule, other, key in _cross_table_rules(schema, tables, "within"):
        spans = {row[key]: (row[rule["start"]], row[rule["end"]])
                 for _, row in other.iterrows()}
        for line, date, ref in zip(table.lines, table.frame[rule["column"]],
                                   table.frame[rule["via"]], strict=True):
            if pd.isna(date) or ref not in spans:
                continue
            start, end = spans[ref]
            if not start <= date <= end:
                fits = [k for k, (a, b) in spans.items() if a <= date <= b]
                problems.append(Problem(
                    f'the date {date.date()} is outside {ref} '
                    f'({start.date()} to {end.date()})', file=table.file, line=line,
                    column=rule["via"], found=ref,
                    expected=(f'"{fits[0]}", the {rule["table"]} row whose span holds '
                              "the date") if fits else "a row whose span holds the date"))
    return problems


def _refs_within_problems(schema: dict, tables: dict[str, ParsedTable]) -> list[Problem]:
    """Every row an id list points to must be dated inside the row's own span (evidence
    for what a side wanted in 2014-2016 must come from 2014-2016)."""
    problems = []
    for table, rule, other, key in _cross_table_rules(schema, tables, "refs_within"):
        dates = dict(zip(other[key], other[rule["date"]], strict=True))
        frame = table.frame
        for line, ids, start, end in zip(table.lines, frame[rule["column"]],
                                         frame[rule["start"]], frame[rule["end"]],
                                         strict=True):
            if pd.isna(start) or pd.isna(end):
                continue
            for ref in ids if isinstance(ids, tuple) else ():
                date = dates.get(ref)
                if date is not None and not start <= date <= end:
                    problems.append(Problem(
                        f"{ref} is dated {date.date()}, outside this row's span "
                        f"({start.date()} to {end.date()})", file=table.file, line=line,
                        column=rule["column"], found=ref,
                        expected=f"a row of {rule['table']} dated inside the span, or "
                                 f'a wider "{rule["start"]}"/"{rule["end"]}"'))
    return problems


def _days_of(rule: dict, table: ParsedTable, tables: dict[str, ParsedTable],
             schema: dict) -> list:
    """The day each row is judged by: its own ``day`` column, or (with ``via``) the day of
    the row it belongs to (a seat's day is its decision point's)."""
    if "via" not in rule:
        return list(table.frame[rule["day"]])
    owner = tables[rule["via_table"]].frame
    days = dict(zip(owner[schema["tables"][rule["via_table"]]["key"]], owner[rule["day"]],
                    strict=True))
    return [days.get(ref) for ref in table.frame[rule["via"]]]


def _known_by_day_problems(schema: dict, tables: dict[str, ParsedTable]) -> list[Problem]:
    """Hindsight kept apart. With ``"side": "before"``, every row an id list points to is
    dated on or before the row's day and (with ``sources``) has a source published by then:
    a case brief cites only what could be known that day. With ``"side": "after"``, every
    row pointed to is dated on or after the day (a debrief tells what came next)."""
    problems = []
    for table, rule, other, key in _cross_table_rules(schema, tables, "known_by_day"):
        if "via" in rule and rule.get("via_table") not in tables:
            continue
        dates = dict(zip(other[key], other[rule["date"]], strict=True))
        published = {}
        if "sources" in rule and rule["source_table"] in tables:
            source_frame = tables[rule["source_table"]].frame
            source_dates = dict(zip(source_frame[schema["tables"][rule["source_table"]]["key"]],
                                    source_frame[rule["source_date"]], strict=True))
            published = {ref: [source_dates.get(s) for s in (ids or ())]
                         for ref, ids in zip(other[key], other[rule["sources"]], strict=True)}
        before = rule["side"] == "before"
        for line, ids, day in zip(table.lines, table.frame[rule["column"]],
                                  _days_of(rule, table, tables, schema), strict=True):
            if day is None or pd.isna(day):
                continue
            for ref in ids if isinstance(ids, tuple) else ():
                date = dates.get(ref)
                if date is None or pd.isna(date):
                    continue
                if before and date > day:
                    problems.append(Problem(
                        f"{ref} is dated {date.date()}, after this row's day ({day.date()}): "
                        "hindsight", file=table.file, line=line, column=rule["column"],
                        found=ref, expected=f"a row of {rule['table']} dated on or before "
                                            f"{day.date()}"))
                elif not before and date < day:
                    problems.append(Problem(
                        f"{ref} is dated {date.date()}, before this row's day "
                        f"({day.date()})", file=table.file, line=line, column=rule["column"],
                        found=ref, expected=f"a row of {rule['table']} dated on or after "
                                            f"{day.date()}"))
                elif before and ref in published and not any(
                        d is not None and not pd.isna(d) and d <= day for d in published[ref]):
                    problems.append(Problem(
                        f"no source of {ref} was published by {day.date()}, so nobody could "
                        "have read it that day", file=table.file, line=line,
                        column=rule["column"], found=ref,
                        expected=f"an {rule['table']} row with at least one source published "
                                 f"on or before {day.date()}"))
    return problems


def _reuse_limit_problems(schema: dict, tables: dict[str, ParsedTable]) -> list[Problem]:
    """A passage from a publisher whose terms do not allow longer excerpts keeps to
    ``sentences`` sentences."""
    problems = []
    for table, rule, other, key in _cross_table_rules(schema, tables, "reuse_limit"):
        allows = dict(zip(other[key], other[rule["flag"]], strict=True))
        for line, text, ref in zip(table.lines, table.frame[rule["column"]],
                                   table.frame[rule["via"]], strict=True):
            if pd.isna(text) or allows.get(ref, True):
                continue
            found = count_sentences(text)
            if found > rule["sentences"]:
                problems.append(Problem(
                    f"this passage has {found} sentences, but the terms of {ref} do not allow "
                    f"quoting more than {rule['sentences']}", file=table.file, line=line,
                    column=rule["column"], found=text[:80] + ("…" if len(text) > 80 else ""),
                    expected=f"at most {rule['sentences']} sentences, or a {rule['via']} whose "
                             f"{rule['flag']} is true (terms read on a page)"))
    return problems


class _Suggestions:
    """ ' (did you mean "rus"?)' for an unknown id: each id looked up once, and only the
    first :data:`SUGGESTED_IDS` of them, so 100,000 wrong ids stay linear (a teacher reads
    the first problems, not the last)."""

    def __init__(self, keys: dict[str, set]) -> None:
        self._keys = keys
        self._sorted: dict[str, list] = {}
        self._found: dict[tuple[str, str], str] = {}

    def __call__(self, table: str, ref: str) -> str:
        if (table, ref) not in self._found:
            if len(self._found) >= SUGGESTED_IDS:
                return ""
            valid = self._sorted.setdefault(table, sorted(self._keys[table]))
            close = difflib.get_close_matches(ref, valid, n=1)
            self._found[table, ref] = f' (did you mean "{close[0]}"?)' if close else ""
        return self._found[table, ref]


def check_references(schema: dict, tables: dict[str, ParsedTable]) -> list[Problem]:
    """Every id a table refers to must exist in the table it refers to.

    Also reports rows of tables marked ``"must_be_cited"`` that nothing refers to
    (every source the course lists should be used somewhere).
    """
    problems: list[Problem] = []
    keys = {
        name: set(t.frame[schema["tables"][name]["key"]].dropna())
        for name, t in tables.items()
    }
    cited: dict[str, set] = {name: set() for name in tables}
    suggest = _Suggestions(keys)
    for name, table in tables.items():
        for col in schema["tables"][name]["columns"]:
            target = col.get("references")
            if target is None or target not in tables:
                continue
            valid = keys[target]
            for line, cell in zip(table.lines, table.frame[col["name"]], strict=True):
                ids = cell if isinstance(cell, tuple) else (() if pd.isna(cell) else (cell,))
                for ref in ids:
                    cited[target].add(ref)
                    if ref not in valid:
                        hint = suggest(target, ref)
                        problems.append(Problem(
                            f"refers to an id that {schema['tables'][target]['file']} "
                            f"does not have{hint}", file=table.file, line=line,
                            column=col["name"], found=ref,
                            expected=f"an id from the {schema['tables'][target]['key']} "
                                     f"column of {schema['tables'][target]['file']}"))
    if not problems:
        problems += _within_problems(schema, tables)
        problems += _refs_within_problems(schema, tables)
        problems += _known_by_day_problems(schema, tables)
        problems += _reuse_limit_problems(schema, tables)
    for name, table in tables.items():
        spec = schema["tables"][name]
        if not spec.get("must_be_cited"):
            continue
        for line, key in zip(table.lines, table.frame[spec["key"]], strict=True):
            if key not in cited[name]:
                problems.append(Problem(
                    "nothing in the course cites this row", file=table.file, line=line,
                    column=spec["key"], found=key,
                    expected="every row to be cited by another table, or removed"))
    return problems
