"""The balancing act as a model: an index of where Minsk stood, and a scenario explorer.

Two models, both meant to be argued with:

* :func:`balance_index` turns the events' coded tilts into a yearly position per
  domain. Every weight is an argument, so a learner can change the method and see
  the picture move.
* :func:`scenario_outcome` applies a small, stated rule set, taken from the source
  article's logic, to Minsk's choices and says how Moscow and the West respond and
  how much room Minsk keeps. The rules are data a learner can edit.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import pandas as pd
import plotly.graph_objects as go

from ._checks import number_between, one_of, some_of, year_between
from .course import FIRST_STATE_YEAR, LAST_YEAR, labels
from .data import load_eras, load_events, load_relations, load_trade_shares
from .display import FULL_WIDTH, SHORT_LABEL, Explorer, show_figure, stacked
from .errors import LessonError, Problem
from .formatting import plotly_text
from .live_figure import LiveFigure
from .style import FONT, OKABE_ITO, course_figure

__all__ = [
    "DOMAINS",
    "balance_index",
    "baseline_positions",
    "index_band",
    "describe_trajectory",
    "trajectory_figure",
    "outside_measure_figure",
    "trade_partners_figure",
    "CHOICES",
    "RULES",
    "SCENARIOS",
    "default_rules",
    "check_rules",
    "check_choices",
    "scenario_outcome",
    "outcome_figure",
    "BalanceExplorer",
]

# The course's domains (course.DOMAINS), in the order the index's columns show them.
DOMAINS = ("political", "economic", "security")
# Diplomatic events count toward the political position: both are about words and ties,
# not armies or money.
DOMAIN_OF_CATEGORY = {"political": "political", "diplomatic": "political",
                      "economic": "economic", "security": "security"}
TILT_VALUE = {"toward_moscow": -1.0, "balancing": 0.0, "toward_west": 1.0}
DEFAULT_STRENGTH_WEIGHTS = {1: 1.0, 2: 2.0, 3: 3.0}


# Whose acts the index counts by default: Minsk's own, alone or with others.
MINSK_OWN = ("minsk", "joint")
MOVERS = labels("events", "mover")
# For the baseline: which actors stand for the West and which for Moscow's side. A coding
# choice, stated once here (the datasheet explains it): China, the SCO and the OSCE are on
# neither side.
WESTERN_SIDE = {"nato", "eu", "usa", "gbr", "deu", "fra", "pol", "ltu", "lva", "est",
                "eastern_partnership", "partnership_for_peace"}
MOSCOW_SIDE = {"rus", "csto", "cis", "union_state", "eaeu"}
HOSTILE_TYPES = {"distrust", "pressure", "war"}
# A tie of strength 3 moves the baseline by 1/BASELINE_DIVISOR: two defining ties to one
# side put the baseline at the end of the scale.
BASELINE_DIVISOR = 2.0


def _side(actor: str) -> int:
    return 1 if actor in WESTERN_SIDE else -1 if actor in MOSCOW_SIDE else 0


def baseline_positions(relations: pd.DataFrame | None = None) -> pd.DataFrame:
    """Where Minsk stood by its lasting ties alone, per domain and year (-1 Moscow, +1 West).

    Each relation of Belarus in force in a year counts once: a cooperative tie (alliance,
    cooperation, dialogue, dependence) pulls toward the other actor's side, a hostile one
    (distrust, pressure, war) pushes away from it, by its strength divided by 3; the sum
    is divided by 2 and kept between -1 and +1 (``beyond_*`` says where it would pass).

    >>> base = baseline_positions().set_index("year")
    >>> bool(base.loc[1997, "security"] < 0)  # the Collective Security Treaty in force
    True
    """
    relations = load_relations() if relations is None else relations
    years = range(FIRST_STATE_YEAR, LAST_YEAR + 1)
    totals = {(y, d): 0.0 for y in years for d in DOMAINS}
    # One pass over the ties (itertuples once): each adds its pull to every year it holds.
    for rel in relations.itertuples():
        if "blr" not in (rel.from_actor, rel.to_actor):
            continue
        other = rel.to_actor if rel.from_actor == "blr" else rel.from_actor
        pull = _side(other) * int(rel.strength) / 3
        pull = -pull if rel.type in HOSTILE_TYPES else pull
        for year in range(max(int(rel.valid_from), years.start),
                          min(int(rel.valid_to), years.stop - 1) + 1):
            totals[(year, rel.domain)] += pull
    rows = []
    for year in years:
        row = {"year": year}
        for domain in DOMAINS:
            row[domain], row[f"beyond_{domain}"] = _clip_flag(
                totals[(year, domain)] / BASELINE_DIVISOR)
        rows.append(row)
    return pd.DataFrame(rows)


def _clip_flag(raw: float) -> tuple[float, bool]:
    return round(max(-1.0, min(1.0, raw)), 2), abs(raw) > 1


def balance_index(events: pd.DataFrame | None = None, *, strength_weights=None,
                  memory: float = 0.7, scale: float = 10.0, movers=MINSK_OWN,
                  baseline: bool = True, balancing_value: float = 0.0) -> pd.DataFrame:
    """Where Minsk stood between Moscow (-1) and the West (+1), per domain and year.

    Position = **baseline** + **moves**, in plain words:

    1. The *baseline* is where Minsk's lasting ties put it that year (see
       :func:`baseline_positions`): memberships, alliances and dependence do not fade in
       quiet years. ``baseline=False`` leaves it out.
    2. The *moves* come from the events whose ``mover`` is in ``movers`` (default: Minsk's
       own acts, alone or jointly; add "moscow", "west", "neighbours" or "society" to count
       what others did to Minsk). Each event counts in one domain (political and
       diplomatic events in *political*); its move is its tilt (toward Moscow -1, balancing
       ``balancing_value``, toward the West +1) times the weight of its strength.
    3. Moves fade: a year's momentum is last year's times ``memory`` plus that year's
       moves, divided by ``scale``.
    4. Position = baseline + momentum, kept between -1 and +1; ``beyond`` names the domains
       where it would have passed the end of the scale, so nothing is cut silently.

    Also returned per year: each domain's ``*_baseline`` and ``*_moves`` (the momentum),
    the number of events counted (``n_*``), ``balancing`` (how many balancing moves Minsk
    made: the hedging the index itself cannot see), and a ``note`` for quiet years.
    Values are rounded to two decimals.

    Examples
    --------
    >>> index = balance_index()
    >>> list(index.columns)[:4]
    ['year', 'political', 'economic', 'security']
    >>> bool(index["security"].between(-1, 1).all())
    True
    """
    events = load_events() if events is None else events
    weights = dict(DEFAULT_STRENGTH_WEIGHTS if strength_weights is None else strength_weights)
    if set(weights) != set(DEFAULT_STRENGTH_WEIGHTS):
        raise LessonError(Problem('"strength_weights" needs a weight for each strength',
                                  found=repr(sorted(weights)),
                                  expected="a dict with the keys 1, 2 and 3, e.g. "
                                           "{1: 1, 2: 2, 3: 3}"))
    for strength, weight in weights.items():
        number_between(f"strength_weights[{strength}]", weight, 0, 10)
    memory = number_between("memory", memory, 0, 1)
    scale = number_between("scale", scale, 0.1, 100)
    balancing_value = number_between("balancing_value", balancing_value, -1, 1)
    movers = some_of("movers", movers, MOVERS) or []
    base = baseline_positions().set_index("year") if baseline else None
    return _index_from(events, base, weights, memory, scale, movers, balancing_value)


def _index_from(events: pd.DataFrame, base: pd.DataFrame | None, weights: dict,
                memory: float, scale: float, movers: list, balancing_value: float
                ) -> pd.DataFrame:
    """The index from checked arguments and a baseline computed once (see index_band)."""
    values = dict(TILT_VALUE, balancing=balancing_value)
    if "mover" in events.columns:
        events = events[events["mover"].isin(movers)]

    years = range(FIRST_STATE_YEAR, LAST_YEAR + 1)
    moves = {d: dict.fromkeys(years, 0.0) for d in DOMAINS}
    counts = {d: dict.fromkeys(years, 0) for d in DOMAINS}
    hedges = dict.fromkeys(years, 0)
    for event in events.itertuples():
        year = event.date.year
        if not FIRST_STATE_YEAR <= year <= LAST_YEAR:
            continue
        domain = DOMAIN_OF_CATEGORY[event.category]
        moves[domain][year] += values[event.tilt] * weights[int(event.tilt_strength)]
        counts[domain][year] += 1
        hedges[year] += event.tilt == "balancing"
    rows, level = [], dict.fromkeys(DOMAINS, 0.0)
    for year in years:
        row, beyond = {"year": year}, []
        for domain in DOMAINS:
            level[domain] = memory * level[domain] + moves[domain][year]
            start = float(base.loc[year, domain]) if base is not None else 0.0
            row[domain], passed = _clip_flag(start + level[domain] / scale)
            row[f"{domain}_baseline"] = round(start, 2)
            row[f"{domain}_moves"] = round(level[domain] / scale, 2)
            if passed:
                beyond.append(domain)
        for domain in DOMAINS:
            row[f"n_{domain}"] = counts[domain][year]
        row["balancing"] = hedges[year]
        row["beyond"] = ", ".join(beyond)
        total = sum(counts[d][year] for d in DOMAINS)
        row["note"] = "" if total else "no counted events: the moves only fade"
        rows.append(row)
    columns = (["year", *DOMAINS] + [f"{d}_{part}" for d in DOMAINS for part in ("baseline",
               "moves")] + [f"n_{d}" for d in DOMAINS] + ["balancing", "beyond", "note"])
    return pd.DataFrame(rows, columns=columns)


# Reasonable settings a learner might choose: the band shows how much the answer depends
# on them. Weights: the course's, all equal, and steep.
BAND_SETTINGS = {
    "memory": (0.5, 0.7, 0.9),
    "scale": (6.0, 10.0, 15.0),
    "strength_weights": ({1: 1, 2: 2, 3: 3}, {1: 1, 2: 1, 3: 1}, {1: 1, 2: 3, 3: 9}),
}


def index_band(year: int, *, movers=MINSK_OWN) -> pd.DataFrame:
    """The lowest and highest position of each domain in ``year`` across the reasonable
    settings of ``BAND_SETTINGS`` (27 runs): how sure the index can be about that year.

    >>> band = index_band(2016)
    >>> list(band.columns), bool((band["low"] <= band["high"]).all())
    (['domain', 'low', 'high'], True)
    """
    year = year_between("year", year, FIRST_STATE_YEAR, LAST_YEAR)
    movers = some_of("movers", movers, MOVERS) or []
    events, base = load_events(), baseline_positions().set_index("year")
    found = {d: [] for d in DOMAINS}
    for memory in BAND_SETTINGS["memory"]:
        for scale in BAND_SETTINGS["scale"]:
            for weights in BAND_SETTINGS["strength_weights"]:
                row = _index_from(events, base, weights, memory, scale, movers,
                                  0.0).set_index("year").loc[year]
                for domain in DOMAINS:
                    found[domain].append(float(row[domain]))
    return pd.DataFrame([{"domain": d, "low": round(min(v), 2), "high": round(max(v), 2)}
                         for d, v in found.items()])


def describe_trajectory(index: pd.DataFrame | None = None) -> str:
    """A plain-text summary of the index, for screen readers and handouts: each era's
    average position per domain, the balancing moves, and where the scale was passed.

    >>> print(describe_trajectory().splitlines()[0])  # doctest: +ELLIPSIS
    The course's index, ... (-1 Moscow, +1 the West), averaged per era:
    """
    index = balance_index() if index is None else index
    eras = load_eras()
    lines = [f"The course's index, {FIRST_STATE_YEAR}-{LAST_YEAR} (-1 Moscow, +1 the West), "
             "averaged per era:"]
    mid_year = pd.to_datetime(index["year"].astype(str) + "-07-01")
    for era in eras.itertuples():
        years = index[(mid_year >= era.start) & (mid_year <= era.end)]
        if years.empty:
            continue
        parts = ", ".join(f"{d} {years[d].mean():+.1f}" for d in DOMAINS)
        lines.append(f"  {era.name} ({years['year'].min()}-{years['year'].max()}): {parts}; "
                     f"{int(years['balancing'].sum())} balancing moves.")
    passed = index[index["beyond"] != ""]
    if len(passed):
        lines.append("Years where a position would pass the end of the scale (shown at the "
                     "end): " + ", ".join(f"{r.year} ({r.beyond})" for r in passed.itertuples())
                     + ".")
    return "\n".join(lines)


def trajectory_figure(index: pd.DataFrame | None = None, *, highlight: int = 2016,
                      band: pd.DataFrame | None = None) -> go.Figure:
    """Minsk's path through the years, political position against security position.

    Points are years coloured by era (each era also has its own marker shape); small
    arrows on the path show its direction; the years 1991, 1995, 2000 ... are labelled, and
    the ``highlight`` year is a star. ``band`` (from :func:`index_band`) draws the range of
    the highlight year's position across reasonable settings as error bars.

    >>> fig = trajectory_figure()
    >>> sum(len(t.x) for t in fig.data if t.mode == "markers" and t.name != "direction") == 35
    True
    """
    index = balance_index() if index is None else index
    eras = load_eras()
    xs, ys = list(index["political"]), list(index["security"])
    traces = [go.Scatter(x=xs, y=ys, mode="lines", line={"color": "#999", "width": 1.5},
                         name="path", hoverinfo="skip", showlegend=False),
              # An arrow halfway along each year's step, turned along the path.
              go.Scatter(x=[(a + b) / 2 for a, b in zip(xs, xs[1:], strict=False)],
                         y=[(a + b) / 2 for a, b in zip(ys, ys[1:], strict=False)],
                         mode="markers", name="direction", showlegend=False, hoverinfo="skip",
                         marker={"symbol": "arrow", "size": 9, "angleref": "previous",
                                 "color": "#777"})]
    palette = [OKABE_ITO[c] for c in ("blue", "orange", "green", "purple", "vermillion",
                                      "sky_blue", "black")]
    symbols = ["circle", "square", "diamond", "triangle-up", "pentagon", "hexagon", "cross"]
    # A year belongs to the era it is in at mid-year.
    mid_year = pd.to_datetime(index["year"].astype(str) + "-07-01")
    for i, era in enumerate(eras.itertuples()):
        years = index[(mid_year >= era.start) & (mid_year <= era.end)]
        if years.empty:
            continue
        traces.append(go.Scatter(
            x=years["political"], y=years["security"], mode="markers", name=era.name,
            marker={"color": palette[i % len(palette)], "symbol": symbols[i % len(symbols)],
                    "size": 11, "line": {"color": "white", "width": 1}},
            customdata=years[["year", "economic"]].to_numpy(),
            hovertemplate=("<b>%{customdata[0]}</b><br>political %{x:.1f}<br>"
                           "security %{y:.1f}<br>economic %{customdata[1]:.1f}"
                           f"<br>{plotly_text(era.name)}<extra></extra>")))
    labelled = index[((index["year"] % 5 == 0) | (index["year"] == FIRST_STATE_YEAR))
                     & (index["year"] != highlight)]
    # Alternate the side of each label so that neighbouring years do not print over each other.
    positions = ["top right", "bottom left", "top left", "bottom right"]
    traces.append(go.Scatter(
        x=labelled["political"], y=labelled["security"], mode="text",
        text=labelled["year"].astype(str),
        textposition=[positions[i % 4] for i in range(len(labelled))],
        textfont={"size": 12, "color": "#333"}, showlegend=False, hoverinfo="skip",
        name="year labels"))
    star = index[index["year"] == highlight]
    if not star.empty:
        errors = {}
        if band is not None:
            by = band.set_index("domain")
            x0, y0 = float(star["political"].iloc[0]), float(star["security"].iloc[0])
            errors = {"error_x": {"type": "data", "symmetric": False,
                                  "array": [by.loc["political", "high"] - x0],
                                  "arrayminus": [x0 - by.loc["political", "low"]],
                                  "color": "#000", "thickness": 1.5},
                      "error_y": {"type": "data", "symmetric": False,
                                  "array": [by.loc["security", "high"] - y0],
                                  "arrayminus": [y0 - by.loc["security", "low"]],
                                  "color": "#000", "thickness": 1.5}}
        traces.append(go.Scatter(
            x=star["political"], y=star["security"], mode="markers+text",
            text=[f"<b>{highlight}</b>"], textposition="top center", name=f"{highlight}",
            marker={"symbol": "star", "size": 22, "color": "black",
                    "line": {"color": "white", "width": 1}}, hoverinfo="skip",
            showlegend=False, **errors))
    corners = []
    # The corner labels stand beyond the end of the scale (±1), where no year can be.
    for x, y, text in [(-1.3, -1.3, "toward Moscow in both"),
                       (1.3, 1.3, "toward the West in both"),
                       (1.3, -1.3, "West in politics, Moscow in security"),
                       (-1.3, 1.3, "Moscow in politics, West in security")]:
        corners.append({"x": x, "y": y, "text": text, "showarrow": False,
                        "font": {"size": 11, "color": "#777"},
                        "xanchor": "right" if x > 0 else "left",
                        "yanchor": "top" if y > 0 else "bottom"})
    return course_figure(traces, layout=dict(
        height=720, font=FONT, annotations=corners,
        title={"text": f"Where Minsk stood, {FIRST_STATE_YEAR}-{LAST_YEAR} (course index)",
               "x": 0.01},
        xaxis={"title": {"text": "Political position (← Moscow · West →)"},
               "range": [-1.32, 1.32], "zeroline": True, "zerolinecolor": "#888",
               "tickvals": [-1, -0.5, 0, 0.5, 1]},
        yaxis={"title": {"text": "Security position (← Moscow · West →)"},
               "range": [-1.32, 1.32], "zeroline": True, "zerolinecolor": "#888",
               "scaleanchor": "x", "tickvals": [-1, -0.5, 0, 0.5, 1]},
        # The legend sits under the chart, so on a narrow screen the chart keeps the width.
        legend={"title": {"text": "Era: "}, "orientation": "h", "y": -0.14, "x": 0},
        margin={"l": 70, "r": 20, "t": 60, "b": 60}))


def outside_measure_figure(index: pd.DataFrame | None = None) -> go.Figure:
    """The index's economic position beside a measure the course did not code: Russia's
    share of Belarus's trade in goods, as published (:func:`lesson_lib.load_trade_shares`).

    The index line is on the left scale (-1 Moscow, +1 West); the published shares are
    points on the right scale (percent), one marker shape per measure; approximate
    figures are open markers.

    >>> fig = outside_measure_figure()
    >>> [t.name for t in fig.data][:2]
    ['economic position (course index)', "Russia's share of total trade"]
    """
    index = balance_index() if index is None else index
    shares = load_trade_shares()
    russia = shares[shares["partner"] == "russia"]
    traces = [go.Scatter(x=index["year"], y=index["economic"], mode="lines",
                         name="economic position (course index)",
                         line={"color": OKABE_ITO["green"], "width": 3},
                         hovertemplate="%{x}: %{y:.1f}<extra></extra>")]
    looks = {"total_trade": ("circle", OKABE_ITO["vermillion"]),
             "exports": ("triangle-up", OKABE_ITO["blue"]),
             "imports": ("square", OKABE_ITO["orange"])}
    measures = labels("trade_shares", "measure")
    for measure, (symbol, colour) in looks.items():
        rows = russia[russia["measure"] == measure]
        traces.append(go.Scatter(
            x=rows["year"], y=rows["share_percent"], mode="markers", yaxis="y2",
            name=f"Russia's {measures[measure]}",
            marker={"symbol": [symbol + ("-open" if a else "") for a in rows["approximate"]],
                    "size": 12, "color": colour, "line": {"color": colour, "width": 2}},
            customdata=rows[["period", "note"]].fillna("").to_numpy(),
            hovertemplate="%{x} (%{customdata[0]}): %{y:.1f}%<br>%{customdata[1]}"
                          "<extra></extra>"))
    return course_figure(traces, layout=dict(
        height=420, font=FONT,
        title={"text": "The index against an outside measure", "x": 0.01},
        xaxis={"range": [FIRST_STATE_YEAR - 1, LAST_YEAR + 1], "dtick": 5},
        yaxis={"title": {"text": "index: ← Moscow · West →"}, "range": [-1.1, 1.1],
               "tickvals": [-1, -0.5, 0, 0.5, 1]},
        yaxis2={"title": {"text": "Russia's share, %"}, "overlaying": "y", "side": "right",
                # No "0" label: at the axis' foot it would print over the year 2025.
                "range": [0, 100], "tickmode": "array", "tickvals": [25, 50, 75, 100],
                "showgrid": False},
        legend={"orientation": "h", "y": -0.2, "x": 0},
        margin={"l": 70, "r": 70, "t": 50, "b": 90}))


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


# ---- the scenario model -------------------------------------------------------------------

CHOICES = {
    "political_dialogue_west": "Political dialogue with the West",
    "security_cooperation_west": "Security cooperation with the West",
    "military_integration_russia": "Military integration with Russia",
    "economic_dependence_russia": "Economic dependence on Russia",
    "mediation_role": "Mediator's role (hosting talks)",
}
CHOICE_RANGE = (0, 10)

# name -> (default weight, the rule in plain words). Weights run from 0 (the rule is off)
# to 3 (the rule dominates).
RULES = {
    "west_welcomes_dialogue": (
        0.3, "The West welcomes political dialogue, but it earns Minsk little."),
    "west_rewards_security_cooperation": (
        0.9, "The West rewards security cooperation: that is where it looks for a choice "
             "of side."),
    "west_reads_military_integration": (
        0.8, "Deeper military integration with Russia reads in the West as having taken "
             "Moscow's side."),
    "moscow_rewards_integration": (
        0.6, "Moscow rewards military integration."),
    "moscow_reads_distance_as_betrayal": (
        1.2, "Moscow reads security cooperation with the West as betrayal."),
    "moscow_frowns_on_dialogue": (
        0.1, "Moscow tolerates political dialogue with the West, with a frown."),
    "dependence_is_leverage": (
        0.5, "Each step of economic dependence gives Moscow leverage and shrinks "
             "Minsk's room."),
    "punishment_costs_room": (
        0.4, "Hostility from either side costs Minsk room."),
    "mediation_softens": (
        0.2, "A mediator's role makes both sides a little friendlier."),
    "mediation_buys_room": (
        0.3, "Being the place where others talk buys Minsk room."),
}
RULE_RANGE = (0.0, 3.0)

# The course's reading of four moments, on the 0-10 scales; a starting point to argue with.
SCENARIOS = {
    "2016: the article's moment": {
        "political_dialogue_west": 6, "security_cooperation_west": 1,
        "military_integration_russia": 5, "economic_dependence_russia": 7, "mediation_role": 7},
    "2020: after the election": {
        "political_dialogue_west": 1, "security_cooperation_west": 0,
        "military_integration_russia": 7, "economic_dependence_russia": 9, "mediation_role": 1},
    "2022: the war": {
        "political_dialogue_west": 0, "security_cooperation_west": 0,
        "military_integration_russia": 10, "economic_dependence_russia": 10,
        "mediation_role": 1},
    "What the article's outreach aimed at": {
        "political_dialogue_west": 7, "security_cooperation_west": 4,
        "military_integration_russia": 4, "economic_dependence_russia": 6, "mediation_role": 8},
}


def default_rules() -> dict[str, float]:
    """The rule weights the course starts from (a fresh dict each time).

    >>> default_rules()["moscow_reads_distance_as_betrayal"]
    1.2
    """
    return {name: weight for name, (weight, _) in RULES.items()}


def check_rules(rules) -> dict[str, float]:
    """A complete, valid set of rule weights, or a teaching error naming the bad rule.

    Missing rules keep their default, so ``{"mediation_buys_room": 1.0}`` is a valid edit.
    """
    if rules is None:
        return default_rules()
    if not isinstance(rules, dict):
        raise LessonError(Problem("rules must be a dict of rule name to weight",
                                  found=type(rules).__name__,
                                  expected='e.g. {"mediation_buys_room": 1.0}'))
    checked = default_rules()
    for name, weight in rules.items():
        if name not in RULES:
            raise LessonError(Problem("unknown rule", found=repr(name),
                                      expected="one of " + ", ".join(RULES)))
        checked[name] = number_between(f"rule {name}", weight, *RULE_RANGE)
    return checked


def check_choices(choices) -> dict[str, float]:
    """Minsk's five choices, each from 0 to 10, or a teaching error."""
    if not isinstance(choices, dict):
        raise LessonError(Problem("choices must be a dict of choice name to level",
                                  found=type(choices).__name__,
                                  expected="keys " + ", ".join(CHOICES)))
    missing = [c for c in CHOICES if c not in choices]
    unknown = [c for c in choices if c not in CHOICES]
    if missing or unknown:
        raise LessonError(Problem("the choices do not match the model's five",
                                  found="missing " + (", ".join(missing) or "none")
                                  + "; unknown " + (", ".join(map(str, unknown)) or "none"),
                                  expected="exactly " + ", ".join(CHOICES)))
    return {c: number_between(c, choices[c], *CHOICE_RANGE) for c in CHOICES}


def _clip(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))


def scenario_outcome(choices: dict, rules: dict | None = None) -> dict:
    """How the West and Moscow respond to Minsk's choices, and how much room Minsk keeps.

    Responses run from -10 (hostile) to +10 (warm); room from 0 (none) to 10.

    * West = dialogue × west_welcomes_dialogue + security cooperation ×
      west_rewards_security_cooperation - military integration ×
      west_reads_military_integration + mediation × mediation_softens
    * Moscow = military integration × moscow_rewards_integration - security cooperation
      × moscow_reads_distance_as_betrayal - dialogue × moscow_frowns_on_dialogue +
      mediation × mediation_softens
    * Room = 10 - dependence × dependence_is_leverage - (West's hostility + Moscow's
      hostility) × punishment_costs_room + mediation × mediation_buys_room

    >>> out = scenario_outcome(SCENARIOS["2022: the war"])
    >>> out["moscow"] > 0 > out["west"]
    True
    """
    c, r = check_choices(choices), check_rules(rules)
    west = _clip(c["political_dialogue_west"] * r["west_welcomes_dialogue"]
                 + c["security_cooperation_west"] * r["west_rewards_security_cooperation"]
                 - c["military_integration_russia"] * r["west_reads_military_integration"]
                 + c["mediation_role"] * r["mediation_softens"], -10, 10)
    moscow = _clip(c["military_integration_russia"] * r["moscow_rewards_integration"]
                   - c["security_cooperation_west"] * r["moscow_reads_distance_as_betrayal"]
                   - c["political_dialogue_west"] * r["moscow_frowns_on_dialogue"]
                   + c["mediation_role"] * r["mediation_softens"], -10, 10)
    hostility = max(0.0, -west) + max(0.0, -moscow)
    room = _clip(10 - c["economic_dependence_russia"] * r["dependence_is_leverage"]
                 - hostility * r["punishment_costs_room"]
                 + c["mediation_role"] * r["mediation_buys_room"], 0, 10)
    return {"west": round(west, 2), "moscow": round(moscow, 2), "room": round(room, 2)}


def outcome_figure(outcome: dict, *, title: str = "The model's answer") -> go.Figure:
    """Three bars: the West's response, Moscow's response, Minsk's room.

    >>> [b for b in outcome_figure({"west": 1, "moscow": -2, "room": 5}).data[0].y]
    ["The West's response", "Moscow's response", "Minsk's room"]
    """
    labels = ["The West's response", "Moscow's response", "Minsk's room"]
    values = [outcome["west"], outcome["moscow"], outcome["room"]]
    colours = [OKABE_ITO["blue"], OKABE_ITO["vermillion"], OKABE_ITO["green"]]
    return course_figure(go.Bar(
        x=values, y=labels, orientation="h", text=[f"{v:+.1f}" if i < 2 else f"{v:.1f}"
                                                   for i, v in enumerate(values)],
        textposition="outside", marker={"color": colours, "pattern": {
            "shape": ["", "x", "."]}, "line": {"color": "#333", "width": 1}},
        hoverinfo="skip", name="outcome"), layout=dict(
        height=300, font=FONT, title={"text": title, "x": 0.01},
        xaxis={"range": [-11, 11], "zeroline": True, "zerolinecolor": "#555",
               "title": {"text": "← hostile · warm → (room 0-10)"}},
        yaxis={"autorange": "reversed"}, margin={"l": 170, "r": 30, "t": 50, "b": 50}))


class BalanceExplorer(Explorer):
    """Set Minsk's five choices, read the rules, change them, and watch the answer move.

    >>> explorer = BalanceExplorer()
    >>> explorer.preset.value = "2022: the war"
    >>> explorer.outcome["moscow"] > 0 > explorer.outcome["west"]
    True
    >>> explorer.rule_sliders["moscow_reads_distance_as_betrayal"].value = 0.0
    >>> explorer.rules["moscow_reads_distance_as_betrayal"]
    0.0
    """

    def __init__(self, choices: dict | None = None, rules: dict | None = None) -> None:
        start = check_choices(choices or SCENARIOS["2016: the article's moment"])
        self.rules = check_rules(rules)
        wide = widgets.Layout(**FULL_WIDTH)
        starting = next((name for name, values in SCENARIOS.items()
                         if check_choices(values) == start), "")
        self.preset = widgets.Dropdown(
            description="Start from", layout=wide, value=starting,
            options=[("(your own settings)", "")] + [(name, name) for name in SCENARIOS])
        self.choice_sliders = {
            name: widgets.IntSlider(value=int(start[name]), min=CHOICE_RANGE[0],
                                    max=CHOICE_RANGE[1], description="level",
                                    style=SHORT_LABEL, layout=widgets.Layout(**FULL_WIDTH),
                                    continuous_update=False)
            for name in CHOICES}
        # Each rule's slider is named by the rule in plain words, never by its identifier.
        self.rule_sliders = {
            name: widgets.FloatSlider(value=self.rules[name], min=RULE_RANGE[0],
                                      max=RULE_RANGE[1], step=0.1, description="weight",
                                      tooltip=text, style=SHORT_LABEL,
                                      layout=widgets.Layout(**FULL_WIDTH),
                                      continuous_update=False)
            for name, (_, text) in RULES.items()}
        rule_rows = [widgets.VBox([widgets.HTML(f"<i>{html.escape(text)}</i>"),
                                   self.rule_sliders[name]])
                     for name, (_, text) in RULES.items()]
        self.reset_rules = widgets.Button(description="Back to the course's rules",
                                          layout=widgets.Layout(width="auto"))
        self.reset_rules.on_click(lambda _b: self.set_rules(None))
        # A toggle button, not an accordion: it takes Tab and Space like every other control.
        self.rules_toggle = widgets.ToggleButton(
            value=False, description="Show the rules (to edit them)",
            tooltip="Show or hide the model's rules", layout=widgets.Layout(width="auto"))
        self.rules_panel = widgets.VBox([*rule_rows, self.reset_rules],
                                        layout=widgets.Layout(display="none"))
        self.rules_toggle.observe(self._show_rules, names="value")
        self.result_chart = LiveFigure()  # redrawn in place on every change
        self.reading = widgets.HTML()
        self.outcome: dict = {}
        self.figure: go.Figure | None = None
        self._batch = False
        self.preset.observe(self._apply_preset, names="value")
        for slider in [*self.choice_sliders.values(), *self.rule_sliders.values()]:
            slider.observe(self._refresh, names="value")
        controls = widgets.VBox([
            widgets.HTML("<b>Minsk's choices</b> (0 = none, 10 = as much as possible)"),
            self.preset, *(stacked(CHOICES[name], slider)
                           for name, slider in self.choice_sliders.items()),
            self.rules_toggle, self.rules_panel],
            layout=widgets.Layout(flex="1 1 320px", min_width="0"))
        # The answer stays beside the controls (below them on a narrow screen), so a learner
        # who changes a rule sees its effect.
        answer = widgets.VBox([self.result_chart, self.reading],
                              layout=widgets.Layout(flex="1 1 320px", min_width="0"))
        self.box = widgets.Box([controls, answer], layout=widgets.Layout(
            display="flex", flex_flow="row wrap", align_items="flex-start"))
        self._refresh()

    @property
    def choices(self) -> dict[str, int]:
        return {name: slider.value for name, slider in self.choice_sliders.items()}

    def _show_rules(self, change) -> None:
        self.rules_panel.layout.display = "flex" if change["new"] else "none"
        self.rules_toggle.description = ("Hide the rules" if change["new"]
                                         else "Show the rules (to edit them)")

    def set_rules(self, rules: dict | None) -> None:
        """Replace the rules (``None``: the course's); a bad edit raises and changes nothing."""
        checked = check_rules(rules)
        self._batch = True
        try:
            for name, slider in self.rule_sliders.items():
                slider.value = checked[name]
        finally:
            self._batch = False
        self._refresh()

    def _apply_preset(self, change) -> None:
        if not change["new"]:
            return
        self._batch = True  # one redraw for the whole preset, not one per slider
        try:
            for name, value in SCENARIOS[change["new"]].items():
                self.choice_sliders[name].value = value
        finally:
            self._batch = False
        self._refresh()

    def _refresh(self, change=None) -> None:
        if self._batch:
            return
        if change is not None and change["owner"] in self.choice_sliders.values():
            preset = SCENARIOS.get(self.preset.value)
            if preset and preset != self.choices:
                self.preset.value = ""
        self.rules = {name: slider.value for name, slider in self.rule_sliders.items()}
        self.outcome = scenario_outcome(self.choices, self.rules)
        self.figure = outcome_figure(self.outcome)
        show_figure(self.result_chart, self.figure)
        self.reading.value = _reading(self.outcome)


def _reading(outcome: dict) -> str:
    def mood(value: float) -> str:
        if value >= 3:
            return "warm"
        if value > 0:
            return "mildly warm"
        if value == 0:
            return "neither warm nor cool"
        if value > -3:
            return "cool but not hostile"
        return "hostile"

    room = outcome["room"]
    space = "plenty of room" if room >= 7 else "some room" if room >= 4 else "little room"
    return (f"<p>In this model the West is <b>{mood(outcome['west'])}</b>, Moscow is "
            f"<b>{mood(outcome['moscow'])}</b>, and Minsk keeps <b>{space}</b> "
            f"({room:.1f} of 10).</p>")


KEY_YEARS = (1994, 1997, 2003, 2010, 2016, 2020, 2022, 2025)


def position_parts(years=(1997, 2016, 2022), domain: str = "security",
                   index: pd.DataFrame | None = None) -> pd.DataFrame:
    """One domain's position in a few years, split into the baseline of lasting ties and the
    fading moves, to two decimals, by year: the table a learner reads, not the raw index.

    >>> position_parts().loc[2016, 'position']
    np.float64(0.14)
    """
    domain = one_of("domain", domain, DOMAINS, optional=False)
    index = balance_index() if index is None else index
    rows = index[index["year"].isin(list(years))].set_index("year")
    table = pd.DataFrame({
        "position": rows[domain], "baseline of lasting ties": rows[f"{domain}_baseline"],
        "recent moves": rows[f"{domain}_moves"], "balancing moves": rows["balancing"],
        "passed the scale": rows["beyond"].replace("", "no")}).round(2)
    table.index.name = "year"
    return table


def index_table_html(index: pd.DataFrame, years=KEY_YEARS) -> str:
    """A small table of key years, positions to one decimal, with the balancing moves and
    any domain that passed the end of the scale.

    >>> "<th>political</th>" in index_table_html(balance_index())
    True
    """
    rows = index[index["year"].isin(years)]
    head = "".join(f"<th>{h}</th>" for h in ("year", *DOMAINS, "balancing moves",
                                             "passed the scale"))
    body = "".join(
        "<tr>" + f"<td>{r.year}</td>" + "".join(f"<td>{getattr(r, d):+.1f}</td>"
                                                for d in DOMAINS)
        + f"<td>{r.balancing}</td><td>{html.escape(r.beyond)}</td></tr>"
        for r in rows.itertuples())
    return (f"<table style='border-collapse:collapse'><thead><tr>{head}</tr></thead>"
            f"<tbody>{body}</tbody></table>")


class IndexExplorer(Explorer):
    """The balance index with its choices on sliders: memory, the scale, the weight of each
    strength, whose acts count, and the baseline. The trajectory, a table of key years, the
    2016 band and a text summary follow every change.

    >>> explorer = IndexExplorer()
    >>> explorer.movers["west"].value = True
    >>> "west" in explorer.settings()["movers"]
    True
    >>> explorer.memory.value = 0.3
    >>> bool(explorer.index["security_moves"].abs().max() < 1)
    True
    """

    def __init__(self) -> None:
        def slider(**kwargs) -> widgets.FloatSlider:
            return widgets.FloatSlider(style=SHORT_LABEL, layout=widgets.Layout(**FULL_WIDTH),
                                       continuous_update=False, **kwargs)

        self.memory = slider(value=0.7, min=0.0, max=1.0, step=0.05, description="share")
        self.scale = slider(value=10.0, min=2.0, max=20.0, step=1.0, description="points")
        self.weights = {s: slider(value=w, min=0.0, max=10.0, step=0.5, description="weight")
                        for s, w in DEFAULT_STRENGTH_WEIGHTS.items()}
        self.movers = {m: widgets.Checkbox(value=m in MINSK_OWN, description=f"count acts of "
                                           f"{label}", indent=False,
                                           layout=widgets.Layout(width="auto"))
                       for m, label in MOVERS.items()}
        self.baseline = widgets.Checkbox(value=True, indent=False,
                                         description="add the baseline of lasting ties",
                                         layout=widgets.Layout(width="auto"))
        self.chart = LiveFigure()  # redrawn in place on every change
        self.table = widgets.HTML()
        self.summary = widgets.HTML()
        self.index: pd.DataFrame | None = None
        self.figure: go.Figure | None = None
        controls = [self.memory, self.scale, *self.weights.values(), *self.movers.values(),
                    self.baseline]
        for control in controls:
            control.observe(self._refresh, names="value")
        self.box = widgets.VBox([
            widgets.HTML("<b>The index's choices</b>"),
            stacked("Memory (share kept each year)", self.memory),
            stacked("Points that reach the end", self.scale),
            *(stacked(f"Weight of a strength-{s} event", w) for s, w in self.weights.items()),
            widgets.HTML("<b>Whose acts count</b>"),
            widgets.HBox(list(self.movers.values()), layout=widgets.Layout(flex_flow="row wrap")),
            self.baseline, self.chart, self.table, self.summary])
        self._refresh()

    def settings(self) -> dict:
        return {"memory": self.memory.value, "scale": self.scale.value,
                "strength_weights": {s: w.value for s, w in self.weights.items()},
                "movers": [m for m, box in self.movers.items() if box.value],
                "baseline": self.baseline.value}

    def _refresh(self, _change=None) -> None:
        settings = self.settings()
        self.index = balance_index(**settings)
        band = index_band(2016, movers=settings["movers"])
        self.figure = trajectory_figure(self.index, band=band)
        show_figure(self.chart, self.figure)
        self.table.value = index_table_html(self.index)
        low_high = "; ".join(f"{r.domain} {r.low:+.1f} to {r.high:+.1f}"
                             for r in band.itertuples())
        self.summary.value = (
            f"<p><b>2016 across reasonable settings</b> (the bars on the star): {low_high}.</p>"
            "<pre style='white-space:pre-wrap'>"
            + html.escape(describe_trajectory(self.index)) + "</pre>")
