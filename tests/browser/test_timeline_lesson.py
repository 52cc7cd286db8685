"""Lesson 02 in JupyterLab: the timeline renders, reacts to a filter, and stays offline."""

from __future__ import annotations

from playwright.sync_api import expect

from .jupyter import (
    accessibility_violations,
    assert_ran_clean,
    assert_stayed_offline,
    controls_missed_by_tab,
    run_lesson,
    save_screenshot,
)

NAME = "02_timeline.ipynb"


def test_timeline_lesson_renders_and_filters(lab, lab_context):
    page, run = run_lesson(lab_context, lab, NAME)
    assert_ran_clean(run)

    first_chart = page.locator(".js-plotly-plot").first
    first_chart.scroll_into_view_if_needed()
    first_chart.locator(".scatterlayer .point").first.wait_for()
    save_screenshot(page, run, "-overview")

    explorer = page.locator(".jp-OutputArea-output", has=page.get_by_text(
        "Only what was known by July 2016")).first
    explorer.scroll_into_view_if_needed()
    chart = explorer.locator(".js-plotly-plot")
    chart.locator(".scatterlayer .point").first.wait_for()
    before = chart.locator(".scatterlayer .point").count()
    chart.evaluate("node => { node.__before = true; }")
    explorer.get_by_label("Security").uncheck()
    expect(chart.locator(".scatterlayer .point")).not_to_have_count(before, timeout=30_000)
    after = chart.locator(".scatterlayer .point").count()
    assert 0 < after < before
    # Redrawn in place: the same chart node, not a new chart put in the old one's place.
    assert chart.evaluate("node => node.__before === true")
    assert "Showing" in explorer.inner_text()
    chart.scroll_into_view_if_needed()
    save_screenshot(page, run, "-explorer")

    # Keyboard only: Space ticks the box again, Enter in the search box filters.
    security = explorer.get_by_label("Security")
    security.focus()
    page.keyboard.press("Space")
    expect(chart.locator(".scatterlayer .point")).to_have_count(before, timeout=30_000)
    search = explorer.get_by_placeholder("e.g. sanctions, then Enter")
    search.focus()
    page.keyboard.type("sanctions")
    page.keyboard.press("Enter")
    expect(explorer.get_by_text("Showing")).not_to_contain_text(f"{before} of", timeout=30_000)

    # The down arrow on a menu chooses the next item; the notebook's active cell stays put.
    active = page.locator(".jp-Notebook .jp-Cell.jp-mod-active")
    era = explorer.get_by_role("combobox", name="Era")
    era.focus()
    cell_before = active.get_attribute("data-windowed-list-index") or active.inner_text()[:80]
    value_before = era.input_value()
    page.keyboard.press("ArrowDown")
    expect(era).not_to_have_value(value_before)
    assert (active.get_attribute("data-windowed-list-index")
            or active.inner_text()[:80]) == cell_before
    expect(era).to_be_focused()
    # A focus ring a keyboard user can see.
    assert era.evaluate("e => getComputedStyle(e).outlineWidth") == "3px"
    # Every control is reached by Tab alone.
    assert controls_missed_by_tab(page, explorer) == []
    # axe-core: no WCAG 2.1 A or AA violation inside the course's own explorers.
    assert accessibility_violations(page, ".two-chairs-explorer") == []

    assert_stayed_offline(run, lab_context)
