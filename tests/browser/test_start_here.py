"""The start notebook, as a learner sees it in JupyterLab."""

from __future__ import annotations

from .jupyter import run_lesson, save_screenshot

NAME = "00_start_here.ipynb"


def test_start_here_runs_clean_and_its_widget_reacts(lab, lab_context):
    page, run = run_lesson(lab_context, lab, NAME)

    assert run.cell_errors == []
    assert run.widget_errors == 0
    button = page.get_by_role("button", name="Click me")
    button.scroll_into_view_if_needed()
    assert page.get_by_text("Not clicked yet").is_visible()
    button.click()
    page.get_by_text("Widgets work: you clicked 1 time.").wait_for()
    save_screenshot(page, run)

    assert run.console_errors == []
    assert lab_context.outside_requests == []
