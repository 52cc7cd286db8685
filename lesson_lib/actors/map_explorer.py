"""The actor map explorer: the map and the network side by side, with the year, domain and
focus controls and the focused actor's ties.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import pandas as pd
import plotly.graph_objects as go

from ..course import FIRST_STATE_YEAR, LAST_YEAR
from ..display import Explorer, show_figure
from ..formatting import (
    format_span,
    sources_html,
    text_version_html,
)
from ..live_figure import LiveFigure
from ..style import FONT, UncheckedFigure, course_figure
from ..tables import load_actors, load_events, load_relations, load_sources
from ._tie_traces import _legend_traces
from .actor_map import _geo_map, describe_actor_map
from .network import _network
from .ties import (
    check_year,
    relation_hovers,
    relations_in,
)

__all__ = ["ActorMapExplorer", "ties_html", "map_legend_figure", "GRID_COLUMNS"]


def _event_line(event: pd.Series) -> str:
    return f"{format_span(event['date'], event['date_precision'])}: {event['title']}"


def ties_html(year: int, domain: str | None, focus: str | None, actors: pd.DataFrame,
              events: pd.DataFrame, sources: pd.DataFrame) -> str:
    """The focused actor's ties in a year, with evidence and sources, as HTML (escaped)."""
    if not focus:
        return "<p><i>Choose an actor in <b>Focus</b> to list its ties in this year.</i></p>"
    names = actors.set_index("actor_id")["name"]
    rels = relations_in(year, domain=domain)
    mine = rels[(rels["from_actor"] == focus) | (rels["to_actor"] == focus)]
    title = f"<h4>{html.escape(names[focus])}: ties in {year}</h4>"
    if mine.empty:
        return title + "<p>No coded ties this year.</p>"
    by_event = events.set_index("event_id")
    items = []
    for rel in mine.sort_values("strength", ascending=False).itertuples():
        arrow = "→" if rel.directed else "↔"
        evidence = "".join(
            f"<li>{html.escape(_event_line(by_event.loc[e]))}</li>"
            for e in rel.evidence_event_ids if e in by_event.index)
        items.append(
            f"<li><b>{html.escape(names[rel.from_actor])} {arrow} "
            f"{html.escape(names[rel.to_actor])}</b>: {html.escape(rel.domain)} "
            f"{html.escape(rel.type)}, strength {rel.strength} ({rel.valid_from}-"
            f"{rel.valid_to}). {html.escape(rel.note) if isinstance(rel.note, str) else ''}"
            f"<ul>{evidence}</ul>Sources: {sources_html(rel.source_ids, sources)}</li>")
    return title + "<ul>" + "".join(items) + "</ul>"


# What a legend entry keeps of a map trace: how it looks, not where it is.
_LEGEND_KEYS = ("name", "mode", "marker", "line", "fill", "fillcolor", "legendgroup",
                "legendrank", "legendgrouptitle")
LEGEND_HEIGHT = 280  # its three groups in two rows, at the narrowest a chart is drawn


def map_legend_figure(map_figure: go.Figure | UncheckedFigure, *,
                      checked: bool = True) -> go.Figure | UncheckedFigure:
    """The legend of an explorer's map (drawn with ``legend=False``), as a figure of its own.

    Drawn apart from the map, the legend is redrawn only when it changes (the groups a year
    has, the CST's new name in 2002), not at every year step: with it and its ten line-style
    entries, the map took about a third longer to redraw. It shows the same entries as the
    map's own legend; the memberships' heading names no year (the map's title does).

    >>> from lesson_lib.actors.actor_map import _geo_map
    >>> legend = map_legend_figure(_geo_map(2016, domain=None, focus=None, height=500,
    ...                                     legend=False))
    >>> "NATO and EU" in [t.name for t in legend.data], legend.data[0].x
    (True, (None,))
    """
    traces = (map_figure.traces if isinstance(map_figure, UncheckedFigure)
              else [trace.to_plotly_json() for trace in map_figure.data])
    entries = []
    for trace in traces:
        if trace.get("showlegend") is False:
            continue
        entry = {key: trace[key] for key in _LEGEND_KEYS if key in trace}
        if entry.get("legendgroup") == "blocs":
            entry["legendgrouptitle"] = {"text": "Memberships at the end of the year shown"}
        entries.append({"type": "scatter", "x": [None], "y": [None], **entry})
    entries += _legend_traces("scatter", "x", "y")
    hidden = {"visible": False, "fixedrange": True}
    return course_figure(entries, layout={
        "height": LEGEND_HEIGHT, "font": FONT, "margin": {"l": 0, "r": 0, "t": 0, "b": 0},
        "xaxis": hidden, "yaxis": hidden, "showlegend": True, "hovermode": False,
        "meta": {"name": "Legend of the map"},  # what a screen reader calls its box
        # all of the chart's height (plotly gives a horizontal legend half, then scrolls it)
        "legend": {"orientation": "h", "x": 0, "xanchor": "left", "y": 1, "yanchor": "top",
                   "font": {"size": 12}, "maxheight": 1}}, checked=checked)


# Two columns where each can be 340 px wide, one column on a narrower screen (a phone).
GRID_COLUMNS = "repeat(auto-fit, minmax(min(340px, 100%), 1fr))"


class ActorMapExplorer(Explorer):
    """The map and the network side by side, with a year slider and year-by-year buttons,
    a domain menu and a focus menu; a panel under the network lists the focused actor's ties.

    >>> explorer = ActorMapExplorer(year=2016)
    >>> explorer.focus.value = "lva"
    >>> "Latvia" in explorer.details.value
    True
    >>> explorer.year.value = 2022
    >>> explorer.network.layout.title.text
    'Network of ties, 2022'
    """

    def __init__(self, year: int = 2016, *, height: int = 520) -> None:
        year = check_year(year)
        self._height = height
        self._actors = load_actors()
        self._sources = load_sources()
        self._events = load_events()
        self._hover = relation_hovers()
        in_relations = sorted(set(load_relations()["from_actor"])
                              | set(load_relations()["to_actor"]))
        names = self._actors.set_index("actor_id")["name"]
        self.year = widgets.IntSlider(value=year, min=FIRST_STATE_YEAR, max=LAST_YEAR,
                                      description="Year", continuous_update=False,
                                      layout=widgets.Layout(width="100%", max_width="460px"))
        # Named buttons, one year a step, instead of a play button: each has a name a screen
        # reader can say, and a learner reads the ties panel at their own pace.
        self.previous_year = widgets.Button(description="◀ Year before",
                                            tooltip="Show the year before",
                                            layout=widgets.Layout(width="auto"))
        self.next_year = widgets.Button(description="Year after ▶", tooltip="Show the year after",
                                        layout=widgets.Layout(width="auto"))
        self.previous_year.on_click(lambda _b: self.step(-1))
        self.next_year.on_click(lambda _b: self.step(+1))
        self.domain = widgets.Dropdown(description="Domain", value="", options=[
            ("All domains", ""), ("Security", "security"), ("Political", "political"),
            ("Economic", "economic")])
        self.focus = widgets.Dropdown(description="Focus", value="", options=[
            ("No focus", "")] + sorted(((names[a], a) for a in in_relations),
                                       key=lambda pair: pair[0]))
        # Both charts are redrawn in place on every change; the legend under the map only
        # when it changes.
        self.map_chart = LiveFigure(layout=widgets.Layout(min_width="0"))
        self.network_chart = LiveFigure(layout=widgets.Layout(min_width="0"))
        self.legend_chart = LiveFigure(layout=widgets.Layout(min_width="0"))
        self.legend_chart.add_class("two-chairs-legend")
        self.summary = widgets.HTML()
        self.details = widgets.HTML()
        # Each reads as a plotly figure (UncheckedFigure); the map without its legend.
        self.map: go.Figure | UncheckedFigure | None = None
        self.network: go.Figure | UncheckedFigure | None = None
        for control in (self.year, self.domain, self.focus):
            control.observe(self._refresh, names="value")
        # One grid from the first draw: map and network side by side where there is room,
        # stacked on a narrow screen; the ties panel right under the network, and the text
        # version last.
        self.box = widgets.VBox([
            widgets.HBox([self.previous_year, self.year, self.next_year, self.domain,
                          self.focus], layout=widgets.Layout(flex_flow="row wrap")),
            widgets.GridBox([widgets.VBox([self.map_chart, self.legend_chart],
                                          layout=widgets.Layout(min_width="0")),
                             widgets.VBox([self.network_chart, self.details],
                                          layout=widgets.Layout(min_width="0"))],
                            layout=widgets.Layout(width="100%", grid_gap="8px",
                                                  grid_template_columns=GRID_COLUMNS)),
            self.summary])
        self._refresh()

    def step(self, years: int) -> None:
        """Move the year by ``years``, staying within the course's span."""
        self.year.value = min(max(self.year.value + years, self.year.min), self.year.max)

    def _refresh(self, _change=None) -> None:
        year, domain, focus = self.year.value, self.domain.value or None, self.focus.value or None
        # Plotly's checks are skipped for the redraw (tests compare these figures with the
        # checked ones): a year step is then about a third faster.
        # Each chart is sent as soon as it is made, the network first: the page draws it while
        # the kernel makes the map, and the map (about 35 ms to draw, twice the network) comes
        # in as the page is free again.
        self.network = _network(year, domain=domain, focus=focus, height=self._height,
                                hover=self._hover, legend=False, checked=False)
        show_figure(self.network_chart, self.network)
        self.map = _geo_map(year, domain=domain, focus=focus, height=self._height,
                            hover=self._hover, legend=False, checked=False)
        show_figure(self.map_chart, self.map)
        self.legend_chart.show(map_legend_figure(self.map, checked=False), static=True)
        self.summary.value = text_version_html(describe_actor_map(year, domain=domain))
        self.details.value = ties_html(year, domain, focus, self._actors, self._events,
                                       self._sources)
