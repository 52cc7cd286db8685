"""`make lab` as a teacher runs it: JupyterLab opens the start lesson with no pop-up over it."""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import subprocess
import time
import urllib.request

import pytest

from .jupyter import ROOT, NotebookRun, free_port, save_screenshot

NEWS_QUESTION = "official Jupyter news"


@pytest.fixture
def made_lab(tmp_path, chromium_path):
    """JupyterLab started by `make lab` itself, for a user who has never run JupyterLab:
    empty settings, workspaces and config, so nothing a developer chose earlier hides
    the pop-up."""
    if shutil.which("make") is None or not (ROOT / ".venv" / "bin" / "jupyter").exists():
        pytest.skip("make lab needs make and the course's .venv (made by make test)")
    port, token = free_port(), secrets.token_hex(16)
    env = dict(os.environ, JUPYTERLAB_SETTINGS_DIR=str(tmp_path / "settings"),
               JUPYTERLAB_WORKSPACES_DIR=str(tmp_path / "workspaces"),
               JUPYTER_CONFIG_DIR=str(tmp_path / "config"),
               JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"), TWO_CHAIRS_PROGRESS="off")
    options = (f"--no-browser --ServerApp.port={port} --ServerApp.port_retries=0 "
               f"--IdentityProvider.token={token}")
    log = tmp_path / "make-lab.log"
    process = subprocess.Popen(["make", "-C", str(ROOT), "lab", f"LAB_OPTIONS={options}"],
                               env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT,
                               start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            if process.poll() is not None:
                pytest.fail(f"make lab exited:\n{log.read_text(errors='replace')}")
            try:
                with urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2):
                    break
            except OSError:
                time.sleep(0.3)
        yield url, token
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def test_make_lab_opens_the_course_with_no_news_pop_up(made_lab, browser):
    url, token = made_lab
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    page.goto(f"{url}/lab/tree/00_start_here.ipynb?token={token}&reset")
    page.locator(".jp-NotebookPanel .jp-Cell").first.wait_for(timeout=90_000)
    # JupyterLab asks its news question as soon as its plugins are up; give it time to.
    page.wait_for_timeout(4000)
    save_screenshot(page, NotebookRun("make_lab"))
    assert page.get_by_text(NEWS_QUESTION).count() == 0
    assert page.locator(".Toastify__toast").count() == 0
    context.close()
