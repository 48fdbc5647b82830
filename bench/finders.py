"""Quality and throughput of the text finders.

Run ``python -m bench.finders`` (or ``make bench``):
- quality: precision, recall and F1 per category (numbers, quotations, dates), hedge accuracy and
  speaker accuracy, on the real-news corpus (tests/corpus/news) as a whole and on its held-back
  part; texts the repository may not hold come from ``python tools/fetch_corpus.py``'s cache and
  the table says how many are missing;
- throughput: median of 5 runs on 10 KB, 100 KB and 1 MB of realistic mixed text, time per KB
  relative to the 10 KB case (about 1.0 everywhere means time grows linearly with length).
JSON in bench/results/finders.json.
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from kit.article import load_article
from kit.finders import find_dates, find_numbers, find_quotes
from tests.corpus_scoring import format_table, load_news, news_missing, score_news

SIZES = {"10KB": 10_000, "100KB": 100_000, "1MB": 1_000_000}
RUNS = 5
RESULTS = Path(__file__).parent / "results" / "finders.json"
CORPUS = Path(__file__).parent.parent / "tests" / "corpus"


def sample_text(size: int) -> str:
    """The article plus every corpus sentence (Arabic and English), repeated to `size` chars."""
    parts = [load_article().text]
    for name in ("numbers", "dates", "quotes"):
        path = CORPUS / f"{name}.json"
        if path.exists():
            parts.append("\n".join(c["text"] for c in json.loads(path.read_text("utf-8"))))
    unit = "\n\n".join(parts)
    return (unit * (size // len(unit) + 1))[:size]


def median_seconds(finder: Callable[[str], list], text: str) -> float:
    times = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        finder(text)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def quality() -> dict:
    """The per-category table on the whole corpus and on the held-back part."""
    out: dict = {}
    for name, split in (("whole corpus", None), ("held-back part", "heldout")):
        docs = load_news(split=split)
        missing = news_missing(split)
        scores = score_news(docs)
        note = f" — {len(missing)} texts missing, run tools/fetch_corpus.py" if missing else ""
        print(format_table(scores, f"{name}: {len(docs)} texts{note}"))
        out[name] = {"texts": len(docs), "missing": missing,
                     **{c: {k: v for k, v in row.items() if k not in ("misses", "extras")}
                        for c, row in scores.items()}}
    return out


def main() -> dict:
    results: dict = {"quality": quality()}
    for name, finder in (("find_numbers", find_numbers), ("find_dates", find_dates),
                         ("find_quotes", find_quotes)):
        rows = {}
        for label, size in SIZES.items():
            text = sample_text(size)
            seconds = median_seconds(finder, text)
            rows[label] = {"chars": len(text), "seconds": round(seconds, 4),
                           "ms_per_kb": round(1000 * seconds / (len(text) / 1000), 4),
                           "mentions": len(finder(text))}
        base = rows["10KB"]["ms_per_kb"] or 1e-9
        for row in rows.values():
            row["ratio_to_10KB"] = round(row["ms_per_kb"] / base, 2)
        results[name] = rows
        print(name)
        for label, row in rows.items():
            print(f"  {label:>6}: {row['seconds']:8.4f} s  {row['ms_per_kb']:7.3f} ms/KB  "
                  f"x{row['ratio_to_10KB']:.2f}  ({row['mentions']} mentions)")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS}")
    return results


if __name__ == "__main__":
    main()
