"""What Belarus depended on: who it traded with, as published."""

from __future__ import annotations

import plotly.graph_objects as go

from ..course import labels
from ..style import FONT, OKABE_ITO, course_figure
from ..tables import load_trade_shares

__all__ = ["trade_partners_figure"]


def trade_partners_figure() -> go.Figure:
    """Who Belarus traded with: each partner's published share of its total trade in goods,
    for the years a source gives it (:func:`lesson_lib.load_trade_shares`).

    >>> [t.name for t in trade_partners_figure().data]
    ['Russia', 'the EU', 'Ukraine', 'China']
    """
    shares = load_trade_shares()
    total = shares[shares["measure"] == "total_trade"]
    partners = labels("trade_shares", "partner")
    # Looks go by the partner's place in the schema's list, so a partner a teacher adds to
    # the schema gets a colour and pattern of its own instead of a KeyError.
    colours = [OKABE_ITO[c] for c in
               ("vermillion", "blue", "yellow", "green", "purple", "sky_blue")]
    shapes = ["", "/", ".", "x", "-", "+"]
    traces = []
    for number, (partner, name) in enumerate(partners.items()):
        rows = total[total["partner"] == partner]
        traces.append(go.Bar(
            # Bars run sideways, one row each, so no label sits beside a neighbour's label
            # however narrow the chart.
            y=rows["year"].astype(str) + [" (Jan-Jun)" if p != "full year" else ""
                                          for p in rows["period"]],
            x=rows["share_percent"], name=name, orientation="h",
            # as published: 49.5 stays 49.5, and an estimate says so
            text=[("about " if a else "") + f"{v:g}%" for v, a in
                  zip(rows["share_percent"], rows["approximate"], strict=True)],
            textposition="outside",
            marker={"color": colours[number % 6], "pattern": {"shape": shapes[number % 6]},
                    "line": {"color": "#333", "width": 1}},
            hovertemplate="%{y}: %{x:.1f}% of Belarus's trade<extra>" + name + "</extra>"))
    return course_figure(traces, layout=dict(
        height=520, font=FONT, barmode="group",
        uniformtext={"minsize": 12, "mode": "show"},  # plotly would shrink a long label
        title={"text": "Shares of Belarus's trade in goods, as published", "x": 0.01},
        xaxis={"title": {"text": "% of total trade"}, "range": [0, 85]},
        # Earliest year on top; within a year the partners keep the legend's order.
        yaxis={"type": "category", "autorange": "reversed"},
        legend={"orientation": "h", "y": -0.15, "x": 0, "traceorder": "normal"},
        margin={"l": 120, "r": 20, "t": 50, "b": 90}))
