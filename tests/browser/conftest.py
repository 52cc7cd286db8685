"""Fixtures for browser tests: one JupyterLab server and one Chromium per test session."""

from __future__ import annotations

import os

import pytest

from .jupyter import CHROMIUM_ARGS, NotebookRun, find_chromium, guard_origin, start_lab


@pytest.fixture(scope="session")
def chromium_path():
    path = find_chromium()
    if path is None:
        where = os.environ.get("TWO_CHAIRS_CHROMIUM") or "/usr/bin/chromium or on PATH"
        pytest.skip(f"browser tests skipped: no Chromium found ({where}); "
                    "install Debian's chromium or set TWO_CHAIRS_CHROMIUM")
    return path


@pytest.fixture(scope="session")
def lab(chromium_path, tmp_path_factory):
    server = start_lab(tmp_path_factory.mktemp("lab"))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser(chromium_path):
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path, headless=True,
                                              args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def lab_context(browser, lab):
    """A fresh browser context at laptop size whose requests may not leave the server."""
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    context.set_default_timeout(60_000)
    guard = NotebookRun(name="")
    guard_origin(context, lab.url, guard)
    context.outside_requests = guard.outside_requests
    yield context
    context.close()
    lab.shut_down_kernels()
