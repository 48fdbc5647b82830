"""JupyterLab's news and update notices stay off: settings overrides installed with the kit."""

from __future__ import annotations

import json
import sys
import tomllib
from pathlib import Path

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
