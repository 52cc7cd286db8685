"""Loaders for the course's data: typed pandas DataFrames, checked against the schema.

The course ships its data in ``lesson_lib/data``. A teacher can copy that folder,
edit it and point the course at the copy, either with :func:`use_data` or by
setting the environment variable ``TWO_CHAIRS_DATA`` before starting Jupyter.

Every loader checks the whole folder (so a reference from one file to another
is checked too), caches the result while the files are unchanged, and returns
a fresh copy, so a learner who edits a DataFrame cannot break the next cell.
"""

from __future__ import annotations

import functools
import json
import os
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import pandas as pd

from .course import LESSONS
from .errors import LessonError, Problem
from .questions import Question, QuestionBank
from .schema import ParsedTable, check_references, load_schema, parse_table

__all__ = [
    "DATA_ENV_VAR",
    "use_data",
    "data_folder",
    "copy_data",
    "check_folder",
    "data_version",
    "load_table",
    "load_sources",
    "load_eras",
    "load_actors",
    "load_events",
    "load_memberships",
    "load_relations",
    "load_claims",
    "load_documents",
    "load_reuse_terms",
    "load_account_pairs",
    "load_core_claims",
    "load_quotations",
    "load_essay_documents",
    "load_reading_tasks",
    "load_trade_shares",
    "load_sides",
    "load_un_votes",
    "load_index_checks",
    "load_glossary",
    "glossary",
    "load_perspectives",
    "load_decision_points",
    "load_decision_seats",
    "load_decision_options",
    "load_quiz",
    "check_banks",
    "validate_bank",
    "table_names",
]

DATA_ENV_VAR = "TWO_CHAIRS_DATA"

_PACKAGE_DATA: Traversable = resources.files("lesson_lib") / "data"
_chosen_folder: Path | None = None
_cache: dict[tuple, dict[str, pd.DataFrame]] = {}


@functools.cache
def _schema() -> dict:
    # The package's schema always applies, also to a teacher's folder: the code
    # depends on these columns, so a copied schema.json is not read.
    return load_schema()


def table_names() -> list[str]:
    """The names of the tables the course ships, in schema order.

    >>> "sources" in table_names()
    True
    """
    return list(_schema()["tables"])


def data_folder() -> Path | Traversable:
    """The folder the loaders read: set by :func:`use_data`, else ``TWO_CHAIRS_DATA``,
    else the package's own data."""
    if _chosen_folder is not None:
        return _chosen_folder
    env = os.environ.get(DATA_ENV_VAR, "").strip()
    if env:
        return Path(env).expanduser()
    return _PACKAGE_DATA


def use_data(folder: str | os.PathLike | None = None) -> Path | Traversable:
    """Point the course at a copy of the data folder (``None`` goes back to the shipped data).

    The folder is checked at once; if it has problems, a :class:`LessonError` lists
    them all and the course keeps using the folder it used before.

    Parameters
    ----------
    folder : path or None
        A folder holding the same CSV files as ``lesson_lib/data``.

    Returns
    -------
    The folder now in use.
    """
    global _chosen_folder
    if folder is None:
        _chosen_folder = None
        return data_folder()
    path = Path(folder).expanduser()
    if not path.is_dir():
        raise LessonError(Problem(
            "no such folder", file=str(path),
            expected="a folder made with `python -m lesson_lib copy-data FOLDER` "
                     "(or a copy of lesson_lib/data)"))
    _tables_in(path)  # raises, leaving the previous choice in place
    _chosen_folder = path.resolve()
    return _chosen_folder


def copy_data(destination: str | os.PathLike) -> Path:
    """Copy the shipped data folder to ``destination`` (which must not exist yet).

    The copy is where a teacher edits the course's data; nothing is overwritten.
    """
    dest = Path(destination).expanduser()
    if dest.exists():
        raise LessonError(Problem("the destination already exists", file=str(dest),
                                  expected="a new folder name, so nothing is overwritten"))
    dest.mkdir(parents=True)
    for item in _PACKAGE_DATA.iterdir():
        if item.is_file() and not item.name.startswith("."):
            (dest / item.name).write_bytes(item.read_bytes())
    return dest


def _is_package_data(folder: Path | Traversable) -> bool:
    """The course's own data folder (a plain Path when installed from a folder)."""
    return folder is _PACKAGE_DATA or str(folder) == str(_PACKAGE_DATA)


def _label(folder: Path | Traversable, file: str) -> str:
    return str(folder / file)


def data_version() -> tuple:
    """A value that changes whenever the data the loaders read changes (another folder, or
    a file of it edited): a key for caching what is computed from the tables.

    >>> data_version() == data_version()
    True
    """
    return _fingerprint(data_folder())


def _fingerprint(folder: Path | Traversable) -> tuple:
    if _is_package_data(folder):
        return ("package",)  # shipped files do not change while the kernel runs
    stamp = []
    for spec in _schema()["tables"].values():
        try:
            st = (folder / spec["file"]).stat()
            stamp.append((spec["file"], st.st_mtime_ns, st.st_size))
        except OSError:
            stamp.append((spec["file"], None))
    return (str(folder), *stamp)


def _read(folder: Path | Traversable, file: str) -> bytes | None:
    target = folder / file
    try:
        return target.read_bytes() if target.is_file() else None
    except OSError:
        return None


def _parse_folder(folder: Path | Traversable) -> tuple[dict[str, ParsedTable], list[Problem]]:
    schema = _schema()
    parsed: dict[str, ParsedTable] = {}
    problems: list[Problem] = []
    for name, spec in schema["tables"].items():
        table, found = parse_table(name, _read(folder, spec["file"]), spec,
                                   _label(folder, spec["file"]))
        problems += found
        if table is not None:
            parsed[name] = table
    if not problems:
        problems += check_references(schema, parsed)
    return parsed, problems


def _tables_in(folder: Path | Traversable) -> dict[str, pd.DataFrame]:
    key = _fingerprint(folder)
    if key not in _cache:
        parsed, problems = _parse_folder(folder)
        if problems:
            raise LessonError(problems)
        _cache.clear()  # keep one folder's tables, not every edit's
        _cache[key] = {name: t.frame for name, t in parsed.items()}
    return _cache[key]


def check_folder(folder: str | os.PathLike | None = None) -> dict[str, int]:
    """Check a data folder without switching to it; return each table's row count.

    Raises :class:`LessonError` listing every problem found.

    >>> check_folder()["sources"] >= 1
    True
    """
    target = data_folder() if folder is None else Path(folder).expanduser()
    return {name: len(frame) for name, frame in _tables_in(target).items()}


def column_table(name: str) -> str:
    """The columns of a table as a reStructuredText table, written from ``schema.json``:
    name, type as pandas gives it, and the schema's description (allowed values for a
    category). The loaders' docstrings are made from it, so they cannot drift from the
    schema.

    >>> print(column_table("eras").splitlines()[1])  # doctest: +NORMALIZE_WHITESPACE
    column  type  meaning
    """
    rows = []
    for col in _schema()["tables"][name]["columns"]:
        kind = _DTYPE_WORDS[col["type"]]
        meaning = col.get("description", "")
        if col["type"] == "category":
            meaning += " One of: " + ", ".join(col["values"]) + "."
        rows.append((col["name"], kind, meaning))
    widths = [max(len(r[i]) for r in [("column", "type", "meaning"), *rows]) for i in range(2)]
    rule = f"{'=' * widths[0]}  {'=' * widths[1]}  {'=' * 20}"
    lines = [rule, f"{'column':<{widths[0]}}  {'type':<{widths[1]}}  meaning", rule]
    lines += [f"{a:<{widths[0]}}  {b:<{widths[1]}}  {c}" for a, b, c in rows]
    return "\n".join([*lines, rule])


# How each schema type arrives in the DataFrame.
_DTYPE_WORDS = {"id": "string", "string": "string", "url": "string", "date": "datetime64",
                "integer": "Int64", "number": "Float64", "boolean": "boolean",
                "category": "category", "id_list": "tuple of ids"}


def _document(loader, table: str) -> None:
    """Put the table's columns, from the schema, into the loader's docstring."""
    columns = column_table(table).replace("\n", "\n    ")
    loader.__doc__ = loader.__doc__.replace("{columns}", columns)


def load_table(name: str) -> pd.DataFrame:
    """Load one table by name (see :func:`table_names`) as a typed DataFrame copy."""
    names = table_names()
    if name not in names:
        raise LessonError(Problem("no such table", found=name,
                                  expected="one of " + ", ".join(names)))
    return _tables_in(data_folder())[name].copy(deep=True)


def load_sources() -> pd.DataFrame:
    """Every document the course relies on, one row each.

    {columns}

    >>> sources = load_sources()
    >>> sources.loc[sources.source_id == "bif_2016_07_25_minsk_nato", "publisher"].item()
    'Belarus in Focus'
    """
    return load_table("sources")


def load_eras() -> pd.DataFrame:
    """Named periods of the story, back to back from 1990 to 2025.

    {columns}

    >>> load_eras()["era_id"].iloc[0]
    'sovereignty'
    """
    return load_table("eras")


def load_actors() -> pd.DataFrame:
    """States, organisations and people in the story.

    {columns}

    >>> actors = load_actors()
    >>> actors.set_index("actor_id").loc["blr", "iso3"]
    'BLR'
    """
    return load_table("actors")


def load_events() -> pd.DataFrame:
    """Dated events of the balancing act, 1990-2025, one row each, with sources.

    {columns}

    >>> events = load_events()
    >>> events["date"].min() >= pd.Timestamp("1990-01-01")
    True
    """
    return load_table("events")


def load_memberships() -> pd.DataFrame:
    """Who belonged to which organisation, from when to when.

    {columns}

    >>> m = load_memberships()
    >>> sorted(m.loc[m.actor_id == "lva", "organisation_id"])[:2]
    ['eu', 'nato']
    """
    return load_table("memberships")


def load_relations() -> pd.DataFrame:
    """Links between actors over time, by domain and type, with evidence.

    {columns}

    >>> relations = load_relations()
    >>> bool((relations.valid_to >= relations.valid_from).all())
    True
    """
    return load_table("relations")


def load_claims() -> pd.DataFrame:
    """The source article's argument as claims, in the course's words.

    {columns}

    >>> claims = load_claims()
    >>> set(claims.kind) <= {"reported_fact", "interpretation", "forecast", "recommendation"}
    True
    """
    return load_table("claims")


# ---- question banks -----------------------------------------------------------------------

QUIZ_SCHEMA_FILE = "quiz_schema.json"


def _bank_file(lesson: str) -> str:
    return f"quiz_{lesson}.json"


def validate_bank(bank: Any, label: str) -> list[Problem]:
    """Every problem of a bank against ``quiz_schema.json``, then its references to the
    dataset (every event or actor a question names must exist).

    Uses ``jsonschema``, imported here rather than with the package: it is slow to
    import, and a learner's kernel only needs it for a teacher's own banks.
    """
    import jsonschema

    schema = json.loads((_PACKAGE_DATA / QUIZ_SCHEMA_FILE).read_text("utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    problems = []
    for error in sorted(validator.iter_errors(bank), key=lambda e: list(e.path)):
        where, field = _schema_error_place(bank, error.path)
        problems.append(Problem(f"{where}, field {field}: {error.message}", file=label))
    if problems:
        return problems
    try:
        return _bank_reference_problems(_bank_from(bank, _lesson_of(label), label))
    except LessonError as err:
        return err.problems


def _lesson_of(label: str) -> str:
    """ "…/quiz_02.json" -> "02" (the lesson a bank file belongs to)."""
    return Path(str(label)).stem.removeprefix("quiz_")


def _schema_error_place(bank: dict, path) -> tuple[str, str]:
    """(question id, field) for a jsonschema error path like ['questions', 3, 'answer']."""
    path = list(path)
    if len(path) >= 2 and path[0] == "questions" and isinstance(path[1], int):
        questions = bank.get("questions") or []
        found = questions[path[1]] if path[1] < len(questions) else None
        qid = found.get("id") if isinstance(found, dict) else None
        return (f'question "{qid or f"number {path[1] + 1}"}"',
                ".".join(str(p) for p in path[2:]) or "(the question)")
    return "the bank", ".".join(str(p) for p in path) or "(top level)"


def _bank_reference_problems(bank: QuestionBank) -> list[Problem]:
    """Every event or actor a question names must exist, and ids must be unique."""
    events = set(load_table("events")["event_id"])
    actors = set(load_table("actors")["actor_id"])
    problems, seen = [], set()
    for q in bank.questions:
        where = f'question "{q.id}"'
        if q.id in seen:
            problems.append(Problem(f"{where}: the id is used twice", file=bank.file))
        seen.add(q.id)
        for event_id in q.event_ids + q.order:
            if event_id not in events:
                problems.append(Problem(f"{where}: unknown event", file=bank.file,
                                        found=event_id, expected="an event_id of events.csv"))
        for pair in q.pairs:
            if pair.actor_id not in actors:
                problems.append(Problem(f"{where}, field pairs: unknown actor", file=bank.file,
                                        found=pair.actor_id,
                                        expected="an actor_id of actors.csv"))
    return problems


def _read_bank(target, label: str) -> Any:
    try:
        return json.loads(target.read_text("utf-8"))
    except FileNotFoundError:
        raise LessonError(Problem("the question bank is missing", file=label)) from None
    except UnicodeDecodeError:
        raise LessonError(Problem("the question bank is not UTF-8 text", file=label,
                                  expected="JSON saved as UTF-8")) from None
    except json.JSONDecodeError as err:
        raise LessonError(Problem("the question bank is not valid JSON", file=label,
                                  line=err.lineno, found=err.msg,
                                  expected="JSON as described in quiz_schema.json")) from None


def _bank_from(raw: Any, lesson: str, label: str) -> QuestionBank:
    if not isinstance(raw, dict) or not isinstance(raw.get("questions"), list):
        raise LessonError(Problem('the bank needs a "questions" list', file=label,
                                  expected="JSON as described in quiz_schema.json"))
    questions = tuple(Question.from_dict(q, label, number=i + 1)
                      for i, q in enumerate(raw["questions"]))
    return QuestionBank(lesson=lesson, title=str(raw.get("title", f"Self-check {lesson}")),
                        questions=questions, file=label)


def check_banks(folder) -> int:
    """Check every question bank in a data folder; return how many there are, or raise
    listing every problem (the full schema, then references to the dataset)."""
    problems, count = [], 0
    folder = Path(folder) if isinstance(folder, str) else folder
    for lesson in LESSONS:
        target = folder / _bank_file(lesson)
        if not target.is_file():
            continue
        count += 1
        try:
            bank = _read_bank(target, str(target))
        except LessonError as err:
            problems += err.problems
            continue
        problems += validate_bank(bank, str(target))
    if problems:
        raise LessonError(problems)
    return count


def load_quiz(lesson: str) -> QuestionBank:
    """The self-check of a lesson ("01" to "05") as typed questions, or a teaching error.

    The package's own banks are checked against the full schema by the tests, so here
    they are only built; a teacher's banks (see :func:`use_data`) are checked in full.

    >>> bank = load_quiz("02")
    >>> len(bank.questions) >= 5, bank.questions[0].type
    (True, 'number')
    """
    if lesson not in LESSONS:
        raise LessonError(Problem("no question bank for that lesson", found=repr(lesson),
                                  expected="one of " + ", ".join(LESSONS)))
    folder = data_folder()
    target = folder / _bank_file(lesson)
    label = str(target)
    raw = _read_bank(target, label)
    if not _is_package_data(folder):  # a teacher's folder: every problem at once
        problems = validate_bank(raw, label)
        if problems:
            raise LessonError(problems)
    bank = _bank_from(raw, lesson, label)
    problems = _bank_reference_problems(bank)
    if problems:
        raise LessonError(problems)
    return bank


def load_documents() -> pd.DataFrame:
    """The document pack: primary texts from every side, with their key words quoted exactly.

    {columns}

    >>> docs = load_documents()
    >>> docs["perspective"].nunique() >= 6
    True
    """
    return load_table("documents")


def load_reuse_terms() -> pd.DataFrame:
    """What each publisher's terms allow the course to quote (long excerpts or two
    sentences), with the terms' own words and where they were read.

    {columns}

    >>> terms = load_reuse_terms().set_index("reuse_id")
    >>> bool(terms.loc["none", "long_excerpts"])
    False
    """
    return load_table("reuse_terms")


def load_account_pairs() -> pd.DataFrame:
    """Pairs of documents that disagree about one event, each with a third source and the
    course's reading, read in a lesson's Core.

    {columns}

    >>> pairs = load_account_pairs()
    >>> bool((pairs["first_document_id"] != pairs["second_document_id"]).all())
    True
    """
    return load_table("account_pairs")


def load_core_claims() -> pd.DataFrame:
    """The written claim that ends each lesson's Core, with starters and a model answer.

    {columns}

    >>> claims = load_core_claims()
    >>> bool((claims["document_ids"].map(len) >= 2).all())
    True
    """
    return load_table("core_claims")


def load_quotations() -> pd.DataFrame:
    """Passages quoted outside the document pack and the article (the assessment, the
    practice test), each with its page and the date it was checked.

    {columns}

    >>> quotes = load_quotations()
    >>> bool(quotes["source_ids"].map(len).ge(1).all())
    True
    """
    return load_table("quotations")


def load_essay_documents() -> pd.DataFrame:
    """Lesson 07's document set: each document's letter, its id in the pack (empty for the
    source article, letter A) and why it is in the set.

    {columns}

    >>> load_essay_documents()["letter"].iloc[0]
    'A'
    """
    return load_table("essay_documents")


def load_reading_tasks() -> pd.DataFrame:
    """Lesson 01's commit-then-compare tasks: sourcing from clues and close reading.

    {columns}

    >>> set(load_reading_tasks()["section"]) == {"sourcing", "close_reading"}
    True
    """
    return load_table("reading_tasks")


def load_trade_shares() -> pd.DataFrame:
    """Shares of Belarus's foreign trade by partner, as published: an outside measure.

    {columns}

    >>> shares = load_trade_shares()
    >>> bool(shares["share_percent"].between(0, 100).all())
    True
    """
    return load_table("trade_shares")


def load_sides() -> pd.DataFrame:
    """Where each state and organisation stands on the course's Moscow-West axis, and how
    deep membership of each organisation Belarus belonged to binds: one reading, stated
    once, that the index, the network and the lessons read.

    {columns}

    >>> sides = load_sides().set_index("actor_id")
    >>> [sides.loc[a, "side"] for a in ("sco", "osce", "chn", "csto")]
    ['neither', 'neither', 'neither', 'moscow']
    """
    return load_table("sides")


def load_index_checks() -> pd.DataFrame:
    """What a specialist on Belarus would expect the index to show: its own check.

    {columns}

    >>> "never_west_in_both" in set(load_index_checks()["check_id"])
    True
    """
    return load_table("index_checks")


def load_un_votes() -> pd.DataFrame:
    """Recorded UN General Assembly votes on which Russia and the West split, with the votes
    of Belarus, Russia, the United States, Poland and Ukraine: an outside measure.

    {columns}

    >>> votes = load_un_votes()
    >>> bool((votes["belarus"] != "unknown").all())
    True
    """
    return load_table("un_votes")


def load_glossary() -> pd.DataFrame:
    """Every acronym and term the course uses, with its expansion and definition.

    {columns}

    >>> "CSTO" in set(load_glossary()["term"])
    True
    """
    return load_table("glossary")


def load_perspectives() -> pd.DataFrame:
    """What each side wanted in a period, in the course's words, with its evidence.

    {columns}

    >>> grid = load_perspectives()
    >>> grid["side"].nunique()
    7
    """
    return load_table("perspectives")


def load_decision_points() -> pd.DataFrame:
    """The decision rooms of lesson 08: a day, the decision and what was known that day.

    {columns}

    >>> int(load_decision_points()["core"].sum())
    1
    """
    return load_table("decision_points")


def load_decision_seats() -> pd.DataFrame:
    """The seats at each decision room: the role brief and what the seat actually did.

    {columns}

    >>> bool(load_decision_seats().groupby("point_id").size().ge(3).all())
    True
    """
    return load_table("decision_seats")


def load_decision_options() -> pd.DataFrame:
    """The options a seat can choose, with the move each makes on the rule model.

    {columns}

    >>> bool(load_decision_options().groupby("seat_id")["closest"].sum().eq(1).all())
    True
    """
    return load_table("decision_options")


def glossary() -> pd.DataFrame:
    """The glossary to read: term, what it stands for, what it means, and dates, by term.

    >>> glossary().loc["EAEU", "expansion"]
    'Eurasian Economic Union'
    """
    table = load_glossary().set_index("term")
    return table[["expansion", "definition", "dates"]].fillna("")


for _loader, _table in ((load_sources, "sources"), (load_documents, "documents"),
                        (load_glossary, "glossary"), (load_perspectives, "perspectives"),
                        (load_trade_shares, "trade_shares"), (load_sides, "sides"),
                        (load_un_votes, "un_votes"), (load_index_checks, "index_checks"),
                        (load_reading_tasks, "reading_tasks"), (load_reuse_terms, "reuse_terms"),
                        (load_account_pairs, "account_pairs"), (load_core_claims, "core_claims"),
                        (load_quotations, "quotations"), (load_essay_documents, "essay_documents"),
                        (load_eras, "eras"), (load_actors, "actors"), (load_events, "events"),
                        (load_memberships, "memberships"), (load_relations, "relations"),
                        (load_claims, "claims"), (load_decision_points, "decision_points"),
                        (load_decision_seats, "decision_seats"),
                        (load_decision_options, "decision_options")):
    _document(_loader, _table)
