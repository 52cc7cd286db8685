"""Give this environment's JupyterLab the course's defaults: no news pop-up, no update check.

JupyterLab asks every new user "Would you like to get notified about official Jupyter
news?" in a pop-up that sits over the charts, and checks for updates over a network a
classroom often lacks. It reads default settings from every file in
``<prefix>/share/jupyter/lab/settings/overrides.d``; this script puts the course's file
(``jupyter_settings/two-chairs.json``) there for the Python that runs it. A learner's own
settings still win. ``make lab`` and ``make test`` run it, and so does Binder (``postBuild``).

Usage: ``python tools/lab_settings.py`` (prints where it wrote).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

SETTINGS = Path(__file__).resolve().parent.parent / "jupyter_settings" / "two-chairs.json"


def install(prefix: str | Path = sys.prefix) -> Path:
    target = Path(prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.d"
    target.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copyfile(SETTINGS, target / SETTINGS.name))


if __name__ == "__main__":
    print(f"JupyterLab course settings: {install()}")
