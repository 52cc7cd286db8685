"""A class of learners on a running JupyterHub, each doing what a learner's browser does.

For every learner, at once: log in (the hub's REST API creates the user), start their
JupyterLab, follow the nbgitpuller link (the same ``git-pull`` endpoint the link's page
calls), open a lesson (a session through the server's REST API, as JupyterLab does) and
run every code cell over the kernel's websocket, as *Run All* does. Meanwhile a sampler
reads the memory and processor time of every learner's processes.

Used by tests/test_hub.py (a few learners) and benchmarks/class_on_hub.py (a class of 30).
It needs a hub started with a service token (``TWO_CHAIRS_HUB_API_TOKEN``) that may start
servers and reach them: `tools/local_hub.py`'s ``start_hub(..., api_token=...)``.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlencode

import nbformat
import psutil
from tornado.httpclient import AsyncHTTPClient, HTTPClientError, HTTPRequest
from tornado.websocket import websocket_connect

MB = 2**20


@dataclass
class Learner:
    """What happened to one learner: the seconds each step took, and any failure."""

    name: str
    seconds: dict[str, float] = field(default_factory=dict)
    cells_run: int = 0
    failure: str = ""
    finished_at: float = 0.0  # time.monotonic() when this learner was done (or failed)


@dataclass
class ClassReport:
    learners: list[Learner]
    seconds: float  # from the first login to the last learner's last cell
    peak_rss_mb: dict[str, float]  # per learner: their server and kernels, summed
    peak_pss_mb: dict[str, float]  # the same, shared pages split between processes
    cpu_seconds: dict[str, float]  # per learner, processor time of their processes
    hub_peak_rss_mb: float  # the hub and its proxy
    system_peak_mb: float  # memory in use on the machine above what it used before

    @property
    def failures(self) -> list[Learner]:
        return [learner for learner in self.learners if learner.failure]


class _Sampler(threading.Thread):
    """Reads, every ``interval`` seconds, the memory of the processes under each home."""

    def __init__(self, homes: Path, hub_pid: int, interval: float = 1.0):
        super().__init__(daemon=True)
        self.homes, self.hub_pid, self.interval = homes.resolve(), hub_pid, interval
        self.peak_rss: dict[str, float] = {}
        self.peak_pss: dict[str, float] = {}
        self.cpu: dict[int, tuple[str, float]] = {}
        self.hub_peak = 0.0
        self.baseline = psutil.virtual_memory().used
        self.system_peak = 0
        self.stopping = threading.Event()

    def _owner(self, process: psutil.Process) -> str | None:
        try:
            where = Path(process.cwd())
        except (psutil.Error, OSError):
            return None
        return where.relative_to(self.homes).parts[0] if where.is_relative_to(
            self.homes) and where != self.homes else None

    def sample(self) -> None:
        rss: dict[str, float] = {}
        pss: dict[str, float] = {}
        for process in psutil.process_iter():
            owner = self._owner(process)
            if owner is None:
                continue
            try:
                memory = process.memory_full_info()
                times = process.cpu_times()
            except psutil.Error:
                continue
            rss[owner] = rss.get(owner, 0) + memory.rss / MB
            pss[owner] = pss.get(owner, 0) + getattr(memory, "pss", memory.rss) / MB
            self.cpu[process.pid] = (owner, times.user + times.system)
        for owner, value in rss.items():
            self.peak_rss[owner] = max(self.peak_rss.get(owner, 0), value)
            self.peak_pss[owner] = max(self.peak_pss.get(owner, 0), pss[owner])
        try:
            hub = psutil.Process(self.hub_pid)
            self.hub_peak = max(self.hub_peak, sum(
                p.memory_info().rss for p in [hub, *hub.children()]
                if self._owner(p) is None) / MB)
        except psutil.Error:
            pass
        self.system_peak = max(self.system_peak, psutil.virtual_memory().used - self.baseline)

    def run(self) -> None:
        while not self.stopping.wait(self.interval):
            self.sample()

    def cpu_seconds(self) -> dict[str, float]:
        totals: dict[str, float] = {}
        for owner, seconds in self.cpu.values():
            totals[owner] = totals.get(owner, 0) + seconds
        return totals


class _Hub:
    def __init__(self, url: str, token: str):
        self.url, self.token = url.rstrip("/"), token
        self.http = AsyncHTTPClient(max_clients=200)

    async def call(self, method: str, path: str, body: object = None,
                   timeout: float = 300) -> dict | str:
        request = HTTPRequest(
            f"{self.url}{path}", method=method, request_timeout=timeout,
            headers={"Authorization": f"token {self.token}"},
            body=None if body is None and method == "GET" else json.dumps(body or {}),
            allow_nonstandard_methods=True)
        response = await self.http.fetch(request)
        text = response.body.decode("utf-8") if response.body else ""
        is_json = response.headers.get("Content-Type", "").startswith("application/json")
        return json.loads(text) if is_json and text else text


async def _start_server(hub: _Hub, learner: Learner, timeout: float) -> None:
    try:
        await hub.call("POST", f"/hub/api/users/{learner.name}")
    except HTTPClientError as err:
        if err.code != 409:  # 409: the learner has logged in before
            raise
    try:
        await hub.call("POST", f"/hub/api/users/{learner.name}/server")
    except HTTPClientError as err:
        if err.code != 400:  # 400: their server is already running
            raise
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        model = await hub.call("GET", f"/hub/api/users/{learner.name}")
        if model["servers"].get("", {}).get("ready"):
            return
        await asyncio.sleep(0.5)
    raise TimeoutError(f"server not ready after {timeout:.0f} s")


async def _pull(hub: _Hub, learner: Learner, link_fields: dict[str, str]) -> None:
    query = urlencode({k: v for k, v in link_fields.items() if k != "urlpath"})
    events = await hub.call("GET", f"/user/{learner.name}/git-pull/api?{query}")
    phases = [json.loads(line[len("data: "):]) for line in str(events).splitlines()
              if line.startswith("data: ")]
    if not phases or phases[-1].get("phase") != "finished":
        last = phases[-1] if phases else {}
        raise RuntimeError(f"nbgitpuller: {last.get('message', 'no answer')}")


async def _run_lesson(hub: _Hub, learner: Learner, notebook_path: str) -> None:
    server = f"/user/{learner.name}/api"
    contents = await hub.call("GET", f"{server}/contents/{quote(notebook_path)}")
    notebook = nbformat.from_dict(contents["content"])
    session = await hub.call("POST", f"{server}/sessions", {
        "path": notebook_path, "type": "notebook", "name": Path(notebook_path).name,
        "kernel": {"name": "python3"}})
    kernel_id = session["kernel"]["id"]
    socket = await _kernel_socket(hub, server, kernel_id)
    try:
        for cell in notebook.cells:
            if cell.cell_type != "code":
                continue
            message, _printed = await _execute(socket, cell.source, learner.name)
            if message["content"]["status"] != "ok":
                raise RuntimeError(f"cell {learner.cells_run + 1} failed: "
                                   f"{message['content'].get('ename')}: "
                                   f"{message['content'].get('evalue')}")
            learner.cells_run += 1
    finally:
        socket.close()
        await hub.call("DELETE", f"{server}/sessions/{session['id']}")


async def _kernel_socket(hub: _Hub, server: str, kernel_id: str):
    ws_url = hub.url.replace("http", "ws", 1) + (
        f"{server}/kernels/{kernel_id}/channels?session_id={uuid.uuid4().hex}")
    return await websocket_connect(HTTPRequest(
        ws_url, headers={"Authorization": f"token {hub.token}"}, request_timeout=60))


async def _execute(socket, code: str, username: str) -> tuple[dict, str]:
    """Run ``code`` in the kernel behind ``socket``, as a cell runs; its reply and what it
    printed."""
    message_id = uuid.uuid4().hex
    socket.write_message(json.dumps({
        "header": {"msg_id": message_id, "msg_type": "execute_request",
                   "username": username, "session": uuid.uuid4().hex,
                   "version": "5.3", "date": ""},
        "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
        "content": {"code": code, "silent": False, "store_history": True,
                    "user_expressions": {}, "allow_stdin": False,
                    "stop_on_error": True}}))
    printed, reply, idle = [], None, False
    # The reply comes on the shell channel, the printed text and "idle" on iopub: the text
    # may come after the reply (on a loaded machine it did), never after "idle".
    while reply is None or not idle:
        raw = await asyncio.wait_for(socket.read_message(), 300)
        if raw is None:
            raise RuntimeError("the kernel's websocket closed")
        if isinstance(raw, bytes):
            continue  # a binary frame carries widget buffers, not a reply
        message = json.loads(raw)
        if message["parent_header"].get("msg_id") != message_id:
            continue
        kind = message.get("msg_type")
        if kind == "stream":
            printed.append(message["content"]["text"])
        elif kind == "execute_reply":
            reply = message
        elif kind == "status" and message["content"].get("execution_state") == "idle":
            idle = True
    return reply, "".join(printed)


def run_code(hub_url: str, token: str, learner: str, code: str,
             start_timeout: float = 300) -> str:
    """Run ``code`` in a new kernel of ``learner``'s own server (started if it is not
    running), as that learner would in a notebook; what it printed. Raises RuntimeError
    with the error if the code fails."""

    async def once() -> str:
        hub = _Hub(hub_url, token)
        await _start_server(hub, Learner(learner), start_timeout)
        server = f"/user/{learner}/api"
        kernel = await hub.call("POST", f"{server}/kernels", {"name": "python3"})
        socket = await _kernel_socket(hub, server, kernel["id"])
        try:
            message, printed = await _execute(socket, code, learner)
        finally:
            socket.close()
            await hub.call("DELETE", f"{server}/kernels/{kernel['id']}")
        if message["content"]["status"] != "ok":
            raise RuntimeError(f"{message['content'].get('ename')}: "
                               f"{message['content'].get('evalue')}")
        return printed

    with concurrent.futures.ThreadPoolExecutor(1) as worker:
        return worker.submit(asyncio.run, once()).result()


async def _one_learner(hub: _Hub, learner: Learner, link_fields: dict[str, str],
                       notebook_path: str, start_timeout: float) -> None:
    steps = (("start", lambda: _start_server(hub, learner, start_timeout)),
             ("pull", lambda: _pull(hub, learner, link_fields)),
             ("lesson", lambda: _run_lesson(hub, learner, notebook_path)))
    try:
        for step, action in steps:
            began = time.monotonic()
            try:
                await action()
            except Exception as err:  # the report says which learner failed where, and why
                learner.failure = f"{step}: {type(err).__name__}: {err}"
                return
            finally:
                learner.seconds[step] = time.monotonic() - began
    finally:
        learner.finished_at = time.monotonic()


def run_class(hub_url: str, token: str, link_fields: dict[str, str], lesson: str,
              learners: int, homes: Path, hub_pid: int, start_timeout: float = 600,
              stop_servers: bool = True) -> ClassReport:
    """Every learner at once, from login to the lesson's last cell; what it took.

    ``link_fields`` are the nbgitpuller link's query fields (repo, branch, targetpath);
    ``lesson`` is the notebook's path inside the clone, e.g. notebooks/03_actor_map.ipynb.
    """
    folder = link_fields.get("targetpath") or link_fields["repo"].rstrip("/").rsplit("/")[-1]
    notebook_path = f"{folder}/{lesson}"
    names = [f"learner{n:03d}" for n in range(1, learners + 1)]
    class_list = [Learner(name) for name in names]
    sampler = _Sampler(homes, hub_pid)
    sampler.start()

    async def everyone() -> None:
        hub = _Hub(hub_url, token)
        await asyncio.gather(*(_one_learner(hub, learner, link_fields, notebook_path,
                                            start_timeout) for learner in class_list))
        sampler.sample()  # the last moment with every server still running
        if stop_servers:
            await asyncio.gather(*(hub.call("DELETE", f"/hub/api/users/{name}/server")
                                   for name in names), return_exceptions=True)

    began = time.monotonic()
    try:
        # A loop of its own in a thread of its own: the caller may be inside a running loop
        # (Playwright's synchronous API keeps one running in the test process).
        with concurrent.futures.ThreadPoolExecutor(1) as worker:
            worker.submit(asyncio.run, everyone()).result()
    finally:
        sampler.stopping.set()
        sampler.join()
    finished = max((learner.finished_at for learner in class_list), default=began)
    return ClassReport(learners=class_list, seconds=finished - began,
                       peak_rss_mb=sampler.peak_rss, peak_pss_mb=sampler.peak_pss,
                       cpu_seconds=sampler.cpu_seconds(), hub_peak_rss_mb=sampler.hub_peak,
                       system_peak_mb=sampler.system_peak / MB)
