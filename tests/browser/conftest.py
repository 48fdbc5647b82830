"""One JupyterLab server and one headless Chromium for the whole browser-test session."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from tests.browser.jupyterlab import (
    CHROMIUM,
    CHROMIUM_ARGS,
    ROOT,
    LabServer,
    NotebookTab,
)

AXE_VERSION = "4.14.1"
AXE_DIR = ROOT / ".cache" / "axe-core"
AXE_SCRIPT = AXE_DIR / "node_modules" / "axe-core" / "axe.min.js"
VIEWPORT = {"width": 1366, "height": 768}  # a common school laptop (issue 13)


@pytest.fixture(scope="session")
def lab():
    """JupyterLab on 127.0.0.1 serving a temporary copy of notebooks/ with its own answers."""
    workdir = Path(tempfile.mkdtemp(prefix="kit-browser-"))
    server = LabServer(workdir)
    try:
        server.start()
        yield server
    finally:
        server.stop()
        shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture(scope="session")
def playwright():
    """The one Playwright of the test session: its sync API cannot be started twice at once,
    so every browser test (JupyterLab, JupyterLite, chart labels) launches from this one."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make test`, which installs Debian's chromium "
                    "(or `sudo apt-get install chromium`).", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as instance:
        yield instance


@pytest.fixture(scope="session")
def browser_context(playwright, tmp_path_factory):
    context = playwright.chromium.launch_persistent_context(
        str(tmp_path_factory.mktemp("chromium-profile")), executable_path=str(CHROMIUM),
        headless=True, args=CHROMIUM_ARGS, viewport=VIEWPORT, locale="en-US")
    try:
        yield context
    finally:
        context.close()


@pytest.fixture
def page(browser_context, lab):
    """A fresh tab on an empty answers folder; its notebook kernels end with the test."""
    lab.shutdown_sessions()
    lab.clear_answers()
    page = browser_context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())  # "leave page?" on reload
    try:
        yield page
    finally:
        page.close()
        lab.shutdown_sessions()


@pytest.fixture
def open_notebook(page, lab):
    """open_notebook("ar/00_start_here.ipynb") → a NotebookTab with an idle Python kernel."""
    return lambda path: NotebookTab(page, lab, path).open()


@pytest.fixture(scope="session")
def axe_script() -> Path:
    """axe-core's script, installed once with npm into .cache/axe-core (git-ignored)."""
    if not AXE_SCRIPT.exists():
        npm = shutil.which("npm")
        if npm is None:
            pytest.fail("npm is needed once to fetch axe-core for the accessibility tests "
                        "(apt-get install npm), or put axe.min.js at " + str(AXE_SCRIPT),
                        pytrace=False)
        import filelock

        AXE_DIR.mkdir(parents=True, exist_ok=True)
        with filelock.FileLock(str(AXE_DIR / ".install.lock"), timeout=300):
            if not AXE_SCRIPT.exists():
                done = subprocess.run(
                    [npm, "install", "--prefix", str(AXE_DIR), "--no-save", "--no-audit",
                     "--no-fund", "--loglevel=error", f"axe-core@{AXE_VERSION}"],
                    capture_output=True, text=True, timeout=300,
                    env={**os.environ, "npm_config_update_notifier": "false"})
                if done.returncode or not AXE_SCRIPT.exists():
                    pytest.fail(f"npm could not install axe-core@{AXE_VERSION}:\n"
                                f"{done.stdout[-2000:]}\n{done.stderr[-2000:]}", pytrace=False)
    return AXE_SCRIPT

