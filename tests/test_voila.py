"""The class dashboard also runs as a Voilà app: the page renders its tables and charts."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.ports import free_port

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_dashboard_renders_as_a_voila_app(lang, tmp_path):
    port = free_port()
    env = {**os.environ, "KIT_ANSWERS_DIR": str(tmp_path / "answers"),
           "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
           "KIT_CLASS_DIR": str(tmp_path / "class"),  # empty: only the demo shows learners
           "KIT_DASHBOARD_DEMO": "1"}
    notebook = ROOT / "notebooks" / "teacher" / lang / "class_dashboard.ipynb"
    proc = subprocess.Popen(
        [sys.executable, "-m", "voila", str(notebook), "--no-browser", f"--port={port}",
         "--Voila.ip=127.0.0.1", "--Voila.port_retries=0"],
        cwd=notebook.parent, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        start_new_session=True)
    try:
        page = ""
        for _ in range(60):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=120) as resp:
                    page = resp.read().decode("utf-8")
                break
            except OSError:
                time.sleep(0.5)
        assert page, "Voilà did not answer"
        assert page.count("application/vnd.plotly.v1+json") >= 4
        assert "kit-dashboard-summary" in page
        for section in ("kit-reteach", "kit-prepost", "kit-open-summary"):
            assert section in page, section
        assert "Traceback" not in page and '"output_type": "error"' not in page
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
