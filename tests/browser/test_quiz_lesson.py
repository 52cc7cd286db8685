"""A self-check in JupyterLab: feedback on a click, the score line, progress kept over a restart."""

from __future__ import annotations

from playwright.sync_api import expect

from .jupyter import (
    accessibility_violations,
    assert_ran_clean,
    assert_stayed_offline,
    restart_and_run_all,
    run_lesson,
    save_screenshot,
)


def quiz_area(page):
    return page.locator(".jp-OutputArea-output", has=page.get_by_text("Self-check: the timeline"))


def test_quiz_gives_feedback_and_keeps_progress_over_a_restart(lab, lab_context):
    page, run = run_lesson(lab_context, lab, "02_timeline.ipynb")
    assert_ran_clean(run)
    quiz = quiz_area(page)
    quiz.scroll_into_view_if_needed()
    expect(quiz.get_by_text("0 of 6 right, 0 hints used")).to_be_visible()

    box = quiz.get_by_placeholder("a year, e.g. 2004")
    box.fill("1998")
    quiz.get_by_role("button", name="Check").click()
    expect(quiz.get_by_text("Not quite: too early, but close.")).to_be_visible()
    box.fill("1999")
    box.press("Enter")
    quiz.get_by_role("button", name="Check").click()
    expect(quiz.get_by_text("1 of 6 right, 0 hints used")).to_be_visible()
    expect(quiz.get_by_text("Why:")).to_be_visible()
    quiz.get_by_role("button", name="Hint (2 left)").click()
    expect(quiz.get_by_text("1 of 6 right, 1 hint used")).to_be_visible()
    save_screenshot(page, run, "-quiz")
    assert accessibility_violations(page, ".two-chairs-explorer") == []  # axe-core, WCAG AA

    restart_and_run_all(page, run)
    assert_ran_clean(run)
    quiz = quiz_area(page)
    quiz.scroll_into_view_if_needed()
    expect(quiz.get_by_text("1 of 6 right, 1 hint used")).to_be_visible()
    expect(quiz.get_by_placeholder("a year, e.g. 2004")).to_have_value("1999")
    assert_stayed_offline(run, lab_context)
