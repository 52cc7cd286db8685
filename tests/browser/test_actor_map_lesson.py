"""Lesson 03 in JupyterLab: map and network render with country shapes, the year slider
moves them, and nothing is fetched from outside (plotly's map CDN included)."""

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

NAME = "03_actor_map.ipynb"


def test_actor_map_lesson_renders_offline_and_follows_the_year(lab, lab_context):
    page, run = run_lesson(lab_context, lab, NAME)
    assert_ran_clean(run)

    first_map = page.locator(".js-plotly-plot").first
    first_map.scroll_into_view_if_needed()
    # Country shapes: filled paths drawn from the shipped outlines.
    shapes = first_map.locator(".geolayer .trace.scattergeo path")
    expect(shapes.first).to_be_visible()
    assert shapes.count() >= 8
    save_screenshot(page, run, "-map")

    explorer = page.locator(".jp-OutputArea-output", has=page.get_by_role(
        "combobox", name="Focus")).first
    explorer.scroll_into_view_if_needed()
    titles = explorer.locator(".js-plotly-plot .gtitle")
    expect(titles.first).to_have_text("Memberships and ties, 2016")
    expect(titles.nth(1)).to_have_text("Network of ties, 2016")
    explorer.get_by_role("combobox", name="Focus").select_option(label="Latvia")
    expect(explorer.get_by_text("Latvia: ties in 2016")).to_be_visible()
    # Keyboard: the slider handle takes arrow keys.
    explorer.locator(".slider .noUi-handle, .widget-slider .ui-slider-handle").first.focus()
    page.keyboard.press("ArrowRight")
    expect(titles.first).to_have_text("Memberships and ties, 2017", timeout=30_000)
    expect(titles.nth(1)).to_have_text("Network of ties, 2017")
    # Named year buttons; the ties panel sits right under the network, not a screen away.
    explorer.get_by_role("button", name="Year after ▶").click()
    expect(titles.first).to_have_text("Memberships and ties, 2018", timeout=30_000)
    # The map, its legend under it (drawn apart, static), the network.
    live = explorer.locator(".two-chairs-chart:not(.two-chairs-legend) .js-plotly-plot")
    expect(live).to_have_count(2)
    legend = explorer.locator(".two-chairs-legend .js-plotly-plot")
    expect(legend.get_by_text("NATO and EU")).to_be_visible()
    expect(legend.get_by_text("Memberships at the end of the year shown")).to_be_visible()
    map_box, legend_box = live.first.bounding_box(), legend.bounding_box()
    assert map_box and legend_box and 0 <= legend_box["y"] - (
        map_box["y"] + map_box["height"]) < 20
    network = live.nth(1).bounding_box()
    panel = explorer.get_by_text("Latvia: ties in 2018").bounding_box()
    assert network and panel and 0 <= panel["y"] - (network["y"] + network["height"]) < 80
    live.nth(1).scroll_into_view_if_needed()
    save_screenshot(page, run, "-explorer")
    # Every control is reached by Tab alone.
    assert controls_missed_by_tab(page, explorer) == []
    # axe-core: no WCAG 2.1 A or AA violation inside the course's own explorers.
    assert accessibility_violations(page, ".two-chairs-explorer") == []

    # The perspectives chair: the evidence first, the course's reading only after writing.
    chair = page.locator(".jp-OutputArea-output", has=page.get_by_role(
        "combobox", name="Side")).first
    chair.scroll_into_view_if_needed()
    expect(chair.get_by_text("Belarusian society, 2020-2022")).to_be_visible()
    expect(chair.get_by_text("This year the world has seen Belarus awakening.",
                             exact=False)).to_be_visible()
    chair.get_by_role("button", name="Compare with the course's reading").click()
    expect(chair.get_by_text("Write your own reading first")).to_be_visible()
    chair.get_by_role("combobox", name="Side").select_option(label="Kyiv")
    expect(chair.get_by_text("Kyiv, 2020-2022")).to_be_visible()
    chair.get_by_role("textbox").fill("To keep Belarus out of the war.")
    chair.get_by_role("textbox").press("Tab")  # the answer is taken when the box loses focus
    chair.get_by_role("button", name="Compare with the course's reading").click()
    expect(chair.get_by_text("The course's reading:")).to_be_visible()
    save_screenshot(page, run, "-perspectives")
    grid = page.locator(".jp-OutputArea-output", has=page.get_by_text(
        "Vilnius, Riga and Warsaw")).last
    grid.scroll_into_view_if_needed()
    save_screenshot(page, run, "-perspectives-grid")

    assert_stayed_offline(run, lab_context)
