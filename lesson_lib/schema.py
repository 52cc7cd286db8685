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

import json
from collections.abc import Iterable
from importlib import resources
from typing import Any

from .errors import LessonError, Problem
from .schema_rules import RULE_COLUMNS

__all__ = ["load_schema", "COLUMN_TYPES", "SCHEMA_FILE"]

COLUMN_TYPES = {
    "id", "string", "url", "date", "integer", "number", "boolean", "category", "id_list",
}
SCHEMA_FILE = "schema.json"


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
            looks_into = ("within", "refs_within", "reuse_limit", "known_by_day")
            if kind in looks_into and rule.get("table") not in tables:
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


