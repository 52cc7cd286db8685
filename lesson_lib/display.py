"""Putting figures into widget areas without printing and without a CDN, and the small
base every explorer shares."""

from __future__ import annotations

import html
from collections.abc import Callable

import ipywidgets as widgets
import plotly.graph_objects as go

from .accessible import AccessibleControls
from .live_figure import LiveFigure
from .style import PLOTLY_MIME, UncheckedFigure, figure_json, narrow_screen_css

__all__ = ["figure_bundle", "show_figure", "notice_html", "counted", "stacked", "Explorer"]


def figure_bundle(fig: go.Figure) -> dict:
    """The figure as a display_data output: JupyterLab's plotly renderer draws it locally."""
    return {"output_type": "display_data", "metadata": {},
            "data": {PLOTLY_MIME: figure_json(fig), "text/plain": "<plotly figure>"}}


def show_figure(chart: LiveFigure, fig: go.Figure | UncheckedFigure) -> None:
    """Show ``fig`` in an explorer's ``chart``, redrawn in place in the page (no print, no
    network, works in tests).

    >>> chart = LiveFigure()
    >>> show_figure(chart, go.Figure(layout={"title": "A"}))
    >>> chart.figure["layout"]["title"]["text"]
    'A'
    """
    if not isinstance(chart, LiveFigure):
        raise TypeError(f"show_figure draws into a LiveFigure (lesson_lib.live_figure), "
                        f"not a {type(chart).__name__}: an explorer's chart is made with "
                        "LiveFigure() so that the page can redraw it in place")
    chart.show(fig)


def notice_html(message: str) -> str:
    """A message for the learner (saving trouble, a set-aside file), escaped; "" for none."""
    if not message:
        return ""
    return f"<p style='color:#8B1A00'>{html.escape(message)}</p>"


def counted(area: widgets.Textarea, count: Callable[[str], str]) -> widgets.VBox:
    """``area`` with a line under it that shows ``count(text)`` (a note's words), kept up
    to date as the learner's text reaches the kernel."""
    line = widgets.HTML(_count_html(count(area.value)))
    area.observe(lambda change: setattr(line, "value", _count_html(count(change["new"]))),
                 names="value")
    return widgets.VBox([area, line], layout=widgets.Layout(width="100%"))


def _count_html(text: str) -> str:
    return f"<small style='color:#444'>{html.escape(text)}</small>"


def _widgets_under(widget: widgets.Widget) -> list[widgets.Widget]:
    found, stack = [], [widget]
    while stack:
        current = stack.pop()
        found.append(current)
        stack.extend(getattr(current, "children", ()))
    return found


# A control's own label is short and its full name sits above it, so the control keeps its
# width on a 390 px phone instead of giving most of it to a long label.
SHORT_LABEL = {"description_width": "56px"}
FULL_WIDTH = {"width": "100%", "max_width": "560px"}


def stacked(name: str, control: widgets.Widget) -> widgets.VBox:
    """``control`` under its full ``name``; the name is also the control's tooltip.

    >>> box = stacked("Memory (share kept each year)", widgets.FloatSlider(description="share"))
    >>> box.children[1].tooltip
    'Memory (share kept each year)'
    """
    control.tooltip = name
    title = widgets.HTML(f"<span style='font-size:95%'>{html.escape(name)}</span>")
    return widgets.VBox([title, control], layout=widgets.Layout(**FULL_WIDTH))


FOCUS_CLASS = "two-chairs-explorer"
# The class twice: ipywidgets' own "outline: none !important" on text boxes is one element
# more specific than a single class.
FOCUS_STYLE = (f"<style>.{FOCUS_CLASS}.{FOCUS_CLASS} :focus-visible, "
               f".{FOCUS_CLASS}.{FOCUS_CLASS} :focus "
               "{outline: 3px solid #0B57D0 !important; outline-offset: 2px;} "
               f"{narrow_screen_css('.' + FOCUS_CLASS)} "
               # A long answer option wraps onto more lines instead of printing over the
               # next one (ipywidgets gives each radio label one line's height).
               f".{FOCUS_CLASS} .widget-radio-box label {{display: flex; height: auto; gap: 0.4em;"
               " flex-direction: row-reverse; justify-content: flex-end;"
               " white-space: normal; align-items: flex-start; line-height: 1.35;"
               " padding: 2px 0;}"
               f" .{FOCUS_CLASS} .widget-radio-box input {{margin-top: 0.2em;}}"
               # A table in a widget gets none of JupyterLab's table styles: without space
               # its headers read as one word ("yearpoliticaleconomicsecurity").
               f" .{FOCUS_CLASS} table th, .{FOCUS_CLASS} table td {{padding: 2px 10px;"
               " text-align: left; border-bottom: 1px solid #d0d0d0;}"
               # A range's readout ("1990 – 2025") is wider than ipywidgets' fixed box.
               f" .{FOCUS_CLASS} .widget-readout {{min-width: 7.5em; overflow: visible;}}"
               # A button's words wrap on a narrow screen instead of ending in "…".
               f" .{FOCUS_CLASS} .jupyter-button {{height: auto; min-height: var("
               "--jp-widgets-inline-height); white-space: normal; overflow: visible;}"
               f" .{FOCUS_CLASS} .widget-checkbox {{height: auto;}}"
               f" .{FOCUS_CLASS} .widget-checkbox .widget-label-basic,"
               f" .{FOCUS_CLASS} .widget-checkbox .widget-label-basic span"
               " {white-space: normal; overflow: visible; height: auto;}"
               "</style>")


class Explorer:
    """What every course widget shares: its controls live in ``self.box``, it shows itself
    as the last expression of a cell, and ``close()`` ends it.

    Subclasses build ``self.box`` in ``__init__`` and keep their logic in pure functions.

    >>> class Hello(Explorer):
    ...     def __init__(self):
    ...         self.box = widgets.VBox([widgets.Label("hello")])
    >>> hello = Hello()
    >>> "application/vnd.jupyter.widget-view+json" in hello._repr_mimebundle_()
    True
    >>> hello.close(); hello.closed
    True
    """

    box: widgets.Box
    closed: bool = False

    def _repr_mimebundle_(self, **kwargs):
        if FOCUS_CLASS not in self.box._dom_classes:
            # A clear focus ring on every control, so a keyboard user sees where they are
            # (JupyterLab's own ring on widgets is faint); charts keep a readable width.
            self.box.add_class(FOCUS_CLASS)
            self.box.children = (widgets.HTML(FOCUS_STYLE),
                                 AccessibleControls(layout=widgets.Layout(display="none")),
                                 *self.box.children)
        return self.box._repr_mimebundle_(**kwargs)

    def close(self) -> None:
        """Close every control of this explorer; it stops responding and leaves the page."""
        for widget in _widgets_under(self.box):
            widget.close()
        self.closed = True
