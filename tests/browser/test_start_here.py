"""The start notebook, as a learner sees it in JupyterLab."""

from __future__ import annotations

from .jupyter import assert_ran_clean, assert_stayed_offline, run_lesson, save_screenshot

NAME = "00_start_here.ipynb"


def test_start_here_runs_clean_and_its_widget_reacts(lab, lab_context):
    page, run = run_lesson(lab_context, lab, NAME)

    assert_ran_clean(run)
    locator = page.locator(".js-plotly-plot").filter(has_text="Brussels (NATO, EU)")
    assert locator.count() == 1  # drawn from the shipped outlines, with no network
    locator.scroll_into_view_if_needed()
    save_screenshot(page, run, "-map")

    button = page.get_by_role("button", name="Click me")
    button.scroll_into_view_if_needed()
    assert page.get_by_text("Not clicked yet").is_visible()
    button.click()
    page.get_by_text("Widgets work: you clicked 1 time.").wait_for()
    save_screenshot(page, run)

    assert_stayed_offline(run, lab_context)
