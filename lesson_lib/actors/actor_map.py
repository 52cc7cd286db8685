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
import itertools
import json
import textwrap
from dataclasses import dataclass
from importlib import resources
from typing import NamedTuple

import numpy as np
import plotly.graph_objects as go

from ..course import NEIGHBOURS
from ..data import data_version
from ..formatting import (
    TextVersion,
    plotly_text,
    wrap,
)
from ..style import FONT, OKABE_ITO, course_figure
from ..tables import load_actors
from ._tie_traces import relation_traces
from .ties import (
    bloc_of,
    check_domain,
    check_view,
    check_year,
    hovers_covering,
    memberships_in,
    organisation_name,
    relations_in,
    short_name,
)

__all__ = [
    "BLOCS",
    "geo_map_figure",
    "country_outlines",
    "describe_actor_map",
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


class _Capital(NamedTuple):
    actor_id: str
    name: str
    lon: float
    lat: float


@dataclass(frozen=True)
class _MapPlaces:
    """What every year's map needs of the actors table: the same whatever the year, so an
    explorer's year step does not filter the table again (about 8 ms of a step)."""

    actor_by_iso: dict[str, str]  # country code -> actor, for the countries with an actor
    located: dict[str, tuple[float, float]]  # actor -> (lon, lat), inside the map's view
    capitals: tuple[_Capital, ...]  # the states in the view with a country outline, in order


@functools.lru_cache(maxsize=2)
def _map_places(version: tuple) -> _MapPlaces:
    # ``version`` is only the cache key: another folder, or an edited file, is a new one.
    actors = load_actors()
    (lon_low, lon_high), (lat_low, lat_high) = MAP_VIEW["lon"], MAP_VIEW["lat"]
    in_view = actors["lon"].between(lon_low, lon_high) & actors["lat"].between(lat_low, lat_high)
    with_iso = actors.dropna(subset=["iso3"])
    actor_by_iso = dict(zip(with_iso["iso3"], with_iso["actor_id"], strict=True))
    outlined = set(actor_by_iso[iso] for iso in country_outlines() if iso in actor_by_iso)
    seen = actors[in_view]
    states = seen[(seen["kind"] == "state") & seen["actor_id"].isin(outlined)]
    return _MapPlaces(
        actor_by_iso=actor_by_iso,
        located=dict(zip(seen["actor_id"], zip(seen["lon"], seen["lat"], strict=True),
                         strict=True)),
        capitals=tuple(_Capital(*row) for row in zip(
            states["actor_id"], states["name"], states["lon"], states["lat"], strict=True)))


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
             hover: dict[str, str] | None = None, layout: dict | None = None,
             checked: bool = True, legend: bool = True) -> go.Figure:
    """:func:`geo_map_figure`, with the hover texts an explorer computed once, the
    explorer's own ``layout`` settings (they replace the map's own, key by key) and, for
    an explorer, plotly's checks skipped (``checked``, see :func:`course_figure`) and no
    legend (``legend``: the explorer draws the legend apart, see
    :func:`lesson_lib.actors.map_explorer.map_legend_figure`)."""
    year, domain, focus, _actors = check_view(year, domain, focus)
    members = memberships_in(year)
    places = _map_places(data_version())
    # Traces are collected as plain dicts and checked once, when the figure is made:
    # building each as a graph object first would check it twice.
    traces: list[dict] = []

    bloc_by_actor = {actor: bloc_of(members.get(actor, set()))
                     for actor in places.actor_by_iso.values()}
    groups: dict[str, list[str]] = {b: [] for b in BLOCS}
    outlines = country_outlines()
    for iso3 in outlines:
        actor = places.actor_by_iso.get(iso3)
        groups[bloc_by_actor[actor] if actor else "other"].append(iso3)
    # The legend shows each group by its capital marker (colour and shape), so the map can be
    # read without colour; a group whose capitals are all off the map shows its fill instead.
    with_capitals = {bloc_by_actor.get(capital.actor_id) for capital in places.capitals}
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

    # Ties with actors beyond the map (the US, China, groupings without a seat) are in the
    # network view; on the map they would be lines running off the edge.
    rels = relations_in(year, domain=domain)
    rels = rels[rels["from_actor"].isin(places.located) & rels["to_actor"].isin(places.located)]
    traces += relation_traces(rels, places.located, hovers_covering(rels, hover, year), focus,
                              geo=True, legend=legend)

    for bloc, (label, colour, symbol) in BLOCS.items():
        label = _bloc_label(bloc, label, year)
        rows = [c for c in places.capitals if bloc_by_actor.get(c.actor_id) == bloc]
        if not rows:
            continue
        capital_hover = [_country_hover(c.name, year, members.get(c.actor_id, set()), label)
                         for c in rows]
        traces.append(dict(
            type="scattergeo", lon=[c.lon for c in rows], lat=[c.lat for c in rows],
            mode="markers", marker={"symbol": symbol, "size": 9, "color": colour,
                                    "line": {"color": "black", "width": 1}},
            name=label, meta="capitals", showlegend=True, legendgroup="blocs",
            legendrank=list(BLOCS).index(bloc) + 1,
            legendgrouptitle={"text": f"Memberships, end of {year}"},
            hovertext=capital_hover, hoverinfo="text", ids=[c.actor_id for c in rows]))
    label_lon, label_lat = belarus_label_place(traces)
    traces.append(dict(
        type="scattergeo", lon=[label_lon], lat=[label_lat], mode="text",
        text=["<b>BELARUS</b>"], textposition="middle center",
        # a white halo, so that a tie that still crosses the name passes behind it
        textfont={"size": 13, "shadow": "auto"},
        showlegend=False, hoverinfo="skip", name="Belarus label"))

    return course_figure(traces, layout={**dict(
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
    ), **({} if legend else {"showlegend": False}), **(layout or {})}, checked=checked)


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


