"""A JupyterHub on this machine, with the course published as a git repository beside it.

`make hub` runs this file. It does what a school's hub needs, on one machine:

1. installs configurable-http-proxy (JupyterHub's proxy, from the npm registry) into the
   virtual environment, once;
2. publishes the student copy of the course (`tools/student_copy.py`: no assessment
   answers) as a bare git repository under the hub's state folder, one commit per change,
   served read-only on 127.0.0.1 by ``git daemon``;
3. starts JupyterHub with `hub/jupyterhub_config.py` and prints the nbgitpuller link that
   `python -m lesson_lib links` makes for that repository.

Run it again after changing the course: it publishes a new commit, and a learner's next
click on the same link brings the change in and keeps their own edits.

The tests (tests/test_hub.py) and the class benchmark (benchmarks/class_on_hub.py) use the
same functions, so what they measure is what a teacher starts.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

from student_copy import CopyError, make_student_copy  # noqa: E402

sys.path.insert(0, str(ROOT / "hub"))

HUB_CONFIG = ROOT / "hub" / "jupyterhub_config.py"
# What the learners' own accounts must reach in the teacher's copy of the course: the
# environment their JupyterLab runs from and the library it imports (installed from here).
# Everything else (the answers, tests, git history, tools) is closed to them.
LEARNERS_USE = (".venv", "lesson_lib", "two_chairs_static.py")
STATE = ROOT / ".hub"
# nbgrader's teacher panels (making assignments, the formgrader, the course list): learners
# on the hub never see them. The learner's own parts stay: the Assignments list (for a
# school that uses nbgrader's exchange to hand out and collect) and Validate.
TEACHER_PANELS = ("@jupyter/nbgrader:create-assignment", "@jupyter/nbgrader:formgrader",
                  "@jupyter/nbgrader:course-list")
TEACHER_SERVER_PARTS = ("nbgrader.server_extensions.formgrader",
                        "nbgrader.server_extensions.course_list")
LEARNER_CONFIG = "learner-config"
COURSE_REPO = "two-chairs.git"
PROXY_PACKAGE = "configurable-http-proxy@5"
HUB_PORT = 8000
GIT_PORT = 9418  # git's own port
_GIT_USER = ["-c", "user.name=Two Chairs", "-c", "user.email=two-chairs@localhost"]


class HubError(Exception):
    """Why the hub could not be started or the course not published."""


def proxy_command(prefix: Path = Path(sys.prefix) / "proxy") -> Path:
    """configurable-http-proxy, installed with npm into ``prefix`` the first time."""
    command = prefix / "node_modules" / ".bin" / "configurable-http-proxy"
    if command.exists():
        return command
    npm = shutil.which("npm")
    if not npm:
        raise HubError("JupyterHub's proxy, configurable-http-proxy, comes from npm, which is "
                       "not installed. Install Node.js (it brings npm), e.g. "
                       "`apt install npm`, then run `make hub` again.")
    done = subprocess.run([npm, "install", "--silent", "--no-audit", "--no-fund", "--prefix",
                           str(prefix), PROXY_PACKAGE], capture_output=True, text=True)
    if done.returncode or not command.exists():
        raise HubError(f"npm could not install {PROXY_PACKAGE}:\n{done.stderr.strip()}")
    return command


def _git(*args: str | Path) -> str:
    done = subprocess.run(["git", *_GIT_USER, *map(str, args)], capture_output=True,
                          text=True, timeout=120)
    if done.returncode:
        raise HubError(f"git {' '.join(map(str, args))} failed: {done.stderr.strip()}")
    return done.stdout.strip()


def publish_folder(folder: Path, bare: Path, message: str) -> str:
    """Commit ``folder``'s files as the next state of ``bare``'s main branch; its commit id.

    The bare repository keeps its own index, so files gone from ``folder`` are deleted in
    the new commit. Nothing changed: no new commit.
    """
    if not (bare / "HEAD").exists():
        bare.mkdir(parents=True, exist_ok=True)
        _git("init", "-q", "--bare", "-b", "main", bare)
    tree = ["--git-dir", bare, "--work-tree", folder]
    _git(*tree, "add", "-A", ".")
    has_commit = subprocess.run(["git", "--git-dir", str(bare), "rev-parse", "-q", "--verify",
                                 "HEAD"], capture_output=True).returncode == 0
    changed = not has_commit or subprocess.run(
        ["git", "--git-dir", str(bare), "--work-tree", str(folder), "diff", "--cached",
         "--quiet"]).returncode != 0
    if changed:
        _git(*tree, "commit", "-q", "-m", message)
    return _git("--git-dir", bare, "rev-parse", "HEAD")


def publish_course(bare: Path, message: str = "Two Chairs for students",
                   root: Path = ROOT) -> str:
    """Publish the student copy of the course at ``root`` into ``bare``; the commit id."""
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "two-chairs"
        try:
            make_student_copy(copy, root)
        except CopyError as err:
            raise HubError(f"no student copy to publish: {err}") from None
        return publish_folder(copy, bare, message)


def free_port(span: int = 1) -> int:
    """A port such that it and the ``span - 1`` after it are free now (a hub takes three:
    the learners' port, its own API's and its proxy's; the tests start several)."""
    for _ in range(50):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            first = probe.getsockname()[1]
        if first + span > 65535:
            continue
        free = True
        for port in range(first + 1, first + span):
            with socket.socket() as probe:
                free = free and probe.connect_ex(("127.0.0.1", port)) != 0
        if free:
            return first
    raise HubError(f"no {span} free ports side by side on 127.0.0.1")


class GitServer:
    """Serves a folder of bare repositories read-only on 127.0.0.1 while in a ``with``.

    It is ``git daemon``, which comes with git: nbgitpuller makes shallow clones, which
    git's plain-files HTTP cannot serve.
    """

    def __init__(self, folder: Path, port: int | None = None):
        self.folder = Path(folder).resolve()
        self.port = port or free_port()
        self.process: subprocess.Popen | None = None

    def url(self, repository: str) -> str:
        return f"git://127.0.0.1:{self.port}/{repository}"

    def __enter__(self) -> GitServer:
        self.process = subprocess.Popen(
            ["git", "daemon", "--reuseaddr", "--export-all", "--listen=127.0.0.1",
             f"--port={self.port}", f"--base-path={self.folder}", str(self.folder)],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise HubError(f"git daemon could not serve {self.folder} on port "
                               f"{self.port}: {self.process.stderr.read().strip()}")
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", self.port)) == 0:
                    return self
            time.sleep(0.1)
        self.__exit__()
        raise HubError(f"git daemon did not listen on port {self.port} within 10 s")

    def __exit__(self, *exc) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)


HUB_PORTS = 3  # see hub/jupyterhub_config.py: port, port + 1, port + 2


def hub_environment(state: Path, port: int, *, password: str | None = None,
                    api_token: str | None = None) -> dict[str, str]:
    """The environment `hub/jupyterhub_config.py` reads its settings from."""
    env = dict(os.environ, TWO_CHAIRS_HUB_STATE=str(state), TWO_CHAIRS_HUB_PORT=str(port),
               TWO_CHAIRS_PROXY=str(proxy_command()))
    # The learners' servers and kernels must find this environment's jupyter and python.
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    for name, value in (("TWO_CHAIRS_HUB_PASSWORD", password),
                        ("TWO_CHAIRS_HUB_API_TOKEN", api_token)):
        if value:
            env[name] = value
        else:
            env.pop(name, None)
    return env


def separate_accounts() -> bool:
    """Whether the hub gives each learner a system account of their own (it must be root)."""
    return os.getuid() == 0


def secure_state(state: Path) -> None:
    """The hub's state readable by its owner only (database, cookie secret, passwords,
    log: 0600; folders 0700), except the way to the learners' homes (0711: each learner
    can pass through to their own home, and list nothing)."""
    state.mkdir(parents=True, exist_ok=True)
    (state / "homes").mkdir(exist_ok=True)
    for path in (state, state / "homes"):
        path.chmod(0o711)
    for path in state.iterdir():
        if path.name not in ("homes", LEARNER_CONFIG):
            path.chmod(0o700 if path.is_dir() else 0o600)
    write_learner_config(state)


def write_learner_config(state: Path) -> Path:
    """The Jupyter configuration every learner's server reads (``JUPYTER_CONFIG_PATH``, set
    by the hub's config): nbgrader's teacher panels switched off in JupyterLab, and their
    server parts too. Readable by everyone (it holds no secret), in a folder learners reach
    by its name only."""
    folder = state / LEARNER_CONFIG
    (folder / "labconfig").mkdir(parents=True, exist_ok=True)
    (folder / "labconfig" / "page_config.json").write_text(json.dumps(
        {"disabledExtensions": {panel: True for panel in TEACHER_PANELS}}, indent=1), "utf-8")
    (folder / "jupyter_server_config.json").write_text(json.dumps(
        {"ServerApp": {"jpserver_extensions": {part: False for part in TEACHER_SERVER_PARTS}}},
        indent=1), "utf-8")
    for path in (folder, folder / "labconfig"):
        path.chmod(0o755)
    for path in (folder / "labconfig" / "page_config.json", folder / "jupyter_server_config.json"):
        path.chmod(0o644)
    return folder


def close_to_learners(root: Path = ROOT) -> list[str]:
    """Close the teacher's copy of the course to every other account, except what the
    learners' JupyterLab runs from (:data:`LEARNERS_USE`): the assessment's source, the
    tests, the docs and git's history become 0700 (files 0600), and the course folder 0711
    (others pass through to what they can name; they list nothing). Returns what it closed.
    """
    closed = []
    for path in sorted(root.iterdir()):
        if path.name in LEARNERS_USE or path == STATE:
            continue
        mode = path.lstat().st_mode & 0o7777
        if mode & 0o077 and not path.is_symlink():
            path.chmod(mode & 0o700)
            closed.append(path.name)
    root.chmod(root.stat().st_mode & 0o7700 | 0o711)
    return closed


def closed_to_others(paths: list[Path]) -> list[Path]:
    """The folders on the way to ``paths`` that other accounts cannot pass through."""
    blocked = []
    for path in paths:
        for folder in [*reversed(path.resolve().parents), path.resolve()]:
            if folder.is_dir() and not folder.stat().st_mode & 0o001 and folder not in blocked:
                blocked.append(folder)
    return blocked


def what_learners_run(state: Path = STATE) -> list[Path]:
    """What a learner's JupyterLab and kernel must open: this Python, its standard library,
    the environment, the course's library and the way to their homes."""
    import sysconfig

    return [Path(sys.executable), Path(sysconfig.get_paths()["stdlib"]), Path(sys.prefix),
            ROOT / "lesson_lib", state]


def start_hub(state: Path, port: int, *, password: str | None = None,
              api_token: str | None = None, log: Path | None = None) -> subprocess.Popen:
    """Start JupyterHub in the background and wait until it answers (at most 60 s)."""
    secure_state(state)
    log = log or state / "hub.log"
    with open(os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600), "ab") as out:
        hub = subprocess.Popen(
            [str(Path(sys.executable).with_name("jupyterhub")), "-f", str(HUB_CONFIG)],
            cwd=state, env=hub_environment(state, port, password=password,
                                           api_token=api_token),
            stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if hub.poll() is not None:
            raise HubError(f"JupyterHub stopped at start (exit {hub.returncode}); its log "
                           f"is {log}:\n{log.read_text('utf-8', 'replace')[-2000:]}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/hub/api/", timeout=2):
                return hub
        except (urllib.error.URLError, OSError):
            time.sleep(0.5)
    stop_hub(hub)
    raise HubError(f"JupyterHub did not answer on port {port} within 60 s; see {log}")


def stop_hub(hub: subprocess.Popen, timeout: float = 30) -> None:
    """Stop the hub; it stops the learners' servers and its proxy first."""
    if hub.poll() is None:
        hub.send_signal(signal.SIGTERM)
        try:
            hub.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(hub.pid, signal.SIGKILL)
            hub.wait()


def ready_to_start(root: Path = ROOT, state: Path = STATE) -> list[str]:
    """Check what must hold before learners come in, and close the teacher's files to
    them; lines that say what was done. Raises HubError with what to change."""
    from two_chairs_hub import listening_problem

    ip = os.environ.get("TWO_CHAIRS_HUB_IP", "127.0.0.1")
    problem = listening_problem(ip, separate_accounts=separate_accounts(),
                                class_password=os.environ.get("TWO_CHAIRS_HUB_PASSWORD", ""))
    if problem:
        raise HubError(problem)
    if not separate_accounts():
        return [f"Every learner's JupyterLab runs as you ({os.environ.get('USER', 'this user')}"
                "): learners can read each other's work. This is for trying the hub out; "
                "start it as root to give each learner an account of their own."]
    secure_state(state)
    blocked = closed_to_others(what_learners_run(state))
    if blocked:
        shown = " ".join(str(b) for b in blocked)
        raise HubError(
            f"the learners' accounts could not run this Python ({sys.executable}): "
            f"{shown} {'is' if len(blocked) == 1 else 'are'} closed to other accounts. "
            f"Either let them pass through (chmod o+x {shown}: other accounts can then open "
            "what they can name in it, and list nothing), or install the course with a "
            "Python every account can run (for example Debian's python3 and python3-venv: "
            "make clean, then make PYTHON=/usr/bin/python3 hub).")
    closed = close_to_learners(root)
    return [f"Each learner's JupyterLab runs as an account of their own (learner-<name>), "
            f"in a home only they can open, under {state / 'homes'}.",
            "Closed to the learners' accounts: " + (", ".join(closed) or "nothing new")
            + " (they reach only " + ", ".join(LEARNERS_USE) + ")."]


@dataclass
class RunningHub:
    url: str
    repo: str  # the published course's git address
    bare: Path
    process: subprocess.Popen


@contextlib.contextmanager
def running_hub(state: Path, *, password: str | None = None, api_token: str | None = None,
                open_the_way: bool = False) -> Iterator[RunningHub]:
    """A hub with the course published beside it, as `make hub` starts it, for the tests
    and the class benchmark; stopped, with the learners' accounts it made removed, at the
    end.

    ``open_the_way``: where the learners' accounts could not reach this Python (pyenv in a
    private /root), let other accounts pass through those folders while the hub runs, as
    `make hub` tells a teacher to, and put every mode back afterwards (with the course's
    own, which `make hub` closes to learners).
    """
    bare = state / "git" / COURSE_REPO
    publish_course(bare)
    modes: dict[Path, int] = {}
    try:
        if separate_accounts():
            secure_state(state)
            for path in [ROOT, *ROOT.iterdir()]:
                modes.setdefault(path, path.lstat().st_mode & 0o7777)
            if open_the_way:
                for folder in closed_to_others(what_learners_run(state)):
                    modes.setdefault(folder, folder.stat().st_mode & 0o7777)
                    folder.chmod(modes[folder] | 0o001)
        ready_to_start(state=state)
        with GitServer(bare.parent) as git:
            port = free_port(HUB_PORTS)
            hub = start_hub(state, port, password=password, api_token=api_token)
            try:
                yield RunningHub(f"http://127.0.0.1:{port}", git.url(bare.name), bare, hub)
            finally:
                stop_hub(hub)
    finally:
        if separate_accounts():
            from two_chairs_hub import remove_accounts

            remove_accounts(state / "homes")
        for path, mode in modes.items():
            if path.exists() and not path.is_symlink():
                path.chmod(mode)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["--remove-learners"]:
        from two_chairs_hub import remove_accounts

        removed = remove_accounts(STATE / "homes")
        print(f"Removed {len(removed)} learners' accounts ({', '.join(removed) or 'none'}); "
              f"their homes stay in {STATE / 'homes'}.")
        return 0
    port = int(args[0]) if args else HUB_PORT
    password = os.environ.get("TWO_CHAIRS_HUB_PASSWORD")
    try:
        for line in ready_to_start():
            print(line)
        commit = publish_course(STATE / "git" / COURSE_REPO, time.strftime(
            "Two Chairs for students, published %Y-%m-%d %H:%M"))
        with GitServer(STATE / "git", GIT_PORT) as git:
            hub = start_hub(STATE, port, password=password)
            repo = git.url(COURSE_REPO)
            print(f"\nThe course ({commit[:8]}) is published at {repo}")
            subprocess.run([sys.executable, "-m", "lesson_lib", "links", "--repo", repo,
                            "--hub", f"http://127.0.0.1:{port}"], check=False)
            print(f"\nOpen that JupyterHub link in a browser. At their first sign-in each "
                  f"learner chooses a name and a password of their own"
                  f"{' and types the class password' if password else ''}; after that only "
                  f"their own password opens their name.\n"
                  f"Learners' homes are in {STATE / 'homes'}; the hub's log is "
                  f"{STATE / 'hub.log'}.\nRun `make hub` again after changing the course to "
                  f"publish the change. Ctrl+C stops the hub.")
            try:
                hub.wait()
            except KeyboardInterrupt:
                print("Stopping the hub and every learner's server ...")
                stop_hub(hub)
    except (HubError, OSError) as err:
        print(f"No hub: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
