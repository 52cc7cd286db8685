"""The tools' generated files: written, or checked as current, one way for every tool."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import generated_files  # noqa: E402


def test_check_writes_nothing_and_names_every_stale_file(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(generated_files, "ROOT", tmp_path)
    current, changed, missing = tmp_path / "a.md", tmp_path / "b.md", tmp_path / "c" / "d.md"
    current.write_text("same", "utf-8")
    changed.write_text("old", "utf-8")
    files = {current: "same", changed: "new", missing: "text"}
    assert generated_files.write_or_check(files, check=True, remedy="make x") == 1
    assert capsys.readouterr().out.strip() == "out of date: b.md, c/d.md: run make x"
    assert changed.read_text("utf-8") == "old" and not missing.exists()
    assert generated_files.write_or_check({current: "same"}, check=True, remedy="make x") == 0


def test_writing_makes_each_file_and_its_folder(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(generated_files, "ROOT", tmp_path)
    target = tmp_path / "new" / "key.md"
    assert generated_files.write_or_check({target: "text"}, check=False, remedy="make x") == 0
    assert target.read_text("utf-8") == "text"
    assert capsys.readouterr().out.strip() == "wrote new/key.md"
    assert generated_files.write_or_check({target: "text"}, check=True, remedy="make x") == 0
