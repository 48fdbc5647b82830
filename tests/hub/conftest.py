"""A real JupyterHub for the tests: started on free ports, always stopped, with a REST client.

Prerequisites are installed or reported, never skipped: CI must run this test. Python packages
(jupyterhub, nbgitpuller) come from the test extra; configurable-http-proxy is installed from
the npm registry into .cache/chp the first time (Node.js and npm must be on PATH). Starting and
stopping the hub is tests/hub/launch.py, which the class-load benchmark uses too.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.hub.launch import ROOT, Hub, HubError, find_chp, running_hub

__all__ = ["LEARNERS", "ROOT", "Hub", "read_event_stream"]

LEARNERS = ("layla", "omar")


def _need(condition: bool, message: str) -> None:
    if not condition:
        pytest.fail(f"The JupyterHub test cannot run: {message}", pytrace=False)


@pytest.fixture(scope="session")
def chp_command() -> str:
    """configurable-http-proxy: on PATH, else in .cache/chp, else installed there now."""
    try:
        return find_chp()
    except HubError as exc:
        pytest.fail(f"The JupyterHub test cannot run: {exc}", pytrace=False)


@pytest.fixture(scope="session")
def hub_prerequisites(chp_command: str) -> str:
    for module, package in (("jupyterhub", "jupyterhub"), ("nbgitpuller", "nbgitpuller"),
                            ("websocket", "websocket-client"), ("requests", "requests")):
        _need(importlib.util.find_spec(module) is not None,
              f"the Python package {package} is missing (pip install -e '.[test]').")
    _need(shutil.which("git") is not None, "git is not on PATH (apt-get install git).")
    _need(sys.platform.startswith("linux"), "it finds its processes through /proc (Linux).")
    return chp_command


@pytest.fixture
def hub(hub_prerequisites: str, tmp_path: Path) -> Iterator[Hub]:
    """A running hub; on teardown the hub, the proxy, servers and kernels are all gone."""
    try:
        with running_hub(LEARNERS, tmp_path, hub_prerequisites) as running:
            yield running
    except HubError as exc:
        pytest.fail(str(exc), pytrace=False)


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
