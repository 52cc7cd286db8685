"""A chart an explorer redraws in place: a small widget holding a plotly figure as JSON.

An explorer used to put each new figure into an ``Output`` area; JupyterLab's plotly renderer
then built a new chart and drew it three times (the chart, a hidden copy for a PNG, a redraw
after a resize): 180-250 ms a change. :class:`LiveFigure` keeps one chart in the page and
hands each new figure to ``Plotly.react``, which draws only what changed, once.

Its page code is a few KB. plotly.js itself is not sent through the kernel (as plotly's own
``FigureWidget`` does, 5 MB for every chart): the page reuses a plotly.js it already has, or
loads the one file the Jupyter server serves (``two_chairs_static``) once for
every chart of the page, from the browser's cache after the first time.
"""

from __future__ import annotations

import anywidget
import plotly.graph_objects as go
import traitlets

from two_chairs_static import SERVER_PATH, VOILA_PATH, plotly_version

from .style import UncheckedFigure, figure_json

__all__ = ["LiveFigure"]

# Runs in the page. window.__twoChairsPlotly holds the one load of plotly.js that every chart
# of the page waits on. The base URL comes from the page's own settings, so the chart finds
# plotly.js under a JupyterHub prefix (/user/alice/) as well as on a laptop.
_ESM = """
const VERSION = __VERSION__;
const SERVER_PATH = __SERVER_PATH__;
const VOILA_PATH = __VOILA_PATH__;

function plotlyUrls() {
  let config = {};
  const node = document.getElementById('jupyter-config-data');
  try { config = node ? JSON.parse(node.textContent) : {}; } catch (e) { config = {}; }
  let base = config.baseUrl || '/';
  if (!base.endsWith('/')) base += '/';
  // Standalone Voila (presenter mode) loads no server extension; it serves the file among
  // its template's static files instead. Voila inside a Jupyter server (/voila/render/ on a
  // hub) has the extension but maybe not the template: so each page tries the other too.
  const voila = String(config.appUrl || '').replace(/^\\//, '').startsWith('voila');
  const paths = voila ? [VOILA_PATH, SERVER_PATH] : [SERVER_PATH, VOILA_PATH];
  return paths.map(path => `${base}${path}?v=${encodeURIComponent(VERSION)}`);
}

function loadScript(url) {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = url;
    script.onload = () => window.Plotly ? resolve(window.Plotly) : reject(new Error(url));
    script.onerror = () => { script.remove(); reject(new Error(url)); };
    document.head.appendChild(script);
  });
}

function loadPlotly() {
  if (window.Plotly && window.Plotly.react) return Promise.resolve(window.Plotly);
  if (!window.__twoChairsPlotly) {
    const [first, second] = plotlyUrls();
    window.__twoChairsPlotly = loadScript(first).catch(() => loadScript(second)).catch(() => {
      window.__twoChairsPlotly = null;  // the next chart tries again
      throw new Error(
        `plotly.js did not load from ${first} or ${second}. The course's Jupyter server `
        + 'extension serves it: run "python tools/lab_settings.py" with the course\\'s Python, '
        + 'then restart JupyterLab (or Voila).');
    });
  }
  return window.__twoChairsPlotly;
}

function spec(model) {
  const figure = model.get('figure') || {};
  // A copy of the layout: plotly writes into it (autosize), and the model's copy must stay
  // as the kernel sent it.
  const layout = {...(figure.layout || {})};
  if (!layout.height) layout.height = 360;  // as JupyterLab's plotly renderer does
  return [figure.data || [], layout, figure.config || {}];
}

export default {
  render({ model, el }) {
    el.classList.add('two-chairs-chart');
    const chart = document.createElement('div');
    el.appendChild(chart);
    let Plotly = null, drawn = false, width = 0, closed = false;

    const draw = () => {
      if (closed || !Plotly) return;
      const [data, layout, config] = spec(model);
      if (config.staticPlot) {
        // Nothing in a static chart takes the keyboard, but its box scrolls sideways on a
        // narrow screen: the box itself is then the tab stop, named for a screen reader.
        el.tabIndex = 0;
        el.setAttribute('role', 'group');
        el.setAttribute('aria-label', (layout.meta && layout.meta.name) || 'Chart');
      }
      const done = drawn ? Plotly.react(chart, data, layout, config)
                         : Plotly.newPlot(chart, data, layout, config);
      drawn = true;
      width = el.clientWidth;
      return done;
    };
    // Drawn once the chart has a width (a chart drawn while hidden would be 700 px wide);
    // after that, only a real change of width redraws it, so drawing causes no second draw.
    const fit = () => {
      if (closed || !Plotly || el.clientWidth === 0) return;
      if (!drawn) draw();
      else if (el.clientWidth !== width) {
        width = el.clientWidth;
        Plotly.Plots.resize(chart).catch(() => {});
      }
    };
    const resized = new ResizeObserver(fit);
    const changed = () => { if (drawn) draw(); };
    model.on('change:figure', changed);

    loadPlotly().then((found) => {
      Plotly = found;
      resized.observe(el);
      fit();
    }).catch((error) => {
      const note = document.createElement('p');
      note.style.color = '#8B1A00';
      note.textContent = `The chart could not be drawn: ${error.message}`;
      el.replaceChildren(note);
    });

    return () => {
      closed = true;
      resized.disconnect();
      model.off('change:figure', changed);
      if (Plotly && drawn) Plotly.purge(chart);
    };
  }
};
"""


def _page_code() -> str:
    import json

    # plotly's version in the URL: a new plotly is a new URL, so a browser never keeps an old
    # plotly.js from its cache.
    return (_ESM.replace("__VERSION__", json.dumps(plotly_version()))
            .replace("__SERVER_PATH__", json.dumps(SERVER_PATH))
            .replace("__VOILA_PATH__", json.dumps(VOILA_PATH)))


class LiveFigure(anywidget.AnyWidget):
    """One plotly chart that an explorer redraws in place: set :meth:`show` (or
    ``figure``, the figure as plotly JSON) and the page applies it with ``Plotly.react``.

    >>> chart = LiveFigure()
    >>> chart.show(go.Figure(go.Scatter(x=[1, 2], y=[3, 4])))
    >>> chart.figure["data"][0]["y"]
    [3, 4]
    >>> chart.figure["config"]["displaylogo"]
    False
    """

    _esm = _page_code()
    figure = traitlets.Dict().tag(sync=True)

    def show(self, fig: go.Figure | UncheckedFigure, *, static: bool = False) -> None:
        """Show ``fig`` with the course's chart settings (tools, responsive width); a
        ``static`` chart has no tools, no hover and takes no clicks (an explorer's legend).

        A figure equal to the one shown sends nothing to the page, so it is not redrawn.
        """
        spec = fig.spec() if isinstance(fig, UncheckedFigure) else figure_json(fig)
        if static:
            spec["config"] = {**spec["config"], "staticPlot": True}
        self.figure = spec
