"""Command line for teachers.

``python -m lesson_lib check [FOLDER]``, ``python -m lesson_lib copy-data DEST``,
``python -m lesson_lib links [--repo OWNER/NAME or GIT-ADDRESS] [--hub URL]`` and
``python -m lesson_lib serve-plotly [--prefix ENV]`` (for an environment set up without this
repository's ``tools/lab_settings.py``, e.g. a JupyterHub image that pip-installs the course).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .checks.banks import check_banks
from .data import DATA_ENV_VAR, check_folder, copy_data, data_folder
from .errors import LessonError
from .links import binder_link, is_on_this_machine, nbgitpuller_link, repository_from_git

# Where the assessment's source notebook (answers and hidden tests) lives in a teacher's clone.
ANSWERS = "notebooks/assessment/source"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m lesson_lib",
        description="Check or copy the Two Chairs course data, or print launch links.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser(
        "check", help="check a data folder against the schema; exit 1 on any problem")
    check.add_argument("folder", nargs="?", default=None,
                       help=f"the folder to check (default: ${DATA_ENV_VAR} or the shipped data)")
    copy = commands.add_parser("copy-data", help="copy the shipped data to a new folder to edit")
    copy.add_argument("folder", help="a folder that does not exist yet")
    links = commands.add_parser(
        "links", help="print the Binder link and, with --hub, the nbgitpuller link")
    links.add_argument("--repo", default=None,
                       help="the course's repository: owner/name on GitHub, or the address "
                            "git clones (default: this clone's origin remote)")
    links.add_argument("--hub", default=None, help="your JupyterHub's address")
    links.add_argument("--branch", default="main", help="the branch to open (default: main)")
    serve = commands.add_parser(
        "serve-plotly", help="let this environment's Jupyter server and Voila serve plotly.js "
                             "to the explorers' charts (run once per environment)")
    serve.add_argument("--prefix", default=sys.prefix,
                       help="the environment (default: this Python's, %(default)s)")
    args = parser.parse_args(argv)

    try:
        if args.command == "check":
            counts = check_folder(args.folder)
            where = args.folder or data_folder()
            banks = check_banks(where)
            rows = ", ".join(f"{name} {n}" for name, n in counts.items())
            print(f"OK: {where}: rows per table: {rows}; question banks: {banks}")
        elif args.command == "links":
            return _print_links(args.repo, args.hub, args.branch)
        elif args.command == "serve-plotly":
            from two_chairs_static import install

            for written in install(args.prefix):
                print(f"wrote {written}")
            print("Restart the Jupyter server (or Voila) for it to take effect.")
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


def _print_links(repo: str | None, hub: str | None, branch: str) -> int:
    this_clone = repo is None
    repo = repo or repository_from_git()
    if not repo:
        print("No repository: this clone has no GitHub remote called origin. Give the "
              "course's address on GitHub: make links REPO=example-school/two-chairs "
              "(or --repo example-school/two-chairs)", file=sys.stderr)
        return 2
    binder = binder_link(repo, branch)
    hub_link = nbgitpuller_link(hub, repo, branch) if hub else None  # check all before printing
    if is_on_this_machine(repo):
        print(f"Binder: not for {repo}, which only this machine can reach.")
    else:
        print(f"Binder (anyone, no account; the first start builds for a few minutes):\n"
              f"  {binder}")
    if hub_link:
        print(f"JupyterHub (clones the course into each learner's home, or updates it):\n"
              f"  {hub_link}")
    else:
        print("JupyterHub: add --hub https://your.hub.address for the nbgitpuller link.")
    if this_clone and Path(ANSWERS).is_dir():
        print(f"Note: {repo} is this clone, which holds the assessment's answers ({ANSWERS}); "
              "these links hand them to students. For a class, publish a student copy "
              "(make student-copy DEST=...) and print its links with --repo.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
