"""Launch links for Binder and nbgitpuller, and the `links` command."""

from __future__ import annotations

import subprocess
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from lesson_lib import LessonError
from lesson_lib.__main__ import main
from lesson_lib.links import (
    START_LESSON,
    binder_link,
    clone_address,
    nbgitpuller_link,
    parse_repository,
    repository_from_git,
)


@pytest.mark.parametrize("written", [
    "school/two-chairs", "https://github.com/school/two-chairs",
    "https://github.com/school/two-chairs.git", "https://www.github.com/school/two-chairs/",
    "git@github.com:school/two-chairs.git", "ssh://git@github.com/school/two-chairs.git",
    "  school/two-chairs\n",
])
def test_every_usual_way_of_writing_the_address_gives_owner_and_name(written):
    assert parse_repository(written) == "school/two-chairs"


@pytest.mark.parametrize("bad", [
    "", "two-chairs", "school/two chairs", "https://gitlab.com/school/two-chairs",
    "school/two-chairs/extra", "-school/two-chairs", "school/..",
])
def test_anything_else_is_refused_with_the_field_and_an_example(bad):
    with pytest.raises(LessonError) as caught:
        parse_repository(bad)
    assert str(caught.value).startswith("repository: ")
    assert "owner/name" in str(caught.value)


def test_binder_link_opens_the_start_lesson_in_jupyterlab():
    link = urlsplit(binder_link("school/two-chairs", branch="spring-2027"))
    assert (link.scheme, link.netloc) == ("https", "mybinder.org")
    assert link.path == "/v2/gh/school/two-chairs/spring-2027"
    assert parse_qs(link.query) == {"urlpath": [f"lab/tree/{START_LESSON}"]}


def test_nbgitpuller_link_names_repo_branch_and_the_cloned_folder():
    link = urlsplit(nbgitpuller_link("https://hub.school.edu/hub/", "school/two-chairs"))
    assert link.netloc == "hub.school.edu"
    assert link.path == "/hub/user-redirect/git-pull"
    assert parse_qs(link.query) == {
        "repo": ["https://github.com/school/two-chairs"], "branch": ["main"],
        # nbgitpuller clones into a folder named after the repository.
        "urlpath": [f"lab/tree/two-chairs/{START_LESSON}"]}


def test_a_hub_under_a_path_keeps_its_path():
    link = nbgitpuller_link("https://jupyter.school.edu/class-9b", "school/two-chairs")
    assert link.startswith("https://jupyter.school.edu/class-9b/hub/user-redirect/git-pull?")


@pytest.mark.parametrize("hub", ["hub.school.edu", "ftp://hub.school.edu",
                                 "https://hub.school.edu/?next=x", ""])
def test_a_hub_that_is_not_a_web_address_is_refused(hub):
    with pytest.raises(LessonError, match="^hub: "):
        nbgitpuller_link(hub, "school/two-chairs")


@pytest.mark.parametrize("branch", ["", "main branch", "a..b", "x;rm"])
def test_a_bad_branch_is_refused(branch):
    with pytest.raises(LessonError, match="^branch: "):
        binder_link("school/two-chairs", branch=branch)


def _git(folder, *args):
    subprocess.run(["git", "-C", str(folder), *args], check=True, capture_output=True)


def test_the_repository_is_read_from_the_origin_remote(tmp_path):
    _git(tmp_path, "init", "-q")
    assert repository_from_git(tmp_path) is None
    _git(tmp_path, "remote", "add", "origin", "git@github.com:school/two-chairs.git")
    assert repository_from_git(tmp_path) == "school/two-chairs"
    _git(tmp_path, "remote", "set-url", "origin", "https://gitlab.com/school/two-chairs")
    assert repository_from_git(tmp_path) is None
    assert repository_from_git(tmp_path / "not-there") is None


def test_the_command_prints_both_links(capsys):
    assert main(["links", "--repo", "school/two-chairs", "--hub", "https://hub.school.edu"]) == 0
    out = capsys.readouterr().out
    assert binder_link("school/two-chairs") in out
    assert nbgitpuller_link("https://hub.school.edu", "school/two-chairs") in out


def test_the_command_without_a_repository_says_what_to_pass(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # not a git clone: no origin to read
    assert main(["links"]) == 2
    assert "--repo" in capsys.readouterr().err


def test_the_command_prints_nothing_when_one_part_is_wrong(capsys):
    assert main(["links", "--repo", "school/two-chairs", "--hub", "hub.school.edu"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "hub: not the address of a JupyterHub" in captured.err


def test_the_readme_shows_exactly_the_links_the_command_makes():
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text("utf-8")
    assert f"`{binder_link('owner/name')}`" in readme
    assert f"`{nbgitpuller_link('https://your.hub.address', 'owner/name')}`" in readme


def test_links_to_a_clone_holding_the_answers_come_with_a_warning(capsys, tmp_path,
                                                                   monkeypatch):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    subprocess.run(["git", "-C", str(tmp_path), "remote", "add", "origin",
                    "https://github.com/school/two-chairs"], check=True)
    monkeypatch.chdir(tmp_path)
    assert main(["links"]) == 0
    assert "answers" not in capsys.readouterr().err  # no assessment source here
    (tmp_path / "notebooks" / "assessment" / "source").mkdir(parents=True)
    assert main(["links"]) == 0
    captured = capsys.readouterr()
    assert binder_link("school/two-chairs") in captured.out
    assert "holds the assessment's answers" in captured.err
    assert "make student-copy" in captured.err
    # Naming the repository (a student copy) is taken as a choice: no warning.
    assert main(["links", "--repo", "school/two-chairs-students"]) == 0
    assert "answers" not in capsys.readouterr().err


@pytest.mark.parametrize("address, folder", [
    ("https://git.school.edu/history/two-chairs.git", "two-chairs"),
    ("http://127.0.0.1:9420/two-chairs-students.git", "two-chairs-students"),
    ("git://127.0.0.1:9418/two-chairs.git", "two-chairs"),
    ("https://gitlab.com/school/two-chairs", "two-chairs"),
])
def test_a_repository_on_another_git_server_is_cloned_from_its_own_address(address, folder):
    assert clone_address(address) == (address, folder)
    link = urlsplit(nbgitpuller_link("http://127.0.0.1:8000", address))
    assert parse_qs(link.query)["repo"] == [address]
    assert parse_qs(link.query)["urlpath"] == [f"lab/tree/{folder}/{START_LESSON}"]
    assert parse_qs(link.query).get("targetpath", [folder]) == [folder]


@pytest.mark.parametrize("bad", ["two-chairs", "ftp://git.school.edu/two-chairs.git",
                                 "https://git.school.edu/", "https://git.school.edu/..",
                                 "https://git.school.edu/a b.git"])
def test_a_git_address_that_git_cannot_clone_is_refused(bad):
    with pytest.raises(LessonError, match="^repository: not a git repository address"):
        clone_address(bad)


def test_a_repository_on_this_machine_gets_a_hub_link_but_no_binder_link(capsys):
    local = "git://127.0.0.1:9418/two-chairs.git"
    assert main(["links", "--repo", local, "--hub", "http://127.0.0.1:8000"]) == 0
    out = capsys.readouterr().out
    assert "mybinder.org" not in out
    assert "only this machine can reach" in out
    assert nbgitpuller_link("http://127.0.0.1:8000", local) in out
