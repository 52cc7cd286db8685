"""The item report: after `make autograde`, how each item of each form worked in the class.

Usage (from the repository root, with the project's virtual environment):

    .venv/bin/python tools/item_report.py notebooks/assessment         # a table per form
    .venv/bin/python tools/item_report.py notebooks/assessment --csv  # the same as CSV

It reads nbgrader's gradebook (gradebook.db in the course folder) and prints, per form and
item:

- **difficulty**: the share of the item's points the class got (1.0: everyone got all of
  them);
- **discrimination**: the share the top third of the class got (by their total on the form)
  minus the share the bottom third got. Near 0, the item does not tell stronger learners
  from weaker ones; below 0, weaker learners did better than stronger ones, which usually
  means a misleading key or wording (the upper-lower index of classical test analysis, as
  Moodle's quiz statistics report it).

Written items count once the teacher has marked them (until then they are listed as not
marked yet); a written answer left blank nbgrader scores 0 by itself. Flags name items that
almost everyone gets, that almost no one gets, that separate weakly, or that stronger
learners miss more often; with fewer than six learners on a form the numbers are printed
but not judged.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from dataclasses import dataclass
from pathlib import Path

FORM_PATTERN = re.compile(r"^two_chairs_form_([a-z])$")
ITEM_PATTERN = re.compile(r"^q(\d+)_(check|answer)$")
# The judgements, and the class size below which the numbers are too few to judge.
EASY, HARD = 0.9, 0.2
WEAK_SEPARATION = 0.2
FEWEST_LEARNERS = 6
NOT_MARKED = "not marked yet: mark the written answers in formgrader, then run this again"


@dataclass
class ItemResult:
    form: str
    item: int
    points: float
    learners: int
    difficulty: float | None  # None: no learner's answer marked yet
    discrimination: float | None
    flag: str


def flag(difficulty: float, discrimination: float, learners: int) -> str:
    """What a teacher should look at, in words.

    >>> flag(0.95, 0.1, 30)
    'almost everyone gets it'
    >>> flag(0.5, -0.3, 30)
    'stronger learners miss it more often: check the key and the wording'
    >>> flag(0.5, 0.1, 4)
    'too few learners to judge'
    """
    if learners < FEWEST_LEARNERS:
        return "too few learners to judge"
    if discrimination < 0:
        return "stronger learners miss it more often: check the key and the wording"
    if difficulty >= EASY:
        return "almost everyone gets it"
    if difficulty <= HARD:
        return "almost no one gets it"
    if discrimination < WEAK_SEPARATION:
        return "separates stronger from weaker learners only weakly"
    return ""


def analyse(scores: dict[str, dict[int, float]], maxima: dict[int, float],
            form: str) -> list[ItemResult]:
    """Difficulty and discrimination of every item, from each learner's item scores.

    >>> scores = {"a": {1: 2, 2: 0}, "b": {1: 2, 2: 2}, "c": {1: 0, 2: 2}}
    >>> [(r.item, r.difficulty, r.discrimination) for r in analyse(scores, {1: 2, 2: 2}, "A")]
    [(1, 0.67, 0.0), (2, 0.67, 1.0)]
    """
    totals = {learner: sum(items.values()) for learner, items in scores.items()}
    ranked = sorted(totals, key=lambda learner: (totals[learner], learner))
    third = max(len(ranked) // 3, 1)
    bottom, top = ranked[:third], ranked[-third:]
    results = []
    for item, most in sorted(maxima.items()):
        marked = [learner for learner in scores if item in scores[learner]]
        if not marked:
            results.append(ItemResult(form, item, most, 0, None, None, NOT_MARKED))
            continue

        def share(group: list[str], item: int = item, most: float = most) -> float:
            group = [learner for learner in group if item in scores[learner]]
            return (sum(scores[learner][item] for learner in group) / (most * len(group))
                    if group else 0.0)

        difficulty = round(share(marked), 2)
        discrimination = round(share(top) - share(bottom), 2)
        results.append(ItemResult(form, item, most, len(marked), difficulty, discrimination,
                                  flag(difficulty, discrimination, len(marked))))
    return results


def read_gradebook(course: Path) -> dict[str, tuple[dict, dict]]:
    """Per form: {learner: {item: score}} and {item: maximum}, from nbgrader's gradebook."""
    from nbgrader.api import Gradebook

    database = course / "gradebook.db"
    if not database.exists():
        raise SystemExit(f"No gradebook in {course}: run make autograde first.")
    found = {}
    with Gradebook(f"sqlite:///{database}") as book:
        for assignment in book.assignments:
            match = FORM_PATTERN.match(assignment.name)
            if not match:
                continue
            scores: dict[str, dict[int, float]] = {}
            maxima: dict[int, float] = {}
            for submission in assignment.submissions:
                for notebook in submission.notebooks:
                    for grade in notebook.grades:
                        item = ITEM_PATTERN.match(grade.name)
                        if not item:
                            continue
                        number = int(item.group(1))
                        maxima[number] = float(grade.max_score)
                        if grade.needs_manual_grade:
                            continue  # a written answer the teacher has not marked yet
                        learner = scores.setdefault(submission.student_id, {})
                        learner[number] = learner.get(number, 0.0) + float(grade.score)
            found[match.group(1).upper()] = (scores, maxima)
    return found


def report(course: Path) -> list[ItemResult]:
    results = []
    for form, (scores, maxima) in sorted(read_gradebook(course).items()):
        results += analyse(scores, maxima, form)
    return results


def as_text(results: list[ItemResult]) -> str:
    lines = []
    for form in sorted({r.form for r in results}):
        rows = [r for r in results if r.form == form]
        learners = max(r.learners for r in rows)
        lines += [f"Form {form}: {learners} learners", "",
                  f"{'item':>4}  {'points':>6}  {'learners':>8}  {'difficulty':>10}  "
                  f"{'discrimination':>14}  flag"]
        lines += [f"{r.item:>4}  {r.points:>6g}  {r.learners:>8}  {_number(r.difficulty):>10}  "
                  f"{_number(r.discrimination):>14}  {r.flag}".rstrip() for r in rows]
        lines.append("")
    lines.append("difficulty: the share of the item's points the class got. discrimination: "
                 "that share in the top third of the class minus the bottom third's.")
    return "\n".join(lines)


def _number(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def as_csv(results: list[ItemResult]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["form", "item", "points", "learners", "difficulty", "discrimination",
                     "flag"])
    for r in results:
        writer.writerow([r.form, r.item, r.points, r.learners,
                         "" if r.difficulty is None else r.difficulty,
                         "" if r.discrimination is None else r.discrimination, r.flag])
    return out.getvalue()


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    course = Path(args[0] if args else "notebooks/assessment")
    results = report(course)
    if not results:
        print(f"No autograded form of the assessment in {course / 'gradebook.db'}.")
        return 1
    print(as_csv(results) if "--csv" in argv else as_text(results))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
