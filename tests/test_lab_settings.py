"""JupyterLab's news and update notices stay off: settings overrides installed with the kit."""

from __future__ import annotations

import json
import os
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
OVERRIDES = ROOT / "jupyter-config" / "lab-settings" / "overrides.json"
NOTIFICATION = "@jupyterlab/apputils-extension:notification"


def test_the_overrides_turn_off_news_and_update_checks():
    settings = json.loads(OVERRIDES.read_text(encoding="utf-8"))[NOTIFICATION]
    assert settings == {"fetchNews": "false", "checkForUpdates": False}


def test_the_overrides_match_jupyterlabs_own_schema():
    """The keys and value types are the ones JupyterLab's notification plugin declares."""
    schema_file = (Path(sys.prefix) / "share" / "jupyter" / "lab" / "schemas" /
                   "@jupyterlab" / "apputils-extension" / "notification.json")
    schema = json.loads(schema_file.read_text(encoding="utf-8"))["properties"]
    settings = json.loads(OVERRIDES.read_text(encoding="utf-8"))[NOTIFICATION]
    assert set(settings) <= set(schema)
    never = [c for c in schema["fetchNews"]["oneOf"] if c["title"] == "Never"]
    assert never and settings["fetchNews"] == never[0]["const"]
    assert isinstance(settings["checkForUpdates"], bool)


def test_the_overrides_are_installed_where_jupyterlab_reads_them():
    shared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))[
        "tool"]["hatch"]["build"]["targets"]["wheel"]["shared-data"]
    assert shared["jupyter-config/lab-settings/overrides.json"] == \
        "share/jupyter/lab/settings/overrides.json"
    from jupyterlab.labapp import LabApp

    app = LabApp()
    app.app_settings_dir = app.app_settings_dir  # resolved from sys.prefix
    installed = Path(app.app_settings_dir) / "overrides.json"
    assert installed.parent == Path(sys.prefix) / "share" / "jupyter" / "lab" / "settings"
    assert installed.exists(), f"{installed} is missing: reinstall the kit (make lab)"
    assert json.loads(installed.read_text(encoding="utf-8")) == \
        json.loads(OVERRIDES.read_text(encoding="utf-8"))


@pytest.mark.slow
def test_a_fresh_jupyterlab_serves_the_notices_off(tmp_path):
    """JupyterLab started as `make lab` does (no user settings) sends the browser these
    defaults: no news fetched, no update check, so no pop-up covers the lesson."""
    import secrets
    import subprocess
    import time
    import urllib.request

    from tests.ports import free_port

    port, token = free_port(), secrets.token_hex(8)
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(tmp_path / "config"),
           "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
           "JUPYTER_DATA_DIR": str(tmp_path / "data")}
    args = [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={tmp_path}",
            f"--LabApp.user_settings_dir={tmp_path / 'user-settings'}",
            f"--LabApp.workspaces_dir={tmp_path / 'workspaces'}"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.append("--ServerApp.allow_root=True")
    proc = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        url = (f"http://127.0.0.1:{port}/lab/api/settings/"
               "@jupyterlab/apputils-extension:notification")
        request = urllib.request.Request(url, headers={"Authorization": f"token {token}"})
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(request, timeout=5) as response:
                    data = json.loads(response.read())
                break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise
                time.sleep(0.3)
        defaults = data["schema"]["properties"]
        assert defaults["fetchNews"]["default"] == "false"
        assert defaults["checkForUpdates"]["default"] is False
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
