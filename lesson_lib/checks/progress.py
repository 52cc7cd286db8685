"""A learner's saved self-check answers: where they live, reading them, saving without loss.

Progress is one small JSON file shared by every lesson (and every open kernel). Saving
never writes back an old snapshot: it takes a lock, re-reads the file, replaces only the
questions of the lesson being saved (keeping, per question, whichever record has seen more
work), and writes the result atomically. So two lesson tabs, a re-run cell or two kernels
saving at once cannot undo each other's answers.

The lock is :mod:`filelock`'s ``FileLock``: one lock file beside the progress file,
``fcntl`` on Linux and macOS, ``msvcrt`` on Windows.
"""

from __future__ import annotations

import datetime as dt
import glob
import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any

__all__ = [
    "PROGRESS_ENV",
    "PROGRESS_FILE",
    "progress_path",
    "load_progress",
    "save_lesson",
    "save_notes",
    "LessonNotes",
    "merge_records",
    "empty_record",
    "NOTE_LIMIT",
    "note_count",
]

PROGRESS_FILE = ".two_chairs_progress.json"
PROGRESS_ENV = "TWO_CHAIRS_PROGRESS"
FORMAT_VERSION = 1
# Seconds to wait for another kernel's save; a save takes milliseconds, so only a stuck
# process (or a network drive that ignores locks) makes this run out.
LOCK_TIMEOUT = 10.0
_OFF = {"off", "no", "0", "false"}
# A note keeps up to this many characters (about 30,000 words, a long essay several
# times over); a longer one is refused with a message and stays in its box, never cut.
NOTE_LIMIT = 200_000
# A progress file larger than this cannot be the course's (notes at their limit in every
# box of every lesson stay far below it): it is set aside unread, so a huge file cannot
# stall a lesson.
LARGEST_PROGRESS_BYTES = 64 * 1024 * 1024
# Failed saves (a full disk, a killed kernel) leave their temporary file; the next save
# that works removes them.
_SAVING = ".saving-"


def empty_record() -> dict:
    """The record of a question nobody has tried yet."""
    return {"attempts": 0, "hints": 0, "correct": False, "answer": None}


def _empty() -> dict:
    return {"version": FORMAT_VERSION, "lessons": {}}


def progress_path() -> Path | None:
    """Where progress is saved: ``$TWO_CHAIRS_PROGRESS`` (a file, or ``off``), else
    ``.two_chairs_progress.json`` in the working folder (the notebooks folder)."""
    chosen = os.environ.get(PROGRESS_ENV, "").strip()
    if chosen.lower() in _OFF:
        return None
    return Path(chosen).expanduser() if chosen else Path.cwd() / PROGRESS_FILE


def _valid(data: Any) -> bool:
    if not isinstance(data, dict) or data.get("version") != FORMAT_VERSION:
        return False
    lessons = data.get("lessons")
    if not isinstance(lessons, dict):
        return False
    notes = data.get("notes", {})
    if not isinstance(notes, dict) or not all(
            isinstance(by_key, dict) and all(
                isinstance(n, dict) and isinstance(n.get("text"), str) for n in by_key.values())
            for by_key in notes.values()):
        return False
    for records in lessons.values():
        if not isinstance(records, dict):
            return False
        for record in records.values():
            if not (isinstance(record, dict) and _is_count(record.get("attempts"))
                    and _is_count(record.get("hints"))
                    and isinstance(record.get("correct"), bool)):
                return False
    return True


def _is_count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _read(path: Path) -> tuple[dict, str]:
    """The file's progress and a message; a file that cannot be used is moved aside
    (renamed ``<name>.corrupt-<time>``), never deleted."""
    if not path.exists():
        return _empty(), ""
    data, reason = _parsed(path)
    if data is not None:
        return data, ""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    aside = path.with_name(f"{path.name}.corrupt-{stamp}")
    try:
        path.rename(aside)
        kept = f"The old file was kept as {aside.name}."
    except OSError:
        kept = "The old file could not be moved aside, so progress is not saved this time."
    return _empty(), (f"Your saved progress in {path.name} was set aside because {reason}. "
                      f"{kept} You can carry on: new answers are saved.")


class _LockTimeout(Exception):
    """Another process held the progress file's lock for longer than LOCK_TIMEOUT."""


class _ProgressLock:
    """The progress file's lock (filelock's FileLock, imported at the first save rather than
    with the package, which keeps a kernel's start quick)."""

    def __init__(self, path: Path) -> None:
        import filelock

        self._timeout = filelock.Timeout
        self._lock = filelock.FileLock(str(path.with_name(path.name + ".lock")),
                                       timeout=LOCK_TIMEOUT)

    def __enter__(self) -> None:
        try:
            self._lock.acquire()
        except self._timeout:
            raise _LockTimeout from None

    def __exit__(self, *exc) -> None:
        self._lock.release()


def load_progress(path: Path | None = None) -> tuple[dict, str]:
    """Saved progress and a message for the learner (empty when all is well).

    A file that cannot be read is moved aside, never deleted, and the lesson starts
    afresh; the message says so and names the kept copy.
    """
    path = progress_path() if path is None else path
    if path is None or not path.exists():
        return _empty(), ""
    try:
        with _ProgressLock(path):
            return _read(path)
    except (_LockTimeout, OSError):
        # No lock to be had (a read-only folder): reading without one is still safe,
        # because saves replace the file in one step.
        data, message = _read_only(path)
        return data, message


def _parsed(path: Path) -> tuple[dict | None, str]:
    """The file's progress, or ``None`` and why it cannot be used. Whatever is in the file
    (nested brackets 100,000 deep, a gigabyte, a number of a million digits), the answer
    is one of these two, never an exception."""
    try:
        if path.stat().st_size > LARGEST_PROGRESS_BYTES:
            return None, (f"it is larger ({path.stat().st_size:,} bytes) than a progress "
                          "file can be")
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError, RecursionError, MemoryError) as err:
        # ValueError covers bad JSON, bad UTF-8 and numbers too long to read; a deeply
        # nested file raises RecursionError.
        return None, f"it could not be read ({type(err).__name__})"
    if not _valid(data):
        return None, "it does not have the expected content"
    return data, ""


def _read_only(path: Path) -> tuple[dict, str]:
    data, _reason = _parsed(path)
    if data is not None:
        return data, ""
    return _empty(), (f"Your saved progress in {path.name} could not be read; "
                      "answers still count here.")


def _weight(record: dict) -> tuple:
    return (record.get("attempts", 0) + record.get("hints", 0), str(record.get("saved", "")))


def merge_records(saved: dict, mine: dict) -> dict:
    """This lesson's records merged with what the file holds, question by question.

    A question keeps whichever record has seen more work (attempts plus hints), and of
    two with the same amount the newer; ties go to ``mine``. Questions only one side
    knows are kept.

    >>> old = {"q1": {"attempts": 3, "hints": 0, "correct": True, "answer": "x"}}
    >>> new = {"q1": {"attempts": 1, "hints": 0, "correct": False, "answer": "y"},
    ...        "q2": {"attempts": 1, "hints": 1, "correct": True, "answer": "z"}}
    >>> merged = merge_records(old, new)
    >>> merged["q1"]["attempts"], sorted(merged)
    (3, ['q1', 'q2'])
    """
    merged = dict(saved)
    for qid, record in mine.items():
        other = merged.get(qid)
        if other is None or _weight(record) >= _weight(other):
            merged[qid] = record
    return merged


def _newer(saved: dict, mine: dict) -> dict:
    """Notes merged key by key: the more recently written text wins."""
    merged = dict(saved)
    for key, note in mine.items():
        other = merged.get(key)
        if other is None or str(note.get("saved", "")) >= str(other.get("saved", "")):
            merged[key] = note
    return merged


def _write_atomically(path: Path, data: dict) -> None:
    """A temporary file moved into place in one step: a half-written file would lose
    everything, so the old file stays until the new one is whole."""
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent,
                                     prefix=path.name + _SAVING, suffix=".tmp",
                                     delete=False) as handle:
        try:
            json.dump(data, handle, ensure_ascii=False, indent=1)
        except BaseException:
            handle.close()
            os.unlink(handle.name)
            raise
    os.replace(handle.name, path)


def _remove_leftovers(path: Path) -> None:
    """Remove the temporary files of saves that failed. Called under the lock, after a
    save worked: every save writes its temporary file under the same lock, so any other
    one left now belongs to a save that died."""
    leftovers = list(path.parent.glob(f"{glob.escape(path.name)}{_SAVING}*.tmp"))
    # Versions before 2026-12 named them .progress-*.tmp, whichever file they saved; one
    # a minute old cannot be another file's save in progress.
    leftovers += [p for p in path.parent.glob(".progress-*.tmp")
                  if time.time() - p.stat().st_mtime > 60]
    for leftover in leftovers:
        try:
            leftover.unlink()
        except OSError:
            pass  # gone already, or not ours to remove: it costs only disk space


def _update(path: Path | None, part: str, lesson: str, merge, entries: dict,
            what: str) -> str:
    """Under the lock: read the file, merge ``entries`` into ``data[part][lesson]`` with
    ``merge``, write atomically. Returns a message for the learner ("" when all went well);
    never raises for a folder that cannot be written."""
    if path is None:
        return ""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with _ProgressLock(path):
            data, message = _read(path)
            stored = data.setdefault(part, {})
            stored[lesson] = merge(stored.get(lesson, {}), entries)
            _write_atomically(path, data)
            _remove_leftovers(path)
            return message
    except _LockTimeout:
        return (f"{what} could not be saved just now: another lesson kept the progress file "
                "locked. Nothing is lost here; it is saved with the next change.")
    except OSError as err:
        return (f"{what} could not be saved in {path.parent} ({err.strerror}); "
                "it still counts here until the kernel stops.")


def save_lesson(path: Path | None, lesson: str, records: dict[str, dict]) -> str:
    """Save one lesson's self-check records into the progress file without losing anything
    else: under the lock, read the file, merge question by question (see
    :func:`merge_records`), write a temporary file and move it into place in one step.
    Returns a message for the learner, empty when all went well.
    """
    return _update(path, "lessons", lesson, merge_records, records, "Progress")


def save_notes(path: Path | None, lesson: str, notes: dict[str, dict]) -> str:
    """Save a learner's written notes for one lesson (``{key: {"text": ..., "saved": ...}}``)
    with the same safety as :func:`save_lesson`; key by key, the newer text wins.
    """
    return _update(path, "notes", lesson, _newer, notes, "Your notes")


def note_count(text: str) -> str:
    """What a note's counter shows: its words, and its characters once it nears
    :data:`NOTE_LIMIT`.

    >>> note_count("Minsk kept both.")
    '3 words'
    >>> note_count("x" * 195_000)
    '1 word · 195,000 of the 200,000 characters a note keeps'
    """
    words = len(text.split())
    shown = f"{words:,} word{'' if words == 1 else 's'}"
    if len(text) > NOTE_LIMIT * 0.9:
        shown += f" · {len(text):,} of the {NOTE_LIMIT:,} characters a note keeps"
    return shown


class LessonNotes:
    """A learner's written notes for one lesson (organisers, reasons), read once and saved
    key by key with :func:`save_notes`. A note is kept whole; one longer than
    :data:`NOTE_LIMIT` is not saved, and stays here (so it is back after Next and
    Previous) with a message that says so."""

    def __init__(self, lesson: str, save: bool) -> None:
        self.lesson = lesson
        self.path = progress_path() if save else None
        data, self.message = load_progress(self.path) if save else ({}, "")
        self.notes: dict[str, dict] = dict(data.get("notes", {}).get(lesson, {}))

    def text(self, key: str) -> str:
        return self.notes.get(key, {}).get("text", "")

    def write(self, key: str, text: str) -> str:
        text = str(text)
        self.notes[key] = {"text": text, "saved": dt.datetime.now(dt.UTC).isoformat()}
        if len(text) > NOTE_LIMIT:
            return (f"This note is {len(text):,} characters long, more than the "
                    f"{NOTE_LIMIT:,} a note keeps, so this version was not saved (the last "
                    "saved one is kept). It is still here until the kernel stops: shorten "
                    "it, or copy it into a file of your own.")
        return save_notes(self.path, self.lesson, {key: self.notes[key]})
