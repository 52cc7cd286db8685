"""The package's files agree with each other: pyproject.toml, environment.yml, version, data."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.version import Version

import lesson_lib

ROOT = Path(__file__).resolve().parent.parent


def pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))


def runtime_from_pyproject() -> dict[str, str]:
    reqs = [Requirement(r) for r in pyproject()["project"]["dependencies"]]
    return {r.name.lower(): str(r.specifier) for r in reqs}


def extra_from_pyproject(extra: str) -> dict[str, str]:
    reqs = [Requirement(r) for r in pyproject()["project"]["optional-dependencies"][extra]]
    return {r.name.lower(): str(r.specifier) for r in reqs}


def lab_from_pyproject() -> dict[str, str]:
    return extra_from_pyproject("lab")


def environment_yml() -> dict:
    return yaml.safe_load((ROOT / "environment.yml").read_text("utf-8"))


def runtime_from_environment() -> dict[str, str]:
    """Conda packages and pip packages of environment.yml (not python, pip or the course)."""
    found = {}
    items = []
    for item in environment_yml()["dependencies"]:
        items += item["pip"] if isinstance(item, dict) else [item]
    for item in items:
        # python is pinned the conda way ("python=3.11"), which is not a pip requirement.
        if re.split(r"[<>=!~ ]", item)[0] not in {"python", "pip", "-e"}:
            req = Requirement(item.replace(" ", ""))
            found[req.name.lower()] = str(req.specifier)
    return found


def test_environment_yml_lists_the_runtime_packages_and_jupyterlab():
    # The image Binder and Kubernetes build from this file also serves the hub's links.
    nbgitpuller = {k: v for k, v in extra_from_pyproject("hub").items() if k == "nbgitpuller"}
    assert nbgitpuller
    assert runtime_from_environment() == (runtime_from_pyproject() | lab_from_pyproject()
                                          | nbgitpuller)


def test_the_library_does_not_pull_in_a_jupyter_server():
    # A school's hub installs lesson_lib into its image: that must not upgrade the hub.
    assert not {"jupyterlab", "notebook", "jupyter-server", "jupyterhub"} & set(
        runtime_from_pyproject())


def _one_major(name: str, spec: str) -> None:
    """A floor, and an upper bound no higher than the floor's next major version (a minor
    series is stricter and allowed): one major, never two."""
    uppers = [s for s in SpecifierSet(spec) if s.operator == "<"]
    lowers = [s for s in SpecifierSet(spec) if s.operator == ">="]
    assert uppers and lowers, f"{name}: {spec!r} needs a floor and a '<next major' bound"
    upper, lower = Version(uppers[0].version), Version(lowers[0].version)
    assert upper <= Version(str(lower.major + 1)), (
        f"{name}: {spec!r} allows more than one major version (from {lower.major} to "
        f"{upper.major - 1 if upper.release[1:] in ((), (0,)) else upper.major})")


def test_every_runtime_dependency_stops_below_its_next_major():
    for name, spec in runtime_from_pyproject().items():
        _one_major(name, spec)


def test_every_extra_dependency_stays_within_one_major_and_the_linter_within_a_minor():
    extras = pyproject()["project"]["optional-dependencies"]
    for extra in extras:
        for name, spec in extra_from_pyproject(extra).items():
            if name == "two-chairs":
                continue  # the test extra names the course's own extras
            if name == "ruff":
                # a new minor of ruff brings new rules: one series only
                floor = Version(next(s for s in SpecifierSet(spec) if s.operator == ">=").version)
                assert f"<{floor.major}.{floor.minor + 1}" in spec, spec
                continue
            _one_major(name, spec)


def test_environment_yml_installs_the_package_itself_for_binder():
    pip_sections = [d["pip"] for d in environment_yml()["dependencies"] if isinstance(d, dict)]
    assert pip_sections and "-e ." in pip_sections[0]
    assert "conda-forge" in environment_yml()["channels"]


def test_environment_yml_names_only_files_that_exist():
    """Its comments send a reader (and Binder's postBuild) to files; each must be there."""
    text = (ROOT / "environment.yml").read_text("utf-8")
    named = set(re.findall(r"[\w./-]*(?:postBuild|\.toml|\.py|\.txt|\.cfg)\b", text))
    assert "postBuild" in named and "tests/test_packaging.py" in named
    assert [name for name in named if not (ROOT / name).is_file()] == []


def test_environment_pins_a_python_that_binder_reads_and_pyproject_allows():
    deps = environment_yml()["dependencies"]
    python = next(d for d in deps if isinstance(d, str) and d.startswith("python"))
    # repo2docker (Binder's builder) takes the version only from "python=X.Y" or
    # "python==X.Y"; any other form silently gives its default Python.
    pinned = re.fullmatch(r"python\s*=+\s*(\d+\.\d+)(\.\*)?", python)
    assert pinned, f"environment.yml: write python as python=X.Y, not {python!r}"
    assert Requirement("python" + pyproject()["project"]["requires-python"]).specifier.contains(
        pinned[1] + ".0")


def test_version_comes_from_package_metadata():
    assert lesson_lib.__version__ == metadata.version("two-chairs")
    assert lesson_lib.__version__ == pyproject()["project"]["version"]


@pytest.mark.slow
def test_a_built_wheel_carries_every_data_file(tmp_path):
    """Build the wheel as pip does and install it elsewhere: an editable install reads the
    source tree, where a wrong package-data glob cannot show."""
    wheels, target, source = tmp_path / "wheels", tmp_path / "installed", tmp_path / "source"
    # A clean copy: the editable install's *.egg-info lists every file it has seen, and a
    # build from the working tree would ship them whatever the globs say.
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        "*.egg-info", "build", ".venv", ".git", "site", "notebooks", "__pycache__", "tests"))
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "wheel", "--no-deps", "-w", str(wheels), str(source)], check=True,
                   cwd=tmp_path)
    wheel = next(wheels.glob("two_chairs-*.whl"))
    subprocess.run([*pip, "install", "--no-deps", "--target", str(target), str(wheel)],
                   check=True)
    shipped = {p.relative_to(ROOT) for p in (ROOT / "lesson_lib").rglob("*")
               if p.is_file() and "__pycache__" not in p.parts}
    installed = {p.relative_to(target) for p in (target / "lesson_lib").rglob("*")
                 if p.is_file() and "__pycache__" not in p.parts}
    assert shipped - installed == set()


def test_public_names_are_exported():
    for name in lesson_lib.__all__:
        assert hasattr(lesson_lib, name), name


def fresh_python(*lines: str, cwd=None) -> str:
    """What a new interpreter prints after running ``lines``."""
    return subprocess.run([sys.executable, "-c", "\n".join(lines)], cwd=cwd,
                          capture_output=True, text=True, check=True).stdout.strip()


def test_import_has_no_side_effects(tmp_path):
    printed = fresh_python(
        "import os, sys, socket",
        "def refuse(*a, **k): raise RuntimeError('network used on import')",
        "socket.socket.connect = refuse",
        "import lesson_lib",
        "print(sorted(os.listdir('.')))", cwd=tmp_path)
    assert printed == "[]"


def test_showing_a_figure_costs_no_jsonschema_import():
    """plotly's own display imports plotly.io's renderers, which import nbformat and with it
    jsonschema: about a second per kernel in a JupyterLab environment. The course's figures
    show themselves without it."""
    printed = fresh_python(
        "import sys, lesson_lib",
        "bundle = lesson_lib.timeline_figure()._repr_mimebundle_()",
        "lesson_lib.TimelineExplorer()",
        "print(sorted(bundle), 'jsonschema' in sys.modules, 'plotly.io._renderers' in sys.modules)")
    assert printed == "['application/vnd.plotly.v1+json', 'text/plain'] False False"


def test_the_course_figure_json_is_plotlys_own():
    import json

    import plotly.io as pio

    from lesson_lib.style import PLOTLY_MIME

    for fig in (lesson_lib.timeline_figure(), lesson_lib.geo_map_figure(2016),
                lesson_lib.trajectory_figure()):
        ours = fig._repr_mimebundle_()[PLOTLY_MIME]
        theirs = json.loads(pio.to_json(fig, validate=False))
        assert {k: v for k, v in ours.items() if k != "config"} == theirs


def load_lab_settings():
    """tools/lab_settings.py as a module (tools/ is not a package)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("lab_settings",
                                                  ROOT / "tools" / "lab_settings.py")
    lab_settings = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(lab_settings)
    return lab_settings


def test_command_mode_shortcuts_are_kept_out_of_widgets(tmp_path):
    lab_settings = load_lab_settings()
    schema = tmp_path / lab_settings.NOTEBOOK_SCHEMA
    schema.parent.mkdir(parents=True)
    schema.write_text(json.dumps({"jupyter.lab.shortcuts": [
        {"command": "notebook:move-cursor-down", "keys": ["ArrowDown"],
         "selector": lab_settings.COMMAND_MODE},
        {"command": "notebook:enter-edit-mode", "keys": ["Enter"],
         "selector": ".jp-Notebook.jp-mod-commandMode .jp-Cell:focus"}]}), "utf-8")
    written = json.loads(lab_settings.install(tmp_path).read_text("utf-8"))
    shortcuts = written["@jupyterlab/shortcuts-extension:shortcuts"]["shortcuts"]
    assert [(s["command"], s.get("disabled", False), s["selector"]) for s in shortcuts] == [
        ("notebook:move-cursor-down", True, lab_settings.COMMAND_MODE),
        ("notebook:move-cursor-down", False,
         lab_settings.COMMAND_MODE + ":not(.jupyter-widgets *)")]
    assert written["@jupyterlab/apputils-extension:notification"]["checkForUpdates"] is False


def test_the_tools_readme_names_every_tool():
    readme = (ROOT / "tools" / "README.md").read_text("utf-8")
    tools = [p.name for p in (ROOT / "tools").iterdir() if p.suffix in (".py", ".sh")]
    assert tools and [name for name in tools if f"`{name}`" not in readme] == []


def test_neighbours_are_states_of_the_course_data():
    from lesson_lib.course import NEIGHBOURS
    actors = lesson_lib.load_actors().set_index("actor_id")
    assert len(NEIGHBOURS) == 5
    assert set(actors.loc[list(NEIGHBOURS), "kind"]) == {"state"}


def test_the_narrow_screen_plugin_is_installed_where_jupyterlab_finds_prebuilt_extensions(
        tmp_path):
    lab_settings = load_lab_settings()
    target = lab_settings.install_narrow_screen(tmp_path)
    package = json.loads((target / "package.json").read_text("utf-8"))
    assert target == tmp_path / "share" / "jupyter" / "labextensions" / package["name"]
    script = (target / package["jupyterlab"]["_build"]["load"]).read_text("utf-8")
    # JupyterLab looks the container up by the package's name, then asks for its module.
    assert f'registry["{package["name"]}"]' in script
    assert f'module !== "{package["jupyterlab"]["_build"]["extension"]}"' in script
    assert "collapseLeft" in script and "__esModule: true" in script
    # A second install replaces the first (an updated plugin, not one beside an old copy).
    (target / "stale.js").write_text("old", "utf-8")
    assert not (lab_settings.install_narrow_screen(tmp_path) / "stale.js").exists()
