"""Per-answer save cost: ``kit.progress.save_answer`` against a plain JSON write of one record.

Run ``python -m bench.saves [--runs 5]``. The baseline, measured in the same run, writes one
answer record with ``json.dump`` to a file, then ``fsync`` and close: the least a durable save
does. Each figure is the kit's time per save over the baseline's (median of the runs, each run
the mean of SAVES saves), for
  1. ``first``: a learner's first answers (a new, small store),
  2. ``full``: a learner who has answered every item of every lesson (twice each, with text
     answers of a few hundred characters), the largest store a class ever has,
  3. ``full_class``: the same with a live class folder (KIT_CLASS_DIR), where every save also
     replaces the learner's export in that folder.
The kit's save is crash-safe: it takes a lock, re-reads the store, writes a temp file, fsyncs
it, keeps the previous version as ``.bak`` and fsyncs the folder after the rename; the class
copy is one more file written and fsynced. Each target is the number of fsyncs the save needs
(2, or 3 with the class copy: the floor, as the baseline has one) plus one baseline for all
the rest (lock, reading and writing the JSON, renames). CPU time per save is printed too: it
shows the work itself when the machine is busy.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from bench.report import lesson_parser, write_results

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).parent / "results" / "saves.json"
SAVES = 40
TARGETS = {"first": 3.0, "full": 3.0, "full_class": 4.0}
TEXT = "قال المتحدث إن الحشد بلغ نحو 420 ألف مستمع، وهذا تقدير للذروة — a peak estimate. " * 4
RECORD = {"answer": "b", "time": "2026-12-02T10:01:02.345Z", "correct": True, "kind": "choice"}


def _lesson_items(lang: str = "ar") -> list[tuple[str, str, str]]:
    """(lesson, item, kind) of every item of every lesson, from the lesson data."""
    out = []
    for path in sorted((ROOT / "data" / "lessons" / lang).glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        out += [(path.stem, item["id"], item["kind"]) for item in data["items"]]
    return out


def _baseline(folder: Path, n: int) -> tuple[float, float]:
    """Seconds and CPU seconds per plain write of one record: json.dump, fsync, close."""
    path = folder / "baseline.json"
    wall, cpu = time.perf_counter(), time.process_time()
    for i in range(n):
        with open(path, "w", encoding="utf-8") as fh:
            json.dump({**RECORD, "answer": f"c{i % 4}"}, fh, ensure_ascii=False)
            fh.flush()
            os.fsync(fh.fileno())
    return (time.perf_counter() - wall) / n, (time.process_time() - cpu) / n


def _fill(progress, learner: str) -> int:
    """Answer every item of every lesson twice; the store's size in bytes."""
    for lesson, item, kind in _lesson_items():
        for attempt in range(2):
            answer = f"c{attempt}" if kind == "choice" else f"{TEXT} {attempt}"
            progress.save_answer(lesson, item, answer, learner, kind=kind,
                                 correct=bool(attempt) if kind == "choice" else None)
    return progress.store_path(learner).stat().st_size


def _kit_saves(progress, learner: str, n: int) -> tuple[float, float]:
    """Seconds and CPU seconds per save_answer of a choice (the most common click)."""
    wall, cpu = time.perf_counter(), time.process_time()
    for i in range(n):
        progress.save_answer("07_your_article", f"q{i % 6}", f"c{i % 4}", learner,
                             correct=i % 4 == 0, kind="choice")
    return (time.perf_counter() - wall) / n, (time.process_time() - cpu) / n


def main(argv: list[str] | None = None) -> dict:
    args = lesson_parser(__doc__).parse_args(argv)
    # on the disk that holds the notebooks (and so the answers), not a RAM-backed /tmp
    work = Path(tempfile.mkdtemp(prefix="kit-bench-saves-", dir=Path(__file__).parent))
    os.environ["KIT_ANSWERS_DIR"] = str(work / "answers")
    class_dir = work / "class"
    class_dir.mkdir()
    os.environ.pop("KIT_CLASS_DIR", None)
    from kit import progress

    samples: dict[str, list[tuple[float, float]]] = {k: [] for k in ("baseline", *TARGETS)}
    try:
        size = _fill(progress, "full")
        for run in range(args.runs):
            samples["baseline"].append(_baseline(work, SAVES))
            samples["first"].append(_kit_saves(progress, f"first-{run}", SAVES))
            samples["full"].append(_kit_saves(progress, "full", SAVES))
            os.environ["KIT_CLASS_DIR"] = str(class_dir)
            try:
                samples["full_class"].append(_kit_saves(progress, "full", SAVES))
            finally:
                del os.environ["KIT_CLASS_DIR"]
        problem = progress.class_copy_problem()
        if problem:
            raise RuntimeError(f"the class copy failed: {problem}")
    finally:
        shutil.rmtree(work, ignore_errors=True)

    def med(name: str, i: int) -> float:
        return statistics.median(s[i] for s in samples[name])

    base_s, base_cpu = med("baseline", 0), med("baseline", 1)
    rows = [{"case": name, "ms": round(1000 * med(name, 0), 2),
             "cpu_ms": round(1000 * med(name, 1), 2),
             "ratio": round(med(name, 0) / base_s, 2), "target": TARGETS[name]}
            for name in TARGETS]
    result = {"runs": args.runs, "saves_per_run": SAVES, "full_store_bytes": size,
              "baseline": {"ms": round(1000 * base_s, 2), "cpu_ms": round(1000 * base_cpu, 2)},
              "saves": rows}
    _print(result)
    return write_results(RESULTS, result)


def _print(result: dict) -> None:
    base = result["baseline"]
    print(f"baseline (json.dump + fsync of one record): {base['ms']:.2f} ms, "
          f"CPU {base['cpu_ms']:.2f} ms; full store {result['full_store_bytes'] / 1024:.0f} KiB")
    print(f"{'save':12} {'ms':>7} {'CPU ms':>7} {'×':>6}")
    for r in result["saves"]:
        flag = "ok" if r["ratio"] <= r["target"] else f"MISSED (target ≤ {r['target']}×)"
        print(f"{r['case']:12} {r['ms']:7.2f} {r['cpu_ms']:7.2f} {r['ratio']:6.2f}  {flag}")


if __name__ == "__main__":
    main()
