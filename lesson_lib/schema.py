"""The data files' rules, read from ``data/schema.json``, and the parser that applies them.

The schema is the single description of every table: its file, its columns and
their types, which fields are required, the allowed values, the unique key and
the references to other tables. The loaders in :mod:`lesson_lib.data` and the
tests both read it, so a rule is written once.

Files are read with Python's ``csv`` module rather than ``pandas.read_csv`` so
that every problem can be reported with the line number a text editor shows,
and so that no pandas traceback ever reaches a teacher.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import itertools
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import pandas as pd

from .errors import LessonError, Problem

__all__ = ["load_schema", "parse_table", "check_references", "ID_PATTERN"]

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:_[a-z0-9]+)*$")
_INTEGER = re.compile(r"^[+-]?\d+$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TRUE = {"true", "yes"}
_FALSE = {"false", "no"}
LIST_SEPARATOR = ";"
COLUMN_TYPES = {
    "id", "string", "url", "date", "integer", "number", "boolean", "category", "id_list",
}
SCHEMA_FILE = "schema.json"
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
    "different": ("column", "other"),
    "allowed_when": ("column", "when"),
    "no_cycles": ("column",),
}
NEAR_DUPLICATE_RATIO = 0.85
# How many other texts of the same date a new one is compared with, and how many texts a
# date remembers: bounds that keep the check linear in a file of 100,000 rows.
NEAR_DUPLICATE_WINDOW = 50
NEAR_DUPLICATE_TEXTS = 1000
# Unknown ids that get a "did you mean" (each costs a look through the table's ids).
SUGGESTED_IDS = 200


def load_schema(text: str | None = None) -> dict[str, Any]:
    """Read the schema (the package's own unless ``text`` is given) and check its shape.

    Examples
    --------
    >>> schema = load_schema()
    >>> schema["tables"]["sources"]["key"]
    'source_id'
    """
    if text is None:
        text = (resources.files("lesson_lib") / "data" / SCHEMA_FILE).read_text("utf-8")
    try:
        schema = json.loads(text)
    except json.JSONDecodeError as err:
        raise LessonError(Problem(
            "schema is not valid JSON", file=SCHEMA_FILE, line=err.lineno,
            found=err.msg, expected="a JSON object as described in the datasheet",
        )) from None
    problems = list(_schema_problems(schema))
    if problems:
        raise LessonError(problems)
    return schema


def _schema_problems(schema: Any) -> Iterable[Problem]:
    if not isinstance(schema, dict) or not isinstance(schema.get("tables"), dict):
        yield Problem('the schema needs a "tables" object', file=SCHEMA_FILE)
        return
    yield from _course_problems(schema.get("course"))
    tables = schema["tables"]
    for name, table in tables.items():
        where = f'{SCHEMA_FILE}, table "{name}"'
        names = [c.get("name") for c in table.get("columns", [])]
        if not names:
            yield Problem("a table needs a list of columns", file=where)
        if table.get("key") not in names:
            yield Problem("the key must be one of the table's columns", file=where,
                          found=str(table.get("key")), expected=", ".join(map(str, names)))
        for col in table.get("columns", []):
            ctype = col.get("type")
            if ctype not in COLUMN_TYPES:
                yield Problem("unknown column type", file=where, column=col.get("name"),
                              found=str(ctype), expected=", ".join(sorted(COLUMN_TYPES)))
            if ctype == "category" and not col.get("values"):
                yield Problem("a category column needs its allowed values", file=where,
                              column=col.get("name"))
            for kind in ("labels", "titles"):
                if kind in col and set(col[kind]) != set(col.get("values") or ()):
                    yield Problem(f'the "{kind}" must name exactly the column\'s values',
                                  file=where, column=col.get("name"),
                                  found=", ".join(sorted(col[kind])),
                                  expected=", ".join(col.get("values") or ()))
            ref = col.get("references")
            if ref is not None and ref not in tables:
                yield Problem("references a table the schema does not have", file=where,
                              column=col.get("name"), found=ref,
                              expected=", ".join(tables))
        for rule in table.get("rules", []):
            kind = rule.get("rule")
            if kind not in RULE_COLUMNS:
                yield Problem("unknown rule", file=where, found=str(kind),
                              expected=", ".join(RULE_COLUMNS))
                continue
            for part in RULE_COLUMNS[kind]:
                named = rule.get(part, [])
                for column in named if isinstance(named, list) else [named]:
                    if column not in names:
                        yield Problem(f'the rule "{kind}" names a column the table does not '
                                      "have", file=where, found=str(column),
                                      expected=", ".join(names))
            if kind in ("within", "refs_within") and rule.get("table") not in tables:
                yield Problem(f'the rule "{kind}" names an unknown table', file=where,
                              found=str(rule.get("table")), expected=", ".join(tables))


def _course_problems(course: Any) -> Iterable[Problem]:
    where = f'{SCHEMA_FILE}, "course"'
    if not isinstance(course, dict):
        yield Problem('the schema needs a "course" object', file=SCHEMA_FILE,
                      expected='"years", "state_years_from", "lessons" and "domains"')
        return
    years = course.get("years")
    if not (isinstance(years, list) and len(years) == 2 and all(isinstance(y, int) for y in years)
            and years[0] <= years[1]):
        yield Problem('"years" must be the first and last year', file=where, found=str(years),
                      expected="two years in order, e.g. [1990, 2025]")
    elif not (isinstance(course.get("state_years_from"), int)
              and years[0] <= course["state_years_from"] <= years[1]):
        yield Problem('"state_years_from" must be a year inside "years"', file=where,
                      found=str(course.get("state_years_from")), expected=f"{years}")
    for key in ("lessons", "domains"):
        if not (isinstance(course.get(key), list) and course[key]
                and all(isinstance(v, str) for v in course[key])):
            yield Problem(f'"{key}" must be a list of names', file=where,
                          found=str(course.get(key)))


@dataclass
class ParsedTable:
    """A table read from one file: the typed frame and the editor line of each row."""

    name: str
    file: str
    frame: pd.DataFrame
    lines: list[int] = field(default_factory=list)


def _expected_columns(spec: dict) -> str:
    return ", ".join(c["name"] for c in spec["columns"])


def _decode(raw: bytes, label: str) -> tuple[str | None, list[Problem]]:
    """Turn the file's bytes into text, or say exactly why they are not UTF-8."""
    # Excel's "CSV UTF-8" starts the file with a byte-order mark: it is still UTF-8.
    raw = raw.removeprefix(b"\xef\xbb\xbf")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [Problem("the file is saved as UTF-16", file=label, line=1,
                              expected="UTF-8 text (save or export it as CSV in UTF-8)")]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        bad = raw[err.start: err.start + 4]
        return None, [Problem(
            "the file is not UTF-8 text", file=label, line=line,
            found=bad.hex(" "),
            expected="UTF-8 (it was probably saved as Windows-1251 or Latin-1; "
                     "save it again choosing UTF-8 as the encoding)",
        )]


def parse_table(name: str, raw: bytes | None, spec: dict, label: str) -> tuple[
        ParsedTable | None, list[Problem]]:
    """Parse one CSV file against its table spec.

    Parameters
    ----------
    name : str
        The table's name in the schema.
    raw : bytes or None
        The file's content; ``None`` when the file is missing.
    spec : dict
        The table's entry in the schema.
    label : str
        How to name the file in messages (its path).

    Returns
    -------
    (ParsedTable or None, list of Problem)
        The table is ``None`` when the file could not be read at all.
    """
    if raw is None:
        return None, [Problem("the file is missing", file=label,
                              expected=f"a CSV file with the columns {_expected_columns(spec)}")]
    text, problems = _decode(raw, label)
    if text is None:
        return None, problems
    if not text.strip():
        return None, [Problem("the file is empty", file=label, line=1,
                              expected=f"a header line: {_expected_columns(spec)}")]

    reader = csv.reader(_lines(text))
    try:
        header = [h.strip() for h in next(reader)]
    except csv.Error as err:
        return None, [_not_csv(err, label, reader.line_num)]

    problems = list(_header_problems(header, spec, label))
    if problems:
        separator = _other_separator(text, spec)
        if separator:
            return None, [Problem(
                f"the file is separated by {separator} instead of commas (Excel saves CSV "
                "this way where the decimal mark is a comma)", file=label, line=1,
                expected="comma-separated values: in LibreOffice Calc use Save As, Text CSV, "
                         "tick 'Edit filter settings' and choose ',' as the field delimiter; "
                         "in Google Sheets use File, Download, CSV; Excel uses the list "
                         "separator of the computer's region settings")]
        return None, problems

    columns = {c["name"]: c for c in spec["columns"]}
    position = {h: i for i, h in enumerate(header)}
    values: dict[str, list[Any]] = {c: [] for c in columns}
    lines: list[int] = []
    # Row by row as the reader gives them: a file of 100,000 rows is never held twice.
    line = reader.line_num + 1
    try:
        for row in reader:
            if row and any(cell.strip() for cell in row):
                _parse_row(row, line, header, columns, position, label, values, lines,
                           problems)
            line = reader.line_num + 1
    except csv.Error as err:
        return None, [_not_csv(err, label, reader.line_num)]

    problems += _key_problems(spec, values, lines, label)
    # A cell that could not be read is reported once, not again by a rule that saw it empty.
    unreadable = {(p.line, p.column) for p in problems}
    problems += [p for p in _row_rule_problems(spec, values, lines, label)
                 if (p.line, p.column) not in unreadable]
    frame = _build_frame(spec, values)
    return ParsedTable(name=name, file=label, frame=frame, lines=lines), problems


def _lines(text: str) -> Iterator[str]:
    """The lines of ``text`` one at a time, ends kept, as the csv module wants them. Not
    ``io.StringIO(text)``, which copies a file of 100,000 rows at four bytes a character."""
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end == -1 else end + 1
        yield text[start:end]
        start = end


def _not_csv(err: csv.Error, label: str, line: int) -> Problem:
    return Problem(f"the file cannot be read as CSV ({err})", file=label, line=line,
                   expected="quotes that open and close around a value")


def _parse_row(row: list[str], line: int, header: list[str], columns: dict[str, dict],
               position: dict[str, int], label: str, values: dict[str, list],
               lines: list[int], problems: list[Problem]) -> None:
    """Add one row's typed values to ``values`` (or say why it cannot be read)."""
    if len(row) != len(header):
        problems.append(Problem(
            "this row has the wrong number of fields", file=label, line=line,
            found=f"{len(row)} fields", expected=f"{len(header)} like the header "
            "(a value that contains a comma must be wrapped in double quotes)",
        ))
        return
    lines.append(line)
    for cname, col in columns.items():
        value, problem = _parse_cell(row[position[cname]], col, label, line)
        if problem:
            problems.append(problem)
        values[cname].append(value)


def _other_separator(text: str, spec: dict) -> str | None:
    """ "semicolons" or "tabs" when the header splits that way into the expected columns."""
    first = text.splitlines()[0] if text.splitlines() else ""
    wanted = {c["name"] for c in spec["columns"]}
    for char, name in ((";", "semicolons"), ("\t", "tabs")):
        found = {h.strip().strip('"') for h in first.split(char)}
        if len(found & wanted) >= max(2, len(wanted) - 1):
            return name
    return None


def _header_problems(header: list[str], spec: dict, label: str) -> Iterable[Problem]:
    wanted = [c["name"] for c in spec["columns"]]
    seen = set()
    for h in header:
        if h in seen:
            yield Problem("a column name appears twice in the header", file=label, line=1,
                          column=h)
        seen.add(h)
    unknown = [h for h in header if h not in wanted]
    missing = [w for w in wanted if w not in header]
    for h in unknown:
        close = difflib.get_close_matches(h, missing or wanted, n=1)
        hint = f' (did you mean "{close[0]}"?)' if close else ""
        yield Problem(f"unknown column{hint}", file=label, line=1, found=h,
                      expected=f"only the columns {', '.join(wanted)}")
    for w in missing:
        yield Problem("a column is missing from the header", file=label, line=1, column=w,
                      expected=f"the columns {', '.join(wanted)}")


def _parse_cell(text: str, col: dict, label: str, line: int) -> tuple[Any, Problem | None]:
    """Parse one field; return (value, problem). Empty fields become None."""
    name, ctype = col["name"], col["type"]
    text = text.strip()

    def bad(message: str, expected: str) -> tuple[None, Problem]:
        return None, Problem(message, file=label, line=line, column=name, found=text,
                             expected=expected)

    if text == "":
        if col.get("required"):
            return None, Problem("this field is required but empty", file=label, line=line,
                                 column=name, expected=_describe_type(col))
        return (() if ctype == "id_list" else None), None

    if ctype == "id":
        if not ID_PATTERN.match(text):
            return bad("not a valid id", _describe_type(col))
        if col.get("values") and text not in col["values"]:
            return bad("this id is not allowed here", "one of " + ", ".join(col["values"]))
        return text, None
    if ctype == "string":
        limit = col.get("max_words")
        if limit and len(text.split()) > limit:
            return None, Problem("the text is too long", file=label, line=line, column=name,
                                 found=f"{len(text.split())} words",
                                 expected=f"at most {limit} words")
        return text, None
    if ctype == "url":
        if not re.match(r"^https?://[^\s/]+\.[^\s]+$", text):
            return bad("not a web address", "an address starting with https:// or http://")
        return text, None
    if ctype == "date":
        return _parse_date(text, col, bad)
    if ctype == "integer":
        if not _INTEGER.match(text):
            return bad("not a whole number", _describe_type(col))
        number = int(text)
        if "min" in col and number < col["min"] or "max" in col and number > col["max"]:
            return bad("number out of range", _describe_type(col))
        return number, None
    if ctype == "number":
        try:
            number = float(text)
        except ValueError:
            return bad("not a number", _describe_type(col))
        if "min" in col and number < col["min"] or "max" in col and number > col["max"]:
            return bad("number out of range", _describe_type(col))
        return number, None
    if ctype == "boolean":
        lowered = text.lower()
        if lowered in _TRUE:
            return True, None
        if lowered in _FALSE:
            return False, None
        return bad("not true or false", "true or false")
    if ctype == "category":
        if text not in col["values"]:
            close = difflib.get_close_matches(text, col["values"], n=1)
            hint = f' (did you mean "{close[0]}"?)' if close else ""
            return bad(f"value not allowed{hint}", _describe_type(col))
        return text, None
    if ctype == "id_list":
        items = [item.strip() for item in text.split(LIST_SEPARATOR)]
        for item in items:
            if not ID_PATTERN.match(item):
                return bad(f'"{item}" is not a valid id in this list', _describe_type(col))
        if len(set(items)) != len(items):
            return bad("an id is listed twice", _describe_type(col))
        return tuple(items), None
    raise AssertionError(f"schema type {ctype!r} was not rejected by load_schema")


def _parse_date(text: str, col: dict, bad) -> tuple[Any, Problem | None]:
    expected = _describe_type(col)
    if not _DATE.match(text):
        return bad("not a date written YYYY-MM-DD", expected)
    try:
        value = dt.date.fromisoformat(text)
    except ValueError:
        return bad("not a real calendar date", expected)
    low, high = col.get("min"), col.get("max")
    if low and value < dt.date.fromisoformat(low) or high and value > dt.date.fromisoformat(high):
        return bad("date outside the range the course covers", expected)
    return value, None


def _describe_type(col: dict) -> str:
    """Say in plain words what a column accepts (used in every message about it)."""
    ctype = col["type"]
    required = "" if col.get("required") else " (or empty)"
    if ctype == "id":
        return ("an id of lowercase letters, digits and single underscores, "
                f'e.g. "eu_sanctions_2011"{required}')
    if ctype == "id_list":
        return ('ids separated by ";", each of lowercase letters, digits and underscores, '
                f'e.g. "blr;rus"{required}')
    if ctype == "date":
        span = ""
        if col.get("min") or col.get("max"):
            span = f" between {col.get('min', 'any date')} and {col.get('max', 'any date')}"
        return f"a real calendar date written YYYY-MM-DD{span}{required}"
    if ctype in ("integer", "number"):
        kind = "a whole number" if ctype == "integer" else "a number"
        if "min" in col and "max" in col:
            kind += f" from {col['min']} to {col['max']}"
        return kind + required
    if ctype == "category":
        return "one of " + ", ".join(col["values"]) + required
    if ctype == "boolean":
        return "true or false"
    if ctype == "url":
        return "a web address starting with https://" + required
    return "text" + required


def _key_problems(spec: dict, values: dict[str, list], lines: list[int],
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


def _row_rule_problems(spec: dict, values: dict[str, list], lines: list[int],
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


def _build_frame(spec: dict, values: dict[str, list]) -> pd.DataFrame:
    data = {}
    for col in spec["columns"]:
        name, ctype, column = col["name"], col["type"], values[col["name"]]
        if ctype == "date":
            data[name] = pd.to_datetime(pd.Series(column, dtype="object")).astype(
                "datetime64[s]")
        elif ctype == "integer":
            data[name] = pd.array(column, dtype="Int64")
        elif ctype == "number":
            data[name] = pd.array(column, dtype="Float64")
        elif ctype == "boolean":
            data[name] = pd.array(column, dtype="boolean")
        elif ctype == "category":
            data[name] = pd.Categorical(column, categories=col["values"],
                                        ordered=col.get("ordered", True))
        elif ctype == "id_list":
            data[name] = pd.Series(column, dtype="object")
        else:
            data[name] = pd.array(column, dtype="string")
    return pd.DataFrame(data)


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
