"""Lessons 01, 04 and 05 in JupyterLab: they run clean, their widgets answer, nothing leaves."""

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


def test_source_lesson_reveals_a_classification(lab, lab_context):
    page, run = run_lesson(lab_context, lab, "01_the_source.ipynb")
    assert_ran_clean(run)
    first = page.get_by_role("button", name="Reveal", exact=True).first
    first.scroll_into_view_if_needed()
    # The claim's own call sits beside its Reveal button (the explorer's header has a filter
    # by the learner's calls with the same name).
    row = page.locator(".widget-hbox", has=first).first
    row.get_by_role("combobox", name="Your call").select_option(label="interpretation")
    first.click()
    outputs = page.locator(".jp-OutputArea-output")
    expect(outputs.get_by_text("The course's classification").first).to_be_visible()
    expect(outputs.get_by_text("You classified 1 of")).to_be_visible()
    save_screenshot(page, run)
    assert_stayed_offline(run, lab_context)


def test_source_lesson_reader_and_corroboration_work_offline(lab, lab_context):
    page, run = run_lesson(lab_context, lab, "01_the_source.ipynb")
    assert_ran_clean(run)
    outputs = page.locator(".jp-OutputArea-output")
    # The sourcing clues come before the article; the article is there to read in full.
    clues = outputs.filter(has=page.get_by_role("button", name="Compare with the course"))
    expect(clues.first.get_by_text("The date line reads 25 July 2016.")).to_be_visible()
    article = outputs.filter(has_text="Quoted in full for close reading").first
    article.scroll_into_view_if_needed()
    expect(article).to_contain_text("Latvia is clear and predictable partner.")
    save_screenshot(page, run, "-article")
    # The document reader: nothing is revealed before the learner writes.
    # Two widgets compare with the course's reading (the two accounts and the reader); the
    # reader is the one with the document list.
    reader = outputs.filter(has=page.get_by_role("button",
                                                 name="Compare with the course's reading")
                            ).filter(has_text="we want to be friends with everybody")
    reader.scroll_into_view_if_needed()
    # It opens on the document the lesson names, not the earliest one.
    expect(reader.locator("blockquote")).to_contain_text("we want to be friends with everybody")
    reader.get_by_role("button", name="Compare with the course's reading").click()
    expect(reader.get_by_text("Write your own reading first")).to_be_visible()
    box = reader.get_by_placeholder("Your notes").first
    box.fill("Minsk's foreign minister, to American readers")
    box.press("Tab")  # the notes are taken when the box loses focus
    reader.get_by_role("button", name="Compare with the course's reading").click()
    expect(reader.get_by_text("The course's reading:")).to_be_visible()
    save_screenshot(page, run, "-reader")
    # The corroboration task: choose evidence, judge it, compare.
    task = outputs.filter(has=page.get_by_role("button",
                                               name="Compare with the course's verdict"))
    task.scroll_into_view_if_needed()
    evidence = task.get_by_role("listbox")
    evidence.select_option(value=[evidence.locator("option").nth(3).get_attribute("value")])
    task.get_by_role("combobox", name="It…").select_option(
        label="gives context only (it neither confirms nor contradicts)")
    expect(task.get_by_text("independent source")).to_be_visible()
    task.get_by_role("button", name="Compare with the course's verdict").click()
    expect(task.get_by_text("The course's reading:")).to_be_visible()
    save_screenshot(page, run, "-corroboration")
    assert_stayed_offline(run, lab_context)


def test_model_lesson_answers_a_preset(lab, lab_context):
    page, run = run_lesson(lab_context, lab, "04_balancing_act.ipynb")
    assert_ran_clean(run)
    # the index explorer's trajectory, trade, the UN votes, the model: JupyterLab draws a
    # long notebook's outputs as they scroll into view, so each is brought there first.
    outputs = page.locator(".jp-OutputArea-output")
    has_chart = ("el => el.matches('.js-plotly-plot') || "
                 "el.querySelector('.js-plotly-plot') !== null")
    charts = []
    for i in range(outputs.count()):
        outputs.nth(i).scroll_into_view_if_needed()
        page.wait_for_timeout(200)  # a chart drawn as it comes into view
        if outputs.nth(i).evaluate(has_chart):
            charts.append(i)
    assert len(charts) == 4, charts
    page.locator(".js-plotly-plot").first.scroll_into_view_if_needed()
    save_screenshot(page, run, "-index")
    page.locator(".js-plotly-plot").nth(1).scroll_into_view_if_needed()
    save_screenshot(page, run, "-outside")
    explorer = page.locator(".jp-OutputArea-output", has=page.get_by_role(
        "combobox", name="Start from")).first
    explorer.scroll_into_view_if_needed()
    reading = explorer.get_by_text("In this model the West is")
    expect(reading).to_be_visible()
    before = reading.inner_text()
    explorer.get_by_role("combobox", name="Start from").select_option(label="2022: the war")
    expect(reading).not_to_have_text(before, timeout=30_000)
    expect(reading).to_contain_text("hostile")
    # The rules open from the keyboard, and the answer stays on screen beside them.
    toggle = explorer.get_by_role("button", name="Show the rules (to edit them)")
    toggle.focus()
    page.keyboard.press("Space")
    first_rule = explorer.get_by_text("The West welcomes", exact=False).first
    expect(first_rule).to_be_visible()
    first_rule.scroll_into_view_if_needed()
    chart = explorer.locator(".js-plotly-plot")
    expect(chart).to_be_in_viewport()
    save_screenshot(page, run)
    # Every control, the rules' sliders among them, is reached by Tab alone.
    assert controls_missed_by_tab(page, explorer) == []
    # axe-core: no WCAG 2.1 A or AA violation inside the course's own explorers.
    assert accessibility_violations(page, ".two-chairs-explorer") == []
    assert_stayed_offline(run, lab_context)


def test_forecast_lesson_reveals_after_a_verdict(lab, lab_context):
    page, run = run_lesson(lab_context, lab, "05_what_happened_next.ipynb")
    assert_ran_clean(run)
    expect(page.locator(".js-plotly-plot")).to_have_count(1)  # the scorecard
    reveal = page.get_by_role("button", name="Reveal the course's verdict")
    reveal.scroll_into_view_if_needed()
    page.get_by_role("radio", name="came true", exact=True).check()
    page.get_by_role("radio", name="plausible", exact=True).check()
    reveal.click()
    outputs = page.locator(".jp-OutputArea-output")
    expect(outputs.get_by_text("The course's verdict on what happened:")).to_be_visible()
    expect(outputs.get_by_text("Answered 1 of")).to_be_visible()
    save_screenshot(page, run)
    assert_stayed_offline(run, lab_context)
