"""Who pulls Belarus where: a map of memberships and ties, and a network of relations, by year.

Both figures are drawn from shipped data only. The map's country outlines ship with
the package (``data/map_outlines.geojson``) and are drawn as filled ``Scattergeo``
traces with every base layer of plotly's map switched off: plotly.js fetches its
own outlines from a CDN whenever a base layer is on or a trace sets ``locationmode``,
so neither ever happens here.
"""

from __future__ import annotations

import functools
import html
import json
import math
from importlib import resources

import ipywidgets as widgets
import networkx as nx
import numpy as np
import pandas as pd
import plotly.graph_objects as go

from .data import load_actors, load_events, load_memberships, load_relations, load_sources
from .display import show_figure
from .errors import LessonError, Problem
from .formatting import format_span, source_line, sources_html
from .style import FONT, OKABE_ITO, course_figure

__all__ = [
    "FIRST_MAP_YEAR",
    "LAST_MAP_YEAR",
    "BLOCS",
    "memberships_in",
    "bloc_of",
    "relations_in",
    "network_positions",
    "geo_map_figure",
    "network_figure",
    "relation_hovers",
    "describe_actor_map",
    "ActorMapExplorer",
]

FIRST_MAP_YEAR, LAST_MAP_YEAR = 1991, 2025
DOMAINS = ("security", "political", "economic")
ORGANISATION_NAMES = {
    "nato": "NATO", "eu": "EU", "csto": "CSTO", "cis": "CIS", "union_state": "Union State",
    "eaeu": "EAEU", "eastern_partnership": "Eastern Partnership",
    "partnership_for_peace": "Partnership for Peace", "sco": "SCO",
}
# Map colour of a country: the first of these its memberships match, in this order.
BLOCS = {
    "nato_eu": ("NATO and EU", OKABE_ITO["blue"], "circle"),
    "nato": ("NATO, not EU", OKABE_ITO["sky_blue"], "diamond"),
    "eu": ("EU, not NATO", OKABE_ITO["yellow"], "square"),
    "union_state": ("Union State (Belarus and Russia)", OKABE_ITO["orange"], "star"),
    "csto": ("CSTO", OKABE_ITO["vermillion"], "triangle-up"),
    "eastern_partnership": ("Eastern Partnership", OKABE_ITO["green"], "pentagon"),
    "cis": ("CIS only", OKABE_ITO["purple"], "triangle-down"),
    "other": ("None of these", "#D9D9D9", "circle-open"),
}
# How a relation's type is drawn: dash pattern and a word, so that cooperation and
# pressure differ in line shape as well as in the hover text.
RELATION_STYLE = {
    "alliance": ("solid", "alliance (cooperative)"),
    "cooperation": ("solid", "cooperation (cooperative)"),
    "dialogue": ("dot", "dialogue (cooperative)"),
    "dependence": ("longdash", "dependence (unequal)"),
    "distrust": ("dash", "distrust (hostile)"),
    "pressure": ("dashdot", "pressure (hostile)"),
}
# Dark shades, so ties stay visible over the membership fills; the midpoint marker's
# shape repeats the domain (as on the timeline: security diamond, political circle,
# economic square), so the domain is never told by colour alone.
DOMAIN_COLOUR = {"security": "#8B1A00", "political": "#0B2E59", "economic": "#00513A"}
DOMAIN_SYMBOL = {"security": "diamond", "political": "circle", "economic": "square"}
FADED = 0.15
MAP_VIEW = {"lon": (-10.0, 62.0), "lat": (35.0, 70.5)}


def check_year(year) -> int:
    """The year as an int inside the maps' range, or a teaching error."""
    if isinstance(year, bool) or not isinstance(year, int | float) or int(year) != year:
        raise LessonError(Problem('"year" must be a whole year', found=repr(year),
                                  expected=f"a year from {FIRST_MAP_YEAR} to {LAST_MAP_YEAR}"))
    if not FIRST_MAP_YEAR <= year <= LAST_MAP_YEAR:
        raise LessonError(Problem('"year" is outside the years the maps cover', found=str(year),
                                  expected=f"a year from {FIRST_MAP_YEAR} to {LAST_MAP_YEAR}"))
    return int(year)


def check_domain(domain) -> str | None:
    if domain in (None, ""):
        return None
    if domain not in DOMAINS:
        raise LessonError(Problem('unknown value for "domain"', found=repr(domain),
                                  expected="one of " + ", ".join(DOMAINS) + ", or None for all"))
    return domain


def check_actor(actor, actors: pd.DataFrame) -> str | None:
    if actor in (None, ""):
        return None
    if actor not in set(actors["actor_id"]):
        raise LessonError(Problem('unknown actor id for "focus"', found=repr(actor),
                                  expected="an actor_id of load_actors(), such as "
                                           + ", ".join(sorted(actors["actor_id"])[:12]) + " …"))
    return actor


def _year_end(year: int) -> pd.Timestamp:
    return pd.Timestamp(f"{year}-12-31")


def memberships_in(year: int, memberships: pd.DataFrame | None = None) -> dict[str, set[str]]:
    """Each actor's organisations on 31 December of ``year`` (memberships and partnerships
    in force then; observer status does not count).

    >>> sorted(memberships_in(2004)["lva"])
    ['eu', 'nato']
    """
    year = check_year(year)
    memberships = load_memberships() if memberships is None else memberships
    day = _year_end(year)
    active = memberships[(memberships["joined"] <= day)
                         & (memberships["left"].isna() | (memberships["left"] > day))
                         & (memberships["status"] != "observer")]
    found: dict[str, set[str]] = {}
    for actor, organisation in zip(active["actor_id"], active["organisation_id"], strict=True):
        found.setdefault(actor, set()).add(organisation)
    return found


def bloc_of(organisations: set[str]) -> str:
    """The map colour group for a set of organisations (see ``BLOCS``).

    >>> bloc_of({"nato", "eu"}), bloc_of({"csto", "cis"}), bloc_of(set())
    ('nato_eu', 'csto', 'other')
    """
    if {"nato", "eu"} <= organisations:
        return "nato_eu"
    for bloc in ("nato", "eu", "union_state", "csto", "eastern_partnership", "cis"):
        if bloc in organisations:
            return bloc
    return "other"


def relations_in(year: int, *, domain: str | None = None,
                 relations: pd.DataFrame | None = None) -> pd.DataFrame:
    """The relations that hold in ``year`` (optionally one domain).

    >>> relations_in(2016, domain="security").domain.unique().tolist()
    ['security']
    """
    year, domain = check_year(year), check_domain(domain)
    relations = load_relations() if relations is None else relations
    held = relations[(relations["valid_from"] <= year) & (relations["valid_to"] >= year)]
    if domain:
        held = held[held["domain"] == domain]
    return held


def short_name(name: str) -> str:
    """'North Atlantic Treaty Organization (NATO)' -> 'NATO'."""
    if name.endswith(")") and "(" in name:
        return name[name.rindex("(") + 1:-1]
    return name


def _clockwise(ring: list) -> list:
    """GeoJSON rings run anticlockwise, but d3 (inside plotly) reads an anticlockwise ring
    as "everything but this country" and would paint the whole globe; so turn them."""
    area = sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False))
    return ring[::-1] if area > 0 else ring


@functools.cache
def _outlines() -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Each country's outer rings as (lon, lat) arrays, NaN between rings; read once.

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


def outline_source() -> str:
    """Where the map outlines come from (also in the datasheet)."""
    raw = (resources.files("lesson_lib") / "data" / "map_outlines.geojson").read_text("utf-8")
    return json.loads(raw)["source"]


def relation_hovers(relations: pd.DataFrame | None = None) -> dict[str, str]:
    """Each relation's hover text (ends, type, evidence and sources), by relation id.

    The texts do not depend on the year, the domain or the focus, so an explorer
    computes them once and hands them to every redraw.

    >>> "Sources:" in relation_hovers()["blr_rus_security_alliance_1993_2021"]
    True
    """
    relations = load_relations() if relations is None else relations
    actors = load_actors()
    names = dict(zip(actors["actor_id"], actors["name"].map(short_name), strict=True))
    by_event = load_events().set_index("event_id")
    by_source = load_sources().set_index("source_id")
    return {rel.relation_id: _relation_hover(rel, names, by_event, by_source)
            for rel in relations.itertuples()}


def _hover_for(rels: pd.DataFrame, hover: dict[str, str] | None) -> dict[str, str]:
    """``hover`` if it covers ``rels``; otherwise fresh texts (the data may have been
    swapped with ``use_data`` since an explorer computed its texts)."""
    if hover is None or not set(rels["relation_id"]) <= hover.keys():
        return relation_hovers()
    return hover


def _relation_hover(rel, names: dict[str, str], by_event: pd.DataFrame,
                    by_source: pd.DataFrame) -> str:
    arrow = "→" if rel.directed else "↔"
    lines = [f"<b>{html.escape(names[rel.from_actor])} {arrow} "
             f"{html.escape(names[rel.to_actor])}</b>",
             f"{html.escape(rel.domain)} {html.escape(rel.type)}, strength {rel.strength}, "
             f"{rel.valid_from}-{rel.valid_to}"]
    if isinstance(rel.note, str):
        lines.append(html.escape(rel.note))
    for event_id in rel.evidence_event_ids[:4]:
        if event_id in by_event.index:
            e = by_event.loc[event_id]
            lines.append(f"· {html.escape(format_span(e['date'], e['date_precision']))}: "
                         f"{html.escape(e['title'])}")
    cited = [source_line(by_source.loc[s]) for s in rel.source_ids[:3] if s in by_source.index]
    if rel.article_only:
        cited.append("reported only by the source article")
    lines.append("<i>Sources:</i> " + html.escape("; ".join(cited)))
    return "<br>".join(lines)


def geo_map_figure(year: int, *, domain: str | None = None, focus: str | None = None,
                   height: int = 560, hover: dict[str, str] | None = None) -> go.Figure:
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
    hover : dict, optional
        Hover texts from :func:`relation_hovers`, to skip recomputing them on every redraw.

    Examples
    --------
    >>> fig = geo_map_figure(2016)
    >>> fig.layout.geo.showland, fig.layout.geo.showcountries
    (False, False)
    """
    year, domain = check_year(year), check_domain(domain)
    actors = load_actors()
    focus = check_actor(focus, actors)
    members = memberships_in(year)
    by_iso = actors.dropna(subset=["iso3"]).set_index("iso3")
    # Traces are collected as plain dicts and checked once, when the figure is made:
    # building each as a graph object first would check it twice.
    traces: list[dict] = []

    groups: dict[str, list[str]] = {b: [] for b in BLOCS}
    bloc_by_actor: dict[str, str] = {}
    outlines = _outlines()
    for iso3 in outlines:
        actor = by_iso.loc[iso3, "actor_id"] if iso3 in by_iso.index else None
        bloc = bloc_of(members.get(actor, set())) if actor else "other"
        if actor:
            bloc_by_actor[actor] = bloc
        groups[bloc].append(iso3)
    for bloc, (label, colour, _) in BLOCS.items():
        if groups[bloc]:
            lons = np.concatenate([outlines[c][0] for c in groups[bloc]])
            lats = np.concatenate([outlines[c][1] for c in groups[bloc]])
            traces.append(dict(
                type="scattergeo", lon=lons, lat=lats, mode="lines", fill="toself",
                fillcolor=colour, line={"color": "white", "width": 0.7}, name=label,
                legendgroup="blocs", legendgrouptitle={"text": f"Memberships, end of {year}"},
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
    traces += _relation_traces(
        rels, dict(zip(located.index, zip(located["lon"], located["lat"], strict=True),
                       strict=True)), _hover_for(rels, hover), focus, geo=True)

    states = actors[(actors["kind"] == "state") & actors["actor_id"].isin(bloc_by_actor)
                    & actors["lon"].between(*MAP_VIEW["lon"])
                    & actors["lat"].between(*MAP_VIEW["lat"])]
    state_bloc = states["actor_id"].map(bloc_by_actor)
    for bloc, (label, colour, symbol) in BLOCS.items():
        rows = states[state_bloc == bloc]
        if rows.empty:
            continue
        capital_hover = [_country_hover(name, year, members.get(actor, set()), label)
                         for name, actor in zip(rows["name"], rows["actor_id"], strict=True)]
        traces.append(dict(
            type="scattergeo", lon=list(rows["lon"]), lat=list(rows["lat"]), mode="markers",
            marker={"symbol": symbol, "size": 9, "color": colour,
                    "line": {"color": "black", "width": 1}},
            name=f"{label} capitals", showlegend=False, hovertext=capital_hover,
            hoverinfo="text",
            ids=list(rows["actor_id"])))
    minsk = located.loc["blr"]
    traces.append(dict(
        type="scattergeo", lon=[minsk["lon"]], lat=[minsk["lat"]], mode="text",
        text=["<b>BELARUS</b>"],
        textposition="bottom center", textfont={"size": 13}, showlegend=False,
        hoverinfo="skip", name="Belarus label"))

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


def _country_hover(name: str, year: int, organisations: set[str], label: str) -> str:
    listed = ", ".join(ORGANISATION_NAMES[o] for o in sorted(organisations)) or "none coded"
    return (f"<b>{html.escape(name)}</b><br>{html.escape(label)} at the end of {year}"
            f"<br>Member of: {html.escape(listed)}")


def _relation_traces(rels: pd.DataFrame, position: dict, hover: dict[str, str],
                     focus: str | None, *, geo: bool) -> list[dict]:
    """Ties as line traces grouped by (type, domain, strength, faded), legend entries, and
    one marker trace holding every tie's midpoint and hover text."""
    kind = "scattergeo" if geo else "scatter"
    xkey, ykey = ("lon", "lat") if geo else ("x", "y")
    traces = list(_legend_traces(kind, xkey, ykey))
    # One pass of itertuples: each call builds a new row class, about a millisecond.
    rows = list(rels.itertuples())
    shift = _parallel_offsets(rows, position, 0.7 if geo else 0.06)
    groups: dict[tuple, list] = {}
    for rel in rows:
        faded = focus is not None and focus not in (rel.from_actor, rel.to_actor)
        groups.setdefault((rel.type, rel.domain, rel.strength, faded), []).append(rel)
    mid = {"x": [], "y": [], "colour": [], "symbol": [], "opacity": [], "text": [], "ids": []}
    for (rtype, domain, strength, faded), members in sorted(groups.items()):
        xs, ys = [], []
        opacity = FADED if faded else 0.9
        for rel in members:
            (x0, y0), (x1, y1) = position[rel.from_actor], position[rel.to_actor]
            dx, dy = shift[rel.relation_id]
            x0, y0, x1, y1 = x0 + dx, y0 + dy, x1 + dx, y1 + dy
            xs += [x0, x1, None]
            ys += [y0, y1, None]
            mid["x"].append((x0 + x1) / 2)
            mid["y"].append((y0 + y1) / 2)
            mid["colour"].append(DOMAIN_COLOUR[domain])
            mid["symbol"].append(DOMAIN_SYMBOL[domain])
            mid["opacity"].append(opacity)
            mid["text"].append(hover[rel.relation_id])
            mid["ids"].append(rel.relation_id)
        dash, word = RELATION_STYLE[rtype]
        traces.append({"type": kind, xkey: xs, ykey: ys, "mode": "lines",
                       "line": {"color": DOMAIN_COLOUR[domain], "dash": dash,
                                "width": 1.5 + 1.5 * strength},
                       "opacity": opacity, "hoverinfo": "skip", "showlegend": False,
                       "name": word})
    if mid["ids"]:
        # Drawn after every line, so no line covers a midpoint someone wants to hover.
        traces.append({"type": kind, xkey: mid["x"], ykey: mid["y"], "mode": "markers",
                       "marker": {"size": 10, "color": mid["colour"], "symbol": mid["symbol"],
                                  "opacity": mid["opacity"],
                                  "line": {"color": "white", "width": 1}},
                       "hovertext": mid["text"], "hoverinfo": "text", "showlegend": False,
                       "name": "tie details", "ids": mid["ids"]})
    return traces


# Where the layout starts: the West on the left, Moscow's side on the right, so the
# picture reads the same way as the course's story. The spring layout then settles it.
WEST = {"nato", "eu", "usa", "gbr", "deu", "fra", "pol", "ltu", "lva", "est", "osce",
        "eastern_partnership", "partnership_for_peace", "imf"}
EAST = {"rus", "csto", "cis", "union_state", "eaeu", "sco", "chn", "kaz", "kgz", "tjk", "arm"}


def _legend_traces(kind: str, xkey: str, ykey: str):
    """Legend-only entries: line shape means type, colour means domain (drawn nowhere)."""
    for dash, word in RELATION_STYLE.values():
        yield {"type": kind, xkey: [None], ykey: [None], "mode": "lines", "name": word,
               "line": {"color": "#444", "dash": dash, "width": 3}, "legendgroup": "types",
               "legendgrouptitle": {"text": "Tie type (line shape)"}, "hoverinfo": "skip"}
    for domain, colour in DOMAIN_COLOUR.items():
        yield {"type": kind, xkey: [None], ykey: [None], "mode": "lines+markers",
               "name": domain, "line": {"color": colour, "width": 4}, "legendgroup": "domains",
               "marker": {"symbol": DOMAIN_SYMBOL[domain], "size": 10, "color": colour},
               "legendgrouptitle": {"text": "Tie domain (colour, marker)"},
               "hoverinfo": "skip"}


def _parallel_offsets(rels: list, position: dict, gap: float) -> dict:
    """Shift ties (rows of the relations table) between the same two actors sideways so that
    they do not hide each other."""
    pairs: dict[frozenset, list] = {}
    for rel in rels:
        pairs.setdefault(frozenset((rel.from_actor, rel.to_actor)), []).append(rel)
    shift = {}
    for members in pairs.values():
        first = members[0]
        (x0, y0), (x1, y1) = position[first.from_actor], position[first.to_actor]
        length = math.hypot(x1 - x0, y1 - y0) or 1.0
        nx_, ny_ = -(y1 - y0) / length, (x1 - x0) / length
        for i, rel in enumerate(sorted(members, key=lambda r: r.relation_id)):
            step = (i - (len(members) - 1) / 2) * gap
            shift[rel.relation_id] = (nx_ * step, ny_ * step)
    return shift


@functools.cache
def _positions_for(edges: tuple[tuple[str, str], ...]) -> dict[str, tuple[float, float]]:
    graph = nx.Graph()
    graph.add_node("blr")
    graph.add_edges_from(edges)
    nodes = sorted(graph.nodes)
    start = {}
    for i, node in enumerate(nodes):
        angle = 2 * math.pi * i / len(nodes)
        side = -1.5 if node in WEST else 1.5 if node in EAST else 0.0
        start[node] = (side + math.cos(angle), math.sin(angle))
    start["blr"] = (0.0, 0.0)
    layout = nx.spring_layout(graph, seed=7, k=0.9, iterations=300, pos=start, fixed=["blr"])
    return {node: (round(float(x), 4), round(float(y), 4)) for node, (x, y) in layout.items()}


def network_positions(relations: pd.DataFrame | None = None) -> dict[str, tuple[float, float]]:
    """Node positions for the network, computed once from every year's relations together.

    Using all years at once (with a fixed seed, Belarus pinned at the centre) keeps
    every actor in the same place from year to year, so nodes do not jump when the
    year changes.

    >>> network_positions()["blr"]
    (0.0, 0.0)
    """
    relations = load_relations() if relations is None else relations
    edges = tuple(sorted({(r.from_actor, r.to_actor) for r in relations.itertuples()}))
    return _positions_for(edges)


def network_figure(year: int, *, domain: str | None = None, focus: str | None = None,
                   height: int = 560, hover: dict[str, str] | None = None) -> go.Figure:
    """The actors and their ties in ``year`` as a network.

    Nodes are the actors with at least one relation that year (and Belarus), sized by
    how many ties they have; circles are states, squares organisations. Edges: colour
    is the domain, dash pattern the type (solid and dotted for alliance, cooperation and
    dialogue; dashed for dependence, distrust and pressure), width the strength; an arrow
    shows direction where a relation runs one way. With ``focus``, everything outside the
    actor's neighbourhood is faded but stays visible. ``hover`` takes the texts of
    :func:`relation_hovers`, as in :func:`geo_map_figure`.

    Examples
    --------
    >>> fig = network_figure(2016, focus="lva")
    >>> nodes = next(t for t in fig.data if t.name == "actors")
    >>> "blr" in nodes.ids
    True
    """
    year, domain = check_year(year), check_domain(domain)
    actors = load_actors()
    focus = check_actor(focus, actors)
    rels = relations_in(year, domain=domain)
    position = network_positions()
    names = dict(zip(actors["actor_id"], actors["name"].map(short_name), strict=True))
    kinds = dict(zip(actors["actor_id"], actors["kind"], strict=True))
    graph = nx.Graph()
    graph.add_node("blr")
    graph.add_edges_from(zip(rels["from_actor"], rels["to_actor"], strict=True))
    near = ({focus} | set(graph.neighbors(focus))) if focus and focus in graph else (
        {focus} if focus else set(graph))
    traces = _relation_traces(rels, position, _hover_for(rels, hover), focus, geo=False)
    traces.append(_arrow_trace(rels[rels["directed"]], position, focus))
    nodes = sorted(graph.nodes, key=lambda n: (n != "blr", n))
    traces.append(dict(
        type="scatter", x=[position[n][0] for n in nodes], y=[position[n][1] for n in nodes],
        mode="markers+text", text=[names[n] for n in nodes], textposition="top center",
        ids=nodes, name="actors", showlegend=False,
        marker={"size": [min(12 + 3 * graph.degree(n), 42) for n in nodes],
                "symbol": ["square" if kinds[n] == "organisation" else "circle" for n in nodes],
                "color": ["black" if n == "blr" else "#FFFFFF" for n in nodes],
                "line": {"color": "#333", "width": 2},
                "opacity": [1.0 if n in near else FADED for n in nodes]},
        textfont={"size": 13, "color": ["#222" if n in near else "rgba(0,0,0,0.3)"
                                        for n in nodes]},
        hovertext=[f"<b>{html.escape(names[n])}</b><br>{graph.degree(n)} ties in {year}"
                   for n in nodes], hoverinfo="text"))
    notes = []
    if focus and focus not in graph:
        notes.append({"x": 0.5, "y": 0.02, "xref": "paper", "yref": "paper",
                      "showarrow": False, "name": "focus-note",
                      "text": f"{html.escape(names[focus])} has no coded ties in {year}"
                              + (f" ({domain})" if domain else "")})
    xs = [p[0] for p in position.values()]
    ys = [p[1] for p in position.values()]
    pad = 0.12 * (max(ys) - min(ys))
    return course_figure(traces, layout=dict(
        height=height, font=FONT, annotations=notes, plot_bgcolor="white",
        margin={"l": 0, "r": 0, "t": 40, "b": 0},
        title={"text": f"Network of ties, {year}" + (f" ({domain})" if domain else ""),
               "x": 0.01, "y": 0.98},
        legend={"x": 1, "xanchor": "right", "y": 1, "bgcolor": "rgba(255,255,255,0.85)",
                "font": {"size": 12}},
        hoverlabel={"align": "left", "font": {"size": 13}},
        xaxis={"visible": False, "range": [min(xs) - pad, max(xs) + pad], "fixedrange": True},
        yaxis={"visible": False, "range": [min(ys) - pad, max(ys) + pad], "fixedrange": True,
               "scaleanchor": "x"},
    ))


def _arrow_trace(directed: pd.DataFrame, position: dict, focus: str | None) -> dict:
    """Arrowheads three quarters of the way along each one-way tie, pointing at its target."""
    xs, ys, angles, colours, opacity = [], [], [], [], []
    for rel in directed.itertuples():
        (x0, y0), (x1, y1) = position[rel.from_actor], position[rel.to_actor]
        xs.append(x0 + 0.75 * (x1 - x0))
        ys.append(y0 + 0.75 * (y1 - y0))
        # plotly turns markers clockwise from north; the axes share one scale.
        angles.append(math.degrees(math.atan2(x1 - x0, y1 - y0)))
        colours.append(DOMAIN_COLOUR[rel.domain])
        faded = focus is not None and focus not in (rel.from_actor, rel.to_actor)
        opacity.append(FADED if faded else 0.95)
    return {"type": "scatter", "x": xs, "y": ys, "mode": "markers", "name": "direction",
            "showlegend": False, "hoverinfo": "skip",
            "ids": [f"arrow:{r}" for r in directed["relation_id"]],
            "marker": {"symbol": "arrow", "size": 15, "angle": angles, "color": colours,
                       "opacity": opacity}}


def describe_actor_map(year: int, *, domain: str | None = None) -> str:
    """A plain-text summary of one year's map, for screen readers and handouts.

    >>> print(describe_actor_map(2016).splitlines()[0])  # doctest: +NORMALIZE_WHITESPACE
    In 2016 (end of year), Belarus belongs to: CIS, CSTO, EAEU, Eastern Partnership,
    Union State; partner of NATO's Partnership for Peace.
    """
    year, domain = check_year(year), check_domain(domain)
    members = memberships_in(year)
    actors = load_actors().set_index("actor_id")
    own = members.get("blr", set())
    belongs = sorted(ORGANISATION_NAMES[o] for o in own if o != "partnership_for_peace")
    line = f"In {year} (end of year), Belarus belongs to: {', '.join(belongs) or 'nothing coded'}"
    if "partnership_for_peace" in own:
        line += "; partner of NATO's Partnership for Peace"
    lines = [line + "."]
    neighbours = ["pol", "ltu", "lva", "ukr", "rus"]
    for bloc in ("nato", "eu", "csto"):
        inside = [actors.loc[n, "name"] for n in neighbours if bloc in members.get(n, set())]
        if inside:
            lines.append(f"Neighbours in {ORGANISATION_NAMES[bloc]}: {', '.join(inside)}.")
    rels = relations_in(year, domain=domain)
    mine = rels[(rels["from_actor"] == "blr") | (rels["to_actor"] == "blr")]
    mine = mine.sort_values(["strength", "relation_id"], ascending=[False, True])
    if mine.empty:
        lines.append("No coded ties of Belarus this year.")
    else:
        lines.append("Strongest ties of Belarus:")
        for rel in mine.head(5).itertuples():
            arrow = "→" if rel.directed else "↔"
            lines.append(f"  {short_name(actors.loc[rel.from_actor, 'name'])} {arrow} "
                         f"{short_name(actors.loc[rel.to_actor, 'name'])}: {rel.domain} "
                         f"{rel.type}, strength {rel.strength}")
    return "\n".join(lines)


def _event_line(event: pd.Series) -> str:
    return f"{format_span(event['date'], event['date_precision'])}: {event['title']}"


class ActorMapExplorer:
    """The map and the network side by side, with a year slider, a play button,
    a domain menu and a focus menu; a panel lists the focused actor's ties.

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
        self.year = widgets.IntSlider(value=year, min=FIRST_MAP_YEAR, max=LAST_MAP_YEAR,
                                      description="Year", continuous_update=False,
                                      layout=widgets.Layout(width="460px"))
        self.play = widgets.Play(value=year, min=FIRST_MAP_YEAR, max=LAST_MAP_YEAR,
                                 interval=1500, description="Play the years",
                                 tooltip="Play the years")
        widgets.jslink((self.play, "value"), (self.year, "value"))
        self.domain = widgets.Dropdown(description="Domain", value="", options=[
            ("All domains", ""), ("Security", "security"), ("Political", "political"),
            ("Economic", "economic")])
        self.focus = widgets.Dropdown(description="Focus", value="", options=[
            ("No focus", "")] + sorted(((names[a], a) for a in in_relations),
                                       key=lambda pair: pair[0]))
        self.map_area = widgets.Output(layout=widgets.Layout(flex="1 1 560px"))
        self.network_area = widgets.Output(layout=widgets.Layout(flex="1 1 560px"))
        self.summary = widgets.HTML()
        self.details = widgets.HTML()
        self.map: go.Figure | None = None
        self.network: go.Figure | None = None
        for control in (self.year, self.domain, self.focus):
            control.observe(self._refresh, names="value")
        self.box = widgets.VBox([
            widgets.HBox([self.play, self.year, self.domain, self.focus],
                         layout=widgets.Layout(flex_flow="row wrap")),
            widgets.HBox([self.map_area, self.network_area],
                         layout=widgets.Layout(flex_flow="row wrap", width="100%")),
            self.summary, self.details])
        self._refresh()

    def _refresh(self, _change=None) -> None:
        year, domain, focus = self.year.value, self.domain.value or None, self.focus.value or None
        self.map = geo_map_figure(year, domain=domain, focus=focus, height=self._height,
                                  hover=self._hover)
        self.network = network_figure(year, domain=domain, focus=focus, height=self._height,
                                      hover=self._hover)
        show_figure(self.map_area, self.map)
        show_figure(self.network_area, self.network)
        self.summary.value = ("<pre style='white-space: pre-wrap'>"
                              + html.escape(describe_actor_map(year, domain=domain)) + "</pre>")
        self.details.value = self._details(year, domain, focus)

    def _details(self, year: int, domain: str | None, focus: str | None) -> str:
        if not focus:
            return "<p><i>Choose an actor in <b>Focus</b> to list its ties in this year.</i></p>"
        names = self._actors.set_index("actor_id")["name"]
        rels = relations_in(year, domain=domain)
        mine = rels[(rels["from_actor"] == focus) | (rels["to_actor"] == focus)]
        title = f"<h4>{html.escape(names[focus])}: ties in {year}</h4>"
        if mine.empty:
            return title + "<p>No coded ties this year.</p>"
        events = self._events.set_index("event_id")
        items = []
        for rel in mine.sort_values("strength", ascending=False).itertuples():
            arrow = "→" if rel.directed else "↔"
            evidence = "".join(
                f"<li>{html.escape(_event_line(events.loc[e]))}</li>"
                for e in rel.evidence_event_ids if e in events.index)
            items.append(
                f"<li><b>{html.escape(names[rel.from_actor])} {arrow} "
                f"{html.escape(names[rel.to_actor])}</b>: {html.escape(rel.domain)} "
                f"{html.escape(rel.type)}, strength {rel.strength} ({rel.valid_from}-"
                f"{rel.valid_to}). {html.escape(rel.note) if isinstance(rel.note, str) else ''}"
                f"<ul>{evidence}</ul>Sources: {sources_html(rel.source_ids, self._sources)}</li>")
        return title + "<ul>" + "".join(items) + "</ul>"

    def follow(self, timeline) -> None:
        """Move to the year of the event chosen in a :class:`TimelineExplorer`, or to the
        last year of its year range when that changes."""
        events = self._events.set_index("event_id")

        def to_event(change) -> None:
            if change["new"] in events.index:
                self.year.value = min(max(events.loc[change["new"], "date"].year,
                                          FIRST_MAP_YEAR), LAST_MAP_YEAR)

        def to_range(change) -> None:
            self.year.value = min(max(change["new"][1], FIRST_MAP_YEAR), LAST_MAP_YEAR)

        timeline.chooser.observe(to_event, names="value")
        timeline.years.observe(to_range, names="value")

    def _repr_mimebundle_(self, **kwargs):
        return self.box._repr_mimebundle_(**kwargs)
