"""In the browser: Run All → last output rendered, per lesson, against a baseline notebook.

Run ``python -m bench.browser [--runs 5] [--only 00_start_here] [--trace]``. JupyterLab and headless
Chromium are driven by the same harness as the browser tests (tests/browser/jupyterlab.py).
The baseline notebook only imports pandas, plotly and ipywidgets. Every run of a lesson is
paired with a run of the baseline beside it (in turn before and after), and the figure is the
median of the pairs' ratios (target ≤ 1.8×), so a neighbour's load on this shared machine falls
on both sides of a ratio. A fresh kernel is started for every run.

--trace also says where a lesson's time goes, from the kernel messages as the page handled them
(its last run): widget models opened (comm_open) and changed (comm_msg) by the kernel, and the
time from one cell's reply being handled to the next's, summed for the setup cell, the chart
cells (the first of them loads plotly.js), the widget cells and the rest. The kernel runs ahead
of the page, so these are mostly the page's own time.
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
PLOTLY_MIME = "application/vnd.plotly.v1+json"

# Logs every kernel message the page handles (JupyterLab's v1 binary or JSON websocket
# frames): its type, parent request, time (performance.now), widget model, MIME types.
TRACE_JS = r"""(() => {
  const Native = window.WebSocket;
  const log = window.__kitTrace = [];
  const text = new TextDecoder();
  const parse = (data) => {
    let channel, header, parent, content;
    if (typeof data === 'string') {
      ({channel, header, parent_header: parent, content} = JSON.parse(data));
    } else {
      const view = new DataView(data);
      const n = Number(view.getBigUint64(0, true));
      const at = [...Array(n).keys()].map(i => Number(view.getBigUint64(8 * (i + 1), true)));
      const part = (i) => JSON.parse(text.decode(new Uint8Array(
        data, at[i], (i + 1 < n ? at[i + 1] : data.byteLength) - at[i])));
      channel = text.decode(new Uint8Array(data, at[0], at[1] - at[0]));
      [header, parent, content] = [part(1), part(2), part(4)];
    }
    return {channel, type: header.msg_type, id: header.msg_id,
            parent: parent && parent.msg_id, state: content.execution_state,
            model: content.data && content.data.state && content.data.state._model_name,
            mimes: ['execute_result', 'display_data'].includes(header.msg_type)
              ? Object.keys(content.data || {}) : undefined,
            bytes: typeof data === 'string' ? data.length : data.byteLength};
  };
  function Traced(url, protocols) {
    const ws = protocols === undefined ? new Native(url) : new Native(url, protocols);
    if (String(url).includes('/channels')) {
      ws.addEventListener('message', (e) => {
        try { log.push({t: performance.now(), dir: 'in', ...parse(e.data)}); } catch (err) {}
      });
      const send = ws.send.bind(ws);
      ws.send = (data) => {
        try { log.push({t: performance.now(), dir: 'out', ...parse(data)}); } catch (err) {}
        return send(data);
      };
    }
    return ws;
  }
  Traced.prototype = Native.prototype;
  for (const k of ['CONNECTING', 'OPEN', 'CLOSING', 'CLOSED']) Traced[k] = Native[k];
  window.WebSocket = Traced;
})();"""


class _Tab(NotebookTab):
    """A NotebookTab for a notebook that exists only in the server's copy."""

    def __init__(self, page, server: LabServer, path: str) -> None:
        self.page, self.server, self.path = page, server, path
        self.panel = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
        nb = json.loads((server.root_dir / path).read_text(encoding="utf-8"))
        self.code_cells = sum(1 for c in nb["cells"] if c["cell_type"] == "code")


def _seconds_to_rendered(context, server: LabServer, path: str,
                         trace: dict | None = None) -> float:
    """Open the notebook on a fresh kernel, Run All, wait until every chart has drawn.

    With a `trace` dict, the kernel messages are logged and their summary put in it.
    """
    server.shutdown_sessions()
    page = context.new_page()
    page.on("dialog", lambda d: d.accept())
    if trace is not None:
        page.add_init_script(TRACE_JS)
    try:
        tab = _Tab(page, server, path).open()
        if trace is not None:
            start = page.evaluate("() => { window.__kitTrace.length = 0; "
                                  "return performance.now(); }")
        t0 = time.monotonic()
        tab.run_all(timeout=180)
        tab.wait_for_charts(timeout=30)
        seconds = time.monotonic() - t0
        if trace is not None:
            trace.clear()
            trace.update(summarize(page.evaluate("() => window.__kitTrace"), start))
        return seconds
    finally:
        page.close()
        server.shutdown_sessions()


def summarize(log: list[dict], start: float) -> dict:
    """Widget messages and the page's time per kind of cell, from one Run All's message log."""
    received = [m for m in log if m.get("dir") == "in"]
    requests = [m for m in log if m.get("dir") == "out" and m.get("type") == "execute_request"]
    replies: dict[str, list[dict]] = {}
    for m in received:
        replies.setdefault(m.get("parent"), []).append(m)
    seconds = {"setup": 0.0, "charts": 0.0, "widgets": 0.0, "other": 0.0}
    cells: list[tuple[float, int, str]] = []  # (seconds, code cell number, kind)
    first_chart = None
    before = requests[0]["t"] if requests else start
    for n, request in enumerate(requests):
        own = replies.get(request["id"], [])
        idle = next((m["t"] for m in own if m.get("state") == "idle"), before)
        spent = max(0.0, idle - before) / 1000
        chart = any(PLOTLY_MIME in (m.get("mimes") or ()) for m in own)
        kind = ("setup" if n == 0 else "charts" if chart
                else "widgets" if any(m.get("type") == "comm_open" for m in own) else "other")
        seconds[kind] += spent
        cells.append((round(spent, 2), n + 1, kind))
        if chart and first_chart is None:
            first_chart = round(spent, 2)
        before = max(before, idle)
    return {
        "comm_open": sum(m.get("type") == "comm_open" for m in received),
        "comm_msg": sum(m.get("type") == "comm_msg" for m in received),
        "kib_received": round(sum(m.get("bytes", 0) for m in received) / 1024),
        "to_first_request_s": round(((requests[0]["t"] if requests else start) - start) / 1000, 2),
        "cell_s": {k: round(v, 2) for k, v in seconds.items()},
        "first_chart_cell_s": first_chart,
        "last_reply_s": round((before - start) / 1000, 2),
        "slowest_cells": [{"cell": c, "kind": k, "s": x} for x, c, k in sorted(cells)[::-1][:5]],
    }


def _trace_line(trace: dict) -> str:
    cells = " ".join(f"{k} {v:.2f}" for k, v in trace["cell_s"].items())
    first = trace["first_chart_cell_s"]
    return (f"    {trace['comm_open']} comm_open, {trace['comm_msg']} comm_msg, "
            f"{trace['kib_received']} KiB; s per cell kind: {cells}"
            + (f" (first chart cell, plotly.js loaded: {first:.2f})" if first is not None else "")
            + f"; last reply handled at {trace['last_reply_s']:.2f}\n    slowest code cells: "
            + ", ".join(f"#{c['cell']} {c['kind']} {c['s']:.2f} s" for c in trace["slowest_cells"]))


def main(argv: list[str] | None = None) -> dict:
    parser = lesson_parser(__doc__)
    parser.add_argument("--trace", action="store_true",
                        help="also say where the time goes (kernel messages, per cell kind)")
    args = parser.parse_args(argv)
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
                trace = {} if args.trace else None
                bases: list[float] = []
                for edition in args.editions.split(","):
                    for nb in sorted((ROOT / "notebooks" / edition).glob("*.ipynb")):
                        if args.only and nb.stem not in args.only:
                            continue
                        path = f"{edition}/{nb.name}"
                        pairs = []
                        for run in range(args.runs):
                            if run % 2 == 0:
                                base = _seconds_to_rendered(context, server, BASELINE)
                            secs = _seconds_to_rendered(context, server, path, trace)
                            if run % 2 == 1:
                                base = _seconds_to_rendered(context, server, BASELINE)
                            pairs.append((secs, base))
                            bases.append(base)
                        secs = statistics.median(p[0] for p in pairs)
                        base = statistics.median(p[1] for p in pairs)
                        ratio = statistics.median(p[0] / p[1] for p in pairs)
                        rows.append({"notebook": path, "seconds": round(secs, 2),
                                     "baseline_s": round(base, 2), "ratio": round(ratio, 2),
                                     **({"trace": dict(trace)} if trace else {})})
                        flag = "ok" if ratio <= TARGET else f"MISSED (target ≤ {TARGET}×)"
                        print(f"{path:32} {secs:6.2f} s  {ratio:5.2f}×  {flag}   "
                              f"(baseline beside it {base:.2f} s)", flush=True)
                        if trace:
                            print(_trace_line(trace), flush=True)
            finally:
                context.close()
    finally:
        server.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    base = statistics.median(bases) if bases else None
    if base is not None:
        print(f"baseline notebook: {base:.2f} s from Run All to rendered (median of all runs)")
    result = {"runs": args.runs, "baseline_s": base and round(base, 2), "lessons": rows,
              "target": TARGET}
    return write_results(RESULTS, result)


if __name__ == "__main__":
    main()
