"""A class on a real JupyterHub: every learner logs in, follows the nbgitpuller link and
runs lesson 03, all at once (tools/hub_class.py; benchmarks/class_on_hub.py runs 30)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import nbformat
import pytest

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


# ---- learners kept apart (as root, as CI runs: each learner an account of their own) ---------

ROOT = Path(__file__).resolve().parents[1]


def needs_accounts():
    import os

    if os.getuid() != 0:
        pytest.skip("learners get accounts of their own only on a hub started as root, which "
                    "can create them; this run is not root, so its hub runs everyone as one "
                    "user (and refuses to listen beyond 127.0.0.1)")


def refused(class_hub, learner: str, paths: list[Path]) -> dict[str, str]:
    """What happens, in ``learner``'s own kernel, when it tries to read each of ``paths``."""
    code = (
        "import json, os\nfound = {}\n"
        f"for path in {[str(p) for p in paths]!r}:\n"
        "    try:\n"
        "        found[path] = ('listed ' + str(len(os.listdir(path))) if os.path.isdir(path)"
        " else 'read ' + str(len(open(path, 'rb').read())))\n"
        "    except OSError as err:\n"
        "        found[path] = type(err).__name__\n"
        "print(json.dumps(found))")
    return json.loads(hub_class.run_code(class_hub.url, class_hub.token, learner, code))


def test_a_learner_cannot_read_another_learner_the_answers_or_the_hubs_secrets(class_hub):
    needs_accounts()
    hub_class.run_code(class_hub.url, class_hub.token, "bea",
                       "open('draft.md', 'w').write('my own essay')")
    source = ROOT / "notebooks" / "assessment" / "source"
    secrets_of_the_hub = [class_hub.state / name for name in
                          ("cookie_secret", "jupyterhub.sqlite", "hub.log")]
    found = refused(class_hub, "abe", [
        class_hub.homes / "bea", class_hub.homes / "bea" / "draft.md",
        source, source / "RUBRIC.md", ROOT / "tests" / "test_assessment.py",
        ROOT / "docs" / "answer_key.md", ROOT / ".git", *secrets_of_the_hub,
        class_hub.homes])
    assert set(found.values()) == {"PermissionError"}, found
    # ... while what the learner's own JupyterLab needs is open to them
    own = refused(class_hub, "abe", [class_hub.homes / "abe", ROOT / "lesson_lib" / "data"])
    assert all(v.startswith("listed") for v in own.values()), own
    modes = {p.name: p.stat().st_mode & 0o777 for p in [*secrets_of_the_hub,
                                                         class_hub.homes / "abe"]}
    assert modes == {"cookie_secret": 0o600, "jupyterhub.sqlite": 0o600, "hub.log": 0o600,
                     "abe": 0o700}


def test_what_one_learner_does_cannot_touch_anothers_work(class_hub):
    needs_accounts()
    hub_class.run_code(class_hub.url, class_hub.token, "cai",
                       "open('notes.md', 'w').write('cai wrote this')")
    target = class_hub.homes / "cai" / "notes.md"
    attempt = (
        "import os, shutil\nresults = []\n"
        f"for act in (lambda: open({str(target)!r}, 'w').write('x'),\n"
        f"            lambda: os.remove({str(target)!r}),\n"
        f"            lambda: shutil.rmtree({str(target.parent)!r}),\n"
        f"            lambda: os.rename({str(target.parent)!r}, 'taken')):\n"
        "    try:\n        act()\n        results.append('done')\n"
        "    except OSError as err:\n        results.append(type(err).__name__)\n"
        "print(results)")
    printed = hub_class.run_code(class_hub.url, class_hub.token, "dan", attempt)
    assert printed.strip() == str(["PermissionError"] * 4)
    assert target.read_text("utf-8") == "cai wrote this"
    import pwd

    assert pwd.getpwuid(target.stat().st_uid).pw_name == "learner-cai"
