"""The background a newcomer needs before the first lesson: where Belarus is, and a few
dated facts about it, each taken from the course's own sourced events."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ..course import NEIGHBOURS
from ..errors import LessonError
from ..formatting import format_date, source_line
from ..style import FONT, OKABE_ITO, course_figure
from ..tables import load_actors, load_events, load_sources
from .actor_map import country_outlines

__all__ = ["locator_map_figure", "basic_facts", "BASIC_FACTS"]

# Brussels is where NATO and the EU sit: the place "the West" decides, so it is on the map.
PLACES = ["blr", *NEIGHBOURS, "bel"]
VIEW = {"lon": (2.0, 44.0), "lat": (44.0, 62.0)}
# Where each capital's name sits beside its dot, so that no two names overlap (Vilnius below
# and left of its dot, clear of Minsk; Riga left, clear of LATVIA; Brussels inward, not off
# a phone's screen).
LABEL_POSITION = {"blr": "top center", "rus": "top center", "ukr": "bottom center",
                  "pol": "top center", "ltu": "bottom left", "lva": "top left",
                  "bel": "top right"}

# Each fact is one of the course's dated events, so its date and sources are the event's.
BASIC_FACTS = [
    ("Independence", "independence_declared_1991"),
    ("Who holds power", "lukashenko_elected_president_1994"),
    ("Languages and symbols", "referendum_language_symbols_1995"),
    ("The tie to Russia", "union_state_treaty_signed_1999"),
    ("The break of 2020", "disputed_election_2020"),
    ("Still in power", "presidential_election_2025"),
]


def locator_map_figure(height: int = 460) -> go.Figure:
    """Where Belarus is: the country, its five neighbours and their capitals, and Brussels.

    Drawn from the outlines that ship with the course, so it needs no network.

    >>> fig = locator_map_figure()
    >>> sorted(t.name for t in fig.data if t.mode == "lines")
    ['Belarus', 'neighbours', 'other countries']
    """
    outlines = country_outlines()
    actors = load_actors().set_index("actor_id")
    neighbour_iso = list(actors.loc[list(NEIGHBOURS), "iso3"])
    others = [iso for iso in outlines if iso not in neighbour_iso and iso != "BLR"]

    def area(isos: list[str], name: str, fill: str, edge: str) -> go.Scattergeo:
        return go.Scattergeo(
            lon=np.concatenate([outlines[i][0] for i in isos]),
            lat=np.concatenate([outlines[i][1] for i in isos]),
            mode="lines", fill="toself", fillcolor=fill, line={"color": edge, "width": 0.8},
            name=name, hoverinfo="skip", showlegend=False)

    places = actors.loc[PLACES]
    labels = [f"<b>{seat}</b>" if actor == "blr" else seat
              for actor, seat in zip(places.index, places["seat"], strict=True)]
    labels[-1] = "Brussels (NATO, EU)"
    hover = [f"{seat}, capital of {name}" for seat, name in
             zip(places["seat"], places["name"], strict=True)]
    hover[-1] = "Brussels: seat of NATO and of the EU's institutions"
    country_names = go.Scattergeo(
        lon=[28.0, 42.0, 31.0, 18.5, 23.0, 26.5], lat=[52.6, 57.5, 49.0, 51.0, 55.6, 57.2],
        text=["BELARUS", "RUSSIA", "UKRAINE", "POLAND", "LITHUANIA", "LATVIA"],
        mode="text", textfont={"size": 13, "color": "#333"}, hoverinfo="skip",
        showlegend=False, name="country names")
    capitals = go.Scattergeo(
        lon=places["lon"], lat=places["lat"], mode="markers+text", text=labels,
        textposition=[LABEL_POSITION[actor] for actor in places.index],
        marker={"size": 8, "color": "black", "symbol": "circle"}, textfont={"size": 12},
        hovertext=hover, hoverinfo="text", showlegend=False, name="capitals")
    return course_figure(
        [area(others, "other countries", "#EEEEEE", "white"),
         area(neighbour_iso, "neighbours", "#C9DDEB", "white"),
         area(["BLR"], "Belarus", OKABE_ITO["orange"], "black"),
         country_names, capitals],
        layout=dict(
            height=height, font=FONT, margin={"l": 0, "r": 0, "t": 40, "b": 0},
            title={"text": "Belarus and its neighbours", "x": 0.01},
            geo={"showland": False, "showocean": False, "showlakes": False,
                 "showcountries": False, "showcoastlines": False, "showframe": False,
                 "bgcolor": "white", "fitbounds": False,
                 "projection": {"type": "conic equal area", "parallels": [45, 60],
                                "rotation": {"lon": 24}},
                 "lonaxis": {"range": list(VIEW["lon"]), "showgrid": False},
                 "lataxis": {"range": list(VIEW["lat"]), "showgrid": False}}))


def basic_facts() -> pd.DataFrame:
    """A handful of dated facts about Belarus, each one of the course's events with its
    sources: what, when, and who says so.

    >>> basic_facts().columns.tolist()
    ['topic', 'what happened', 'when', 'sources']
    """
    events = load_events().set_index("event_id")
    sources = load_sources().set_index("source_id")
    rows = []
    for topic, event_id in BASIC_FACTS:
        if event_id not in events.index:
            raise LessonError(f'the primer needs the event "{event_id}" ({topic}), '
                              "but events.csv has no row with that event_id; "
                              "put it back or change BASIC_FACTS in lesson_lib/primer.py")
        event = events.loc[event_id]
        rows.append({
            "topic": topic,
            "what happened": event["title"],
            "when": format_date(event["date"], event["date_precision"]),
            "sources": "; ".join(source_line(sources.loc[s]) for s in event["source_ids"]),
        })
    return pd.DataFrame(rows)
