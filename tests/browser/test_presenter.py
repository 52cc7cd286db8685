"""Presenter mode: a lesson in Voila shows text, figures and working widgets, no code, offline."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from two_chairs_static import VOILA_PATH, plotly_version

from .jupyter import (
    NotebookRun,
    accessibility_violations,
    assert_stayed_offline,
    guard_origin,
    save_screenshot,
    start_voila,
)

pytest.importorskip("voila", reason="Voila is in the test extra")


def test_presenter_mode_runs_the_map_lesson_offline(browser, tmp_path):
    server = start_voila(tmp_path, "03_actor_map.ipynb")
    try:
        context = browser.new_context(viewport={"width": 1366, "height": 768})
        run = NotebookRun("03_actor_map.ipynb")
        guard_origin(context, server.url, run)
        context.outside_requests = run.outside_requests
        page = context.new_page()
        page.on("console", lambda m: m.type == "error" and run.console_errors.append(m.text))
        page.goto(server.url + "/", timeout=180_000)
        expect(page.locator(".js-plotly-plot").first).to_be_visible(timeout=180_000)
        expect(page.get_by_text("Who pulls Belarus where?").first).to_be_visible()
        assert page.get_by_text("import lesson_lib").count() == 0  # no code cells
        focus = page.get_by_role("combobox", name="Focus")
        focus.scroll_into_view_if_needed()
        focus.select_option(label="Latvia")
        expect(page.get_by_text("Latvia: ties in 2016")).to_be_visible(timeout=60_000)
        # The explorer's two live charts and its legend are drawn, and Voila serves their
        # plotly.js (it loads no server extension: the course's template folder has it) with
        # a long cache.
        charts = page.locator(".two-chairs-chart .js-plotly-plot .main-svg")
        expect(charts.first).to_be_visible(timeout=60_000)
        assert page.locator(".two-chairs-chart .js-plotly-plot").count() == 3
        assert page.locator(".two-chairs-legend .js-plotly-plot").count() == 1
        reply = page.request.get(f"{server.url}/{VOILA_PATH}?v={plotly_version()}")
        assert reply.ok and reply.body()[:200].decode().count("plotly.js v")
        assert "max-age" in reply.headers["cache-control"]
        assert page.get_by_text("Error displaying widget").count() == 0
        save_screenshot(page, run, "-presenter")
        # axe-core: no WCAG 2.1 A or AA violation on the presenter page.
        assert accessibility_violations(page) == []
        assert_stayed_offline(run, context)
        context.close()
    finally:
        server.stop()
