"""Precision, recall and F1 of a finder on hand-written corpus cases (shared by finder tests)."""

from __future__ import annotations

from collections.abc import Callable


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
