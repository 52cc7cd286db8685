"""Launch links for a class: Binder for anyone with a browser, nbgitpuller for a school hub.

Both links depend on where the course is published, which differs for every
teacher who forks it, so they are built here from the repository's address
instead of being written out by hand (where one wrong ``%2F`` breaks them).
``python -m lesson_lib links`` prints them.

>>> binder_link("example-school/two-chairs")
'https://mybinder.org/v2/gh/example-school/two-chairs/main?urlpath=lab%2Ftree%2Fnotebooks%2F00_start_here.ipynb'
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

from .errors import LessonError, Problem

__all__ = ["START_LESSON", "binder_link", "clone_address", "is_on_this_machine",
           "nbgitpuller_link", "parse_repository", "repository_from_git"]

START_LESSON = "notebooks/00_start_here.ipynb"

# GitHub's own limits: an owner is up to 39 letters, digits and single hyphens, a name
# up to 100 letters, digits, dots, hyphens and underscores.
_OWNER = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})"
_NAME = r"[A-Za-z0-9._-]{1,100}"
_FORMS = [
    re.compile(rf"^(?P<owner>{_OWNER})/(?P<name>{_NAME})$"),
    re.compile(rf"^https?://(?:www\.)?github\.com/(?P<owner>{_OWNER})/(?P<name>{_NAME})/?$"),
    re.compile(rf"^git@github\.com:(?P<owner>{_OWNER})/(?P<name>{_NAME})$"),
    re.compile(rf"^ssh://git@github\.com/(?P<owner>{_OWNER})/(?P<name>{_NAME})$"),
]
_BRANCH = re.compile(r"^[A-Za-z0-9._/-]{1,200}$")
# Any other git server (a school's GitLab or Gitea, a hub's own machine) is named by the
# address ``git clone`` takes, over http(s) or git's own protocol, ending in the
# repository's folder name.
_GIT_URL = re.compile(r"^(?:https?|git)://[^/?#\s]+(?:/[^?#\s]*)?/(?P<name>[A-Za-z0-9._-]{1,100})/?$")
_THIS_MACHINE = {"127.0.0.1", "localhost", "::1", "[::1]"}


def parse_repository(text: str) -> str:
    """``owner/name`` from any way of writing a GitHub repository's address.

    >>> parse_repository("https://github.com/example-school/two-chairs.git")
    'example-school/two-chairs'
    >>> parse_repository("two-chairs")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    lesson_lib.errors.LessonError: repository: not a GitHub repository address; found ...
    """
    cleaned = str(text).strip()
    cleaned = cleaned[:-4] if cleaned.endswith(".git") else cleaned
    for form in _FORMS:
        match = form.match(cleaned)
        if match and match["name"] not in {".", ".."}:
            return f"{match['owner']}/{match['name']}"
    raise LessonError(Problem(
        "repository: not a GitHub repository address", found=str(text),
        expected="owner/name, e.g. example-school/two-chairs, or https://github.com/owner/name"))


def clone_address(text: str) -> tuple[str, str]:
    """The address ``git clone`` takes, and the folder it clones into.

    A GitHub repository may be written any usual way; any other git server is named by
    its full http(s) address.

    >>> clone_address("example-school/two-chairs")
    ('https://github.com/example-school/two-chairs', 'two-chairs')
    >>> clone_address("git://127.0.0.1:9418/two-chairs.git")
    ('git://127.0.0.1:9418/two-chairs.git', 'two-chairs')
    """
    try:
        owner_name = parse_repository(text)
    except LessonError:
        cleaned = str(text).strip()
        match = _GIT_URL.match(cleaned)
        name = match["name"].removesuffix(".git") if match else ""
        if not name or name in {".", ".."}:
            raise LessonError(Problem(
                "repository: not a git repository address", found=str(text),
                expected="owner/name on GitHub, e.g. example-school/two-chairs, or the "
                         "address git clones, e.g. https://git.school.edu/two-chairs.git"
            )) from None
        return cleaned.rstrip("/"), name
    return f"https://github.com/{owner_name}", owner_name.split("/")[1]


def is_on_this_machine(address: str) -> bool:
    """True for a repository or hub served from 127.0.0.1 or localhost (no one else sees it)."""
    return (urlsplit(address).hostname or "") in {h.strip("[]") for h in _THIS_MACHINE}


def _check_branch(branch: str) -> str:
    if not _BRANCH.match(str(branch)) or ".." in str(branch):
        raise LessonError(Problem("branch: not a branch name", found=str(branch),
                                  expected="a git branch such as main"))
    return str(branch)


def binder_link(repository: str, branch: str = "main", lesson: str = START_LESSON) -> str:
    """The mybinder.org address that builds the course and opens ``lesson`` in JupyterLab.

    Binder reads ``environment.yml``, whose ``pip:`` section installs the course itself.
    A repository that is not on GitHub goes through Binder's ``git`` provider.

    >>> binder_link("https://git.school.edu/two-chairs.git")
    'https://mybinder.org/v2/git/https%3A%2F%2Fgit.school.edu%2Ftwo-chairs.git/main?urlpath=lab%2Ftree%2Fnotebooks%2F00_start_here.ipynb'
    """
    address, _ = clone_address(repository)
    branch = _check_branch(branch)
    github = "https://github.com/"
    where = (f"gh/{address.removeprefix(github)}" if address.startswith(github)
             else f"git/{quote(address, safe='')}")
    return (f"https://mybinder.org/v2/{where}/{quote(branch, safe='')}?"
            + urlencode({"urlpath": f"lab/tree/{lesson}"}))


def nbgitpuller_link(hub: str, repository: str, branch: str = "main",
                     lesson: str = START_LESSON) -> str:
    """The link that makes a JupyterHub clone (or update) the course and open ``lesson``.

    nbgitpuller clones into a folder named after the repository, in the learner's home;
    a second click updates that folder and keeps the learner's own changes.

    >>> nbgitpuller_link("https://hub.example.edu/", "example-school/two-chairs")
    'https://hub.example.edu/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2Fexample-school%2Ftwo-chairs&branch=main&urlpath=lab%2Ftree%2Ftwo-chairs%2Fnotebooks%2F00_start_here.ipynb'
    """
    address, folder = clone_address(repository)
    branch = _check_branch(branch)
    parts = urlsplit(str(hub).strip())
    if parts.scheme not in {"http", "https"} or not parts.netloc or parts.query:
        raise LessonError(Problem(
            "hub: not the address of a JupyterHub", found=str(hub),
            expected="the hub's web address, e.g. https://hub.example.edu"))
    base = f"{parts.scheme}://{parts.netloc}{parts.path}".rstrip("/")
    base = base.removesuffix("/hub")
    fields = {"repo": address, "branch": branch, "urlpath": f"lab/tree/{folder}/{lesson}"}
    if address.rstrip("/").rsplit("/", 1)[-1] != folder:
        # nbgitpuller names the folder after the address's last part, ".git" and all;
        # the course's folder is named without it.
        fields["targetpath"] = folder
    query = urlencode(fields)
    return f"{base}/hub/user-redirect/git-pull?{query}"


def repository_from_git(folder: str | Path = ".") -> str | None:
    """``owner/name`` of the ``origin`` remote when it is on GitHub, else ``None``."""
    try:
        url = subprocess.run(["git", "-C", str(folder), "remote", "get-url", "origin"],
                             capture_output=True, text=True, timeout=10, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    try:
        return parse_repository(url)
    except LessonError:
        return None
