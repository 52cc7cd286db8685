"""The explorers' charts: one widget each, whose figure changes in place on a control change,
and whose page code is small and fetches nothing from outside the course's server."""

from __future__ import annotations

import ipywidgets as widgets
import plotly.graph_objects as go
import pytest

import lesson_lib
from lesson_lib.display import _widgets_under, show_figure
from lesson_lib.live_figure import LiveFigure
from lesson_lib.style import PLOTLY_CONFIG
from two_chairs_static import SERVER_PATH, VOILA_PATH, plotly_version


def test_a_live_figure_holds_the_figure_as_json_with_the_course_chart_settings():
    chart = LiveFigure()
    show_figure(chart, go.Figure(go.Bar(x=["a", "b"], y=[1, 2]), layout={"height": 300}))
    assert chart.figure["data"][0]["type"] == "bar"
    assert chart.figure["layout"]["height"] == 300
    assert chart.figure["config"] == PLOTLY_CONFIG  # the same tools as every other chart


def test_show_figure_says_what_it_draws_into():
    with pytest.raises(TypeError, match="LiveFigure"):
        show_figure(widgets.Output(), go.Figure())


def test_the_page_code_is_small_and_loads_plotly_from_the_course_server_only():
    code = LiveFigure._esm
    assert len(code.encode("utf-8")) < 8 * 1024  # not plotly.js (5 MB) in every widget
    assert "http://" not in code and "https://" not in code and "cdn" not in code.lower()
    for part in (SERVER_PATH, VOILA_PATH, plotly_version(), "Plotly.react", "jupyter-config-data"):
        assert part in code
    assert "toImage" not in code  # no hidden copy drawn for a picture


EXPLORERS = {
    "timeline": (lambda: lesson_lib.TimelineExplorer(),
                 lambda e: setattr(e.categories["security"], "value", False), ["chart"]),
    "actor map": (lambda: lesson_lib.ActorMapExplorer(year=2016),
                  lambda e: setattr(e.year, "value", 2017), ["map_chart", "network_chart"]),
    "model": (lambda: lesson_lib.BalanceExplorer(),
              lambda e: setattr(e.choice_sliders["mediation_role"], "value", 0),
              ["result_chart"]),
    "index": (lambda: lesson_lib.IndexExplorer(),
              lambda e: setattr(e.memory, "value", 0.3), ["chart"]),
}


@pytest.mark.parametrize("name", list(EXPLORERS))
def test_a_control_change_changes_the_chart_in_place(name):
    make, change, charts = EXPLORERS[name]
    explorer = make()
    assert not [w for w in _widgets_under(explorer.box) if isinstance(w, widgets.Output)]
    before = {c: getattr(explorer, c) for c in charts}
    figures = {c: chart.figure for c, chart in before.items()}
    seen = {c: [] for c in charts}
    for c, chart in before.items():
        chart.observe(lambda change, c=c: seen[c].append(change["new"]), names="figure")
    change(explorer)
    for c in charts:
        assert getattr(explorer, c) is before[c], f"{name}: {c} was replaced"
        assert getattr(explorer, c) in explorer.box.children or any(
            getattr(explorer, c) is w for w in _widgets_under(explorer.box))
        assert len(seen[c]) == 1, f"{name}: {c} changed {len(seen[c])} times for one change"
        assert seen[c][0] != figures[c]
