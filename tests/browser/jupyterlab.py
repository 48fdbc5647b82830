"""JupyterLab in a throw-away folder, headless Chromium, and a driver for one notebook tab.

Follows the tested recipe in ../shared/research/harness.md: isolated Jupyter state, a random
token, Debian's Chromium, the "kernel not there yet" trap, Run All through the menu command.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

from tests.ports import free_port

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
ARTIFACTS = ROOT / "test-artifacts" / "browser"
CHROMIUM = Path(os.environ.get("KIT_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
EDITIONS = ("ar", "en")

# Settings files written into the isolated user-settings folder.
SETTINGS = {
    # no news / update toast over the notebook
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings":
        {"fetchNews": "false", "checkForUpdates": False},
}


def notebook_paths() -> list[str]:
    """Every notebook a learner or teacher opens, relative to notebooks/ (ar, en, teacher/*)."""
    found = [*NOTEBOOKS.glob("ar/*.ipynb"), *NOTEBOOKS.glob("en/*.ipynb"),
             *NOTEBOOKS.glob("teacher/*/*.ipynb")]
    return sorted(p.relative_to(NOTEBOOKS).as_posix() for p in found)


def edition_of(path: str) -> str:
    """'ar', 'en', 'teacher-ar' or 'teacher-en' for a path relative to notebooks/."""
    return "-".join(Path(path).parent.parts)


def language_of(path: str) -> str:
    """The language the kit picks from the notebook's folder (see kit.i18n)."""
    folder = Path(path).parent
    return "en" if "en" in folder.parts else "ar"


def lesson_of(path: str) -> dict | None:
    """The lesson file a notebook starts (`kit.start("…")`), in the notebook's language."""
    nb = json.loads((NOTEBOOKS / path).read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        found = re.search(r"""kit\.start\(\s*["']([^"']+)["']""", source)
        if cell["cell_type"] == "code" and found:
            lesson = ROOT / "data" / "lessons" / language_of(path) / f"{found.group(1)}.json"
            return json.loads(lesson.read_text(encoding="utf-8")) if lesson.exists() else None
    return None


class LabServer:
    """`jupyter lab` serving a copy of notebooks/ with its own config, runtime and answers."""

    def __init__(self, workdir: Path, start_timeout: float = 60.0) -> None:
        self.workdir = workdir
        self.root_dir = workdir / "notebooks"
        self.answers_dir = workdir / "answers"
        self.token = secrets.token_hex(16)
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.start_timeout = start_timeout
        self.log_path = workdir / "jupyter.log"
        self.proc: subprocess.Popen | None = None

    def start(self) -> LabServer:
        shutil.copytree(NOTEBOOKS, self.root_dir,
                        ignore=shutil.ignore_patterns(".ipynb_checkpoints", "answers"))
        self.answers_dir.mkdir()
        settings = self.workdir / "settings"
        for name, value in SETTINGS.items():
            target = settings / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(value), encoding="utf-8")
        env = {**os.environ,
               "JUPYTER_CONFIG_DIR": str(self.workdir / "config"),
               "JUPYTER_RUNTIME_DIR": str(self.workdir / "runtime"),
               "JUPYTER_DATA_DIR": str(self.workdir / "data"),
               "JUPYTER_PLATFORM_DIRS": "1",
               "KIT_ANSWERS_DIR": str(self.answers_dir),
               "PYTHONUNBUFFERED": "1"}
        for name in ("KIT_LANG", "KIT_LEARNER", "JUPYTER_TOKEN", "JUPYTER_PATH"):
            env.pop(name, None)
        # The venv's kernelspec and extensions live under sys.prefix, which Jupyter searches
        # whatever JUPYTER_DATA_DIR says, so plotly's renderer and the python3 kernel are found.
        args = [
            sys.executable, "-m", "jupyter", "lab", "--no-browser",
            "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={self.port}",
            "--ServerApp.port_retries=0", f"--IdentityProvider.token={self.token}",
            f"--ServerApp.root_dir={self.root_dir}",
            f"--LabApp.workspaces_dir={self.workdir / 'workspaces'}",
            f"--LabApp.user_settings_dir={settings}",
            "--LabApp.news_url=None",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            "--LabApp.extension_manager=readonly",
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            args.append("--ServerApp.allow_root=True")
        log = self.log_path.open("wb")
        self.proc = subprocess.Popen(args, cwd=self.workdir, env=env, stdout=log,
                                     stderr=subprocess.STDOUT, start_new_session=True)
        log.close()
        self._wait_ready()
        return self

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"jupyter lab exited with {self.proc.returncode}:\n{self.log()}")
            try:
                self.api("GET", "/api/status")
                return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.25)
        raise RuntimeError(
            f"jupyter lab did not answer in {self.start_timeout:.0f} s:\n{self.log()}")

    def log(self, tail: int = 4000) -> str:
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")[-tail:]
        except OSError:
            return ""

    def api(self, method: str, path: str) -> object:
        request = urllib.request.Request(f"{self.base}{path}", method=method,
                                         headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
        return json.loads(body) if body else None

    def url(self, notebook: str) -> str:
        return f"{self.base}/lab/tree/{quote(notebook)}?reset&token={self.token}"

    def shutdown_sessions(self) -> None:
        """End every notebook session and its kernel (the next open starts a fresh kernel)."""
        for session in self.api("GET", "/api/sessions") or []:
            try:
                self.api("DELETE", f"/api/sessions/{session['id']}")
            except urllib.error.HTTPError:
                pass

    def clear_answers(self) -> None:
        for entry in self.answers_dir.iterdir():
            if entry.is_dir():
                shutil.rmtree(entry)
            else:
                entry.unlink()

    def stop(self) -> None:
        """Stop the server and every kernel it started (they share its process group)."""
        if self.proc is None:
            return
        try:
            if self.proc.poll() is None:
                try:
                    self.shutdown_sessions()
                except (urllib.error.URLError, OSError, ValueError):
                    pass
                os.killpg(self.proc.pid, signal.SIGTERM)
                try:
                    self.proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    pass
        finally:
            try:  # kernels are in the same group; make sure none outlives the server
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.proc.wait(timeout=10)


PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"

# One round trip that reports how far Run All has got, so waiting is a single poll.
_PROGRESS_JS = """(panel) => {
  const p = document.querySelector(panel);
  if (!p) return null;
  const kernel = p.querySelector('.jp-KernelName');
  const indicator = p.querySelector('.jp-Notebook-ExecutionIndicator');
  const prompts = [...p.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')]
    .map(e => e.textContent.trim());
  return {kernel: kernel ? kernel.textContent.trim() : '',
          status: indicator ? indicator.getAttribute('data-status') : '',
          prompts};
}"""


class NotebookTab:
    """One notebook opened in JupyterLab: wait for its kernel, Run All, read its outputs."""

    def __init__(self, page, server: LabServer, path: str) -> None:
        self.page, self.server, self.path = page, server, path
        self.panel = page.locator(PANEL)
        self.code_cells = sum(
            1 for c in json.loads((NOTEBOOKS / path).read_text(encoding="utf-8"))["cells"]
            if c["cell_type"] == "code")

    def open(self, timeout: float = 60.0) -> NotebookTab:
        """Open the notebook in an empty workspace and wait until its Python kernel is idle."""
        self.page.goto(self.server.url(self.path))
        self.page.wait_for_selector(f"{PANEL} .jp-Notebook .jp-Cell", timeout=timeout * 1000)
        self.wait_for_kernel(timeout)
        return self

    def run_all_and_report(self, timeout: float = 90.0) -> dict:
        """Run All, show the whole notebook, and return the report once the charts are drawn."""
        self.run_all(timeout)
        self.full_height()
        return self.wait_for_charts()

    def progress(self) -> dict:
        return self.page.evaluate(_PROGRESS_JS, PANEL) or {"kernel": "", "status": "",
                                                             "prompts": []}

    def wait_for_kernel(self, timeout: float = 60.0) -> None:
        # The indicator says "idle" before any kernel exists: wait for the kernel's name too.
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            state = self.progress()
            if "Python" in state["kernel"] and state["status"] == "idle":
                return
            time.sleep(0.2)
        raise AssertionError(f"{self.path}: no idle Python kernel after {timeout:.0f} s: {state}")

    def run_all(self, timeout: float = 90.0) -> float:
        """Run All through the Run menu; wait until every code cell has a count. Returns seconds."""
        start = time.monotonic()
        for _attempt in range(3):
            self._click_run_all()
            if self._wait(lambda s: any(p not in ("[ ]:", "") for p in s["prompts"]), 5.0):
                break
        else:
            raise AssertionError(f"{self.path}: Run All started nothing: {self.progress()}")
        done = self._wait(self._finished, timeout)
        if not done:
            raise AssertionError(f"{self.path}: Run All did not finish in {timeout:.0f} s: "
                                 f"{self.progress()}")
        return time.monotonic() - start

    def _finished(self, state: dict) -> bool:
        prompts = state["prompts"]
        return (state["status"] == "idle" and len(prompts) == self.code_cells
                and all(p[1:-2].isdigit() for p in prompts))

    def _click_run_all(self) -> None:
        # The Run menu is the 4th menu-bar item in every interface language.
        self.page.locator(".lm-MenuBar-item").nth(3).click()
        self.page.locator('.lm-Menu-item[data-command="runmenu:run-all"]').click()

    def _wait(self, condition, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if condition(self.progress()):
                return True
            time.sleep(0.2)
        return False

    # ------------------------------------------------------------ what the learner sees

    def report(self) -> dict:
        """Errors, kit items, charts and text direction of the rendered notebook, in one call."""
        return self.page.evaluate(_REPORT_JS, PANEL)

    def wait_for_charts(self, timeout: float = 10.0) -> dict:
        """The report, once every plotly chart has drawn marks (plotly draws asynchronously)."""
        deadline = time.monotonic() + timeout
        while True:
            report = self.report()
            if all(c["marks"] for c in report["charts"]) or time.monotonic() > deadline:
                return report
            time.sleep(0.25)

    def item(self, item_id: str):
        return self.panel.locator(f".kit-item.kit-id-{item_id}")

    def feedback(self, item_id: str) -> str:
        return " ".join(self.item(item_id).locator(".kit-feedback").text_content().split())

    def wait_feedback(self, item_id: str, before: str, starts: tuple[str, ...],
                      timeout: float = 10.0) -> str:
        """Wait until the item's feedback changed from `before` and starts with one of `starts`."""
        deadline = time.monotonic() + timeout
        text = before
        while time.monotonic() < deadline:
            text = self.feedback(item_id)
            if text != before and text.startswith(starts):
                return text
            time.sleep(0.1)
        raise AssertionError(f"{self.path}: item {item_id}: feedback did not change to "
                             f"{'/'.join(starts)}…; it reads {text!r}")

    def choose(self, item_id: str, index: int, mark: str) -> str:
        """Click the label of choice `index` and return the feedback once it starts with `mark`."""
        before = self.feedback(item_id)
        self.item(item_id).locator(".widget-radio-box label").nth(index).click()
        return self.wait_feedback(item_id, before, (mark,))

    def radio_labels(self, item_id: str) -> list[str]:
        labels = self.item(item_id).locator(".widget-radio-box label")
        return [" ".join(t.split()) for t in labels.all_text_contents()]

    def checked_index(self, item_id: str) -> int | None:
        states = self.item(item_id).locator(".widget-radio-box input[type=radio]").evaluate_all(
            "els => els.map(e => e.checked)")
        return states.index(True) if True in states else None

    def full_height(self, limit: int = 16000) -> int:
        """Grow the viewport so the whole notebook is on screen; returns the height.

        JupyterLab scrolls inside a fixed-size panel and skips drawing cells out of view
        (content-visibility), so a plain full-page screenshot shows the first screen only and
        off-screen outputs have no layout (no innerText, no size for plotly). Cells drawn for
        the first time grow, so measure again until the height settles.
        """
        width = (self.page.viewport_size or {"width": 1366})["width"]
        height = 0
        for _round in range(4):
            needed = self.page.evaluate("""(panel) => {
                const outer = document.querySelector(panel + ' .jp-WindowedPanel-outer');
                const cells = [...outer.querySelectorAll('.jp-Cell')];
                const bottom = Math.max(0, ...cells.map(c => c.getBoundingClientRect().bottom));
                return Math.ceil(bottom + outer.scrollTop + 60);  // not the scroll-past-end space
            }""", PANEL)
            needed = max(900, min(needed, limit))
            if abs(needed - height) < 20:
                break
            height = needed
            self.page.set_viewport_size({"width": width, "height": height})
            self.page.wait_for_timeout(400)  # plotly and the notebook re-lay out on resize
        return height

    def screenshot(self, path: Path) -> Path:
        """The whole notebook as one PNG."""
        path.parent.mkdir(parents=True, exist_ok=True)
        self.full_height()
        self.page.screenshot(path=str(path))
        return path


_REPORT_JS = r"""(panel) => {
  const p = document.querySelector(panel);
  const all = (root, s) => [...root.querySelectorAll(s)];
  const arabic = /[\u0600-\u06FF]/;
  const style = (e) => { const c = getComputedStyle(e); return [c.direction, c.textAlign]; };
  const short = (e) =>
    (e.innerText || e.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 80);
  const errors = all(p, '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')
    .map(e => e.textContent)
    .filter(t => /Traceback|\w*Error\b/.test(t))
    .map(t => t.slice(0, 600));
  const brokenWidgets = all(p, '.jp-OutputArea-output')
    .filter(e => /model not found|Error displaying widget/.test(e.textContent)).map(short);
  const items = all(p, '.kit-item').map(e => {
    const id = [...e.classList].find(c => c.startsWith('kit-id-'));
    const kind = [...e.classList].find(c => c.startsWith('kit-') && c !== 'kit-item'
      && c !== 'kit-rtl' && !c.startsWith('kit-id-'));
    const parts = [e, ...all(e, '.widget-radio-box label, textarea, input[type=text], '
      + '.kit-prompt .widget-html-content, .kit-feedback .widget-html-content')];
    // a radio dot far from its words reads as belonging to the wrong answer
    const detached = all(e, '.widget-radio-box label').map(label => {
      const input = label.querySelector('input');
      const words = [...label.childNodes].filter(n => n.nodeType === Node.TEXT_NODE)
        .flatMap(n => { const r = document.createRange(); r.selectNodeContents(n);
                        return [...r.getClientRects()]; })
        .filter(r => r.width > 0);
      if (!input || !words.length) return null;
      const dot = input.getBoundingClientRect();
      const gap = Math.min(...words.map(r => Math.max(r.left - dot.right, dot.left - r.right)));
      return gap > 24 ? `${Math.round(gap)} px: ${short(label).slice(0, 40)}` : null;
    }).filter(Boolean);
    return {id: id ? id.slice(7) : null, kind: kind ? kind.slice(4) : null, detached,
            visible: e.getBoundingClientRect().height > 0,
            ltr: parts.filter(x => getComputedStyle(x).direction !== 'rtl')
                      .map(x => x.tagName.toLowerCase() + ': ' + short(x).slice(0, 40))};
  });
  const charts = all(p, '.jp-RenderedPlotly').map(c => {
    const cell = c.closest('.jp-Cell');
    const summary = cell ? cell.querySelector('.kit-chart-summary') : null;
    // bars, points, lines, slices; a heatmap is one <image>; a table's marks are its cells
    const paths = all(c, '.main-svg g.trace path, .main-svg g.slice path, .main-svg g.point path')
      .filter(x => (x.getAttribute('d') || '').length > 4);
    const images = all(c, '.main-svg .hm image').filter(x => x.getAttribute('href')
      || x.getAttribute('xlink:href'));
    const cells = all(c, '.main-svg .table .cell-text').filter(x => x.textContent.trim());
    const marks = paths.length + images.length + cells.length;
    return {svg: all(c, '.main-svg').length, marks,
            summary: summary ? short(summary) : '',
            title: (c.querySelector('.gtitle') || {}).textContent || ''};
  });
  // Arabic blocks must read right to left AND sit on the right ('start' is right in RTL).
  const blocks = (scope) => all(p, scope).flatMap(r =>
    all(r, 'p, li, h1, h2, h3, h4, h5, h6, blockquote, td, th, dd, dt, caption'))
    .filter(e => arabic.test(e.textContent));
  const misaligned = (elements) => elements.map(e => [style(e), short(e)])
    .filter(([[dir, align]]) => !(dir === 'rtl' && (align === 'right' || align === 'start')))
    .map(([[dir, align], text]) => `${dir}/${align}: ${text}`);
  const prose = blocks('.jp-RenderedMarkdown');
  const outputs = blocks('.jp-OutputArea-output.jp-RenderedHTML');
  return {errors, brokenWidgets, items, charts, proseChecked: prose.length,
          misaligned: misaligned(prose), outputsChecked: outputs.length,
          misalignedOutputs: misaligned(outputs)};
}"""
