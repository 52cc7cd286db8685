"""An explorer's redraw skips plotly's checks of its figure (about a third of a map's time
in the kernel): so the figure it draws must be the one plotly would have checked."""

from __future__ import annotations

import base64
import math

import numpy as np
import pytest

import lesson_lib
from lesson_lib.actors.actor_map import _geo_map
from lesson_lib.actors.network import _network
from lesson_lib.model.index_views import trajectory_figure
from lesson_lib.style import course_figure, figure_json
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


def test_the_comparison_sees_a_real_difference():
    assert drawn({"x": [1.0, 2.0]}) != drawn({"x": [1.0, 2.5]})
    assert drawn({"a": [], "b": None}) == drawn({})
    assert drawn({"y": {"dtype": "f8", "bdata": base64.b64encode(
        np.array([0.5, 1.5]).tobytes()).decode()}}) == {"y": [0.5, 1.5]}


def test_an_unchecked_figure_skips_plotlys_checks_and_a_checked_one_keeps_them():
    wrong = [{"type": "scatter", "x": [1], "colour": "red"}]
    with pytest.raises(ValueError, match="colour"):
        course_figure(wrong)
    assert course_figure(wrong, checked=False).to_plotly_json()["data"][0]["colour"] == "red"


@pytest.mark.parametrize(("year", "domain", "focus"), [
    (1999, None, None), (2016, None, None), (2016, "security", None), (2022, None, "rus"),
    (2022, "economic", "pol")])
def test_the_explorers_map_and_network_are_the_checked_ones(year, domain, focus):
    explorer = lesson_lib.ActorMapExplorer()
    settings = dict(domain=domain, focus=focus, height=explorer._height, hover=explorer._hover)
    for draw, extra in ((_geo_map, explorer.map_layout()), (_network, {"showlegend": False})):
        checked = drawn(figure_json(draw(year, **settings, layout=extra)))
        assert drawn(figure_json(draw(year, **settings, layout=extra, checked=False))) == checked


def test_the_explorers_own_map_is_drawn_with_its_legend_under_it():
    explorer = lesson_lib.ActorMapExplorer()
    explorer.year.value = 2016
    shown = explorer.map_chart.figure
    assert shown["layout"]["legend"]["orientation"] == "h"
    assert shown["layout"]["height"] == explorer._height + 220
    assert drawn(shown) == drawn(figure_json(_geo_map(
        2016, domain=None, focus=None, height=explorer._height, hover=explorer._hover,
        layout=explorer.map_layout())))
    assert explorer.network_chart.figure["layout"]["showlegend"] is False


@pytest.mark.parametrize("years", [(1990, 2025), (2014, 2016)])
def test_the_timeline_explorers_figure_is_the_checked_one(years):
    events = filter_events(years=years)
    for era_menu in (True, False):
        settings = dict(eras=load_eras(), height=500, era_menu=era_menu)
        assert (drawn(figure_json(draw_timeline(events, **settings, checked=False)))
                == drawn(figure_json(draw_timeline(events, **settings))))


def test_the_index_explorers_trajectory_is_the_checked_one():
    band = lesson_lib.index_bands()
    band = band[band["year"] == 2016].drop(columns="year")
    assert (drawn(figure_json(trajectory_figure(band=band, checked=False)))
            == drawn(figure_json(trajectory_figure(band=band))))
