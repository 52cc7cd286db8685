"""Shared fixtures: a writable copy of the course data, and a clean data choice per test."""

from __future__ import annotations

import pytest

import lesson_lib
from lesson_lib.data import DATA_ENV_VAR
from lesson_lib.progress import PROGRESS_ENV


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
_SLOW_FILES = {"test_assessment.py", "test_student_copy.py"}
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
