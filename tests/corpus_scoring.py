"""Precision, recall and F1 of the finders: on hand-written cases and on the real-news corpus.

Two scorers share this module:
- ``precision_recall_f1`` for the kit's synthetic corpus (tests/corpus/*.json), one case per text.
- ``score_news`` for the development corpus of real news (tests/corpus/news/, guideline in
  docs/finders-annotation.md): spans must overlap and the normalised value must agree; the hedge
  and the speaker are scored separately, over the matched mentions, as accuracies.

Texts whose licence lets the repository hold them are in tests/corpus/news/texts/; the others are
read from the local cache that ``tools/fetch_corpus.py`` fills (``KIT_NEWS_CORPUS`` or
~/.cache/town-square-kit/corpus_news), and only when their SHA-256 matches the manifest.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kit.arabic import fold

NEWS = Path(__file__).parent / "corpus" / "news"
CATEGORIES = ("numbers", "quotes", "dates")


def precision_recall_f1(cases: list[dict], finder: Callable[[str], list],
                        same: Callable[[object, dict, str], bool]) -> tuple[float, float, float]:
    """Each expected mention matches at most one found mention; unmatched finds are false hits."""
    tp = fp = fn = 0
    for case in cases:
        found = finder(case["text"])
        used: set[int] = set()
        for expected in case["expect"]:
            hit = next((i for i, f in enumerate(found)
                        if i not in used and same(f, expected, case["text"])), None)
            if hit is None:
                fn += 1
            else:
                used.add(hit)
                tp += 1
        fp += len(found) - len(used)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall, 2 * precision * recall / (precision + recall or 1)


# ------------------------------------------------------------------ the real-news corpus


def news_cache_dir() -> Path:
    """Where tools/fetch_corpus.py keeps the texts the repository may not hold."""
    env = os.environ.get("KIT_NEWS_CORPUS")
    return Path(env) if env else Path.home() / ".cache" / "town-square-kit" / "corpus_news"


def news_manifest() -> dict[str, Any]:
    return json.loads((NEWS / "manifest.json").read_text("utf-8"))


def load_news(split: str | None = None, lang: str | None = None) -> list[dict[str, Any]]:
    """Annotated texts that are present and intact, each with ``text`` and its annotations."""
    annotations = json.loads((NEWS / "annotations.json").read_text("utf-8"))
    docs = []
    for meta in news_manifest()["texts"]:
        if (split and meta["split"] != split) or (lang and meta["lang"] != lang):
            continue
        text = _news_text(meta)
        if text is None:
            continue
        docs.append({**meta, **annotations[meta["id"]], "text": text})
    return docs


def news_missing(split: str | None = None) -> list[str]:
    """Ids of manifest texts that are neither in the repository nor in the cache."""
    return [m["id"] for m in news_manifest()["texts"]
            if (not split or m["split"] == split) and _news_text(m) is None]


def _news_text(meta: dict[str, Any]) -> str | None:
    for folder in (NEWS / "texts", news_cache_dir()):
        path = folder / f"{meta['id']}.txt"
        if path.exists():
            text = path.read_text("utf-8")
            if hashlib.sha256(text.encode("utf-8")).hexdigest() == meta["sha256"]:
                return text
    return None


def _overlap(found: Any, expected: dict) -> bool:
    return found.start < expected["end"] and found.end > expected["start"]


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-3, abs_tol=1e-3)


def _same_number(found: Any, e: dict) -> bool:
    return (_overlap(found, e) and _close(found.value, e["value"]) and found.unit == e["unit"]
            and (e["value_max"] is None or _close(found.value_max, e["value_max"])))


def _same_date(found: Any, e: dict) -> bool:
    return _overlap(found, e) and found.kind == e["kind"] and str(found.value) == str(e["value"])


def _same_quote(found: Any, e: dict) -> bool:
    return _overlap(found, e) and found.kind == e["kind"]


_NOISE = re.compile(r"[«»“”\"'()\[\]،,:.\s]+")


def _norm(name: str | None) -> str:
    return _NOISE.sub(" ", fold(name or "").text).strip().lower()


def speaker_ok(found: Any, e: dict, people: dict[str, list[str]]) -> bool:
    """The found speaker (its canonical person when the finder gives one) names e's person."""
    said = getattr(found, "speaker_canonical", None) or found.speaker
    if e["person"] is None:
        return said is None
    names = {_norm(e["person"]), *(_norm(a) for a in people.get(e["person"], []))}
    if e["written"]:
        names.add(_norm(e["written"]))
    return said is not None and _norm(said) in names


_SAME = {"numbers": _same_number, "quotes": _same_quote, "dates": _same_date}


def score_news(docs: list[dict[str, Any]], finders: dict[str, Callable[[str], list]] | None = None,
               ) -> dict[str, dict[str, Any]]:
    """Per category: tp, fp, fn, precision, recall, f1; hedge accuracy (numbers) and speaker
    accuracy (quotes) over the matched mentions. ``finders`` defaults to the kit's three."""
    if finders is None:
        from kit.finders import find_dates, find_numbers, find_quotes
        finders = {"numbers": find_numbers, "quotes": find_quotes,
                   "dates": lambda t: find_dates(t)}
    out: dict[str, dict[str, Any]] = {}
    for cat in CATEGORIES:
        tp = fp = fn = right = 0
        misses: list[tuple[str, str]] = []
        extras: list[tuple[str, str]] = []
        for doc in docs:
            finder = finders[cat]
            found = _call(finder, doc)
            used: set[int] = set()
            for e in doc[cat]:
                hit = next((i for i, f in enumerate(found) if i not in used
                            and _SAME[cat](f, e)), None)
                if hit is None:
                    fn += 1
                    misses.append((doc["id"], e["text"]))
                    continue
                used.add(hit)
                tp += 1
                f = found[hit]
                if cat == "numbers":
                    right += f.hedge == e["hedge"]
                elif cat == "quotes":
                    right += speaker_ok(f, e, doc["people"])
            fp += len(found) - len(used)
            extras += [(doc["id"], f.text) for i, f in enumerate(found) if i not in used]
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        row: dict[str, Any] = {"tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": r,
                               "f1": 2 * p * r / (p + r) if p + r else 0.0,
                               "misses": misses, "extras": extras}
        if cat == "numbers":
            row["hedge_accuracy"] = right / tp if tp else 1.0
        elif cat == "quotes":
            row["speaker_accuracy"] = right / tp if tp else 1.0
        out[cat] = row
    return out


def _call(finder: Callable, doc: dict[str, Any]) -> list:
    """Date finders that accept the article's date get it (relative days are resolved)."""
    try:
        return list(finder(doc["text"], published=doc.get("published")))
    except TypeError:
        return list(finder(doc["text"]))


def format_table(scores: dict[str, dict[str, Any]], title: str = "") -> str:
    lines = [title] if title else []
    lines.append(f"{'category':<10} {'P':>6} {'R':>6} {'F1':>6} {'other':>24}  (tp/fp/fn)")
    for cat, row in scores.items():
        other = ""
        if "hedge_accuracy" in row:
            other = f"hedge acc {row['hedge_accuracy']:.2f}"
        elif "speaker_accuracy" in row:
            other = f"speaker acc {row['speaker_accuracy']:.2f}"
        lines.append(f"{cat:<10} {row['precision']:6.2f} {row['recall']:6.2f} {row['f1']:6.2f} "
                     f"{other:>24}  ({row['tp']}/{row['fp']}/{row['fn']})")
    return "\n".join(lines)
