"""Write the teacher's answer key from the lessons: every open prompt with its example answer.

Usage (from the repository root, with the project's virtual environment):

    .venv/bin/python tools/answer_key.py          # rewrite docs/answer_key.md
    .venv/bin/python tools/answer_key.py --check  # exit 1 if docs/answer_key.md is out of date

The example answers live in the lessons, in blocks the learner opens after writing
(``<details>``); the key gathers them so a teacher can read them in one place. It is
generated, never edited by hand, so it cannot drift from the lessons (a test checks).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
KEY = ROOT / "docs" / "answer_key.md"
DETAILS = re.compile(r"<details><summary>(.*?)</summary>\s*(.*?)</details>", re.S)
ANSWER = re.compile(r"answer|example", re.I)
# The help beside a task (starters and a word bank): the learner's, not part of the prompt.
HELP = re.compile(r"\s*<details><summary>Help:.*?</details>", re.S)
# Lines that are space for the learner to write in, not part of the prompt.
BLANKS = re.compile(r"^\s*(\*Your [^*]*:\*|\d+\.( …)?|\([a-z]\)( …)?|- …|\*My prediction:\*)\s*$")


def _prompt(text: str) -> str:
    lines = [line for line in text.splitlines() if not BLANKS.match(line)
             and not line.startswith(("[←", "---"))]
    return "\n".join(lines).strip()


def answer_key(notebooks: list[Path]) -> str:
    """The key as Markdown: per lesson and section, each prompt and its example answer,
    and lesson 01's reading tasks with the course's answers from ``reading_tasks.csv``."""
    out = ["# Two Chairs: answer key", "",
           "Every open prompt of the lessons with the example answer learners open after "
           "writing their own. Generated from the notebooks by `make answer-key`: edit the "
           "lessons, not this file. The answers are examples, not the only right answers; "
           "accept others that are argued from dated, sourced evidence.", ""]
    for path in notebooks:
        cells = nbformat.read(path, as_version=4).cells
        title = next((c.source.splitlines()[0].lstrip("# ") for c in cells
                      if c.cell_type == "markdown" and c.source.startswith("# ")), path.stem)
        entries, section, previous = [], "", ""
        for cell in cells:
            if cell.cell_type != "markdown":
                continue
            source = HELP.sub("", cell.source)
            start = 0
            for match in DETAILS.finditer(source):
                before, first = source[start:match.start()], start == 0
                start = match.end()
                section = _last_heading(before) or section
                if not ANSWER.search(match.group(1)):
                    continue  # a folded glossary or note, not an answer
                prompt = _prompt(re.split(r"^#+ .*$", before, flags=re.M)[-1])
                if len(prompt) < 200 and first and previous and not re.search(
                        r"^#+ ", before, re.M):
                    prompt = (_prompt(previous) + "\n\n" + prompt).strip()
                entries.append(f"### {section}\n\n{_quote(prompt)}\n\n"
                               f"**{match.group(1).split(' (')[0]}:**\n\n"
                               f"{match.group(2).strip()}\n")
            section = _last_heading(source) or section
            previous = "" if DETAILS.search(source) else source
        if entries:
            out += [f"## {title}", "", *entries]
        if path.name.startswith("01_"):
            out += _reading_tasks()
    return "\n".join(out).rstrip() + "\n"


def _reading_tasks() -> list[str]:
    """Lesson 01's sourcing and close-reading tasks, which its widget reveals one by one."""
    import lesson_lib

    out = ["### Sourcing and close reading (the reading tasks of sections 1 and 3)", ""]
    for task in lesson_lib.load_reading_tasks().itertuples():
        marked = (f" The course marks: {', '.join(task.course_choices)}."
                  if isinstance(task.course_choices, tuple) and task.course_choices else "")
        out.append(f"- *{task.shown}* {task.prompt}  \n  **Course answer:** "
                   f"{task.course_answer}{marked}")
    return [*out, ""]


def _last_heading(text: str) -> str:
    """The last section heading (## ...) in a text, without its time marks."""
    headings = re.findall(r"^#{2,3} (.+)$", text, re.M)
    return headings[-1].split(" · ")[0].strip() if headings else ""


def _quote(text: str) -> str:
    return "\n".join(f"> {line}" if line else ">" for line in text.splitlines())


def lessons() -> list[Path]:
    return sorted((ROOT / "notebooks").glob("0*.ipynb"))


def main(args: list[str]) -> int:
    from generated_files import write_or_check

    if args not in ([], ["--check"]):
        print(__doc__)
        return 2
    return write_or_check({KEY: answer_key(lessons())}, check=args == ["--check"],
                          remedy="make answer-key")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
