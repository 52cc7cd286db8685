"""The Kubernetes values (hub/kubernetes/config.yaml) against the measurements, and the tool
that checks them against the Zero to JupyterHub chart's schema."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from check_kubernetes_values import merged, problems  # noqa: E402

VALUES = yaml.safe_load((ROOT / "hub" / "kubernetes" / "config.yaml").read_text("utf-8"))
UNITS = {"K": 1e3, "M": 1e6, "G": 1e9, "Ki": 2**10, "Mi": 2**20, "Gi": 2**30}


def megabytes(quantity: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)([KMG]i?)", str(quantity)).groups()
    return float(number) * UNITS[unit] / 2**20


def measured_peak_mb() -> float:
    """The largest learner's peak, counted whole, in the class of 30 on the hub (a pod
    shares few pages with other learners' pods)."""
    results = (ROOT / "benchmarks" / "RESULTS.md").read_text("utf-8")
    row = next(line for line in results.splitlines() if "counted whole (RSS)" in line)
    return float(re.search(r"max (\d+) MB", row).group(1))


def test_each_learner_is_guaranteed_what_the_class_of_30_measured_plus_a_second_lesson():
    from class_on_hub import EXTRA_KERNEL_MB

    guarantee = megabytes(VALUES["singleuser"]["memory"]["guarantee"])
    assert guarantee >= measured_peak_mb() + EXTRA_KERNEL_MB
    assert megabytes(VALUES["singleuser"]["memory"]["limit"]) >= 2 * guarantee


def test_the_image_is_pinned_and_opens_jupyterlab():
    image = VALUES["singleuser"]["image"]
    assert image["tag"] and image["tag"] != "latest"
    assert VALUES["singleuser"]["defaultUrl"] == "/lab"


def test_the_image_the_values_name_gets_what_the_links_need():
    # repo2docker builds the image from environment.yml: nbgitpuller must be in it.
    environment = (ROOT / "environment.yml").read_text("utf-8")
    assert re.search(r"^\s*- nbgitpuller", environment, re.M)
    assert "tools/lab_settings.py" in (ROOT / "postBuild").read_text("utf-8")


def test_values_are_laid_over_the_charts_defaults_map_by_map():
    defaults = {"singleuser": {"memory": {"guarantee": "1G", "limit": None}, "cmd": "x"}}
    ours = {"singleuser": {"memory": {"guarantee": "400M"}}}
    assert merged(defaults, ours) == {
        "singleuser": {"memory": {"guarantee": "400M", "limit": None}, "cmd": "x"}}


def test_a_misspelt_or_mistyped_value_is_named(tmp_path):
    # A small stand-in for the chart: the same shape of schema (no unknown keys).
    schema = {"type": "object", "additionalProperties": False, "properties": {
        "singleuser": {"type": "object", "additionalProperties": False, "properties": {
            "defaultUrl": {"type": ["string", "null"]},
            "memory": {"type": "object"}}}}}
    (tmp_path / "values.schema.yaml").write_text(yaml.safe_dump(schema), "utf-8")
    (tmp_path / "values.yaml").write_text(yaml.safe_dump(
        {"singleuser": {"defaultUrl": None, "memory": {}}}), "utf-8")
    good = tmp_path / "good.yaml"
    good.write_text(yaml.safe_dump({"singleuser": {"defaultUrl": "/lab"}}), "utf-8")
    assert problems(tmp_path, good) == []
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump({"singleuser": {"defaultUrl": 5, "memroy": {}}}), "utf-8")
    found = problems(tmp_path, bad)
    assert any(line.startswith("singleuser.defaultUrl: 5 is not of type") for line in found)
    assert any("'memroy' was unexpected" in line for line in found)


def test_the_learners_image_has_no_grading_tools_so_no_teacher_panels():
    # The local hub switches nbgrader's teacher panels off in a learner configuration
    # (tools/local_hub.py); the image repo2docker builds from environment.yml has no
    # nbgrader at all, so a learner on Kubernetes has no panel to switch off.
    environment = (ROOT / "environment.yml").read_text("utf-8")
    assert not re.search(r"nbgrader", environment, re.I)
    assert "nbgrader" not in (ROOT / "postBuild").read_text("utf-8")
