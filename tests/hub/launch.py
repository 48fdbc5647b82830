"""Start the kit's test JupyterHub and stop everything it started: shared by tests/hub and bench.

The hub is tests/hub/jupyterhub_config.py (dummy authenticator, a home per learner,
configurable-http-proxy, all on 127.0.0.1), filled in from KIT_HUB_* environment variables.
Every process it starts carries the run's marker in its environment, so `stop_run` finds them
all (the hub, the proxy, learners' servers and kernels) whatever happened.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from tests.ports import free_port

ROOT = Path(__file__).resolve().parents[2]
CONFIG = Path(__file__).with_name("jupyterhub_config.py")
CHP_PREFIX = ROOT / ".cache" / "chp"


class HubError(RuntimeError):
    """The hub or a prerequisite could not be started; the message says what to do."""


def chp_package(node: str) -> str:
    """configurable-http-proxy 5 needs Node.js 20+; Debian 12 ships Node 18, which 4.x serves."""
    version = subprocess.run([node, "--version"], capture_output=True, text=True).stdout
    major = int(version.strip().lstrip("v").split(".")[0] or 0)
    return "configurable-http-proxy@5" if major >= 20 else "configurable-http-proxy@4"


def find_chp() -> str:
    """configurable-http-proxy: on PATH, else in .cache/chp, else installed there now."""
    found = shutil.which("configurable-http-proxy")
    if found:
        return found
    local = CHP_PREFIX / "node_modules" / ".bin" / "configurable-http-proxy"
    if not local.exists():
        npm, node = shutil.which("npm"), shutil.which("node")
        if npm is None or node is None:
            raise HubError("configurable-http-proxy needs Node.js and npm "
                           "(Debian/Ubuntu: apt-get install nodejs npm, or make nodejs).")
        package = chp_package(node)
        CHP_PREFIX.mkdir(parents=True, exist_ok=True)
        result = subprocess.run(
            [npm, "install", "--prefix", str(CHP_PREFIX), "--no-audit", "--no-fund",
             "--loglevel=error", package],
            capture_output=True, text=True, timeout=300)
        if result.returncode != 0 or not local.exists():
            raise HubError(f"npm install {package} failed:\n{result.stdout}\n{result.stderr}")
    return str(local)


# ---------------------------------------------------------------- stopping everything


def processes_of_run(marker: str) -> list[int]:
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


def kill_all(pids: list[int], sig: int) -> None:
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
    left = processes_of_run(marker)
    kill_all(left, signal.SIGTERM)
    deadline = time.monotonic() + 10
    while processes_of_run(marker) and time.monotonic() < deadline:
        time.sleep(0.2)
    kill_all(processes_of_run(marker), signal.SIGKILL)
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


def wait_for_hub(url: str, process: subprocess.Popen, log: Path, timeout: float) -> None:
    """Until the hub's REST API answers; HubError with the log's tail if it exits or is late."""
    import requests

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise HubError(f"JupyterHub exited with {process.returncode}:\n"
                           f"{log.read_text(errors='replace')[-4000:]}")
        try:
            if requests.get(url + "/hub/api/", timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.3)
    raise HubError(f"JupyterHub not up after {timeout:.0f} s:\n"
                   f"{log.read_text(errors='replace')[-4000:]}")


@contextmanager
def running_hub(users: Sequence[str], root: Path, chp: str, hub_args: Sequence[str] = (),
                timeout: float = 60) -> Iterator[Hub]:
    """The test hub for these users, its files under root; on exit it and all it started are
    gone (HubError if a process of the run survives)."""
    marker = uuid.uuid4().hex
    port = free_port()
    runtime = Path(tempfile.mkdtemp(prefix="kit-rt-"))  # short: kernel sockets live here
    env = {
        **os.environ,
        "KIT_HUB_ROOT": str(root), "KIT_HUB_PORT": str(port),
        "KIT_HUB_INTERNAL_PORT": str(free_port()),
        "KIT_HUB_PROXY_API_PORT": str(free_port()),
        "KIT_HUB_CHP": chp, "KIT_HUB_PASSWORD": secrets.token_urlsafe(12),
        "KIT_HUB_LEARNERS": ",".join(users), "KIT_HUB_ADMIN_TOKEN": secrets.token_hex(32),
        "KIT_HUB_TEACHER_TOKEN": secrets.token_hex(32), "KIT_HUB_RUN": marker,
        "KIT_HUB_RUNTIME": str(runtime),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    for name in ("KIT_ANSWERS_DIR", "KIT_DATA_DIR", "KIT_LEARNER"):
        env.pop(name, None)  # answers land in each learner's home, under the hub's user name
    (root / "home").mkdir(parents=True, exist_ok=True)
    log = root / "jupyterhub.log"
    process = None
    try:
        with open(log, "wb") as out:
            process = subprocess.Popen(
                [sys.executable, "-m", "jupyterhub", "-f", str(CONFIG), *hub_args],
                cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT,
                start_new_session=True)
        url = f"http://127.0.0.1:{port}"
        wait_for_hub(url, process, log, timeout)
        yield Hub(url=url, root=root, admin_token=env["KIT_HUB_ADMIN_TOKEN"], log=log,
                  process=process, marker=marker, password=env["KIT_HUB_PASSWORD"],
                  teacher_token=env["KIT_HUB_TEACHER_TOKEN"])
    finally:
        stop_run(process, marker)
        shutil.rmtree(runtime, ignore_errors=True)
        left = processes_of_run(marker)
        if left:
            raise HubError(f"processes of the hub run still running: {left}")
