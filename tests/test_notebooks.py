"""Notebook hygiene: valid, without outputs, first cell imports only, and only lesson_lib."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted(p for p in (ROOT / "notebooks").rglob("*.ipynb")
                   if ".ipynb_checkpoints" not in p.parts)
CHECK_TAG = "nbval-check-output"


def ids(paths):
    return [str(p.relative_to(ROOT)) for p in paths]


def code_cells(path):
    return [c for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]


def test_the_start_notebook_exists():
    assert ROOT / "notebooks" / "00_start_here.ipynb" in NOTEBOOKS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_notebook_is_valid(path):
    nbformat.validate(nbformat.read(path, as_version=4))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_committed_without_outputs(path):
    """Only cells nbval compares keep their expected printed text; nothing else has output."""
    for cell in code_cells(path):
        if CHECK_TAG in cell.metadata.get("tags", []):
            kinds = {(o.output_type, o.get("name")) for o in cell.outputs}
            assert kinds <= {("stream", "stdout")}, f"{path.name}: {cell.id} keeps {kinds}"
            assert cell.outputs, f"{path.name}: {cell.id} is checked but stores no expected text"
        else:
            assert not cell.outputs and cell.execution_count is None, (
                f"{path.name}: cell {cell.id} carries outputs; "
                "run `python tools/notebooks.py strip`")


def imported_modules(source: str) -> list[str]:
    names = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            names.append(node.module or "")
    return names


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_first_cell_imports_only_lesson_lib(path):
    cells = code_cells(path)
    first = ast.parse(cells[0].source)
    assert all(isinstance(n, ast.Import | ast.ImportFrom) for n in first.body), path.name
    for cell in cells:
        for module in imported_modules(cell.source):
            assert module.split(".")[0] == "lesson_lib", f"{path.name} imports {module}"


def test_nbgraders_working_folders_are_not_run_as_lessons(tmp_path):
    """After `make release` or collecting submissions, `make test` must not run the release
    (its answer cells raise) or a student's code through nbval."""
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    lesson = tmp_path / "notebooks" / "99_lesson.ipynb"
    lesson.parent.mkdir()
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1")]), lesson)
    for folder in ("release", "submitted/alice", "autograded/alice", "feedback/alice"):
        target = tmp_path / "notebooks" / "assessment" / folder / "two_chairs_form_a"
        target.mkdir(parents=True)
        shutil.copy(lesson, target / "two_chairs_form_a.ipynb")
    listed = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q"],
                            cwd=tmp_path, capture_output=True, text=True, timeout=120).stdout
    assert "99_lesson.ipynb" in listed
    assert "two_chairs_form_a.ipynb" not in listed


LESSONS = [p for p in NOTEBOOKS if p.parent == ROOT / "notebooks" and p.name[:2].isdigit()]


@pytest.mark.parametrize("path", LESSONS, ids=ids(LESSONS))
def test_every_lesson_links_to_the_start_and_the_next_lesson(path):
    text = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells
                     if c.cell_type == "markdown")
    names = [p.name for p in LESSONS]
    position = names.index(path.name)
    if position:
        assert "](00_start_here.ipynb)" in text, f"{path.name}: no link back to the start"
    if position + 1 < len(names):
        assert f"]({names[position + 1]})" in text, f"{path.name}: no link to the next lesson"
    links = re.findall(r"\]\(([^)]+\.ipynb)\)", text)
    assert all((path.parent / link).is_file() for link in links), links


TIMED_LESSONS = [p for p in NOTEBOOKS if re.match(r"0[1-9]_", p.name)]
CORE_MINUTES = re.compile(r"\*Core[^*\n]*?(\d+) minutes")


def core_minutes(path: Path) -> list[int]:
    """The minutes of every part marked *Core, N minutes* in a lesson's text."""
    return [n for period in core_minutes_by_period(path) for n in period]


def core_minutes_by_period(path: Path) -> list[list[int]]:
    """The Core minutes of each period: a lesson for two periods (lesson 07) marks them
    with "## Period 1" and "## Period 2" headings; any other lesson is one period."""
    periods: list[list[int]] = [[]]
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type != "markdown":
            continue
        if re.match(r"## Period \d", cell.source) and periods[-1]:
            periods.append([])
        periods[-1] += [int(n) for n in CORE_MINUTES.findall(cell.source)]
    return periods


# Every lesson's Core, the practice test's too, keeps five of a 45-minute period's minutes
# for logging in and starting up.
CORE_AT_MOST = 40


@pytest.mark.parametrize("path", TIMED_LESSONS, ids=ids(TIMED_LESSONS))
def test_the_core_of_each_lesson_fits_a_45_minute_class(path):
    most = CORE_AT_MOST
    for number, minutes in enumerate(core_minutes_by_period(path), start=1):
        assert len(minutes) >= 4, f"{path.name}: mark each section *Core, N minutes* or *If time*"
        assert 30 <= sum(minutes) <= most, (
            f"{path.name}, period {number}: the Core adds up to {sum(minutes)} minutes, "
            f"more than the {most} a 45-minute period leaves")


def test_core_minutes_are_read_from_every_way_a_lesson_marks_them():
    text = ("## 1 · *Core, 8 minutes*\n### Close reading · *Core: tasks 1 and 3 (7 minutes)*\n"
            "## 5 · *Core, 6 minutes; If time: a second claim*\n## 6 · *If time, 9 minutes*")
    assert [int(n) for n in CORE_MINUTES.findall(text)] == [8, 7, 6]


def test_the_counts_in_lesson_02s_example_answer_match_the_data():
    # The example answer quotes counts "with the course's data as shipped"; a data change
    # that moves them must change the answer too.
    import lesson_lib

    text = "\n".join(c.source for c in nbformat.read(
        ROOT / "notebooks" / "02_timeline.ipynb", as_version=4).cells)
    events = lesson_lib.load_events()
    tracks = events["track"].value_counts()
    busiest = tracks[tracks == tracks.max()]
    assert f"({tracks.max()} events each)" in text or f"({tracks.max()} events)" in text
    assert len(busiest) == (2 if "events each" in text else 1)
    eras = events["era_id"].value_counts()
    most = lesson_lib.load_eras().set_index("era_id").loc[eras.idxmax(), "name"]
    assert f"**{most}**" in text and f"with {eras.max()}." in text


def writing_places(path: Path):
    """Each markdown cell with a space for the learner to write ("*Your answers:*"), with
    the text around it: the cell before, its own and the one after."""
    cells = [c.source for c in nbformat.read(path, as_version=4).cells
             if c.cell_type == "markdown"]
    for i, text in enumerate(cells):
        if re.search(r"^\*Your [^*]*:\*", text, re.M):
            yield text, "".join(cells[max(i - 1, 0):i + 2])


EXAMPLE_ANSWER = re.compile(r"<details><summary>[^<]*(answer|example|points a good)", re.I)


def test_every_open_prompt_has_an_example_answer_next_to_it():
    # A folded example answer in the same cell or next to it (a help block is not one).
    for path in TIMED_LESSONS:
        for text, near in writing_places(path):
            assert EXAMPLE_ANSWER.search(near), f"{path.name}: {text[:80]!r}"


def test_the_teachers_answer_key_is_made_from_the_lessons():
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "answer_key.py"), "--check"],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    key = (ROOT / "docs" / "answer_key.md").read_text("utf-8")
    assert "### What did each side want?" in key and "**Course answer:**" in key


def test_the_teacher_guides_session_plans_match_the_lessons_core_minutes():
    guide = (ROOT / "docs" / "teacher_guide.md").read_text("utf-8")
    plans = guide[guide.index("## Session plans"):].split("\n## ")[0]
    for path in TIMED_LESSONS:
        number = path.name[:2]
        row = next(line for line in plans.splitlines() if line.startswith(f"| {number} "))
        core = row.split("|")[2]
        core = re.sub(r"introduction \d+", "", core)  # opening the notebook: not a section
        core = re.sub(r"\([^)]*\)", "", core)  # "(1, 3, 5, 10)", "(four questions)"
        planned = sum(int(n) for n in re.findall(r"\b(\d{1,2})\b", core))  # not years
        assert planned == sum(core_minutes(path)), (
            f"{path.name}: the guide plans {planned} minutes, the lesson marks "
            f"{sum(core_minutes(path))}")


HELP = "<details><summary>Help: sentence starters and a word bank</summary>"


def test_every_written_task_has_starters_and_a_word_bank_one_click_away():
    for path in TIMED_LESSONS:
        for text, near in writing_places(path):
            assert HELP in near, f"{path.name}: no help block near {text[:80]!r}"
        every = "".join(c.source for c in nbformat.read(path, as_version=4).cells)
        for block in re.findall(re.escape(HELP) + r"(.*?)</details>", every, re.S):
            assert "Sentence starters" in block and "Word bank" in block, (path.name, block)


def test_every_lesson_has_an_essentials_path_and_a_challenge():
    for path in TIMED_LESSONS:
        text = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells
                         if c.cell_type == "markdown")
        assert "**Essentials path.**" in text, path.name
        assert "[glossary](00_start_here.ipynb)" in text, f"{path.name}: point to the glossary"
        challenge = re.search(r"^### Challenge · \*Extension, (\d+) minutes\*(.*?)(?=^#|\Z)",
                              text, re.M | re.S)
        assert challenge and 10 <= int(challenge.group(1)) <= 15, path.name
        assert "*Your answer:*" in challenge.group(2) and "open after you have written yours" \
            in challenge.group(2), f"{path.name}: the challenge needs a place to write and " \
                                   "an example answer"
