"""How a tie is drawn, on the map and in the network alike: colour for the domain, dash for
the type, width for the strength, a hoverable marker at its midpoint."""

from __future__ import annotations

import math

import pandas as pd

from ..course import labels

# How a relation's type is drawn: dash pattern and a word, so that cooperation and
# pressure differ in line shape as well as in the hover text.
# Alliance is unbroken; cooperation has short breaks, so the two are told apart.
RELATION_DASH = {"alliance": "solid", "cooperation": "10px,3px", "dialogue": "dot",
                 "dependence": "longdash", "distrust": "dash", "pressure": "dashdot",
                 "war": "longdashdot"}
RELATION_WORD = labels("relations", "type")
DOMAIN_COLOUR = {"security": "#8B1A00", "political": "#0B2E59", "economic": "#00513A"}
DOMAIN_SYMBOL = {"security": "diamond", "political": "circle", "economic": "square"}
FADED = 0.15


def relation_traces(rels: pd.DataFrame, position: dict, hover: dict[str, str],
                     focus: str | None, *, geo: bool, legend: bool = True) -> list[dict]:
    """Ties as line traces grouped by (type, domain, strength, faded), legend entries (unless
    ``legend`` is false: a figure that shows no legend), and one marker trace holding every
    tie's midpoint and hover text."""
    kind = "scattergeo" if geo else "scatter"
    xkey, ykey = ("lon", "lat") if geo else ("x", "y")
    traces = list(_legend_traces(kind, xkey, ykey)) if legend else []
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
        dash, word = RELATION_DASH[rtype], RELATION_WORD[rtype]
        traces.append({"type": kind, xkey: xs, ykey: ys, "mode": "lines",
                       "line": {"color": DOMAIN_COLOUR[domain], "dash": dash,
                                # Thinner on the map, where every tie meets at Minsk.
                                "width": (1 + strength) if geo else 1.5 + 1.5 * strength},
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


def _legend_traces(kind: str, xkey: str, ykey: str):
    """Legend-only entries: line shape means type, colour means domain (drawn nowhere)."""
    for rtype, dash in RELATION_DASH.items():
        word = RELATION_WORD[rtype]
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
