"""The item report: each item's difficulty and discrimination after `make autograde`."""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import item_report  # noqa: E402


def test_difficulty_is_the_share_of_points_the_class_got():
    scores = {"a": {1: 2}, "b": {1: 1}, "c": {1: 0}, "d": {1: 2}}
    [result] = item_report.analyse(scores, {1: 2}, "A")
    assert result.difficulty == 0.62  # 5 of 8 points
    assert result.learners == 4


def test_discrimination_is_top_third_minus_bottom_third():
    # Six learners ranked by their total; item 2 is got only by the bottom two.
    scores = {f"s{k}": {1: k, 2: 1 if k < 2 else 0} for k in range(6)}
    results = {r.item: r for r in item_report.analyse(scores, {1: 5, 2: 1}, "A")}
    assert results[2].discrimination == -1.0
    assert results[1].discrimination == pytest.approx((4 + 5) / 10 - (0 + 1) / 10, abs=0.01)


def test_an_item_not_marked_for_a_learner_leaves_that_learner_out():
    scores = {"a": {1: 2, 2: 2}, "b": {1: 0}, "c": {1: 2}}
    results = {r.item: r for r in item_report.analyse(scores, {1: 2, 2: 2}, "A")}
    assert results[2].learners == 1 and results[2].difficulty == 1.0
    assert results[1].learners == 3


def test_an_item_nobody_has_marks_for_is_listed_as_not_marked():
    last = item_report.analyse({"a": {1: 2}}, {1: 2, 3: 2}, "A")[-1]
    assert (last.item, last.learners, last.difficulty) == (3, 0, None)
    assert last.flag.startswith("not marked yet")
    assert re.search(r"^\s+3\s+2\s+0\s+-\s+-\s+not marked yet", item_report.as_text([last]),
                     re.M)


@pytest.mark.parametrize("difficulty, discrimination, learners, expected", [
    (0.95, 0.5, 30, "almost everyone gets it"),
    (0.9, 0.5, 30, "almost everyone gets it"),
    (0.89, 0.5, 30, ""),
    (0.1, 0.3, 30, "almost no one gets it"),
    (0.2, 0.3, 30, "almost no one gets it"),
    (0.21, 0.3, 30, ""),
    (0.5, 0.19, 30, "separates stronger from weaker learners only weakly"),
    (0.5, 0.2, 30, ""),
    (0.5, -0.01, 30, "stronger learners miss it more often: check the key and the wording"),
    (0.95, -0.2, 30, "stronger learners miss it more often: check the key and the wording"),
    (0.5, -0.5, 5, "too few learners to judge"),
    (0.5, -0.5, 6, "stronger learners miss it more often: check the key and the wording"),
])
def test_flags(difficulty, discrimination, learners, expected):
    assert item_report.flag(difficulty, discrimination, learners) == expected


def test_text_report_names_form_class_size_and_explains_its_columns():
    scores = {f"s{k}": {1: 2 if k > 3 else 0} for k in range(9)}
    text = item_report.as_text(item_report.analyse(scores, {1: 2}, "B"))
    assert text.startswith("Form B: 9 learners")
    assert re.search(r"^\s+1\s+2\s+9\s+0\.56\s+1\.00\s*$", text, re.M)
    assert "top third" in text


def test_no_gradebook_says_what_to_run(tmp_path):
    with pytest.raises(SystemExit, match="make autograde"):
        item_report.read_gradebook(tmp_path)


# ---- a synthetic class, graded by nbgrader through make ------------------------------------

FORM = "two_chairs_form_a"
# Nine learners of rising strength (1 to 9); an item is right for a learner whose strength
# reaches its threshold. Item 4 everyone gets, item 9 no one, item 8 only the three weakest
# (a miskeyed item would look like this); the rest separate.
THRESHOLDS = {4: 1, 5: 4, 6: 5, 7: 6}
REVERSED, NOBODY = 8, 9
WRITTEN = {1, 2, 3, 10, 11}
STRENGTHS = range(1, 10)


def _right(item: int, strength: int) -> bool:
    if item == REVERSED:
        return strength <= 3
    if item == NOBODY:
        return False
    return strength >= THRESHOLDS[item]


def _run(*args: str, cwd: Path = ROOT) -> str:
    env = dict(os.environ, TWO_CHAIRS_PROGRESS="off",
               PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    done = subprocess.run(list(args), cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=1200)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


@pytest.mark.slow
def test_item_report_on_a_synthetic_class(tmp_path):
    if not shutil.which("make"):
        pytest.skip("make is not installed")
    nbgrader_api = pytest.importorskip("nbgrader.api")
    course = ROOT / "notebooks" / "assessment"
    shutil.copytree(course / "source" / FORM, tmp_path / "source" / FORM)
    shutil.copy(course / "nbgrader_config.py", tmp_path)
    make = ["make", "-s", "-C", str(ROOT), f"COURSE_DIR={tmp_path}", f"VENV={sys.prefix}",
            "FORM=A"]
    _run(*make, "release")
    solution = nbformat.read(course / "source" / FORM / f"{FORM}.ipynb", as_version=4)
    answers = {c.metadata["nbgrader"]["grade_id"]: c.source for c in solution.cells
               if c.metadata.get("nbgrader", {}).get("grade_id", "").endswith("_answer")
               and c.cell_type == "code"}
    released = tmp_path / "release" / FORM / f"{FORM}.ipynb"
    for strength in STRENGTHS:
        notebook = nbformat.read(released, as_version=4)
        for cell in notebook.cells:
            gid = cell.metadata.get("nbgrader", {}).get("grade_id", "")
            if gid in answers and _right(int(gid[1:].split("_")[0]), strength):
                cell.source = answers[gid]
            elif cell.cell_type == "markdown" and gid.endswith("_answer"):
                cell.source = "A written answer for the teacher to mark."  # blank would be 0
        target = tmp_path / "submitted" / f"learner{strength}" / FORM
        target.mkdir(parents=True)
        nbformat.write(notebook, target / f"{FORM}.ipynb")
    _run(*make, "autograde")

    # Before the teacher marks anything, the written items wait.
    before = {int(r["item"]): r["flag"] for r in csv.DictReader(io.StringIO(
        _run(sys.executable, str(ROOT / "tools" / "item_report.py"), str(tmp_path), "--csv")))}
    assert {item for item, flag in before.items() if flag.startswith("not marked")} == WRITTEN

    # The teacher marks item 1 (2 points to the five strongest, 1 to the rest).
    with nbgrader_api.Gradebook(f"sqlite:///{tmp_path / 'gradebook.db'}") as book:
        for strength in STRENGTHS:
            grade = book.find_grade("q1_answer", FORM, FORM, f"learner{strength}")
            grade.manual_score = 2 if strength >= 5 else 1
            grade.needs_manual_grade = False
        book.db.commit()

    text = _run(*make, "item-report")
    assert text.startswith("Form A: 9 learners")
    rows = {int(r["item"]): r for r in csv.DictReader(io.StringIO(
        _run(sys.executable, str(ROOT / "tools" / "item_report.py"), str(tmp_path), "--csv")))}
    assert set(rows) == set(THRESHOLDS) | WRITTEN | {REVERSED, NOBODY}
    assert rows[3]["flag"].startswith("not marked") and rows[3]["difficulty"] == ""
    assert rows[4]["flag"] == "almost everyone gets it" and float(rows[4]["difficulty"]) == 1
    assert rows[NOBODY]["flag"] == "almost no one gets it"
    assert rows[REVERSED]["flag"].startswith("stronger learners miss it more often")
    assert float(rows[REVERSED]["discrimination"]) == -1
    assert float(rows[5]["points"]) == 4 and float(rows[5]["difficulty"]) == 0.67
    assert rows[6]["flag"] == "" and float(rows[6]["discrimination"]) == 1
    assert float(rows[1]["difficulty"]) == 0.78  # 14 of 18 points
    for item in (1, 4, 6, REVERSED):
        assert re.search(rf"^\s+{item}\s", text, re.M), f"item {item} missing from the text"
