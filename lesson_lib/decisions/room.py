"""The two ways to play a decision room.

:class:`DecisionRoom` is for one learner: choose a point and a seat, read the briefs, choose
an option, write a memo that names its evidence, save it; only then does the debrief open
(hindsight stays hidden until the decision is on record, as in lesson 02's "as the author
saw it"). :class:`ClassDecisions` is for the projector (``make present LESSON=08``): groups
take seats, the teacher records each group's choice, and the debrief shows the room's
choices beside what happened. Both keep everything with the learner's (or the teacher's)
progress, with the same lock-and-merge safety as the self-checks (:class:`LessonNotes`).
"""

from __future__ import annotations

import datetime as dt
import html

import ipywidgets as widgets

from ..checks.progress import LessonNotes, note_count
from ..display import Explorer, counted, notice_html
from ..formatting import format_date
from ..sources.accounts import starters_html
from ..tables import load_documents, load_events
from .rooms import (
    DEBRIEF_QUESTIONS,
    DEBRIEF_STARTERS,
    MEMO_STARTERS,
    MEMO_WORD_LIMIT,
    OWN_OPTION,
    brief_html,
    debrief_html,
    decision_points,
    event_label,
    memo_problem,
    model_reading,
    options_of,
    paragraphs_html,
    point,
    role_brief_html,
    seat,
    seats_of,
)

__all__ = ["DecisionRoom", "LESSON", "full_width", "point_choices", "seat_choices"]

LESSON = "08"
def full_width() -> widgets.Layout:
    """A full-width layout of its own: a layout object shared by two widgets would hide both
    when one is hidden (the own-option box is hidden until "My own option" is chosen)."""
    return widgets.Layout(width="100%")

# Ticked evidence is saved as one note: ids joined by a space (ids hold none).
_ID_SEPARATOR = " "


MEMO_WORD_BANK = (
    "<details><summary>Help: a word bank</summary><ul>"
    "<li><i>evidence</i> (the dated facts a decision rests on)</li>"
    "<li><i>option</i> (one thing your seat could do)</li>"
    "<li><i>risk</i> (a chance that something bad happens)</li>"
    "<li><i>red line</i> (what a side will not accept)</li>"
    "<li><i>to press</i> (to push a side to change its mind)</li>"
    "<li><i>to ease sanctions</i> (to make penalties weaker)</li>"
    "<li><i>to back</i> (to support)</li></ul></details>")


class EvidenceBoxes:
    """A tick box per piece of evidence. ``value`` is the tuple of ticked ids and
    ``options`` the (label, id) pairs, as a multiple-choice widget's would be."""

    def __init__(self) -> None:
        self.box = widgets.VBox([], layout=full_width())
        self._boxes: dict[str, widgets.Checkbox] = {}
        self._listeners: list = []

    @property
    def options(self) -> list[tuple[str, str]]:
        return [(b.description, key) for key, b in self._boxes.items()]

    @options.setter
    def options(self, pairs) -> None:
        self._boxes = {}
        for label, key in pairs:
            box = widgets.Checkbox(value=False, description=label, indent=False,
                                   layout=full_width())
            box.observe(self._changed, names="value")
            self._boxes[key] = box
        self.box.children = list(self._boxes.values())

    @property
    def value(self) -> tuple[str, ...]:
        return tuple(key for key, b in self._boxes.items() if b.value)

    @value.setter
    def value(self, keys) -> None:
        keys = set(keys)
        silent, self._listeners = self._listeners, []
        try:
            for key, b in self._boxes.items():
                b.value = key in keys
        finally:
            self._listeners = silent
        self._changed(None)

    def observe(self, listener) -> None:
        """Call ``listener({"new": value})`` whenever the ticked set changes."""
        self._listeners.append(listener)

    def _changed(self, _change) -> None:
        for listener in self._listeners:
            listener({"new": self.value})


def point_choices() -> list[tuple[str, str]]:
    return [(f"{format_date(p.day, 'day')}: {p.title}", p.point_id)
            for p in decision_points().itertuples()]


def seat_choices(point_id: str) -> list[tuple[str, str]]:
    return [(s.seat, s.seat_id) for s in seats_of(point_id).itertuples()]


def _evidence_options(seat_id: str) -> list[tuple[str, str]]:
    """The events and documents of the case brief and the seat's role brief, by date."""
    s = seat(seat_id)
    p = point(s["point_id"])
    events = load_events().set_index("event_id")
    documents = load_documents().set_index("document_id")
    found = {}
    for event_id in (*p["event_ids"], *s["event_ids"]):
        e = events.loc[event_id]
        found[event_id] = (e["date"], f"{format_date(e['date'], e['date_precision'])}: "
                                      f"{event_label(e)}")
    for doc_id in (*p["document_ids"], *s["document_ids"]):
        d = documents.loc[doc_id]
        found[doc_id] = (d["date"], f"{format_date(d['date'], d['date_precision'])}: "
                                    f"{d['speaker']}, {d['title']} (document)")
    return [(label, key) for key, (_date, label) in sorted(found.items(),
                                                           key=lambda kv: kv[1][0])]


class DecisionRoom(Explorer):
    """One learner takes a seat on a real day, decides, and then meets what happened.

    >>> room = DecisionRoom("border_2021", seat_id="border_2021_minsk", save=False)
    >>> room.save_decision()
    >>> "Choose an option" in room.notice.value and room.debrief.value == ""
    True
    >>> room.option.value = room.option.options[0][1]
    >>> room.memo.value = "I keep the border open because the West punishes me anyway."
    >>> room.evidence.value = (room.evidence.options[0][1],)
    >>> room.save_decision()
    >>> "What happened after" in room.debrief.value
    True
    """

    def __init__(self, point_id: str | None = None, *, seat_id: str | None = None,
                 save: bool = True) -> None:
        points = decision_points()
        point_id = point_id or str(points.loc[points["core"]].index[0])
        point(point_id)
        self._notes = LessonNotes(LESSON, save)
        self._loading = False
        self.point = widgets.Dropdown(description="Day", options=point_choices(),
                                      value=point_id, layout=full_width())
        seats = seat_choices(point_id)
        self.seat = widgets.Dropdown(description="Your seat", options=seats,
                                     value=seat_id or seats[0][1], layout=full_width())
        seat_note = widgets.HTML("<small>Each seat keeps its own memo: switch back to find "
                                 "yours.</small>")
        self.brief = widgets.HTML(brief_html(point_id))
        self.role = widgets.HTML()
        self.option = widgets.RadioButtons(options=[], value=None, layout=full_width())
        self.own = widgets.Text(placeholder="My own option, in one line", layout=full_width(),
                                continuous_update=False)
        self.reading = widgets.HTML()
        # Tick boxes, not a list to Ctrl-click: they work the same with a mouse, a
        # keyboard, a Mac and a touch screen.
        self.evidence = EvidenceBoxes()
        self.memo = widgets.Textarea(
            placeholder=f"Your memo: at most {MEMO_WORD_LIMIT} words, with only what was "
                        "known on the day", continuous_update=False,
            layout=widgets.Layout(width="100%", height="120px"))
        self.save_button = widgets.Button(description="Save my decision and open the debrief",
                                          button_style="primary",
                                          layout=widgets.Layout(width="auto"))
        self.save_button.on_click(lambda _b: self.save_decision())
        self.notice = widgets.HTML(notice_html(self._notes.message))
        self.debrief = widgets.HTML()
        self.questions = [widgets.Textarea(placeholder="Your answer", continuous_update=False,
                                           layout=widgets.Layout(width="100%", height="64px"))
                          for _ in DEBRIEF_QUESTIONS]
        self.compare_button = widgets.Button(description="Compare with the course's answer",
                                             layout=widgets.Layout(width="auto"))
        self.compare_button.on_click(lambda _b: self.compare())
        self.answer = widgets.HTML()
        self.debrief_box = widgets.VBox([], layout=full_width())
        self.point.observe(self._point_chosen, names="value")
        self.seat.observe(lambda _c: self._load_seat(), names="value")
        self.option.observe(lambda c: self._write("option", c["new"] or ""), names="value")
        self.option.observe(self._show_reading, names="value")
        self.own.observe(lambda c: self._write("own", c["new"]), names="value")
        self.evidence.observe(lambda c: self._write("evidence", _ID_SEPARATOR.join(c["new"])))
        self.memo.observe(lambda c: self._write("memo", c["new"]), names="value")
        for number, area in enumerate(self.questions, start=1):
            area.observe(lambda c, n=number: self._write(f"q{n}", c["new"]), names="value")
        self.box = widgets.VBox([
            self.point, self.seat, seat_note, self.brief, self.role,
            widgets.HTML("<b>Your options</b> (choose one):"), self.option, self.own,
            self.reading,
            widgets.HTML("<b>Which evidence does your decision use?</b> Tick one or more."),
            self.evidence.box,
            widgets.HTML(f"<b>Your memo</b> (at most {MEMO_WORD_LIMIT} words)"
                         + starters_html(" | ".join(MEMO_STARTERS)) + MEMO_WORD_BANK),
            counted(self.memo, note_count), self.save_button, self.notice,
            self.debrief_box], layout=full_width())
        self._load_seat()

    # Saved notes, one set per seat: a learner may play every seat of every point.
    def _key(self, field: str) -> str:
        return f"room:{self.seat.value}:{field}"

    def _write(self, field: str, text: str) -> None:
        if not self._loading:
            self.notice.value = notice_html(self._notes.write(self._key(field), text))

    def _point_chosen(self, change) -> None:
        self.brief.value = brief_html(change["new"])
        self._loading = True
        try:
            self.seat.options = seat_choices(change["new"])
            self.seat.value = self.seat.options[0][1]
        finally:
            self._loading = False
        self._load_seat()

    def _load_seat(self) -> None:
        """Show the chosen seat's briefs and bring back what was saved for it."""
        self._loading = True
        try:
            seat_id = self.seat.value
            self.role.value = role_brief_html(seat_id)
            self.option.options = options_of(seat_id)
            saved_option = self._notes.text(self._key("option"))
            valid = {v for _, v in self.option.options}
            self.option.value = saved_option if saved_option in valid else None
            self.own.value = self._notes.text(self._key("own"))
            self.evidence.options = _evidence_options(seat_id)
            known = {v for _, v in self.evidence.options}
            self.evidence.value = tuple(e for e in self._notes.text(
                self._key("evidence")).split(_ID_SEPARATOR) if e in known)
            self.memo.value = self._notes.text(self._key("memo"))
            for number, area in enumerate(self.questions, start=1):
                area.value = self._notes.text(self._key(f"q{number}"))
        finally:
            self._loading = False
        self._show_reading()
        self.answer.value = ""
        self._show_debrief(bool(self._notes.text(self._key("decided"))))

    def _show_reading(self, change=None) -> None:
        value = self.option.value
        self.own.layout.display = "" if value == OWN_OPTION else "none"
        self.reading.value = ("" if value is None else
                              "<details open><summary>What lesson 04's model says</summary>"
                              + model_reading(self.seat.value, value) + "</details>")

    @property
    def decided(self) -> bool:
        """Whether this seat's decision is saved (and so the debrief is open)."""
        return bool(self._notes.text(self._key("decided")))

    def save_decision(self) -> None:
        """Save the memo if it is complete, then open the debrief; else say what is missing."""
        problem = memo_problem(self.option.value, self.own.value, self.memo.value,
                               self.evidence.value)
        if problem:
            self.notice.value = notice_html(problem)
            return
        message = self._notes.write(self._key("decided"), dt.datetime.now(dt.UTC).isoformat())
        self.notice.value = notice_html(message) or (
            "<p style='color:#1B5E20'>Your decision is saved. The debrief is open below.</p>")
        self._show_debrief(True)

    def _show_debrief(self, opened: bool) -> None:
        if not opened:
            self.debrief.value = ""
            self.debrief_box.children = [widgets.HTML(
                "<p><i>The debrief (what really happened) opens when your decision is "
                "saved.</i></p>")]
            return
        p = point(self.point.value)
        memo_seat = seat(p["memo_seat_id"])["seat"]
        self.debrief.value = (debrief_html(self.point.value)
                              + "<details><summary>The course's model memo, for the seat "
                              f"{html.escape(memo_seat)} (one good answer among many)</summary>"
                              f"<p>{html.escape(p['model_memo'])}</p></details>")
        asked = []
        for question, area in zip(DEBRIEF_QUESTIONS, self.questions, strict=True):
            asked += [widgets.HTML(f"<b>{html.escape(question)}</b>"), area]
        self.debrief_box.children = [
            self.debrief, widgets.HTML("<h4>Three questions</h4>"
                                       + starters_html(" | ".join(DEBRIEF_STARTERS))),
            *asked, self.compare_button, self.answer]

    def compare(self) -> None:
        """The course's answer to the three questions, once the learner has written one."""
        if not any(area.value.strip() for area in self.questions):
            self.answer.value = "<p><i>Answer at least one question first, then compare.</i></p>"
            return
        self.answer.value = ("<p><b>The course's answer</b> (one good answer among many):</p>"
                             + paragraphs_html(point(self.point.value)["debrief_answer"]))


