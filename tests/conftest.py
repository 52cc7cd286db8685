"""Shared fixtures: a writable copy of the course data, and a clean data choice per test."""

from __future__ import annotations

import pytest

import lesson_lib
from lesson_lib.data import DATA_ENV_VAR


@pytest.fixture(autouse=True)
def shipped_data(monkeypatch):
    """Every test starts on the shipped data, whatever the one before chose."""
    monkeypatch.delenv(DATA_ENV_VAR, raising=False)
    lesson_lib.use_data(None)
    yield
    lesson_lib.use_data(None)


@pytest.fixture
def data_copy(tmp_path):
    """A teacher's copy of the data folder, made the documented way."""
    return lesson_lib.copy_data(tmp_path / "my_data")
