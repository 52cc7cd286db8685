"""How plain each lesson's English is: its sentences, their average length and the ones over
30 words, counted with textstat.

Usage (from the repository root, with the project's virtual environment):

    .venv/bin/python tools/readability.py           # each notebook's figures
    .venv/bin/python tools/readability.py --long    # and every sentence over the limit
    .venv/bin/python tools/readability.py --check   # exit 1 when a notebook is over a limit

What is counted is what a learner reads in the course's own words: every markdown cell of
the notebook (prose, list items, table cells, the example answers a learner opens), the
lesson's self-check bank (prompts, options, feedback, hints, explanations) and its closing
claim (prompt, starters, example). Not counted: headings (titles, not sentences), block
quotations and any passage of 25 characters or more inside quotation marks (the documents'
own words, which stay as published), code and links' addresses.

The limits follow PEDAGOGY.md ("few sentences over 30 words") and the readers the course
writes for (B1-B2 English, read at about 150 words a minute): at most three sentences over
30 words per notebook and an average under 18 words.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import textstat

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
DATA = ROOT / "lesson_lib" / "data"
LONG_SENTENCE = 30  # words
MOST_LONG_SENTENCES = 3  # per notebook
HIGHEST_AVERAGE = 18.0  # words per sentence
# The notebooks a learner works through; the graded forms are the assessment's own business.
MEASURED = ["0*.ipynb", "capstone/*.ipynb", "data_track/*.ipynb"]
READING_WORDS_PER_MINUTE = 150  # B1-B2 readers, as PEDAGOGY.md and the teacher guide say
_CORE = re.compile(r"\*Core[^*\n]*?(\d+) minutes")
_FOLDED = re.compile(r"<details>.*?</details>", re.S)

# Every quoted span, taken pair by pair from the left (so the text between two short
# quotations is never read as one); those of 25 characters or more are documents' words.
_QUOTED = re.compile(r'"[^"\n]*"|“[^”\n]*”|«[^»\n]*»')
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[\"“(A-Z0-9])")


@dataclass
class Figures:
    """One notebook's sentences and what they add up to."""

    name: str
    sentences: list[str] = field(default_factory=list)

    @property
    def words(self) -> list[int]:
        return [textstat.lexicon_count(s) for s in self.sentences]

    @property
    def average(self) -> float:
        words = self.words
        return sum(words) / len(words) if words else 0.0

    @property
    def long(self) -> list[tuple[int, str]]:
        return [(n, s) for n, s in zip(self.words, self.sentences, strict=True)
                if n > LONG_SENTENCE]

    def problems(self) -> list[str]:
        found = []
        if len(self.long) > MOST_LONG_SENTENCES:
            found.append(f"{len(self.long)} sentences over {LONG_SENTENCE} words (at most "
                         f"{MOST_LONG_SENTENCES})")
        if self.average >= HIGHEST_AVERAGE:
            found.append(f"{self.average:.1f} words a sentence on average (under "
                         f"{HIGHEST_AVERAGE:g})")
        return found


def plain(text: str) -> str:
    """The words a learner reads: no markup, code as one word, quotations as one word."""
    text = re.sub(r"<summary>(.*?)</summary>", r"\1. ", text, flags=re.S)
    text = re.sub(r"<br\s*/?>", " ", text)
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"`[^`]*`", "code", text)
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"\*{1,3}|(?<!\w)_{1,3}|_{1,3}(?!\w)", "", text)
    text = text.replace("\\", " ")
    return _QUOTED.sub(lambda m: '"quoted"' if len(m.group(0)) >= 27 else m.group(0), text)


def sentences(text: str) -> list[str]:
    """Split prose into sentences at a full stop, question or exclamation mark followed by a
    capital, a digit or an opening quote (so "e.g. a" and "1.5 km" stay whole)."""
    return [s.strip() for s in _SENTENCE_END.split(plain(text))
            if textstat.lexicon_count(s.strip()) > 0]


def markdown_sentences(markdown: str) -> list[str]:
    """The sentences of one markdown cell: paragraphs (their lines joined), list items and
    table cells each split into sentences; headings, quotations and rules left out."""
    blocks: list[str] = []
    paragraph: list[str] = []

    def close() -> None:
        if paragraph:
            blocks.append(" ".join(paragraph))
            paragraph.clear()

    for line in markdown.splitlines():
        stripped = line.strip()
        if (not stripped or stripped.startswith(("#", ">", "---", "```"))
                or re.fullmatch(r"\|?[\s:|-]+\|?", stripped)):
            close()
            continue
        if stripped.startswith("|"):
            close()
            blocks += [cell for cell in stripped.strip("|").split("|") if cell.strip()]
        elif re.match(r"([-*+]|\d+\.|\([a-z]\))\s", stripped):
            close()
            paragraph.append(re.sub(r"^([-*+]|\d+\.|\([a-z]\))\s+", "", stripped))
        else:
            paragraph.append(stripped)
    close()
    return [s for block in blocks for s in sentences(block)]


def bank_texts(lesson: str) -> list[str]:
    """The learner-facing text of a lesson's self-check bank and its closing claim."""
    texts: list[str] = []
    bank = DATA / f"quiz_{lesson}.json"
    if bank.is_file():
        for question in json.loads(bank.read_text("utf-8"))["questions"]:
            texts += [question.get("prompt", ""), question.get("explanation", "")]
            texts += question.get("hints", [])
            for option in question.get("options", []):
                texts += [option.get("text", ""), option.get("feedback", "")]
    import csv

    with (DATA / "core_claims.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["lesson"] == lesson:
                texts += [row["prompt"], row["model_answer"], *row["starters"].split(" | ")]
    return [t for t in texts if t]


def figures(path: Path) -> Figures:
    """The figures of one notebook, its lesson's bank and claim included."""
    notebook = json.loads(path.read_text("utf-8"))
    found = Figures(path.relative_to(NOTEBOOKS).as_posix())
    for cell in notebook["cells"]:
        if cell["cell_type"] == "markdown":
            source = cell["source"]
            found.sentences += markdown_sentences(
                "".join(source) if isinstance(source, list) else source)
    if path.parent == NOTEBOOKS and path.name[:2].isdigit():
        found.sentences += [s for text in bank_texts(path.name[:2]) for s in sentences(text)]
    return found


def core_reading(path: Path) -> tuple[int, int]:
    """(words a learner reads in the Core's markdown, the Core's stated minutes).

    A section is Core when its heading says *Core, N minutes*; its text runs to the next
    heading that carries a mark of its own. Folded blocks (help, example answers) are not
    counted: the learner opens them when needed. Documents quoted in the markdown are
    counted, since they are read; text inside widgets is not, so this is the reading of the
    lesson's own page, not of everything on screen."""
    notebook = json.loads(path.read_text("utf-8"))
    words, minutes, core = 0, 0, False
    for cell in notebook["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        source = cell["source"]
        text = "".join(source) if isinstance(source, list) else source
        for block in re.split(r"^(?=#{1,3} )", _FOLDED.sub("", text), flags=re.M):
            heading = block.splitlines()[0] if block.startswith("#") else ""
            if re.search(r"\*(Core|If time|Extension)", heading):
                core = bool(_CORE.search(heading))
            elif heading.startswith("# "):
                core = False
            minutes += sum(int(n) for n in _CORE.findall(block))
            if core:
                words += textstat.lexicon_count(re.sub(r"<[^>]+>|[*_>#|`]", " ", block))
    return words, minutes


def measured_notebooks() -> list[Path]:
    return sorted(p for pattern in MEASURED for p in NOTEBOOKS.glob(pattern))


def report(all_figures: list[Figures], show_long: bool = False) -> str:
    lines = [f"{'notebook':42} {'sentences':>9} {'average':>8} {'over 30':>8}   Core: words "
             f"read, minutes at {READING_WORDS_PER_MINUTE}/min, of the minutes stated"]
    for f in all_figures:
        words, minutes = core_reading(NOTEBOOKS / f.name)
        core = (f"   {words:5d} {words / READING_WORDS_PER_MINUTE:5.1f} of {minutes}"
                if minutes else "")
        lines.append(f"{f.name:42} {len(f.sentences):9d} {f.average:8.1f} {len(f.long):8d}"
                     + core + ("   " + "; ".join(f.problems()) if f.problems() else ""))
        if show_long:
            lines += [f"    {n} words: {s}" for n, s in f.long]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    all_figures = [figures(p) for p in measured_notebooks()]
    print(report(all_figures, show_long="--long" in argv))
    if "--check" in argv and any(f.problems() for f in all_figures):
        print("\nOver a limit: shorten the sentences listed by --long (split them, or move a "
              "detail to its own sentence).")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
