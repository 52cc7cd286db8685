"""Self-checks: a pure answer checker, the HTML a question shows, and the Quiz widget.

Question banks are loaded by :func:`lesson_lib.checks.banks.load_quiz` as typed
:class:`~lesson_lib.checks.questions.Question` records; progress is saved by
:mod:`lesson_lib.checks.progress`. :func:`check_answer` decides about one answer and never
raises on what a learner types; a malformed question is the course author's problem
and is reported naming the bank and the question.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets
import pandas as pd

from ..course import LESSONS
from ..display import Explorer, notice_html
from ..errors import LessonError
from ..formatting import events_html, normalise_text
from ..tables import load_actors, load_events, load_sources
from .banks import load_quiz
from .marking import MAX_ANSWER_LENGTH, Result, check_answer
from .progress import empty_record, load_progress, progress_path, save_lesson
from .questions import Question, QuestionBank

__all__ = [
    "Result",
    "Question",
    "check_answer",
    "normalise_text",
    "progress_summary",
    "Quiz",
]

SHOW_EXPLANATION_AFTER = 3  # wrong attempts before the explanation is shown anyway

# ---- what a question shows (pure: tests call these without widgets) -----------------------

def prompt_html(question: Question, number: int) -> str:
    """The numbered prompt, escaped.

    A practice-test question also says which lesson objective it checks.

    >>> prompt_html(Question("q", "text", "Who <b>?", ".", 1, accepted=("x",)), 2)
    '<p><b>2.</b> Who &lt;b&gt;?</p>'
    >>> prompt_html(Question("q", "text", "Who?", ".", 3, accepted=("x",), lesson="02"), 5)
    '<p><b>5.</b> <i>(objective 02.3)</i> Who?</p>'
    """
    tag = f"<i>(objective {question.lesson}.{question.objective})</i> " if question.lesson else ""
    return f"<p><b>{number}.</b> {tag}{html.escape(question.prompt)}</p>"


def feedback_html(result: Result) -> str:
    """A tick or cross and the feedback; nothing the learner typed is rendered as HTML."""
    mark = "✔ " if result.correct else ("✘ " if result.counts else "")
    return f"<p><b>{mark}</b>{html.escape(result.feedback)}</p>"


def earlier_html(record: dict) -> str:
    """What a reopened lesson says about a question answered in an earlier session."""
    if not record["attempts"]:
        return ""
    state = "right" if record["correct"] else "not right yet"
    plural = "s" if record["attempts"] > 1 else ""
    return f"<p><i>Answered before ({record['attempts']} attempt{plural}): {state}.</i></p>"


def hints_html(question: Question, shown: int) -> str:
    """The first ``shown`` hints."""
    return "".join(f"<p><i>Hint {n + 1}:</i> {html.escape(h)}</p>"
                   for n, h in enumerate(question.hints[:shown]))


def explanation_html(question: Question, record: dict, events: pd.DataFrame,
                     sources: pd.DataFrame) -> str:
    """The explanation with its events, once the answer is right or after three tries."""
    if not (record["correct"] or record["attempts"] >= SHOW_EXPLANATION_AFTER):
        return ""
    return (f"<p><b>Why:</b> {html.escape(question.explanation)}</p>"
            + events_html(question.event_ids, events, sources))


def score_text(records: dict[str, dict]) -> str:
    """The score line.

    >>> score_text({"a": {"correct": True, "hints": 1}, "b": {"correct": False, "hints": 0}})
    '1 of 2 right, 1 hint used'
    """
    right = sum(r["correct"] for r in records.values())
    hints = sum(r["hints"] for r in records.values())
    return f"{right} of {len(records)} right, {hints} hint{'' if hints == 1 else 's'} used"


def progress_summary(path=None) -> pd.DataFrame:
    """One row per lesson: questions, answered, right, hints used (from the saved progress).

    >>> from pathlib import Path
    >>> list(progress_summary(Path("/nonexistent/progress.json")).columns)
    ['lesson', 'title', 'questions', 'answered', 'right', 'hints']
    """
    data, _ = load_progress(progress_path() if path is None else path)
    rows = []
    for lesson in LESSONS:
        try:
            bank = load_quiz(lesson)
        except LessonError:
            continue
        records = data["lessons"].get(lesson, {})
        ids = {q.id for q in bank.questions}
        mine = {k: v for k, v in records.items() if k in ids}
        rows.append({"lesson": lesson, "title": bank.title, "questions": len(ids),
                     "answered": sum(r["attempts"] > 0 for r in mine.values()),
                     "right": sum(r["correct"] for r in mine.values()),
                     "hints": sum(r["hints"] for r in mine.values())})
    return pd.DataFrame(rows, columns=["lesson", "title", "questions", "answered", "right",
                                       "hints"])


# ---- the widget ---------------------------------------------------------------------------

class _QuestionView:
    """The controls of one question, and turning them into an answer and back."""

    def __init__(self, question: Question, number: int, events: pd.DataFrame,
                 actors: pd.DataFrame) -> None:
        self.q = question
        kind = question.type
        self.prompt = widgets.HTML(prompt_html(question, number))
        if kind == "single":
            self.control = widgets.RadioButtons(
                options=[(o.text, o.id) for o in question.options], value=None,
                layout=widgets.Layout(width="auto"))
        elif kind == "multiple":
            self.boxes = {o.id: widgets.Checkbox(description=o.text, indent=False,
                                                 layout=widgets.Layout(width="auto"))
                          for o in question.options}
            self.control = widgets.VBox(list(self.boxes.values()))
        elif kind == "order":
            titles = events.set_index("event_id")["title"]
            choices = [("choose…", "")] + sorted((titles[e], e) for e in question.order)
            self.slots = [widgets.Dropdown(options=choices, value="",
                                           description=f"{i + 1}.",
                                           layout=widgets.Layout(width="95%"))
                          for i in range(len(question.order))]
            self.control = widgets.VBox([widgets.HTML("<i>Earliest first:</i>"), *self.slots])
        elif kind == "match":
            names = actors.set_index("actor_id")["name"]
            roles = [("choose…", "")] + sorted((p.role, p.role) for p in question.pairs)
            self.pairs = {p.actor_id: widgets.Dropdown(
                options=roles, value="", description=names[p.actor_id],
                style={"description_width": "180px"}, layout=widgets.Layout(width="95%"))
                for p in question.pairs}
            self.control = widgets.VBox(list(self.pairs.values()))
        else:
            placeholder = "a year, e.g. 2004" if question.unit == "year" else (
                "a number" if kind == "number" else "your answer")
            self.control = widgets.Text(placeholder=placeholder, continuous_update=False)

    def answer(self) -> Any:
        kind = self.q.type
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
            kind = self.q.type
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


class Quiz(Explorer):
    """A lesson's self-check: feedback on every answer, up to two hints, a score line.

    Parameters
    ----------
    lesson : str
        "01" to "05".
    one_at_a_time : bool
        Show one question with Previous / Next (default) or all at once.
    save : bool
        Save answers to the progress file (see :func:`lesson_lib.checks.progress.progress_path`);
        reopening the lesson restores them. Creating a new Quiz for the same lesson and
        file closes the old one, so a re-run cell leaves one live writer.

    >>> quiz = Quiz("02", save=False)
    >>> quiz.views[0].control.value = "2000"
    >>> quiz.check(0)
    >>> quiz.score.value
    '0 of 6 right, 0 hints used'
    """

    _live: dict[tuple, Quiz] = {}

    def __init__(self, lesson: str, *, one_at_a_time: bool = True, save: bool = True) -> None:
        self.bank: QuestionBank = load_quiz(lesson)
        self.lesson = lesson
        self._path = progress_path() if save else None
        self._events, self._sources = load_events(), load_sources()
        actors = load_actors()
        data, message = load_progress(self._path) if save else ({"lessons": {}}, "")
        saved = data["lessons"].get(lesson, {})
        self.records: dict[str, dict] = {
            q.id: dict(saved.get(q.id, empty_record())) for q in self.bank.questions}
        self.notice = widgets.HTML(notice_html(message))
        self.score = widgets.HTML()
        self.views, self.feedback, self.hint_text, self.explanation = [], [], [], []
        self.check_buttons, self.hint_buttons, panels = [], [], []
        for i, q in enumerate(self.bank.questions):
            view = _QuestionView(q, i + 1, self._events, actors)
            check = widgets.Button(description="Check", tooltip="Check your answer")
            hint = widgets.Button(description="Hint", tooltip="Show a hint",
                                  # a question without hints shows no hint button at all
                                  layout=widgets.Layout(display=None if q.hints else "none"))
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
            record = self.records[q.id]
            if record["answer"] is not None:
                view.restore(record["answer"])
            feedback.value = earlier_html(record)
            self._show_state(i)
        self.panels = panels
        self.position = 0
        self.previous = widgets.Button(description="◀ Previous")
        self.next = widgets.Button(description="Next ▶")
        self.previous.on_click(lambda _b: self.go(self.position - 1))
        self.next.on_click(lambda _b: self.go(self.position + 1))
        self.one_at_a_time = one_at_a_time
        self.body = widgets.VBox()
        nav = widgets.HBox([self.previous, self.next]) if one_at_a_time else widgets.HBox()
        self.box = widgets.VBox([widgets.HTML(f"<h4>{html.escape(self.bank.title)}</h4>"),
                                 self.notice, self.score, self.body, nav])
        self.go(0)
        self.score.value = score_text(self.records)
        if self._path is not None:
            key = (lesson, str(self._path.resolve()))
            earlier = Quiz._live.get(key)
            if earlier is not None and earlier is not self:
                earlier.close()
            Quiz._live[key] = self

    def go(self, position: int) -> None:
        self.position = min(max(position, 0), len(self.panels) - 1)
        self.body.children = ([self.panels[self.position]] if self.one_at_a_time
                              else self.panels)

    def check(self, index: int) -> None:
        """Check question ``index`` (0-based) with what its controls hold now."""
        q, view = self.bank.questions[index], self.views[index]
        record = self.records[q.id]
        answer = view.answer()
        result = check_answer(q, answer)
        if result.counts:
            record["attempts"] += 1
            record["correct"] = result.correct
            record["answer"] = _storable(answer)
            _stamp(record)
        self.feedback[index].value = feedback_html(result)
        self._show_state(index)
        self._save()

    def hint(self, index: int) -> None:
        """Reveal the next hint of question ``index`` (at most two)."""
        q = self.bank.questions[index]
        record = self.records[q.id]
        if record["hints"] < len(q.hints):
            record["hints"] += 1
            _stamp(record)
        self._show_state(index)
        self._save()

    def _show_state(self, index: int) -> None:
        q = self.bank.questions[index]
        record = self.records[q.id]
        self.hint_text[index].value = hints_html(q, record["hints"])
        left = len(q.hints) - record["hints"]
        self.hint_buttons[index].description = f"Hint ({left} left)" if left else "No more hints"
        self.hint_buttons[index].disabled = left == 0
        self.explanation[index].value = explanation_html(q, record, self._events, self._sources)
        self.score.value = score_text(self.records)

    def _save(self) -> None:
        message = save_lesson(self._path, self.lesson, self.records)
        if message:
            self.notice.value = notice_html(message)

    def close(self) -> None:
        """Stop saving and close the widgets (a newer Quiz for this lesson took over)."""
        self._path = None
        super().close()


def _stamp(record: dict) -> None:
    """When the learner last worked on the question: breaks ties when two kernels merge."""
    record["saved"] = pd.Timestamp.now(tz="UTC").isoformat()


def _storable(answer: Any) -> Any:
    """Learner answers as JSON-safe values, cut to a sane length."""
    if isinstance(answer, str):
        return answer[:MAX_ANSWER_LENGTH]
    if isinstance(answer, list):
        return [str(a)[:MAX_ANSWER_LENGTH] for a in answer]
    if isinstance(answer, dict):
        return {str(k): str(v)[:MAX_ANSWER_LENGTH] for k, v in answer.items()}
    return None
