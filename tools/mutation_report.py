"""The mutation testing table: after `mutmut run`, how many of each module's mutants the
fast tests caught.

Usage (from the repository root; `make mutation` runs mutmut and then this):

    .venv/bin/python tools/mutation_report.py              # print the table
    .venv/bin/python tools/mutation_report.py --write      # and write it into RESULTS.md
    .venv/bin/python tools/mutation_report.py --survivors  # the names of the mutants that lived

mutmut 3 keeps one ``mutants/<path>.meta`` file (JSON) per mutated module, whose
``exit_code_by_key`` gives each mutant's outcome as the exit code of the test run that met
it. The modules listed are those of ``[tool.mutmut] only_mutate`` in pyproject.toml, so a
module that mutmut never reached shows as missing instead of dropping out of the table.

A mutant is **caught** when a test failed on it (killed) or it made the tests run too long
(timeout: an endless loop is caught too). **Tried** counts every mutant that was run or found
no test; skipped mutants and those not checked yet (an interrupted run) are left out of the
share and counted as "not run".
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
HEADING = "## Mutation testing"
BEGIN, END = "<!-- mutation: begin -->", "<!-- mutation: end -->"
TARGET = 0.85

# mutmut's own reading of a test run's exit code (mutmut/stats.py, status_by_exit_code);
# any other code is "suspicious". Kept here so that this report needs no mutmut.
STATUS_BY_EXIT_CODE = {
    1: "killed", 3: "killed",  # 3: pytest's internal error, which mutmut counts as a kill
    0: "survived",
    5: "no tests", 33: "no tests",
    2: "interrupted",
    None: "not checked",
    34: "skipped",
    35: "suspicious",
    36: "timeout", 24: "timeout", -24: "timeout", 152: "timeout", 255: "timeout",
    37: "caught by type check",
    -11: "segfault", -9: "segfault",
}
CAUGHT = {"killed", "timeout", "caught by type check"}
NOT_TRIED = {"skipped", "not checked"}


def status(exit_code: int | None) -> str:
    """mutmut's name for a mutant's outcome.

    >>> status(1), status(0), status(36), status(None), status(99)
    ('killed', 'survived', 'timeout', 'not checked', 'suspicious')
    """
    return STATUS_BY_EXIT_CODE.get(exit_code, "suspicious")


@dataclass
class Tally:
    """One module's mutants, by outcome."""

    module: str
    counts: dict[str, int]
    survivors: list[str]
    missing: bool = False

    def count(self, *names: str) -> int:
        return sum(self.counts.get(name, 0) for name in names)

    @property
    def tried(self) -> int:
        return sum(n for name, n in self.counts.items() if name not in NOT_TRIED)

    @property
    def caught(self) -> int:
        return self.count(*CAUGHT)

    @property
    def share(self) -> float | None:
        return self.caught / self.tried if self.tried else None


def tally(module: str, exit_codes: dict[str, int | None]) -> Tally:
    """Count one module's mutants by outcome; the survivors are those no test caught
    (survived, no tests, suspicious, segfault).

    >>> t = tally("m.py", {"m.x_f__mutmut_1": 1, "m.x_f__mutmut_2": 0, "m.x_f__mutmut_3": 34})
    >>> t.tried, t.caught, t.survivors
    (2, 1, ['m.x_f__mutmut_2'])
    """
    counts: dict[str, int] = {}
    survivors = []
    for name, code in exit_codes.items():
        outcome = status(code)
        counts[outcome] = counts.get(outcome, 0) + 1
        if outcome not in CAUGHT | NOT_TRIED | {"interrupted"}:
            survivors.append(name)
    return Tally(module, counts, sorted(survivors, key=_natural))


def _natural(name: str) -> tuple:
    """Sort mutant names as a person reads them: ``..._mutmut_2`` before ``..._mutmut_10``."""
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name))


def modules_to_mutate(pyproject: Path) -> list[str]:
    """The modules of ``[tool.mutmut] only_mutate`` (paths from the repository root)."""
    config = tomllib.loads(pyproject.read_text("utf-8"))
    try:
        return list(config["tool"]["mutmut"]["only_mutate"])
    except KeyError:
        raise SystemExit(f"{pyproject}: no [tool.mutmut] only_mutate list of modules") from None


def read_meta(meta: Path) -> dict[str, int | None]:
    """A ``.meta`` file's outcome per mutant, with a message naming the file if it is not
    the JSON mutmut writes."""
    try:
        data = json.loads(meta.read_text("utf-8"))
        codes = data["exit_code_by_key"]
    except (json.JSONDecodeError, KeyError, TypeError) as error:
        raise SystemExit(f"{meta}: not a mutmut result file ({error!r}); run mutmut again "
                         "(make mutation)") from None
    if not isinstance(codes, dict):
        raise SystemExit(f"{meta}: exit_code_by_key is a {type(codes).__name__}, "
                         "expected an object of mutant name -> exit code")
    return codes


def collect(modules: list[str], mutants: Path) -> list[Tally]:
    """One tally per module, in the order given; a module without a ``.meta`` file is
    marked missing."""
    tallies = []
    for module in modules:
        meta = mutants / f"{module}.meta"
        if not meta.is_file():
            tallies.append(Tally(module, {}, [], missing=True))
            continue
        tallies.append(tally(module, read_meta(meta)))
    return tallies


def _percent(share: float | None) -> str:
    return "-" if share is None else f"{100 * share:.1f}%"


def table(tallies: list[Tally], target: float = TARGET) -> str:
    """The markdown table: one row per module and a total row.

    >>> print(table([tally("a.py", {"k": 1, "s": 0})]).splitlines()[2])
    | `a.py` | 2 | 1 | 0 | 1 | 0 | 0 | 50.0% | MISSED |
    """
    lines = ["| module | tried | killed | timeout | survived | no tests | not run "
             f"| caught | >= {100 * target:.0f}% |",
             "|---|---|---|---|---|---|---|---|---|"]
    for t in tallies:
        if t.missing:
            lines.append(f"| `{t.module}` | no results: mutmut did not reach it "
                         "| | | | | | | MISSED |")
            continue
        met = "met" if t.share is not None and t.share >= target else "MISSED"
        lines.append(f"| `{t.module}` | {t.tried} | {t.count('killed')} | "
                     f"{t.count('timeout')} | "
                     f"{t.count('survived', 'suspicious', 'segfault')} | "
                     f"{t.count('no tests')} | {t.count(*NOT_TRIED)} | {_percent(t.share)} "
                     f"| {met} |")
    present = [t for t in tallies if not t.missing]
    tried = sum(t.tried for t in present)
    caught = sum(t.caught for t in present)
    total = {name: sum(t.count(name) for t in present)
             for name in ("killed", "timeout", "no tests")}
    lived = sum(t.count("survived", "suspicious", "segfault") for t in present)
    skipped = sum(t.count(*NOT_TRIED) for t in present)
    share = caught / tried if tried else None
    lines.append(f"| all | {tried} | {total['killed']} | {total['timeout']} | {lived} "
                 f"| {total['no tests']} | {skipped} | {_percent(share)} | |")
    return "\n".join(lines)


def block(tallies: list[Tally], *, when: str, seconds: float | None,
          version: str | None, workers: int = 1) -> str:
    """The text written between the markers in RESULTS.md."""
    how = f"mutmut {version}" if version else "mutmut"
    command = "make mutation" + (f" JOBS={workers}" if workers > 1 else "")
    took = f", {seconds / 60:.0f} min wall time" if seconds else ""
    return "\n".join([
        BEGIN,
        f"Measured {when} with {how}, {workers} worker{'s' if workers > 1 else ''} "
        f"(`{command}`){took}.",
        "",
        table(tallies),
        END,
    ])


def write_block(results: Path, text: str) -> None:
    """Put ``text`` in place of the old block, or add the heading and the block at the end."""
    current = results.read_text("utf-8") if results.is_file() else "# Benchmark results\n"
    if BEGIN in current and END in current:
        start, end = current.index(BEGIN), current.index(END) + len(END)
        current = current[:start] + text + current[end:]
    else:
        current = current.rstrip("\n") + f"\n\n{HEADING}\n\n{text}\n"
    results.write_text(current, "utf-8")


def mutmut_version() -> str | None:
    from importlib import metadata
    try:
        return metadata.version("mutmut")
    except metadata.PackageNotFoundError:
        return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mutants", type=Path, default=ROOT / "mutants",
                        help="mutmut's working folder (default: mutants/)")
    parser.add_argument("--pyproject", type=Path, default=ROOT / "pyproject.toml")
    parser.add_argument("--write", action="store_true",
                        help=f"write the table into {RESULTS.relative_to(ROOT)}")
    parser.add_argument("--results", type=Path, default=RESULTS)
    parser.add_argument("--seconds", type=float, help="the run's wall time, for the note")
    parser.add_argument("--workers", type=int, default=1,
                        help="how many mutants mutmut ran at once, for the note")
    parser.add_argument("--survivors", action="store_true",
                        help="list the mutants no test caught, per module")
    args = parser.parse_args(argv)
    if not args.mutants.is_dir():
        print(f"No {args.mutants}: run mutmut first (make mutation)", file=sys.stderr)
        return 2
    tallies = collect(modules_to_mutate(args.pyproject), args.mutants)
    print(table(tallies))
    if args.survivors:
        for t in tallies:
            if t.survivors:
                print(f"\n{t.module}: {len(t.survivors)}")
                print("\n".join(f"  {name}" for name in t.survivors))
    if args.write:
        write_block(args.results, block(tallies, when=date.today().isoformat(),
                                        seconds=args.seconds, version=mutmut_version(),
                                        workers=args.workers))
        print(f"wrote {args.results}")
    return 0 if all(t.share is not None and t.share >= TARGET for t in tallies) else 1


if __name__ == "__main__":
    sys.exit(main())
