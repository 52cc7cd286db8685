"""Give this environment's JupyterLab the course's defaults: no news pop-up, no update check,
and keys pressed in an explorer stay in the explorer.

JupyterLab asks every new user "Would you like to get notified about official Jupyter
news?" in a pop-up that sits over the charts, and checks for updates over a network a
classroom often lacks. It reads default settings from every file in
``<prefix>/share/jupyter/lab/settings/overrides.d``; this script puts the course's file
(``jupyter_settings/two-chairs.json``) there for the Python that runs it. A learner's own
settings still win. ``make lab`` and ``make test`` run it, and so does Binder (``postBuild``).

JupyterLab's command-mode shortcuts (arrow keys, J, K, A, B, D D, ...) fire for any focused
element in a notebook that is not a text box, so the down arrow on an explorer's menu
moved to the next cell instead of choosing the next item. For each such shortcut in this
JupyterLab's own schema, the course's settings switch the shortcut off and put it back
for everything outside a widget (``:not(.jupyter-widgets *)``).

On a narrow screen (a phone or a small tablet) the file browser would leave the notebook
62 px of a 390 px screen; the course's small JupyterLab plugin
(``jupyter_settings/narrow-screen``) closes it when the course opens there. It is copied to
``<prefix>/share/jupyter/labextensions``, where JupyterLab finds prebuilt extensions.

It also switches on the course's Jupyter server extension, which serves plotly.js to the
explorers' live charts as one cached file, and gives Voila (presenter mode) the same file
(:func:`two_chairs_static.install`).

Usage: ``python tools/lab_settings.py`` (prints where it wrote).
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

SETTINGS = Path(__file__).resolve().parent.parent / "jupyter_settings" / "two-chairs.json"
NARROW_SCREEN = SETTINGS.parent / "narrow-screen"


COMMAND_MODE = ".jp-Notebook.jp-mod-commandMode:not(.jp-mod-readWrite) :focus"
OUTSIDE_WIDGETS = ":not(.jupyter-widgets *)"
NOTEBOOK_SCHEMA = ("share/jupyter/lab/schemas/@jupyterlab/notebook-extension/tracker.json")


def widget_safe_shortcuts(schema: dict) -> list[dict]:
    """Each command-mode shortcut of the schema switched off, then put back outside widgets.

    >>> widget_safe_shortcuts({"jupyter.lab.shortcuts": [
    ...     {"command": "notebook:move-cursor-down", "keys": ["ArrowDown"],
    ...      "selector": COMMAND_MODE}]})[1]["selector"].endswith(OUTSIDE_WIDGETS)
    True
    """
    shortcuts = []
    for binding in schema.get("jupyter.lab.shortcuts", []):
        if binding.get("selector") != COMMAND_MODE or not binding.get("keys"):
            continue
        base = {"command": binding["command"], "keys": binding["keys"]}
        if "args" in binding:
            base["args"] = binding["args"]
        shortcuts.append({**base, "selector": COMMAND_MODE, "disabled": True})
        shortcuts.append({**base, "selector": COMMAND_MODE + OUTSIDE_WIDGETS})
    return shortcuts


def install(prefix: str | Path = sys.prefix) -> Path:
    target = Path(prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.d"
    target.mkdir(parents=True, exist_ok=True)
    settings = json.loads(SETTINGS.read_text("utf-8"))
    schema = Path(prefix) / NOTEBOOK_SCHEMA
    if schema.is_file():  # JupyterLab is installed here: its own shortcuts, made widget-safe
        settings["@jupyterlab/shortcuts-extension:shortcuts"] = {
            "shortcuts": widget_safe_shortcuts(json.loads(schema.read_text("utf-8")))}
    written = target / SETTINGS.name
    written.write_text(json.dumps(settings, indent=2) + "\n", "utf-8")
    return written


def install_narrow_screen(prefix: str | Path = sys.prefix) -> Path:
    """Copy the narrow-screen plugin where JupyterLab looks for prebuilt extensions."""
    name = json.loads((NARROW_SCREEN / "package.json").read_text("utf-8"))["name"]
    target = Path(prefix) / "share" / "jupyter" / "labextensions" / name
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(NARROW_SCREEN, target)
    return target


def install_plotly_static(prefix: str | Path = sys.prefix) -> list[Path]:
    # The course's own package; imported here so that the settings above need none of it.
    sys.path.insert(0, str(SETTINGS.parent.parent))
    from two_chairs_static import install as install_static

    return install_static(prefix)


if __name__ == "__main__":
    print(f"JupyterLab course settings: {install()}")
    print(f"closes the file browser on a narrow screen: {install_narrow_screen()}")
    for written in install_plotly_static():
        print(f"plotly.js for the live charts: {written}")
