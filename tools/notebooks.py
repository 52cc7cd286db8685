"""Keep the lesson notebooks clean for git: no outputs, except expected text that nbval compares.

Usage (from the repository root, with the project's virtual environment):

    .venv/bin/python tools/notebooks.py strip     # drop outputs from every notebook
    .venv/bin/python tools/notebooks.py refresh   # run them, keep stdout of checked cells

Cells tagged ``nbval-check-output`` keep their printed (stdout) text: nbval compares
it on every test run, so it must be stored. Nothing else is kept, because widget and
figure outputs carry random ids and megabytes of state.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat

CHECK_TAG = "nbval-check-output"
NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"


def keep_checked_text(nb: nbformat.NotebookNode, executed: nbformat.NotebookNode | None) -> None:
    """Clear outputs in place; checked cells get the stdout streams of ``executed``."""
    ran = {c.get("id"): c for c in executed.cells} if executed is not None else {}
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        if CHECK_TAG in cell.metadata.get("tags", []):
            # nbval only compares cells that look run, so these keep a run count.
            source = ran.get(cell.get("id"), cell)
            cell.outputs = [o for o in source.get("outputs", [])
                            if o.output_type == "stream" and o.name == "stdout"]
            cell.execution_count = source.get("execution_count") or 1
        else:
            cell.outputs = []
            cell.execution_count = None


def main(command: str) -> int:
    if command not in {"strip", "refresh"}:
        print(__doc__)
        return 2
    for path in sorted(NOTEBOOKS.rglob("*.ipynb")):
        if ".ipynb_checkpoints" in path.parts:
            continue
        nb = nbformat.read(path, as_version=4)
        executed = None
        if command == "refresh":
            from nbclient import NotebookClient

            executed = nbformat.read(path, as_version=4)
            NotebookClient(executed, timeout=600, resources={
                "metadata": {"path": str(path.parent)}}).execute()
        keep_checked_text(nb, executed)
        nbformat.write(nb, path)
        print(f"{command}: {path.relative_to(NOTEBOOKS.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else ""))
