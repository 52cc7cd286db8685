"""The actors and their ties in one year as a network, with positions that stay put."""

from __future__ import annotations

import functools
import hashlib
import json
import math
from importlib import resources

import pandas as pd
import plotly.graph_objects as go

from ..formatting import plotly_text
from ..style import FONT, course_figure
from ..tables import load_relations, load_sides
from ._tie_traces import DOMAIN_COLOUR, FADED, relation_traces
from .ties import check_view, hovers_covering, relations_in, short_name

__all__ = ["network_positions", "network_figure"]

# Actors start on their side of the course's axis (the sides table, read once per layout):
# the West to the left, Moscow's side to the right, the rest in the middle.
START_X = {"west": -1.5, "moscow": 1.5, "neither": 0.0}


@functools.cache
def _positions_for(edges: tuple[tuple[str, str], ...],
                   sides: tuple[tuple[str, str], ...]) -> dict[str, tuple[float, float]]:
    # networkx is imported where the network is drawn: most lessons never need it, and
    # importing it costs every kernel about 70 ms at start.
    import networkx as nx

    graph = nx.Graph()
    graph.add_node("blr")
    graph.add_edges_from(edges)
    nodes = sorted(graph.nodes)
    side_of = dict(sides)
    start = {}
    for i, node in enumerate(nodes):
        angle = 2 * math.pi * i / len(nodes)
        start[node] = (START_X[side_of.get(node, "neither")] + math.cos(angle), math.sin(angle))
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
    sides = load_sides()
    sides = tuple(zip(sides["actor_id"], sides["side"], strict=True))
    stored = _stored_layout()
    if stored.get("inputs") == layout_inputs(edges, sides):
        return {node: (x, y) for node, (x, y) in stored["positions"].items()}
    return _positions_for(edges, sides)


# The layout of the shipped data, stored: networkx (about 100 ms to import, a tenth of
# lesson 03's start) is then needed only when a teacher's ties differ from the course's.
# tools/network_layout.py writes it; a test fails when it is stale.
LAYOUT_FILE = "network_layout.json"


def layout_inputs(edges, sides) -> str:
    """A fingerprint of what the layout is computed from: the ties and the actors' sides."""
    text = json.dumps([[list(e) for e in edges], [list(s) for s in sides]])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@functools.cache
def _stored_layout() -> dict:
    try:
        return json.loads((resources.files("lesson_lib") / "data" / LAYOUT_FILE)
                          .read_text("utf-8"))
    except (OSError, ValueError):  # missing or unreadable: compute the layout instead
        return {}


def computed_layout() -> dict:
    """The layout of the current data, computed with networkx, as the stored file holds it."""
    relations, sides = load_relations(), load_sides()
    edges = tuple(sorted({(r.from_actor, r.to_actor) for r in relations.itertuples()}))
    sides = tuple(zip(sides["actor_id"], sides["side"], strict=True))
    positions = _positions_for(edges, sides)
    return {"inputs": layout_inputs(edges, sides),
            "positions": {node: list(positions[node]) for node in sorted(positions)}}


def network_figure(year: int, *, domain: str | None = None, focus: str | None = None,
                   height: int = 560) -> go.Figure:
    """The actors and their ties in ``year`` as a network.

    Nodes are the actors with at least one relation that year (and Belarus), sized by
    how many ties they have; circles are states, squares organisations. Edges: colour
    is the domain, dash pattern the type (solid and dotted for alliance, cooperation and
    dialogue; dashed for dependence, distrust and pressure), width the strength; an arrow
    shows direction where a relation runs one way. With ``focus``, everything outside the
    actor's neighbourhood is faded but stays visible.

    Examples
    --------
    >>> fig = network_figure(2016, focus="lva")
    >>> nodes = next(t for t in fig.data if t.name == "actors")
    >>> "blr" in nodes.ids
    True
    """
    return _network(year, domain=domain, focus=focus, height=height)


def _network(year: int, *, domain: str | None, focus: str | None, height: int,
             hover: dict[str, str] | None = None, layout: dict | None = None,
             checked: bool = True, legend: bool = True) -> go.Figure:
    """:func:`network_figure`, with the hover texts an explorer computed once and, for an
    explorer, its own ``layout`` settings, plotly's checks skipped (``checked``) and no
    legend (``legend``: the explorer's map shows the one legend of both; ten legend-only
    traces fewer are about a sixth of the page's work to redraw the network)."""
    year, domain, focus, actors = check_view(year, domain, focus)
    rels = relations_in(year, domain=domain)
    position = network_positions()
    names = dict(zip(actors["actor_id"], actors["name"].map(short_name), strict=True))
    kinds = dict(zip(actors["actor_id"], actors["kind"], strict=True))
    # Who is tied to whom this year (a pair tied twice is one pair of neighbours).
    neighbours: dict[str, set[str]] = {"blr": set()}
    for one, other in zip(rels["from_actor"], rels["to_actor"], strict=True):
        neighbours.setdefault(one, set()).add(other)
        neighbours.setdefault(other, set()).add(one)
    degree = {node: len(tied) for node, tied in neighbours.items()}
    near = ({focus} | neighbours[focus]) if focus and focus in neighbours else (
        {focus} if focus else set(neighbours))
    traces = relation_traces(rels, position, hovers_covering(rels, hover, year), focus,
                             geo=False, legend=legend)
    traces.append(_arrow_trace(rels[rels["directed"]], position, focus))
    nodes = sorted(neighbours, key=lambda n: (n != "blr", n))
    traces.append(dict(
        type="scatter", x=[position[n][0] for n in nodes], y=[position[n][1] for n in nodes],
        mode="markers+text", text=[names[n] for n in nodes], textposition="top center",
        ids=nodes, name="actors", showlegend=False,
        marker={"size": [min(12 + 3 * degree[n], 42) for n in nodes],
                "symbol": ["square" if kinds[n] == "organisation" else "circle" for n in nodes],
                "color": ["black" if n == "blr" else "#FFFFFF" for n in nodes],
                "line": {"color": "#333", "width": 2},
                "opacity": [1.0 if n in near else FADED for n in nodes]},
        textfont={"size": 13, "color": ["#222" if n in near else "rgba(0,0,0,0.3)"
                                        for n in nodes]},
        hovertext=[f"<b>{plotly_text(names[n])}</b><br>{degree[n]} ties in {year}"
                   for n in nodes], hoverinfo="text"))
    notes = []
    if focus and focus not in neighbours:
        notes.append({"x": 0.5, "y": 0.02, "xref": "paper", "yref": "paper",
                      "showarrow": False, "name": "focus-note",
                      "text": f"{plotly_text(names[focus])} has no coded ties in {year}"
                              + (f" ({domain})" if domain else "")})
    xs = [p[0] for p in position.values()]
    ys = [p[1] for p in position.values()]
    pad = 0.12 * (max(ys) - min(ys))
    return course_figure(traces, layout={**dict(
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
    ), **({} if legend else {"showlegend": False}), **(layout or {})}, checked=checked)


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
