"""What a learner checks first: are the right versions installed, and do widgets work here?"""

from __future__ import annotations

import platform
from importlib import metadata

import ipywidgets as widgets
import pandas as pd

from .display import Explorer

__all__ = ["environment_report", "WidgetCheck"]

DISTRIBUTION = "two-chairs"


def _requirements() -> dict:
    # packaging is imported here, not with the package: only this check needs it.
    from packaging.requirements import Requirement

    try:
        declared = metadata.requires(DISTRIBUTION) or []
    except metadata.PackageNotFoundError:
        return {}
    found = {}
    for text in declared:
        req = Requirement(text)
        if req.marker is None:  # runtime needs only, not the test extra
            found[req.name] = req
    return found


def environment_report() -> pd.DataFrame:
    """One row per package the course needs: installed version, what the course asks, ok.

    >>> report = environment_report()
    >>> list(report.columns)
    ['package', 'installed', 'required', 'ok']
    >>> bool(report.loc[report.package == "pandas", "ok"].item())
    True
    """
    rows = [{"package": "python", "installed": platform.python_version(),
             "required": ">=3.11", "ok": tuple(map(int, platform.python_version_tuple()[:2]))
             >= (3, 11)}]
    for name, req in _requirements().items():
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            installed = None
        rows.append({
            "package": name,
            "installed": installed or "not installed",
            "required": str(req.specifier) or "any",
            "ok": installed is not None and req.specifier.contains(installed, prereleases=True),
        })
    return pd.DataFrame(rows, columns=["package", "installed", "required", "ok"])


class WidgetCheck(Explorer):
    """A button that counts clicks: if the count changes when you click, widgets work.

    >>> check = WidgetCheck()
    >>> check.button.click()
    >>> check.clicks, check.status.value
    (1, 'Widgets work: you clicked 1 time.')
    """

    def __init__(self) -> None:
        self.clicks = 0
        self.button = widgets.Button(description="Click me", icon="hand-pointer-o",
                                     tooltip="Click to check that widgets work")
        self.status = widgets.Label(value="Not clicked yet: click the button.")
        self.button.on_click(self._on_click)
        self.box = widgets.HBox([self.button, self.status])

    def _on_click(self, _button: widgets.Button) -> None:
        self.clicks += 1
        times = "time" if self.clicks == 1 else "times"
        self.status.value = f"Widgets work: you clicked {self.clicks} {times}."
