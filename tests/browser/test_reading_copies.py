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
