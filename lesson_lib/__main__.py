"""Command line: `python -m lesson_lib check [FOLDER]` and `python -m lesson_lib copy-data DEST`."""

from __future__ import annotations

import argparse
import sys

from .data import DATA_ENV_VAR, check_folder, copy_data, data_folder
from .errors import LessonError
from .quiz import check_banks


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m lesson_lib",
        description="Check or copy the Two Chairs course data.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser(
        "check", help="check a data folder against the schema; exit 1 on any problem")
    check.add_argument("folder", nargs="?", default=None,
                       help=f"the folder to check (default: ${DATA_ENV_VAR} or the shipped data)")
    copy = commands.add_parser("copy-data", help="copy the shipped data to a new folder to edit")
    copy.add_argument("folder", help="a folder that does not exist yet")
    args = parser.parse_args(argv)

    try:
        if args.command == "check":
            counts = check_folder(args.folder)
            where = args.folder or data_folder()
            banks = check_banks(where)
            rows = ", ".join(f"{name} {n}" for name, n in counts.items())
            print(f"OK: {where}: rows per table: {rows}; question banks: {banks}")
        else:
            dest = copy_data(args.folder)
            print(f"Copied the course data to {dest}.\n"
                  f"Edit the CSV files there, check them with: python -m lesson_lib check {dest}\n"
                  f"and use them with: lesson_lib.use_data({str(dest)!r}) "
                  f"or by setting {DATA_ENV_VAR}={dest}")
    except LessonError as err:
        print(f"Problem found:\n{err}" if len(err.problems) == 1 else str(err),
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
