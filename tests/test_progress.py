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


# ---- what a hand-edited or damaged file is, and what the learner is told ----------------------

_RECORD = {"attempts": 1, "hints": 0, "correct": False, "answer": "x"}


@pytest.mark.parametrize("content", [
    {"version": 1, "lessons": {}},
    {"version": 1, "lessons": {"02": {"q": _RECORD}}, "notes": {"01": {"k": {"text": ""}}}},
    {"version": 1, "lessons": {"02": {"q": dict(_RECORD, attempts=0, hints=3)}}},
])
def test_a_file_of_the_expected_shape_is_read_as_it_is(content):
    path = progress_path()
    path.write_text(json.dumps(content), "utf-8")
    assert load_progress(path) == (content, "")


@pytest.mark.parametrize("content", [
    {"version": 2, "lessons": {}},
    {"lessons": {}},
    {"version": 1, "lessons": []},
    {"version": 1},
    {"version": 1, "lessons": {}, "notes": []},
    {"version": 1, "lessons": {}, "notes": {"01": []}},
    {"version": 1, "lessons": {}, "notes": {"01": {"k": "text"}}},
    {"version": 1, "lessons": {}, "notes": {"01": {"k": {"text": 3}}}},
    {"version": 1, "lessons": {"02": []}},
    {"version": 1, "lessons": {"02": {"q": "right"}}},
    {"version": 1, "lessons": {"02": {"q": dict(_RECORD, attempts=-1)}}},
    {"version": 1, "lessons": {"02": {"q": dict(_RECORD, attempts=True)}}},
    {"version": 1, "lessons": {"02": {"q": dict(_RECORD, attempts=1.5)}}},
    {"version": 1, "lessons": {"02": {"q": dict(_RECORD, hints=-2)}}},
    {"version": 1, "lessons": {"02": {"q": dict(_RECORD, hints=None)}}},
    {"version": 1, "lessons": {"02": {"q": dict(_RECORD, correct="yes")}}},
    {"version": 1, "lessons": {"02": {"q": {"attempts": 1, "hints": 0}}}},
    [],
])
def test_a_file_of_another_shape_is_set_aside_whole_with_its_name_in_the_message(content):
    path = progress_path()
    path.write_text(json.dumps(content), "utf-8")
    data, message = load_progress(path)
    [kept] = path.parent.glob(path.name + ".corrupt-*")
    assert data == {"version": 1, "lessons": {}} and not path.exists()
    assert json.loads(kept.read_text("utf-8")) == content
    assert message == (f"Your saved progress in {path.name} was set aside because it does not "
                       f"have the expected content. The old file was kept as {kept.name}. You "
                       "can carry on: new answers are saved.")


def test_a_file_that_cannot_be_parsed_says_what_python_could_not_read():
    path = progress_path()
    path.write_text("{ a half-written file", "utf-8")
    _, message = load_progress(path)
    assert "because it could not be read (JSONDecodeError). The old file was kept as" in message


def test_a_file_too_large_says_its_size(monkeypatch):
    from lesson_lib.checks import progress

    path = progress_path()
    path.write_text(json.dumps({"version": 1, "lessons": {}}) + " " * 2000, "utf-8")
    monkeypatch.setattr(progress, "LARGEST_PROGRESS_BYTES", 2000)
    _, message = load_progress(path)
    size = 2000 + len(json.dumps({"version": 1, "lessons": {}}))
    assert f"because it is larger ({size:,} bytes) than a progress file can be." in message
    monkeypatch.setattr(progress, "LARGEST_PROGRESS_BYTES", 64 * 1024 * 1024)
    assert progress.LARGEST_PROGRESS_BYTES == 64 * 1024 * 1024  # the shipped limit, 64 MiB


def test_a_file_that_cannot_be_moved_aside_is_left_in_place_and_said(monkeypatch):
    from pathlib import Path

    path = progress_path()
    path.write_text("[]", "utf-8")

    def refuse(self, target):
        raise PermissionError("read-only")

    monkeypatch.setattr(Path, "rename", refuse)
    data, message = load_progress(path)
    assert data == {"version": 1, "lessons": {}} and path.exists()
    assert message == (f"Your saved progress in {path.name} was set aside because it does not "
                       "have the expected content. The old file could not be moved aside, so "
                       "progress is not saved this time. You can carry on: new answers are saved.")


def test_without_the_lock_a_good_file_is_still_read_and_a_bad_one_left_alone(monkeypatch):
    from lesson_lib.checks import progress

    def no_lock(self):
        raise OSError(30, "Read-only file system")

    path = progress_path()
    save_lesson(path, "02", {"q": dict(_RECORD)})
    monkeypatch.setattr(progress._ProgressLock, "__enter__", no_lock)
    data, message = load_progress(path)
    assert data["lessons"]["02"]["q"]["answer"] == "x" and message == ""
    path.write_text("[]", "utf-8")
    assert load_progress(path) == ({"version": 1, "lessons": {}}, (
        f"Your saved progress in {path.name} could not be read; answers still count here."))
    assert path.read_text("utf-8") == "[]"  # read-only: nothing moved
    assert save_lesson(path, "02", {}) == (
        f"Progress could not be saved in {path.parent} (Read-only file system); it still counts "
        "here until the kernel stops.")


def test_a_lock_held_too_long_is_said_and_loses_nothing(monkeypatch):
    from lesson_lib.checks import progress

    def held(self):
        raise progress._LockTimeout

    path = progress_path()
    save_lesson(path, "02", {"q": dict(_RECORD)})
    monkeypatch.setattr(progress._ProgressLock, "__enter__", held)
    assert load_progress(path)[0]["lessons"]["02"]["q"]["answer"] == "x"
    message = progress.save_notes(path, "02", {"k": {"text": "t", "saved": "1"}})
    assert message == ("Your notes could not be saved just now: another lesson kept the "
                       "progress file locked. Nothing is lost here; it is saved with the next "
                       "change.")
    assert progress.LOCK_TIMEOUT == 10.0


def test_the_folder_of_a_progress_file_is_made_and_a_missing_file_is_a_fresh_start(tmp_path):
    path = tmp_path / "new" / "folder" / "progress.json"
    assert load_progress(path) == ({"version": 1, "lessons": {}}, "")
    assert save_lesson(path, "02", {"q": dict(_RECORD)}) == ""
    assert json.loads(path.read_text("utf-8")) == {"version": 1, "lessons": {
        "02": {"q": _RECORD}}}
    assert load_progress(None)[0] == {"version": 1, "lessons": {}}  # nothing saved there yet


def test_the_progress_file_is_the_setting_or_the_working_folders(monkeypatch, tmp_path):
    from pathlib import Path

    from lesson_lib.checks.progress import PROGRESS_ENV, PROGRESS_FILE

    monkeypatch.setenv(PROGRESS_ENV, "  ")
    monkeypatch.chdir(tmp_path)
    assert progress_path() == tmp_path / PROGRESS_FILE == tmp_path / ".two_chairs_progress.json"
    monkeypatch.setenv(PROGRESS_ENV, "~/p.json")
    assert progress_path() == Path.home() / "p.json"
    monkeypatch.setenv(PROGRESS_ENV, "Off")
    assert progress_path() is None
    monkeypatch.setenv(PROGRESS_ENV, "official.json")
    assert progress_path() == Path("official.json")


def test_of_two_records_with_equal_work_the_later_saved_wins_and_hints_count_as_work():
    from lesson_lib.checks.progress import merge_records

    hinted = {"attempts": 0, "hints": 2, "correct": False, "answer": None, "saved": "2026-01-01"}
    tried = {"attempts": 1, "hints": 0, "correct": False, "answer": "y", "saved": "2026-01-03"}
    assert merge_records({"q": hinted}, {"q": tried})["q"] is hinted  # two hints > one try
    later = dict(hinted, saved="2026-01-02")
    assert merge_records({"q": later}, {"q": hinted})["q"] is later
    assert merge_records({"q": hinted}, {"q": later})["q"] is later
    same = dict(hinted)
    assert merge_records({"q": hinted}, {"q": same})["q"] is same  # a full tie: mine


def test_of_two_notes_saved_at_the_same_moment_this_lessons_wins(tmp_path):
    from lesson_lib.checks.progress import save_notes

    path = tmp_path / "progress.json"
    save_notes(path, "08", {"k": {"text": "one", "saved": "2026-12-07T09:00:00+00:00"},
                            "old": {"text": "kept", "saved": "2026-12-07T08:00:00+00:00"}})
    save_notes(path, "08", {"k": {"text": "two", "saved": "2026-12-07T09:00:00+00:00"}})
    notes = load_progress(path)[0]["notes"]["08"]
    assert {k: n["text"] for k, n in notes.items()} == {"k": "two", "old": "kept"}


@pytest.mark.parametrize("text, shown", [
    ("", "0 words"), ("Minsk", "1 word"), ("Minsk and Moscow", "3 words"),
    ("w " * 1234, "1,234 words"),
    ("x" * 180_000, "1 word"),  # nine tenths of the limit: not near enough to say
    ("x" * 180_001, "1 word · 180,001 of the 200,000 characters a note keeps"),
])
def test_a_note_counter_shows_words_and_near_the_limit_characters(text, shown):
    from lesson_lib.checks.progress import note_count
    assert note_count(text) == shown


def test_a_note_over_the_limit_is_refused_in_these_words_and_one_at_it_is_saved():
    from lesson_lib.checks.progress import NOTE_LIMIT, LessonNotes

    notes = LessonNotes("08", save=True)
    assert notes.write("k", "x" * (NOTE_LIMIT + 1)) == (
        "This note is 200,001 characters long, more than the 200,000 a note keeps, so this "
        "version was not saved (the last saved one is kept). It is still here until the kernel "
        "stops: shorten it, or copy it into a file of your own.")
    assert notes.text("k") == "x" * (NOTE_LIMIT + 1) and notes.text("other") == ""
    assert notes.write("k", "x" * NOTE_LIMIT) == ""
    again = LessonNotes("08", save=True)
    assert len(again.text("k")) == NOTE_LIMIT and again.message == ""
    assert LessonNotes("08", save=False).notes == {}


def test_more_tries_win_over_fewer_and_a_saved_record_over_an_unsaved_one_of_equal_work():
    from lesson_lib.checks.progress import merge_records

    three = {"attempts": 3, "hints": 0, "correct": True, "answer": "x", "saved": "2026-01-01"}
    one = {"attempts": 1, "hints": 0, "correct": False, "answer": "y", "saved": "2026-02-01"}
    assert merge_records({"q": three}, {"q": one})["q"] is three  # more work, though older
    assert merge_records({"q": one}, {"q": three})["q"] is three
    mixed = {"attempts": 1, "hints": 2, "correct": False, "answer": "z", "saved": "2026-01-01"}
    assert merge_records({"q": mixed}, {"q": one})["q"] is mixed  # 1 + 2 hints > 1
    unsaved = {"attempts": 1, "hints": 0, "correct": False, "answer": "w"}  # never stamped
    assert merge_records({"q": one}, {"q": unsaved})["q"] is one
    assert merge_records({"q": unsaved}, {"q": one})["q"] is one


def test_a_note_without_a_time_never_wins_over_one_with_a_time(tmp_path):
    from lesson_lib.checks.progress import save_notes

    path = tmp_path / "progress.json"
    stamped = {"text": "with a time", "saved": "2026-12-07T09:00:00+00:00"}
    save_notes(path, "08", {"k": {"text": "no time (an older version wrote it)"}})
    save_notes(path, "08", {"k": stamped})
    assert load_progress(path)[0]["notes"]["08"]["k"] == stamped
    save_notes(path, "08", {"k": {"text": "no time again"}})
    assert load_progress(path)[0]["notes"]["08"]["k"] == stamped


def test_a_note_is_stamped_with_the_time_in_utc():
    from lesson_lib.checks.progress import LessonNotes

    notes = LessonNotes("08", save=False)
    notes.write("k", "text")
    assert notes.notes["k"]["saved"].endswith("+00:00")


def test_a_save_writes_beside_the_file_so_the_move_is_one_step(monkeypatch, tmp_path):
    import os
    from pathlib import Path

    from lesson_lib.checks import progress

    moves = []
    real = os.replace

    def watched(source, target):
        moves.append((source, target))
        real(source, target)

    monkeypatch.setattr(progress.os, "replace", watched)
    path = tmp_path / "folder" / "progress.json"
    save_lesson(path, "02", {"q": dict(_RECORD)})
    [(source, target)] = moves
    assert Path(source).parent == path.parent and target == path
    assert Path(source).name.startswith("progress.json.saving-") and source.endswith(".tmp")
    assert json.loads(path.read_text("utf-8"))["lessons"]["02"]["q"] == _RECORD


def test_the_set_aside_copy_is_named_by_the_moment_it_was_set_aside():
    import re

    path = progress_path()
    path.write_text("[]", "utf-8")
    load_progress(path)
    [kept] = path.parent.glob(path.name + ".corrupt-*")
    assert re.fullmatch(re.escape(path.name) + r"\.corrupt-\d{8}-\d{6}-\d{6}", kept.name)


def test_saving_switched_off_saves_nothing_and_says_nothing(tmp_path):
    from lesson_lib.checks.progress import save_notes
    assert save_lesson(None, "02", {"q": dict(_RECORD)}) == ""
    assert save_notes(None, "02", {"k": {"text": "t"}}) == ""


def test_answers_in_any_script_are_saved_as_readable_text_and_a_file_at_the_limit_is_read(
        monkeypatch):
    from lesson_lib.checks import progress

    path = progress_path()
    save_lesson(path, "01", {"q": dict(_RECORD, answer="Лукашэнка")})
    assert "Лукашэнка" in path.read_text("utf-8")
    monkeypatch.setattr(progress, "LARGEST_PROGRESS_BYTES", path.stat().st_size)
    assert load_progress(path)[0]["lessons"]["01"]["q"]["answer"] == "Лукашэнка"
