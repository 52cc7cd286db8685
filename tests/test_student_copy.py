"""The copy published for students: lessons and library, never the assessment's answers."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

from student_copy import MARKERS, CopyError, leaked_answers, main, make_student_copy  # noqa: E402


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


def test_the_copys_assessment_tests_skip_instead_of_failing(tmp_path):
    if not (ROOT / ".git").exists():
        pytest.skip("not a git clone")
    dest = tmp_path / "students"
    make_student_copy(dest)
    ran = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                          "tests/test_assessment.py"], cwd=dest, capture_output=True,
                         text=True, timeout=300)
    # The module skips as a whole (pytest then exits 5, "no tests ran"); the last line must
    # still say skipped, so a copy whose test file went missing, or that ran the assessment
    # against nothing, does not pass.
    assert ran.returncode in (0, 5), ran.stdout + ran.stderr
    assert re.search(r"^\d+ skipped in ", ran.stdout.strip().splitlines()[-1]), ran.stdout


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
