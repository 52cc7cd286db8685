#!/usr/bin/env python3
"""Two Chairs' two commands on any computer that has Python 3.11 or newer, and nothing else:

    python run.py lab      set up (the first time) and open the course in JupyterLab
    python run.py test     set up with the test tools and run every test (the teacher's copy)

On Windows type ``py run.py lab``; on a Mac or Linux ``python3 run.py lab``. The Makefile's
``make lab`` and ``make test`` call this file, so there is one way the course is installed.

Other commands: ``setup`` (install without opening), ``install EXTRA`` (one extra of
pyproject.toml: lab, test, grading, present, html, hub, mutation), ``present LESSON`` (a
lesson in presenter mode), ``test --fast`` (everything but the slow and browser tests),
``mutation`` (mutation testing of the learner-critical modules with mutmut, about an hour;
``--max-children N`` workers, 1 by default; mutant names or patterns rerun only those).
``--dry-run`` before a command prints what would run and runs nothing.

Only the standard library: this file runs before anything is installed. Paths are pathlib,
processes are argument lists (no shell), so the same code runs on Windows (``.venv\\Scripts``)
and elsewhere (``.venv/bin``).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
OLDEST_PYTHON = (3, 11)
# Each extra of pyproject.toml and the file that says it is installed and current. The
# Makefile's other targets (hub, html, release ...) read the same files.
STAMPS = {"lab": ".installed-runtime", "test": ".installed-test",
          "grading": ".installed-grading", "present": ".installed-present",
          "html": ".installed-html", "hub": ".installed-hub",
          "mutation": ".installed-mutation"}
# What pip installs for an extra (a hub serves JupyterLab too), and which stamps it makes
# current (the test extra installs every other extra but mutmut's, which `mutation` adds).
PIP_EXTRAS = {"hub": "lab,hub"}
COVERS = {"test": tuple(extra for extra in STAMPS if extra != "mutation"),
          "hub": ("hub", "lab")}
# Extras whose JupyterLab or Voila needs the course's settings and the plotly.js extension
# (tools/lab_settings.py); a change to these files reinstalls them.
SETTINGS_INPUTS = ("jupyter_settings/two-chairs.json",
                   "jupyter_settings/narrow-screen/package.json",
                   "jupyter_settings/narrow-screen/static/remoteEntry.js",
                   "tools/lab_settings.py", "two_chairs_static.py")
NEEDS_SETTINGS = ("lab", "test", "present", "hub")
# JupyterHub's proxy comes from npm (tools/local_hub.py), for the hub's tests and `make hub`.
NEEDS_PROXY = ("test", "hub")


def is_windows() -> bool:
    return os.name == "nt"


def venv_bin(venv: Path = VENV, windows: bool | None = None) -> Path:
    """Where a virtual environment keeps its programs: ``Scripts`` on Windows, ``bin``
    elsewhere.

    >>> venv_bin(Path("v"), windows=True).name, venv_bin(Path("v"), windows=False).name
    ('Scripts', 'bin')
    """
    return venv / ("Scripts" if (is_windows() if windows is None else windows) else "bin")


def venv_program(name: str, venv: Path = VENV, windows: bool | None = None) -> Path:
    """A program of the environment: ``python.exe`` on Windows, ``python`` elsewhere.

    >>> venv_program("ruff", Path("v"), windows=True).as_posix()
    'v/Scripts/ruff.exe'
    """
    windows = is_windows() if windows is None else windows
    return venv_bin(venv, windows) / (f"{name}.exe" if windows else name)


def too_old(version: tuple = tuple(sys.version_info[:2])) -> str:
    """Why this Python cannot run the course, or "" when it can.

    >>> too_old((3, 9))[:38]
    'Two Chairs needs Python 3.11 or newer,'
    >>> too_old((3, 12))
    ''
    """
    if tuple(version) >= OLDEST_PYTHON:
        return ""
    found = ".".join(str(v) for v in version)
    return (f"Two Chairs needs Python {OLDEST_PYTHON[0]}.{OLDEST_PYTHON[1]} or newer, but "
            f"this is Python {found}. Install a newer Python (python.org; on Windows the "
            "installer adds the 'py' command) and run this again with it, for example: "
            "py -3.12 run.py lab")


def stale(stamp: Path, inputs: list[Path]) -> bool:
    """Whether an extra must be installed (again): never installed, or an input changed
    since (the same rule as make's)."""
    if not stamp.exists():
        return True
    made = stamp.stat().st_mtime
    return any(path.exists() and path.stat().st_mtime > made for path in inputs)


def inputs_of(extra: str, root: Path = ROOT) -> list[Path]:
    names = ["pyproject.toml", *(SETTINGS_INPUTS if extra in NEEDS_SETTINGS else ())]
    return [root / name for name in names]


def root_flag() -> list[str]:
    """JupyterLab refuses to start as root unless told; only add the flag when it applies
    (Windows has no root, and no ``os.geteuid``)."""
    return ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []


class Runner:
    """Runs (or, with ``dry_run``, prints) the commands; stops at the first that fails."""

    def __init__(self, dry_run: bool = False) -> None:
        self.dry_run = dry_run
        self.ran: list[list[str]] = []

    def __call__(self, command: list, cwd: Path = ROOT) -> None:
        command = [str(part) for part in command]
        self.ran.append(command)
        if self.dry_run:
            print(f"[{cwd}] " + " ".join(command))
            return
        done = subprocess.run(command, cwd=cwd, check=False)
        if done.returncode:
            raise SystemExit(done.returncode)


def make_venv(run: Runner, venv: Path = VENV) -> None:
    if not venv_program("python", venv).exists():
        run([sys.executable, "-m", "venv", venv])


def install(extra: str, run: Runner, venv: Path = VENV) -> None:
    """Install one extra of pyproject.toml into the environment, when it is not there or an
    input changed; then the settings and the proxy it needs, and its stamp."""
    if extra not in STAMPS:
        raise SystemExit(f"Unknown extra {extra!r}: one of {', '.join(STAMPS)}")
    make_venv(run, venv)
    if not stale(venv / STAMPS[extra], inputs_of(extra)):
        return
    python = venv_program("python", venv)
    run([python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-e",
         f".[{PIP_EXTRAS.get(extra, extra)}]"])
    if extra in NEEDS_SETTINGS:
        run([python, "tools/lab_settings.py"])
    if extra in NEEDS_PROXY:
        run([python, "-c", "import sys; sys.path.insert(0, 'tools'); import local_hub; "
                           "local_hub.proxy_command()"])
    if not run.dry_run:
        for covered in COVERS.get(extra, (extra,)):
            (venv / STAMPS[covered]).touch()


def teacher_copy(root: Path = ROOT) -> None:
    """A student copy has no tests: testing it needs the teacher's copy."""
    if not (root / "tests").is_dir():
        raise SystemExit("This is a student copy of Two Chairs: its tests and tools, which "
                         "hold the answers, are in the teacher's copy. Here: run.py lab, "
                         "make html, make present.")


def lab(options: list[str], run: Runner) -> None:
    install("lab", run)
    run([venv_program("python"), "-m", "jupyterlab", "--ServerApp.ip=127.0.0.1",
         *root_flag(), *options, "00_start_here.ipynb"], cwd=ROOT / "notebooks")


def run_tests(options: list[str], run: Runner) -> None:
    teacher_copy()
    install("test", run)
    run([venv_program("ruff"), "check", "."])
    fast = "--fast" in options
    rest = [o for o in options if o != "--fast"]
    run([venv_program("python"), "-m", "pytest",
         *(["-m", "not slow and not browser", "-q"] if fast else []), *rest])


def mutation(options: list[str], run: Runner, windows: bool | None = None) -> None:
    """mutmut over the modules of pyproject.toml's ``[tool.mutmut]``, then the table of the
    share each module's tests caught (tools/mutation_report.py, into benchmarks/RESULTS.md).

    Without mutant names the run starts afresh: mutmut keeps a survivor's verdict from run to
    run, and a test added since would not be tried on it. ``--max-children N`` sets the
    workers (1 by default: the machine stays usable while it runs)."""
    teacher_copy()
    if is_windows() if windows is None else windows:
        raise SystemExit("mutmut does not run on Windows itself: run `make mutation` in WSL "
                         "(Windows Subsystem for Linux), on macOS or on Linux.")
    workers, names = "1", []
    rest = iter(options)
    for option in rest:
        if option == "--max-children":
            workers = next(rest, "")
        elif option.startswith("--max-children="):
            workers = option.partition("=")[2]
        else:
            names.append(option)
    if not workers.isdigit() or int(workers) < 1:
        raise SystemExit(f"--max-children takes a number of workers, 1 or more, not {workers!r}")
    install("test", run)
    install("mutation", run)
    python = venv_program("python")
    if not names:
        run([python, "-c", "import shutil; shutil.rmtree('mutants', ignore_errors=True)"])
    started = time.monotonic()
    run([venv_program("mutmut"), "run", "--max-children", workers, *names])
    report = [python, "tools/mutation_report.py", "--write"]
    if not names:  # a partial rerun's time says nothing about the whole
        report += ["--seconds", f"{time.monotonic() - started:.0f}", "--workers", workers]
    run(report)


def present(options: list[str], run: Runner) -> None:
    lesson = options[0] if options else "00"
    found = sorted((ROOT / "notebooks").glob(f"{lesson}_*.ipynb"))
    if not found:
        raise SystemExit(f"No lesson {lesson}: give its number, 00 to 08, for example "
                         "run.py present 03")
    install("present", run)
    presenter = str(ROOT / "presenter")
    os.environ["JUPYTER_PATH"] = presenter
    os.environ["JUPYTER_CONFIG_PATH"] = presenter
    run([venv_program("python"), "-m", "voila", found[0].name], cwd=ROOT / "notebooks")


COMMANDS = {"lab": lab, "test": run_tests, "present": present, "mutation": mutation,
            "setup": lambda options, run: install("lab", run),
            "install": lambda options, run: [install(extra, run) for extra in options]}


def main(argv: list[str]) -> int:
    problem = too_old()
    if problem:
        print(problem, file=sys.stderr)
        return 2
    dry_run = "--dry-run" in argv
    argv = [a for a in argv if a != "--dry-run"]
    if not argv or argv[0] not in COMMANDS:
        print(__doc__)
        return 0 if not argv or argv[0] in ("-h", "--help", "help") else 2
    COMMANDS[argv[0]](argv[1:], Runner(dry_run))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
