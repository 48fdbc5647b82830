"""A real JupyterHub for the tests: started on free ports, always stopped, with a REST client.

Prerequisites are installed or reported, never skipped: CI must run this test. Python packages
(jupyterhub, nbgitpuller) come from the test extra; configurable-http-proxy is installed from
the npm registry into .cache/chp the first time (Node.js and npm must be on PATH).
"""

from __future__ import annotations

import importlib.util
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
CONFIG = Path(__file__).with_name("jupyterhub_config.py")
CHP_PREFIX = ROOT / ".cache" / "chp"

def _chp_package(node: str) -> str:
    """configurable-http-proxy 5 needs Node.js 20+; Debian 12 ships Node 18, which 4.x serves."""
    version = subprocess.run([node, "--version"], capture_output=True, text=True).stdout
    major = int(version.strip().lstrip("v").split(".")[0] or 0)
    return "configurable-http-proxy@5" if major >= 20 else "configurable-http-proxy@4"
LEARNERS = ("layla", "omar")


def _need(condition: bool, message: str) -> None:
    if not condition:
        pytest.fail(f"The JupyterHub test cannot run: {message}", pytrace=False)


@pytest.fixture(scope="session")
def chp_command() -> str:
    """configurable-http-proxy: on PATH, else in .cache/chp, else installed there now."""
    found = shutil.which("configurable-http-proxy")
    if found:
        return found
    local = CHP_PREFIX / "node_modules" / ".bin" / "configurable-http-proxy"
    if not local.exists():
        npm, node = shutil.which("npm"), shutil.which("node")
        _need(npm is not None and node is not None,
              "configurable-http-proxy needs Node.js and npm "
              "(Debian/Ubuntu: apt-get install nodejs npm).")
        package = _chp_package(node)
        CHP_PREFIX.mkdir(parents=True, exist_ok=True)
        result = subprocess.run(
            [npm, "install", "--prefix", str(CHP_PREFIX), "--no-audit", "--no-fund",
             "--loglevel=error", package],
            capture_output=True, text=True, timeout=300)
        _need(result.returncode == 0 and local.exists(),
              f"npm install {package} failed:\n{result.stdout}\n{result.stderr}")
    return str(local)


@pytest.fixture(scope="session")
def hub_prerequisites(chp_command: str) -> str:
    for module, package in (("jupyterhub", "jupyterhub"), ("nbgitpuller", "nbgitpuller"),
                            ("websocket", "websocket-client"), ("requests", "requests")):
        _need(importlib.util.find_spec(module) is not None,
              f"the Python package {package} is missing (pip install -e '.[test]').")
    _need(shutil.which("git") is not None, "git is not on PATH (apt-get install git).")
    _need(sys.platform.startswith("linux"), "it finds its processes through /proc (Linux).")
    return chp_command


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ---------------------------------------------------------------- stopping everything


def _processes_of_run(marker: str) -> list[int]:
    """Every live process whose environment carries this run's marker (ours, by construction)."""
    needle = f"KIT_HUB_RUN={marker}".encode()
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            if needle in (entry / "environ").read_bytes().split(b"\0"):
                pids.append(int(entry.name))
        except OSError:
            continue
    return pids


def _kill_all(pids: list[int], sig: int) -> None:
    for pid in pids:
        try:
            os.kill(pid, sig)
        except (ProcessLookupError, PermissionError):
            pass


def stop_run(hub: subprocess.Popen | None, marker: str) -> list[int]:
    """Stop the hub gently (it stops the proxy and the learners' servers), then force the rest."""
    if hub is not None and hub.poll() is None:
        hub.send_signal(signal.SIGTERM)
        try:
            hub.wait(timeout=30)
        except subprocess.TimeoutExpired:
            hub.kill()
            hub.wait(timeout=10)
    left = _processes_of_run(marker)
    _kill_all(left, signal.SIGTERM)
    deadline = time.monotonic() + 10
    while _processes_of_run(marker) and time.monotonic() < deadline:
        time.sleep(0.2)
    _kill_all(_processes_of_run(marker), signal.SIGKILL)
    return left


# ---------------------------------------------------------------- the hub and its client


@dataclass
class Hub:
    url: str
    root: Path
    admin_token: str
    log: Path
    process: subprocess.Popen
    marker: str
    password: str
    teacher_token: str
    tokens: dict[str, str] = field(default_factory=dict)
    browsers: dict[str, object] = field(default_factory=dict)

    def home(self, learner: str) -> Path:
        return self.root / "home" / learner

    @property
    def class_dir(self) -> Path:
        """The class's shared folder (live class view): one sub-folder per learner."""
        return self.root / "class-live"

    def log_tail(self, lines: int = 60) -> str:
        text = self.log.read_text(encoding="utf-8", errors="replace")
        return "\n".join(text.splitlines()[-lines:])

    def api(self, method: str, path: str, token: str | None = None, **kw):
        import requests

        headers = {"Authorization": f"token {token or self.admin_token}"}
        response = requests.request(method, self.url + path, headers=headers, timeout=60, **kw)
        return response

    def check(self, response, *ok: int):
        assert response.status_code in (ok or (200,)), (
            f"{response.request.method} {response.url} -> {response.status_code}: "
            f"{response.text[:800]}\n--- hub log ---\n{self.log_tail()}")
        return response

    def start_servers(self, learners: tuple[str, ...], timeout: float = 120) -> None:
        for name in learners:
            self.check(self.api("POST", f"/hub/api/users/{name}"), 201, 409)
            self.check(self.api("POST", f"/hub/api/users/{name}/server"), 201, 202)
        deadline = time.monotonic() + timeout
        waiting = set(learners)
        while waiting:
            for name in sorted(waiting):
                model = self.check(self.api("GET", f"/hub/api/users/{name}")).json()
                if model.get("servers", {}).get("", {}).get("ready"):
                    waiting.discard(name)
            assert time.monotonic() < deadline, (
                f"servers of {sorted(waiting)} not ready after {timeout:.0f} s\n{self.log_tail()}")
            time.sleep(0.5)

    def browser(self, learner: str):
        """A cookie session logged in through the hub's login form, as a learner's browser."""
        import requests

        if learner not in self.browsers:
            session = requests.Session()
            self.check(session.get(f"{self.url}/hub/login", timeout=30))
            xsrf = session.cookies.get("_xsrf", "")
            reply = self.check(session.post(
                f"{self.url}/hub/login", timeout=60, data={
                    "username": learner, "password": self.password, "_xsrf": xsrf}))
            assert urlsplit(reply.url).path.startswith(f"/user/{learner}/"), (
                f"{learner} could not log in: ended at {reply.url}\n{self.log_tail()}")
            self.browsers[learner] = session
        return self.browsers[learner]

    def token_for(self, learner: str) -> str:
        if learner not in self.tokens:
            reply = self.check(self.api("POST", f"/hub/api/users/{learner}/tokens",
                                        json={"note": "kit hub test", "expires_in": 3600}),
                               200, 201)
            self.tokens[learner] = reply.json()["token"]
        return self.tokens[learner]


def _wait_for_hub(url: str, process: subprocess.Popen, log: Path, timeout: float) -> None:
    import requests

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"JupyterHub exited with {process.returncode}:\n"
                        f"{log.read_text(errors='replace')[-4000:]}", pytrace=False)
        try:
            if requests.get(url + "/hub/api/", timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.3)
    pytest.fail(f"JupyterHub not up after {timeout:.0f} s:\n"
                f"{log.read_text(errors='replace')[-4000:]}", pytrace=False)


@pytest.fixture
def hub(hub_prerequisites: str, tmp_path: Path) -> Iterator[Hub]:
    """A running hub; on teardown the hub, the proxy, servers and kernels are all gone."""
    marker = uuid.uuid4().hex
    port = _free_port()
    env = {
        **os.environ,
        "KIT_HUB_ROOT": str(tmp_path),
        "KIT_HUB_PORT": str(port),
        "KIT_HUB_INTERNAL_PORT": str(_free_port()),
        "KIT_HUB_PROXY_API_PORT": str(_free_port()),
        "KIT_HUB_CHP": hub_prerequisites,
        "KIT_HUB_PASSWORD": secrets.token_urlsafe(12),
        "KIT_HUB_LEARNERS": ",".join(LEARNERS),
        "KIT_HUB_ADMIN_TOKEN": secrets.token_hex(32),
        "KIT_HUB_TEACHER_TOKEN": secrets.token_hex(32),
        "KIT_HUB_RUN": marker,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    env.pop("KIT_ANSWERS_DIR", None)  # answers must land beside each learner's notebooks
    env.pop("KIT_DATA_DIR", None)
    (tmp_path / "home").mkdir()
    log = tmp_path / "jupyterhub.log"
    process = None
    try:
        with open(log, "wb") as out:
            process = subprocess.Popen(
                [sys.executable, "-m", "jupyterhub", "-f", str(CONFIG)],
                cwd=tmp_path, env=env, stdout=out, stderr=subprocess.STDOUT,
                start_new_session=True)
        url = f"http://127.0.0.1:{port}"
        _wait_for_hub(url, process, log, timeout=60)
        yield Hub(url=url, root=tmp_path, admin_token=env["KIT_HUB_ADMIN_TOKEN"], log=log,
                  process=process, marker=marker, password=env["KIT_HUB_PASSWORD"],
                  teacher_token=env["KIT_HUB_TEACHER_TOKEN"])
    finally:
        stop_run(process, marker)
        assert not _processes_of_run(marker), "processes of the hub test are still running"


def read_event_stream(response) -> list[dict]:
    """The JSON events of nbgitpuller's progress stream, up to 'finished' or 'error'."""
    events = []
    for line in response.iter_lines(decode_unicode=True):
        if not line or not line.startswith("data:"):
            continue
        event = json.loads(line[5:].strip())
        events.append(event)
        if event.get("phase") in ("finished", "error"):
            break
    return events
