"""A class of 30 on a real JupyterHub on this machine, all at once; prints what it took.

Each learner logs in through the hub's API, starts their own JupyterLab, follows the
nbgitpuller link and runs lesson 03 (the heaviest) over the kernel's websocket
(tools/hub_class.py). The figures and a sizing table go between the markers in
benchmarks/RESULTS.md. Run it with `make bench-hub` on a quiet machine.
"""

from __future__ import annotations

import argparse
import math
import os
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tools"))

import hub_class  # noqa: E402
import local_hub  # noqa: E402

from lesson_lib.links import nbgitpuller_link  # noqa: E402

LESSON = "notebooks/03_actor_map.ipynb"
BEGIN, END = "<!-- hub-class: begin -->", "<!-- hub-class: end -->"
# Planning margins, said in the report: a learner may keep two lessons open (two kernels),
# and a server should not run above about 75% of its memory.
EXTRA_KERNEL_MB = 140
MEMORY_HEADROOM = 0.75
ARRIVAL_SECONDS = 120  # a class that logs in within two minutes


def run(learners: int) -> hub_class.ClassReport:
    with tempfile.TemporaryDirectory() as scratch:
        state = Path(scratch)
        token = secrets.token_hex(16)
        with local_hub.running_hub(state, api_token=token, open_the_way=True) as hub:
            link = nbgitpuller_link(hub.url, hub.repo)
            fields = {k: v[0] for k, v in parse_qs(urlsplit(link).query).items()}
            return hub_class.run_class(hub.url, token, fields, LESSON, learners,
                                       state / "homes", hub.process.pid)


def sizing(report: hub_class.ClassReport) -> list[str]:
    per_learner = max(report.peak_pss_mb.values()) + EXTRA_KERNEL_MB
    cpu = statistics.median(report.cpu_seconds.values())
    rows = ["| learners | memory | cores (all logged in within 2 minutes) | where |",
            "|---|---|---|---|"]
    for size, where in ((30, "one server"), (100, "one large server, or Kubernetes"),
                        (300, "Kubernetes, several nodes")):
        memory_gb = (size * per_learner + report.hub_peak_rss_mb) / MEMORY_HEADROOM / 1024
        cores = max(2, math.ceil(size * cpu / ARRIVAL_SECONDS))
        rows.append(f"| {size} | {memory_gb:.0f} GB | {cores} | {where} |")
    return rows


def describe(report: hub_class.ClassReport, learners: int) -> str:
    pss, rss = report.peak_pss_mb.values(), report.peak_rss_mb.values()
    steps = {step: statistics.median(lr.seconds.get(step, 0) for lr in report.learners)
             for step in ("start", "pull", "lesson")}
    failures = report.failures
    lines = [
        BEGIN,
        f"Measured {time.strftime('%Y-%m-%d')} by `benchmarks/class_on_hub.py` "
        f"(`make bench-hub`) on {os.cpu_count()} cores.",
        "",
        "| measure | result |",
        "|---|---|",
        f"| learners, all at once | {learners} |",
        f"| time from the first login to the last learner's last cell | "
        f"{report.seconds:.0f} s |",
        f"| failures | {len(failures)}"
        + (f" (first: {failures[0].name}: {failures[0].failure})" if failures else "") + " |",
        f"| median per learner: server start, nbgitpuller clone, lesson 03 | "
        f"{steps['start']:.0f} s, {steps['pull']:.1f} s, {steps['lesson']:.0f} s |",
        f"| peak memory per learner (their JupyterLab server and kernel), shared pages "
        f"split (PSS) | median {statistics.median(pss):.0f} MB, max {max(pss):.0f} MB |",
        f"| the same counted whole (RSS) | median {statistics.median(rss):.0f} MB, "
        f"max {max(rss):.0f} MB |",
        f"| processor time per learner (login to last cell) | median "
        f"{statistics.median(report.cpu_seconds.values()):.1f} s |",
        f"| the hub and its proxy, peak | {report.hub_peak_rss_mb:.0f} MB |",
        f"| memory in use on the machine above its level before, peak | "
        f"{report.system_peak_mb:.0f} MB |",
        "",
        "What a hub needs, from these figures: memory is the peak per learner plus "
        f"{EXTRA_KERNEL_MB} MB for a second open lesson, for every learner, plus the hub, "
        f"at most {MEMORY_HEADROOM:.0%} full; cores let the whole class log in and run a "
        f"lesson within {ARRIVAL_SECONDS // 60} minutes (after that a class mostly reads "
        "and clicks, which costs little processor time).",
        "",
        *sizing(report),
        END,
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=30)
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args(argv)
    report = run(args.learners)
    text = describe(report, args.learners)
    print(text)
    results = HERE / "RESULTS.md"
    if not args.no_write and results.exists():
        current = results.read_text("utf-8")
        if BEGIN in current and END in current:
            current = current[:current.index(BEGIN)] + text + current[
                current.index(END) + len(END):]
        else:
            current = current.rstrip("\n") + "\n\n## A class on JupyterHub\n\n" + text + "\n"
        results.write_text(current, "utf-8")
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main())
