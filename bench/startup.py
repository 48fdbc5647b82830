"""Start-up: JupyterLab until /api/status answers, and a lesson's first cell in a fresh kernel.

Run ``python -m bench.startup [--runs 5]``. The kit's environment installs ``rfc3987`` so that
jsonschema never imports ``rfc3987-syntax`` (≈35 parsers built at import, pulled in by
``jsonschema[format-nongpl]`` through jupyter-events). The "stock" side hides ``rfc3987`` with
a shim on PYTHONPATH, which is exactly what a plain ``pip install jupyterlab`` gets. Each figure
is the stock time over the kit's time (median of the runs): above 1 means the kit starts faster.
"""

from __future__ import annotations

import argparse
import os
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from bench.report import write_results
from tests.ports import free_port

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).parent / "results" / "startup.json"
FIRST_CELL = ("import nbformat\nfrom nbclient import NotebookClient\n"
              "nb = nbformat.read({path!r}, as_version=4)\n"
              "nb.cells = [c for c in nb.cells if c.cell_type == 'code'][:1]\n"
              "NotebookClient(nb, kernel_name='python3', resources={{'metadata': "
              "{{'path': {folder!r}}}}}).execute()\n")


def _stock_env(tmp: Path) -> dict[str, str]:
    """An environment where `import rfc3987` fails, as in a stock install."""
    shim = tmp / "shim"
    shim.mkdir(exist_ok=True)
    (shim / "rfc3987.py").write_text("raise ImportError('hidden by bench.startup')\n")
    return {**os.environ, "PYTHONPATH": f"{shim}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}


def lab_ready_seconds(env: dict[str, str], tmp: Path) -> float:
    """Seconds from `jupyter lab` to the first 200 from /api/status."""
    port, token = free_port(), secrets.token_hex(8)
    env = {**env, "JUPYTER_CONFIG_DIR": str(tmp / "cfg"), "JUPYTER_RUNTIME_DIR": str(tmp / "rt")}
    args = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={ROOT / 'notebooks'}"]
    if os.geteuid() == 0:
        args.append("--ServerApp.allow_root=True")
    t0 = time.perf_counter()
    proc = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    try:
        while time.perf_counter() - t0 < 120:
            try:
                url = f"http://127.0.0.1:{port}/api/status?token={token}"
                with urllib.request.urlopen(url, timeout=2) as resp:
                    if resp.status == 200:
                        return time.perf_counter() - t0
            except OSError:
                time.sleep(0.05)
        raise TimeoutError("JupyterLab did not answer in 120 s")
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)


def first_cell_seconds(env: dict[str, str], lesson: Path) -> float:
    """Seconds to start a kernel and run a lesson's setup cell (client start included)."""
    code = FIRST_CELL.format(path=str(lesson), folder=str(lesson.parent))
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], env=env, check=True, cwd=ROOT,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="kit-bench-startup-"))
    kit_env = {**os.environ, "KIT_ANSWERS_DIR": str(tmp / "answers")}
    stock_env = {**_stock_env(tmp), "KIT_ANSWERS_DIR": str(tmp / "answers")}
    lesson = ROOT / "notebooks" / "ar" / "00_start_here.ipynb"
    rows = {}
    for name, measure in (("lab_ready", lambda e: lab_ready_seconds(e, tmp)),
                          ("first_cell", lambda e: first_cell_seconds(e, lesson))):
        kit_times, stock_times = [], []
        for _ in range(args.runs):  # interleaved, so background load hits both sides alike
            kit_times.append(measure(kit_env))
            stock_times.append(measure(stock_env))
        kit_s, stock_s = statistics.median(kit_times), statistics.median(stock_times)
        rows[name] = {"kit_s": round(kit_s, 3), "stock_s": round(stock_s, 3),
                      "speedup": round(stock_s / kit_s, 2)}
        print(f"{name:12} kit {kit_s:6.2f} s   stock {stock_s:6.2f} s   "
              f"stock/kit = {stock_s / kit_s:.2f}×")
    result = {"runs": args.runs, "decision": "install rfc3987 so jsonschema skips rfc3987-syntax",
              "startup": rows}
    return write_results(RESULTS, result)


if __name__ == "__main__":
    main()
