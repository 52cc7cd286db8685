"""Lesson 08 in a browser: one learner plays a decision room alone (seat, memo, save, the
debrief, a reload that finds the memo again), and a class plays one in presenter mode (the
teacher records the groups, reloads, and shows the room's choices beside what happened)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .jupyter import (
    NotebookRun,
    accessibility_violations,
    assert_ran_clean,
    assert_stayed_offline,
    guard_origin,
    reopen_lesson,
    run_lesson,
    save_screenshot,
    start_voila,
)

LESSON = "08_decision_rooms.ipynb"
MINSK = "Minsk: Lukashenko's government"
MEMO = ("On 11 August 2021 I keep the crossings open and blame the sanctions, because the "
        "EU has cut us off since June.")


def _room(page):
    return page.locator(".jp-OutputArea-output").filter(
        has=page.get_by_role("button", name="Save my decision and open the debrief")).first


def test_a_learner_decides_alone_then_meets_what_happened_and_finds_the_memo_again(
        lab, lab_context):
    page, run = run_lesson(lab_context, lab, LESSON)
    assert_ran_clean(run)
    room = _room(page)
    room.scroll_into_view_if_needed()
    expect(room.get_by_text("The decision on the table.")).to_be_visible()
    room.get_by_role("combobox", name="Your seat").select_option(label=MINSK)
    expect(room.get_by_text(f"Your seat: {MINSK}")).to_be_visible()
    # Hindsight stays hidden until the decision is on record.
    expect(room.get_by_text("opens when your decision is saved")).to_be_visible()
    expect(room.get_by_text("What happened after")).to_have_count(0)
    room.get_by_role("radio").first.check()
    expect(room.get_by_text("What lesson 04's model says")).to_be_visible()
    room.get_by_role("checkbox").first.check()
    room.get_by_text("What lesson 04's model says").scroll_into_view_if_needed()
    save_screenshot(page, run, "-options")
    save = room.get_by_role("button", name="Save my decision and open the debrief")
    save.click()
    expect(room.get_by_text("Write your memo")).to_be_visible()
    memo = room.get_by_placeholder("Your memo", exact=False)
    memo.fill(MEMO)
    page.keyboard.press("Tab")  # the memo reaches the kernel when the box loses focus
    save.click()
    expect(room.get_by_text("Your decision is saved").first).to_be_visible()
    expect(room.get_by_text("What happened after 11 August 2021")).to_be_visible()
    expect(room.get_by_text("Three questions")).to_be_visible()
    save_screenshot(page, run, "-debrief")
    # The learner comes back (the tab closed, the lesson opened again, every cell run again).
    page.close()
    page, again = reopen_lesson(lab_context, lab, LESSON)
    room = _room(page)
    room.scroll_into_view_if_needed()
    room.get_by_role("combobox", name="Your seat").select_option(label=MINSK)
    expect(room.get_by_placeholder("Your memo", exact=False)).to_have_value(MEMO)
    expect(room.get_by_text("What happened after 11 August 2021")).to_be_visible()
    save_screenshot(page, again, "-memo-after-reload")
    assert_stayed_offline(again, lab_context)


def _presenter_page(browser, server, run):
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    context.set_default_timeout(60_000)
    guard_origin(context, server.url, run)
    context.outside_requests = run.outside_requests
    page = context.new_page()
    page.on("console", lambda m: m.type == "error" and run.console_errors.append(m.text))
    page.goto(server.url + "/", timeout=180_000)
    expect(page.get_by_role("button", name="Record this group's choice")).to_be_visible(
        timeout=180_000)
    return context, page


def _record(page, group: str, seat: str, choice_index: int) -> None:
    page.get_by_role("textbox", name="Group").fill(group)
    page.get_by_role("combobox", name="Seat", exact=True).select_option(label=seat)
    page.get_by_role("combobox", name="Choice").select_option(index=choice_index)
    page.get_by_role("button", name="Record this group's choice").click()
    expect(page.locator("td", has_text=group)).to_be_visible()


def test_a_class_plays_a_room_in_presenter_mode(browser, tmp_path):
    pytest.importorskip("voila", reason="Voila is in the test extra")
    progress = tmp_path / "teacher_progress.json"
    server = start_voila(tmp_path, LESSON, progress=str(progress))
    try:
        run = NotebookRun(LESSON)
        context, page = _presenter_page(browser, server, run)
        assert page.get_by_text("import lesson_lib").count() == 0  # no code on the projector
        expect(page.get_by_text("No group's decision is recorded yet.")).to_be_visible()
        _record(page, "Group 1", "Warsaw: Poland's government", 0)
        _record(page, "Group 2", MINSK, 1)
        save_screenshot(page, run, "-presenter-recorded")
        assert_stayed_offline(run, context)
        context.close()
        # The teacher opens the page again (a new kernel): the room's record is still there.
        # (A reload of the same page makes Voila log a refused shutdown of the old kernel.)
        run = NotebookRun(LESSON)
        context, page = _presenter_page(browser, server, run)
        expect(page.locator("td", has_text="Group 2")).to_be_visible(timeout=180_000)
        page.get_by_role("button", name="Show what happened").click()
        expect(page.get_by_text("The room chose").first).to_be_visible()
        expect(page.get_by_text("Group 1:", exact=False).first).to_be_visible()
        expect(page.get_by_text("nobody took this seat").first).to_be_visible()
        assert page.get_by_text("Error displaying widget").count() == 0
        save_screenshot(page, run, "-presenter-debrief")
        assert accessibility_violations(page) == []
        assert_stayed_offline(run, context)
        context.close()
    finally:
        server.stop()
