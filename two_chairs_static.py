"""plotly.js as one static file the browser caches, for the course's live charts.

The explorers' charts (``lesson_lib.live_figure.LiveFigure``) draw with plotly.js in the
page. plotly's own ``FigureWidget`` sends its 5 MB copy of plotly.js through the kernel's
websocket for every chart; here the server that shows the page serves plotly's own
``plotly.min.js`` as a static file, and the charts ask for it with plotly's version in the
query (``?v=7.1.0``), which Jupyter's and Voila's static handlers (tornado's) answer with a
ten-year cache. A browser downloads it once per plotly version, and every chart of every
page shares it.

Where it is served, once :func:`install` has run for the environment (``tools/lab_settings.py``
runs it: ``make lab``, ``make test``, Binder's ``postBuild``):

- JupyterLab, Notebook 7, a JupyterHub single-user server in the same environment:
  ``{base_url}two-chairs/static/plotly.min.js``, by this module as a Jupyter server extension
  (switched on by ``jupyter_server_config.d/two-chairs.json``). It sends the file gzipped
  (4.8 MB becomes 1.5 MB) with a year's cache when asked with this plotly's version.
- Voila (``make present``): the standalone ``voila`` command loads no server extension, but it
  serves the static files of its template. The course's template (``two_chairs``) gets
  plotly's folder of page files as its static folder in the environment, served (with
  tornado's ten-year cache for a ``?v=`` URL) at ``{base_url}voila/static/plotly.min.js``.
  A link to the file alone would not do: Voila's static handler refuses a link that leads
  out of the folder it serves.
"""

from __future__ import annotations

import functools
import gzip
import json
import shutil
from importlib import resources
from pathlib import Path

__all__ = ["SERVER_PATH", "VOILA_PATH", "plotly_js", "plotly_version", "install"]

SERVER_PATH = "two-chairs/static/plotly.min.js"  # after the server's base URL
VOILA_PATH = "voila/static/plotly.min.js"
# Its own small module, not part of lesson_lib: every Jupyter server process loads it, and
# importing lesson_lib would bring pandas into each (about 55 MB and 0.4 s per learner).
EXTENSION = "two_chairs_static"
VOILA_TEMPLATE = "two_chairs"  # presenter/voila/templates/two_chairs
CONFIG_NAME = "two-chairs.json"
# A year, and "immutable": the URL carries plotly's version, so a new plotly is a new URL.
LONG_CACHE = "public, max-age=31536000, immutable"


def plotly_js() -> Path:
    """plotly's own plotly.min.js, the one its ``include_plotlyjs`` writes into pages."""
    return Path(str(resources.files("plotly") / "package_data" / "plotly.min.js"))


@functools.cache
def plotly_version() -> str:
    """The plotly package's version, which names the plotly.js it ships.

    >>> plotly_version().split(".")[0].isdigit()
    True
    """
    from importlib.metadata import version

    return version("plotly")


@functools.cache
def _body(compressed: bool) -> bytes:
    raw = plotly_js().read_bytes()
    # Compressed once per server, not once per request.
    return gzip.compress(raw, compresslevel=6, mtime=0) if compressed else raw


def _handler_class():
    from tornado import web

    class PlotlyJSHandler(web.RequestHandler):
        """plotly.min.js: gzipped when the browser accepts it, cached for a year when asked
        for with this plotly's version (``?v=``), otherwise revalidated by its ETag."""

        def get(self) -> None:
            self._send(with_body=True)

        def head(self) -> None:
            self._send(with_body=False)

        def _send(self, with_body: bool) -> None:
            compressed = "gzip" in self.request.headers.get("Accept-Encoding", "")
            current = self.get_argument("v", "") == plotly_version()
            self.set_header("Content-Type", "text/javascript; charset=utf-8")
            self.set_header("Vary", "Accept-Encoding")
            self.set_header("Cache-Control", LONG_CACHE if current else "no-cache")
            self.set_header("Etag", f'"plotly-{plotly_version()}-{"gz" if compressed else "js"}"')
            if self.check_etag_header():
                self.set_status(304)
                return
            body = _body(compressed)
            if compressed:
                self.set_header("Content-Encoding", "gzip")
            self.set_header("Content-Length", str(len(body)))
            if with_body:
                self.write(body)

        def compute_etag(self):
            return None  # set above from the version, instead of hashing 5 MB per request

    return PlotlyJSHandler


def handlers(base_url: str = "/") -> list[tuple]:
    """The one route: ``{base_url}two-chairs/static/plotly.min.js``."""
    return [(base_url.rstrip("/") + "/" + SERVER_PATH.replace(".", r"\."), _handler_class())]


def _jupyter_server_extension_points() -> list[dict]:
    return [{"module": EXTENSION}]


def _load_jupyter_server_extension(serverapp) -> None:
    serverapp.web_app.add_handlers(".*$", handlers(serverapp.base_url))
    serverapp.log.info("Two Chairs: plotly.js for the live charts at %s%s",
                       serverapp.base_url, SERVER_PATH)


def voila_static_folder(prefix: str | Path) -> Path:
    """The static folder of the course's Voila template in the environment at ``prefix``."""
    return Path(prefix) / "share" / "jupyter" / "voila" / "templates" / VOILA_TEMPLATE / "static"


def _link_folder(link: Path, folder: Path) -> Path:
    link.parent.mkdir(parents=True, exist_ok=True)
    if link.is_symlink() or link.is_file():
        link.unlink()
    elif link.is_dir():
        shutil.rmtree(link)
    try:
        link.symlink_to(folder, target_is_directory=True)
    except OSError:  # no symbolic links (Windows without developer mode): a copy of the one
        # file, which tools/lab_settings.py renews whenever the environment is reinstalled
        link.mkdir()
        shutil.copyfile(folder / plotly_js().name, link / plotly_js().name)
    return link


def install(prefix: str | Path) -> list[Path]:
    """Switch the server extension on in the environment at ``prefix`` and give the course's
    Voila template plotly's folder as its static files; return what was written.

    >>> import tempfile
    >>> written = install(tempfile.mkdtemp())
    >>> [p.name for p in written]
    ['two-chairs.json', 'static']
    >>> (written[1] / "plotly.min.js").is_file()
    True
    """
    config = Path(prefix) / "etc" / "jupyter" / "jupyter_server_config.d" / CONFIG_NAME
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(json.dumps(
        {"ServerApp": {"jpserver_extensions": {EXTENSION: True}}}, indent=2) + "\n", "utf-8")
    return [config, _link_folder(voila_static_folder(prefix), plotly_js().parent)]
