"""Shared fixtures: a writable copy of the course data, and a clean data choice per test."""

from __future__ import annotations

import os
import secrets
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

import lesson_lib
from lesson_lib.checks.progress import PROGRESS_ENV
from lesson_lib.data import DATA_ENV_VAR


@pytest.fixture(autouse=True)
def shipped_data(monkeypatch, tmp_path):
    """Every test starts on the shipped data, whatever the one before chose, and saves
    quiz progress into its own temporary folder, never into the working folder."""
    monkeypatch.delenv(DATA_ENV_VAR, raising=False)
    monkeypatch.setenv(PROGRESS_ENV, str(tmp_path / "progress.json"))
    lesson_lib.use_data(None)
    yield
    lesson_lib.use_data(None)


@pytest.fixture
def data_copy(tmp_path):
    """A teacher's copy of the data folder, made the documented way."""
    return lesson_lib.copy_data(tmp_path / "my_data")


# Tests that take seconds each (nbgrader runs, notebooks through nbval, subprocesses) are
# "slow"; everything under tests/browser is "browser". `make test-fast` leaves both out.
_SLOW_FILES = {"test_assessment.py", "test_student_copy.py", "test_hub.py"}
_SLOW_TESTS = {"test_nbgraders_working_folders_are_not_run_as_lessons"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        path = item.path
        if "browser" in path.parts and path.parent.name == "browser":
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.slow)
        elif path.suffix == ".ipynb" or path.name in _SLOW_FILES or (
                item.originalname in _SLOW_TESTS if hasattr(item, "originalname") else False):
            item.add_marker(pytest.mark.slow)
    # Browser tests last: Playwright's synchronous API keeps an event loop running in this
    # process from the first browser test on, and tests that run a loop of their own
    # (tornado's test server for the plotly.js handler) cannot start one inside it.
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


@dataclass
class ClassHub:
    """A running JupyterHub (tools/local_hub.py) with the course published beside it."""

    url: str
    repo: str  # the course's git address, as a teacher would pass it to `links --repo`
    bare: Path  # the published repository, to publish a change into
    homes: Path
    password: str
    token: str  # a service token that may start learners' servers and reach them
    pid: int
    state: Path  # the hub's database, secrets, log and the learners' homes


@pytest.fixture(scope="session")
def class_hub():
    """JupyterHub on 127.0.0.1 as `make hub` starts it, and the course in a git daemon."""
    if not shutil.which("git"):
        pytest.skip("the hub tests need git")
    if os.name == "nt":
        pytest.skip("JupyterHub does not run on Windows: the hub tests need Linux or macOS")
    tools = str(Path(__file__).resolve().parents[1] / "tools")
    sys.path.insert(0, tools)
    import local_hub

    # Not under pytest's own temporary folder: any pytest run on this machine closes that
    # folder to other accounts again (0700), which would lock the learners out of their homes
    # halfway through this session's hub.
    state = Path(tempfile.mkdtemp(prefix="two-chairs-hub-"))
    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.setenv("TWO_CHAIRS_HUB_EXPOSE_APP", "1")  # the browser test reads the app
    password, token = secrets.token_urlsafe(8), secrets.token_hex(16)
    try:
        # As root (as CI runs) each learner gets an account of their own, which must be able
        # to run this Python: the way to it is opened while the hub runs, then put back.
        with local_hub.running_hub(state, password=password, api_token=token,
                                   open_the_way=True) as hub:
            yield ClassHub(url=hub.url, repo=hub.repo, bare=hub.bare, homes=state / "homes",
                           password=password, token=token, pid=hub.process.pid, state=state)
    finally:
        monkeypatch.undo()
        shutil.rmtree(state, ignore_errors=True)
