"""Per-answer save cost: ``kit.progress.save_answer`` against a plain JSON write of one record.

Run ``python -m bench.saves [--runs 5]``. The baseline, measured in the same run, writes one
answer record with ``json.dump`` to a file, then ``fsync`` and close: the least a durable save
does. Each figure is the median time of one kit save over the baseline's median, for
  1. ``first``: a learner's first answers (a new, small store),
  2. ``full``: a learner who has answered every item of every lesson (twice each, with text
     answers of a few hundred characters), the largest store a class ever has,
  3. ``full_class``: the same with a live class folder (KIT_CLASS_DIR), where every save also
     replaces the learner's export in that folder.
Saves are taken in turn (baseline, first, full, full_class, baseline, …; --runs × SAVES of
each) so that a neighbour's burst of disk writes falls on all of them alike. Saves are made as
a hub learner's are (the id from JUPYTERHUB_USER), on the disk of the repository.

The kit's save is crash-safe: it takes a lock, re-reads the store, writes a temp file, fsyncs
it, keeps the previous version as ``.bak`` and fsyncs the folder after the rename; the class
copy is one more file written and fsynced. The ratios have no target of their own: with the
disk idle an fsync costs a fraction of a millisecond and the kit's CPU time decides, with the
disk busy the fsyncs do, so the same code measures 2× to 8×. The target that counts is
class_load's (an answer stored within 0.5 s at p95, 30 learners on the hub); this benchmark
shows what one save costs the kernel, and its CPU time is the kit's own work.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.report import lesson_parser, write_results

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).parent / "results" / "saves.json"
SAVES = 40
CASES = ("first", "full", "full_class")
TEXT = "قال المتحدث إن الحشد بلغ نحو 420 ألف مستمع، وهذا تقدير للذروة — a peak estimate. " * 4
RECORD = {"answer": "b", "time": "2026-12-02T10:01:02.345Z", "correct": True, "kind": "choice"}
ENV = ("KIT_ANSWERS_DIR", "JUPYTERHUB_USER", "KIT_CLASS_DIR", "KIT_LEARNER")


def _lesson_items(lang: str = "ar") -> list[tuple[str, str, str]]:
    """(lesson, item, kind) of every item of every lesson, from the lesson data."""
    out = []
    for path in sorted((ROOT / "data" / "lessons" / lang).glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        out += [(path.stem, item["id"], item["kind"]) for item in data["items"]]
    return out


def _as_learner(folder: Path, class_dir: Path | None = None) -> None:
    """Save as a hub learner does: answers in `folder`, the id from JUPYTERHUB_USER."""
    os.environ["KIT_ANSWERS_DIR"] = str(folder)
    os.environ["JUPYTERHUB_USER"] = folder.name
    os.environ.pop("KIT_CLASS_DIR", None)
    if class_dir is not None:
        os.environ["KIT_CLASS_DIR"] = str(class_dir)


def _fill(progress) -> int:
    """Answer every item of every lesson twice; the store's size in bytes."""
    for lesson, item, kind in _lesson_items():
        for attempt in range(2):
            answer = f"c{attempt}" if kind == "choice" else f"{TEXT} {attempt}"
            progress.save_answer(lesson, item, answer, kind=kind,
                                 correct=bool(attempt) if kind == "choice" else None)
    return progress.store_path().stat().st_size


def _timed(action: Callable[[], object]) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    action()
    return time.perf_counter() - wall, time.process_time() - cpu


def main(argv: list[str] | None = None) -> dict:
    args = lesson_parser(__doc__).parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="kit-bench-saves-", dir=Path(__file__).parent))
    saved_env = {k: os.environ.get(k) for k in ENV}
    os.environ.pop("KIT_LEARNER", None)
    class_dir = work / "class"
    class_dir.mkdir()
    from kit import progress

    def plain(i: int) -> None:
        with open(work / "baseline.json", "w", encoding="utf-8") as fh:
            json.dump({**RECORD, "answer": f"c{i % 4}"}, fh, ensure_ascii=False)
            fh.flush()
            os.fsync(fh.fileno())

    def kit_save(i: int) -> None:  # a choice, the most common click
        progress.save_answer("07_your_article", f"q{i % 6}", f"c{i % 4}",
                             correct=i % 4 == 0, kind="choice")

    cases = {"baseline": (work / "baseline", None, plain),
             "first": (work / "first", None, kit_save), "full": (work / "full", None, kit_save),
             "full_class": (work / "full", class_dir, kit_save)}
    samples: dict[str, list[tuple[float, float]]] = {k: [] for k in cases}
    try:
        _as_learner(work / "full")
        size = _fill(progress)
        for i in range(args.runs * SAVES):
            for name, (folder, shared, action) in cases.items():
                _as_learner(folder, shared)
                samples[name].append(_timed(lambda: action(i)))  # noqa: B023 (called at once)
        problem = progress.class_copy_problem()
        if problem:
            raise RuntimeError(f"the class copy failed: {problem}")
        if len(list(class_dir.glob("*.json"))) != 1:
            raise RuntimeError("the class copy was not written")
    finally:
        shutil.rmtree(work, ignore_errors=True)
        for key, value in saved_env.items():
            os.environ.pop(key, None)
            if value is not None:
                os.environ[key] = value

    def med(name: str, i: int) -> float:
        return statistics.median(s[i] for s in samples[name])

    base_s, base_cpu = med("baseline", 0), med("baseline", 1)
    rows = [{"case": name, "ms": round(1000 * med(name, 0), 2),
             "cpu_ms": round(1000 * med(name, 1), 2),
             "ratio": round(med(name, 0) / base_s, 2)}
            for name in CASES]
    result = {"runs": args.runs, "saves_per_run": SAVES, "full_store_bytes": size,
              "baseline": {"ms": round(1000 * base_s, 2), "cpu_ms": round(1000 * base_cpu, 2)},
              "saves": rows}
    _print(result)
    return write_results(RESULTS, result)


def _print(result: dict) -> None:
    base = result["baseline"]
    print(f"baseline (json.dump + fsync of one record): {base['ms']:.2f} ms, "
          f"CPU {base['cpu_ms']:.2f} ms; full store {result['full_store_bytes'] / 1024:.0f} KiB")
    print(f"{'save':12} {'ms':>7} {'CPU ms':>7} {'×':>6}   (no target: see the docstring)")
    for r in result["saves"]:
        print(f"{r['case']:12} {r['ms']:7.2f} {r['cpu_ms']:7.2f} {r['ratio']:6.2f}")


if __name__ == "__main__":
    main()
