"""The copy published for students: lessons and library, never the assessment's answers."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

from student_copy import (  # noqa: E402
    ANSWERS,
    MARKERS,
    CopyError,
    assessment_secrets,
    leaked_answers,
    main,
    make_student_copy,
    shipped,
)


def git(folder: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(folder), *args], check=True, capture_output=True)


def notebook(path: Path, source: str = "1") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source)]), path)


@pytest.fixture()
def course(tmp_path) -> Path:
    """A small clone shaped like the course: a lesson, the assessment source, a .gitignore."""
    root = tmp_path / "course"
    notebook(root / "notebooks" / "00_start_here.ipynb")
    notebook(root / "notebooks" / "assessment" / "source" / "a" / "a.ipynb",
             "### BEGIN SOLUTION\nanswer = 42\n### END SOLUTION")
    (root / ".gitignore").write_text(".venv/\nnotebooks/assessment/release/\n", "utf-8")
    (root / "untracked.txt").write_text("never committed", "utf-8")
    git(root, "init", "-q")
    git(root, "add", "notebooks", ".gitignore")
    return root


def test_the_real_course_copy_has_the_lessons_and_no_answers(tmp_path):
    if not (ROOT / ".git").exists():
        pytest.skip("not a git clone")
    dest = tmp_path / "students"
    make_student_copy(dest)
    assert (dest / "notebooks" / "00_start_here.ipynb").is_file()
    assert (dest / "lesson_lib" / "data" / "events.csv").is_file()
    assert (dest / "Makefile").is_file() and (dest / "environment.yml").is_file()
    assert not (dest / "notebooks" / "assessment" / "source").exists()
    assert not (dest / ".venv").exists()
    assert leaked_answers(dest) == []
    assert (dest / "notebooks" / "assessment" / "STUDENT_COPY.md").is_file()


def test_the_copy_holds_no_teacher_file_and_make_test_says_why(tmp_path):
    if not (ROOT / ".git").exists():
        pytest.skip("not a git clone")
    dest = tmp_path / "students"
    make_student_copy(dest)
    for teachers in ("tests", "docs", "hub", "benchmarks", "tools/student_copy.py",
                     "tools/answer_key.py", "notebooks/assessment/source"):
        assert not (dest / teachers).exists(), teachers
    assert (dest / "tools" / "lab_settings.py").is_file()  # Binder's postBuild runs it
    assert (dest / "postBuild").is_file() and (dest / "presenter").is_dir()
    ran = subprocess.run(["make", "-s", "test"], cwd=dest, capture_output=True, text=True,
                         timeout=60)
    assert ran.returncode == 2 and "student copy" in ran.stdout + ran.stderr


@pytest.mark.parametrize("name, goes", [
    ("lesson_lib/data/events.csv", True), ("notebooks/02_timeline.ipynb", True),
    ("tools/lab_settings.py", True), ("README.md", True), ("postBuild", True),
    ("tests/test_assessment.py", False), ("docs/answer_key.md", False),
    ("docs/teacher_guide.md", False), ("notebooks/assessment/source/RUBRIC.md", False),
    ("tools/student_copy.py", False), ("hub/jupyterhub_config.py", False),
    ("benchmarks/run.py", False), ("lesson_lib_extra/x.py", False), ("READMEs.md", False),
])
def test_only_what_a_learner_needs_is_shipped(name, goes):
    assert shipped(name) is goes


def test_only_tracked_files_and_no_source(course, tmp_path):
    done = make_student_copy(tmp_path / "out", root=course)
    copied = {p.relative_to(tmp_path / "out").as_posix()
              for p in (tmp_path / "out").rglob("*") if p.is_file()}
    assert copied == {"notebooks/00_start_here.ipynb", ".gitignore",
                      "notebooks/assessment/STUDENT_COPY.md"}
    assert any("make release" in line for line in done)


def test_a_release_is_added_and_published(course, tmp_path):
    notebook(course / "notebooks" / "assessment" / "release" / "a" / "a.ipynb",
             "raise NotImplementedError()")
    make_student_copy(tmp_path / "out", root=course)
    assert (tmp_path / "out" / "notebooks" / "assessment" / "release" / "a" / "a.ipynb").is_file()
    # The course ignores its release folder; the copy must not, or it would never be pushed.
    assert "release" not in (tmp_path / "out" / ".gitignore").read_text("utf-8")


@pytest.mark.parametrize("marker", MARKERS)
def test_answers_anywhere_else_stop_the_copy_and_leave_nothing(course, tmp_path, marker):
    notebook(course / "notebooks" / "02_lesson.ipynb", f"### {marker}\nx = 1")
    git(course, "add", "notebooks")
    with pytest.raises(CopyError, match="02_lesson.ipynb"):
        make_student_copy(tmp_path / "out", root=course)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["course"]


def test_an_existing_folder_is_never_written_into(course, tmp_path, capsys):
    dest = tmp_path / "out"
    dest.mkdir()
    (dest / "mine.txt").write_text("keep", "utf-8")
    assert main([str(dest)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert [p.name for p in dest.iterdir()] == ["mine.txt"]


def test_a_folder_that_is_not_a_clone_is_explained(tmp_path):
    (tmp_path / "plain").mkdir()
    with pytest.raises(CopyError, match="not a git clone"):
        make_student_copy(tmp_path / "out", root=tmp_path / "plain")


# ---- the leak check reads every file of the copy for every secret of every form -------------

@pytest.fixture()
def real_course(tmp_path) -> Path:
    """The course's tracked files, as a fresh clone of its own, to add a leak to."""
    if not (ROOT / ".git").exists():
        pytest.skip("not a git clone")
    root = tmp_path / "course"
    listed = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-z"], check=True,
                            capture_output=True, text=True).stdout
    for name in filter(None, listed.split("\0")):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes((ROOT / name).read_bytes())
    git(root, "init", "-q")
    git(root, "add", ".")
    return root


def first_rubric_sentence() -> str:
    rubric = (ROOT / ANSWERS / "RUBRIC.md").read_text("utf-8")
    return next(s for s in re.split(r"(?<=[.!?])\s+|\n", rubric)
                if len(s) > 60 and not s.startswith(("#", "|", ">", "-", "*")))


def first_hidden_line() -> str:
    source = (ROOT / ANSWERS / "two_chairs_form_b" / "two_chairs_form_b.ipynb")
    hidden = re.findall(r"### BEGIN HIDDEN TESTS\n(.*?)\n### END HIDDEN TESTS",
                        "\n".join(c.source for c in nbformat.read(source, 4).cells), re.S)
    return next(line for block in hidden for line in block.splitlines()
                if line.startswith("_") and len(line) > 40)


def a_real_key(kind: type) -> tuple[str, str]:
    """One answer of form A as its solution sets it, a letter (str) or a number."""
    source = ROOT / ANSWERS / "two_chairs_form_a" / "two_chairs_form_a.ipynb"
    solutions = re.findall(r"^(q\w+) = (.+)$", "\n".join(
        c.source for c in nbformat.read(source, 4).cells if "BEGIN SOLUTION" in c.source), re.M)
    return next((name, value) for name, value in solutions
                if value != "..." and (value.startswith('"') == (kind is str)))


LEAKS = {
    "a key beside its name, in a library module": ("lesson_lib/formatting.py",
                                                   "\n# {letter}\n"),
    "a key in a dict, in a data file": ("lesson_lib/data/quiz_schema.json", None),
    "a key beside its name, in a CSV": ("lesson_lib/data/glossary.csv", None),
    "a negative decimal key, in a lesson": ("notebooks/04_balancing_act.ipynb", None),
    "a line of a hidden test, in the README": ("README.md", None),
    "a rubric sentence, in a lesson": ("notebooks/05_what_happened_next.ipynb", None),
    "a number key with its name, in the Makefile": ("Makefile", "\n# {number}\n"),
}


@pytest.mark.parametrize("kind", sorted(LEAKS))
def test_a_key_added_to_any_shipped_file_stops_the_copy(real_course, tmp_path, kind):
    name, added = LEAKS[kind]
    target = real_course / name
    text = target.read_text("utf-8")
    letter_name, letter = a_real_key(str)
    number_name, number = a_real_key(int)
    if added is not None:
        added = added.format(letter=f"{letter_name} = {letter}",
                             number=f"{number_name} = {number}")
    else:
        added = {"a key in a dict, in a data file": f'{{"{letter_name}": {letter}}}',
                 "a key beside its name, in a CSV": f"{letter_name} is {letter.strip(chr(34))}",
                 "a negative decimal key, in a lesson": "q7_value = " + next(
                     v for n, v in re.findall(r"(q7_value) = (-[\d.]+)", (
                         ROOT / ANSWERS / "two_chairs_form_a" / "two_chairs_form_a.ipynb"
                     ).read_text("utf-8"))),
                 "a line of a hidden test, in the README": first_hidden_line(),
                 "a rubric sentence, in a lesson": first_rubric_sentence()}[kind]
    if name.endswith(".ipynb"):  # inside a markdown cell's text, where a lesson would say it
        text = text.replace('"source": [\n', f'"source": [\n    {json.dumps(added)},\n', 1)
    elif name.endswith(".csv"):
        lines = text.splitlines(keepends=True)
        text = "".join(lines[:2]) + lines[1].replace(lines[1].split(",")[0], added, 1) + \
            "".join(lines[2:])
    else:
        text += added
    target.write_text(text, "utf-8")
    with pytest.raises(CopyError, match=re.escape(name)):
        make_student_copy(tmp_path / "out", root=real_course)
    assert not (tmp_path / "out").exists()


def test_a_new_item_is_covered_without_editing_the_check(real_course, tmp_path):
    source = real_course / ANSWERS / "two_chairs_form_c" / "two_chairs_form_c.ipynb"
    notebook = nbformat.read(source, 4)
    notebook.cells.append(nbformat.v4.new_code_cell(
        "q99 = ...\n### BEGIN SOLUTION\nq99 = 1917\n### END SOLUTION",
        metadata={"nbgrader": {"solution": True, "grade": False, "grade_id": "q99_answer",
                               "locked": False, "schema_version": 3, "task": False}}))
    nbformat.write(notebook, source)
    assert ("q99", "1917") in assessment_secrets(real_course / ANSWERS).pairs
    lesson = real_course / "lesson_lib" / "course.py"
    lesson.write_text(lesson.read_text("utf-8") + "\n# Q99 == '1917'\n", "utf-8")
    with pytest.raises(CopyError, match="course.py: an answer with its key"):
        make_student_copy(tmp_path / "out", root=real_course)


def test_the_course_own_copy_and_the_hubs_repository_pass_the_scan(tmp_path):
    """What `make student-copy` writes and what `make hub` publishes (read back from the
    bare repository, as nbgitpuller would clone it) hold no secret."""
    if not (ROOT / ".git").exists():
        pytest.skip("not a git clone")
    import local_hub

    secrets = assessment_secrets(ROOT / ANSWERS)
    assert len(secrets.pairs) >= 14 and len(secrets.phrases) >= 20
    bare = tmp_path / "two-chairs.git"
    local_hub.publish_course(bare)
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(bare), str(clone)], check=True)
    assert (clone / "lesson_lib").is_dir() and not (clone / "tests").exists()
    assert leaked_answers(clone, secrets) == []
