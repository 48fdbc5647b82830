"""JupyterLab's own interface switched to Arabic once (jupyterlab-language-pack-ar-SA).

The pack translates only part of JupyterLab (docs/arabic-interface.md): this test proves the
switch works, records what a learner sees in a screenshot, and checks that the kit's lesson
still renders right-to-left under the Arabic interface.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from pathlib import Path

import pytest

from tests.browser.jupyterlab import ROOT, LabServer, NotebookTab

LOCALE_SETTINGS = "@jupyterlab/translation-extension/plugin.jupyterlab-settings"
ARTIFACTS = ROOT / "test-artifacts" / "browser"


@pytest.mark.browser
def test_arabic_interface_switch_and_screenshot(browser_context):
    import importlib.util

    assert importlib.util.find_spec("jupyterlab_language_pack_ar_SA"), \
        "jupyterlab-language-pack-ar-SA is missing: run `make test` (it installs .[test])"
    workdir = Path(tempfile.mkdtemp(prefix="kit-browser-ar-ui-"))
    server = LabServer(workdir)
    try:
        server.start()
        settings = workdir / "settings" / LOCALE_SETTINGS
        settings.parent.mkdir(parents=True, exist_ok=True)
        settings.write_text(json.dumps({"locale": "ar_SA"}), encoding="utf-8")
        locales = server.api("GET", "/lab/api/translations/")
        assert "ar_SA" in json.dumps(locales)
        page = browser_context.new_page()
        page.on("dialog", lambda d: d.accept())
        try:
            tab = NotebookTab(page, server, "ar/00_start_here.ipynb").open()
            menus = page.locator(".lm-MenuBar-item").all_inner_texts()
            arabic = [m for m in menus if re.search(r"[\u0600-\u06FF]", m)]
            assert arabic, f"no Arabic menu: {menus}"  # the pack's «مساعده» (Help)
            tab.run_all(timeout=120)
            report = tab.wait_for_charts()
            assert report["misaligned"] == []
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            page.locator(".lm-MenuBar-item").last.click()  # the Help menu, the one in Arabic
            page.screenshot(path=str(ARTIFACTS / "ar-interface-language-pack.png"))
            page.keyboard.press("Escape")
        finally:
            page.close()
    finally:
        server.stop()
        shutil.rmtree(workdir, ignore_errors=True)
