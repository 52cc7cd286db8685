"""Commit first, then compare: sourcing the article from the clues on its page, and reading
its sentences closely (certainty and hedges, loaded words, who is named and who is not,
the English of the text).

:class:`ReadingTasks` shows the tasks of one section; the learner ticks words or answers
and writes a reason, then compares with the course's reading. Notes are kept with the
learner's progress. :func:`task_html` and :func:`answer_html` build the HTML.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import pandas as pd

from .._checks import one_of
from ..checks.progress import LessonNotes, note_count
from ..course import labels
from ..display import Explorer, counted, notice_html
from ..tables import load_claims, load_reading_tasks
from .article import article_label
from .claims import where_in_article

__all__ = ["split_choices", "task_html", "answer_html", "ReadingTasks"]

SEPARATOR = " | "
SECTIONS = labels("reading_tasks", "section")
FOCUS = labels("reading_tasks", "focus")


def split_choices(text) -> list[str]:
    """ "a | b" -> ["a", "b"]; empty or missing -> [].

    >>> split_choices("Hiding behind | the rhetoric")
    ['Hiding behind', 'the rhetoric']
    """
    if not isinstance(text, str) or not text.strip():
        return []
    return [part.strip() for part in text.split("|") if part.strip()]


def _sentence_case(text: str) -> str:
    """Capital first letter, the rest as written ("the English of the text" keeps English).

    >>> _sentence_case("the English of the text")
    'The English of the text'
    """
    return text[:1].upper() + text[1:]


def task_html(task, claims: pd.DataFrame, number: int) -> str:
    """What the learner looks at: the article's sentence, quoted and attributed, or a clue."""
    head = (f"<p><b>{number}. {html.escape(_sentence_case(FOCUS[task.focus]))}.</b> "
            f"{html.escape(task.prompt)}</p>")
    if isinstance(task.claim_id, str):
        claim = claims.set_index("claim_id").loc[task.claim_id]
        return head + (
            "<blockquote style='margin:4px 0;padding-left:8px;border-left:3px solid #0B2E59'>"
            f"“{html.escape(claim['sentence'])}”<br><small>{html.escape(article_label())}, "
            f"{where_in_article(int(claim['paragraph']))}</small></blockquote>")
    return head + f"<p style='padding-left:8px'><i>{html.escape(task.shown)}</i></p>"


def answer_html(task, chosen: list[str]) -> str:
    """The course's reading, and how the learner's choices compare with the course's."""
    parts = []
    wanted = split_choices(task.course_choices)
    if wanted:
        same = [c for c in chosen if c in wanted]
        extra = [c for c in chosen if c not in wanted]
        missed = [c for c in wanted if c not in chosen]
        parts.append("<p><b>The course marks:</b> "
                     + "; ".join(f"‘{html.escape(c)}’" for c in wanted) + ".")
        if chosen:
            parts.append(f" You marked {len(same)} of them"
                         + (f"; you also marked {'; '.join(map(html.escape, extra))}"
                            if extra else "")
                         + (f"; not marked: {'; '.join(map(html.escape, missed))}"
                            if missed else "") + ".")
        parts.append("</p>")
    parts.append(f"<p><b>The course's reading:</b> {html.escape(task.course_answer)}</p>")
    return "".join(parts)


class ReadingTasks(Explorer):
    """The tasks of one section ("sourcing" or "close_reading"), one panel each: tick, write
    a reason, then compare with the course. Nothing is revealed before the learner answers.

    >>> tasks = ReadingTasks("close_reading", save=False)
    >>> tasks.compare(0)
    >>> "The course's reading" in tasks.answers[0].value
    False
    >>> tasks.choices[0][0].value = True
    >>> tasks.compare(0)
    >>> "The course's reading" in tasks.answers[0].value
    True
    """

    def __init__(self, section: str = "close_reading", *, lesson: str = "01",
                 save: bool = True) -> None:
        section = one_of("section", section, SECTIONS, optional=False)
        everything = load_reading_tasks()
        self.tasks = everything[everything["section"] == section].reset_index(drop=True)
        self._claims = load_claims()
        self._notes = LessonNotes(lesson, save)
        self.notice = widgets.HTML(notice_html(self._notes.message))
        self.choices: list[list[widgets.Checkbox]] = []
        self.reasons: list[widgets.Textarea] = []
        self.answers: list[widgets.HTML] = []
        panels = []
        for i, task in enumerate(self.tasks.itertuples()):
            key = f"reading:{task.task_id}"
            saved = self._notes.text(f"{key}:choices").split("\n")
            boxes = [widgets.Checkbox(value=choice in saved, description=choice, indent=False,
                                      layout=widgets.Layout(width="auto"))
                     for choice in split_choices(task.choices)]
            reason = widgets.Textarea(
                value=self._notes.text(f"{key}:reason"), continuous_update=False,
                placeholder="Your answer, and why", layout=widgets.Layout(width="100%",
                                                                          height="60px"))
            answer = widgets.HTML()
            button = widgets.Button(description="Compare with the course",
                                    layout=widgets.Layout(width="auto"))
            button.on_click(lambda _b, i=i: self.compare(i))
            for box in boxes:
                box.observe(lambda _c, i=i: self._save_choices(i), names="value")
            reason.observe(lambda change, key=key: self._save(f"{key}:reason", change["new"]),
                           names="value")
            self.choices.append(boxes)
            self.reasons.append(reason)
            self.answers.append(answer)
            panels.append(widgets.VBox(
                [widgets.HTML(task_html(task, self._claims, i + 1)), *boxes,
                 counted(reason, note_count), button,
                 answer], layout=widgets.Layout(border="1px solid #ddd", padding="6px",
                                                margin="4px 0")))
        self.box = widgets.VBox([self.notice, *panels])

    def chosen(self, index: int) -> list[str]:
        return [box.description for box in self.choices[index] if box.value]

    def _save_choices(self, index: int) -> None:
        task = self.tasks.iloc[index]
        self._save(f"reading:{task['task_id']}:choices", "\n".join(self.chosen(index)))

    def _save(self, key: str, text: str) -> None:
        self.notice.value = notice_html(self._notes.write(key, text))

    def compare(self, index: int) -> None:
        """Show the course's reading of task ``index`` once the learner has answered it."""
        if not (self.chosen(index) or self.reasons[index].value.strip()):
            self.answers[index].value = ("<p><i>Tick or write your own answer first, then "
                                         "compare.</i></p>")
            return
        task = next(self.tasks.iloc[[index]].itertuples())
        self.answers[index].value = answer_html(task, self.chosen(index))
