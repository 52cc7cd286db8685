"""make handouts: worksheets, document packs, the teacher's keys and paper forms, printed from
the same source as the course, never with an answer where a learner reads."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import handouts  # noqa: E402

import lesson_lib  # noqa: E402
from lesson_lib.checks.questions import Option, Pair, Question  # noqa: E402

LESSON_01 = ROOT / "notebooks" / "01_the_source.ipynb"


def example_answers(path: Path) -> list[str]:
    """The example answers a lesson folds away, each as its first long line."""
    text = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells
                     if c.cell_type == "markdown")
    found = []
    for summary, inside in handouts.DETAILS.findall(text):
        if handouts.EXAMPLE.search(summary):
            found += [line.strip() for line in inside.splitlines() if len(line.strip()) > 60][:1]
    return found


def test_a_worksheet_has_the_tasks_and_space_to_write_but_no_example_answer():
    sheet = handouts.worksheet_html(LESSON_01)
    tasks = lesson_lib.load_reading_tasks()
    assert all(re.sub(r"\s+", " ", t) in sheet.replace("&#x27;", "'")
               for t in tasks["prompt"].head(3))
    assert sheet.count("<div class='lines'>") >= 10
    assert "Name:" in sheet and "Your claim" in sheet
    answers = example_answers(LESSON_01)
    assert len(answers) >= 3
    plain = re.sub(r"<[^>]+>", "", sheet)
    assert [a for a in answers if re.sub(r"[*_`]", "", a)[:60] in plain] == []


def test_help_blocks_print_open_and_example_blocks_do_not_print():
    text = ("Task.\n\n*Your answer:*\n\n<details><summary>Help: sentence starters and a word "
            "bank</summary>\n\n**Word bank:** *thaw* (relations improve)\n\n</details>\n\n"
            "<details><summary>An example answer (open after you have written yours)</summary>"
            "\n\nSECRET EXAMPLE\n\n</details>\n\n1. …\n")
    printed = handouts.printable_markdown(text)
    assert "relations improve" in printed and "class='help'" in printed
    assert "SECRET EXAMPLE" not in printed
    assert printed.count("<div class='lines'>") == 2  # after "Your answer" and after "1. …"


def test_each_lesson_pack_holds_its_accounts_and_claim_documents_with_addresses():
    documents = lesson_lib.load_documents().set_index("document_id")
    for lesson in ("01", "02", "03", "04", "05"):
        ids = handouts.lesson_documents(lesson)
        pair = lesson_lib.load_account_pairs().set_index("lesson").loc[lesson]
        assert ids[:3] == [pair["first_document_id"], pair["second_document_id"],
                           pair["third_document_id"]]
        pack = handouts.document_pack_html(lesson)
        assert all(documents.loc[d, "title"].replace("'", "&#x27;") in pack
                   or documents.loc[d, "title"] in pack for d in ids)
        assert 'a[href^="http"]::after' in pack  # the address printed after each link
    assert len(handouts.lesson_documents("07")) == 9  # B to J; A, the article, printed apart
    assert "Minsk seeks to demonstrate to NATO its independence" in \
        handouts.document_pack_html("07")


@pytest.mark.parametrize("form", ["A", "B", "C"])
def test_a_paper_form_has_every_item_and_no_answer(form):
    folder = f"two_chairs_form_{form.lower()}"
    source = nbformat.read(handouts.FORMS / folder / f"{folder}.ipynb", as_version=4)
    paper = handouts.paper_form_html(form)
    solutions = re.findall(r"^(q\w+) = (.+)$", "\n".join(
        m for c in source.cells for m in re.findall(r"### BEGIN SOLUTION\n(.*?)### END",
                                                    c.source, re.S)), re.M)
    assert len(solutions) == 13
    assert [f"{n} = {v}" for n, v in solutions if f"{n} = {v}" in paper] == []
    assert "HIDDEN" not in paper and "_right" not in paper and "answers.checked" not in paper
    written = [c for c in source.cells if c.cell_type == "markdown"
               and c.metadata.get("nbgrader", {}).get("solution")]
    assert len(written) == 5 and "YOUR ANSWER HERE" not in paper
    assert paper.count("<div class='lines'>") == 5  # ruled space for each written answer
    rubric = (handouts.FORMS / "RUBRIC.md").read_text("utf-8")
    marking = [s for s in re.split(r"(?<=[.!?])\s+|\n|\|", rubric) if len(s.strip()) > 60]
    assert marking and [s for s in marking if s.strip() in paper] == []
    assert paper.count("______________________</p>") == 13  # a line per closed answer
    for number in range(1, 12):
        assert re.search(rf"<strong>{number}\. ", paper), f"item {number} missing"
    assert "data booklet, part 1" in paper and "cannot be printed" in paper


def test_the_data_booklet_prints_every_event_and_tie():
    booklet = handouts.data_booklet_html()
    events, relations = lesson_lib.load_events(), lesson_lib.load_relations()
    assert booklet.count("<tr>") >= len(events) + len(relations)
    assert "Kuźnica" in booklet


def question(**fields) -> Question:
    base = {"id": "q", "type": "single", "prompt": "?", "explanation": ".", "objective": 1}
    return Question(**{**base, **fields})


def test_the_key_says_each_kind_of_answer_in_words():
    events = lesson_lib.load_events()
    options = (Option("a", "Apples"), Option("b", "Pears"), Option("c", "Plums"))
    assert handouts.answer_in_words(question(options=options, answer="b"), events) == "Pears"
    assert handouts.answer_in_words(
        question(type="multiple", options=options, answer=("a", "c")), events) == \
        "Apples; Plums"
    assert handouts.answer_in_words(
        question(type="number", answer=1999, unit="year"), events) == "1999 (year)"
    assert handouts.answer_in_words(
        question(type="number", answer=4.5, tolerance=0.5), events) == "4.5, within 0.5"
    assert handouts.answer_in_words(
        question(type="text", accepted=("Latvia", "Латвия")), events) == "any of: Latvia, Латвия"
    later, earlier = events.sort_values("date")["event_id"].iloc[[-1, 0]]
    ordered = handouts.answer_in_words(question(type="order", order=(later, earlier)), events)
    assert ordered.index(events.set_index("event_id").loc[earlier, "title"]) == 0
    matched = handouts.answer_in_words(
        question(type="match", pairs=(Pair("rus", "ally"),)), events)
    assert matched == "Russia: ally"


def test_the_self_check_key_covers_every_bank():
    key = handouts.self_check_keys_html()
    for lesson in ("01", "02", "03", "04", "05", "06"):
        bank = lesson_lib.load_quiz(lesson)
        assert f"quiz_{lesson}.json" in key
        assert key.count("<tr><td>") >= sum(len(lesson_lib.load_quiz(x).questions)
                                            for x in ("01",)) if lesson == "01" else True
        assert all(q.explanation.replace("'", "&#x27;").replace('"', "&quot;")[:40] in key
                   for q in bank.questions)


# Printing needs Chromium; CI installs Debian's.
needs_chromium = pytest.mark.skipif(handouts.find_chromium() is None,
                                    reason="make handouts prints with Chromium")


def pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def page_mm(path: Path) -> tuple[int, int]:
    """The first page's width and height in whole millimetres (72 points an inch)."""
    from pypdf import PdfReader

    box = PdfReader(path).pages[0].mediabox
    return round(float(box.width) * 25.4 / 72), round(float(box.height) * 25.4 / 72)


@pytest.mark.slow
@needs_chromium
def test_handouts_print_with_every_script_the_course_uses(tmp_path):
    from pypdf import PdfReader

    names = "Łukaszenka Kuźnica · Kariņš Rinkēvičs · Nausėda Linkevičius · Лукашенко Латвія"
    pages = {"names": handouts.page("names", f"<p>{names}</p>"),
             "teacher/self_check_keys": handouts.self_check_keys_html(),
             "teacher/assessment_data_booklet": handouts.data_booklet_html(),
             "lessons/01_the_source_worksheet": handouts.worksheet_html(LESSON_01)}
    a4 = handouts.print_pdfs(pages, tmp_path / "a4")
    assert [p.name for p in a4] == ["names.pdf", "self_check_keys.pdf",
                                    "assessment_data_booklet.pdf", "01_the_source_worksheet.pdf"]
    assert names in " ".join(pdf_text(a4[0]).split())
    assert "Латвия" in pdf_text(a4[1])
    booklet = pdf_text(a4[2])
    assert "Kuźnica" in booklet and "Kariņš" in booklet
    assert len(PdfReader(a4[2]).pages) >= 5
    assert page_mm(a4[0]) == (210, 297)  # A4
    letter = handouts.print_pdfs({"names": pages["names"]}, tmp_path / "letter", "Letter")
    assert page_mm(letter[0]) == (216, 279)  # US Letter, 8.5 by 11 inches


@pytest.mark.slow
@needs_chromium
def test_make_handouts_writes_every_file(tmp_path):
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "handouts.py"), "--out",
                             str(tmp_path)], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    written = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.pdf"))
    lessons = sorted(p.stem for p in (ROOT / "notebooks").glob("0[1-57]_*.ipynb"))
    assert [f"lessons/{s}_worksheet.pdf" for s in lessons] == [
        w for w in written if w.endswith("_worksheet.pdf")]
    for name in ("teacher/self_check_keys.pdf", "teacher/forecast_verdicts.pdf",
                 "teacher/answer_key.pdf", "teacher/assessment_form_a_paper.pdf",
                 "teacher/assessment_form_c_paper.pdf", "teacher/assessment_data_booklet.pdf"):
        assert name in written
    assert f"{len(written)} PDF files (A4)" in result.stdout


def test_a_paper_size_other_than_a4_or_letter_is_refused(tmp_path):
    with pytest.raises(SystemExit, match="A4, Letter"):
        handouts.print_pdfs({"x": "<p>x</p>"}, tmp_path, "A3")
