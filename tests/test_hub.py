"""A class on a real JupyterHub: every learner logs in, follows the nbgitpuller link and
runs lesson 03, all at once (tools/hub_class.py; benchmarks/class_on_hub.py runs 30)."""

from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import nbformat

from lesson_lib.links import START_LESSON, nbgitpuller_link

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))

import hub_class  # noqa: E402

LESSON = "notebooks/03_actor_map.ipynb"


def link_fields(class_hub) -> dict[str, str]:
    """The query of the link `python -m lesson_lib links` prints for this hub."""
    query = parse_qs(urlsplit(nbgitpuller_link(class_hub.url, class_hub.repo)).query)
    return {name: values[0] for name, values in query.items()}


def test_three_learners_at_once_get_the_course_and_run_lesson_03(class_hub):
    fields = link_fields(class_hub)
    assert fields["targetpath"] == "two-chairs"
    report = hub_class.run_class(class_hub.url, class_hub.token, fields, LESSON, learners=3,
                                 homes=class_hub.homes, hub_pid=class_hub.pid)
    assert [learner.failure for learner in report.failures] == []
    lesson = nbformat.read(Path(__file__).parents[1] / LESSON, as_version=4)
    code_cells = sum(1 for cell in lesson.cells if cell.cell_type == "code")
    for learner in report.learners:
        assert learner.cells_run == code_cells, learner
        clone = class_hub.homes / learner.name / "two-chairs"
        assert (clone / START_LESSON).is_file()
        # The published copy is the student copy: no answers reach a learner's home.
        assert not (clone / "notebooks" / "assessment" / "source").exists()
        assert (clone / "notebooks" / "assessment" / "STUDENT_COPY.md").is_file()
        # The sampler saw each learner's own server and kernel.
        assert report.peak_rss_mb[learner.name] > 50
        assert report.cpu_seconds[learner.name] > 0
    assert report.hub_peak_rss_mb > 0


def test_a_learner_whose_server_cannot_pull_is_reported_not_hidden(class_hub):
    fields = dict(link_fields(class_hub), repo=class_hub.repo.replace(
        "two-chairs.git", "no-such-course.git"), targetpath="no-such-course")
    report = hub_class.run_class(class_hub.url, class_hub.token, fields, LESSON, learners=1,
                                 homes=class_hub.homes, hub_pid=class_hub.pid)
    [learner] = report.failures
    assert learner.failure.startswith("pull: RuntimeError: nbgitpuller")
    assert learner.cells_run == 0
