"""Colours, marker shapes and the look (a template) shared by every figure.

Colours come from the Okabe-Ito palette, which stays distinguishable with the
common forms of colour blindness; every category also has its own marker shape
or line dash, so nothing is told by colour alone. The words shown for each coded
value are the schema's labels (:func:`lesson_lib.course.labels`): this module keeps
only how things look.
"""

from __future__ import annotations

import functools
import json
from importlib import resources

import plotly.graph_objects as go

from .course import labels

__all__ = ["CATEGORY_STYLE", "TRACK_LABELS", "TRACK_TITLES", "TILT_LABELS", "FONT", "ERA_FILL",
           "course_template", "course_figure", "UncheckedFigure", "figure_json", "figure_spec",
           "PLOTLY_MIME",
           "NARROWEST_CHART_PX", "narrow_screen_css"]

OKABE_ITO = {
    "orange": "#E69F00", "sky_blue": "#56B4E9", "green": "#009E73", "yellow": "#F0E442",
    "blue": "#0072B2", "vermillion": "#D55E00", "purple": "#CC79A7", "black": "#000000",
}

# category -> (colour, plotly marker symbol); the label comes from the schema.
_CATEGORY_LOOK = {
    "security": (OKABE_ITO["vermillion"], "diamond"),
    "political": (OKABE_ITO["blue"], "circle"),
    "economic": (OKABE_ITO["green"], "square"),
    "diplomatic": (OKABE_ITO["purple"], "triangle-up"),
}
# category -> (label, colour, symbol), in the schema's order.
CATEGORY_STYLE = {value: (label, *_CATEGORY_LOOK[value])
                  for value, label in labels("events", "category").items()}
TRACK_LABELS = labels("events", "track")
# The same tracks named in full, for text summaries and screen readers.
TRACK_TITLES = labels("events", "track", "titles")
TILT_LABELS = labels("events", "tilt")

# Large enough to read on a projector from the back of a classroom.
FONT = {"family": "Arial, Helvetica, sans-serif", "size": 14}
ERA_FILL = ("rgba(0, 114, 178, 0.07)", "rgba(230, 159, 0, 0.08)")

# The narrowest a chart is drawn: every figure's labels are checked at this width. In a
# narrower window (a phone) the chart keeps it and its box scrolls sideways, so its words
# stay readable instead of printing over each other.
NARROWEST_CHART_PX = 600


def narrow_screen_css(scope: str) -> str:
    """CSS that keeps every plotly chart under ``scope`` at least
    :data:`NARROWEST_CHART_PX` wide, in a box that scrolls sideways when the window is
    narrower.

    >>> "min-width: 600px" in narrow_screen_css(".lesson")
    True
    """
    return (f"{scope} .js-plotly-plot {{min-width: {NARROWEST_CHART_PX}px;}} "
            f"{scope} .jp-OutputArea-output, {scope} .widget-output, {scope} .two-chairs-chart, "
            f"{scope} .jp-RenderedHTMLCommon:has(.js-plotly-plot) {{overflow-x: auto;}}")


@functools.cache
def course_template() -> go.layout.Template:
    """plotly_white's settings for flat charts, and nothing else (built on first use).

    Naming a registered template makes plotly copy all of it (3D scenes, polar and
    ternary axes, colour scales) into every figure: about 9 ms and 7 KB each time an
    explorer redraws. The course only draws flat charts and a map whose every layer is
    set by hand, so this keeps just the parts those use. It is built with the first
    figure, not on import, and read from plotly's template file rather than through
    ``plotly.io``, whose import also imports nbformat and with it jsonschema: about a
    second in a JupyterLab environment.
    """
    raw = (resources.files("plotly") / "package_data" / "templates" / "plotly_white.json")
    light = json.loads(raw.read_text("utf-8"))["layout"]
    keep = ("autotypenumbers", "colorway", "font", "hovermode", "hoverlabel", "paper_bgcolor",
            "plot_bgcolor", "xaxis", "yaxis", "shapedefaults", "annotationdefaults")
    return go.layout.Template(layout={key: light[key] for key in keep if key in light})


PLOTLY_MIME = "application/vnd.plotly.v1+json"


# Only the tools a learner needs (zoom, pan, reset, save as picture): selection tools and
# links to cloud services mean nothing here and each adds a Tab stop.
PLOTLY_CONFIG = {
    "displaylogo": False, "responsive": True,
    "modeBarButtonsToRemove": ["select2d", "lasso2d", "sendDataToCloud", "sendChartToCloud",
                               "editInChartStudio",
                               "toggleSpikelines", "hoverClosestCartesian",
                               "hoverCompareCartesian", "autoScale2d"],
}


def figure_json(fig: go.Figure) -> dict:
    """The figure as plain JSON data (numbers, dates and NaN as plotly writes them),
    without importing ``plotly.io``."""
    from _plotly_utils.utils import PlotlyJSONEncoder

    return _with_config(json.loads(json.dumps(fig.to_plotly_json(), cls=PlotlyJSONEncoder)))


def figure_spec(data: list[dict], layout: dict) -> dict:
    """What :func:`figure_json` gives for ``course_figure(data, layout)``, made without
    plotly's figure: for an explorer's redraw, whose figures the tests compare with the
    checked ones. Building the figure and reading it back was most of a redraw's time in
    the kernel once the traces were made (the timeline's dates 10 ms of 12, the map 5 of 7).

    >>> spec = figure_spec([{"type": "bar", "y": [1, 2]}], {"height": 300})
    >>> spec["data"][0]["y"], spec["layout"]["height"], "template" in spec["layout"]
    ([1, 2], 300, True)
    """
    return _with_config(json.loads(json.dumps(
        {"data": data, "layout": {**layout, "template": _template_json()}},
        cls=_spec_encoder())))


def _with_config(spec: dict) -> dict:
    spec["config"] = {**PLOTLY_CONFIG,
                      "modeBarButtonsToRemove": list(PLOTLY_CONFIG["modeBarButtonsToRemove"])}
    return spec


@functools.cache
def _template_json() -> dict:
    return course_template().to_plotly_json()


@functools.cache
def _spec_encoder() -> type:
    """plotly's JSON encoder, writing a numpy array as plotly's figure does: packed bytes
    (a typed array), which plotly.js reads at once, instead of a list of numbers."""
    import numpy as np
    from _plotly_utils.utils import PlotlyJSONEncoder, to_typed_array_spec

    class SpecEncoder(PlotlyJSONEncoder):
        def default(self, obj):
            if isinstance(obj, np.ndarray):
                typed = to_typed_array_spec(obj)
                if isinstance(typed, dict):
                    return typed
            return super().default(obj)

    return SpecEncoder


@functools.cache
def _figure_class() -> type:
    """The course's figure class, made at the first figure: subclassing ``go.Figure`` loads
    plotly's figure machinery (and narwhals with it), about 30 ms a kernel's start need
    not pay."""

    class Figure(go.Figure):
        """A plotly figure (``go.Figure`` in every way) that shows itself in a notebook the way
        the explorers do. It keeps plotly's class name, so ``type(fig).__name__`` still reads
        "Figure" where a check looks for it.

        plotly's own display goes through ``plotly.io``, which imports nbformat and jsonschema
        (about a second the first time, in every learner's kernel). This sends the same
        plotly mime bundle JupyterLab, Voila and the reading copies draw, directly.
        """

        def _repr_mimebundle_(self, include=None, exclude=None, **kwargs):
            return {PLOTLY_MIME: figure_json(self), "text/plain": "<plotly figure>"}

        def _ipython_display_(self):
            from IPython.display import display

            display(self._repr_mimebundle_(), raw=True)

    Figure.__qualname__ = "Figure"  # pickling finds it as lesson_lib.style.Figure
    return Figure


def __getattr__(name: str):
    # ``lesson_lib.style.Figure`` still names the class; it is made on first use.
    if name == "Figure":
        return _figure_class()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def course_figure(data=None, layout: dict | None = None, *,
                  checked: bool = True) -> go.Figure | UncheckedFigure:
    """A figure with the course's look, holding ``data`` (traces) and ``layout``.

    Give the layout here rather than through ``update_layout`` afterwards: plotly
    checks it once either way, but the update path costs about 10 ms more per figure,
    which an explorer pays on every redraw.

    ``checked=False`` is for an explorer's redraw only: plotly neither checks the figure
    nor builds it (:class:`UncheckedFigure`), and the tests compare these figures with the
    checked ones. A figure a learner gets is always checked, so a misspelt property in
    their own ``update_layout`` still gets plotly's message.

    >>> fig = course_figure(layout={"height": 300})
    >>> fig.layout.height, fig.layout.template.layout.plot_bgcolor
    (300, 'white')
    """
    if not checked:
        return UncheckedFigure(list(data or []), dict(layout or {}))
    return _figure_class()(data, layout={**(layout or {}), "template": course_template()})


class UncheckedFigure:
    """An explorer's figure as its traces and layout (plain dicts), sent to the page as
    JSON without building plotly's figure (:func:`figure_spec`): building it and reading it
    back was most of a redraw's time in the kernel (the timeline's 10 ms of 12).

    Read like a plotly figure (``fig.layout.title.text``, ``fig.data``), it builds the
    checked figure on first use, so a learner who looks into an explorer's chart gets
    plotly's figure and plotly's messages.

    >>> fig = course_figure([{"type": "bar", "y": [1, 2]}], {"title": {"text": "A"}},
    ...                     checked=False)
    >>> fig.spec()["data"][0]["y"], fig.layout.title.text
    ([1, 2], 'A')
    """

    def __init__(self, traces: list[dict], layout: dict) -> None:
        self.traces, self.layout_settings = traces, layout
        self._checked: go.Figure | None = None

    def spec(self) -> dict:
        """The figure as plotly JSON with the course's settings, for the page."""
        return figure_spec(self.traces, self.layout_settings)

    def checked(self) -> go.Figure:
        """The same figure, built and checked by plotly (once)."""
        if self._checked is None:
            self._checked = course_figure(self.traces, self.layout_settings)
        return self._checked

    def __getattr__(self, name: str):
        # Only a name this class lacks comes here: plotly's (data, layout, to_dict, ...).
        if name.startswith("__") or name in ("traces", "layout_settings", "_checked"):
            raise AttributeError(name)
        return getattr(self.checked(), name)
