"""Write the quotation register, docs/quotation_register.md, from the course's data.

Usage (from the repository root, with the project's virtual environment):

    .venv/bin/python tools/quotation_register.py          # rewrite the register
    .venv/bin/python tools/quotation_register.py --check  # exit 1 if it is out of date

The register lists every passage the course presents as someone's words, with its page
and the date it was checked, for a checker who has not seen the team's notes. It is
generated from lesson_lib/data (claims.csv, documents.csv, quotations.csv), never edited
by hand, so it cannot drift from what learners read (a test checks).
"""

from __future__ import annotations

import sys
from pathlib import Path

from lesson_lib.sources.quotations import register_markdown

ROOT = Path(__file__).resolve().parent.parent
REGISTER = ROOT / "docs" / "quotation_register.md"


def main(argv: list[str]) -> int:
    from generated_files import write_or_check

    return write_or_check({REGISTER: register_markdown()}, check="--check" in argv,
                          remedy="make quotations")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
