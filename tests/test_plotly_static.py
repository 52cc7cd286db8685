"""plotly.js served to the live charts as one cached file: by the course's Jupyter server
extension (JupyterLab, a hub, Binder) and from the course's Voila template."""

from __future__ import annotations

import gzip
import json

from tornado.testing import AsyncHTTPTestCase
from tornado.web import Application

import two_chairs_static as plotly_static
from two_chairs_static import SERVER_PATH, plotly_js, plotly_version

BASE = "/user/alice/"  # as under a JupyterHub
URL = f"{BASE}{SERVER_PATH}?v={plotly_version()}"


class TestTheHandler(AsyncHTTPTestCase):
    def get_app(self):
        return Application(plotly_static.handlers(BASE))

    def test_serves_plotly_gzipped_and_cached_for_a_year_under_the_base_url(self):
        reply = self.fetch(URL, headers={"Accept-Encoding": "gzip"}, decompress_response=False)
        assert reply.code == 200
        assert reply.headers["Content-Encoding"] == "gzip"
        assert reply.headers["Content-Type"].startswith("text/javascript")
        assert "max-age=31536000" in reply.headers["Cache-Control"]
        assert gzip.decompress(reply.body) == plotly_js().read_bytes()
        assert len(reply.body) < 2_000_000  # about 1.5 MB, against 4.8 MB as it is

    def test_a_browser_that_has_it_gets_a_not_modified(self):
        first = self.fetch(URL, headers={"Accept-Encoding": "gzip"})
        again = self.fetch(URL, headers={"Accept-Encoding": "gzip",
                                         "If-None-Match": first.headers["Etag"]})
        assert again.code == 304 and again.body == b""

    def test_plain_and_unversioned_requests_are_revalidated_not_kept(self):
        reply = self.fetch(f"{BASE}{SERVER_PATH}", headers={"Accept-Encoding": "identity"})
        assert reply.code == 200 and reply.body == plotly_js().read_bytes()
        assert reply.headers["Cache-Control"] == "no-cache"
        stale = self.fetch(f"{BASE}{SERVER_PATH}?v=0.0.1")
        assert stale.headers["Cache-Control"] == "no-cache"

    def test_only_that_one_file_and_only_under_the_base_url(self):
        assert self.fetch(f"{BASE}two-chairs/static/widgetbundle.js").code == 404
        assert self.fetch(f"/{SERVER_PATH}").code == 404
        assert self.fetch(f"{BASE}two-chairs/static/plotlyXminXjs").code == 404


def test_it_is_a_jupyter_server_extension():
    points = plotly_static._jupyter_server_extension_points()
    assert points == [{"module": "two_chairs_static"}]
    assert callable(plotly_static._load_jupyter_server_extension)


def test_install_switches_it_on_and_gives_voila_the_file(tmp_path):
    config, voila_static = plotly_static.install(tmp_path)
    assert config == tmp_path / "etc/jupyter/jupyter_server_config.d/two-chairs.json"
    extensions = json.loads(config.read_text("utf-8"))["ServerApp"]["jpserver_extensions"]
    assert extensions == {"two_chairs_static": True}
    assert voila_static == tmp_path / "share/jupyter/voila/templates/two_chairs/static"
    assert (voila_static / "plotly.min.js").read_bytes() == plotly_js().read_bytes()
    # Run again (every reinstall does): still one link, no error.
    plotly_static.install(tmp_path)
    assert (voila_static / "plotly.min.js").is_file()


def test_a_hub_image_without_this_repository_can_switch_it_on(tmp_path, capsys):
    from lesson_lib.__main__ import main

    assert main(["serve-plotly", "--prefix", str(tmp_path)]) == 0
    assert (tmp_path / "etc/jupyter/jupyter_server_config.d/two-chairs.json").is_file()
    assert "Restart the Jupyter server" in capsys.readouterr().out


def test_the_server_extension_loads_without_the_course_library_or_pandas():
    # Every learner's Jupyter server loads it: lesson_lib would bring pandas into each one.
    import subprocess
    import sys

    code = ("import sys, two_chairs_static\n"
            "two_chairs_static._jupyter_server_extension_points()\n"
            "two_chairs_static.handlers('/')\n"
            "print(sorted({'lesson_lib', 'pandas', 'plotly.graph_objects'} & set(sys.modules)))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "[]"
