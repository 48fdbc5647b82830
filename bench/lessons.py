"""Lesson cost against a bare kernel: headless run time, kernel peak memory, and `import kit`.

Run ``python -m bench.lessons [--runs 5] [--only 00_start_here]``. Each figure is a ratio to a
baseline measured in the same run (median of the runs). Every run of a lesson is paired with a
run of the baseline notebook beside it (in turn before and after), and the time and CPU ratios
are the medians of the pairs' ratios: on a machine others share, the load of the moment falls
on both sides of a pair, not on the lessons only.
  1. executing a lesson vs a notebook that only imports pandas, plotly and ipywidgets (≤ 1.25×)
  2. ``python -c "import kit"`` vs ``python -c "import pandas, plotly, ipywidgets"`` (≤ 1.2×)
  3. the kernel's peak resident memory after a lesson vs after the baseline notebook (≤ 1.0×)
The kernel's own CPU time (user + system) is printed beside the run time, as a ratio to the
baseline's too, without a target: on a machine others share, it shows the lesson's work when
the wall-clock time also measures the neighbours.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from bench.report import lesson_parser, write_results

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).parent / "results" / "lessons.json"
TARGETS = {"run": 1.25, "import": 1.2, "memory": 1.0}
# The kernel's peak RSS is /proc's VmHWM, which starts afresh with the kernel's program. Not
# ru_maxrss: Linux keeps it across execve, so a kernel forked from this (growing) benchmark
# process reports the benchmark's own size whenever that is the larger.
PEAK_RSS = ("import resource, sys\n"
            "_u = resource.getrusage(resource.RUSAGE_SELF)\n"
            "try:\n"
            "    with open('/proc/self/status') as _f:\n"
            "        _peak = next(int(l.split()[1]) * 1024 for l in _f if l.startswith('VmHWM:'))\n"
            "except (OSError, StopIteration):\n"
            "    _peak = _u.ru_maxrss * (1 if sys.platform == 'darwin' else 1024)\n"
            "print(_peak, _u.ru_utime + _u.ru_stime)")
BASELINE = ["import pandas, plotly, ipywidgets"]


def _run(nb: nbformat.NotebookNode, folder: Path) -> tuple[float, int, float]:
    """Seconds from kernel start to the last cell, the kernel's peak RSS in bytes and its CPU
    seconds."""
    nb = nbformat.from_dict(json.loads(json.dumps(nb)))
    nb.cells.append(nbformat.v4.new_code_cell(PEAK_RSS))
    client = NotebookClient(nb, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(folder)}})
    t0 = time.perf_counter()
    client.execute()
    seconds = time.perf_counter() - t0
    rss, cpu = nb.cells[-1].outputs[0]["text"].strip().splitlines()[-1].split()
    return seconds, int(rss), float(cpu)


def _paired_runs(nb, folder: Path, base_nb, base_folder: Path, runs: int,
                 baseline: list[tuple[float, int, float]]) -> dict:
    """The lesson run `runs` times, each beside a baseline run (added to `baseline`): median
    seconds, peak RSS and CPU seconds, and the medians of the paired time and CPU ratios."""
    lesson = []
    for i in range(runs):
        if i % 2 == 0:
            baseline.append(_run(base_nb, base_folder))
        lesson.append(_run(nb, folder))
        if i % 2 == 1:
            baseline.append(_run(base_nb, base_folder))
    pairs = list(zip(lesson, baseline[-runs:], strict=True))
    return {"seconds": statistics.median(r[0] for r in lesson),
            "rss": statistics.median(r[1] for r in lesson),
            "cpu": statistics.median(r[2] for r in lesson),
            "run_ratio": statistics.median(a[0] / b[0] for a, b in pairs),
            "cpu_ratio": statistics.median(a[2] / b[2] for a, b in pairs)}


def _import_seconds(code: str, runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> dict:
    args = lesson_parser(__doc__).parse_args(argv)

    os.environ["KIT_ANSWERS_DIR"] = tempfile.mkdtemp(prefix="kit-bench-answers-")
    rows: list[dict] = []
    base_nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in BASELINE])
    base_folder = ROOT / "notebooks" / "ar"
    baseline: list[tuple[float, int, float]] = []  # every baseline run, (s, RSS, CPU s)
    measured = []
    for edition in args.editions.split(","):
        for path in sorted((ROOT / "notebooks" / edition).glob("*.ipynb")):
            if args.only and path.stem not in args.only:
                continue
            nb = nbformat.read(path, as_version=4)
            m = _paired_runs(nb, path.parent, base_nb, base_folder, args.runs, baseline)
            measured.append((f"{edition}/{path.stem}", m))
            print(f"{edition}/{path.stem}: {m['seconds']:.2f} s ({m['run_ratio']:.2f}×)",
                  flush=True)
    if not baseline:
        baseline = [_run(base_nb, base_folder) for _ in range(args.runs)]
    base_s, base_rss, base_cpu = (statistics.median(r[i] for r in baseline) for i in range(3))
    print(f"baseline notebook: {base_s:.2f} s, peak RSS {base_rss / 2**20:.0f} MiB, "
          f"kernel CPU {base_cpu:.2f} s (median of {len(baseline)} runs)")
    for name, m in measured:
        rows.append({"notebook": name, "seconds": round(m["seconds"], 3),
                     "run_ratio": round(m["run_ratio"], 2),
                     "peak_rss_mib": round(m["rss"] / 2**20, 1),
                     "memory_ratio": round(m["rss"] / base_rss, 2),
                     "cpu_s": round(m["cpu"], 3), "cpu_ratio": round(m["cpu_ratio"], 2)})

    kit_s = _import_seconds("import kit", args.runs)
    stack_s = _import_seconds("import pandas, plotly, ipywidgets", args.runs)
    result = {
        "runs": args.runs,
        "baseline": {"seconds": round(base_s, 3), "peak_rss_mib": round(base_rss / 2**20, 1),
                     "cpu_s": round(base_cpu, 3), "runs": len(baseline)},
        "lessons": rows,
        "import": {"kit_s": round(kit_s, 3), "stack_s": round(stack_s, 3),
                   "ratio": round(kit_s / stack_s, 2)},
        "targets": TARGETS,
    }
    _print(result)
    return write_results(RESULTS, result)


def _flag(ratio: float, target: float) -> str:
    return "ok" if ratio <= target else f"MISSED (target ≤ {target}×)"


def _print(result: dict) -> None:
    print(f"\n{'notebook':28} {'run s':>7} {'run ×':>6}  {'RSS MiB':>8} {'mem ×':>6}  "
          f"{'CPU ×':>6}")
    for r in result["lessons"]:
        print(f"{r['notebook']:28} {r['seconds']:7.2f} {r['run_ratio']:6.2f}  "
              f"{r['peak_rss_mib']:8.1f} {r['memory_ratio']:6.2f}  {r['cpu_ratio']:6.2f}  "
              f"run {_flag(r['run_ratio'], TARGETS['run'])}; "
              f"memory {_flag(r['memory_ratio'], TARGETS['memory'])}")
    imp = result["import"]
    print(f"\nimport kit {imp['kit_s']:.2f} s vs pandas+plotly+ipywidgets {imp['stack_s']:.2f} s: "
          f"{imp['ratio']:.2f}× ({_flag(imp['ratio'], TARGETS['import'])})")


if __name__ == "__main__":
    main()
