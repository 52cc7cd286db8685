"""Make a copy of the course to publish for students: everything but the assessment's answers.

Binder and nbgitpuller hand learners the whole repository they point at. This course's
repository holds the assessment's source notebook, answers and hidden tests included,
so the links should point at a separate copy made by this script (``make student-copy
DEST=../two-chairs-students``):

- it takes the files git tracks, as they are on disk now (so no virtual environment, no
  progress files, nothing git ignores);
- it leaves out ``notebooks/assessment/source``;
- it adds the student version of the assessment when ``make release`` has made one;
- it refuses to finish if any notebook in the copy still carries nbgrader's solution or
  hidden-test markers, and it never writes into a folder that already exists.

Usage: ``.venv/bin/python tools/student_copy.py DEST``
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ANSWERS = "notebooks/assessment/source/"
RELEASE = "notebooks/assessment/release/"
# What nbgrader's source notebooks carry and its releases must not.
MARKERS = ("BEGIN SOLUTION", "BEGIN HIDDEN TESTS")
# Tells people, and the assessment's tests, that the answers were left out on purpose.
NOTICE = "notebooks/assessment/STUDENT_COPY.md"
NOTICE_TEXT = """# A student copy

This copy of Two Chairs was made for students with `tools/student_copy.py`. It leaves
out the assessment's source notebook, which holds the answers and the hidden tests; your
teacher keeps it. If `release/` is here, it holds the assessment as students get it.
"""


class CopyError(Exception):
    """Why the copy was not made; nothing was written."""


def tracked_files(root: Path) -> list[str]:
    try:
        listed = subprocess.run(["git", "-C", str(root), "ls-files", "-z"], check=True,
                                capture_output=True, text=True, timeout=60).stdout
    except (OSError, subprocess.SubprocessError) as err:
        raise CopyError(f"{root} is not a git clone: the student copy takes the files git "
                        f"tracks, so run it from a clone of the course ({err})") from None
    return [name for name in listed.split("\0") if name]


def leaked_answers(folder: Path) -> list[str]:
    """Notebooks under ``folder`` that still carry solution or hidden-test markers."""
    found = []
    for notebook in sorted(folder.rglob("*.ipynb")):
        text = notebook.read_text("utf-8", errors="replace")
        if any(marker in text for marker in MARKERS):
            found.append(str(notebook.relative_to(folder)))
    return found


def make_student_copy(dest: Path, root: Path = ROOT) -> list[str]:
    """Write the student copy to ``dest`` (which must not exist); return what it did."""
    dest = Path(dest).resolve()
    if dest.exists():
        raise CopyError(f"{dest} already exists: give a new folder, the copy never "
                        "overwrites anything")
    if not dest.parent.is_dir():
        raise CopyError(f"{dest.parent} does not exist: create it first or choose another "
                        "place")
    files = [name for name in tracked_files(root) if not name.startswith(ANSWERS)]
    partial = dest.parent / f".{dest.name}.partial-{os.getpid()}"
    try:
        for name in files:
            target = partial / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(root / name, target)
        (partial / NOTICE).parent.mkdir(parents=True, exist_ok=True)
        (partial / NOTICE).write_text(NOTICE_TEXT, "utf-8")
        done = [f"copied {len(files)} tracked files, without {ANSWERS}"]
        release = root / RELEASE
        if any(release.rglob("*.ipynb")):
            shutil.copytree(release, partial / RELEASE)
            _track_release(partial / ".gitignore")
            done.append(f"added the student version of the assessment from {RELEASE}")
        else:
            done.append("no student version of the assessment: run `make release` first "
                        "to include it")
        leaked = leaked_answers(partial)
        if leaked:
            raise CopyError("these notebooks still carry nbgrader's solution or hidden-test "
                            f"markers, so the copy was not made: {', '.join(leaked)}")
        partial.rename(dest)
    finally:
        if partial.exists():
            shutil.rmtree(partial)
    return done


def _track_release(gitignore: Path) -> None:
    """The course ignores its own release folder; the student copy publishes it."""
    if gitignore.exists():
        lines = gitignore.read_text("utf-8").splitlines()
        gitignore.write_text("\n".join(line for line in lines if line.strip() != RELEASE)
                             + "\n", "utf-8")


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("Usage: tools/student_copy.py DEST   (a folder that does not exist yet)",
              file=sys.stderr)
        return 2
    dest = Path(args[0])
    try:
        done = make_student_copy(dest)
    except CopyError as err:
        print(f"No student copy made: {err}", file=sys.stderr)
        return 1
    print(f"Student copy written to {dest}:")
    for line in done:
        print(f"  - {line}")
    print("Next: publish it as its own repository on GitHub, for example\n"
          f"  cd {dest} && git init -b main && git add . && git commit -m 'Two Chairs for "
          "students'\n  then create the repository on GitHub, push, and print its links "
          "with: make links REPO=owner/name")
    return 0


if __name__ == "__main__":
    sys.exit(main())
