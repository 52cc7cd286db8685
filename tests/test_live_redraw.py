"""An explorer's redraw skips plotly's checks of its figure (about a third of a map's time
in the kernel): so the figure it draws must be the one plotly would have checked."""

from __future__ import annotations

import base64
import math

import numpy as np
import pytest

import lesson_lib
from lesson_lib.actors.actor_map import _geo_map, geo_map_figure
from lesson_lib.actors.map_explorer import map_legend_figure
from lesson_lib.actors.network import _network
from lesson_lib.model.index_views import trajectory_figure
from lesson_lib.style import PLOTLY_MIME, UncheckedFigure, course_figure, figure_json
from lesson_lib.tables import load_eras
from lesson_lib.timeline.figure import draw_timeline, filter_events


def drawn(spec):
    """What plotly draws from a figure's JSON: typed arrays as numbers, floats to 12 digits
    (plotly's check stores a list as an array, which may change the last digit), a gap as
    null, and empty settings left out (the check drops an empty list of annotations)."""
    if isinstance(spec, dict):
        if set(spec) >= {"dtype", "bdata"}:
            values = np.frombuffer(base64.b64decode(spec["bdata"]), dtype=spec["dtype"])
            if "shape" in spec:  # plotly writes it as "4, 2"
                values = values.reshape([int(n) for n in str(spec["shape"]).split(",")])
            return drawn(values)
        kept = {k: drawn(v) for k, v in spec.items()}
        return {k: v for k, v in kept.items() if v not in (None, [], {})}
    if isinstance(spec, list | tuple | np.ndarray):
        return [drawn(v) for v in spec]
    if isinstance(spec, float | np.floating):
        # a gap in a line: plotly reads NaN and null alike
        return float(f"{spec:.12g}") if math.isfinite(spec) else None
    if isinstance(spec, np.integer):
        return int(spec)
    return spec


def unchecked(fig: UncheckedFigure) -> dict:
    """What the page gets for an explorer's figure: its JSON, made without plotly's figure
    (reading it through plotly would compare the checked figure with itself)."""
    assert isinstance(fig, UncheckedFigure), type(fig)
    return fig.spec()


def test_the_comparison_sees_a_real_difference():
    assert drawn({"x": [1.0, 2.0]}) != drawn({"x": [1.0, 2.5]})
    assert drawn({"a": [], "b": None}) == drawn({})
    assert drawn({"y": {"dtype": "f8", "bdata": base64.b64encode(
        np.array([0.5, 1.5]).tobytes()).decode()}}) == {"y": [0.5, 1.5]}


def test_an_unchecked_figure_skips_plotlys_checks_and_a_checked_one_keeps_them():
    wrong = [{"type": "scatter", "x": [1], "colour": "red"}]
    with pytest.raises(ValueError, match="colour"):
        course_figure(wrong)
    unchecked = course_figure(wrong, checked=False)
    assert unchecked.spec()["data"][0]["colour"] == "red"
    # Read as a plotly figure, it is checked then: a learner gets plotly's message.
    with pytest.raises(ValueError, match="colour"):
        unchecked.layout  # noqa: B018


def test_an_unchecked_figure_shows_in_a_notebook_as_the_checked_one():
    # A learner who types `explorer.figure` in a cell sees the chart, checked by plotly.
    fig = course_figure([{"type": "bar", "y": [1, 2]}], {"height": 300}, checked=False)
    bundle = fig._repr_mimebundle_()
    assert drawn(bundle[PLOTLY_MIME]) == drawn(fig.spec())
    assert fig.data[0].y == (1, 2) and fig.checked() is fig.checked()  # built once


@pytest.mark.parametrize(("year", "domain", "focus"), [
    (1999, None, None), (2016, None, None), (2016, "security", None), (2022, None, "rus"),
    (2022, "economic", "pol")])
def test_the_explorers_map_legend_and_network_are_the_checked_ones(year, domain, focus):
    explorer = lesson_lib.ActorMapExplorer()
    settings = dict(domain=domain, focus=focus, height=explorer._height, hover=explorer._hover,
                    legend=False)
    for draw in (_geo_map, _network):
        checked = drawn(figure_json(draw(year, **settings)))
        assert drawn(unchecked(draw(year, **settings, checked=False))) == checked
    # The legend from the unchecked map is the legend from the checked one, checked.
    assert drawn(unchecked(map_legend_figure(_geo_map(year, **settings, checked=False),
                                             checked=False))) == drawn(
        figure_json(map_legend_figure(_geo_map(year, **settings))))


def test_the_explorer_draws_map_and_network_without_legends_and_the_legend_apart():
    explorer = lesson_lib.ActorMapExplorer()
    explorer.year.value = 2016
    legend_only = ("types", "domains")
    for chart in (explorer.map_chart, explorer.network_chart):
        shown = chart.figure
        assert shown["layout"]["showlegend"] is False
        assert not [t for t in shown["data"] if t.get("legendgroup") in legend_only]
    assert drawn(explorer.map_chart.figure) == drawn(figure_json(_geo_map(
        2016, domain=None, focus=None, height=explorer._height, hover=explorer._hover,
        legend=False)))
    assert [t["name"] for t in explorer.network_chart.figure["data"]
            if t.get("showlegend") is not False] == []

    # The legend: every entry the map's own legend has (same names, same look), no data,
    # static (no tools, no clicks: it toggles nothing), under the map.
    legend = explorer.legend_chart.figure
    own = geo_map_figure(2016, height=explorer._height)
    in_own_legend = [t for t in own.data if t.showlegend is not False]
    assert sorted(t["name"] for t in legend["data"]) == sorted(t.name for t in in_own_legend)
    by_name = {t["name"]: t for t in legend["data"]}
    for trace in in_own_legend:
        entry = by_name[trace.name]
        assert entry.get("marker") == (trace.marker.to_plotly_json() or None), trace.name
        assert entry.get("line") == (trace.line.to_plotly_json() or None), trace.name
        assert entry.get("fillcolor") == trace.fillcolor, trace.name
        assert entry.get("legendrank") == trace.legendrank, trace.name
    assert all(t["x"] == [None] and t["y"] == [None] for t in legend["data"])
    assert {t["legendgrouptitle"]["text"] for t in legend["data"]
            if t["legendgroup"] == "blocs"} == {"Memberships at the end of the year shown"}
    assert legend["config"]["staticPlot"] is True
    assert legend["layout"]["meta"]["name"] == "Legend of the map"
    assert legend["layout"]["legend"]["orientation"] == "h"
    assert "staticPlot" not in explorer.map_chart.figure["config"]


def test_the_legend_is_sent_again_only_when_it_changes():
    explorer = lesson_lib.ActorMapExplorer(year=2016)
    sent = []
    explorer.legend_chart.observe(lambda change: sent.append(change["new"]), names="figure")
    explorer.year.value = 2017  # the same groups, the same names
    explorer.focus.value = "lva"
    explorer.domain.value = "security"
    assert sent == []
    explorer.year.value = 2001
    explorer.year.value = 2002  # the Collective Security Treaty becomes the CSTO
    names = [{t["name"] for t in figure["data"]} for figure in sent]
    assert len(sent) == 2
    assert "Collective Security Treaty (CST)" in names[0] and "CSTO" in names[1]


@pytest.mark.parametrize("years", [(1990, 2025), (2014, 2016)])
def test_the_timeline_explorers_figure_is_the_checked_one(years):
    events = filter_events(years=years)
    for era_menu in (True, False):
        settings = dict(eras=load_eras(), height=500, era_menu=era_menu)
        assert (drawn(unchecked(draw_timeline(events, **settings, checked=False)))
                == drawn(figure_json(draw_timeline(events, **settings))))


def test_the_index_explorers_trajectory_is_the_checked_one():
    band = lesson_lib.index_bands()
    band = band[band["year"] == 2016].drop(columns="year")
    assert (drawn(unchecked(trajectory_figure(band=band, checked=False)))
            == drawn(figure_json(trajectory_figure(band=band))))
