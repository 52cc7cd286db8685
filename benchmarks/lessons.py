"""Lesson-level measurements: execution time and kernel memory against a floor, file sizes,
and a class of kernels running the heaviest lesson at once.

The floor is what every lesson pays anyway: starting a kernel and importing the stack the
course is built on (plotly, pandas, ipywidgets), without lesson_lib. Memory is the kernel's
peak resident set (VmHWM in /proc, so Linux only), read just before the kernel is shut down.
"""

from __future__ import annotations

import concurrent.futures
import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat
from jupyter_client import KernelManager
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
# Kernels started from many threads at once can be handed the same free TCP ports, and
# the loser dies with "address already in use": a fault of the harness, not of the course.
# Starting them one at a time (they still run at once) avoids it.
_STARTING = threading.Lock()


@dataclass
class Run:
    name: str
    seconds: float
    peak_kb: int
    file_bytes: int
    executed_bytes: int
    ok: bool
    error: str = ""


def peak_kb(pid: int) -> int:
    """The process's peak resident memory in KB (0 when it has already gone)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def execute(notebook: nbformat.NotebookNode, workdir: Path, name: str, size: int) -> Run:
    """Start a kernel, run every cell, read the kernel's peak memory, shut it down."""
    start = time.perf_counter()
    manager = KernelManager(kernel_name="python3")
    with _STARTING:
        # No progress file: a benchmark must not leave traces in the learner's folder.
        manager.start_kernel(cwd=str(workdir), env=dict(os.environ, TWO_CHAIRS_PROGRESS="off"))
    try:
        client = NotebookClient(notebook, km=manager, timeout=600,
                                resources={"metadata": {"path": str(workdir)}})
        ok, error = True, ""
        try:
            client.execute()
        except Exception as err:  # a failed lesson is a result to report, not a crash
            ok, error = False, f"{type(err).__name__}: {str(err)[:200]}"
        seconds = time.perf_counter() - start
        memory = peak_kb(manager.provisioner.process.pid)
    finally:
        manager.shutdown_kernel(now=True)
    executed = len(nbformat.writes(notebook).encode("utf-8"))
    return Run(name, seconds, memory, size, executed, ok, error)


# What every lesson pays whatever the course does: a kernel and the stack it is built on.
# The floor does not import lesson_lib, so the course's own start-up counts against it.
STACK_IMPORT = "import plotly.graph_objects, pandas, ipywidgets"


def floor(workdir: Path) -> Run:
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(STACK_IMPORT)])
    return execute(notebook, workdir, "floor (kernel + plotly, pandas, ipywidgets)", 0)


def import_ratio(pairs: int = 15) -> tuple[float, float, float]:
    """Paired, interleaved wall times of ``import lesson_lib`` and of the stack's import,
    each in a fresh interpreter: (median lesson_lib s, median stack s, median of the
    per-pair ratios). Interleaving keeps a busy moment of the machine from landing on one
    side only."""
    import statistics
    import subprocess
    import sys

    def wall(code: str) -> float:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        return time.perf_counter() - start

    wall(STACK_IMPORT)  # warm the file cache for both
    wall("import lesson_lib")
    ours, stack = [], []
    for _ in range(pairs):
        ours.append(wall("import lesson_lib"))
        stack.append(wall(STACK_IMPORT))
    ratios = [a / b for a, b in zip(ours, stack, strict=True)]
    return statistics.median(ours), statistics.median(stack), statistics.median(ratios)


def lesson(path: Path) -> Run:
    notebook = nbformat.read(path, as_version=4)
    return execute(notebook, path.parent, path.stem, path.stat().st_size)


def lesson_paths() -> list[Path]:
    return sorted(NOTEBOOKS.glob("0*.ipynb"))


def classroom(path: Path, learners: int = 30) -> tuple[float, int, int, list[str]]:
    """Run ``learners`` kernels on one lesson at once.

    Returns (seconds until all finish, total peak MB, how many succeeded, errors).
    """
    start = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(max_workers=learners) as pool:
        runs = list(pool.map(lambda _i: lesson(path), range(learners)))
    seconds = time.perf_counter() - start
    total_mb = sum(r.peak_kb for r in runs) // 1024
    return seconds, total_mb, sum(r.ok for r in runs), [r.error for r in runs if not r.ok]
