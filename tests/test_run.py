"""run.py, the two commands without make: paths on Windows and elsewhere, when an extra is
installed again, what each command runs, and that the Makefile goes through it."""

from __future__ import annotations

import os
import re
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
import run  # noqa: E402  (run.py sits at the repository's root, beside the Makefile)


class Recorder(run.Runner):
    """Records (command, folder) and runs nothing, but is not a dry run: stamps are made."""

    def __call__(self, command, cwd=run.ROOT):
        self.ran.append(([str(c) for c in command], Path(cwd)))


def _venv(tmp_path: Path) -> Path:
    venv = tmp_path / "venv"
    run.venv_program("python", venv).parent.mkdir(parents=True)
    run.venv_program("python", venv).touch()
    return venv


def test_programs_live_in_scripts_on_windows_and_bin_elsewhere():
    assert run.venv_program("python", Path("v"), windows=True).as_posix() == \
        "v/Scripts/python.exe"
    assert run.venv_program("jupyter", Path("v"), windows=False).as_posix() == "v/bin/jupyter"


def test_an_extra_is_installed_again_only_when_an_input_is_newer(tmp_path):
    stamp, source = tmp_path / "stamp", tmp_path / "pyproject.toml"
    source.touch()
    assert run.stale(stamp, [source])  # never installed
    stamp.touch()
    past = time.time() - 100
    os.utime(source, (past, past))
    assert not run.stale(stamp, [source])
    os.utime(source, (past + 200, past + 200))
    assert run.stale(stamp, [source])


def test_install_runs_pip_settings_and_proxy_and_makes_the_stamps_it_covers(tmp_path):
    venv = _venv(tmp_path)
    recorder = Recorder()
    run.install("test", recorder, venv)
    commands = [" ".join(c) for c, _ in recorder.ran]
    assert any(c.endswith("pip install --quiet --disable-pip-version-check -e .[test]")
               for c in commands)
    assert any("tools/lab_settings.py" in c for c in commands)
    assert any("local_hub.proxy_command()" in c for c in commands)
    # every extra but mutmut's, which only `run.py mutation` installs
    assert {p.name for p in venv.glob(".installed-*")} == set(run.STAMPS.values()) - {
        ".installed-mutation"}
    # now current: nothing runs again
    again = Recorder()
    run.install("lab", again, venv)
    assert again.ran == []


def test_a_hub_installs_jupyterlab_too_and_grading_needs_no_settings(tmp_path):
    venv = _venv(tmp_path)
    recorder = Recorder()
    run.install("hub", recorder, venv)
    assert recorder.ran[0][0][-1] == ".[lab,hub]"
    assert {p.name for p in venv.glob(".installed-*")} == {".installed-hub",
                                                            ".installed-runtime"}
    grading = Recorder()
    run.install("grading", grading, venv)
    assert [c[-1] for c, _ in grading.ran] == [".[grading]"]
    with pytest.raises(SystemExit, match="Unknown extra"):
        run.install("everything", Recorder(), venv)


def test_a_missing_environment_is_created_with_this_python(tmp_path):
    recorder = Recorder(dry_run=True)
    run.make_venv(recorder, tmp_path / "new")
    assert recorder.ran[0][0][:3] == [sys.executable, "-m", "venv"]


def test_lab_opens_the_start_lesson_from_the_notebooks_folder(monkeypatch):
    monkeypatch.setattr(run, "install", lambda extra, runner: None)
    monkeypatch.setattr(run, "root_flag", lambda: [])
    recorder = Recorder()
    run.lab(["--no-browser"], recorder)
    command, folder = recorder.ran[-1]
    assert command[1:] == ["-m", "jupyterlab", "--ServerApp.ip=127.0.0.1", "--no-browser",
                           "00_start_here.ipynb"]
    assert folder == run.ROOT / "notebooks"


def test_test_lints_first_then_runs_pytest(monkeypatch):
    monkeypatch.setattr(run, "install", lambda extra, runner: None)
    recorder = Recorder()
    run.run_tests(["--fast"], recorder)
    (lint, _), (pytest_run, _) = recorder.ran
    assert lint[1:] == ["check", "."] and Path(lint[0]).stem == "ruff"
    assert pytest_run[1:] == ["-m", "pytest", "-m", "not slow and not browser", "-q"]


def test_root_gets_the_flag_jupyterlab_asks_for_and_windows_has_no_root(monkeypatch):
    monkeypatch.setattr(os, "geteuid", lambda: 0, raising=False)
    assert run.root_flag() == ["--allow-root"]
    monkeypatch.setattr(os, "geteuid", lambda: 1000, raising=False)
    assert run.root_flag() == []
    monkeypatch.delattr(os, "geteuid", raising=False)
    assert run.root_flag() == []


def test_a_student_copy_refuses_the_tests_and_an_old_python_is_told_what_to_do(
        tmp_path, monkeypatch, capsys):
    with pytest.raises(SystemExit, match="student copy"):
        run.teacher_copy(tmp_path)
    monkeypatch.setattr(run, "too_old", lambda: "Two Chairs needs Python 3.11 or newer")
    assert run.main(["lab"]) == 2
    assert "3.11" in capsys.readouterr().err


def test_an_unknown_command_prints_the_help_and_fails(capsys):
    assert run.main(["labb"]) == 2
    assert "python run.py lab" in capsys.readouterr().out
    assert run.main(["--help"]) == 0


def test_the_makefile_installs_only_through_run_py():
    makefile = (ROOT / "Makefile").read_text("utf-8")
    assert "pip install" not in makefile
    for target, command in (("lab", "run.py lab"), ("test", "run.py test"),
                            ("setup", "run.py setup")):
        recipe = re.search(rf"^{target}:.*\n\t(.+)$", makefile, re.M)
        assert recipe and command in recipe.group(1), target
    for extra in run.STAMPS:
        assert f"run.py install {extra}" in makefile, extra


def test_run_py_uses_only_the_standard_library():
    source = (ROOT / "run.py").read_text("utf-8")
    imported = set(re.findall(r"^(?:import|from) (\w+)", source, re.M))
    assert imported <= {"__future__", "os", "subprocess", "sys", "time", "pathlib"}, imported


def test_mutation_installs_mutmut_beside_the_tests_starts_afresh_and_writes_the_table(
        monkeypatch):
    installed = []
    monkeypatch.setattr(run, "install", lambda extra, runner: installed.append(extra))
    recorder = Recorder()
    run.mutation([], recorder, windows=False)
    assert installed == ["test", "mutation"]
    (clear, _), (mutmut, _), (report, folder) = recorder.ran
    assert "shutil.rmtree('mutants'" in clear[-1]
    assert Path(mutmut[0]).stem == "mutmut" and mutmut[1:] == ["run", "--max-children", "1"]
    assert report[1:4] == ["tools/mutation_report.py", "--write", "--seconds"]
    assert report[5:] == ["--workers", "1"]  # the table says how it was run
    assert folder == run.ROOT


def test_mutation_reruns_named_mutants_with_the_workers_asked_for(monkeypatch):
    monkeypatch.setattr(run, "install", lambda extra, runner: None)
    recorder = Recorder()
    run.mutation(["--max-children", "2", "lesson_lib.checks.marking*"], recorder,
                 windows=False)
    (mutmut, _), (report, _) = recorder.ran  # no fresh start: the other results stay
    assert mutmut[1:] == ["run", "--max-children", "2", "lesson_lib.checks.marking*"]
    assert "--seconds" not in report
    with pytest.raises(SystemExit, match="number of workers"):
        run.mutation(["--max-children", "none"], Recorder(), windows=False)


def test_mutation_on_windows_says_where_mutmut_runs(monkeypatch):
    monkeypatch.setattr(run, "install", lambda extra, runner: pytest.fail("installed"))
    with pytest.raises(SystemExit, match="WSL"):
        run.mutation([], Recorder(), windows=True)
