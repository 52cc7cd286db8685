"""Who pulls Belarus where: a map of memberships and ties, and the explorer that shows it
beside the network, year by year.

The map is drawn from shipped data only. Country outlines ship with the package
(``data/map_outlines.geojson``) and are drawn as filled ``Scattergeo`` traces with every
base layer of plotly's map switched off: plotly.js fetches its own outlines from a CDN
whenever a base layer is on or a trace sets ``locationmode``, so neither ever happens
here. The queries live in :mod:`lesson_lib.actors.ties`, the network in
:mod:`lesson_lib.actors.network`.
"""

from __future__ import annotations

import functools
import html
import itertools
import json
import textwrap
from importlib import resources

import ipywidgets as widgets
import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ..course import FIRST_STATE_YEAR, LAST_YEAR, NEIGHBOURS
from ..display import Explorer, show_figure
from ..formatting import (
    TextVersion,
    format_span,
    plotly_text,
    sources_html,
    text_version_html,
    wrap,
)
from ..live_figure import LiveFigure
from ..style import FONT, OKABE_ITO, course_figure
from ..tables import load_actors, load_events, load_relations, load_sources
from ._tie_traces import relation_traces
from .network import _network
from .ties import (
    bloc_of,
    check_domain,
    check_view,
    check_year,
    hovers_covering,
    memberships_in,
    organisation_name,
    relation_hovers,
    relations_in,
    short_name,
)

__all__ = [
    "BLOCS",
    "geo_map_figure",
    "country_outlines",
    "describe_actor_map",
    "ActorMapExplorer",
]

# Map colour of a country: the first of these its memberships match, in this order.
# The name "BELARUS" is nearly as wide as the country on the map (half its box, in degrees
# at the explorer's scale): it goes where the fewest ties and markers cross it, tried from the
# south-west of the country (near Pinsk, clear of the ties that leave Minsk) eastward and a
# little south, always inside the country's southern half.
BELARUS_LABEL_HALF = (3.6, 0.45)  # lon, lat
BELARUS_LABEL_PLACES = tuple((lon, lat) for lat in (52.3, 52.0, 51.8)
                             for lon in (25.9, 26.8, 27.7, 28.6))
BLOCS = {
    "nato_eu": ("NATO and EU", OKABE_ITO["blue"], "circle"),
    "nato": ("NATO, not EU", OKABE_ITO["sky_blue"], "diamond"),
    "eu": ("EU, not NATO", OKABE_ITO["yellow"], "square"),
    "union_state": ("Union State (Belarus and Russia)", OKABE_ITO["orange"], "star"),
    # grey: orange (the Union State) and vermillion were hard to tell apart as fills
    "csto": ("CSTO", OKABE_ITO["black"], "triangle-up"),
    "eastern_partnership": ("Eastern Partnership", OKABE_ITO["green"], "pentagon"),
    "cis": ("CIS only", OKABE_ITO["purple"], "triangle-down"),
    "other": ("None of these", "#D9D9D9", "circle-open"),
}
# How a relation's type is drawn: dash pattern and a word, so that cooperation and
# pressure differ in line shape as well as in the hover text.

MAP_VIEW = {"lon": (-10.0, 62.0), "lat": (35.0, 70.5)}


def _clockwise(ring: list) -> list:
    """GeoJSON rings run anticlockwise, but d3 (inside plotly) reads an anticlockwise ring
    as "everything but this country" and would paint the whole globe; so turn them."""
    area = sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False))
    return ring[::-1] if area > 0 else ring


@functools.cache
def country_outlines() -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Each country's outer rings as (lon, lat) arrays, NaN between rings, by ISO alpha-3
    code; read once from the outlines that ship with the package (no network).

    >>> lon, lat = country_outlines()["BLR"]
    >>> bool(23 < lon[0] < 33 and 51 < lat[0] < 57)
    True

    Arrays rather than lists: plotly checks a list point by point but an array at once,
    which is most of the time a redraw takes.
    """
    raw = (resources.files("lesson_lib") / "data" / "map_outlines.geojson").read_text("utf-8")
    found: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    for feature in json.loads(raw)["features"]:
        geometry = feature["geometry"]
        polygons = ([geometry["coordinates"]] if geometry["type"] == "Polygon"
                    else geometry["coordinates"])
        points = []
        for polygon in polygons:
            points += _clockwise(polygon[0]) + [[np.nan, np.nan]]
        xy = np.array(points, dtype=float)
        found[feature["properties"]["iso3"]] = (xy[:, 0], xy[:, 1])
    return found


def geo_map_figure(year: int, *, domain: str | None = None, focus: str | None = None,
                   height: int = 560) -> go.Figure:
    """Belarus and its region in ``year``: countries coloured by membership, ties as lines.

    Countries are coloured by the memberships in force on 31 December of the year
    (NATO and EU, NATO, EU, Union State, CSTO, Eastern Partnership, CIS); each
    capital carries a marker whose shape also tells the group. Belarus is outlined
    in black. Relations of that year between actors with a capital or seat on the
    map are lines: the colour tells the domain, the dash pattern the type, the width
    the strength; hover a line's midpoint for its evidence and sources.

    Parameters
    ----------
    year : int
        1991 to 2025.
    domain : {"security", "political", "economic"}, optional
        Only relations of this domain.
    focus : str, optional
        An actor id; relations not involving it are faded.

    Examples
    --------
    >>> fig = geo_map_figure(2016)
    >>> fig.layout.geo.showland, fig.layout.geo.showcountries
    (False, False)
    """
    return _geo_map(year, domain=domain, focus=focus, height=height)


def _geo_map(year: int, *, domain: str | None, focus: str | None, height: int,
             hover: dict[str, str] | None = None) -> go.Figure:
    """:func:`geo_map_figure`, with the hover texts an explorer computed once."""
    year, domain, focus, actors = check_view(year, domain, focus)
    members = memberships_in(year)
    by_iso = actors.dropna(subset=["iso3"]).set_index("iso3")
    # Traces are collected as plain dicts and checked once, when the figure is made:
    # building each as a graph object first would check it twice.
    traces: list[dict] = []

    groups: dict[str, list[str]] = {b: [] for b in BLOCS}
    bloc_by_actor: dict[str, str] = {}
    outlines = country_outlines()
    for iso3 in outlines:
        actor = by_iso.loc[iso3, "actor_id"] if iso3 in by_iso.index else None
        bloc = bloc_of(members.get(actor, set())) if actor else "other"
        if actor:
            bloc_by_actor[actor] = bloc
        groups[bloc].append(iso3)
    # The legend shows each group by its capital marker (colour and shape), so the map can be
    # read without colour; a group whose capitals are all off the map shows its fill instead.
    with_capitals = {bloc_by_actor.get(a) for a in actors.loc[
        (actors["kind"] == "state") & actors["lon"].between(*MAP_VIEW["lon"])
        & actors["lat"].between(*MAP_VIEW["lat"]), "actor_id"]}
    for bloc, (label, colour, _) in BLOCS.items():
        label = _bloc_label(bloc, label, year)
        if groups[bloc]:
            lons = np.concatenate([outlines[c][0] for c in groups[bloc]])
            lats = np.concatenate([outlines[c][1] for c in groups[bloc]])
            traces.append(dict(
                type="scattergeo", lon=lons, lat=lats, mode="lines", fill="toself",
                fillcolor=_calm(colour), line={"color": "white", "width": 0.7}, name=label,
                legendgroup="blocs", showlegend=bloc not in with_capitals,
                legendrank=list(BLOCS).index(bloc) + 1,
                legendgrouptitle={"text": f"Memberships, end of {year}"},
                hoverinfo="skip"))
    traces.append(dict(
        type="scattergeo", lon=outlines["BLR"][0], lat=outlines["BLR"][1], mode="lines",
        line={"color": "black", "width": 3}, name="Belarus", showlegend=False,
        hoverinfo="skip"))

    rels = relations_in(year, domain=domain)
    located = actors.dropna(subset=["lat", "lon"])
    located = located[located["lon"].between(*MAP_VIEW["lon"])
                      & located["lat"].between(*MAP_VIEW["lat"])].set_index("actor_id")
    # Ties with actors beyond the map (the US, China, groupings without a seat) are in the
    # network view; on the map they would be lines running off the edge.
    rels = rels[rels["from_actor"].isin(located.index) & rels["to_actor"].isin(located.index)]
    traces += relation_traces(
        rels, dict(zip(located.index, zip(located["lon"], located["lat"], strict=True),
                       strict=True)), hovers_covering(rels, hover, year), focus, geo=True)

    states = actors[(actors["kind"] == "state") & actors["actor_id"].isin(bloc_by_actor)
                    & actors["lon"].between(*MAP_VIEW["lon"])
                    & actors["lat"].between(*MAP_VIEW["lat"])]
    state_bloc = states["actor_id"].map(bloc_by_actor)
    for bloc, (label, colour, symbol) in BLOCS.items():
        label = _bloc_label(bloc, label, year)
        rows = states[state_bloc == bloc]
        if rows.empty:
            continue
        capital_hover = [_country_hover(name, year, members.get(actor, set()), label)
                         for name, actor in zip(rows["name"], rows["actor_id"], strict=True)]
        traces.append(dict(
            type="scattergeo", lon=list(rows["lon"]), lat=list(rows["lat"]), mode="markers",
            marker={"symbol": symbol, "size": 9, "color": colour,
                    "line": {"color": "black", "width": 1}},
            name=label, meta="capitals", showlegend=True, legendgroup="blocs",
            legendrank=list(BLOCS).index(bloc) + 1,
            legendgrouptitle={"text": f"Memberships, end of {year}"},
            hovertext=capital_hover, hoverinfo="text", ids=list(rows["actor_id"])))
    label_lon, label_lat = belarus_label_place(traces)
    traces.append(dict(
        type="scattergeo", lon=[label_lon], lat=[label_lat], mode="text",
        text=["<b>BELARUS</b>"], textposition="middle center",
        # a white halo, so that a tie that still crosses the name passes behind it
        textfont={"size": 13, "shadow": "auto"},
        showlegend=False, hoverinfo="skip", name="Belarus label"))

    return course_figure(traces, layout=dict(
        height=height, font=FONT, margin={"l": 0, "r": 0, "t": 40, "b": 0},
        title={"text": f"Memberships and ties, {year}" + (f" ({domain})" if domain else ""),
               "x": 0.01, "y": 0.98},
        legend={"x": 1.0, "xanchor": "left", "y": 1, "font": {"size": 12},
                "groupclick": "toggleitem"},
        hoverlabel={"align": "left", "font": {"size": 13}},
        geo={"showland": False, "showocean": False, "showlakes": False, "showrivers": False,
             "showcountries": False, "showcoastlines": False, "showsubunits": False,
             "showframe": False, "bgcolor": "white", "fitbounds": False,
             "projection": {"type": "conic equal area", "parallels": [45, 65],
                            "rotation": {"lon": 26}},
             "lonaxis": {"range": list(MAP_VIEW["lon"]), "showgrid": False},
             "lataxis": {"range": list(MAP_VIEW["lat"]), "showgrid": False}},
    ))


def _calm(colour: str, alpha: float = 0.55) -> str:
    """A country fill lighter than its capital marker, so that tie lines read over it.

    >>> _calm("#0072B2")
    'rgba(0, 114, 178, 0.55)'
    """
    red, green, blue = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red}, {green}, {blue}, {alpha})"


def _bloc_label(bloc: str, label: str, year: int) -> str:
    """The legend's name for a colour group in ``year`` (the CSTO was the CST before 2002)."""
    return organisation_name("csto", year) if bloc == "csto" else label


def _country_hover(name: str, year: int, organisations: set[str], label: str) -> str:
    listed = ", ".join(organisation_name(o, year) for o in sorted(organisations)) or "none coded"
    return (f"<b>{plotly_text(name)}</b><br>{plotly_text(label)} at the end of {year}"
            f"<br>Member of: {wrap(listed, 48)}")


def belarus_label_place(traces: list[dict]) -> tuple[float, float]:
    """Where the name of Belarus goes on a map of these traces: the first of
    :data:`BELARUS_LABEL_PLACES` whose box the fewest tie lines and markers cross.

    >>> tie = {"mode": "lines", "lon": [20.0, 27.6], "lat": [52.3, 52.3]}
    >>> belarus_label_place([tie])
    (25.9, 51.8)
    """
    samples = np.linspace(0.0, 1.0, 40)
    lons, lats = [], []
    for trace in traces:
        mode = trace.get("mode", "")
        xs, ys = trace.get("lon"), trace.get("lat")
        if xs is None or mode not in ("lines", "markers") or trace.get("fill"):
            continue  # the country fills and outlines are not ties
        if trace.get("name") == "Belarus":
            continue
        if mode == "markers":
            lons += [x for x in xs if x is not None]
            lats += [y for y in ys if y is not None]
            continue
        for (x0, y0), (x1, y1) in itertools.pairwise(zip(xs, ys, strict=True)):
            if None in (x0, y0, x1, y1):
                continue
            lons += list(x0 + (x1 - x0) * samples)
            lats += list(y0 + (y1 - y0) * samples)
    lon, lat = np.array(lons, dtype=float), np.array(lats, dtype=float)
    half_lon, half_lat = BELARUS_LABEL_HALF

    def crossed(place: tuple[float, float]) -> int:
        return int(((abs(lon - place[0]) <= half_lon) & (abs(lat - place[1]) <= half_lat)).sum())

    return min(BELARUS_LABEL_PLACES, key=crossed)


def describe_actor_map(year: int, *, domain: str | None = None) -> str:
    """A plain-text summary of one year's map, for screen readers and handouts.

    >>> print(describe_actor_map(2016).splitlines()[0])  # doctest: +NORMALIZE_WHITESPACE
    In 2016 (end of year), Belarus belongs to: CIS, CSTO, EAEU, Eastern Partnership,
    Non-Aligned Movement, OSCE, Union State; partner of NATO's Partnership for Peace.
    """
    year, domain = check_year(year), check_domain(domain)
    members = memberships_in(year)
    actors = load_actors().set_index("actor_id")
    own = members.get("blr", set())
    belongs = sorted(organisation_name(o, year) for o in own if o != "partnership_for_peace")
    line = f"In {year} (end of year), Belarus belongs to: {', '.join(belongs) or 'nothing coded'}"
    if "partnership_for_peace" in own:
        line += "; partner of NATO's Partnership for Peace"
    lines = [line + "."]
    for bloc in ("nato", "eu", "csto"):
        inside = [actors.loc[n, "name"] for n in NEIGHBOURS if bloc in members.get(n, set())]
        if inside:
            lines.append(f"Neighbours in {organisation_name(bloc, year)}: {', '.join(inside)}.")
    rels = relations_in(year, domain=domain)
    mine = rels[(rels["from_actor"] == "blr") | (rels["to_actor"] == "blr")]
    mine = mine.sort_values(["strength", "relation_id"], ascending=[False, True])
    if mine.empty:
        lines.append("No coded ties of Belarus this year.")
    else:
        lines.append("Strongest ties of Belarus:")
        for rel in mine.head(5).itertuples():
            arrow = "→" if rel.directed else "↔"
            # The years and the note tell apart two ties of one type (energy and loans).
            note = f": {textwrap.shorten(rel.note, 70, placeholder=' …')}" if isinstance(
                rel.note, str) else ""
            lines.append(f"  {short_name(actors.loc[rel.from_actor, 'name'])} {arrow} "
                         f"{short_name(actors.loc[rel.to_actor, 'name'])}: {rel.domain} "
                         f"{rel.type}, strength {rel.strength}, {rel.valid_from}-"
                         f"{rel.valid_to}{note}")
    return TextVersion("\n".join(lines))


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

    def _refresh(self, _change=None) -> None:
        year, domain, focus = self.year.value, self.domain.value or None, self.focus.value or None
        self.map = _geo_map(year, domain=domain, focus=focus, height=self._height,
                            hover=self._hover)
        self.network = _network(year, domain=domain, focus=focus, height=self._height,
                                hover=self._hover)
        # One legend for both figures, under the map, so neither plot gives half its width
        # to a legend and no legend covers the network's labels.
        self.map.update_layout(legend={"orientation": "h", "x": 0, "y": -0.02,
                                       "yanchor": "top", "font": {"size": 12}},
                               margin={"r": 0, "b": 0}, height=self._height + 220)
        self.network.update_layout(showlegend=False)
        show_figure(self.map_chart, self.map)
        show_figure(self.network_chart, self.network)
        self.summary.value = text_version_html(describe_actor_map(year, domain=domain))
        self.details.value = ties_html(year, domain, focus, self._actors, self._events,
                                       self._sources)
