"""In the browser: Run All → last output rendered, per lesson, against a baseline notebook.

Run ``python -m bench.browser [--runs 5] [--only 00_start_here]``. JupyterLab and headless
Chromium are driven by the same harness as the browser tests (tests/browser/jupyterlab.py).
The baseline notebook only imports pandas, plotly and ipywidgets. Each figure is the median
time of a lesson divided by the median time of the baseline, measured in the same run
(target ≤ 1.8×). A fresh kernel is started for every run.
"""

from __future__ import annotations

import json
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import nbformat

from bench.report import lesson_parser, write_results
from tests.browser.jupyterlab import CHROMIUM, CHROMIUM_ARGS, LabServer, NotebookTab

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).parent / "results" / "browser.json"
TARGET = 1.8
BASELINE = "ar/bench_baseline.ipynb"


class _Tab(NotebookTab):
    """A NotebookTab for a notebook that exists only in the server's copy."""

    def __init__(self, page, server: LabServer, path: str) -> None:
        self.page, self.server, self.path = page, server, path
        self.panel = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
        nb = json.loads((server.root_dir / path).read_text(encoding="utf-8"))
        self.code_cells = sum(1 for c in nb["cells"] if c["cell_type"] == "code")


def _seconds_to_rendered(context, server: LabServer, path: str) -> float:
    """Open the notebook on a fresh kernel, Run All, wait until every chart has drawn."""
    server.shutdown_sessions()
    page = context.new_page()
    page.on("dialog", lambda d: d.accept())
    try:
        tab = _Tab(page, server, path).open()
        t0 = time.monotonic()
        tab.run_all(timeout=180)
        tab.wait_for_charts(timeout=30)
        return time.monotonic() - t0
    finally:
        page.close()
        server.shutdown_sessions()


def main(argv: list[str] | None = None) -> dict:
    args = lesson_parser(__doc__).parse_args(argv)
    if not CHROMIUM.exists():
        raise SystemExit(f"{CHROMIUM} is missing: run `make test` first (it installs chromium)")
    from playwright.sync_api import sync_playwright

    workdir = Path(tempfile.mkdtemp(prefix="kit-bench-browser-"))
    server = LabServer(workdir).start()
    baseline = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell("import pandas, plotly, ipywidgets")],
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}})
    nbformat.write(baseline, server.root_dir / BASELINE)
    rows = []
    try:
        with sync_playwright() as pw:
            context = pw.chromium.launch_persistent_context(
                str(workdir / "profile"), executable_path=str(CHROMIUM), headless=True,
                args=CHROMIUM_ARGS, viewport={"width": 1280, "height": 900})
            try:
                base = statistics.median(_seconds_to_rendered(context, server, BASELINE)
                                         for _ in range(args.runs))
                print(f"baseline notebook: {base:.2f} s from Run All to rendered")
                for edition in args.editions.split(","):
                    for nb in sorted((ROOT / "notebooks" / edition).glob("*.ipynb")):
                        if args.only and nb.stem not in args.only:
                            continue
                        path = f"{edition}/{nb.name}"
                        secs = statistics.median(_seconds_to_rendered(context, server, path)
                                                 for _ in range(args.runs))
                        ratio = secs / base
                        rows.append({"notebook": path, "seconds": round(secs, 2),
                                     "ratio": round(ratio, 2)})
                        flag = "ok" if ratio <= TARGET else f"MISSED (target ≤ {TARGET}×)"
                        print(f"{path:32} {secs:6.2f} s  {ratio:5.2f}×  {flag}", flush=True)
            finally:
                context.close()
    finally:
        server.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    result = {"runs": args.runs, "baseline_s": round(base, 2), "lessons": rows,
              "target": TARGET}
    return write_results(RESULTS, result)


if __name__ == "__main__":
    main()
