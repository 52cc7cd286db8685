"""The decision room on the projector: groups take seats, the teacher records each group's
choice, and the debrief shows the room's choices beside what happened.
"""

from __future__ import annotations

import html
import json

import ipywidgets as widgets

from ..checks.progress import LessonNotes
from ..display import Explorer, notice_html
from .room import LESSON, full_width, point_choices, seat_choices
from .rooms import (
    OWN_OPTION,
    brief_html,
    debrief_html,
    decision_points,
    options_of,
    point,
    role_brief_html,
)

__all__ = ["ClassDecisions"]


class ClassDecisions(Explorer):
    """The room's decisions on the projector: groups take seats, the teacher records each
    group's choice, and the debrief shows the room's choices beside what happened.

    >>> room = ClassDecisions("border_2021", save=False)
    >>> room.group.value = "Group 1"
    >>> room.seat.value = "border_2021_warsaw"
    >>> room.option.value = room.option.options[0][1]
    >>> room.record()
    >>> "Group 1" in room.table.value
    True
    >>> room.show_debrief()
    >>> "The room chose" in room.debrief.value
    True
    """

    def __init__(self, point_id: str | None = None, *, save: bool = True) -> None:
        points = decision_points()
        point_id = point_id or str(points.loc[points["core"]].index[0])
        point(point_id)
        self._notes = LessonNotes(LESSON, save)
        self.point = widgets.Dropdown(description="Day", options=point_choices(),
                                      value=point_id, layout=full_width())
        self.brief = widgets.HTML()
        self.roles = widgets.HTML(layout=full_width())
        self.group = widgets.Text(description="Group", placeholder="e.g. Group 3 or Table by "
                                                                  "the window",
                                  layout=full_width())
        self.seat = widgets.Dropdown(description="Seat", options=[], layout=full_width())
        self.option = widgets.Dropdown(description="Choice", options=[], layout=full_width())
        self.own = widgets.Text(description="Their own", placeholder="the group's own option, "
                                                                     "in one line",
                                layout=full_width())
        self.record_button = widgets.Button(description="Record this group's choice",
                                            button_style="primary",
                                            layout=widgets.Layout(width="auto"))
        self.record_button.on_click(lambda _b: self.record())
        self.remove_button = widgets.Button(description="Remove this group",
                                            layout=widgets.Layout(width="auto"))
        self.remove_button.on_click(lambda _b: self.remove())
        self.notice = widgets.HTML(notice_html(self._notes.message))
        self.table = widgets.HTML()
        self.debrief_button = widgets.Button(description="Show what happened",
                                             layout=widgets.Layout(width="auto"))
        self.debrief_button.on_click(lambda _b: self.show_debrief())
        self.debrief = widgets.HTML()
        self.point.observe(lambda _c: self._load_point(), names="value")
        self.seat.observe(lambda _c: self._load_options(), names="value")
        self.box = widgets.VBox([
            self.point, self.brief, widgets.HTML("<b>The seats</b> (open one to read its "
                                                 "role brief):"), self.roles,
            widgets.HTML("<h4>Record a group's decision</h4>"), self.group, self.seat,
            self.option, self.own, widgets.HBox([self.record_button, self.remove_button]),
            self.notice, self.table, self.debrief_button, self.debrief], layout=full_width())
        self._load_point()

    def _prefix(self) -> str:
        return f"class:{self.point.value}:"

    def _load_point(self) -> None:
        point_id = self.point.value
        self.brief.value = brief_html(point_id)
        seats = seat_choices(point_id)
        # One folded block per seat: a group opens its own on the projector or a laptop.
        self.roles.value = "".join(
            f"<details><summary><b>{html.escape(name)}</b></summary>"
            f"{role_brief_html(seat_id)}</details>" for name, seat_id in seats)
        self.seat.options = seats
        self.seat.value = seats[0][1]
        self._load_options()
        self.debrief.value = ""
        self._show_table()

    def _load_options(self) -> None:
        if self.seat.value is not None:
            self.option.options = options_of(self.seat.value)
            self.option.value = self.option.options[0][1]

    def decisions(self) -> dict[str, dict]:
        """The groups' recorded decisions at this point: group name to its record."""
        found = {}
        for key, note in self._notes.notes.items():
            if key.startswith(self._prefix()) and note.get("text"):
                try:
                    record = json.loads(note["text"])
                except ValueError:
                    continue  # a record from a damaged file: the others still count
                if isinstance(record, dict):
                    found[key[len(self._prefix()):]] = record
        return dict(sorted(found.items()))

    def record(self) -> None:
        """Record (or correct) the chosen group's decision."""
        group = " ".join(self.group.value.split())
        if not group:
            self.notice.value = notice_html("Type the group's name first (any name the room "
                                            "knows it by).")
            return
        if self.option.value is None:
            self.notice.value = notice_html("Choose the group's choice first.")
            return
        if self.option.value == OWN_OPTION and not self.own.value.strip():
            self.notice.value = notice_html("Type the group's own option in one line, or "
                                            "choose one of the others.")
            return
        label = dict((v, k) for k, v in self.option.options)[self.option.value]
        chosen = (f"their own: {' '.join(self.own.value.split())}"
                  if self.option.value == OWN_OPTION else label)
        record = {"seat_id": self.seat.value, "option_id": self.option.value, "choice": chosen}
        self.notice.value = notice_html(self._notes.write(self._prefix() + group,
                                                          json.dumps(record)))
        self.own.value = ""
        self._show_table()

    def remove(self) -> None:
        """Remove the group named in the box (a group recorded by mistake)."""
        group = " ".join(self.group.value.split())
        if group not in self.decisions():
            self.notice.value = notice_html(f"No group called {group!r} is recorded here.")
            return
        self.notice.value = notice_html(self._notes.write(self._prefix() + group, ""))
        self._show_table()

    def _choices_by_seat(self) -> dict[str, list[str]]:
        by_seat: dict[str, list[str]] = {}
        for group, record in self.decisions().items():
            by_seat.setdefault(record.get("seat_id", ""), []).append(
                f"{group}: {record.get('choice', '')}")
        return by_seat

    def _show_table(self) -> None:
        decisions = self.decisions()
        if not decisions:
            self.table.value = "<p><i>No group's decision is recorded yet.</i></p>"
            return
        seats = dict((v, k) for k, v in seat_choices(self.point.value))
        rows = "".join(f"<tr><td>{html.escape(group)}</td>"
                       f"<td>{html.escape(seats.get(r.get('seat_id', ''), '?'))}</td>"
                       f"<td>{html.escape(str(r.get('choice', '')))}</td></tr>"
                       for group, r in decisions.items())
        self.table.value = ("<style>.two-chairs-room td, .two-chairs-room th {padding: 2px 12px "
                            "2px 0; text-align: left; vertical-align: top;}</style>"
                            "<table class='two-chairs-room'><thead><tr><th>Group</th>"
                            f"<th>Seat</th><th>Choice</th></tr></thead><tbody>{rows}</tbody>"
                            "</table>")

    def show_debrief(self) -> None:
        """What each seat did, beside the room's choices."""
        self.debrief.value = debrief_html(self.point.value, self._choices_by_seat())
