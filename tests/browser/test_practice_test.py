"""The practice test (lesson 06) in JupyterLab: a closed question answers back, says which
objective it checks, and the written tasks keep their example answers folded."""

from __future__ import annotations

from playwright.sync_api import expect

from .jupyter import assert_ran_clean, assert_stayed_offline, run_lesson, save_screenshot


def test_practice_test_gives_feedback_on_a_closed_question(lab, lab_context):
    page, run = run_lesson(lab_context, lab, "06_practice_test.ipynb")
    assert_ran_clean(run)
    quiz = page.locator(".jp-OutputArea-output",
                        has=page.get_by_text("Practice test: the closed questions"))
    quiz.scroll_into_view_if_needed()
    expect(quiz.get_by_text("(objective 01.1)")).to_be_visible()
    quiz.get_by_role("radio", name="It is too recent to be history.").check()
    quiz.get_by_role("button", name="Check").click()
    expect(quiz.get_by_text("Recent documents are sources too")).to_be_visible()
    save_screenshot(page, run, "-practice-options")
    quiz.get_by_role("radio", name="It was said at a news conference", exact=False).check()
    quiz.get_by_role("button", name="Check").click()
    expect(quiz.get_by_text("Why:")).to_be_visible()
    save_screenshot(page, run, "-practice")
    # The written tasks' example answers stay folded until the learner opens them.
    example = page.locator(".jp-RenderedMarkdown").get_by_text(
        "Two chairs in politics, not in security.", exact=False).first
    expect(example).to_be_hidden()
    summary = page.locator("summary", has_text="An example answer").first
    summary.scroll_into_view_if_needed()
    summary.click()
    expect(example).to_be_visible()
    assert_stayed_offline(run, lab_context)
