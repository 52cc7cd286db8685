"""Lesson 07 in JupyterLab: a learner sorts documents, writes a thesis and an essay,
reloads the page, and finds all of it back; the two-accounts organiser of lesson 02."""

from __future__ import annotations

from playwright.sync_api import expect

from .jupyter import (
    assert_ran_clean,
    assert_stayed_offline,
    reopen_lesson,
    run_lesson,
    save_screenshot,
)

MOSCOW = "No: Minsk sat on Moscow's chair (all along, or from a certain year)"
LIMITS = ("Only within limits: Minsk could talk to the West, but not leave Moscow's side "
          "in security")
ESSAY = ("Minsk could sit on two chairs, but only in politics and only until 2020. "
         "In Document F the foreign minister says Minsk wanted \"to be friends with "
         "everybody\".")


def test_a_learner_sorts_writes_reloads_and_finds_everything_back(lab, lab_context):
    page, run = run_lesson(lab_context, lab, "07_make_the_argument.ipynb")
    assert_ran_clean(run)
    outputs = page.locator(".jp-OutputArea-output")
    # The documents: one at a time, by letter, the words as published beside the adapted.
    documents = outputs.filter(has=page.get_by_role("combobox", name="Document")).first
    documents.scroll_into_view_if_needed()
    documents.get_by_role("combobox", name="Document").select_option(index=6)  # G
    expect(documents.get_by_text("Adapted by the course")).to_be_visible()
    expect(documents.locator("mark")).to_contain_text("We don't need a base at the moment")
    save_screenshot(page, run, "-documents")
    # Bucketing.
    buckets = outputs.filter(has_text="Your buckets").first
    buckets.scroll_into_view_if_needed()
    buckets.get_by_role("combobox", name="B", exact=True).select_option(label=MOSCOW)
    buckets.get_by_role("combobox", name="G", exact=True).select_option(label=LIMITS)
    expect(buckets.get_by_text("Not sorted yet")).to_be_visible()
    save_screenshot(page, run, "-buckets")
    # The thesis: taken when the box loses focus.
    thesis = outputs.filter(has_text="Your thesis").first
    thesis.scroll_into_view_if_needed()
    thesis.get_by_placeholder("Minsk could … until …").fill("Minsk could balance until 2020")
    thesis.get_by_placeholder("the documents show that …").fill("it talked to both sides")
    page.keyboard.press("Tab")
    expect(thesis.get_by_text("Minsk could balance until 2020, because it talked to both sides."
                              )).to_be_visible()
    # The essay: saved as the learner types (here with Save now, so the test need not wait).
    writer = outputs.filter(has=page.get_by_role("button", name="Save a copy to hand in")).first
    writer.scroll_into_view_if_needed()
    box = writer.get_by_placeholder("Your essay")
    box.fill(ESSAY)
    expect(writer.get_by_text("the task asks for 300 to 500")).to_be_visible()
    writer.get_by_role("button", name="Save now").click()
    writer.get_by_role("checkbox", name="My first paragraph answers the question",
                       exact=False).check()
    writer.get_by_role("button", name="Save a copy to hand in").click()
    expect(writer.get_by_role("link", name="my_essay_lesson07.md")).to_be_visible()
    save_screenshot(page, run, "-essay")
    # A learner comes back (the tab closed, the lesson opened again, every cell run again).
    page.close()
    page, again = reopen_lesson(lab_context, lab, "07_make_the_argument.ipynb")
    outputs = page.locator(".jp-OutputArea-output")
    buckets = outputs.filter(has_text="Your buckets").first
    buckets.scroll_into_view_if_needed()
    expect(buckets.get_by_role("combobox", name="B", exact=True)).to_have_value(MOSCOW)
    expect(buckets.get_by_role("combobox", name="G", exact=True)).to_have_value(LIMITS)
    thesis = outputs.filter(has_text="Your thesis").first
    expect(thesis.get_by_text("Minsk could balance until 2020, because it talked to both sides."
                              )).to_be_visible()
    writer = outputs.filter(has=page.get_by_role("button", name="Save a copy to hand in")).first
    writer.scroll_into_view_if_needed()
    expect(writer.get_by_placeholder("Your essay")).to_have_value(ESSAY)
    expect(writer.get_by_role("checkbox", name="My first paragraph answers the question",
                              exact=False)).to_be_checked()
    save_screenshot(page, again, "-after-reload")
    assert_stayed_offline(again, lab_context)


def test_two_accounts_sit_side_by_side_and_the_reading_waits(lab, lab_context):
    page, run = run_lesson(lab_context, lab, "02_timeline.ipynb")
    assert_ran_clean(run)
    pair = page.locator(".jp-OutputArea-output",
                        has_text="What was the August 2020 election in Belarus about?").first
    pair.scroll_into_view_if_needed()
    expect(pair.get_by_text("The words as published")).to_have_count(3)
    expect(pair.get_by_text("Adapted by the course")).to_have_count(3)
    first, second = pair.locator("blockquote").nth(0), pair.locator("blockquote").nth(1)
    # side by side at laptop width: the second account starts right of the first
    assert second.bounding_box()["x"] > first.bounding_box()["x"] + 100
    save_screenshot(page, run, "-two-accounts")
    compare = pair.get_by_role("button", name="Compare with the course's reading")
    compare.click()
    expect(pair.get_by_text("Write an answer first")).to_be_visible()
    pair.get_by_placeholder("Your answer").first.fill("The EU: not free. Lavrov: geopolitics.")
    page.keyboard.press("Tab")
    compare.click()
    expect(pair.get_by_text("The course's reading:")).to_be_visible()
    save_screenshot(page, run, "-two-accounts-reading")
    assert_stayed_offline(run, lab_context)
