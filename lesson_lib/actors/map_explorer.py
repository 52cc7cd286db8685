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
from ..tables import load_actors, load_events, load_relations, load_sources
from .actor_map import _geo_map, describe_actor_map
from .network import _network
from .ties import (
    check_year,
    relation_hovers,
    relations_in,
)

__all__ = ["ActorMapExplorer", "ties_html", "GRID_COLUMNS"]


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
        # Both charts are redrawn in place on every change.
        self.map_chart = LiveFigure(layout=widgets.Layout(min_width="0"))
        self.network_chart = LiveFigure(layout=widgets.Layout(min_width="0"))
        self.summary = widgets.HTML()
        self.details = widgets.HTML()
        self.map: go.Figure | None = None
        self.network: go.Figure | None = None
        for control in (self.year, self.domain, self.focus):
            control.observe(self._refresh, names="value")
        # One grid from the first draw: map and network side by side where there is room,
        # stacked on a narrow screen; the ties panel right under the network, and the text
        # version last.
        self.box = widgets.VBox([
            widgets.HBox([self.previous_year, self.year, self.next_year, self.domain,
                          self.focus], layout=widgets.Layout(flex_flow="row wrap")),
            widgets.GridBox([self.map_chart, widgets.VBox([self.network_chart, self.details],
                                                         layout=widgets.Layout(min_width="0"))],
                            layout=widgets.Layout(width="100%", grid_gap="8px",
                                                  grid_template_columns=GRID_COLUMNS)),
            self.summary])
        self._refresh()

    def step(self, years: int) -> None:
        """Move the year by ``years``, staying within the course's span."""
        self.year.value = min(max(self.year.value + years, self.year.min), self.year.max)

    def map_layout(self) -> dict:
        """One legend for both figures, under the map, so neither plot gives half its width
        to a legend and no legend covers the network's labels."""
        return {"legend": {"orientation": "h", "x": 0, "xanchor": "left", "y": -0.02,
                           "yanchor": "top", "font": {"size": 12}, "groupclick": "toggleitem"},
                "height": self._height + 220}

    def _refresh(self, _change=None) -> None:
        year, domain, focus = self.year.value, self.domain.value or None, self.focus.value or None
        # Plotly's checks are skipped for the redraw (tests compare these figures with the
        # checked ones): a year step is then about a third faster.
        # Each chart is sent as soon as it is made: the page draws the map while the kernel
        # makes the network.
        self.map = _geo_map(year, domain=domain, focus=focus, height=self._height,
                            hover=self._hover, layout=self.map_layout(), checked=False)
        show_figure(self.map_chart, self.map)
        self.network = _network(year, domain=domain, focus=focus, height=self._height,
                                hover=self._hover, layout={"showlegend": False},
                                checked=False)
        show_figure(self.network_chart, self.network)
        self.summary.value = text_version_html(describe_actor_map(year, domain=domain))
        self.details.value = ties_html(year, domain, focus, self._actors, self._events,
                                       self._sources)
