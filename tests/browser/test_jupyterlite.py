"""The kit as a JupyterLite site (issue 16), as a learner with no server meets it.

The offline site (lite/build.py; `make test` builds it first with `make lite`) is served by a
plain static file server on 127.0.0.1 and opened in headless Chromium. Every request to any
other host is blocked and counted: there must be none. Lesson 00 in both editions and lesson 03
in Arabic: Run All with no error, widgets and charts drawn, two checks answered (wrong, then
right), the page reloaded (a new Pyodide kernel) and run again: the answers come back from the
browser's storage. Screenshots go to test-artifacts/lite/, timings to
test-artifacts/lite/timings.json (docs/jupyterlite.md quotes them).
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.browser.jupyterlab import CHROMIUM, CHROMIUM_ARGS, ROOT, NotebookTab, lesson_of
from tests.browser.test_lessons_browser import (
    _asked_choices,
    _norm,
    _wrong_and_right,
    assert_rendered,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SITE = ROOT / "lite" / "_output"
ARTIFACTS = ROOT / "test-artifacts" / "lite"
LESSONS = ["ar/00_start_here.ipynb", "en/00_start_here.ipynb", "ar/03_numbers.ipynb"]
# What the first cell says in the browser (kit.platform.browser_notice), in part.
BROWSER_NOTICE = {"ar": "تُحفَظ إجاباتك في هذا المتصفّح",
                  "en": "your answers are kept in this browser"}
KERNEL_TIMEOUT = 180.0  # the first Pyodide start on a busy 2-core machine
RUN_TIMEOUT = 240.0

# Progress read from the notebook's model, not from the page: JupyterLab draws only the cells
# in view, so prompts counted in the page miss cells below the fold.
_MODEL_PROGRESS_JS = """() => {
  const app = window.jupyterapp;
  const w = app && app.shell.currentWidget;
  if (!w || !w.content || !w.content.model || !w.sessionContext) return null;
  const ctx = w.sessionContext;
  const kernel = ctx.session && ctx.session.kernel;
  const prompts = [];
  for (const c of w.content.model.cells) {
    if (c.type === 'code') prompts.push(c.executionCount ? `[${c.executionCount}]:` : '[ ]:');
  }
  return {kernel: ctx.kernelDisplayName || '', status: kernel ? kernel.status : '', prompts};
}"""
_TO_TOP_JS = """() => document.querySelectorAll(
  '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-outer')
  .forEach(e => { e.scrollTop = 0; })"""


class LiteServer:
    """`python -m http.server` on 127.0.0.1 serving the built site: any static host would do."""

    def __init__(self, root: Path) -> None:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self.base = f"http://127.0.0.1:{self.port}/"
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "http.server", str(self.port), "--bind", "127.0.0.1",
             "--directory", str(root)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.1)
        self.stop()
        raise RuntimeError("the static file server did not start")

    def url(self, notebook: str) -> str:
        return f"{self.base}lab/index.html?path={quote(notebook)}"

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


class LiteTab(NotebookTab):
    """A notebook in JupyterLite: the same driver, with progress read from the model."""

    def progress(self) -> dict:
        return self.page.evaluate(_MODEL_PROGRESS_JS) or {"kernel": "", "status": "",
                                                           "prompts": []}

    def _click_run_all(self) -> None:
        self.page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")

    def settled_report(self, timeout: float = 30.0) -> dict:
        """The report once charts are drawn and every kit widget has a size (custom widgets
        such as the highlight task load their JavaScript after the cell has finished)."""
        deadline = time.monotonic() + timeout
        while True:
            report = self.wait_for_charts(timeout)
            if all(i["visible"] for i in report["items"]) or time.monotonic() > deadline:
                return report
            time.sleep(0.25)

    def full_height(self, limit: int = 16000) -> int:
        # Run All leaves the notebook scrolled to its end: start from the top, so every cell
        # is inside the grown viewport.
        for _round in range(2):
            self.page.evaluate(_TO_TOP_JS)
            height = super().full_height(limit)
        return height


@pytest.fixture(scope="module")
def site() -> Path:
    """The offline site, from the learner edition; built here when `make lite` has not built it.

    Its choice keys are salted hashes, so the answers checked below also test kit.lesson's
    hashed keys in Pyodide."""
    info = SITE / "kit-lite-build.json"
    built = json.loads(info.read_text(encoding="utf-8")) if info.exists() else {}
    if built.get("mode") != "offline" or not built.get("learner_edition"):
        subprocess.run([sys.executable, str(ROOT / "lite" / "build.py"), "--mode", "offline"],
                       check=True)
    return SITE


@pytest.fixture(scope="module")
def server(site):
    srv = LiteServer(site)
    try:
        yield srv
    finally:
        srv.stop()


@pytest.fixture(scope="module")
def timings():
    found: dict[str, dict] = {}
    yield found
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "timings.json").write_text(json.dumps(found, indent=1), encoding="utf-8")


@pytest.fixture(scope="module")
def browser(server, tmp_path_factory, playwright):
    """One browser profile for the module, empty at the start, that lets only 127.0.0.1 through.

    One learner on one computer: the lessons share the browser's storage (and its cache, so
    only the first lesson pays the first download, as in a classroom).
    """
    blocked: list[str] = []
    loaded: dict[str, int] = {}  # url -> bytes, once per url (the service worker repeats some)

    def route(r):
        url = r.request.url
        if url.startswith(server.base) or url.startswith(("data:", "blob:")):
            r.continue_()
        else:
            blocked.append(url)
            r.abort()

    def response(resp):
        loaded.setdefault(resp.url, int(resp.headers.get("content-length") or 0))

    # the session's one Playwright (tests/browser/conftest.py): it cannot be started twice
    context = playwright.chromium.launch_persistent_context(
        str(tmp_path_factory.mktemp("lite-profile")), executable_path=str(CHROMIUM),
        headless=True, args=CHROMIUM_ARGS, viewport={"width": 1366, "height": 768},
        locale="en-US", service_workers="allow")
    context.route("**/*", route)
    context.on("response", response)
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())  # "leave page?" on reload
    try:
        yield page, blocked, loaded
    finally:
        context.close()


def _cell_shot(tab: LiteTab, selector: str, path: Path) -> None:
    """One cell as a learner sees it (the whole-notebook picture is too tall to read)."""
    cell = tab.panel.locator(selector).first.locator(
        "xpath=ancestor::div[contains(@class, 'jp-CodeCell')][1]")
    cell.screenshot(path=str(path))


def _download_export(tab: LiteTab) -> dict:
    """Press the lesson's export button and download the file its link carries."""
    export = tab.item("export")
    export.locator("button").first.click()
    link = export.locator("a[download]")
    link.wait_for(timeout=60_000)
    with tab.page.expect_download(timeout=30_000) as download:
        link.click()
    return json.loads(Path(download.value.path()).read_text(encoding="utf-8"))


def _first_widget_seconds(tab: LiteTab, started: float, timeout: float = 60.0) -> float:
    # attached, not "visible": JupyterLab skips laying out cells below the fold
    tab.page.wait_for_selector(".jp-NotebookPanel:not(.lm-mod-hidden) .kit-item",
                               state="attached", timeout=timeout * 1000)
    return time.monotonic() - started


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.removesuffix(".ipynb"))
def test_lesson_in_jupyterlite_offline(path, server, browser, timings):
    page, blocked, loaded = browser
    page.set_viewport_size({"width": 1366, "height": 768})
    bytes_before = sum(loaded.values())
    lang = path.split("/")[0]
    lesson = lesson_of(path)
    tab = LiteTab(page, server, path)
    started = time.monotonic()
    tab.open(timeout=KERNEL_TIMEOUT)
    kernel_ready = time.monotonic() - started
    tab._click_run_all()
    first_widget = _first_widget_seconds(tab, started)
    assert tab._wait(tab._finished, RUN_TIMEOUT), f"{path}: Run All did not finish"
    ran = time.monotonic() - started
    downloaded = sum(loaded.values()) - bytes_before
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.evaluate(_TO_TOP_JS)  # the first screen, as the learner opened it
    page.screenshot(path=str(ARTIFACTS / f"{path.replace('/', '-').removesuffix('.ipynb')}"
                                         "-first-screen.png"))
    tab.full_height()
    report = tab.settled_report()
    shot = ARTIFACTS / f"{path.replace('/', '-').removesuffix('.ipynb')}.png"
    tab.screenshot(shot)  # before the checks, so a failure has its picture
    assert_rendered(tab, report, lang)
    assert report["items"], f"{path}: no kit widget rendered"
    notice = tab.panel.locator("[role=alert]").filter(has_text=BROWSER_NOTICE[lang])
    assert notice.count() == 1, f"{path}: the lesson does not say where answers are kept"
    if path.endswith("03_numbers.ipynb"):
        assert report["charts"], f"{path}: no plotly chart rendered"
        warmed = page.evaluate("() => document.documentElement.dataset.kitChartWarmup")
        assert warmed == "done", f"{path}: the chart warm-up extension did not run: {warmed}"

    checked = _asked_choices(tab, lesson, report)
    assert len(checked) == 2, f"{path}: fewer than two choice items shown"
    for item in checked:
        labels = tab.radio_labels(item["id"])
        wrong, right = _wrong_and_right(item)
        said = tab.choose(item["id"], labels.index(_norm(wrong["text"])), "✗")
        assert _norm(wrong["feedback"]) in said
        said = tab.choose(item["id"], labels.index(_norm(right["text"])), "✓")
        assert _norm(right["feedback"]) in said
    tab.screenshot(shot)
    stem = str(shot.with_suffix(""))
    _cell_shot(tab, f".kit-id-{checked[0]['id']}", Path(f"{stem}-answered.png"))
    if report["charts"]:
        _cell_shot(tab, ".jp-RenderedPlotly", Path(f"{stem}-chart.png"))

    # Reload: a new page and a new Pyodide kernel; the answers come from the browser's storage.
    restarted = time.monotonic()
    tab.open(timeout=KERNEL_TIMEOUT)
    tab.run_all(timeout=RUN_TIMEOUT)
    reloaded = time.monotonic() - restarted
    report = tab.settled_report()
    assert_rendered(tab, report, lang)
    for item in checked:
        right = _wrong_and_right(item)[1]
        index = tab.radio_labels(item["id"]).index(_norm(right["text"]))
        assert tab.checked_index(item["id"]) == index, (
            f"{path}: {item['id']}: after reload the saved choice is not checked")
        said = tab.feedback(item["id"])
        assert said.startswith("↺") and "✓" in said, f"{path}: {item['id']}: {said!r}"
    _cell_shot(tab, f".kit-id-{checked[0]['id']}", Path(f"{stem}-restored.png"))

    # Export by download: the file the learner hands in holds the answers just given.
    exported = _download_export(tab)
    assert exported["format"] == "town-square-kit/export" and exported["language"] == lang
    rows = {(r["lesson"], r["item"]): r for r in exported["answers"]}
    for item in checked:
        row = rows[(lesson["lesson"], item["id"])]
        assert row["correct"] is True and row["tries"] >= 2, row

    assert blocked == [], f"{path}: requests to hosts other than 127.0.0.1: {blocked[:10]}"
    timings[path] = {"kernel_ready_s": round(kernel_ready, 1),
                     "first_widget_s": round(first_widget, 1),
                     "run_all_done_s": round(ran, 1),
                     "reload_and_run_s": round(reloaded, 1),
                     "downloaded_mb": round(downloaded / 1e6, 1),
                     "external_requests": len(blocked)}
