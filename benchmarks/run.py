"""Measure what the course's targets are about; print a table and write benchmarks/RESULTS.md.

Not a test: it never fails. Run it with the project's environment (``make bench``, or
``.venv/bin/python benchmarks/run.py``); ``--quick`` skips the 30-kernel classroom run and
the browser timings; ``--check`` measures only the data check on 100,000 rows and
``--browser`` only the browser timings, each writing its own rows into RESULTS.md. Each row
names its target; a missed target is marked MISSED, and the notes in RESULTS.md say why
and what would meet it.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
# The browser helpers as pytest imports them ("browser.jupyter"), not as "tests.browser":
# an installed package may ship a top-level "tests" of its own (textstat 0.7.13 does), and an
# installed package wins over a folder without __init__.py.
sys.path.insert(0, str(HERE.parent / "tests"))

import lessons  # noqa: E402  (the benchmark helpers beside this file)

import lesson_lib  # noqa: E402

REPEATS = 20
Row = tuple[str, str, str, str]


def timings(action: Callable[[int], object], repeats: int = REPEATS) -> list[float]:
    """Milliseconds for ``action(i)``, i = 0 .. repeats-1 (after one warm-up call)."""
    action(-1)
    found = []
    for i in range(repeats):
        start = time.perf_counter()
        action(i)
        found.append((time.perf_counter() - start) * 1000)
    return found


def p95(values: list[float]) -> float:
    return sorted(values)[max(0, round(0.95 * len(values)) - 1)]


def mark(ok: bool) -> str:
    return "met" if ok else "MISSED"


def spread(values: list[float], target: float, worst: float | None = None) -> tuple[str, str]:
    """Median and 95th percentile; met when the median is under ``target`` and, if given,
    the 95th percentile within ``worst``."""
    median, high = statistics.median(values), p95(values)
    met = median < target and (worst is None or high <= worst)
    return f"{median:.1f} ms (p95 {high:.1f})", mark(met)


# A redraw a person does not feel as a wait: the median under 100 ms, the slow ones (95th
# percentile) within 150 ms.
REDRAW_MS, REDRAW_P95_MS = 100, 150


def import_rows() -> list[Row]:
    ours, stack, ratio = lessons.import_ratio()
    return [("`import lesson_lib` against `import plotly.graph_objects, pandas, ipywidgets`, "
             "fresh interpreter, 15 interleaved pairs",
             f"{ours:.2f} s against {stack:.2f} s (median); ratio {ratio:.2f}x (median of pairs)",
             "<= 1.25x", mark(ratio <= 1.25))]


def lesson_rows() -> tuple[list[Row], Path]:
    base = lessons.floor(Path(tempfile.mkdtemp()))
    rows: list[Row] = [(base.name, f"{base.seconds:.2f} s, {base.peak_kb / 1024:.0f} MB", "", "")]
    heaviest, worst = None, 0.0
    for path in lessons.lesson_paths():
        run = lessons.lesson(path)
        time_ratio, memory_ratio = run.seconds / base.seconds, run.peak_kb / base.peak_kb
        status = all([run.ok, time_ratio < 2, memory_ratio < 1.5, run.executed_bytes < 2e6])
        rows.append((
            f"lesson {run.name}" + ("" if run.ok else f" FAILED: {run.error}"),
            f"{run.seconds:.2f} s ({time_ratio:.2f}x), {run.peak_kb / 1024:.0f} MB "
            f"({memory_ratio:.2f}x), file {run.file_bytes / 1024:.0f} KB, executed "
            f"{run.executed_bytes / 1024:.0f} KB",
            "< 2x time, < 1.5x memory, < 2 MB", mark(status)))
        # Heaviest by peak memory: memory is what decides how many learners fit on a server.
        if run.peak_kb > worst:
            heaviest, worst = path, run.peak_kb
    return rows, heaviest


def widget_rows() -> list[Row]:
    timeline = lesson_lib.TimelineExplorer()
    boxes = list(timeline.categories.values())
    maps = lesson_lib.ActorMapExplorer(year=2016)
    model = lesson_lib.BalanceExplorer()
    claims = lesson_lib.ClaimsExplorer()
    quiz = lesson_lib.Quiz("02", save=False)
    kinds = ["forecast", "not_called", "", "reported_fact"]

    def toggle(i: int) -> None:
        boxes[i % 4].value = not boxes[i % 4].value

    def year(i: int) -> None:
        maps.year.value = 1995 + (i + 1) % 30

    def choice(i: int) -> None:
        model.choice_sliders["mediation_role"].value = (i + 2) % 11

    def kind(i: int) -> None:
        claims.kind.value = kinds[i % 4]

    index = lesson_lib.IndexExplorer()

    def mover(i: int) -> None:
        index.movers["west"].value = not index.movers["west"].value

    def answer(i: int) -> None:
        quiz.views[0].control.value = str(1990 + i % 20)
        quiz.check(0)

    rows = []
    for name, action, target in [
        ("TimelineExplorer: tick a category", toggle, 50),
        ("ActorMapExplorer: change the year (both views)", year, 50),
        ("BalanceExplorer: move a choice", choice, 50),
        ("IndexExplorer: tick a whose-acts box", mover, 50),
        ("ClaimsExplorer: change the kind filter", kind, 50),
        ("Quiz: check an answer", answer, 50),
    ]:
        result, status = spread(timings(action), target)
        rows.append((f"{name}, Python side, median of {REPEATS}", result, f"< {target} ms",
                     status))
    return rows


def figure_rows() -> list[Row]:
    from importlib import resources

    outlines = (resources.files("lesson_lib") / "data" / "map_outlines.geojson").read_bytes()
    sizes = [
        ("timeline figure JSON, all events", len(lesson_lib.timeline_figure().to_json()), 300),
        ("map figure JSON, 2016", len(lesson_lib.geo_map_figure(2016).to_json()), None),
        ("network figure JSON, 2016", len(lesson_lib.network_figure(2016).to_json()), None),
        ("shipped map outlines", len(outlines), 500),
    ]
    return [(name, f"{size / 1024:.0f} KB", f"< {limit} KB" if limit else "",
             mark(size < limit * 1024) if limit else "") for name, size, limit in sizes]


# Browser timing, measured inside the page: from the moment the input event reaches the
# page (a capturing listener notes it) to the first animation frame in which every chart
# of the explorer shows the new figure. A chart counts when it is a new node with its
# drawing in it (a chart replaced, as JupyterLab's plotly renderer does), or when the same
# node has been given new data and plotly says it has finished drawing it (plotly_afterplot,
# or plotly_react for a change plotly applies without a full redraw: a chart updated in
# place). A late redraw of the old figure (the renderer redraws after a resize) does not
# count: its data is still the old data. Playwright's own round trips are not counted.
_WATCH = """
([output, expected]) => {
  if (!window.__watchingInput) {
    window.__watchingInput = true;
    for (const kind of ['click', 'keydown']) {
      document.addEventListener(kind, () => { window.__inputAt = performance.now(); },
                                {capture: true});
    }
  }
  // An explorer's legend drawn apart (the actor map's) is redrawn only when it changes.
  const charts = () => [...output.querySelectorAll('.js-plotly-plot')]
    .filter(p => !p.closest('.two-chairs-legend'));
  const old = new Map(charts().map(p => [p, p.data]));
  const redrawn = new Set(), listening = [];
  for (const [plot, data] of old) {
    const drawn = () => { if (plot.data !== data) redrawn.add(plot); };
    for (const event of ['plotly_afterplot', 'plotly_react']) {
      if (plot.on) { plot.on(event, drawn); listening.push([plot, event, drawn]); }
    }
  }
  window.__drawnAt = null;
  const check = () => {
    const plots = charts();
    const done = plots.filter(p => old.has(p) ? redrawn.has(p) : p.querySelector('.main-svg'));
    if (plots.length === expected && done.length === expected) {
      window.__drawnAt = performance.now();
      for (const [plot, event, drawn] of listening) plot.removeListener(event, drawn);
    } else {
      requestAnimationFrame(check);
    }
  };
  requestAnimationFrame(check);
}
"""
# (lesson, what is measured, how many charts the change redraws, the explorer's cell)
BROWSER_CASES = [
    ("02_timeline.ipynb", "TimelineExplorer: tick a category", 1, "TimelineExplorer("),
    ("03_actor_map.ipynb", "ActorMapExplorer: year slider one step (both views)", 2,
     "ActorMapExplorer("),
    ("04_balancing_act.ipynb", "BalanceExplorer: move a choice slider one step", 1,
     "BalanceExplorer("),
    ("04_balancing_act.ipynb", "IndexExplorer: tick a whose-acts box (index, bands, table)", 1,
     "IndexExplorer("),
]


def _explorer_action(page, lesson: str, name: str = ""):
    """The explorer's output area and a function doing the i-th control change."""
    if name.startswith("IndexExplorer"):
        output = page.locator(".jp-OutputArea-output", has=page.get_by_text(
            "The index's choices")).first
        box = output.get_by_label("count acts of the West", exact=False)
        box.scroll_into_view_if_needed()
        return output, lambda i: box.click()
    if lesson.startswith("02"):
        output = page.locator(".jp-OutputArea-output", has=page.get_by_text(
            "Only what was known by July 2016")).first
        box = output.get_by_label("Security")
        box.scroll_into_view_if_needed()
        return output, lambda i: box.click()
    combobox, slider = ("Focus", "Year") if lesson.startswith("03") else (
        "Start from", "Mediator's role")
    output = page.locator(".jp-OutputArea-output",
                          has=page.get_by_role("combobox", name=combobox)).first
    # A handle by the name a screen reader says (the model's sliders show a short label, "level",
    # under their full name).
    handle = output.locator(f'.noUi-handle[aria-label^="{slider}"]').first
    handle.scroll_into_view_if_needed()

    def step(i: int) -> None:
        handle.focus()
        page.keyboard.press("ArrowRight" if i % 2 else "ArrowLeft")
    return output, step


_CELL_INDEX = """
async (text) => {
  const panel = window.jupyterapp.shell.currentWidget;
  await panel.context.ready;
  await panel.revealed;
  return panel.content.widgets.findIndex(
    c => c.model.type === 'code' && c.model.sharedModel.getSource().includes(text));
}
"""
_RUN_ABOVE = """
async (index) => {
  const app = window.jupyterapp, panel = app.shell.currentWidget;
  await panel.context.ready;
  await panel.sessionContext.ready;
  panel.content.activeCellIndex = index;
  await app.commands.execute('notebook:run-all-above');
}
"""
_RUN_CELL = """
async (index) => {
  const app = window.jupyterapp, panel = app.shell.currentWidget;
  panel.content.activeCellIndex = index;
  await app.commands.execute('notebook:run-cell');
}
"""
_CELL_DRAWN = """
([index, expected]) => {
  const cell = window.jupyterapp.shell.currentWidget.content.widgets[index];
  cell.node.scrollIntoView();
  const plots = [...cell.node.querySelectorAll('.js-plotly-plot')]
    .filter(p => !p.closest('.two-chairs-legend'));
  return plots.length === expected && plots.every(p => p.querySelector('.main-svg'));
}
"""


@dataclass
class Received:
    websocket: int = 0
    http: int = 0
    plotly_requests: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.websocket + self.http


def explorer_bytes(context, server, lesson: str, cell_text: str, charts: int) -> Received:
    """Bytes the browser receives while an explorer's cell runs and its charts are first
    drawn: every websocket frame and every HTTP response (headers and body as sent, so a
    file from the browser's cache counts 0), through Chromium's DevTools protocol. The
    cells above it run first, uncounted, as a learner would have run them."""
    from browser.jupyter import wait_until_idle

    received, counting = Received(), [False]

    def frame(event) -> None:
        if counting[0]:
            response = event["response"]
            data = response["payloadData"]
            received.websocket += (len(base64.b64decode(data)) if response["opcode"] == 2
                                   else len(data.encode("utf-8")))

    def finished(event) -> None:
        if counting[0]:
            received.http += int(event["encodedDataLength"])

    def requested(event) -> None:
        url = event["request"]["url"]
        if "plotly" in url and url.split("?")[0].endswith(".js"):
            received.plotly_requests.append(url.split("/")[-1])

    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.on("Network.webSocketFrameReceived", frame)
    cdp.on("Network.loadingFinished", finished)
    cdp.on("Network.requestWillBeSent", requested)
    page.goto(server.notebook_url(lesson))
    page.wait_for_function(
        "() => window.jupyterapp && window.jupyterapp.shell.currentWidget"
        f" && window.jupyterapp.shell.currentWidget.context.path === {json.dumps(lesson)}",
        timeout=60_000)
    index = page.evaluate(_CELL_INDEX, cell_text)
    if index < 0:
        raise RuntimeError(f"{lesson}: no code cell contains {cell_text!r}")
    page.evaluate(_RUN_ABOVE, index)
    wait_until_idle(page)
    received.plotly_requests.clear()
    counting[0] = True
    page.evaluate(_RUN_CELL, index)
    page.wait_for_function(_CELL_DRAWN, arg=[index, charts], timeout=60_000, polling=100)
    wait_until_idle(page)
    page.wait_for_timeout(1000)  # any message still on its way
    counting[0] = False
    page.close()
    return received


def browser_rows() -> list[Row]:
    """Time from a control change to the redrawn chart(s) in JupyterLab, median of 20."""
    from browser.jupyter import CHROMIUM_ARGS, find_chromium, run_lesson, start_lab
    from playwright.sync_api import sync_playwright

    chromium = find_chromium()
    if chromium is None:
        return [("browser timings", "skipped: no Chromium", "", "")]
    rows: list[Row] = []
    server = start_lab(Path(tempfile.mkdtemp()))
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, headless=True,
                                                 args=CHROMIUM_ARGS)
            context = browser.new_context(viewport={"width": 1366, "height": 768})
            for lesson, name, charts, cell in BROWSER_CASES:
                page, _ = run_lesson(context, server, lesson)
                output, act = _explorer_action(page, lesson, name)
                found = []
                for i in range(REPEATS + 1):
                    page.evaluate(_WATCH, [output.element_handle(), charts])
                    act(i)
                    page.wait_for_function("() => window.__drawnAt !== null", timeout=30_000)
                    found.append(page.evaluate("() => window.__drawnAt - window.__inputAt"))
                page.close()
                server.shut_down_kernels()
                result, status = spread(found[1:], REDRAW_MS, REDRAW_P95_MS)
                rows.append((f"{name}, in JupyterLab: input to redrawn chart, median of "
                             f"{REPEATS}", result,
                             f"< {REDRAW_MS} ms (p95 <= {REDRAW_P95_MS})", status))
                print(" | ".join(rows[-1]), file=sys.stderr, flush=True)
                # The same browser again: plotly.js, if the page fetched it, is in its cache.
                received = explorer_bytes(context, server, lesson, cell, charts)
                server.shut_down_kernels()
                rows.append((f"{name.split(':')[0]}: bytes the browser receives while its cell "
                             "runs and its charts are first drawn (websocket frames and HTTP "
                             f"bodies; plotly.js requests: {received.plotly_requests})",
                             f"{received.total / 1024:.0f} KB (websocket "
                             f"{received.websocket / 1024:.0f} KB, HTTP "
                             f"{received.http / 1024:.0f} KB)", "< 1 MB",
                             mark(received.total < 2**20)))
                print(" | ".join(rows[-1]), file=sys.stderr, flush=True)
            browser.close()
    finally:
        server.stop()
    return rows


def classroom_rows(heaviest: Path) -> list[Row]:
    seconds, total_mb, ok, errors = lessons.classroom(heaviest, 30)
    note = f"{ok}/30 succeeded" + (f"; first error: {errors[0]}" if errors else "")
    return [(f"30 kernels running {heaviest.stem} at once",
             f"{seconds:.0f} s until all finished, {total_mb} MB peak in all "
             f"({total_mb / 30:.0f} MB each), {note}", "all succeed", mark(ok == 30))]


CHECK_ROWS = 100_000
CHECK = "`python -m lesson_lib check`"


def check_rows(rows: int = CHECK_ROWS) -> list[Row]:
    """The data check on a teacher's folder of ``rows`` events, in a fresh process: time and
    peak memory. Two folders: copies of the shipped rows (every row a duplicate id and a
    repeat, the worst case for the problem list) and rows with ids and titles of their own
    that are still near-repeats of each other (the worst case for the repeat check)."""
    import csv
    import io
    import subprocess

    found = []
    with tempfile.TemporaryDirectory() as scratch:
        for kind in ("copies of the shipped rows", "own ids, near-repeat titles"):
            folder = lesson_lib.copy_data(Path(scratch) / kind.split()[0])
            shipped = list(csv.reader(io.StringIO((folder / "events.csv").read_text("utf-8"))))
            out = io.StringIO()
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(shipped[0])
            for i in range(rows):
                row = list(shipped[1 + i % (len(shipped) - 1)])
                if kind.startswith("own") and i >= len(shipped) - 1:
                    row[0], row[4] = f"{row[0]}_{i}", f"{row[4]} ({i})"
                writer.writerow(row)
            (folder / "events.csv").write_text(out.getvalue(), "utf-8")
            size = (folder / "events.csv").stat().st_size
            probe = ("import resource, runpy, sys, time\n"
                     f"sys.argv = ['lesson_lib', 'check', {str(folder)!r}]\n"
                     "start = time.perf_counter()\n"
                     "try:\n    runpy.run_module('lesson_lib', run_name='__main__')\n"
                     "except SystemExit:\n    pass\n"
                     "print(time.perf_counter() - start, "
                     "resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stdout)")
            done = subprocess.run([sys.executable, "-c", probe], capture_output=True,
                                  text=True, timeout=1800)
            seconds, peak_kb = done.stdout.split()[-2:]
            problems = (done.stderr.splitlines()[0].rstrip(":") if done.stderr
                        else "no problem")
            found.append((
                f"{CHECK}, {rows:,} event rows ({kind}; {size / 2**20:.0f} MB of CSV)",
                f"{float(seconds):.1f} s, {int(peak_kb) / 1024:.0f} MB peak; {problems} "
                f"(measured {time.strftime('%Y-%m-%d')})", "< 30 s", mark(float(seconds) < 30)))
            print(" | ".join(found[-1]), file=sys.stderr, flush=True)
    return found


def with_rows(results: Path, rows: list[Row], prefix: str) -> str:
    """RESULTS.md with the table's rows that start with ``prefix`` replaced by ``rows``
    (added after the table if it had none), everything else as the last full run left it."""
    text = results.read_text("utf-8")
    lines = text.splitlines()
    kept = [line for line in lines if not line.startswith(f"| {prefix}")]
    last = kept.index("| measure | result | target | status |")
    while last + 1 < len(kept) and kept[last + 1].startswith("|"):
        last += 1  # to the end of the main table, not a table in the notes
    new = [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    return "\n".join(kept[:last + 1] + new + kept[last + 1:]) + "\n"


def table(rows: list[Row]) -> str:
    lines = ["| measure | result | target | status |", "|---|---|---|---|"]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="skip the classroom run and the browser timings")
    parser.add_argument("--browser", action="store_true",
                        help="only the browser rows, written into RESULTS.md in place")
    parser.add_argument("--check", action="store_true",
                        help="only the data check rows, written into RESULTS.md in place")
    args = parser.parse_args(argv)
    if args.browser:
        rows = [(measure, f"{result} (measured {time.strftime('%Y-%m-%d')})", target, status)
                for measure, result, target, status in browser_rows()]
        print(table(rows))
        results = HERE / "RESULTS.md"
        for row in rows:  # each replaces its own row of the last run
            results.write_text(with_rows(results, [row], row[0]), "utf-8")
        return 0
    if args.check:
        rows = check_rows()
        print(table(rows))
        results = HERE / "RESULTS.md"
        results.write_text(with_rows(results, rows, CHECK), "utf-8")
        return 0
    rows, heaviest = lesson_rows()
    rows = import_rows() + rows + widget_rows() + figure_rows() + check_rows()
    if not args.quick:
        rows += browser_rows() + classroom_rows(heaviest)
    text = table(rows)
    print(text)
    machine = (f"{platform.python_version()} on {platform.machine()}, {os.cpu_count()} cores, "
               f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB")
    results = HERE / "RESULTS.md"
    notes = _notes(results)
    results.write_text(
        f"# Benchmark results\n\nMeasured {time.strftime('%Y-%m-%d')} with Python {machine}, "
        f"by `benchmarks/run.py`{' --quick' if args.quick else ''}.\n\n{text}\n"
        + (f"\n{notes}" if notes else ""), "utf-8")
    return 0


def _notes(results: Path) -> str:
    """The hand-written "## Notes" section of the last RESULTS.md, kept across runs: the
    figures change with every run, the explanations of missed targets do not."""
    if not results.exists():
        return ""
    text = results.read_text("utf-8")
    return text[text.index("## Notes"):] if "## Notes" in text else ""


if __name__ == "__main__":
    sys.exit(main())
