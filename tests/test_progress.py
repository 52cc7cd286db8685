"""Saved progress never loses an answer: several lessons, re-run cells, two processes."""

from __future__ import annotations

import json
import multiprocessing
import sys

import pytest

from lesson_lib.checks.progress import (
    empty_record,
    load_progress,
    merge_records,
    progress_path,
    save_lesson,
)
from lesson_lib.checks.quiz import Quiz


def saved():
    return json.loads(progress_path().read_text("utf-8"))["lessons"]


def test_two_lessons_open_at_once_keep_each_others_answers():
    first, second = Quiz("01"), Quiz("02")
    second.hint(0)
    first.hint(0)  # saved from a snapshot taken before lesson 02's hint
    second.views[0].control.value = "1999"
    second.check(0)
    first.hint(1)
    lessons = saved()
    assert lessons["01"]["q01_publisher"]["hints"] == 1
    assert lessons["01"]["q01_date"]["hints"] == 1
    record = lessons["02"]["q02_union_state_year"]
    assert (record["hints"], record["attempts"], record["correct"]) == (1, 1, True)


def test_a_stale_copy_of_one_lesson_does_not_undo_newer_work():
    old, new = Quiz("02"), Quiz("02", save=False)
    new._path = old._path  # two kernels on one file: neither is closed by the other
    for _ in range(3):
        new.hint(1)
    new.views[0].control.value = "1998"
    new.check(0)
    new.views[0].control.value = "1999"
    new.check(0)
    # a question the newer kernel never touched
    old.views[2].control.value = old.bank.questions[2].options[0].id
    old.check(2)
    record = saved()["02"]["q02_union_state_year"]
    assert record["attempts"] == 2 and record["correct"] is True
    assert saved()["02"]["q02_toward_west"]["attempts"] == 1


def test_rerunning_the_cell_closes_the_old_writer():
    old = Quiz("03")
    again = Quiz("03")
    assert old.closed and not again.closed
    old.hint(0)  # a stray click on the old, closed widget saves nothing
    assert not progress_path().exists()
    again.hint(0)
    assert saved()["03"]


def test_merge_keeps_more_work_and_prefers_newer_on_a_tie():
    a = {"attempts": 1, "hints": 0, "correct": False, "answer": "x", "saved": "2026-01-01"}
    b = {"attempts": 1, "hints": 0, "correct": True, "answer": "y", "saved": "2026-01-02"}
    assert merge_records({"q": b}, {"q": a})["q"] is b
    assert merge_records({"q": a}, {"q": b})["q"] is b
    assert merge_records({"q": a}, {"q": empty_record()})["q"] is a
    assert set(merge_records({"q": a}, {"r": b})) == {"q", "r"}


def _hammer(path: str, lesson: str, count: int) -> None:
    from pathlib import Path

    from lesson_lib.checks.progress import save_lesson as save

    records = {}
    for i in range(count):
        records[f"{lesson}_q{i}"] = {"attempts": 1, "hints": 0, "correct": True, "answer": i}
        message = save(Path(path), lesson, dict(records))
        if message:
            raise SystemExit(message)


@pytest.mark.slow
def test_two_processes_saving_hundreds_of_times_lose_nothing(tmp_path):
    path = tmp_path / "progress.json"
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    context = multiprocessing.get_context(method)
    workers = [context.Process(target=_hammer, args=(str(path), lesson, 300))
               for lesson in ("01", "02")]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    assert [w.exitcode for w in workers] == [0, 0]
    data, message = load_progress(path)
    assert message == ""
    for lesson in ("01", "02"):
        assert set(data["lessons"][lesson]) == {f"{lesson}_q{i}" for i in range(300)}
    assert not list(tmp_path.glob("*.tmp"))  # no temporary file left behind


def test_a_file_corrupted_mid_run_is_set_aside_not_deleted():
    quiz = Quiz("02")
    quiz.hint(0)
    path = progress_path()
    path.write_text("{ a half-written file", "utf-8")
    quiz.hint(1)
    kept = list(path.parent.glob(path.name + ".corrupt-*"))
    assert len(kept) == 1 and kept[0].read_text("utf-8") == "{ a half-written file"
    assert "set aside" in quiz.notice.value
    assert saved()["02"]["q02_order_2014_2016"]["hints"] == 1


def test_save_into_a_folder_that_cannot_exist_says_so(tmp_path):
    blocked = tmp_path / "a_file"
    blocked.write_text("x")
    message = save_lesson(blocked / "progress.json", "02", {})
    assert "could not be saved" in message


# ---- notes are kept whole; a file that cannot be read never stops a lesson -------------------

def test_a_100000_character_note_comes_back_whole_after_next_previous_and_a_reload():
    from lesson_lib.sources.documents import DocumentReader

    long_note = ("Minsk bargained with both sides. " * 4000)[:100_000]
    reader = DocumentReader()
    reader.fields["sourcing"].value = long_note
    assert reader.notice.value == ""  # saved without a word of trouble
    reader.go(reader.position + 1)
    reader.go(reader.position - 1)
    assert reader.fields["sourcing"].value == long_note
    reloaded = DocumentReader()
    assert reloaded.fields["sourcing"].value == long_note
    notes = json.loads(progress_path().read_text("utf-8"))["notes"]["01"]
    assert [len(n["text"]) for n in notes.values()] == [100_000]


def test_a_note_over_the_limit_is_refused_with_a_message_and_stays_in_its_box():
    from lesson_lib.checks.progress import NOTE_LIMIT
    from lesson_lib.sources.documents import DocumentReader

    reader = DocumentReader()
    reader.fields["context"].value = "A first, short note."
    too_long = "x" * (NOTE_LIMIT + 1)
    reader.fields["context"].value = too_long
    assert "not saved" in reader.notice.value and f"{NOTE_LIMIT:,}" in reader.notice.value
    reader.go(reader.position + 1)
    reader.go(reader.position - 1)
    assert reader.fields["context"].value == too_long  # still here in this session
    assert DocumentReader().fields["context"].value == "A first, short note."  # the file
    reader.fields["context"].value = "x" * NOTE_LIMIT  # at the limit: saved
    assert reader.notice.value == ""
    assert len(DocumentReader().fields["context"].value) == NOTE_LIMIT


def test_every_note_box_shows_its_count_as_the_learner_writes():
    from lesson_lib.actors.perspectives import PerspectivesExplorer
    from lesson_lib.checks.progress import note_count
    from lesson_lib.sources.documents import DocumentReader
    from lesson_lib.sources.reading import ReadingTasks

    for widget, area in ((DocumentReader(save=False), "fields"),
                         (PerspectivesExplorer(save=False), "answer"),
                         (ReadingTasks(save=False), "reasons")):
        boxes = getattr(widget, area)
        box = next(iter(boxes.values())) if isinstance(boxes, dict) else (
            boxes[0] if isinstance(boxes, list) else boxes)
        box.value = "Three words here"
        shown = [w.value for w in _all(widget.box) if getattr(w, "value", None) ==
                 f"<small style='color:#444'>{note_count(box.value)}</small>"]
        assert shown and "3 words" in shown[0], type(widget).__name__
    assert note_count("x" * 150_000) == "1 word"  # characters shown only near the limit
    assert "199,999 of the 200,000" in note_count("x" * 199_999)


def _all(widget):
    found, stack = [], [widget]
    while stack:
        current = stack.pop()
        found.append(current)
        stack.extend(getattr(current, "children", ()))
    return found


@pytest.mark.parametrize("content", [
    "[" * 200_000 + "]" * 200_000,  # nested far past Python's recursion limit
    '{"version": 1, "lessons": {}, "n": ' + "9" * 100_000 + "}",  # a number too long
    b"\xff\xfe not UTF-8",
])
def test_any_unreadable_file_is_set_aside_with_the_usual_message(content):
    path = progress_path()
    if isinstance(content, str):
        path.write_text(content, "utf-8")
    else:
        path.write_bytes(content)
    data, message = load_progress(path)
    assert data == {"version": 1, "lessons": {}} and "was set aside" in message
    assert not path.exists() and len(list(path.parent.glob(path.name + ".corrupt-*"))) == 1
    quiz = Quiz("02")  # a lesson's self-check opens on it without a traceback
    assert quiz.notice.value == "" or "set aside" in quiz.notice.value


def test_a_file_too_large_to_be_progress_is_set_aside_unread(monkeypatch):
    from lesson_lib.checks import progress

    path = progress_path()
    save_lesson(path, "02", {"q": empty_record()})
    monkeypatch.setattr(progress, "LARGEST_PROGRESS_BYTES", path.stat().st_size - 1)
    data, message = load_progress(path)
    assert data["lessons"] == {} and "larger" in message and "set aside" in message


def test_leftovers_of_failed_saves_go_at_the_next_save_that_works(tmp_path):
    import os
    import time

    path = tmp_path / ".two_chairs_progress.json"
    save_lesson(path, "01", {"q": empty_record()})
    left = [tmp_path / f".two_chairs_progress.json.saving-{i}.tmp" for i in range(20)]
    old = tmp_path / ".progress-abc.tmp"  # as versions before 2026-12 named them
    fresh = tmp_path / ".progress-def.tmp"  # too new to be sure it is a dead save
    other = tmp_path / "other.json.saving-1.tmp"  # another progress file's save
    for leftover in (*left, old, fresh, other):
        leftover.write_text("{", "utf-8")
    os.utime(old, (time.time() - 3600, time.time() - 3600))
    assert save_lesson(path, "02", {"q": empty_record()}) == ""
    assert sorted(p.name for p in tmp_path.glob("*.tmp")) == [fresh.name, other.name]
    assert set(load_progress(path)[0]["lessons"]) == {"01", "02"}


def test_the_newer_note_wins_whatever_order_the_saves_come_in(tmp_path):
    from lesson_lib.checks.progress import load_progress, save_notes
    path = tmp_path / "progress.json"
    newer = {"k": {"text": "second draft", "saved": "2026-12-07T10:00:00+00:00"}}
    older = {"k": {"text": "first draft", "saved": "2026-12-07T09:00:00+00:00"}}
    save_notes(path, "08", newer)
    save_notes(path, "08", older)  # a tab opened earlier saves late: it must not win
    data, _ = load_progress(path)
    assert data["notes"]["08"]["k"]["text"] == "second draft"
