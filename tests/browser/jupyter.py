"""A real JupyterLab server and a real Chromium, for tests of what a person sees.

The server runs on a free localhost port with a random token, in a throwaway copy
of the notebooks and with its own settings folders, so tests never touch the
learner's files or settings. The browser is Debian's Chromium driven by
Playwright; every request that would leave the server's origin is blocked and
recorded, so a test can assert that a lesson works offline.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
# Flags for a root, headless Chromium on a machine without a network: without the
# background-networking ones it keeps trying (and failing) to reach Google's hosts.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage",
]
# Quiet JupyterLab's own outreach: no news toast and no update check in screenshots.
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "checkForUpdates": False, "fetchNews": "false"},
}


def find_chromium() -> str | None:
    """Chromium's path: $TWO_CHAIRS_CHROMIUM, Debian's /usr/bin/chromium, or on PATH."""
    chosen = os.environ.get("TWO_CHAIRS_CHROMIUM")
    if chosen:
        return chosen if Path(chosen).is_file() else None
    for candidate in CHROMIUM_CANDIDATES:
        if Path(candidate).is_file():
            return candidate
    return shutil.which("chromium")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class LabServer:
    """A running JupyterLab: its base address, token and working folder."""

    url: str
    token: str
    root: Path
    process: subprocess.Popen
    log: Path

    def notebook_url(self, name: str) -> str:
        # "reset": start from an empty workspace. Otherwise JupyterLab reopens every tab an
        # earlier test left in the server's workspace, and a locator such as the first chart
        # can land in a hidden tab and wait for it to become visible.
        return f"{self.url}/lab/tree/{name}?token={self.token}&reset"

    def shut_down_kernels(self) -> None:
        """End every notebook session, so the next test starts from fresh kernels."""
        with urllib.request.urlopen(f"{self.url}/api/sessions?token={self.token}") as reply:
            sessions = json.load(reply)
        for session in sessions:
            request = urllib.request.Request(
                f"{self.url}/api/sessions/{session['id']}?token={self.token}", method="DELETE")
            urllib.request.urlopen(request).close()

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def start_lab(workdir: Path, timeout: float = 90) -> LabServer:
    """Copy the notebooks into ``workdir`` and start JupyterLab serving them."""
    root = workdir / "notebooks"
    shutil.copytree(ROOT / "notebooks", root,
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    settings = workdir / "lab-settings"
    for rel, values in LAB_SETTINGS.items():
        target = settings / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(values), "utf-8")
    env = dict(os.environ,
               JUPYTER_CONFIG_DIR=str(workdir / "config"),
               JUPYTER_RUNTIME_DIR=str(workdir / "runtime"),
               JUPYTERLAB_SETTINGS_DIR=str(settings),
               JUPYTERLAB_WORKSPACES_DIR=str(workdir / "workspaces"))
    port, token = free_port(), secrets.token_hex(16)
    log = workdir / "jupyterlab.log"
    process = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser",
         "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
         "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
         "--ServerApp.allow_root=True",  # CI runs as root in a throwaway machine
         f"--ServerApp.root_dir={root}", "--LabApp.expose_app_in_browser=True"],
        cwd=root, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"JupyterLab exited early:\n{log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2):
                return LabServer(url, token, root, process, log)
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise RuntimeError(f"JupyterLab did not answer within {timeout} s:\n{log.read_text()}")


def wait_for_port(port: int, process: subprocess.Popen, log: Path, timeout: float) -> None:
    """Wait until something listens on the port (Voila renders a lesson only when asked)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited early:\n{log.read_text(errors='replace')}")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.3)
    process.kill()
    raise RuntimeError(f"nothing listened on port {port} within {timeout} s:\n{log.read_text()}")


@dataclass
class VoilaServer:
    """Presenter mode (Voila) serving one lesson, set up as `make present` sets it up."""

    url: str
    process: subprocess.Popen

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=20)


def start_voila(workdir: Path, lesson: str, timeout: float = 120,
                progress: str = "off") -> VoilaServer:
    """``progress``: the teacher's progress file (``TWO_CHAIRS_PROGRESS``); "off" keeps
    nothing, as a projector that only shows a lesson needs."""
    root = workdir / "notebooks"
    shutil.copytree(ROOT / "notebooks", root, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    presenter = str(ROOT / "presenter")
    env = dict(os.environ, JUPYTER_PATH=presenter, JUPYTER_CONFIG_PATH=presenter,
               JUPYTER_RUNTIME_DIR=str(workdir / "runtime"), TWO_CHAIRS_PROGRESS=progress)
    port, log = free_port(), workdir / "voila.log"
    process = subprocess.Popen(
        [sys.executable, "-m", "voila", lesson, "--no-browser", f"--port={port}"],
        cwd=root, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT)
    wait_for_port(port, process, log, timeout)
    return VoilaServer(f"http://127.0.0.1:{port}", process)


@dataclass
class NotebookRun:
    """What a person would have seen after running every cell of a notebook."""

    name: str
    cell_errors: list[str] = field(default_factory=list)
    widget_errors: int = 0
    console_errors: list[str] = field(default_factory=list)
    outside_requests: list[str] = field(default_factory=list)
    screenshot: Path | None = None


def guard_origin(context, origin: str, run: NotebookRun) -> None:
    """Block and record every request that leaves ``origin`` (CDNs, tiles, fonts...)."""
    allowed = urlparse(origin).netloc

    def route(r):
        target = urlparse(r.request.url)
        if target.scheme in ("http", "https", "ws", "wss") and target.netloc != allowed:
            run.outside_requests.append(r.request.url)
            r.abort()
        else:
            r.continue_()

    context.route("**/*", route)


_RUN_ALL = """
async () => {
  const app = window.jupyterapp;
  const panel = app.shell.currentWidget;
  await panel.context.ready;
  await panel.sessionContext.ready;
  await app.commands.execute('notebook:run-all-cells');
}
"""

_KERNEL_IDLE = """
() => {
  const panel = window.jupyterapp.shell.currentWidget;
  const kernel = panel && panel.sessionContext.session && panel.sessionContext.session.kernel;
  if (!kernel || kernel.status !== 'idle') return false;
  return panel.content.widgets.every(c => c.model.type !== 'code' || !c.promptNode
      || !c.promptNode.textContent.includes('*'));
}
"""

_CELL_ERRORS = """
() => {
  const panel = window.jupyterapp.shell.currentWidget;
  const errors = [];
  panel.content.widgets.forEach((cell, i) => {
    if (cell.model.type !== 'code') return;
    for (const out of cell.model.outputs.toJSON()) {
      if (out.output_type === 'error') errors.push(`cell ${i}: ${out.ename}: ${out.evalue}`);
    }
  });
  return errors;
}
"""


_WIDGETS_SETTLED = """
() => {
  const panel = window.jupyterapp.shell.currentWidget;
  const mime = 'application/vnd.jupyter.widget-view+json';
  let settled = true;
  panel.content.widgets.forEach(cell => {
    if (cell.model.type !== 'code') return;
    const children = cell.outputArea.node.querySelectorAll(':scope > .jp-OutputArea-child');
    cell.model.outputs.toJSON().forEach((out, i) => {
      if (!(out.data && out.data[mime])) return;
      const node = children[i];
      if (!node || !(node.querySelector('.jupyter-widgets')
                     || node.textContent.includes('Error displaying widget'))) settled = false;
    });
  });
  const plots = panel.node.querySelectorAll('.js-plotly-plot');
  return settled && Array.from(plots).every(p => p.querySelector('.main-svg'));
}
"""


def open_notebook(context, server: LabServer, name: str, run: NotebookRun):
    """Open ``name`` in JupyterLab and wait until it is the current, ready widget."""
    page = context.new_page()
    page.on("console", lambda m: m.type == "error" and run.console_errors.append(m.text))
    page.on("pageerror", lambda e: run.console_errors.append(f"page error: {e}"))
    page.goto(server.notebook_url(name))
    page.wait_for_function(
        "() => window.jupyterapp && window.jupyterapp.shell.currentWidget"
        f" && window.jupyterapp.shell.currentWidget.context.path === {json.dumps(name)}",
        timeout=60_000)
    return page


_RESTART = """
async () => {
  const panel = window.jupyterapp.shell.currentWidget;
  await panel.sessionContext.session.kernel.restart();
}
"""


def restart_and_run_all(page, run: NotebookRun) -> None:
    """Restart the kernel (no dialog) and run every cell again, as a learner returning would."""
    page.evaluate(_RESTART)
    run_all_cells(page, run)


def wait_until_idle(page, timeout_ms: int = 240_000) -> None:
    """Wait until the kernel is idle, no cell is waiting to run, and every widget view and
    chart is drawn (or failed), however long that takes: a fixed pause would count errors
    before a slow view had a chance to fail."""
    page.wait_for_function(_KERNEL_IDLE, timeout=timeout_ms, polling=250)
    page.wait_for_function(_WIDGETS_SETTLED, timeout=60_000, polling=250)


def run_all_cells(page, run: NotebookRun, timeout_ms: int = 240_000) -> None:
    """Run every cell, wait for the kernel to go idle, and collect what went wrong."""
    page.evaluate(_RUN_ALL)
    wait_until_idle(page, timeout_ms)
    run.cell_errors = page.evaluate(_CELL_ERRORS)
    run.widget_errors = page.locator(".jp-OutputArea-output",
                                     has_text="Error displaying widget").count()


def save_screenshot(page, run: NotebookRun, suffix: str = "") -> Path:
    SCREENSHOTS.mkdir(exist_ok=True)
    # JupyterLab lays out a scrolled notebook on the next animation frames; a picture taken
    # at once can show an empty panel.
    page.evaluate("() => new Promise(done => requestAnimationFrame("
                  "() => requestAnimationFrame(() => setTimeout(done, 200))))")
    path = SCREENSHOTS / f"{Path(run.name).stem}{suffix}.png"
    page.screenshot(path=str(path))
    run.screenshot = path
    return path


def run_lesson(context, server: LabServer, name: str):
    """Open a notebook, run all its cells, and return the page and what went wrong."""
    run = NotebookRun(name)
    page = open_notebook(context, server, name, run)
    run_all_cells(page, run)
    return page, run


def reopen_lesson(context, server: LabServer, name: str):
    """A learner comes back: the lesson opened again in a new tab and every cell run again,
    so the new widgets read what was saved. (The kernel's restart is a unit test's:
    restarting here races JupyterLab's own debugger requests of the new page.)"""
    run = NotebookRun(name)
    page = open_notebook(context, server, name, run)
    page.wait_for_function(
        "() => { const w = window.jupyterapp.shell.currentWidget;"
        " const k = w.sessionContext.session && w.sessionContext.session.kernel;"
        " return k && k.connectionStatus === 'connected' && k.status === 'idle'; }",
        timeout=60_000)
    wait_until_idle(page)
    run_all_cells(page, run)
    assert_ran_clean(run)
    return page, run


def assert_ran_clean(run: NotebookRun) -> None:
    """No cell raised and every widget displayed."""
    assert run.cell_errors == [], run.cell_errors
    assert run.widget_errors == 0, f"{run.widget_errors} widgets failed to display"


def assert_stayed_offline(run: NotebookRun, context) -> None:
    """No browser console errors and no request beyond the JupyterLab server."""
    assert run.console_errors == [], run.console_errors
    assert context.outside_requests == [], context.outside_requests


_MARK_CONTROLS = """
(root) => {
  const controls = [...root.querySelectorAll(
      'select, input, button, textarea, .noUi-handle, [tabindex]:not([tabindex="-1"])')]
    .filter(el => !el.disabled && el.getClientRects().length > 0
                  && getComputedStyle(el).visibility !== 'hidden');
  controls.forEach((el, i) => el.setAttribute('data-tab-check', String(i)));
  return controls.map(el => (el.getAttribute('aria-label') || el.textContent.trim()
                             || el.getAttribute('placeholder') || el.tagName).slice(0, 40));
}
"""


def controls_missed_by_tab(page, container) -> list[str]:
    """Press Tab from the first control of ``container`` until focus leaves it; return the
    names of the visible controls that focus never reached.

    An explorer may still be redrawing its chart from the last change (a new chart, new
    tools), so a walk that misses something is walked once more after a pause."""
    missed = _walk_with_tab(page, container)
    if missed:
        page.wait_for_timeout(3000)
        missed = _walk_with_tab(page, container)
    return missed


def _walk_with_tab(page, container) -> list[str]:
    names = container.evaluate(_MARK_CONTROLS)
    reached: set[str] = set()
    container.locator('[data-tab-check="0"]').focus()
    for _ in range(3 * len(names) + 5):
        mark = page.evaluate("() => { const a = document.activeElement;"
                             " return a && a.getAttribute('data-tab-check'); }")
        inside = container.evaluate("(root) => root.contains(document.activeElement)")
        if not inside:
            break
        if mark is not None:
            reached.add(mark)
        page.keyboard.press("Tab")
    return [name for i, name in enumerate(names) if str(i) not in reached]


WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def accessibility_violations(page, include: str | None = None) -> list[str]:
    """What axe-core, the widely used WCAG checker, finds against WCAG 2.1 A and AA on the
    page (or only inside ``include``, a CSS selector): one line per element."""
    from axe_playwright_python.sync_playwright import Axe

    context = {"include": [[include]]} if include else None
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}}
    result = Axe().run(page, context=context, options=options).response
    return [f"{v['id']} ({v['impact']}): {node['target']}" for v in result["violations"]
            for node in v["nodes"]]

