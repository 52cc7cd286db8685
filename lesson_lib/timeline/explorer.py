"""The timeline explorer: the widget that keeps the filters' state and redraws the figure."""

from __future__ import annotations

import html

import ipywidgets as widgets
import pandas as pd
import plotly.graph_objects as go

from ..course import FIRST_YEAR, LAST_YEAR
from ..display import Explorer, show_figure
from ..errors import LessonError, Problem
from ..formatting import format_span
from ..live_figure import LiveFigure
from ..sources.article import AS_THE_AUTHOR_SAW_IT
from ..style import CATEGORY_STYLE, TILT_LABELS, TRACK_LABELS, UncheckedFigure
from ..tables import load_actors, load_eras, load_events, load_sources
from .figure import NO_MATCH, draw_timeline, event_html, filter_events, hover_rows

__all__ = ["TimelineExplorer"]


class TimelineExplorer(Explorer):
    """The timeline with filters, a year range, an "as the author saw it" switch and details.

    Every control is a standard form element (checkbox, menu, text box, slider), so
    it can be reached with Tab and changed with the keyboard. Use it as the last
    expression of a cell.

    >>> explorer = TimelineExplorer()
    >>> explorer.years.value = (2014, 2016)
    >>> explorer.categories["economic"].value = False
    >>> bool((explorer.shown["category"] != "economic").all())
    True
    >>> explorer.author_view.value = True
    >>> bool((explorer.shown["date"] <= AS_THE_AUTHOR_SAW_IT).all())
    True
    """

    def __init__(self, events: pd.DataFrame | None = None, *, height: int = 560) -> None:
        self._events = load_events() if events is None else events
        self._sources = load_sources()
        self._height = height
        self._eras = load_eras()
        self._hover = hover_rows(self._events, self._sources)
        actors = load_actors().set_index("actor_id")
        present = sorted({a for ids in self._events["actor_ids"] for a in ids},
                         key=lambda a: actors.loc[a, "name"])
        check = {"indent": False, "layout": widgets.Layout(width="auto")}
        self.categories = {c: widgets.Checkbox(value=True, description=label, **check)
                           for c, (label, _, _) in CATEGORY_STYLE.items()}
        self.tracks = {t: widgets.Checkbox(value=True, description=label, **check)
                       for t, label in TRACK_LABELS.items()}
        self.tilts = {t: widgets.Checkbox(value=True, description=label, **check)
                      for t, label in TILT_LABELS.items()}
        self.actor = widgets.Dropdown(
            description="Actor", layout=widgets.Layout(width="auto", max_width="100%"),
            options=[("Any actor", "")] + [
                (actors.loc[a, "name"], a) for a in present], value="")
        self.era = widgets.Dropdown(
            description="Era", layout=widgets.Layout(width="auto", max_width="100%"),
            options=[("All eras", "")] + [
                (f"{e.name} ({e.start.year}-{e.end.year})", e.era_id)
                for e in self._eras.itertuples()], value="")
        self.search = widgets.Text(description="Search",
                                   placeholder="e.g. sanctions, then Enter",
                                   layout=widgets.Layout(width="auto", max_width="100%"),
                                   continuous_update=False)
        self.years = widgets.IntRangeSlider(
            description="Years", min=FIRST_YEAR, max=LAST_YEAR, value=(FIRST_YEAR, LAST_YEAR),
            continuous_update=False, layout=widgets.Layout(width="100%", max_width="420px"))
        self.author_view = widgets.Checkbox(
            value=False, indent=False, layout=widgets.Layout(width="auto", max_width="100%"),
            description="Only what was known by July 2016 (as the article's author saw it)")
        self.count = widgets.HTML()
        self.reset_button = widgets.Button(description="Show everything again",
                                           tooltip="Clear every filter",
                                           layout=widgets.Layout(width="auto"))
        self.reset_button.on_click(lambda _b: self.reset())
        self.chooser = widgets.Dropdown(description="Details",
                                        layout=widgets.Layout(width="95%", max_width="100%"))
        self.details = widgets.HTML()
        self.chart = LiveFigure()  # redrawn in place on every change
        self.figure: go.Figure | UncheckedFigure | None = None  # as plotly reads it

        for control in [*self.categories.values(), *self.tracks.values(),
                        *self.tilts.values(), self.actor, self.search, self.years]:
            control.observe(self._refresh, names="value")
        # The era menu and the July 2016 box also move the Years slider, so it never says
        # 1990-2025 while the chart shows less.
        self.era.observe(self._era_changed, names="value")
        self.author_view.observe(self._author_view_changed, names="value")
        self.chooser.observe(self._show_details, names="value")
        label = widgets.HTML
        wrap = widgets.Layout(flex_flow="row wrap")  # rows stack on a narrow screen
        self.box = widgets.VBox([
            widgets.HBox([label("<b>Category</b>"), *self.categories.values()], layout=wrap),
            widgets.HBox([label("<b>Track</b>"), *self.tracks.values()], layout=wrap),
            widgets.HBox([label("<b>Tilt</b>"), *self.tilts.values()], layout=wrap),
            widgets.HBox([self.actor, self.era], layout=wrap),
            widgets.HBox([self.search, self.years], layout=wrap),
            self.author_view, widgets.HBox([self.count, self.reset_button]),
            self.chart, self.chooser, self.details,
        ])
        self._refresh()

    def reset(self) -> None:
        """Clear every filter: all boxes ticked, any actor and era, no search, all years."""
        self._resetting = True
        try:
            for box in [*self.categories.values(), *self.tracks.values(),
                        *self.tilts.values()]:
                box.value = True
            self.actor.value, self.era.value, self.search.value = "", "", ""
            self.years.value = (FIRST_YEAR, LAST_YEAR)
            self.author_view.value = False
        finally:
            self._resetting = False
        self._refresh()

    @property
    def shown(self) -> pd.DataFrame:
        """The events the current controls let through."""
        return filter_events(self._events, **self._filters())

    def _filters(self) -> dict:
        return dict(
            categories=[c for c, box in self.categories.items() if box.value],
            tracks=[t for t, box in self.tracks.items() if box.value],
            tilts=[t for t, box in self.tilts.items() if box.value],
            actors=self.actor.value or None, eras=self.era.value or None,
            text=self.search.value, years=self.years.value,
            known_by=AS_THE_AUTHOR_SAW_IT if self.author_view.value else None)

    def _x_range(self):
        if self.era.value:
            era = self._eras.set_index("era_id").loc[self.era.value]
            return (era["start"] - pd.Timedelta(days=60), era["end"] + pd.Timedelta(days=60))
        start, end = self.years.value
        if self.author_view.value:
            end = min(end, AS_THE_AUTHOR_SAW_IT.year)
        return (pd.Timestamp(f"{start}-01-01"), pd.Timestamp(f"{end + 1}-01-01"))

    _resetting = False

    def _set_years(self, first: int, last: int) -> None:
        outer, self._resetting = self._resetting, True  # also inside reset()
        try:
            self.years.value = (first, last)
        finally:
            self._resetting = outer

    def _era_changed(self, change) -> None:
        if change["new"]:
            era = self._eras.set_index("era_id").loc[change["new"]]
            self._set_years(era["start"].year, era["end"].year)
        else:
            self._set_years(FIRST_YEAR, LAST_YEAR)
        self._refresh()

    def _author_view_changed(self, change) -> None:
        first, last = self.years.value
        if change["new"]:
            self._set_years(min(first, AS_THE_AUTHOR_SAW_IT.year), AS_THE_AUTHOR_SAW_IT.year)
        elif last == AS_THE_AUTHOR_SAW_IT.year:
            self._set_years(first, LAST_YEAR)
        self._refresh()

    def _refresh(self, _change=None) -> None:
        if self._resetting:  # one redraw after a reset, not one per control
            return
        shown = self.shown
        self.figure = draw_timeline(shown, eras=self._eras, x_range=self._x_range(),
                                height=self._height, era_menu=False, hover=self._hover,
                                checked=False)  # tests compare it with the checked figure
        show_figure(self.chart, self.figure)  # first: the chart is what the learner waits for
        total = len(self._events)
        self.count.value = (f"Showing <b>{len(shown)}</b> of {total} events." if len(shown)
                            else f"<b>{html.escape(self._no_match())}</b>")
        # The list holds the shown events only; say so, since unfiltered it is long.
        options = [(f"Choose one of the {len(shown)} events shown to read it in full"
                    + (" (filter above to shorten this list)" if len(shown) > 40 else ""),
                    "")] + [
            (f"{format_span(e.date, e.date_precision)}: {e.title}", e.event_id)
            for e in shown.sort_values("date").itertuples()]
        keep = self.chooser.value if self.chooser.value in {o[1] for o in options} else ""
        self.chooser.options = options
        self.chooser.value = keep
        self._show_details()

    def _no_match(self) -> str:
        """Say what to change: the search, when it alone empties the chart."""
        typed = self.search.value.strip()
        if typed and len(filter_events(self._events, **{**self._filters(), "text": None})):
            return f'No event here mentions "{typed}". Check the spelling, or clear the search.'
        return NO_MATCH

    def select(self, event_id: str) -> None:
        """Show one event's details (it must be among the shown events)."""
        valid = [v for _, v in self.chooser.options if v]
        if event_id not in valid:
            raise LessonError(Problem("that event is not shown with the current filters",
                                      found=str(event_id),
                                      expected="an event_id of explorer.shown"))
        self.chooser.value = event_id

    def _show_details(self, _change=None) -> None:
        event_id = self.chooser.value
        self.details.value = (event_html(self._events.set_index("event_id").loc[event_id],
                                         self._sources) if event_id else "")
