"""The graded assessment, run through nbgrader itself in a throwaway course folder."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from lesson_lib import LessonError

nbgrader_api = pytest.importorskip("nbgrader.api", reason="nbgrader is in the test extra")

ROOT = Path(__file__).resolve().parent.parent
COURSE = ROOT / "notebooks" / "assessment"
FORMS = ("A", "B", "C")
AUTOGRADED_POINTS = 19
TOTAL_POINTS = 37
ITEMS = 11
ANSWER_CELLS = 6  # the items checked automatically
WRITTEN = 5  # three short (sourcing, close reading, corroboration) and two long


def name(form: str) -> str:
    return f"two_chairs_form_{form.lower()}"


def source(form: str) -> Path:
    return COURSE / "source" / name(form) / f"{name(form)}.ipynb"


SOURCE = source("A")  # the practice-test checks below compare with any form's dates


def cells(path: Path) -> list:
    return nbformat.read(path, as_version=4).cells


def grading(cell) -> dict:
    return cell.metadata.get("nbgrader", {})


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """A copy of the course folder with every form released by nbgrader."""
    root = tmp_path_factory.mktemp("course")
    shutil.copytree(COURSE / "source", root / "source")
    shutil.copy(COURSE / "nbgrader_config.py", root)
    for form in FORMS:
        nbgrader(root, "generate_assignment", name(form), "--force")
    return root


def nbgrader(root: Path, *args: str) -> subprocess.CompletedProcess:
    # nbgrader runs the `alembic` command when it creates its database: it must be on PATH.
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
               TWO_CHAIRS_PROGRESS="off")
    done = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=root, env=env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    return done


def submit(course: Path, student: str, notebook, form: str = "A") -> None:
    target = course / "submitted" / student / name(form)
    target.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, target / f"{name(form)}.ipynb")


def autograde(course: Path, student: str, form: str = "A"):
    log = nbgrader(course, "autograde", name(form), "--create", "--force", "--student", student)
    with nbgrader_api.Gradebook(f"sqlite:///{course / 'gradebook.db'}") as book:
        notebook = book.find_submission_notebook(name(form), name(form), student)
        grades = {g.name: (g.auto_score, g.needs_manual_grade) for g in notebook.grades}
        return notebook.score, notebook.needs_manual_grade, grades, log.stdout + log.stderr


def release(course: Path, form: str = "A"):
    return nbformat.read(course / "release" / name(form) / f"{name(form)}.ipynb", as_version=4)


def test_the_forms_are_written_from_their_one_description():
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "assessment_forms.py"),
                             "--check"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("form", FORMS)
def test_source_follows_nbgrader_schema_3(form):
    graded = [c for c in cells(source(form)) if grading(c).get("grade")]
    assert len(graded) == ANSWER_CELLS + WRITTEN
    for cell in cells(source(form)):
        meta = grading(cell)
        assert meta["schema_version"] == 3
        assert {"grade", "grade_id", "locked", "solution"} <= set(meta)
        if meta["grade"]:
            assert meta["points"] > 0
    written = [c for c in graded if c.cell_type == "markdown"]
    assert len(written) == WRITTEN and all(grading(c)["solution"] for c in written)
    assert sum(grading(c)["points"] for c in written) == TOTAL_POINTS - AUTOGRADED_POINTS
    autograded = sum(grading(c)["points"] for c in graded if c.cell_type == "code")
    assert autograded == AUTOGRADED_POINTS


def _items(form: str) -> list[dict]:
    return [c.metadata["two_chairs"] for c in cells(source(form)) if "two_chairs" in c.metadata]


def test_the_three_forms_are_parallel():
    """The same items, objectives, points and answer forms in every form; the minutes within
    a minute of each other."""
    shape = {form: [(i["item"], i["title"], i["points"], i["form"], i["objectives"])
                    for i in _items(form)] for form in FORMS}
    assert shape["A"] == shape["B"] == shape["C"]
    assert len(shape["A"]) == ITEMS
    totals = {form: nbformat.read(source(form), as_version=4).metadata["two_chairs"]["minutes"]
              for form in FORMS}
    assert max(totals.values()) - min(totals.values()) <= 1


@pytest.mark.parametrize("form", FORMS)
def test_each_form_covers_every_objective(form):
    sys.path.insert(0, str(ROOT / "tools"))
    import objectives

    found = set(objectives.lesson_objectives())
    graded = {o for item in _items(form) for o in item["objectives"]}
    assert found - graded == set() and graded <= found
    assert sum(i["points"] for i in _items(form)) == TOTAL_POINTS


@pytest.mark.parametrize("form", FORMS)
def test_each_form_says_its_time_and_keeps_it(form):
    """The form's time, start included, by the method the teacher guide states (reading at
    150 words a minute, each answer and look-up), fits the 45 minutes it promises; and each
    section says the minutes the method gives it."""
    notebook = nbformat.read(source(form), as_version=4)
    meta = notebook.metadata["two_chairs"]
    intro = notebook.cells[1].source
    assert meta["minutes"] <= 45, "a form must fit one 45-minute period"
    assert "**Time:** 45 minutes in all" in intro
    sections = [c.source for c in notebook.cells if grading(c)["grade_id"].startswith("section")]
    stated = [int(re.search(r"\(about (\d+) minutes\)", s).group(1)) for s in sections]
    assert stated == [round(m) for m in meta["section_minutes"]]
    assert ", ".join(map(str, stated)) in intro


def _unseen(form: str) -> str:
    section = next(c.source for c in cells(source(form))
                   if grading(c).get("grade_id") == "section_a")
    return re.search(r'> "(.*)"', section).group(1)


def test_no_unseen_document_is_shared_between_forms():
    documents = {form: _unseen(form) for form in FORMS}
    assert len(set(documents.values())) == 3
    forecasts = {form: re.search(r': "(.*?)"', next(
        c.source for c in cells(source(form))
        if c.metadata.get("two_chairs", {}).get("title") == "Audit a forecast")).group(1)
        for form in FORMS}
    assert len(set(forecasts.values())) == 3


@pytest.mark.parametrize("form", FORMS)
def test_release_keeps_no_solution_or_hidden_test(course, form):
    text = (course / "release" / name(form) / f"{name(form)}.ipynb").read_text("utf-8")
    for marker in ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "HIDDEN TESTS"):
        assert marker not in text
    source_text = "\n".join(c.source for c in cells(source(form)))
    solutions = re.findall(r"### BEGIN SOLUTION\n(.*?)\n### END SOLUTION", source_text, re.S)
    hidden = re.findall(r"### BEGIN HIDDEN TESTS\n(.*?)\n### END HIDDEN TESTS", source_text,
                        re.S)
    assert len(solutions) == ANSWER_CELLS and len(hidden) == ANSWER_CELLS
    released = "\n".join(c.source for c in release(course, form).cells)
    for secret in solutions + hidden:
        for line in secret.splitlines():
            if len(line) > 25:  # long enough to give the answer away
                assert line not in released, line


def test_answers_are_not_shipped_in_the_library():
    library = "\n".join(p.read_text("utf-8") for p in (ROOT / "lesson_lib").rglob("*")
                        if p.is_file() and p.suffix in {".py", ".json", ".csv", ".md"})
    for form in FORMS:
        assert name(form) not in library
        for cell in cells(source(form)):  # no key leaks into the library, e.g. 'q5 == "FPIR"'
            for key in re.findall(r'^q\w+ = ("[A-Z]{3,}")$', cell.source, re.M):
                assert f"== {key}" not in library, key


@pytest.mark.parametrize("form", FORMS)
def test_solution_gets_every_autograded_point(course, form):
    submit(course, "solution", nbformat.read(source(form), as_version=4), form)
    score, _, grades, _ = autograde(course, "solution", form)
    assert score == AUTOGRADED_POINTS
    most = {grading(c)["grade_id"]: grading(c)["points"] for c in cells(source(form))
            if grading(c).get("grade")}
    assert all(points == most[gid] for gid, (points, _) in grades.items()
               if gid.endswith("_check"))


@pytest.mark.parametrize("form", FORMS)
def test_blank_release_gets_zero(course, form):
    submit(course, "blank", release(course, form), form)
    score, _, grades, _ = autograde(course, "blank", form)
    assert score == 0
    assert all(points == 0 for gid, (points, _) in grades.items() if gid.endswith("_check"))


def _solution_lines(form: str) -> dict[str, str]:
    """Each answer cell's solution lines ("q4 = \"AC\""), by the cell's grade id."""
    found = {}
    for cell in cells(source(form)):
        match = re.search(r"### BEGIN SOLUTION\n(.*?)\n### END SOLUTION", cell.source, re.S)
        if match:
            found[grading(cell)["grade_id"]] = match.group(1)
    return found


@pytest.mark.parametrize("form", FORMS)
def test_partly_right_submission_gets_its_share(course, form):
    keys = solution_values(source(form))
    wrong_letter = next(k for k in "ABCDE" if k != keys["q7"])
    # a decimal comma and the minus sign charts print, as a learner copies them
    value = f"{keys['q7_value']:.1f}".replace("-", "\u2212").replace(".", ",")
    typed = {"q4_answer": f'q4 = "{keys["q4"].lower()}"\nq4_source = ...',  # (a) only: 1
             "q5_answer": f"q5 = {keys['q5']}\nq5_after = {keys['q5_after'] + 1}",  # 2 of 4
             "q7_answer": f'q7 = "{wrong_letter}"\nq7_value = "{value}"',  # the value only: 2
             "q9_answer": 'q9 = ...\nq9_says = "E"'}  # not a form it accepts: 0, run goes on
    notebook = release(course, form)
    for cell in notebook.cells:
        gid = grading(cell).get("grade_id")
        if gid in typed:
            cell.source = typed[gid]
    submit(course, "partial", notebook, form)
    score, _, grades, _ = autograde(course, "partial", form)
    assert grades["q4_check"][0] == 1 and grades["q5_check"][0] == 2
    assert grades["q7_check"][0] == 2
    assert grades["q9_check"][0] == 0
    assert score == 5


def test_tampered_submission_is_flagged_and_the_run_completes(course):
    notebook = nbformat.read(source("B"), as_version=4)
    notebook.cells = [c for c in notebook.cells if grading(c).get("grade_id") != "q5_check"]
    for cell in notebook.cells:
        if grading(cell).get("grade_id") == "q4_check":
            cell.cell_type = "markdown"
            cell.pop("outputs", None)
            cell.pop("execution_count", None)
    submit(course, "tampered", notebook, "B")
    _, needs_review, grades, log = autograde(course, "tampered", "B")
    assert needs_review and grades["q5_check"] == (None, True)  # deleted: left to the teacher
    assert "cell_type' for cell q4_check has changed" in log


def test_feedback_and_grade_export(course):
    for form in ("A", "C"):
        submit(course, f"solution_{form.lower()}", nbformat.read(source(form), as_version=4),
               form)
        autograde(course, f"solution_{form.lower()}", form)
    nbgrader(course, "generate_feedback", name("C"), "--force", "--student", "solution_c")
    feedback = course / "feedback" / "solution_c" / name("C") / f"{name('C')}.html"
    assert feedback.is_file() and "graded assessment, form C" in feedback.read_text("utf-8")
    nbgrader(course, "export", "--to", str(course / "grades.csv"))
    rows = (course / "grades.csv").read_text("utf-8").splitlines()
    assert rows[0].startswith("assignment,duedate")
    # one row per learner and form: merging the forms is reading the score column
    assert {(r.split(",")[0], r.split(",")[3]) for r in rows[1:]} >= {
        (name("A"), "solution_a"), (name("C"), "solution_c")}


# ---- what the assessment asks of a learner --------------------------------------------------

ANSWER_LINE = re.compile(r"^(\s*|#.*|q\w+ = \.\.\.)$")


@pytest.mark.parametrize("form", FORMS)
def test_a_student_only_replaces_three_dots(course, form):
    """In the student's copy every cell to fill in holds comments and `q1 = ...` lines: no
    code to write, nothing to delete."""
    answer_cells = [c for c in release(course, form).cells
                    if c.cell_type == "code" and not grading(c).get("locked")]
    assert len(answer_cells) == ANSWER_CELLS
    for cell in answer_cells:
        assert all(ANSWER_LINE.match(line) for line in cell.source.splitlines()), cell.source
        assert "q" in cell.source and "..." in cell.source


@pytest.mark.parametrize("form", FORMS)
def test_no_id_or_prompt_gives_an_answer_away(form):
    import lesson_lib

    event_ids = set(lesson_lib.load_events()["event_id"])
    for cell in cells(source(form)):
        gid = grading(cell)["grade_id"]
        assert not re.search(r"\d{4}", gid), gid  # no year in an id
        if cell.cell_type == "markdown":
            assert not [e for e in event_ids if e in cell.source], gid  # titles, not ids


def test_every_lesson_objective_has_a_graded_item():
    sys.path.insert(0, str(ROOT / "tools"))
    import objectives

    found = objectives.lesson_objectives()
    assert len(found) >= 19 and "05.3" in found
    graded = {o for item in objectives.graded_items() for o in item["objectives"]}
    assert set(found) - graded == set()
    assert graded <= set(found)  # no item names an objective that does not exist
    assert sum(i["points"] for i in objectives.graded_items()) == TOTAL_POINTS


def test_teacher_guide_table_is_up_to_date():
    sys.path.insert(0, str(ROOT / "tools"))
    import objectives

    guide = objectives.GUIDE.read_text("utf-8")
    assert objectives.updated_guide(guide) == guide, "run: make objectives"


@pytest.mark.parametrize("form", FORMS)
def test_the_data_leaves_one_right_answer_where_it_decides(form):
    """Every key the course's data decides is still unique: the generator asserts it when it
    computes them, so computing them again is the test."""
    sys.path.insert(0, str(ROOT / "tools"))
    import assessment_forms as forms

    forms.move_key(form)
    known, after = forms.author_key(form)
    assert known > 0 and after > 0  # the author knew some, and some came after
    forms.map_key(form)
    forms.tie_key(form)
    assert 0 < forms.hostile_years_key(form) < 11  # neither no year nor every year
    assert forms.index_key(form)[0] in "ABCDE"
    assert set(forms.rule_key(form)) <= set("ABC")
    count, says = forms.un_key(form)
    assert says in "ABC" and count >= 0


def test_the_keys_differ_between_forms():
    """A neighbour who copies another form's answers gets few of them right."""
    sys.path.insert(0, str(ROOT / "tools"))
    import assessment_forms as forms

    keys = {form: solution_values(source(form)) for form in FORMS}
    shared = [(n, keys["A"][n]) for n in keys["A"]
              if keys["A"][n] == keys["B"][n] == keys["C"][n]]
    assert len(shared) <= 1, shared
    assert len({forms.un_key(f)[1] for f in FORMS}) == 3


def _lesson_text() -> str:
    """What learners read in the lessons: their text and example answers, and the self-check
    banks' prompts, options, hints and explanations."""
    import json

    texts = []
    for path in sorted((ROOT / "notebooks").glob("0[0-7]_*.ipynb")):
        texts += [c.source for c in nbformat.read(path, as_version=4).cells
                  if c.cell_type == "markdown"]
    for path in sorted((ROOT / "lesson_lib" / "data").glob("quiz_0[1-6].json")):
        texts.append(json.dumps(json.loads(path.read_text("utf-8")), ensure_ascii=False))
    return " ".join(" ".join(t.lower().split()) for t in texts)


def _key_texts(form: str) -> list[tuple[str, str]]:
    """(item, text) for each key a lesson could rehearse: the text of every option labelled
    with a key's letter in the item (an item with two lists checks both: stricter, never
    looser)."""
    keyed = []
    notebook = cells(source(form))
    solutions = _solution_lines(form)
    for cell in notebook:
        meta = cell.metadata.get("two_chairs")
        if not meta or meta["form"] in ("written", "short written", "one sentence",
                                        "sequence", "number", "numbers"):
            continue
        number = meta["item"]
        lines = solutions.get(f"q{number}_answer", "")
        options = re.findall(r"^- ([A-E])\. (.*)$", cell.source, re.M)
        for letters in re.findall(r'= "([A-Z]+)"', lines):
            keyed += [(f"item {number}", text) for k, text in options if k in letters]
    return keyed


@pytest.mark.parametrize("form", FORMS)
def test_no_key_is_rehearsed_in_a_lesson(form):
    """No keyed option of a graded item stands in a lesson's text, example answers or
    self-check explanations: a learner must find it, not remember it. A key of five words or
    more (an event, a claim, a description) counts as rehearsed when any five words of it in
    a row stand in a lesson; shorter keys are names (an organisation, a year), which the
    lessons must use."""
    lessons = _lesson_text()
    rehearsed = []
    for item, text in _key_texts(form):
        words = re.findall(r"[a-z0-9'’-]+", text.lower())
        runs = [" ".join(words[i:i + 5]) for i in range(len(words) - 4)]
        if any(run in lessons for run in runs):
            rehearsed.append((item, text))
    assert not rehearsed, rehearsed


# ---- the practice test (lesson 06) ----------------------------------------------------------

def test_the_practice_test_covers_every_objective_with_other_questions():
    sys.path.insert(0, str(ROOT / "tools"))
    import objectives

    import lesson_lib

    bank = lesson_lib.load_quiz("06")
    covered = {f"{q.lesson}.{q.objective}" for q in bank.questions}
    assert covered == set(objectives.lesson_objectives())
    graded_text = "\n".join(c.source for form in FORMS for c in cells(source(form))
                            if c.cell_type == "markdown")
    # The practice names none of the graded items' dates (the article's own date aside),
    # so it neither quotes nor describes a document the graded items use.
    months = "January|February|March|April|May|June|July|August|September|October|November|December"
    graded_dates = set(re.findall(rf"\b\d{{1,2}} (?:{months}) \d{{4}}", graded_text))
    graded_dates -= {"25 July 2016"}
    assert {"10 December 2024", "14 September 2020"} <= graded_dates
    for q in bank.questions:
        text = q.prompt + " ".join(o.text for o in q.options)
        quoted = re.findall(r'"([^"]{40,})"', text)  # a document's sentence
        assert not [s for s in quoted if s in graded_text], q.id
        assert not [d for d in graded_dates if d in text], (q.id, graded_dates)


def test_the_practice_keys_the_data_decides_are_right():
    import lesson_lib

    bank = lesson_lib.load_quiz("06")
    keys = {q.id: q for q in bank.questions}
    neighbours = ("ltu", "lva", "pol", "ukr", "rus")
    in_eu = sum("eu" in lesson_lib.memberships_in(2004).get(a, ()) for a in neighbours)
    assert keys["p03_eu_neighbours"].answer == in_eu
    from lesson_lib.model.index import KEY_YEARS

    bands = lesson_lib.index_bands().set_index(["year", "domain"])["placed"]
    unsure = [y for y in KEY_YEARS if bands.loc[(y, "political")] == "cannot say"]
    assert keys["p04_cannot_place"].answer == max(unsure)
    events = lesson_lib.load_events().set_index("event_id")
    known = {e for e in keys["p02_author_knew"].event_ids
             if events.loc[e, "date"] <= lesson_lib.ARTICLE_DATE}
    assert known == {"minsk_ii_package_2015", "eaeu_treaty_signed_2014"}
    assert events.loc["us_diplomat_cap_lifted_2019", "tilt"] == "toward_west"


def test_every_objective_has_a_self_check_in_its_lesson_and_a_practice_question():
    sys.path.insert(0, str(ROOT / "tools"))
    import objectives

    tagged = objectives.bank_questions()
    for key in objectives.lesson_objectives():
        own = [q for q in tagged.get(key, []) if q.startswith(key[:2] + ":")]
        practice = [q for q in tagged.get(key, []) if q.startswith("06:")]
        assert own and practice, f"objective {key}: self-checks {own}, practice {practice}"


# ---- the data track (an optional second assignment) ------------------------------------------

DATA_TRACK = "two_chairs_data_track"


def test_the_data_track_assignment_grades_a_solution_full_and_a_blank_zero(tmp_path):
    shutil.copytree(COURSE / "source", tmp_path / "source")
    shutil.copy(COURSE / "nbgrader_config.py", tmp_path)
    nbgrader(tmp_path, "generate_assignment", DATA_TRACK, "--force")
    released = tmp_path / "release" / DATA_TRACK / f"{DATA_TRACK}.ipynb"
    assert "BEGIN SOLUTION" not in released.read_text("utf-8")
    source = COURSE / "source" / DATA_TRACK / f"{DATA_TRACK}.ipynb"
    scores = {}
    for student, notebook in (("solution", source), ("blank", released)):
        target = tmp_path / "submitted" / student / DATA_TRACK
        target.mkdir(parents=True)
        shutil.copy(notebook, target / f"{DATA_TRACK}.ipynb")
        nbgrader(tmp_path, "autograde", DATA_TRACK, "--create", "--force", "--student", student)
        with nbgrader_api.Gradebook(f"sqlite:///{tmp_path / 'gradebook.db'}") as book:
            scores[student] = book.find_submission_notebook(DATA_TRACK, DATA_TRACK,
                                                            student).score
    assert scores == {"solution": 12, "blank": 0}


def test_the_data_track_primer_teaches_every_move_the_assignment_uses():
    primer = "\n".join(c.source for c in nbformat.read(
        ROOT / "notebooks" / "data_track" / "pandas_primer.ipynb", as_version=4).cells)
    source = COURSE / "source" / DATA_TRACK / f"{DATA_TRACK}.ipynb"
    solutions = "\n".join(re.findall(r"### BEGIN SOLUTION\n(.*?)\n### END SOLUTION",
                                     "\n".join(c.source for c in cells(source)), re.S))
    used = set(re.findall(r"\.(\w+)\(", solutions)) | set(re.findall(r"\b(len|set|int)\(",
                                                                       solutions))
    taught = set(re.findall(r"\.(\w+)\(", primer)) | set(re.findall(r"\b(len|set|int)\(", primer))
    assert used and used <= taught, used - taught


def test_no_example_of_a_form_is_the_answer_itself():
    """The examples that show a learner what to type (in the comments of each answer cell and
    in the form checks' messages) never are that item's key."""
    from lesson_lib.checks import answers

    for cell in [c for form in FORMS for c in cells(source(form))]:
        if not grading(cell).get("solution") or cell.cell_type != "code":
            continue
        keys = dict(re.findall(r'^(q\w+) = ("?[\w?]+"?)$', cell.source.split(
            "### BEGIN SOLUTION")[1], re.M))
        examples = re.findall(r'e\.g\. ("?\w+"?)', cell.source)
        for name, key in keys.items():
            assert key not in examples, (name, key)
    for check in (answers.letter, answers.letters, answers.year, answers.number):
        with pytest.raises(LessonError) as caught:
            check("q1", ...)
        # the message shows a pattern ("?", "??", YYYY, N), never a letter or a number
        assert re.search(r'q1 = ("\?+"|YYYY|N)(?!\w)', str(caught.value)), str(caught.value)


# ---- every form the instructions allow scores (through `make autograde`) --------------------

SOURCES = sorted((COURSE / "source").glob("*/*.ipynb"))


def checked_calls(notebook: Path) -> list[tuple[str, str, str, str]]:
    """Each ``target = answers.checked("name", value, "form", ...)`` of a notebook, as
    (target, name, value, form); the grade id of the cell comes first in messages."""
    import ast

    calls = []
    for cell in cells(notebook):
        if cell.cell_type != "code":
            continue
        for node in ast.walk(ast.parse(cell.source)):
            if (isinstance(node, ast.Assign) and isinstance(node.value, ast.Call)
                    and getattr(node.value.func, "attr", "") == "checked"):
                target = node.targets[0].id
                name, value, form = node.value.args[:3]
                calls.append((target, name.value, getattr(value, "id", ast.dump(value)),
                              form.value))
    return calls


@pytest.mark.parametrize("notebook", SOURCES, ids=lambda p: p.stem)
def test_every_checked_answer_is_stored_back_in_its_own_name(notebook):
    """`q7_year = answers.checked("q6_year", q6_year, ...)` once put item 6's tidy year in
    the wrong name, so a learner who typed "2023" saw ✔ and scored 0."""
    for target, name, value, _form in checked_calls(notebook):
        assert target == name == value, (notebook.name, target, name, value)


def solution_values(notebook: Path) -> dict[str, object]:
    """The value each answer name has in the solution blocks of ``notebook``."""
    import ast

    values = {}
    for block in re.findall(r"### BEGIN SOLUTION\n(.*?)\n### END SOLUTION",
                            "\n".join(c.source for c in cells(notebook)), re.S):
        for node in ast.parse(block).body:
            if isinstance(node, ast.Assign):  # a constant, or a negative number
                values[node.targets[0].id] = ast.literal_eval(node.value)
    return values


def allowed_forms(value, form: str) -> list[str]:
    """The ways the assessment's instructions let a learner type ``value`` (as source)."""
    if form == "decimal":
        return [repr(value), repr(str(value)), repr(f"{value:.1f}".replace("-", "\u2212")),
                repr(f" {value:.1f} ".replace(".", ","))]
    if form in ("year", "number"):
        return [str(value), repr(str(value)), repr(f" {value} "), repr(f"{value}."),
                f"{value}."]  # the last is the float 2023.0
    if form == "letter":
        return [repr(value.lower()), repr(f" {value} "), repr(f"{value}."),
                repr(f" {value.lower()}. ")]
    if form == "letters":
        backwards = value[::-1]
        return [repr(value.lower()), repr(backwards), repr(", ".join(backwards)),
                repr(" ".join(value).lower() + ".")]
    if form == "sequence":
        return [repr(value.lower()), repr(" ".join(value)), repr(", ".join(value).lower()),
                repr(f"{value}.")]
    if form == "word":
        return [repr(value.capitalize()), repr(f" {value}. "), repr(f'"{value}"'),
                repr(value.upper())]
    raise AssertionError(f"no typing forms written for the answer form {form!r}")


def make_in(course: Path, target: str, *options: str) -> None:
    """Run ``make target`` of the course's Makefile on the nbgrader folder ``course``, with
    this test's environment (so nothing is installed twice)."""
    done = subprocess.run(["make", "-s", "-C", str(ROOT), target, f"COURSE_DIR={course}",
                           f"VENV={sys.prefix}", *options], capture_output=True, text=True,
                          timeout=900,
                          env=dict(os.environ, TWO_CHAIRS_PROGRESS="off"))
    assert done.returncode == 0, done.stdout + done.stderr


def test_every_allowed_form_of_every_answer_gets_full_marks_through_make_autograde(tmp_path):
    if not shutil.which("make"):
        pytest.skip("make is not installed")
    shutil.copytree(COURSE / "source", tmp_path / "source",
                    ignore=shutil.ignore_patterns("two_chairs_data_track"))
    shutil.copy(COURSE / "nbgrader_config.py", tmp_path)
    make_in(tmp_path, "release", "FORM=B")
    forms = {answer: form for _, answer, _, form in checked_calls(source("B"))}
    keys = solution_values(source("B"))
    assert set(forms) == set(keys), "every checked answer has a solution value"
    typed = {answer: allowed_forms(keys[answer], form) for answer, form in forms.items()}
    assert {"q4", "q5", "q7_value", "q6_years"} <= set(typed)
    students = [f"forms{k}" for k in range(max(map(len, typed.values())))]
    for k, student in enumerate(students):
        notebook = release(tmp_path, "B")
        for cell in notebook.cells:
            if cell.cell_type == "code" and not grading(cell).get("locked"):
                names = re.findall(r"^(q\w+) = \.\.\.$", cell.source, re.M)
                cell.source = "\n".join(f"{n} = {typed[n][k % len(typed[n])]}" for n in names)
        submit(tmp_path, student, notebook, "B")
    make_in(tmp_path, "autograde", "FORM=B")
    with nbgrader_api.Gradebook(f"sqlite:///{tmp_path / 'gradebook.db'}") as book:
        for k, student in enumerate(students):
            graded = book.find_submission_notebook(name("B"), name("B"), student)
            lost = {g.name: g.auto_score for g in graded.grades
                    if g.name.endswith("_check") and g.auto_score != g.max_score}
            shown = {n: typed[n][k % len(typed[n])] for n in typed}
            assert graded.score == AUTOGRADED_POINTS, (lost, shown)


def test_the_practice_checklists_match_the_graded_rubrics():
    """Lesson 06's written tasks tell learners how the graded ones are marked: each checklist
    names the same three parts, in the same order, as every form's rubric."""
    rubric = (COURSE / "source" / "RUBRIC.md").read_text("utf-8")
    practice = "\n".join(c.source for c in nbformat.read(
        ROOT / "notebooks" / "06_practice_test.ipynb", as_version=4).cells)
    checklists = re.findall(r"\*\*Checklist\*\* \(how the graded (.*?) (?:are|is) marked, "
                            r"2 points each\): (.*)", practice)
    assert [kind for kind, _ in checklists] == ["written answers", "forecast audit"]
    parts = {"two chairs": {"Claim": "politics and security apart",
                            "Evidence": "the date the timeline gives",
                            "Index check": "the index's political and security positions"},
             "audit": {"Horizon": "the horizon", "Outcome by the rule": "a verdict by the rule",
                       "Calibration": "well founded"}}
    sections = re.split(r"^### ", rubric, flags=re.M)
    for role, (_, checklist) in zip(("two chairs", "audit"), checklists, strict=True):
        tables = [s for s in sections if ("two chairs in another period" in s.split("\n")[0])
                  == (role == "two chairs") and "(6 points)" in s.split("\n")[0]]
        assert len(tables) == len(FORMS)
        for table in tables:
            names = re.findall(r"^\| \*\*(.+?)\*\* \|", table, re.M)
            assert names == list(parts[role]), (role, names)
        items = re.split(r"\(\d\) ", checklist)[1:]
        assert len(items) == 3
        for (name, phrase), item in zip(parts[role].items(), items, strict=True):
            assert phrase in item, (role, name, item)
