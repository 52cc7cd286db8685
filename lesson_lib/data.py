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
import os
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

import pandas as pd

from .cross_table_rules import check_references
from .errors import LessonError, Problem
from .schema import load_schema
from .table_parser import ParsedTable, parse_table

__all__ = [
    "DATA_ENV_VAR",
    "PACKAGE_DATA",
    "use_data",
    "data_folder",
    "copy_data",
    "check_folder",
    "data_version",
    "is_package_data",
    "load_table",
    "column_table",
    "document_loader",
    "table_names",
]

DATA_ENV_VAR = "TWO_CHAIRS_DATA"

PACKAGE_DATA: Traversable = resources.files("lesson_lib") / "data"
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
    return PACKAGE_DATA


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
    for item in PACKAGE_DATA.iterdir():
        if item.is_file() and not item.name.startswith("."):
            (dest / item.name).write_bytes(item.read_bytes())
    return dest


def is_package_data(folder: Path | Traversable) -> bool:
    """The course's own data folder (a plain Path when installed from a folder)."""
    return folder is PACKAGE_DATA or str(folder) == str(PACKAGE_DATA)


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
    if is_package_data(folder):
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


def document_loader(loader, table: str) -> None:
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


