"""The table of lesson objectives and what assesses each one, written into the teacher guide.

Objectives are read from each lesson's "By the end of this lesson you can" list (lesson 02's
third objective is "02.3"); graded items from the ``two_chairs`` metadata of the graded
assessment's prompt cells; self-check and practice questions from the question banks. The
table sits in ``docs/teacher_guide.md`` between two marker lines, and a test fails when it
is out of date or when an objective has no graded item.

Usage: ``.venv/bin/python tools/objectives.py`` (``make objectives``).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
# The three forms share their items' objectives, points and minutes; the table reads form A
# and a test checks that the other two agree.
ASSESSMENT = (NOTEBOOKS / "assessment" / "source" / "two_chairs_form_a"
              / "two_chairs_form_a.ipynb")
GUIDE = ROOT / "docs" / "teacher_guide.md"
BANKS = ROOT / "lesson_lib" / "data"
START = "<!-- objectives table: written by tools/objectives.py, do not edit by hand -->"
END = "<!-- end of objectives table -->"


def _cells(path: Path) -> list[dict]:
    return json.loads(path.read_text("utf-8"))["cells"]


def lesson_objectives() -> dict[str, str]:
    """Objective id ("02.3") -> its words, from every lesson's opening list."""
    found = {}
    for path in sorted(NOTEBOOKS.glob("0[1-58]_*.ipynb")):
        lesson = path.name[:2]
        for cell in _cells(path):
            text = "".join(cell["source"])
            if "By the end of this lesson you can" not in text:
                continue
            listed = text.split("By the end of this lesson you can", 1)[1]
            for number, words in re.findall(r"^(\d)\. (.+)$", listed.split("\n\n", 1)[0], re.M):
                found[f"{lesson}.{number}"] = words.rstrip(";.")
            break
    return found


def graded_items(path: Path = ASSESSMENT) -> list[dict]:
    """Each graded item's number, title, points, minutes, form and objectives."""
    return [cell["metadata"]["two_chairs"] for cell in _cells(path)
            if "two_chairs" in cell.get("metadata", {})]


def bank_questions() -> dict[str, list[str]]:
    """Objective id -> the ids of the self-check (lessons 01-05) and practice questions
    tagged with it. A practice question names its lesson; a lesson's own bank does not."""
    tagged: dict[str, list[str]] = {}
    for path in sorted(BANKS.glob("quiz_0*.json")):
        bank = json.loads(path.read_text("utf-8"))
        for question in bank["questions"]:
            lesson = question.get("lesson", bank["lesson"])
            tagged.setdefault(f"{lesson}.{question['objective']}", []).append(
                f"{bank['lesson']}:{question['id']}")
    return tagged


def table() -> str:
    objectives, items, questions = lesson_objectives(), graded_items(), bank_questions()
    rows = ["| Objective | Self-checks in the lesson | Practice test | Graded items (points) |",
            "|---|---|---|---|"]
    for key, words in objectives.items():
        own = [q for q in questions.get(key, []) if q.startswith(key[:2] + ":")]
        practice = [q for q in questions.get(key, []) if q.startswith("06:")]
        graded = [f"{i['item']} ({i['points']})" for i in items if key in i["objectives"]]
        rows.append(f"| **{key}** {words} | {len(own)} | {len(practice)} | "
                    f"{', '.join(graded) or '**none**'} |")
    total = sum(i["points"] for i in items)
    minutes = sum(i["minutes"] for i in items)
    rows += ["", f"Graded assessment, each of the three forms: {len(items)} items, {total} "
             f"points, about {minutes:.0f} minutes for the items by the estimate in each "
             "item's metadata (reading the question at 150 words a minute, looking up what it "
             "asks in an explorer, answering), plus the instructions and each section's own "
             "text, which each form's opening adds up.", "",
             "| Item | Title | Form | Points | Minutes | Objectives |", "|---|---|---|---|---|---|"]
    rows += [f"| {i['item']} | {i['title']} | {i['form']} | {i['points']} | {i['minutes']} | "
             f"{', '.join(i['objectives'])} |" for i in items]
    return "\n".join(rows)


def updated_guide(text: str) -> str:
    if START not in text or END not in text:
        raise SystemExit(f"{GUIDE}: the marker lines {START!r} and {END!r} are missing")
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}\n{table()}\n{END}{tail}"


def main() -> int:
    GUIDE.write_text(updated_guide(GUIDE.read_text("utf-8")), "utf-8")
    print(f"wrote the objectives table in {GUIDE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
