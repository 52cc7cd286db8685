"""The index shown: its trajectory, its key years, how sure it is, and checks against what
it did not code; :class:`IndexExplorer` puts its choices on sliders."""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd
import plotly.graph_objects as go

from .._checks import one_of
from ..course import FIRST_STATE_YEAR, LAST_YEAR, labels
from ..display import FULL_WIDTH, SHORT_LABEL, Explorer, show_figure, stacked
from ..formatting import TextVersion, plotly_text, text_version_html
from ..live_figure import LiveFigure
from ..style import FONT, OKABE_ITO, UncheckedFigure, course_figure
from ..tables import load_eras, load_trade_shares
from .index import (
    DEFAULT_HALFWAY,
    DEFAULT_MEMORY,
    DEFAULT_STRENGTH_WEIGHTS,
    DOMAINS,
    KEY_YEARS,
    MINSK_OWN,
    MOVERS,
    balance_index,
    index_bands,
)

__all__ = ["describe_trajectory", "trajectory_figure", "outside_measure_figure",
           "position_parts", "index_table_html", "IndexExplorer"]


def describe_trajectory(index: pd.DataFrame | None = None,
                        bands: pd.DataFrame | None = None) -> str:
    """A plain-text summary of the index, for screen readers and handouts: each era's
    average position per domain, the balancing moves, and the years the index cannot place
    (their band across reasonable settings covers both sides of 0).

    >>> print(describe_trajectory().splitlines()[0])  # doctest: +ELLIPSIS
    The course's index, ... (-1 Moscow, +1 the West), averaged per era:
    """
    index = balance_index() if index is None else index
    bands = index_bands() if bands is None else bands
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
    unsure = bands[bands["placed"] == "cannot say"]
    if len(unsure):
        by_domain = unsure.groupby("domain", sort=False)["year"].apply(_years_text)
        lines.append("The index cannot place (its band covers both sides): " + "; ".join(
            f"{domain} {years}" for domain, years in by_domain.items()) + ".")
    return TextVersion("\n".join(lines))


def _years_text(years: pd.Series) -> str:
    """ "1991-1992, 2016-2020": runs of years written as spans."""
    runs: list[list[int]] = []
    for year in sorted(years):
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return ", ".join(f"{r[0]}-{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)


def trajectory_figure(index: pd.DataFrame | None = None, *, highlight: int = 2016,
                      band: pd.DataFrame | None = None, checked: bool = True) -> go.Figure:
    """Minsk's path through the years, political position against security position.

    Points are years coloured by era (each era also has its own marker shape); small
    arrows on the path show its direction; a few turning points are labelled (every year
    is in the hover), and the ``highlight`` year is a star. ``band`` (one year's rows of
    :func:`index_bands`) draws the range of the highlight year's position across
    reasonable settings as error bars. ``checked=False`` skips plotly's check of the
    finished figure, for an explorer's redraw (see :func:`lesson_lib.style.course_figure`).

    >>> fig = trajectory_figure()
    >>> sum(len(t.x) for t in fig.data if t.mode == "markers" and t.name != "direction") == 35
    True
    """
    index = balance_index() if index is None else index
    eras = load_eras()
    xs, ys = list(index["political"]), list(index["security"])
    traces = [dict(type="scatter", x=xs, y=ys, mode="lines", line={"color": "#999", "width": 1.5},
                         name="path", hoverinfo="skip", showlegend=False),
              # An arrow halfway along each year's step, turned along the path.
              dict(type="scatter", x=[(a + b) / 2 for a, b in zip(xs, xs[1:], strict=False)],
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
        traces.append(dict(type="scatter",
            x=years["political"], y=years["security"], mode="markers", name=era.name,
            marker={"color": palette[i % len(palette)], "symbol": symbols[i % len(symbols)],
                    "size": 11, "line": {"color": "white", "width": 1}},
            customdata=years[["year", "economic"]].to_numpy(),
            hovertemplate=("<b>%{customdata[0]}</b><br>political %{x:.1f}<br>"
                           "security %{y:.1f}<br>economic %{customdata[1]:.1f}"
                           f"<br>{plotly_text(era.name)}<extra></extra>")))
    # A few turning points are named; every year is in the hover. Years of one era sit
    # close together, so naming every fifth year printed labels over each other.
    labelled = index[index["year"].isin(LABELLED_YEARS) & (index["year"] != highlight)]
    traces.append(dict(type="scatter",
        x=labelled["political"], y=labelled["security"], mode="text",
        text=labelled["year"].astype(str),
        textposition=[LABEL_SIDE.get(int(y), "top right") for y in labelled["year"]],
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
        traces.append(dict(type="scatter",
            x=star["political"], y=star["security"], mode="markers+text",
            text=[f"<b>{highlight}</b>"], textposition="top center", name=f"{highlight}",
            marker={"symbol": "star", "size": 22, "color": "black",
                    "line": {"color": "white", "width": 1}}, hoverinfo="skip",
            showlegend=False, **errors))
    # The view holds every year and the middle lines, and names each quarter in a corner.
    x_range, y_range = _view(xs, ys)
    corners = []
    for x, y, text in [(x_range[0], y_range[0], "toward Moscow in both"),
                       (x_range[1], y_range[1], "toward the West in both"),
                       (x_range[1], y_range[0], "West in politics, Moscow in security"),
                       (x_range[0], y_range[1], "Moscow in politics, West in security")]:
        corners.append({"x": x, "y": y, "text": text, "showarrow": False,
                        "font": {"size": 11, "color": "#777"},
                        "xanchor": "right" if x > 0 else "left",
                        "yanchor": "top" if y > 0 else "bottom"})
    return course_figure(traces, layout=dict(
        height=720, font=FONT, annotations=corners,
        title={"text": f"Where Minsk stood, {FIRST_STATE_YEAR}-{LAST_YEAR} (course index)",
               "x": 0.01},
        xaxis={"title": {"text": "Political position (← Moscow · West →)"},
               "range": x_range, "zeroline": True, "zerolinecolor": "#888",
               "tickvals": [-1, -0.5, 0, 0.5, 1]},
        yaxis={"title": {"text": "Security position (← Moscow · West →)"},
               "range": y_range, "zeroline": True, "zerolinecolor": "#888",
               "scaleanchor": "x", "tickvals": [-1, -0.5, 0, 0.5, 1]},
        # The legend sits under the chart, so on a narrow screen the chart keeps the width.
        legend={"title": {"text": "Era: "}, "orientation": "h", "y": -0.14, "x": 0},
        margin={"l": 70, "r": 20, "t": 60, "b": 60}), checked=checked)


# Turning points named on the trajectory, and which side of its marker each label takes.
LABELLED_YEARS = (1991, 1994, 2019, 2022)
LABEL_SIDE = {1991: "top right", 1994: "top left", 2019: "top right", 2022: "bottom left"}


def _view(xs: list[float], ys: list[float]) -> tuple[list[float], list[float]]:
    """Axis ranges that hold every year and both middle lines, with room for the corner
    names: never the whole -1 to +1 square, where Belarus's years would fill one corner."""
    def span(values: list[float]) -> list[float]:
        low, high = min(min(values), 0.0), max(max(values), 0.0)
        return [round(max(-1.05, low - 0.3), 2), round(min(1.05, high + 0.3), 2)]

    return span(xs), span(ys)


def outside_measure_figure(index: pd.DataFrame | None = None) -> go.Figure:
    """The index's economic position beside a measure the course did not code: Russia's
    share of Belarus's trade in goods, as published (:func:`lesson_lib.load_trade_shares`).

    The index line is on the left scale (-1 Moscow, +1 West); the published shares are
    points on the right scale (percent), drawn upside down so that a larger share of trade
    with Russia sits lower, toward Moscow; one marker shape per measure; approximate
    figures are open markers.

    >>> fig = outside_measure_figure()
    >>> [t.name for t in fig.data][:2]
    ['economic position (course index)', "Russia's share of total trade"]
    """
    index = balance_index() if index is None else index
    shares = load_trade_shares()
    russia = shares[shares["partner"] == "russia"]
    traces = [dict(type="scatter", x=index["year"], y=index["economic"], mode="lines",
                         name="economic position (course index)",
                         line={"color": OKABE_ITO["green"], "width": 3},
                         hovertemplate="%{x}: %{y:.1f}<extra></extra>")]
    looks = {"total_trade": ("circle", OKABE_ITO["vermillion"]),
             "exports": ("triangle-up", OKABE_ITO["blue"]),
             "imports": ("square", OKABE_ITO["orange"])}
    measures = labels("trade_shares", "measure")
    for measure, (symbol, colour) in looks.items():
        rows = russia[russia["measure"] == measure]
        traces.append(dict(type="scatter",
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
        # Upside down, so that more dependence on Russia reads toward Moscow, like the index.
        yaxis2={"title": {"text": "Russia's share, % (more is lower)"}, "overlaying": "y",
                "side": "right", "range": [100, 0], "tickmode": "array",
                # Neither 0 nor 100 is labelled: at the axis' ends they would print over the
                # title or the year 2025.
                "tickvals": [25, 50, 75], "showgrid": False},
        legend={"orientation": "h", "y": -0.2, "x": 0},
        margin={"l": 70, "r": 70, "t": 50, "b": 90}))


def position_parts(years=(1997, 2016, 2022), domain: str = "security",
                   index: pd.DataFrame | None = None,
                   halfway: float = DEFAULT_HALFWAY) -> pd.DataFrame:
    """One domain's position in a few years, rebuilt from its parts: the points of lasting
    links, the points of recent moves, their sum, and the position the sum gives (points
    divided by halfway points plus the points without their sign), by year.

    >>> position_parts().loc[2016].tolist()
    [-3.7, 0.7, -3.0, -0.43]
    """
    domain = one_of("domain", domain, DOMAINS, optional=False)
    index = balance_index() if index is None else index
    rows = index[index["year"].isin(list(years))].set_index("year")
    total = rows[f"{domain}_baseline"] + rows[f"{domain}_moves"]
    table = pd.DataFrame({
        "points of lasting links": rows[f"{domain}_baseline"],
        "points of recent moves": rows[f"{domain}_moves"],
        "total points": total.round(1),
        f"position = total / ({halfway:g} + size of total)": rows[domain]})
    table.index.name = "year"
    return table


def index_table_html(index: pd.DataFrame, bands: pd.DataFrame | None = None,
                     years=KEY_YEARS) -> str:
    """A small table of key years, positions to one decimal; where the band across
    reasonable settings covers both sides of 0, the value is marked "?" and explained
    under the table.

    >>> "<th scope='col'>political</th>" in index_table_html(balance_index())
    True
    """
    bands = index_bands() if bands is None else bands
    placed = bands.set_index(["year", "domain"])["placed"]
    rows = index[index["year"].isin(years)]
    head = "".join(f"<th scope='col'>{h}</th>" for h in ("year", *DOMAINS, "balancing moves"))

    def cell(year: int, domain: str, value: float) -> str:
        unsure = placed.get((year, domain)) == "cannot say"
        return f"<td>{value:+.1f}{' ?' if unsure else ''}</td>"

    body = "".join(
        "<tr>" + f"<th scope='row'>{r.year}</th>"
        + "".join(cell(r.year, d, getattr(r, d)) for d in DOMAINS)
        + f"<td>{r.balancing}</td></tr>" for r in rows.itertuples())
    return (f"<table style='border-collapse:collapse'><thead><tr>{head}</tr></thead>"
            f"<tbody>{body}</tbody></table><p><small>? = across reasonable settings this "
            "position could lie on either side of 0: the index cannot place it.</small></p>")


class IndexExplorer(Explorer):
    """The balance index with its choices on sliders: memory, halfway points, the weight of
    each strength, whose acts count, and the baseline. The trajectory, a table of key
    years, the 2016 band and a text summary follow every change.

    >>> explorer = IndexExplorer()
    >>> explorer.movers["west"].value = True
    >>> "west" in explorer.settings()["movers"]
    True
    >>> explorer.memory.value = 0.3
    >>> bool(explorer.index["security_moves"].abs().max() < 10)
    True
    """

    def __init__(self) -> None:
        def slider(**kwargs) -> widgets.FloatSlider:
            return widgets.FloatSlider(style=SHORT_LABEL, layout=widgets.Layout(**FULL_WIDTH),
                                       continuous_update=False, **kwargs)

        self.memory = slider(value=DEFAULT_MEMORY, min=0.0, max=1.0, step=0.05,
                             description="share")
        self.halfway = slider(value=DEFAULT_HALFWAY, min=1.0, max=12.0, step=0.5,
                              description="points")
        self.weights = {s: slider(value=w, min=0.0, max=5.0, step=0.5, description="weight")
                        for s, w in DEFAULT_STRENGTH_WEIGHTS.items()}
        self.movers = {m: widgets.Checkbox(value=m in MINSK_OWN, description=f"count acts of "
                                           f"{label}", indent=False,
                                           layout=widgets.Layout(width="auto"))
                       for m, label in MOVERS.items()}
        self.baseline = widgets.Checkbox(value=True, indent=False,
                                         description="add the points of lasting links",
                                         layout=widgets.Layout(width="auto"))
        self.chart = LiveFigure()  # redrawn in place on every change
        self.table = widgets.HTML()
        self.summary = widgets.HTML()
        self.index: pd.DataFrame | None = None
        self.figure: go.Figure | UncheckedFigure | None = None  # as plotly reads it
        controls = [self.memory, self.halfway, *self.weights.values(), *self.movers.values(),
                    self.baseline]
        for control in controls:
            control.observe(self._refresh, names="value")
        self.box = widgets.VBox([
            widgets.HTML("<b>The index's choices</b>"),
            stacked("Memory (share of last year's moves kept)", self.memory),
            stacked("Points for halfway (±0.5)", self.halfway),
            *(stacked(f"Weight of a strength-{s} event", w) for s, w in self.weights.items()),
            widgets.HTML("<b>Whose acts count</b> <small>(acts of Belarusian society are on "
                         "an axis of their own: the index never counts them)</small>"),
            widgets.HBox(list(self.movers.values()), layout=widgets.Layout(flex_flow="row wrap")),
            self.baseline, self.chart, self.table, self.summary])
        self._refresh()

    def settings(self) -> dict:
        return {"memory": self.memory.value, "halfway": self.halfway.value,
                "strength_weights": {s: w.value for s, w in self.weights.items()},
                "movers": [m for m, box in self.movers.items() if box.value],
                "baseline": self.baseline.value}

    def _refresh(self, _change=None) -> None:
        settings = self.settings()
        self.index = balance_index(**settings)
        bands = index_bands(movers=settings["movers"])
        band = bands[bands["year"] == 2016].drop(columns="year")
        # plotly's checks skipped for the redraw; tests compare it with the checked figure
        self.figure = trajectory_figure(self.index, band=band, checked=False)
        show_figure(self.chart, self.figure)
        self.table.value = index_table_html(self.index, bands)
        low_high = "; ".join(f"{r.domain} {r.low:+.1f} to {r.high:+.1f}"
                             for r in band.itertuples())
        self.summary.value = (
            f"<p><b>2016 across reasonable settings</b> (the bars on the star): {low_high}.</p>"
            + text_version_html(describe_trajectory(self.index, bands)))
