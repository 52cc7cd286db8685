"""A teaching error reads as one: in a notebook, the message, not the library's traceback."""

from __future__ import annotations

import nbformat
import pytest
from nbclient import NotebookClient

from lesson_lib.errors import LessonError, Problem

BAD_DATA = "import lesson_lib\nlesson_lib.use_data('/no/such/course/data')"


def run_cells(*sources: str) -> list:
    """Run ``sources`` in a real kernel, as a lesson runs, and return each cell's outputs."""
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    NotebookClient(notebook, timeout=120, allow_errors=True).execute()
    return [cell.outputs for cell in notebook.cells]


@pytest.mark.slow
def test_a_lesson_shows_the_message_without_the_traceback_and_keeps_it_one_call_away():
    stopped, asked = run_cells(BAD_DATA, "lesson_lib.show_traceback()")
    (error,) = stopped
    assert error.output_type == "error" and error.ename == "LessonError"
    shown = "\n".join(error.traceback)
    assert "no such folder" in shown.splitlines()[0] and len(error.traceback) == 2
    assert "File " not in shown and "data.py" not in shown
    assert "lesson_lib.show_traceback()" in error.traceback[-1]
    printed = "".join(o.get("text", "") for o in asked)
    assert "Traceback (most recent call last)" in printed and "use_data" in printed
    assert "no such folder" in printed.splitlines()[-1]


@pytest.mark.slow
def test_a_flag_gives_the_teacher_the_whole_traceback(monkeypatch):
    monkeypatch.setenv("TWO_CHAIRS_TRACEBACK", "full")
    (error,), = run_cells(BAD_DATA)
    shown = "\n".join(error.traceback)
    assert "use_data" in shown and "data.py" in shown and len(error.traceback) > 2


def test_every_problem_of_a_long_list_shows_on_its_own_line_in_the_short_form():
    error = LessonError([Problem("first", file="a.csv", line=2), Problem("second")])
    lines = error._render_traceback_()
    assert lines[0].endswith("LessonError\x1b[0m: 2 problems:")
    assert lines[1:3] == ["  - a.csv, line 2: first", "  - second"]


def test_show_traceback_without_an_error_says_so(monkeypatch, capsys):
    import sys

    from lesson_lib import show_traceback

    monkeypatch.delattr(sys, "last_value", raising=False)
    monkeypatch.delattr(sys, "last_exc", raising=False)
    show_traceback()
    assert "No error to show" in capsys.readouterr().out
