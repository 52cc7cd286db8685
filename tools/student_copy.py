"""Make a copy of the course to publish for students: what a learner needs, and no answers.

Binder and nbgitpuller hand learners the whole repository they point at. This course's
repository holds the assessment's answers (its source notebooks with solutions and hidden
tests, the rubric), tests that spell keys out, the lessons' answer key and the teacher
guide, so the links should point at a separate copy made by this script (``make
student-copy DEST=../two-chairs-students``; ``make hub`` publishes the same copy):

- it takes only what a learner's environment uses (``SHIPPED``: the lessons, the library
  and its data, the files that install and open them) as git tracks them, as they are on
  disk now; everything else stays with the teacher, so a new teacher's file never reaches
  students by accident;
- it adds the student version of the assessment when ``make release`` has made one;
- it reads every secret of every assessment form from the teacher's source notebooks
  (solution values, what hidden tests compare answers with, the lines of solutions and
  hidden tests, the rubric's sentences) and refuses to finish if any file of the copy,
  whatever its kind, holds one; it never writes into a folder that already exists.

Usage: ``.venv/bin/python tools/student_copy.py DEST``
"""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ANSWERS = "notebooks/assessment/source/"
RELEASE = "notebooks/assessment/release/"
# What a learner's copy holds: the lessons and the library, and what installs and opens
# them (make lab, Binder's postBuild, make html, make present). The tests, docs/ (teacher
# guide, answer key), hub/, benchmarks/ and the other tools are the teacher's.
SHIPPED = ("README.md", "Makefile", "run.py", "environment.yml", "pyproject.toml", "postBuild",
           ".gitignore", "two_chairs_static.py", "jupyter_settings/", "lesson_lib/",
           "notebooks/", "presenter/", "tools/lab_settings.py", "tools/reading_copies.py",
           "tools/reading_template/")
# What nbgrader's source notebooks carry and its releases must not.
MARKERS = ("BEGIN SOLUTION", "BEGIN HIDDEN TESTS")
# Shorter lines of a solution or a hidden test are too common to be a sign of a leak
# ("q1 = ...", "else 0"); a rubric sentence shorter than this is a phrase anyone may use.
LONGEST_COMMON_LINE = 24
SHORTEST_RUBRIC_SENTENCE = 40
# Tells people, and the assessment's tests, that the answers were left out on purpose.
NOTICE = "notebooks/assessment/STUDENT_COPY.md"
NOTICE_TEXT = """# A student copy

This copy of Two Chairs was made for students with `tools/student_copy.py`. It leaves
out the assessment's source notebook, which holds the answers and the hidden tests, and
the teacher's files (tests, teacher guide, answer key); your teacher keeps them. If
`release/` is here, it holds the assessment as students get it.
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


def shipped(name: str) -> bool:
    """Whether the tracked file ``name`` goes into a student copy."""
    if name.startswith(ANSWERS):
        return False
    return any(name == part or part.endswith("/") and name.startswith(part)
               for part in SHIPPED)


# ---- the secrets of the assessment, read from the teacher's source ------------------------

@dataclass
class Secrets:
    """What must never reach a learner, read from every form's source notebook.

    ``pairs`` are an answer's name with its key (``q1`` with ``B``): leaked when written
    together (``q1 = "b"``, ``q1 == "B"``, ``"q1": "B"``). ``phrases`` leak wherever they
    stand: keys no learner could know from the question (``FPIR``), whole lines of
    solutions and hidden tests, the rubric's sentences.
    """

    pairs: set[tuple[str, str]] = field(default_factory=set)
    phrases: set[str] = field(default_factory=set)

    def __bool__(self) -> bool:
        return bool(self.pairs or self.phrases)


_BLOCK = re.compile(r"^[ \t]*### BEGIN (SOLUTION|HIDDEN TESTS)\n(.*?)^[ \t]*### END \1\n?",
                    re.S | re.M)


def _folded(text: str) -> str:
    """Lower case with runs of white space as one space, so line breaks and indents in a
    copied passage do not hide it."""
    return " ".join(text.lower().split())


def assessment_secrets(source: Path) -> Secrets:
    """Every secret of every assessment form under ``source`` (nbgrader's source folder).

    A string a learner can read in the released question (a word of the quoted document,
    an event's title) is not a secret on its own; it is one beside its answer's name.
    """
    secrets = Secrets()
    for path in sorted(source.glob("*/*.ipynb")):
        # Plain JSON, not nbformat: `make student-copy` runs with any Python 3.
        notebook = json.loads(path.read_text("utf-8"))
        hidden_code, public = [], []
        for cell in notebook["cells"]:
            text = "".join(cell["source"]) if isinstance(cell["source"], list) else cell[
                "source"]
            meta = cell.get("metadata", {}).get("nbgrader", {})
            if cell["cell_type"] == "markdown" and meta.get("solution"):
                hidden_code.append(text)  # a model answer; the release empties it
                continue
            public.append(_BLOCK.sub("", text))
            hidden_code += [body for _, body in _BLOCK.findall(text)]
        released = _folded("\n".join(public))
        for body in hidden_code:
            _read_block(body, released, secrets)
    for path in sorted(p for p in source.rglob("*") if p.is_file() and p.suffix != ".ipynb"):
        for sentence in re.split(r"(?<=[.!?])\s+|\n|\|", path.read_text("utf-8")):
            sentence = sentence.strip(" >*-#`\"")
            if len(sentence) >= SHORTEST_RUBRIC_SENTENCE:
                secrets.phrases.add(_folded(sentence))
    return secrets


# A line that holds only quoted text (an option's title in a hidden test's table) is the
# question's data, which the course shows anyway, not a key.
_ONLY_QUOTED = re.compile(r"""[\s\[\](){},:]*(?:(?:"[^"]*"|'[^']*')[\s\[\](){},:]*)+""")


def _read_block(body: str, released: str, secrets: Secrets) -> None:
    for line in body.splitlines():
        if (len(line.strip()) > LONGEST_COMMON_LINE and _folded(line) not in released
                and not _ONLY_QUOTED.fullmatch(line)):
            secrets.phrases.add(_folded(line))
    try:
        tree = ast.parse(body)
    except SyntaxError:  # a written answer's model text
        return
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and _literal(node.value) is not None:
            for target in node.targets:  # a solution's answer; not a test's _helper
                if isinstance(target, ast.Name) and not target.id.startswith("_"):
                    _keep(secrets, target.id, _literal(node.value), released)
    for node in ast.walk(tree):  # what a hidden test compares an answer with
        if isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            names = [s.id for s in sides if isinstance(s, ast.Name) and s.id.startswith("q")]
            for name in names:
                for side in sides:
                    if isinstance(side, ast.Constant):
                        _keep(secrets, name, side.value, released)
        elif isinstance(node, ast.Call) and getattr(node.func, "id", "") == "zip":
            names = [n.id for a in node.args for n in ast.walk(a)
                     if isinstance(n, ast.Name) and n.id.startswith("q")]
            for arg in node.args:
                if isinstance(arg, ast.Constant):
                    for name in names:
                        _keep(secrets, name, arg.value, released)


def _literal(node: ast.AST) -> object:
    """The value of a constant, a negative number included (``q7_value = -0.2`` is a minus
    applied to 0.2 in Python's tree), or None for anything else."""
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub) and isinstance(
            node.operand, ast.Constant) and isinstance(node.operand.value, (int, float)):
        return -node.operand.value
    return node.value if isinstance(node, ast.Constant) else None


def _keep(secrets: Secrets, name: str, value: object, released: str) -> None:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return
    shown = str(value).strip()
    if not shown:
        return
    secrets.pairs.add((name, shown))
    # A key of three or more characters that the question never shows (FPIR) can only
    # have come from the answers, wherever it stands.
    if (isinstance(value, str) and len(shown) >= 3 and re.search(r"[A-Za-z]", shown)
            and _folded(shown) not in released):
        secrets.phrases.add(_folded(shown))


def _pair_pattern(secrets: Secrets) -> re.Pattern | None:
    """One pattern for every answer name written next to its key, in any case, quoted or
    not: q1 = "b", q1=='B', "q1": "B", q6_years = 4, q7_value = -0.2."""
    if not secrets.pairs:
        return None
    joined = "|".join(
        rf"(?<![\w.])['\"]?{re.escape(name)}['\"]?\s*(?:==|=|:|\bis\b)\s*[\[(]?\s*"
        rf"['\"“”‘’]?\s*{re.escape(value)}(?![\w])"
        for name, value in sorted(secrets.pairs))
    return re.compile(joined, re.I)


def leaked_answers(folder: Path, secrets: Secrets | None = None) -> list[str]:
    """Every file under ``folder`` that holds nbgrader's markers or one of ``secrets``, as
    ``"path: what"``. Every file is read, whatever its kind; one that is not text (an
    image) can hold no typed key and is passed over."""
    secrets = secrets or Secrets()
    pairs = _pair_pattern(secrets)
    found = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and ".git" not in
                       p.relative_to(folder).parts):
        try:
            text = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            continue
        name = path.relative_to(folder).as_posix()
        marker = next((m for m in MARKERS if m in text), None)
        if marker:
            found.append(f"{name}: nbgrader's {marker} marker")
            continue
        paired = pairs.search(text) if pairs else None
        if paired:
            found.append(f"{name}: an answer with its key ({paired.group(0).strip()})")
            continue
        folded = _folded(text)
        phrase = next((p for p in sorted(secrets.phrases) if p in folded), None)
        if phrase:
            found.append(f"{name}: a key or a line of the answers ({phrase[:60]})")
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
    tracked = tracked_files(root)
    files = [name for name in tracked if shipped(name)]
    secrets = assessment_secrets(root / ANSWERS)
    partial = dest.parent / f".{dest.name}.partial-{os.getpid()}"
    try:
        for name in files:
            target = partial / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(root / name, target)
        (partial / NOTICE).parent.mkdir(parents=True, exist_ok=True)
        (partial / NOTICE).write_text(NOTICE_TEXT, "utf-8")
        done = [f"copied {len(files)} of the {len(tracked)} tracked files: what a learner "
                f"needs, without {ANSWERS}, the tests or the teacher's documents"]
        release = root / RELEASE
        if any(release.rglob("*.ipynb")):
            shutil.copytree(release, partial / RELEASE)
            _track_release(partial / ".gitignore")
            done.append(f"added the student version of the assessment from {RELEASE}")
        else:
            done.append("no student version of the assessment: run `make release` first "
                        "to include it")
        leaked = leaked_answers(partial, secrets)
        if leaked:
            raise CopyError("these files would give answers away, so the copy was not made:"
                            "\n  " + "\n  ".join(leaked))
        done.append(f"checked every file for {len(secrets.pairs)} answer keys and "
                    f"{len(secrets.phrases)} lines of answers and rubric: none found")
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
