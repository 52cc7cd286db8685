"""Printouts from the same source as the course: worksheets, document packs, the teacher's
keys and a paper form of each graded assessment form, as PDF files.

Usage (from the repository root, with the project's virtual environment):

    .venv/bin/python tools/handouts.py                 # A4, into handouts/
    .venv/bin/python tools/handouts.py --paper Letter  # US Letter
    .venv/bin/python tools/handouts.py --out DIR

``make handouts`` runs it. Everything is made from what the lessons show: the worksheet from
the lesson's markdown (its tasks, the help blocks opened, ruled space to write, never the
example answers), the document pack from ``documents.csv`` with the same HTML the lessons
use, the keys from the question banks, ``claims.csv`` and ``docs/answer_key.md``, the paper
forms from the assessment's source notebooks with their solutions and hidden tests taken out.

The PDF files are printed by Chromium (Debian's ``chromium``, or the one named by
``TWO_CHAIRS_CHROMIUM``) through Playwright, the browser the tests already use. Each page is
set from a string with every request refused, so nothing is fetched; the text is set in
DejaVu Sans (Debian's fonts-dejavu, which Chromium brings), which has the Cyrillic, Latvian,
Lithuanian and Polish letters of the course's names.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import sys
from pathlib import Path

import nbformat
from nbconvert.filters.markdown_mistune import markdown2html_mistune

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import lesson_lib  # noqa: E402
from lesson_lib.formatting import format_date  # noqa: E402
from lesson_lib.sources.accounts import ORGANISER_STEPS  # noqa: E402
from lesson_lib.sources.claims import article_html, where_in_article  # noqa: E402
from lesson_lib.sources.documents import document_html  # noqa: E402

NOTEBOOKS = ROOT / "notebooks"
FORMS = NOTEBOOKS / "assessment" / "source"
ANSWER_KEY = ROOT / "docs" / "answer_key.md"
PAPERS = ("A4", "Letter")
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")

DETAILS = re.compile(r"<details><summary>(.*?)</summary>(.*?)</details>", re.S)
EXAMPLE = re.compile(r"answer|example|points a good", re.I)
WRITE_HERE = re.compile(r"^(\*Your [^*\n]*:\*)\s*$", re.M)
# "1. …", "(a) …", "- …": a numbered space to write in, as the lessons lay one out.
NUMBERED_BLANK = re.compile(r"^\s*(\d+\.|\([a-z]\)|-)\s*…\s*$", re.M)
SOLUTION = re.compile(r"### BEGIN SOLUTION\n.*?### END SOLUTION\n?", re.S)
HIDDEN = re.compile(r"### BEGIN HIDDEN TESTS\n.*?### END HIDDEN TESTS\n?", re.S)

STYLE = """
@page { margin: 16mm 15mm 18mm 15mm; }
body { font-family: 'DejaVu Sans', 'Liberation Sans', sans-serif; font-size: 10pt;
       line-height: 1.35; color: #111; }
h1 { font-size: 16pt; margin: 0 0 4pt 0; } h2 { font-size: 13pt; margin: 12pt 0 4pt 0; }
h3, h4 { font-size: 11pt; margin: 10pt 0 3pt 0; }
h1, h2, h3, h4 { break-after: avoid-page; }
.who { border: 1px solid #999; padding: 4pt 8pt; margin-bottom: 8pt; }
.task { break-inside: avoid-page; margin-bottom: 6pt; }
.help { border: 1px dashed #777; padding: 2pt 8pt; margin: 4pt 0; font-size: 9pt; }
.help-title { font-weight: bold; margin: 2pt 0; }
.lines { margin: 4pt 0 10pt 0; }
.lines div { border-bottom: 1px solid #888; height: 8.5mm; }
.booklet-ref { border-left: 4px solid #0B2E59; padding: 2pt 8pt; margin: 6pt 0; }
.document { break-inside: avoid-page; border-top: 2px solid #0B2E59; padding-top: 4pt;
            margin-top: 10pt; }
.paper-note { border: 2px solid #444; padding: 4pt 8pt; margin: 6pt 0; }
table { border-collapse: collapse; width: 100%; font-size: 8.5pt; }
th, td { border: 1px solid #bbb; padding: 2pt 4pt; vertical-align: top; text-align: left; }
blockquote { margin: 4pt 0; }
a { color: #111; text-decoration: none; }
a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 8pt; word-break: break-all; }
small { font-size: 8.5pt; }
"""


def page(title: str, body: str, *, note: str = "") -> str:
    """A whole printable page: the course's title line, the body and the print style."""
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>"
            f"{html.escape(title)}</title><style>{STYLE}</style></head><body>"
            f"<p><small>Two Chairs · {html.escape(note or 'printed from the course')}"
            f"</small></p>{body}</body></html>")


def lines(count: int) -> str:
    """Ruled space to write in."""
    return "<div class='lines'>" + "<div></div>" * count + "</div>"


def printable_markdown(text: str) -> str:
    """A lesson's markdown for paper: example answers out (they are the key's), help blocks
    open, and ruled lines after each place where the learner writes."""
    def fold(match: re.Match) -> str:
        summary, inside = match.group(1), match.group(2)
        if EXAMPLE.search(summary):
            return ""
        return (f"\n\n<div class='help'><p class='help-title'>{summary}</p>\n\n{inside}\n\n"
                "</div>\n\n")

    text = DETAILS.sub(fold, text)
    text = WRITE_HERE.sub(lambda m: f"{m.group(1)}\n\n<div class='lines-here'></div>", text)
    text = NUMBERED_BLANK.sub(lambda m: f"\n\n{m.group(1).strip('-')}\n\n"
                              "<div class='lines-short'></div>\n\n", text)
    rendered = markdown2html_mistune(text)
    rendered = re.sub(r"<a class=\"anchor-link\"[^>]*>.*?</a>", "", rendered)
    rendered = re.sub(r"<p>\s*<div class='lines-short'></div>\s*</p>|<div class='lines-short'>"
                      r"</div>", lines(3), rendered)
    rendered = re.sub(r"<p>\s*<div class='lines-here'></div>\s*</p>|<div class='lines-here'>"
                      r"</div>", lines(5), rendered)
    return re.sub(r"<a href=\"(?!http)[^\"]*\">(.*?)</a>", r"\1", rendered)  # no local links


def worksheet_html(notebook_path: Path) -> str:
    """The worksheet of one lesson: every markdown cell where the learner writes, under the
    section it belongs to, then the lesson's closing claim with its starters."""
    notebook = nbformat.read(notebook_path, as_version=4)
    cells = [c.source for c in notebook.cells if c.cell_type == "markdown"]
    title = next((re.sub(r"^#\s*", "", c.splitlines()[0]) for c in cells if c.startswith("# ")),
                 notebook_path.stem)
    body = [f"<h1>{html.escape(title)}: worksheet</h1>",
            "<div class='who'>Name: ______________________ &nbsp; Class: ________ &nbsp; "
            "Date: ____________</div>"]
    heading = ""
    for cell in notebook.cells:
        if cell.cell_type == "code":
            body.append(widget_on_paper(cell.source))
            continue
        text = cell.source
        found = re.findall(r"^#{2,3} .*$", text, re.M)
        if found:
            heading = found[-1]
        if not (WRITE_HERE.search(text) or NUMBERED_BLANK.search(text)):
            continue
        if not re.match(r"#{2,3} ", text) and heading:
            text = f"{heading}\n\n{text}"
        body.append(f"<div class='task'>{printable_markdown(text)}</div>")
    return page(f"{title}: worksheet", "".join(body), note=notebook_path.name)


def widget_on_paper(source: str) -> str:
    """The paper version of a lesson's task widget (its questions, with space to write);
    an empty string for explorers and self-checks, which only work on screen."""
    documents = lesson_lib.load_documents().set_index("document_id")
    reading = re.search(r"ReadingTasks\(\"(\w+)\"", source)
    if reading:
        tasks = lesson_lib.load_reading_tasks()
        claims = lesson_lib.load_claims().set_index("claim_id")
        title = {"sourcing": "Sourcing", "close_reading": "Close reading"}[reading.group(1)]
        out = [f"<h3>{title}: the tasks</h3>"]
        for n, task in enumerate(tasks[tasks["section"] == reading.group(1)].itertuples(), 1):
            choices = ("".join(f"<br>☐ {html.escape(c.strip())}"
                               for c in str(task.choices).split("|"))
                       if isinstance(task.choices, str) else "")
            shown = f"<i>{html.escape(task.shown)}</i><br>" if isinstance(task.shown, str) else ""
            if isinstance(task.claim_id, str) and task.claim_id in claims.index:
                claim = claims.loc[task.claim_id]
                shown = (f"<i>The article ({where_in_article(claim['paragraph'])}):</i> "
                         f"“{html.escape(claim['sentence'])}”<br>")
            out.append(f"<div class='task'><p><b>{n}.</b> {shown}"
                       f"{html.escape(task.prompt)}{choices}</p>{lines(3)}</div>")
        return "".join(out)
    accounts = re.search(r"ConflictingAccounts\(\"(\w+)\"", source)
    if accounts:
        pair = lesson_lib.load_account_pairs().set_index("pair_id").loc[accounts.group(1)]
        named = [documents.loc[pair[k], "title"] for k in
                 ("first_document_id", "second_document_id", "third_document_id")]
        steps = "".join(f"<p>{html.escape(step)}</p>{lines(4)}"
                        for step in ORGANISER_STEPS.values())
        return ("<div class='task'><h3>Two accounts: " + html.escape(pair["question"]) + "</h3>"
                f"<p>Read in the document pack: (1) {html.escape(named[0])}; (2) "
                f"{html.escape(named[1])}; the third source: {html.escape(named[2])}.</p>"
                f"{steps}</div>")
    claim = re.search(r"CoreClaim\(\"(\d\d)\"", source)
    if claim:
        row = lesson_lib.load_core_claims().set_index("lesson").loc[claim.group(1)]
        starters = " / ".join(f"“{s.strip()}”" for s in str(row["starters"]).split("|"))
        return ("<div class='task'><h3>Your claim</h3>"
                f"<p>{html.escape(row['prompt'])}</p><div class='help'><p class='help-title'>"
                f"Sentence starters</p><p>{html.escape(starters)}</p></div>{lines(7)}</div>")
    return ""


def lesson_documents(lesson: str) -> list[str]:
    """The documents a lesson reads, in the order it reads them: its two accounts and the
    third source, then the documents of its closing claim; lesson 07's by letter."""
    if lesson == "07":
        essay = lesson_lib.load_essay_documents()
        return [d for d in essay["document_id"] if isinstance(d, str) and d]
    ids: list[str] = []
    pairs = lesson_lib.load_account_pairs()
    for pair in pairs[pairs["lesson"] == lesson].itertuples():
        ids += [pair.first_document_id, pair.second_document_id, pair.third_document_id]
    claims = lesson_lib.load_core_claims()
    for claim in claims[claims["lesson"] == lesson].itertuples():
        ids += list(claim.document_ids)
    return list(dict.fromkeys(ids))


def document_pack_html(lesson: str) -> str:
    """A lesson's documents as the lesson shows them: head note, the words as published
    beside the adapted version, words to know, the terms they are quoted under and where to
    read them in full (the address printed after each link)."""
    documents = lesson_lib.load_documents().set_index("document_id", drop=False)
    sources, reuse = lesson_lib.load_sources(), lesson_lib.load_reuse_terms()
    body = [f"<h1>Lesson {lesson}: the documents</h1>"]
    if lesson in ("01", "07"):
        body.append(f"<div class='document'><h3>The article (document A in lesson 07)</h3>"
                    f"{article_html()}</div>")
    letters = {}
    if lesson == "07":
        essay = lesson_lib.load_essay_documents()
        letters = dict(zip(essay["document_id"], essay["letter"], strict=True))
    for document_id in lesson_documents(lesson):
        doc = next(documents.loc[[document_id]].itertuples())
        label = f"<h3>Document {letters[document_id]}</h3>" if document_id in letters else ""
        body.append(f"<div class='document'>{label}{document_html(doc, sources, reuse)}</div>")
    return page(f"Lesson {lesson}: the documents", "".join(body),
                note=f"lesson {lesson}, document pack")


def answer_in_words(question, events) -> str:
    """The right answer of one self-check question, as a teacher reads it out."""
    options = {o.id: o.text for o in question.options}
    titles = events.set_index("event_id")["title"]
    dates = events.set_index("event_id")["date"]
    if question.type == "single":
        return options[question.answer]
    if question.type == "multiple":
        return "; ".join(options[a] for a in question.answer)
    if question.type == "order":
        return " → ".join(f"{titles[e]} ({dates[e]:%Y})"
                          for e in sorted(question.order, key=lambda e: dates[e]))
    if question.type == "match":
        names = lesson_lib.load_actors().set_index("actor_id")["name"]
        return "; ".join(f"{names[p.actor_id]}: {p.role}" for p in question.pairs)
    if question.type == "number":
        unit = f" ({question.unit})" if question.unit else ""
        spread = f", within {question.tolerance:g}" if question.tolerance else ""
        return f"{question.answer:g}{unit}{spread}"
    return "any of: " + ", ".join(question.accepted)


def self_check_keys_html() -> str:
    """Every self-check of lessons 01 to 05 and the practice test's closed questions, with
    the right answer in words and the explanation the learner sees."""
    events = lesson_lib.load_events()
    body = ["<h1>Self-checks: the key</h1>"]
    for bank_file in sorted((ROOT / "lesson_lib" / "data").glob("quiz_0*.json")):
        bank = lesson_lib.load_quiz(bank_file.stem.split("_")[1])
        rows = "".join(
            f"<tr><td>{n}</td><td>{html.escape(q.prompt)}</td><td><b>"
            f"{html.escape(answer_in_words(q, events))}</b></td><td>"
            f"{html.escape(q.explanation)}</td></tr>"
            for n, q in enumerate(bank.questions, start=1))
        body.append(f"<h2>{html.escape(bank.title)} ({bank_file.name})</h2><table><tr><th>#"
                    "</th><th>Question</th><th>Answer</th><th>Why</th></tr>"
                    f"{rows}</table>")
    return page("Self-checks: the key", "".join(body), note="for the teacher")


def forecast_verdicts_html() -> str:
    """The article's forecasts with the course's verdict, its rule and calibration."""
    claims = lesson_lib.load_claims()
    forecasts = claims[claims["kind"] == "forecast"]
    rows = "".join(
        f"<tr><td>“{html.escape(c.sentence)}”</td><td>{html.escape(str(c.condition))}</td>"
        f"<td>{html.escape(str(c.horizon))}</td><td><b>{html.escape(str(c.verdict))}</b>: "
        f"{html.escape(str(c.verdict_note))}</td><td>{html.escape(str(c.calibration))}: "
        f"{html.escape(str(c.calibration_note))}</td></tr>" for c in forecasts.itertuples())
    body = ("<h1>The article's forecasts: the course's verdicts</h1><p>Lesson 05's verdicts, "
            "each judged by its written condition and horizon. The course's reading is one "
            "reading: accept another argued from dated events.</p><table><tr><th>Forecast "
            "(the article's words)</th><th>Condition</th><th>Horizon</th><th>Verdict</th><th>"
            f"Calibration</th></tr>{rows}</table>")
    return page("Forecast verdicts", body, note="for the teacher")


def answer_key_html() -> str:
    """docs/answer_key.md, the lessons' example answers, for print."""
    return page("Answer key", markdown2html_mistune(ANSWER_KEY.read_text("utf-8")),
                note="for the teacher")


# What stands on paper where a form runs a tool on screen.
def timeline_on_paper() -> str:
    events, sources = lesson_lib.load_events(), lesson_lib.load_sources()
    names = lesson_lib.load_actors().set_index("actor_id")["name"]
    by_source = sources.set_index("source_id")
    rows = []
    for e in events.sort_values("date").itertuples():
        cited = "; ".join(
            f"{by_source.loc[s, 'publisher']}, " + format_date(
                by_source.loc[s, "published"], by_source.loc[s, "published_precision"])
            for s in e.source_ids if s in by_source.index)
        who = ", ".join(names[a] for a in e.actor_ids)
        rows.append(f"<tr><td>{html.escape(format_date(e.date, e.date_precision))}</td><td>"
                    f"{html.escape(e.title)}</td><td>{html.escape(who)}</td><td>"
                    f"{html.escape(cited)}</td></tr>")
    return ("<h3>The timeline on paper</h3><table><tr><th>Date</th><th>Event</th><th>Actors"
            f"</th><th>Sources</th></tr>{''.join(rows)}</table>")


def actor_map_on_paper() -> str:
    names = lesson_lib.load_actors().set_index("actor_id")["name"]
    memberships = lesson_lib.load_memberships()
    relations = lesson_lib.load_relations()

    def span(start, end) -> str:
        return f"{start}-{end}" if str(end) != "<NA>" else f"{start}-"

    def when(date, precision) -> str:
        return html.escape(format_date(date, precision)) if date == date else ""

    member_rows = "".join(
        f"<tr><td>{html.escape(names.get(m.actor_id, m.actor_id))}</td><td>"
        f"{html.escape(names.get(m.organisation_id, m.organisation_id))}</td><td>"
        f"{html.escape(str(m.status))}</td><td>{when(m.joined, m.joined_precision)}</td><td>"
        f"{when(m.left, m.left_precision)}</td></tr>" for m in memberships.itertuples())
    tie_rows = "".join(
        f"<tr><td>{html.escape(names[r.from_actor])} – {html.escape(names[r.to_actor])}</td>"
        f"<td>{html.escape(r.domain)}</td><td>{html.escape(r.type)}</td><td>{r.strength}</td>"
        f"<td>{span(r.valid_from, r.valid_to)}</td></tr>" for r in relations.itertuples())
    return ("<h3>The actor map on paper: memberships</h3><table><tr><th>Member</th><th>"
            "Organisation</th><th>As</th><th>Joined</th><th>Left</th></tr>"
            f"{member_rows}</table>"
            "<h3>The actor map on paper: ties</h3><table><tr><th>Between</th><th>Domain</th>"
            f"<th>Kind</th><th>Strength (1-3)</th><th>Years</th></tr>{tie_rows}</table>")


def needs_a_computer(tool: str) -> str:
    return (f"<div class='paper-note'><b>On paper:</b> the {tool} cannot be printed: the "
            "item that uses it asks you to change a setting and read the result. Leave that "
            "item for a computer; your teacher will say when.</div>")


BOOKLET_PARTS = {"TimelineExplorer": "part 1, the timeline",
                 "ActorMapExplorer": "part 2, the actor map (memberships and ties)",
                 "IndexExplorer": "part 3, the index at its default settings"}


def data_booklet_html() -> str:
    """What the forms' explorers show, printed once for a room without computers: one copy
    per table or pair is enough, and it serves all three forms."""
    body = ("<h1>Graded assessment: the data booklet</h1><p>For the paper forms A, B and C. "
            "Share one copy per table; write nothing in it.</p>"
            f"<h2>Part 1: the timeline</h2>{timeline_on_paper()}"
            f"<h2>Part 2: the actor map</h2>{actor_map_on_paper()}"
            "<h2>Part 3: the index at its default settings</h2>"
            f"<pre style='white-space:pre-wrap'>{html.escape(lesson_lib.describe_trajectory())}"
            "</pre>")
    return page("Data booklet", body, note="graded assessment, data booklet")


def tool_on_paper(source: str) -> str | None:
    """The printed stand-in for a form's tool cell, or None when the cell is not a tool:
    a pointer to the data booklet, a note where the item needs the tool's settings changed,
    or the table itself when it is short (the UN votes)."""
    for tool, part in BOOKLET_PARTS.items():
        if tool in source:
            pointer = (f"<div class='booklet-ref'>On paper, use the data booklet, {part}."
                       "</div>")
            return pointer + (needs_a_computer("index explorer's settings")
                              if tool == "IndexExplorer" else "")
    if "BalanceExplorer" in source:
        return needs_a_computer("model")
    votes = re.search(r"un_votes_in\((\d{4})(?:,\s*(\d{4}))?\)", source)
    if votes:
        first = int(votes.group(1))
        table = lesson_lib.un_votes_in(first, int(votes.group(2) or first))
        return table.to_html(index=False, border=0)
    return None


def answer_lines(source: str) -> str:
    """An answer cell (``q4 = ...`` under ``# (a) one letter``) as lines to write on."""
    out, label = [], ""
    for line in source.splitlines():
        if line.startswith("#"):
            label = line.lstrip("# ").strip()
        elif re.match(r"q\w+ = \.\.\.", line):
            out.append(f"<p>{html.escape(label or 'Your answer')}: "
                       "______________________</p>")
            label = ""
    return "<div class='task'>" + "".join(out) + "</div>"


PAPER_INSTRUCTIONS = (
    "**On paper.** Write each closed answer on its line: one letter, or a number in digits. "
    "Write the written answers in the boxes of lines. Where the screen version runs an "
    "explorer, use the **data booklet** your teacher hands out (one per table; write nothing "
    "in it). Two items ask you to change a setting in the index or the model and read the "
    "result: they are marked *On paper: ... cannot be printed*; leave them for a computer. "
    "Stuck? Move on and come back.")


def paper_form_html(form: str) -> str:
    """A graded form for a room without computers: its text, a line for each closed answer,
    ruled space for each written one, and the tools as printed tables; never an answer."""
    folder = f"two_chairs_form_{form.lower()}"
    notebook = nbformat.read(FORMS / folder / f"{folder}.ipynb", as_version=4)
    body = ["<div class='who'>Name: ______________________ &nbsp; Class: ________ &nbsp; "
            "Date: ____________</div>"]
    for cell in notebook.cells:
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type == "markdown":
            if meta.get("solution"):  # a written answer's cell: space to write
                body.append(lines(9))
            elif cell.source.startswith("# "):  # the title; the screen's instructions go
                title = cell.source.splitlines()[0]
                body.append(printable_markdown(f"{title} (on paper)\n\n{PAPER_INSTRUCTIONS}"))
            else:
                body.append(f"<div class='task'>{printable_markdown(cell.source)}</div>")
            continue
        source = HIDDEN.sub("", SOLUTION.sub("", cell.source))
        printed = tool_on_paper(source)
        if printed is not None:
            body.append(printed)
        elif re.search(r"^q\w+ = \.\.\.", source, re.M):
            body.append(answer_lines(source))
    return page(f"Assessment form {form} on paper", "".join(body),
                note=f"graded assessment, form {form}, paper version (no answers)")


def all_pages() -> dict[str, str]:
    """Every handout: relative file name (without .pdf) -> its HTML."""
    pages: dict[str, str] = {}
    for path in sorted(NOTEBOOKS.glob("0[1-7]_*.ipynb")):
        lesson = path.name[:2]
        if lesson != "06":  # the practice test is itself the worksheet; see the paper forms
            pages[f"lessons/{path.stem}_worksheet"] = worksheet_html(path)
        if lesson_documents(lesson):
            pages[f"lessons/{path.stem}_documents"] = document_pack_html(lesson)
    pages["teacher/self_check_keys"] = self_check_keys_html()
    pages["teacher/forecast_verdicts"] = forecast_verdicts_html()
    pages["teacher/answer_key"] = answer_key_html()
    forms = [f for f in ("A", "B", "C") if (FORMS / f"two_chairs_form_{f.lower()}").is_dir()]
    for form in forms:
        pages[f"teacher/assessment_form_{form.lower()}_paper"] = paper_form_html(form)
    if forms:
        pages["teacher/assessment_data_booklet"] = data_booklet_html()
    return pages


def find_chromium() -> str | None:
    """Chromium's path: $TWO_CHAIRS_CHROMIUM, Debian's /usr/bin/chromium, or on PATH."""
    chosen = os.environ.get("TWO_CHAIRS_CHROMIUM")
    if chosen:
        return chosen if Path(chosen).is_file() else None
    return next((c for c in CHROMIUM_CANDIDATES if Path(c).is_file()),
                shutil.which("chromium"))


def print_pdfs(pages: dict[str, str], out: Path, paper: str = "A4") -> list[Path]:
    """Print each page to ``out/<name>.pdf`` with Chromium; return the files written."""
    from playwright.sync_api import sync_playwright

    if paper not in PAPERS:
        raise SystemExit(f"--paper must be one of {', '.join(PAPERS)} (found {paper!r})")
    chromium = find_chromium()
    if chromium is None:
        raise SystemExit("make handouts prints with Chromium and found none: install Debian's "
                         "chromium (apt install chromium) or set TWO_CHAIRS_CHROMIUM to its "
                         "path")
    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium, args=["--no-sandbox", "--disable-gpu",
                                            "--disable-background-networking"])
        try:
            tab = browser.new_page()
            tab.route("**/*", lambda route: route.abort())  # nothing from outside
            for name, content in pages.items():
                target = out / f"{name}.pdf"
                target.parent.mkdir(parents=True, exist_ok=True)
                tab.set_content(content, wait_until="load")
                tab.pdf(path=str(target), format=paper, print_background=True,
                        display_header_footer=True, header_template="<span></span>",
                        footer_template="<div style='font-size:8px;width:100%;text-align:"
                        "center'><span class='pageNumber'></span> / <span class='totalPages'>"
                        "</span></div>")
                written.append(target)
        finally:
            browser.close()
    return written


def main(argv: list[str]) -> int:
    out = Path(argv[argv.index("--out") + 1]) if "--out" in argv else ROOT / "handouts"
    paper = argv[argv.index("--paper") + 1] if "--paper" in argv else "A4"
    written = print_pdfs(all_pages(), out, paper)
    for path in written:
        print(path.relative_to(out) if path.is_relative_to(out) else path)
    print(f"{len(written)} PDF files ({paper}) in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
