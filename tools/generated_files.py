"""Files the tools write from the course's own sources (the answer key, the quotation
register, the assessment forms and their rubric): write them, or check that they are
current, the same way for every tool."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def write_or_check(files: dict[Path, str], *, check: bool, remedy: str) -> int:
    """Write each file's text, or with ``check`` write nothing and return 1 (naming the
    files and the command that rewrites them) when any file is missing or differs."""
    if check:
        stale = [path for path, text in files.items()
                 if not path.is_file() or path.read_text("utf-8") != text]
        if stale:
            names = ", ".join(str(path.relative_to(ROOT)) for path in stale)
            print(f"out of date: {names}: run {remedy}")
            return 1
        return 0
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
        print(f"wrote {path.relative_to(ROOT)}")
    return 0
