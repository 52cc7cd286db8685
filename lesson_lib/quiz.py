"""Self-check quizzes: question banks as data, a pure answer checker, a widget, saved progress.

Question banks are JSON files in the data folder (``quiz_02.json`` for lesson 02), checked
against ``quiz_schema.json`` with ``jsonschema`` and then against the dataset (every
event or actor a question names must exist). :func:`check_answer` decides about one
answer and never raises on what a learner types. :class:`Quiz` shows the questions,
counts attempts and hints, and saves progress to a small JSON file in the working folder.
"""

from __future__ import annotations

import datetime as dt
import difflib
import html
import json
import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import jsonschema
import pandas as pd

from .data import data_folder, load_actors, load_events, load_sources
from .errors import LessonError, Problem
from .formatting import events_html

__all__ = [
    "PROGRESS_ENV",
    "PROGRESS_FILE",
    "Result",
    "load_bank",
    "check_answer",
    "normalise_text",
    "progress_path",
    "load_progress",
    "progress_summary",
    "Quiz",
]

PROGRESS_FILE = ".two_chairs_progress.json"
PROGRESS_ENV = "TWO_CHAIRS_PROGRESS"
LESSONS = ("01", "02", "03", "04", "05")
MAX_ANSWER_LENGTH = 200
SHOW_EXPLANATION_AFTER = 3  # wrong attempts before the explanation is shown anyway


@dataclass(frozen=True)
class Result:
    """What :func:`check_answer` says: right or not, why, and whether it counts as an attempt."""

    correct: bool
    feedback: str
    counts: bool = True


# ---- banks --------------------------------------------------------------------------------

def _schema() -> dict:
    text = (resources.files("lesson_lib") / "data" / "quiz_schema.json").read_text("utf-8")
    return json.loads(text)


def _where(bank: dict, path) -> tuple[str, str]:
    """(question id, field) for a jsonschema error path like ['questions', 3, 'answer']."""
    path = list(path)
    if len(path) >= 2 and path[0] == "questions" and isinstance(path[1], int):
        questions = bank.get("questions") or []
        qid = questions[path[1]].get("id", f"number {path[1] + 1}") if path[1] < len(
            questions) and isinstance(questions[path[1]], dict) else f"number {path[1] + 1}"
        return f'question "{qid}"', ".".join(str(p) for p in path[2:]) or "(the question)"
    return "the bank", ".".join(str(p) for p in path) or "(top level)"


def validate_bank(bank: Any, label: str) -> list[Problem]:
    """Every problem of a bank: schema first, then references to the dataset."""
    validator = jsonschema.Draft202012Validator(_schema())
    problems = []
    for error in sorted(validator.iter_errors(bank), key=lambda e: list(e.path)):
        where, field = _where(bank, error.path)
        problems.append(Problem(f"{where}, field {field}: {error.message}", file=label))
    if problems:
        return problems
    events = set(load_events()["event_id"])
    actors = set(load_actors()["actor_id"])
    seen = set()
    for q in bank["questions"]:
        where = f'question "{q["id"]}"'
        if q["id"] in seen:
            problems.append(Problem(f"{where}: the id is used twice", file=label))
        seen.add(q["id"])
        for event_id in q.get("event_ids", []) + q.get("order", []):
            if event_id not in events:
                problems.append(Problem(f"{where}: unknown event", file=label, found=event_id,
                                        expected="an event_id of events.csv"))
        for pair in q.get("pairs", []):
            if pair["actor_id"] not in actors:
                problems.append(Problem(f"{where}, field pairs: unknown actor", file=label,
                                        found=pair["actor_id"],
                                        expected="an actor_id of actors.csv"))
        options = {o["id"] for o in q.get("options", [])}
        answers = q.get("answer") if q["type"] == "multiple" else [q.get("answer")]
        if q["type"] in ("single", "multiple") and not set(answers) <= options:
            problems.append(Problem(f"{where}, field answer: not one of the options",
                                    file=label, found=", ".join(map(str, answers)),
                                    expected=", ".join(sorted(options))))
    return problems


def check_banks(folder) -> int:
    """Check every quiz bank in a data folder; return how many there are, or raise."""
    problems, count = [], 0
    folder = Path(folder) if isinstance(folder, str) else folder
    for lesson in LESSONS:
        target = folder / f"quiz_{lesson}.json"
        if not target.is_file():
            continue
        count += 1
        try:
            bank = json.loads(target.read_text("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as err:
            problems.append(Problem(f"the question bank is not valid JSON ({err})",
                                    file=str(target)))
            continue
        problems += validate_bank(bank, str(target))
    if problems:
        raise LessonError(problems)
    return count


def load_bank(lesson: str) -> dict:
    """The question bank of a lesson ("01" to "05"), checked; a teaching error if malformed.

    >>> bank = load_bank("02")
    >>> len(bank["questions"]) >= 5
    True
    """
    if lesson not in LESSONS:
        raise LessonError(Problem("no question bank for that lesson", found=repr(lesson),
                                  expected="one of " + ", ".join(LESSONS)))
    target = data_folder() / f"quiz_{lesson}.json"
    label = str(target)
    try:
        bank = json.loads(target.read_text("utf-8"))
    except FileNotFoundError:
        raise LessonError(Problem("the question bank is missing", file=label)) from None
    except json.JSONDecodeError as err:
        raise LessonError(Problem("the question bank is not valid JSON", file=label,
                                  line=err.lineno, found=err.msg,
                                  expected="JSON as described in quiz_schema.json")) from None
    problems = validate_bank(bank, label)
    if problems:
        raise LessonError(problems)
    return bank


# ---- checking answers ---------------------------------------------------------------------

_VARIANTS = [("kh", "h"), ("ya", "ia"), ("yu", "iu"), ("ye", "e"), ("ij", "i"), ("iy", "i"),
             ("y", "i"), ("w", "v"), ("ou", "u")]


def normalise_text(text: str) -> str:
    """Fold case, accents, punctuation and common transliteration differences.

    >>> normalise_text("  Rinkēvičs ") == normalise_text("Rinkevics")
    True
    >>> normalise_text("Tsikhanouskaya") == normalise_text("Tsihanouskaia")
    True
    """
    decomposed = unicodedata.normalize("NFKD", str(text).casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = re.sub(r"[^a-z0-9\u0400-\u04ff ]+", " ", plain)
    plain = " ".join(plain.split())
    for old, new in _VARIANTS:
        plain = plain.replace(old, new)
    return plain


def _too_long(answer: str) -> Result | None:
    if len(answer) > MAX_ANSWER_LENGTH:
        return Result(False, "That answer is very long. The answer is a few words at most: "
                             "try again with a short answer.", counts=False)
    return None


def check_answer(question: dict, answer: Any) -> Result:
    """Check one answer to one question. Never raises for what a learner gives it.

    Answers by question type: ``single`` an option id; ``multiple`` a list of option ids;
    ``order`` a list of event ids, earliest first; ``match`` a dict actor id -> role text;
    ``number`` a number or the text of one; ``text`` any text.

    >>> q = {"type": "text", "accepted": ["Lukashenko", "Lukashenka"]}
    >>> check_answer(q, "lukashenka").correct, check_answer(q, "LUKASHENKO ").correct
    (True, True)
    >>> check_answer(q, "").counts
    False
    """
    checker = _CHECKERS[question["type"]]
    try:
        return checker(question, answer)
    except (TypeError, ValueError, AttributeError, KeyError):
        return Result(False, "That answer could not be read. Please answer with the "
                             "controls above.", counts=False)


def _single(q: dict, answer) -> Result:
    options = {o["id"]: o for o in q["options"]}
    if answer not in options:
        return Result(False, "Choose one of the answers first.", counts=False)
    right = answer == q["answer"]
    default = "Right." if right else "Not quite."
    return Result(right, options[answer].get("feedback", default))


def _multiple(q: dict, answer) -> Result:
    options = {o["id"]: o for o in q["options"]}
    if isinstance(answer, str) or not answer:
        return Result(False, "Tick at least one answer first.", counts=False)
    chosen = set(answer)
    if not chosen <= set(options):
        return Result(False, "Use the boxes above to choose.", counts=False)
    wanted = set(q["answer"])
    if chosen == wanted:
        return Result(True, "Right: you found all of them and nothing else.")
    notes = [options[o].get("feedback", f"“{options[o]['text']}” is not one of them.")
             for o in sorted(chosen - wanted)]
    missing = len(wanted - chosen)
    if missing:
        notes.append(f"{missing} correct answer{'s are' if missing > 1 else ' is'} missing.")
    return Result(False, " ".join(notes))


def _order(q: dict, answer) -> Result:
    if isinstance(answer, str) or sorted(answer) != sorted(q["order"]):
        return Result(False, "Place each event exactly once.", counts=False)
    dates = load_events().set_index("event_id")["date"]
    right = sorted(q["order"], key=lambda e: dates[e])
    placed = sum(a == b for a, b in zip(answer, right, strict=True))
    if placed == len(right):
        return Result(True, "Right: that is the order in which they happened.")
    return Result(False, f"{placed} of {len(right)} are in the right place. Check the dates "
                         "on the timeline.")


def _match(q: dict, answer) -> Result:
    if not isinstance(answer, dict) or set(answer) != {p["actor_id"] for p in q["pairs"]}:
        return Result(False, "Give every actor a role.", counts=False)
    if any(not v for v in answer.values()):
        return Result(False, "Give every actor a role.", counts=False)
    right = {p["actor_id"]: p["role"] for p in q["pairs"]}
    good = sum(answer[a] == role for a, role in right.items())
    if good == len(right):
        return Result(True, "Right: every actor has its role.")
    return Result(False, f"{good} of {len(right)} roles are right.")


def _number(q: dict, answer) -> Result:
    if isinstance(answer, bool):
        raise TypeError
    text = str(answer).strip()
    if not text:
        return Result(False, "Type a number first.", counts=False)
    too_long = _too_long(text)
    if too_long:
        return too_long
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        example = "2004" if q.get("unit") == "year" else "a number such as 3"
        return Result(False, f"That is not a number. Type digits only, e.g. {example}.",
                      counts=False)
    target, tolerance = float(q["answer"]), float(q.get("tolerance", 0))
    if abs(value - target) <= tolerance:
        return Result(True, "Right.")
    year = q.get("unit") == "year"
    direction = ("too early" if year else "too low") if value < target else (
        "too late" if year else "too high")
    close = abs(value - target) <= max(2 * tolerance, 2 if year else 0)
    return Result(False, q.get("wrong_feedback", f"Not quite: {direction}"
                                                 + (", but close." if close else ".")))


def _text(q: dict, answer) -> Result:
    if not isinstance(answer, str):
        raise TypeError
    text = answer.strip()
    if not text:
        return Result(False, "Type an answer first.", counts=False)
    too_long = _too_long(text)
    if too_long:
        return too_long
    given = normalise_text(text)
    accepted = [normalise_text(a) for a in q["accepted"]]
    if given in accepted:
        return Result(True, "Right.")
    close = difflib.get_close_matches(given, accepted, n=1, cutoff=0.8)
    if close and len(given) >= 5:
        spelling = q["accepted"][accepted.index(close[0])]
        return Result(True, f"Right (check the spelling: {spelling}).")
    return Result(False, q.get("wrong_feedback", "Not quite. A hint may help."))


_CHECKERS = {"single": _single, "multiple": _multiple, "order": _order, "match": _match,
             "number": _number, "text": _text}


# ---- progress -----------------------------------------------------------------------------

def progress_path() -> Path | None:
    """Where progress is saved: ``$TWO_CHAIRS_PROGRESS`` (a file, or ``off``), else
    ``.two_chairs_progress.json`` in the working folder (the notebooks folder)."""
    chosen = os.environ.get(PROGRESS_ENV, "").strip()
    if chosen.lower() in {"off", "no", "0", "false"}:
        return None
    return Path(chosen).expanduser() if chosen else Path.cwd() / PROGRESS_FILE


def _valid_progress(data: Any) -> bool:
    if not isinstance(data, dict) or data.get("version") != 1:
        return False
    lessons = data.get("lessons")
    if not isinstance(lessons, dict):
        return False
    for records in lessons.values():
        if not isinstance(records, dict):
            return False
        for record in records.values():
            if not (isinstance(record, dict) and isinstance(record.get("attempts"), int)
                    and isinstance(record.get("hints"), int)
                    and isinstance(record.get("correct"), bool)):
                return False
    return True


def load_progress(path: Path | None = None) -> tuple[dict, str]:
    """Saved progress and a message for the learner (empty when all is well).

    A file that cannot be read is moved aside (renamed with ``.corrupt-<time>``), never
    deleted, and the lesson starts afresh.
    """
    path = progress_path() if path is None else path
    empty = {"version": 1, "lessons": {}}
    if path is None or not path.exists():
        return empty, ""
    try:
        data = json.loads(path.read_text("utf-8"))
        if _valid_progress(data):
            return data, ""
        reason = "it does not have the expected content"
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        reason = f"it could not be read ({type(err).__name__})"
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.name}.corrupt-{stamp}")
    try:
        path.rename(aside)
        kept = f"The old file was kept as {aside.name}."
    except OSError:
        kept = "The old file could not be moved aside, so progress is not saved this time."
    return empty, (f"Your saved progress in {path.name} was set aside because {reason}. "
                   f"{kept} You can carry on: new answers are saved.")


def _save_progress(data: dict, path: Path | None) -> str:
    """Write atomically (a half-written file would lose everything); return a message."""
    if path is None:
        return ""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent,
                                         prefix=".progress-", delete=False) as handle:
            json.dump(data, handle, ensure_ascii=False, indent=1)
        os.replace(handle.name, path)
        return ""
    except OSError as err:
        return (f"Progress could not be saved in {path.parent} ({err.strerror}); "
                "answers still count here.")


def progress_summary(path: Path | None = None) -> pd.DataFrame:
    """One row per lesson: questions, answered, right, hints used (from the saved progress).

    >>> list(progress_summary(Path("/nonexistent/progress.json")).columns)
    ['lesson', 'title', 'questions', 'answered', 'right', 'hints']
    """
    data, _ = load_progress(progress_path() if path is None else path)
    rows = []
    for lesson in LESSONS:
        try:
            bank = load_bank(lesson)
        except LessonError:
            continue
        records = data["lessons"].get(lesson, {})
        ids = {q["id"] for q in bank["questions"]}
        mine = {k: v for k, v in records.items() if k in ids}
        rows.append({"lesson": lesson, "title": bank["title"], "questions": len(ids),
                     "answered": sum(r["attempts"] > 0 for r in mine.values()),
                     "right": sum(r["correct"] for r in mine.values()),
                     "hints": sum(r["hints"] for r in mine.values())})
    return pd.DataFrame(rows, columns=["lesson", "title", "questions", "answered", "right",
                                       "hints"])


# ---- the widget ---------------------------------------------------------------------------

class _QuestionView:
    """The controls of one question, and turning them into an answer and back."""

    def __init__(self, question: dict, number: int, events: pd.DataFrame,
                 actors: pd.DataFrame) -> None:
        self.q = question
        kind = question["type"]
        self.prompt = widgets.HTML(f"<p><b>{number}.</b> {html.escape(question['prompt'])}</p>")
        if kind == "single":
            self.control = widgets.RadioButtons(
                options=[(o["text"], o["id"]) for o in question["options"]], value=None,
                layout=widgets.Layout(width="auto"))
        elif kind == "multiple":
            self.boxes = {o["id"]: widgets.Checkbox(description=o["text"], indent=False,
                                                    layout=widgets.Layout(width="auto"))
                          for o in question["options"]}
            self.control = widgets.VBox(list(self.boxes.values()))
        elif kind == "order":
            titles = events.set_index("event_id")["title"]
            choices = [("choose…", "")] + sorted((titles[e], e) for e in question["order"])
            self.slots = [widgets.Dropdown(options=choices, value="",
                                           description=f"{i + 1}.",
                                           layout=widgets.Layout(width="95%"))
                          for i in range(len(question["order"]))]
            self.control = widgets.VBox([widgets.HTML("<i>Earliest first:</i>"), *self.slots])
        elif kind == "match":
            names = actors.set_index("actor_id")["name"]
            roles = [("choose…", "")] + sorted((p["role"], p["role"]) for p in question["pairs"])
            self.pairs = {p["actor_id"]: widgets.Dropdown(
                options=roles, value="", description=names[p["actor_id"]],
                style={"description_width": "180px"}, layout=widgets.Layout(width="95%"))
                for p in question["pairs"]}
            self.control = widgets.VBox(list(self.pairs.values()))
        else:
            placeholder = "a year, e.g. 2004" if question.get("unit") == "year" else (
                "a number" if kind == "number" else "your answer")
            self.control = widgets.Text(placeholder=placeholder, continuous_update=False)

    def answer(self) -> Any:
        kind = self.q["type"]
        if kind == "multiple":
            return [k for k, box in self.boxes.items() if box.value]
        if kind == "order":
            return [slot.value for slot in self.slots]
        if kind == "match":
            return {a: box.value for a, box in self.pairs.items()}
        return self.control.value

    def restore(self, answer: Any) -> None:
        """Put a saved answer back into the controls; anything odd is quietly skipped."""
        try:
            kind = self.q["type"]
            if kind == "multiple":
                for key, box in self.boxes.items():
                    box.value = key in answer
            elif kind == "order":
                for slot, value in zip(self.slots, answer, strict=True):
                    slot.value = value
            elif kind == "match":
                for actor, box in self.pairs.items():
                    box.value = answer.get(actor, "")
            elif answer is not None:
                self.control.value = answer
        except (TypeError, ValueError, AttributeError, KeyError, widgets.TraitError):
            pass


class Quiz:
    """A lesson's self-check: feedback on every answer, up to two hints, a score line.

    Parameters
    ----------
    lesson : str
        "01" to "05".
    one_at_a_time : bool
        Show one question with Previous / Next (default) or all at once.
    save : bool
        Save answers to the progress file (see :func:`progress_path`); reopening the
        lesson restores them.

    >>> quiz = Quiz("02", save=False)
    >>> quiz.views[0].control.value = "2000"
    >>> quiz.check(0)
    >>> quiz.score.value
    '0 of 5 right, 0 hints used'
    """

    def __init__(self, lesson: str, *, one_at_a_time: bool = True, save: bool = True) -> None:
        self.bank = load_bank(lesson)
        self.lesson = lesson
        self._path = progress_path() if save else None
        self._events, self._sources = load_events(), load_sources()
        actors = load_actors()
        data, message = load_progress(self._path) if save else ({"version": 1,
                                                                  "lessons": {}}, "")
        self._progress = data
        self.records: dict[str, dict] = {
            q["id"]: dict(data["lessons"].get(lesson, {}).get(
                q["id"], {"attempts": 0, "hints": 0, "correct": False, "answer": None}))
            for q in self.bank["questions"]}
        self.notice = widgets.HTML(_notice(message))
        self.score = widgets.HTML()
        self.views, self.feedback, self.hint_text, self.explanation = [], [], [], []
        self.check_buttons, self.hint_buttons, panels = [], [], []
        for i, q in enumerate(self.bank["questions"]):
            view = _QuestionView(q, i + 1, self._events, actors)
            check = widgets.Button(description="Check", tooltip="Check your answer")
            hint = widgets.Button(description="Hint", tooltip="Show a hint")
            check.on_click(lambda _b, i=i: self.check(i))
            hint.on_click(lambda _b, i=i: self.hint(i))
            feedback, hint_text, explanation = widgets.HTML(), widgets.HTML(), widgets.HTML()
            self.views.append(view)
            self.check_buttons.append(check)
            self.hint_buttons.append(hint)
            self.feedback.append(feedback)
            self.hint_text.append(hint_text)
            self.explanation.append(explanation)
            panels.append(widgets.VBox([view.prompt, view.control, widgets.HBox([check, hint]),
                                        feedback, hint_text, explanation],
                                       layout=widgets.Layout(border="1px solid #ddd",
                                                             padding="6px", margin="4px 0")))
            record = self.records[q["id"]]
            if record["answer"] is not None:
                view.restore(record["answer"])
            self._show_state(i, restoring=True)
        self.panels = panels
        self.position = 0
        self.previous = widgets.Button(description="◀ Previous")
        self.next = widgets.Button(description="Next ▶")
        self.previous.on_click(lambda _b: self.go(self.position - 1))
        self.next.on_click(lambda _b: self.go(self.position + 1))
        self.one_at_a_time = one_at_a_time
        self.body = widgets.VBox()
        nav = widgets.HBox([self.previous, self.next]) if one_at_a_time else widgets.HBox()
        self.box = widgets.VBox([widgets.HTML(f"<h4>{html.escape(self.bank['title'])}</h4>"),
                                 self.notice, self.score, self.body, nav])
        self.go(0)
        self._update_score()

    def go(self, position: int) -> None:
        self.position = min(max(position, 0), len(self.panels) - 1)
        self.body.children = ([self.panels[self.position]] if self.one_at_a_time
                              else self.panels)

    def check(self, index: int) -> None:
        """Check question ``index`` (0-based) with what its controls hold now."""
        q, view = self.bank["questions"][index], self.views[index]
        record = self.records[q["id"]]
        answer = view.answer()
        result = check_answer(q, answer)
        if result.counts:
            record["attempts"] += 1
            record["correct"] = result.correct
            record["answer"] = _storable(answer)
        self._show_state(index, result)
        self._update_score()
        self._save()

    def hint(self, index: int) -> None:
        """Reveal the next hint of question ``index`` (at most two)."""
        q = self.bank["questions"][index]
        record = self.records[q["id"]]
        if record["hints"] < len(q.get("hints", [])):
            record["hints"] += 1
        self._show_state(index)
        self._update_score()
        self._save()

    def _show_state(self, index: int, result: Result | None = None, *,
                    restoring: bool = False) -> None:
        q = self.bank["questions"][index]
        record = self.records[q["id"]]
        hints = q.get("hints", [])
        self.hint_text[index].value = "".join(
            f"<p><i>Hint {n + 1}:</i> {html.escape(h)}</p>"
            for n, h in enumerate(hints[:record["hints"]]))
        left = len(hints) - record["hints"]
        self.hint_buttons[index].description = f"Hint ({left} left)" if left else "No more hints"
        self.hint_buttons[index].disabled = left == 0
        if result is not None:
            mark = "✔ " if result.correct else ("✘ " if result.counts else "")
            self.feedback[index].value = f"<p><b>{mark}</b>{html.escape(result.feedback)}</p>"
        elif restoring and record["attempts"]:
            state = "right" if record["correct"] else "not right yet"
            self.feedback[index].value = (f"<p><i>Answered before ({record['attempts']} "
                                          f"attempt{'s' if record['attempts'] > 1 else ''}): "
                                          f"{state}.</i></p>")
        if record["correct"] or record["attempts"] >= SHOW_EXPLANATION_AFTER:
            self.explanation[index].value = (
                f"<p><b>Why:</b> {html.escape(q['explanation'])}</p>"
                + events_html(q.get("event_ids", []), self._events, self._sources))

    def _update_score(self) -> None:
        right = sum(r["correct"] for r in self.records.values())
        hints = sum(r["hints"] for r in self.records.values())
        self.score.value = (f"{right} of {len(self.records)} right, {hints} "
                            f"hint{'' if hints == 1 else 's'} used")

    def _save(self) -> None:
        if self._path is None:
            return
        self._progress.setdefault("lessons", {})[self.lesson] = self.records
        message = _save_progress(self._progress, self._path)
        if message:
            self.notice.value = _notice(message)

    def _repr_mimebundle_(self, **kwargs):
        return self.box._repr_mimebundle_(**kwargs)


def _notice(message: str) -> str:
    return f"<p style='color:#8B1A00'>{html.escape(message)}</p>" if message else ""


def _storable(answer: Any) -> Any:
    """Learner answers as JSON-safe values, cut to a sane length."""
    if isinstance(answer, str):
        return answer[:MAX_ANSWER_LENGTH]
    if isinstance(answer, list):
        return [str(a)[:MAX_ANSWER_LENGTH] for a in answer]
    if isinstance(answer, dict):
        return {str(k): str(v)[:MAX_ANSWER_LENGTH] for k, v in answer.items()}
    return None

