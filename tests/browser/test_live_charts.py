"""The explorers' charts in JupyterLab: redrawn in place, with one plotly.js for the page,
fetched from the course's server as a file and never through the kernel's websocket."""

from __future__ import annotations

import nbformat
from playwright.sync_api import expect

from two_chairs_static import SERVER_PATH

from .jupyter import assert_ran_clean, assert_stayed_offline, run_lesson

NAME = "live_charts_check.ipynb"
PLOTLY_BANNER = "plotly.js v"  # the first line of plotly.min.js


def test_explorer_charts_share_one_plotly_file_and_update_in_place(lab, lab_context):
    # Two explorers and no other chart: nothing else on the page brings plotly.js, so the
    # charts must fetch it, and both must wait on the same fetch.
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("import lesson_lib"),
        nbformat.v4.new_code_cell("model = lesson_lib.BalanceExplorer()\nmodel"),
        nbformat.v4.new_code_cell("lesson_lib.IndexExplorer()"),
    ], metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                "language": "python"}})  # no kernel chooser dialog
    nbformat.write(notebook, lab.root / NAME)
    plotly_requests, big_frames = [], []

    def watch_socket(socket) -> None:
        def frame(payload) -> None:
            text = payload if isinstance(payload, str) else payload.decode("utf-8", "replace")
            if PLOTLY_BANNER in text or len(payload) > 1_000_000:
                big_frames.append(len(payload))
        socket.on("framereceived", frame)

    lab_context.on("response", lambda r: SERVER_PATH in r.url and plotly_requests.append(
        (r.url, r.status)))
    lab_context.on("page", lambda p: p.on("websocket", watch_socket))
    page, run = run_lesson(lab_context, lab, NAME)
    assert_ran_clean(run)

    charts = page.locator(".two-chairs-chart .js-plotly-plot")
    expect(charts).to_have_count(2)
    # Once per page, from the server's static file (the base URL from the page's settings).
    assert [status for _, status in plotly_requests] == [200], plotly_requests
    assert plotly_requests[0][0].startswith(f"{lab.url}/{SERVER_PATH}?v=")
    assert big_frames == [], "plotly.js (or some 1 MB message) came through the websocket"

    # The model's chart: the same node before and after a change, with new bars in it.
    explorer = page.locator(".jp-OutputArea-output", has=page.get_by_text("Minsk's choices"))
    chart = explorer.locator(".js-plotly-plot")
    chart.scroll_into_view_if_needed()
    chart.evaluate("node => { node.__before = true; }")
    bars = chart.locator(".barlayer .point path")
    before = [bars.nth(i).get_attribute("d") for i in range(bars.count())]
    explorer.get_by_role("combobox", name="Start from").select_option(label="2022: the war")
    expect(bars.first).not_to_have_attribute("d", before[0], timeout=30_000)
    assert chart.evaluate("node => node.__before === true"), "the chart was replaced"
    # Still the course's tools, and no picture drawn on the side.
    tools = chart.locator(".modebar-btn")
    assert tools.count() == 6
    assert not page.evaluate("() => !!document.querySelector('.plot-img, .js-plotly-plot "
                             "+ .js-plotly-plot')")
    assert_stayed_offline(run, lab_context)


def test_voila_inside_the_jupyter_server_finds_plotly_for_charts_alone(lab, lab_context):
    # Voila as a page of the Jupyter server (/voila/render/, as on a hub) has the course's
    # server extension but not the presenter's template: the chart falls back to the
    # extension's file instead of saying plotly.js did not load.
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("import lesson_lib\nlesson_lib.BalanceExplorer()")],
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}})
    nbformat.write(notebook, lab.root / "live_chart_voila.ipynb")
    served = []
    lab_context.on("response", lambda r: "plotly.min.js" in r.url and served.append(
        (r.url.split("?")[0].removeprefix(lab.url), r.status)))
    page = lab_context.new_page()
    page.goto(f"{lab.url}/voila/render/live_chart_voila.ipynb?token={lab.token}",
              timeout=180_000)
    chart = page.locator(".two-chairs-chart .js-plotly-plot .main-svg").first
    chart.wait_for(state="visible", timeout=90_000)
    assert page.locator(".two-chairs-chart p").count() == 0  # no "could not be drawn"
    assert (f"/{SERVER_PATH}", 200) in served, served
