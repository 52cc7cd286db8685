"""Lesson 07's essay: written in the notebook, saved as the learner types, never lost.

:class:`EssayWriter` holds the essay box with its word count against the 300-500 words the
task asks for, the self-assessment checklist the learner ticks before handing in, and a
button that writes everything (thesis, outline, essay, checklist) to a Markdown file to
hand in. The text is saved with the learner's progress a moment after they stop typing
(and at once by *Save now* or the hand-in button), with the progress file's lock and
merge, so two kernels cannot undo each other. Each open copy of the lesson also keeps
its own latest draft: if two tabs wrote different essays, the newer becomes the essay
and the other stays one click away. Nothing is cut: a note keeps 200,000 characters.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import html
from collections.abc import Callable
from pathlib import Path

import ipywidgets as widgets

from ..checks.progress import LessonNotes
from ..display import Explorer, notice_html
from .essay_plan import ESSAY_LESSON, ESSAY_QUESTION, outline_from_notes, thesis_from_notes

__all__ = ["ESSAY_WORDS", "CHECKLIST", "SAVE_DELAY", "DRAFT_SLOTS", "HAND_IN_FILE",
           "word_count_html", "essay_markdown", "EssayWriter"]

ESSAY_WORDS = (300, 500)
# The self-assessment the learner ticks before handing in: the rubric's rows as questions.
CHECKLIST = {
    "thesis": "My first paragraph answers the question with a claim, a reason and a "
              "concession (my thesis).",
    "for_how_long": "My claim says for how long: it names years or a turning point.",
    "documents": "I use at least six documents of the set, each cited by its letter (A-J).",
    "quotes": "Every quotation is copied exactly, in quotation marks, with its letter.",
    "sourcing": "For at least two documents I say who speaks, when and why it matters.",
    "counter": "I answer at least one document that goes against my claim.",
    "outside": "I use at least one dated event the documents do not mention.",
    "length": "My essay has 300 to 500 words, and the conclusion answers the question.",
}
# Seconds after the last keystroke before the essay is saved: often enough to lose at most
# a sentence, rarely enough that typing does not rewrite the progress file on every key.
SAVE_DELAY = 2.0
# Each open copy of the lesson keeps its own latest draft in one of these slots.
DRAFT_SLOTS = 8
HAND_IN_FILE = "my_essay_lesson07.md"


def word_count_html(text: str, bounds: tuple[int, int] = ESSAY_WORDS) -> str:
    """The essay's words against the task's range, in words a learner can act on.

    >>> word_count_html("one two three")
    '<small>3 words: the task asks for 300 to 500 (297 more to go).</small>'
    >>> "within the range" in word_count_html("word " * 320)
    True
    """
    words = len(text.split())
    low, high = bounds
    plural = "" if words == 1 else "s"
    if words < low:
        advice = f"the task asks for {low} to {high} ({low - words} more to go)."
    elif words <= high:
        advice = f"within the range the task asks for ({low} to {high})."
    else:
        advice = f"{words - high} over the {high} the task allows: cut a little."
    return f"<small>{words} word{plural}: {advice}</small>"


def essay_markdown(name: str, thesis: str, outline: str, essay: str,
                   ticked: list[str], when: dt.datetime | None = None) -> str:
    """The file a learner hands in: who, when, the question, thesis, outline, essay, its
    length and the checklist as ticked.

    >>> text = essay_markdown("Ana", "Minsk balanced until 2020.", "", "My essay.",
    ...                       ["thesis"], dt.datetime(2026, 12, 7, 10, 0))
    >>> text.splitlines()[0], "- [x] My first paragraph" in text
    ('# Could Minsk sit on two chairs, and for how long?', True)
    """
    when = when or dt.datetime.now()
    words = len(essay.split())
    checks = "\n".join(f"- [{'x' if key in ticked else ' '}] {text}"
                       for key, text in CHECKLIST.items())
    return (f"# {ESSAY_QUESTION}\n\n"
            f"Written by: {name.strip() or '(no name given)'}  \n"
            f"Saved from lesson 07 of Two Chairs on {when:%d %B %Y, %H:%M}. "
            f"{words} words.\n\n"
            f"## Thesis\n\n{thesis.strip() or '(no thesis written)'}\n\n"
            f"## Outline\n\n{outline.strip() or '(no outline written)'}\n\n"
            f"## Essay\n\n{essay.strip()}\n\n"
            f"## Checklist (ticked by the writer)\n\n{checks}\n")


class _AfterTyping:
    """Call ``action`` once typing has paused for ``delay`` seconds. In a kernel the wait
    runs on the kernel's event loop; with no loop running (a script, a test) the action
    runs at once, so nothing ever waits on a timer that no loop would fire."""

    def __init__(self, delay: float, action: Callable[[], None]) -> None:
        self._delay, self._action = delay, action
        self._pending: asyncio.TimerHandle | None = None

    def __call__(self) -> None:
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            self._action()
            return
        if self._pending is not None:
            self._pending.cancel()
        self._pending = loop.call_later(self._delay, self.flush)

    def flush(self) -> None:
        """Run the action now if one is waiting."""
        if self._pending is not None:
            self._pending.cancel()
            self._pending = None
        self._action()


class EssayWriter(Explorer):
    """The essay box, its word count, the checklist and the hand-in file.

    >>> writer = EssayWriter(save=False, folder=None)
    >>> writer.essay.value = "Minsk could sit on two chairs only until 2020."
    >>> "9 words" in writer.count.value
    True
    """

    def __init__(self, *, save: bool = True, folder: Path | str | None = ".") -> None:
        self._save = save
        self._notes = LessonNotes(ESSAY_LESSON, save)
        self._folder = Path(folder) if folder is not None else None
        self._slot = self._free_slot()
        self.name = widgets.Text(value=self._notes.text("essay:name"),
                                 description="Your name", placeholder="as your teacher knows it",
                                 continuous_update=False)
        self.name.observe(lambda change: self._save_note("essay:name", change["new"]),
                          names="value")
        self.essay = widgets.Textarea(
            value=self._notes.text("essay:text"), placeholder="Your essay",
            continuous_update=True, layout=widgets.Layout(width="100%", height="360px"))
        # Claim the slot at once, so a copy opened after this one takes another.
        self._notes.write(f"essay:draft:{self._slot}", self.essay.value)
        self.count = widgets.HTML(word_count_html(self.essay.value))
        self._save_later = _AfterTyping(SAVE_DELAY, self._save_essay)
        self.essay.observe(self._typed, names="value")
        self.save_button = widgets.Button(description="Save now",
                                          tooltip="Save the essay with your progress")
        self.save_button.on_click(lambda _b: self._save_later.flush())
        self.other_versions = widgets.Dropdown(description="Other version",
                                               layout=widgets.Layout(width="auto"))
        self.restore_button = widgets.Button(description="Put this version in the box",
                                             layout=widgets.Layout(width="auto"))
        self.restore_button.on_click(lambda _b: self.restore(self.other_versions.value))
        self.versions_box = widgets.VBox([
            widgets.HTML("<p><i>Another copy of this lesson saved a different version of "
                         "your essay. It is kept here; the box shows the newest.</i></p>"),
            widgets.HBox([self.other_versions, self.restore_button],
                         layout=widgets.Layout(flex_flow="row wrap"))])
        self._show_other_versions()
        saved = self._notes.text("essay:checklist").split()
        self.checks = {key: widgets.Checkbox(value=key in saved, description=text,
                                             indent=False, layout=widgets.Layout(width="auto"))
                       for key, text in CHECKLIST.items()}
        for box in self.checks.values():
            box.observe(lambda _c: self._save_note("essay:checklist",
                                                   " ".join(self.ticked())), names="value")
        self.hand_in_button = widgets.Button(description="Save a copy to hand in",
                                             button_style="primary",
                                             layout=widgets.Layout(width="auto"))
        self.hand_in_button.on_click(lambda _b: self.hand_in())
        self.hand_in_link = widgets.HTML()
        self.notice = widgets.HTML(notice_html(self._notes.message))
        self.box = widgets.VBox([
            self.name, widgets.HTML(f"<p><b>{html.escape(ESSAY_QUESTION)}</b></p>"),
            self.essay, widgets.HBox([self.count, self.save_button],
                                     layout=widgets.Layout(flex_flow="row wrap",
                                                           align_items="center")),
            self.versions_box, self.notice,
            widgets.HTML("<p><b>Before you hand in, tick what is true of your essay.</b></p>"),
            *self.checks.values(), self.hand_in_button, self.hand_in_link])

    # -- saving ---------------------------------------------------------------------------
    def _free_slot(self) -> int:
        """The draft slot this copy writes to: an unused one, or the one saved longest ago
        (so the drafts of the last :data:`DRAFT_SLOTS` copies opened are kept)."""
        def saved(slot: int) -> str:
            return str(self._notes.notes.get(f"essay:draft:{slot}", {}).get("saved", ""))
        return min(range(1, DRAFT_SLOTS + 1), key=lambda slot: (saved(slot) != "", saved(slot)))

    def _typed(self, change) -> None:
        self.count.value = word_count_html(change["new"])
        self._save_later()

    def _save_essay(self) -> None:
        text = self.essay.value
        message = self._notes.write(f"essay:draft:{self._slot}", text)
        message = self._notes.write("essay:text", text) or message
        self.notice.value = notice_html(message)

    def _save_note(self, key: str, text: str) -> None:
        self.notice.value = notice_html(self._notes.write(key, text))

    def _show_other_versions(self) -> None:
        current = self.essay.value
        others = []
        for slot in range(1, DRAFT_SLOTS + 1):
            note = self._notes.notes.get(f"essay:draft:{slot}")
            if note and note.get("text", "").strip() and note["text"] != current:
                when = str(note.get("saved", ""))[:16].replace("T", " ")
                words = len(note["text"].split())
                others.append((f"saved {when} UTC, {words} words", slot))
        self.other_versions.options = others
        self.versions_box.layout.display = "flex" if others else "none"

    def restore(self, slot: int | None) -> None:
        """Put the draft of ``slot`` in the box; the text that was there stays a draft."""
        note = self._notes.notes.get(f"essay:draft:{slot}") if slot else None
        if not note:
            return
        self._save_later.flush()  # what is in the box now is kept as this copy's draft
        self.essay.value = note["text"]
        self._save_later.flush()
        self._show_other_versions()

    # -- handing in -----------------------------------------------------------------------
    def ticked(self) -> list[str]:
        return [key for key, box in self.checks.items() if box.value]

    def hand_in(self) -> Path | None:
        """Save everything, write the hand-in file beside the notebook and link to it."""
        self._save_later.flush()
        # The thesis and outline were written in their own widgets: read what the progress
        # file holds now, not what it held when this box opened.
        notes = LessonNotes(ESSAY_LESSON, self._save).notes if self._save else self._notes.notes
        text = essay_markdown(self.name.value, thesis_from_notes(notes),
                              outline_from_notes(notes), self.essay.value, self.ticked())
        if self._folder is None:
            self.hand_in_link.value = "<p><i>(Saving files is off here.)</i></p>"
            return None
        path = self._folder / HAND_IN_FILE
        try:
            path.write_text(text, "utf-8")
        except OSError as err:
            self.hand_in_link.value = notice_html(
                f"The file could not be written in {self._folder.resolve()} "
                f"({err.strerror}). Your essay is still saved with your progress; copy it "
                "from the box into a document of your own.")
            return None
        self.hand_in_link.value = (
            f"<p>Saved as <a href='{html.escape(HAND_IN_FILE)}' download "
            f"style='color:#0B57D0;text-decoration:underline'>{html.escape(HAND_IN_FILE)}"
            "</a> in the lesson's folder: hand in that file (in JupyterLab, right-click it in "
            "the file browser and choose <i>Download</i>). Saving again replaces it.</p>")
        return path
