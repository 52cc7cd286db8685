"""The parser that reads one data file by its schema, every problem with its editor line.

Files are read with Python's ``csv`` module rather than ``pandas.read_csv`` so that
every problem can be reported with the line number a text editor shows, and so that no
pandas traceback ever reaches a teacher.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from .errors import Problem
from .schema_rules import LIST_SEPARATOR, key_problems, row_rule_problems

__all__ = ["parse_table", "ParsedTable", "ID_PATTERN"]

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:_[a-z0-9]+)*$")
_INTEGER = re.compile(r"^[+-]?\d+$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TRUE = {"true", "yes"}
_FALSE = {"false", "no"}


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

    problems += key_problems(spec, values, lines, label)
    # A cell that could not be read is reported once, not again by a rule that saw it empty.
    unreadable = {(p.line, p.column) for p in problems}
    problems += [p for p in row_rule_problems(spec, values, lines, label)
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
