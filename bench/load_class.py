"""How load_class grows with class size: 30, 300, 3000 learners × 7 lessons × 10 items.

Run with `python -m bench.load_class`; writes bench/results/load_class.json. Growth ratios near
10× per tenfold class mean linear; the CSV ratio compares with pandas reading the same rows.
"""

from __future__ import annotations

import itertools
import json
import platform
import random
import statistics
import tempfile
import time
from pathlib import Path

import pandas as pd

import kit
from kit.classroom import load_class

SIZES = (30, 300, 3000)
LESSONS = [f"0{n}_lesson" for n in range(7)]
ITEMS = 10
REPEATS = 5
RESULTS = Path(__file__).resolve().parent / "results" / "load_class.json"
# The same rows as a plain CSV, for comparison with pandas reading a file of that size.
CSV_COLUMNS = ["learner", "lesson", "item", "kind", "answer", "correct", "time", "language", "file"]


def _export(n: int, rng: random.Random) -> dict:
    answers = []
    for lesson in LESSONS:
        for i in range(ITEMS):
            kind = ("choice", "choice", "choice", "open", "rating")[i % 5]
            if kind == "choice":
                answer = rng.choice("abcd")
                correct = answer == "a"
            elif kind == "open":
                answer, correct = "رأيي أن العنوان مبالغ فيه " * rng.randint(1, 8), None
            else:
                answer, correct = rng.randint(1, 5), None
            answers.append(
                {
                    "lesson": lesson,
                    "item": f"q{i}",
                    "kind": kind,
                    "answer": answer,
                    "correct": correct,
                    "time": "2025-03-01T09:00:00.000Z",
                }
            )
    return {
        "format": "town-square-kit/export",
        "schema_version": 1,
        "learner": f"learner {n}",
        "kit_version": kit.__version__,
        "language": "ar",
        "exported_at": "2025-03-01T10:00:00.000Z",
        "answers": answers,
    }


def _make_class(folder: Path, learners: int) -> Path:
    rng = random.Random(learners)
    rows = []
    for n in range(learners):
        doc = _export(n, rng)
        name = f"learner-{n:05d}.json"
        (folder / name).write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        for a in doc["answers"]:
            answer = a["answer"] if isinstance(a["answer"], str) else json.dumps(a["answer"])
            rows.append(
                [
                    doc["learner"],
                    a["lesson"],
                    a["item"],
                    a["kind"],
                    answer,
                    a["correct"],
                    a["time"],
                    doc["language"],
                    name,
                ]
            )
    csv_path = folder.parent / f"class-{learners}.csv"
    pd.DataFrame(rows, columns=CSV_COLUMNS).to_csv(csv_path, index=False)
    return csv_path


def _median_seconds(fn, repeats: int = REPEATS) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> dict:
    """Time load_class on three synthetic classes and write the results file."""
    results = {
        "python": platform.python_version(),
        "pandas": pd.__version__,
        "repeats": REPEATS,
        "lessons": len(LESSONS),
        "items": ITEMS,
        "sizes": [],
    }
    with tempfile.TemporaryDirectory() as tmp:
        for learners in SIZES:
            folder = Path(tmp) / f"class-{learners}"
            folder.mkdir()
            csv_path = _make_class(folder, learners)
            data = load_class(folder)
            assert len(data.answers) == learners * len(LESSONS) * ITEMS and not data.problems
            seconds = _median_seconds(lambda f=folder: load_class(f))
            csv_seconds = _median_seconds(lambda p=csv_path: pd.read_csv(p))
            results["sizes"].append(
                {
                    "learners": learners,
                    "rows": len(data.answers),
                    "load_class_s": round(seconds, 4),
                    "read_csv_s": round(csv_seconds, 4),
                    "ms_per_file": round(1000 * seconds / learners, 3),
                    "vs_read_csv": round(seconds / csv_seconds, 1),
                }
            )
            print(
                f"{learners:>5} learners {len(data.answers):>7} rows: load_class "
                f"{seconds:7.3f} s, read_csv {csv_seconds:6.3f} s "
                f"({seconds / csv_seconds:.1f}x), {1000 * seconds / learners:.2f} ms/file"
            )
    s = results["sizes"]
    results["growth"] = {
        f"{b['learners']}/{a['learners']}": round(b["load_class_s"] / a["load_class_s"], 2)
        for a, b in itertools.pairwise(s)
    }
    for ratio, value in results["growth"].items():
        print(f"growth {ratio}: {value}x (10x = linear)")
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS}")
    return results


if __name__ == "__main__":
    main()
