"""Build the reading copies: a static site of the executed lessons (``make html``).

Every figure stays interactive without a kernel and without any request outside the
site: plotly.js is copied once into the site, each figure becomes a div drawn by it,
and nbconvert's template is trimmed of every script it would fetch from a CDN.
Widget explorers need a kernel, so their place says so; a lesson's self-check works in the
page, as plain HTML and a little script.

Usage: ``.venv/bin/python tools/reading_copies.py [DEST]`` (default: ``site``).
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import sys
from importlib import resources
from pathlib import Path

import nbformat
import plotly.io as pio
from nbclient import NotebookClient
from nbconvert import HTMLExporter

from lesson_lib.checks.static_quiz import static_quiz_html
from lesson_lib.style import NARROWEST_CHART_PX, narrow_screen_css

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
TEMPLATES = Path(__file__).resolve().parent / "reading_template"
PLOTLY_MIME = "application/vnd.plotly.v1+json"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
WIDGET_NOTE = ("<p class='two-chairs-widget'><i>An interactive explorer stands here in the "
               "lesson. Open the lesson in JupyterLab to use it.</i></p>")


QUIZ_CALL = re.compile(r'Quiz\("(\d\d)"')


def static_outputs(notebook: nbformat.NotebookNode, stem: str) -> int:
    """Turn plotly outputs into self-drawing divs, a self-check into a working HTML one, and
    other widget outputs into a note; count figures."""
    figures = 0
    for cell in notebook.cells:
        quiz = QUIZ_CALL.search(cell.source) if cell.cell_type == "code" else None
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if PLOTLY_MIME in data:
                figures += 1
                div = pio.to_html(data[PLOTLY_MIME], include_plotlyjs=False, full_html=False,
                                  div_id=f"{stem}-figure-{figures}",
                                  config={"displaylogo": False, "responsive": True})
                output["data"] = {"text/html": div}
            elif WIDGET_MIME in data:
                output["data"] = {"text/html": static_quiz_html(quiz.group(1)) if quiz
                                  else WIDGET_NOTE}
    return figures


def build(dest: Path) -> dict[str, int]:
    """Execute every lesson, write one HTML page each plus an index; return figures per page."""
    dest.mkdir(parents=True, exist_ok=True)
    plotly_js = resources.files("plotly") / "package_data" / "plotly.min.js"
    (dest / "plotly.min.js").write_bytes(plotly_js.read_bytes())
    exporter = HTMLExporter(template_name="reading", extra_template_basedirs=[str(TEMPLATES)])
    os.environ["TWO_CHAIRS_PROGRESS"] = "off"  # building pages must not record quiz progress
    manifest, items = {}, []
    for path in sorted(NOTEBOOKS.glob("0*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        NotebookClient(notebook, timeout=600, store_widget_state=False,
                       resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()
        figures = static_outputs(notebook, path.stem)
        body, _ = exporter.from_notebook_node(notebook, resources={
            "metadata": {"name": path.stem}, "narrow_screen_css": narrow_screen_css("body"),
            "narrowest_chart_px": NARROWEST_CHART_PX})
        page = f"{path.stem}.html"
        (dest / page).write_text(body, "utf-8")
        manifest[page] = figures
        title = next((c.source.splitlines()[0].lstrip("# ") for c in notebook.cells
                      if c.cell_type == "markdown"), path.stem)
        items.append(f'<li><a href="{page}">{html.escape(title)}</a></li>')
    (dest / "index.html").write_text(
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Two Chairs: "
        "reading copies</title></head><body><h1>Two Chairs: reading copies</h1><p>The "
        "lessons as read-only pages: every figure is interactive, nothing needs a kernel "
        "or a network.</p><ul>" + "".join(items) + "</ul></body></html>\n", "utf-8")
    (dest / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n", "utf-8")
    return manifest


def main(argv: list[str]) -> int:
    dest = Path(argv[0]) if argv else ROOT / "site"
    if dest.exists():
        shutil.rmtree(dest)
    manifest = build(dest)
    for page, figures in manifest.items():
        print(f"{dest / page}: {figures} figures")
    print(f"Open {dest / 'index.html'} in a browser.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
