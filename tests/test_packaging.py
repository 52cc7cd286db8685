"""The package's files agree with each other: pyproject.toml, environment.yml, version, data."""

from __future__ import annotations

import re
import tomllib
from importlib import metadata, resources
from pathlib import Path

import yaml
from packaging.requirements import Requirement

import lesson_lib

ROOT = Path(__file__).resolve().parent.parent


def pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))


def runtime_from_pyproject() -> dict[str, str]:
    reqs = [Requirement(r) for r in pyproject()["project"]["dependencies"]]
    return {r.name.lower(): str(r.specifier) for r in reqs}


def environment_yml() -> dict:
    return yaml.safe_load((ROOT / "environment.yml").read_text("utf-8"))


def runtime_from_environment() -> dict[str, str]:
    found = {}
    for item in environment_yml()["dependencies"]:
        # python is pinned the conda way ("python=3.11"), which is not a pip requirement.
        if isinstance(item, str) and re.split(r"[<>=!~ ]", item)[0] not in {"python", "pip"}:
            req = Requirement(item.replace(" ", ""))
            found[req.name.lower()] = str(req.specifier)
    return found


def test_environment_yml_and_pyproject_list_the_same_runtime_packages():
    assert runtime_from_environment() == runtime_from_pyproject()


def test_environment_yml_installs_the_package_itself_for_binder():
    pip_sections = [d["pip"] for d in environment_yml()["dependencies"] if isinstance(d, dict)]
    assert pip_sections and "-e ." in pip_sections[0]
    assert "conda-forge" in environment_yml()["channels"]


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


def test_package_data_is_installed():
    data = resources.files("lesson_lib") / "data"
    assert (data / "schema.json").is_file()
    assert (resources.files("lesson_lib") / "py.typed").is_file()
    for name in lesson_lib.table_names():
        assert (data / f"{name}.csv").is_file(), name


def test_public_names_are_exported():
    for name in lesson_lib.__all__:
        assert hasattr(lesson_lib, name), name


def test_import_has_no_side_effects(tmp_path):
    import subprocess
    import sys

    code = ("import os, sys, socket\n"
            "def refuse(*a, **k): raise RuntimeError('network used on import')\n"
            "socket.socket.connect = refuse\n"
            "import lesson_lib\n"
            "print(sorted(os.listdir('.')))")
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                         text=True, check=True)
    assert out.stdout.strip() == "[]"
