"""Reading copies (`make html`): every page's figures render with every network request blocked."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from playwright.sync_api import expect

from .jupyter import (
    ROOT,
    NotebookRun,
    accessibility_violations,
    assert_stayed_offline,
    guard_origin,
    save_screenshot,
)


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


@pytest.mark.parametrize("viewport", [{"width": 1366, "height": 768},
                                      {"width": 390, "height": 844}], ids=["laptop", "phone"])
def test_a_self_check_works_in_the_reading_copy_with_no_kernel(site, browser, viewport):
    """From file://, every request outside blocked: type a wrong year, then the right one;
    choose an option; see feedback, hints, the explanation and the score."""
    context = browser.new_context(viewport=viewport)
    run = NotebookRun("reading copies: self-check")
    guard_origin(context, "file:///", run)
    context.outside_requests = run.outside_requests
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((site / "02_timeline.html").as_uri())
    quiz = page.locator(".two-chairs-static-quiz")
    expect(quiz).to_have_count(1)
    first = quiz.locator(".tc-question").first
    first.scroll_into_view_if_needed()
    box = first.get_by_label("Your answer")
    box.fill("1998")
    first.get_by_role("button", name="Check").click()
    expect(first.locator(".tc-feedback")).to_contain_text("too early, but close")
    first.get_by_role("button", name="Hint (2 left)").click()
    expect(first.locator(".tc-hints")).to_contain_text("Hint 1:")
    box.fill("1999")
    box.press("Enter")
    expect(first.locator(".tc-feedback")).to_contain_text("✔")
    expect(first.locator(".tc-why")).to_contain_text("Why:")
    expect(quiz.locator(".tc-score")).to_have_text("1 of 6 right, 1 hint used")
    single = quiz.locator(".tc-question").nth(2)  # which event moved Minsk toward the West
    single.get_by_label("The CSTO Charter (2002)").check()
    single.get_by_role("button", name="Check").click()
    expect(single.locator(".tc-feedback")).to_contain_text("Russian-led alliance")
    run.name = "02_timeline"
    save_screenshot(page, run, f"-reading-copy-quiz-{viewport['width']}")
    # Nothing of the self-check runs past the screen's edge, the ordering menus included.
    right_edges = quiz.evaluate("q => [...q.querySelectorAll('fieldset, select, label, input')]"
                                ".map(e => e.getBoundingClientRect().right)")
    assert max(right_edges) <= viewport["width"] + 1
    assert errors == []
    assert_stayed_offline(run, context)
    context.close()


def test_the_graded_assessment_never_reaches_a_reading_copy(site):
    """The reading copies hold the self-checks' answers (they are practice) but nothing of
    the graded assessment: not its document, not its keys."""
    import nbformat

    sources = sorted((ROOT / "notebooks" / "assessment" / "source").glob(
        "two_chairs_form_*/*.ipynb"))
    cells = [c for s in sources for c in nbformat.read(s, as_version=4).cells]
    quoted = {q for c in cells if c.cell_type == "markdown"
              for q in re.findall(r'> "([^"]{30,})"', c.source)}
    assert len(quoted) == 3, "the three forms' documents were not found"
    pages = "\n".join(p.read_text("utf-8") for p in site.glob("*.html"))
    assert "two_chairs_form" not in pages
    assert not [q for q in quoted if q in pages]


def test_every_reading_copy_passes_an_accessibility_audit(site, browser):
    """axe-core finds no WCAG 2.1 A or AA violation on any page (the index, every lesson,
    its figures and its self-check). It found 8 to 18 on every lesson page before the
    template darkened the cell prompts and code numbers and underlined links."""
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    found = {}
    for path in sorted(site.glob("*.html")):
        page.goto(path.as_uri())
        page.wait_for_timeout(300)
        violations = accessibility_violations(page)
        if violations:
            found[path.name] = violations[:5]
    page.close()
    assert found == {}
