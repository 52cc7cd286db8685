"""Reading copies (`make html`): every page's figures render with every network request blocked."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from playwright.sync_api import expect

from .jupyter import ROOT, NotebookRun, assert_stayed_offline, guard_origin, save_screenshot


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    dest = tmp_path_factory.mktemp("site") / "site"
    subprocess.run([sys.executable, str(ROOT / "tools" / "reading_copies.py"), str(dest)],
                   check=True, capture_output=True, timeout=900)
    return dest


def test_index_lists_every_lesson(site):
    index = (site / "index.html").read_text("utf-8")
    for lesson in sorted((ROOT / "notebooks").glob("0*.ipynb")):
        assert f'href="{lesson.stem}.html"' in index
    assert (site / "plotly.min.js").is_file()


def test_pages_load_no_script_from_outside(site):
    for page in site.glob("0*.html"):
        text = page.read_text("utf-8")
        assert "cdn." not in text and "unpkg.com" not in text, page.name
        assert text.count('<script src="plotly.min.js"></script>') == 1


def test_every_figure_renders_offline(site, browser):
    manifest = json.loads((site / "manifest.json").read_text("utf-8"))
    assert sum(manifest.values()) >= 8
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    run = NotebookRun("reading copies")
    guard_origin(context, "file:///", run)  # any http(s) request at all is outside the site
    context.outside_requests = run.outside_requests
    page = context.new_page()
    page.on("console", lambda m: m.type == "error" and run.console_errors.append(m.text))
    page.on("pageerror", lambda e: run.console_errors.append(str(e)))
    for name, figures in manifest.items():
        page.goto((site / name).as_uri())
        plots = page.locator(".js-plotly-plot")
        expect(plots).to_have_count(figures)
        for i in range(figures):
            expect(plots.nth(i).locator(".main-svg").first).to_be_attached()
        if name.startswith("03"):
            plots.first.scroll_into_view_if_needed()
            run.name = "03_actor_map"
            save_screenshot(page, run, "-reading-copy")
    assert_stayed_offline(run, context)
    context.close()


def test_on_a_phone_charts_keep_their_width_and_the_page_does_not_slide(site, browser):
    """At 390 px a chart is drawn at the width its labels were checked at and scrolls
    sideways in its own box; the page's text does not run off the side."""
    from lesson_lib.style import NARROWEST_CHART_PX

    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True,
                                  device_scale_factor=2)
    run = NotebookRun("reading copies on a phone")
    guard_origin(context, "file:///", run)
    context.outside_requests = run.outside_requests
    page = context.new_page()
    narrow, pages = [], sorted(site.glob("0*.html"))
    for path in pages:
        page.goto(path.as_uri())
        page.wait_for_timeout(300)
        widths = page.evaluate("() => [...document.querySelectorAll('.js-plotly-plot')]"
                               ".map(p => p.getBoundingClientRect().width)")
        narrow += [f"{path.name}: a chart {w:.0f} px wide" for w in widths
                   if w < NARROWEST_CHART_PX - 1]
        if widths:
            expect(page.locator(".two-chairs-narrow-note")).to_be_visible()
        page_width = page.evaluate("() => document.documentElement.scrollWidth")
        assert page_width <= 391, f"{path.name}: the page is {page_width} px wide on a phone"
        if path.name.startswith("04"):
            page.locator(".js-plotly-plot").first.scroll_into_view_if_needed()
            run.name = "04_balancing_act"
            save_screenshot(page, run, "-reading-copy-phone")
    assert narrow == []
    assert_stayed_offline(run, context)
    context.close()
