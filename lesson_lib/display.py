"""Putting figures into widget areas without printing and without a CDN."""

from __future__ import annotations

import json

import ipywidgets as widgets
import plotly.graph_objects as go
import plotly.io as pio

__all__ = ["figure_bundle", "show_figure"]

PLOTLY_MIME = "application/vnd.plotly.v1+json"


def figure_bundle(fig: go.Figure) -> dict:
    """The figure as a display_data output: JupyterLab's plotly renderer draws it locally."""
    spec = json.loads(pio.to_json(fig, validate=False))
    spec["config"] = {"displaylogo": False, "responsive": True}
    return {"output_type": "display_data", "metadata": {},
            "data": {PLOTLY_MIME: spec, "text/plain": "<plotly figure>"}}


def show_figure(area: widgets.Output, fig: go.Figure) -> None:
    """Replace what ``area`` shows with ``fig`` (no print, no network, works in tests)."""
    area.outputs = (figure_bundle(fig),)

