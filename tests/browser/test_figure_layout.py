"""Every lesson figure drawn at laptop size (1366 x 768, the notebook's width) and at the
narrowest the course draws a chart (a phone scrolls it sideways): no two pieces of text
overlap, and no text is cut by the figure's edge. Figures are drawn on their own
page with the plotly.js that ships with plotly, so the test needs no JupyterLab."""

from __future__ import annotations

import json

import pytest

import lesson_lib
from lesson_lib.style import NARROWEST_CHART_PX, figure_json

from .jupyter import SCREENSHOTS

# The notebook's output area in JupyterLab at 1366 px with the file browser open.
WIDTH = 930
WIDTHS = [WIDTH, NARROWEST_CHART_PX]
FIGURES = {
    "timeline": lambda: lesson_lib.timeline_figure(),
    "timeline-2014-2016": lambda: lesson_lib.timeline_figure(
        lesson_lib.filter_events(years=(2014, 2016)), x_range=("2014-01-01", "2017-01-01"),
        title="Belarus, 2014-2016"),
    "map-2016": lambda: lesson_lib.geo_map_figure(2016),
    "network-2016": lambda: lesson_lib.network_figure(2016),
    "trajectory": lambda: lesson_lib.trajectory_figure(),
    "outside-measure": lambda: lesson_lib.outside_measure_figure(),
    "trade": lambda: lesson_lib.trade_partners_figure(),
    "scorecard": lambda: lesson_lib.scorecard_figure(),
    "locator": lambda: lesson_lib.locator_map_figure(),
    "outcome": lambda: lesson_lib.outcome_figure({"west": -7.8, "moscow": 6.2, "room": 2.2}),
}
# Text a learner reads: titles, tick labels, legend entries, annotations, marker labels; and
# a menu drawn in the chart, whole, so a label under the menu's box counts as hidden.
TEXT = (".main-svg text:not(.updatemenu-container *), .main-svg .annotation-text, "
        ".main-svg .updatemenu-header-group")

_MEASURE = """
(selector) => {
  const root = document.querySelector('.js-plotly-plot');
  const frame = root.getBoundingClientRect();
  const boxes = [];
  for (const el of root.querySelectorAll(selector)) {
    const r = el.getBoundingClientRect();
    const text = el.textContent.trim();
    if (!text || r.width === 0 || r.height === 0) continue;
    if (getComputedStyle(el).visibility === 'hidden' || el.closest('[opacity="0"]')) continue;
    boxes.push({text, x: r.left, y: r.top, w: r.width, h: r.height});
  }
  return {frame: {x: frame.left, y: frame.top, w: frame.width, h: frame.height}, boxes};
}
"""


def overlaps(a: dict, b: dict, slack: float = 1.0) -> bool:
    return (a["x"] + slack < b["x"] + b["w"] and b["x"] + slack < a["x"] + a["w"]
            and a["y"] + slack < b["y"] + b["h"] and b["y"] + slack < a["y"] + a["h"])


@pytest.fixture(scope="module")
def plotly_js(tmp_path_factory):
    from plotly.offline import get_plotlyjs

    path = tmp_path_factory.mktemp("plotly") / "plotly.min.js"
    path.write_text(get_plotlyjs(), "utf-8")
    return path


def draw(browser, plotly_js, tmp_path, name: str, fig, width: int = WIDTH):
    """A new page showing ``fig`` alone, drawn; the caller closes it."""
    spec = figure_json(fig)
    page_file = tmp_path / f"{name}.html"
    page_file.write_text(
        f"<html><body style='margin:0'><div id='f' style='width:{width}px'></div>"
        f"<script src='{plotly_js.as_uri()}'></script><script>"
        f"const s = {json.dumps(spec)}; Plotly.newPlot('f', s.data, s.layout, s.config);"
        "</script></body></html>", "utf-8")
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    page.goto(page_file.as_uri())
    page.wait_for_selector(".js-plotly-plot .main-svg")
    return page


def measure(browser, plotly_js, tmp_path, name: str, fig, width: int = WIDTH) -> dict:
    """Draw ``fig`` on its own page and return the frame, every text box and the tools."""
    page = draw(browser, plotly_js, tmp_path, name, fig, width)
    try:
        page.wait_for_timeout(300)
        measured = page.evaluate(_MEASURE, TEXT)
        measured["tools"] = page.evaluate(
            "() => [...document.querySelectorAll('.modebar-btn')]"
            ".map(a => a.getAttribute('data-title'))")
        SCREENSHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"figure-{name}.png"), full_page=True)
    finally:
        page.close()
    return measured


def problems(measured: dict) -> tuple[list[str], list[str]]:
    frame, boxes = measured["frame"], measured["boxes"]
    cut = [b["text"] for b in boxes
           if b["x"] < frame["x"] - 1 or b["x"] + b["w"] > frame["x"] + frame["w"] + 1]
    clashes = sorted({f"{a['text']!r} / {b['text']!r}" for i, a in enumerate(boxes)
                      for b in boxes[i + 1:] if overlaps(a, b)})
    return cut, clashes


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", list(FIGURES))
def test_figure_text_neither_overlaps_nor_is_cut(browser, plotly_js, tmp_path, name, width):
    shot = name if width == WIDTH else f"{name}-{width}px"
    measured = measure(browser, plotly_js, tmp_path, shot, FIGURES[name](), width)
    assert len(measured["boxes"]) >= 5, f"{name}: too little text found to check"
    cut, clashes = problems(measured)
    # Only tools a learner needs: no sharing to a cloud service, no selection tools.
    assert not [t for t in measured["tools"] if "Share" in t or "Select" in t or "Lasso" in t]
    assert cut == [], f"{name}: text cut by the figure's edge: {cut[:5]}"
    assert clashes == [], f"{name}: {len(clashes)} overlapping texts, e.g. {clashes[:6]}"


def test_the_check_sees_an_overlap_and_a_cut(browser, plotly_js, tmp_path):
    import plotly.graph_objects as go

    fig = go.Figure(go.Scatter(x=[1, 2], y=[1, 2]), layout={"annotations": [
        {"x": 1, "y": 1, "text": "first label", "showarrow": False},
        {"x": 1, "y": 1, "text": "second label", "showarrow": False},
        {"x": 1.0, "y": 0.5, "xref": "paper", "yref": "paper", "xanchor": "left",
         "text": "a label that runs far past the right edge of it all",
         "showarrow": False}]})
    cut, clashes = problems(measure(browser, plotly_js, tmp_path, "self-test", fig))
    assert any("first label" in c and "second label" in c for c in clashes)
    assert any("runs far past" in c for c in cut)


HOVERED = ["timeline", "map-2016", "network-2016"]


@pytest.mark.parametrize("name", HOVERED)
def test_hover_labels_stay_inside_the_chart(browser, plotly_js, tmp_path, name):
    page = draw(browser, plotly_js, tmp_path, f"{name}-hover", FIGURES[name]())
    outside, seen = [], 0
    try:
        points = page.locator(".scatterlayer .point, .scattergeo .point")
        count = points.count()
        for i in range(0, count, max(1, count // 40)):  # about 40 points, spread out
            box = points.nth(i).bounding_box()
            if not box:
                continue
            page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
            page.wait_for_timeout(60)
            label = page.locator(".hoverlayer .hovertext").first
            if not label.count():
                continue
            seen += 1
            r = label.bounding_box()
            if r and (r["x"] < 0 or r["x"] + r["width"] > WIDTH + 1):  # off the chart
                outside.append(label.text_content()[:60])
    finally:
        page.close()
    assert seen >= 5, f"{name}: only {seen} hover labels appeared"
    assert outside == [], f"{name}: hover labels past the chart's side: {outside[:3]}"
