"""The kit's one verdict scale (data/verdicts.json): keys, labels, definitions, ClaimReview rating.

Every verdict word the kit shows comes from here; claims, figures, the fact-check exercise and
ClaimReview exports all use these keys.

>>> label("mostly_true", "en")
'Mostly true'
>>> list(VERDICT_ORDER)[:2]
['true', 'mostly_true']
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from kit.datasets import load_dataset
from kit.i18n import get_language

__all__ = ["VERDICT_ORDER", "definition", "label", "rating_value", "scale", "short_label"]


@cache
def scale() -> dict[str, dict[str, Any]]:
    """Key -> record (label_ar/en, definition_ar/en, rating_value), in the scale's order."""
    return {v["key"]: v for v in load_dataset("verdicts")["items"]}


def _record(key: str) -> dict[str, Any]:
    try:
        return scale()[key]
    except KeyError:
        raise LookupError(f"{key!r} is not on the verdict scale: {', '.join(scale())}") from None


def label(key: str, lang: str | None = None) -> str:
    """The verdict's name in `lang` (default: the current language)."""
    return _record(key)[f"label_{lang or get_language()}"]


def short_label(key: str, lang: str | None = None) -> str:
    """The label without its bracketed gloss ('Not rated' for the not_rated label)."""
    return re.sub(r"\s*\(.*\)\s*$", "", label(key, lang))


def definition(key: str, lang: str | None = None) -> str:
    """The verdict's one-line definition in `lang`."""
    return _record(key)[f"definition_{lang or get_language()}"]


def rating_value(key: str) -> int | None:
    """ClaimReview ratingValue (1..5), or None where the verdict has no place on that scale."""
    return _record(key)["rating_value"]


VERDICT_ORDER: tuple[str, ...] = tuple(scale())
