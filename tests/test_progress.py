"""Saved progress never loses an answer: several lessons, re-run cells, two processes."""

from __future__ import annotations

import json
import multiprocessing
import sys

import pytest

from lesson_lib.progress import (
    empty_record,
    load_progress,
    merge_records,
    progress_path,
    save_lesson,
)
from lesson_lib.quiz import Quiz


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

    from lesson_lib.progress import save_lesson as save

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
    assert not list(tmp_path.glob(".progress-*"))  # no temporary file left behind


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
