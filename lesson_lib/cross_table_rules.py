"""The rules that look across tables: references, rows within the span they point to, what
was known by a day, an excerpt's length by the publisher's terms.
"""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING

import pandas as pd

from .errors import Problem
from .schema_rules import count_sentences

if TYPE_CHECKING:
    from .table_parser import ParsedTable

__all__ = ["check_references"]

# Unknown ids that get a "did you mean" (each costs a look through the table's ids).
SUGGESTED_IDS = 200


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
