"""The article's check-worthy claims (data/claims.json) as a table, highlights and records."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from kit.article import Highlight
from kit.datasets import load_dataset
from kit.i18n import get_language, t
from kit.sources import source_label
from kit.verdicts import label

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["CLAIM_COLUMNS", "claim_highlights", "claims_table", "english_origin_label",
           "get_claim"]

CLAIM_COLUMNS = (
    "id", "paragraph", "start", "end", "quote", "claim", "claimant", "claimant_as_written",
    "type", "type_label", "checkable", "checkworthiness", "verdict", "verdict_label",
    "explanation", "evidence_needed", "source_outlets", "n_sources",
    "en_origin", "en_origin_label", "en_source",
)


def _claims() -> list[dict[str, Any]]:
    return load_dataset("claims")["items"]


def _english(c: dict[str, Any]) -> str:
    if c["en_origin"] == "back_translation":
        return f"{c['text_en']} [{t('english_origin.marker', 'en')}]"
    return c["text_en"]


def verdict_label(verdict: str, lang: str | None = None) -> str:
    """The verdict's name in the learner's language, from the kit's one scale (kit.verdicts)."""
    return label(verdict, lang)


def english_origin_label(origin: str, lang: str | None = None) -> str:
    """Whose English a text is, in the learner's language: AP's, the speaker's, or ours."""
    return t(f"english_origin.{origin}", lang)


def claims_table(lang: str | None = None) -> pd.DataFrame:
    """One row per claim; text columns in `lang` (default: the current language).

    >>> claims_table("en").loc[lambda d: d.id == "weekday_tuesday", "verdict"].item()
    'false'
    """
    import pandas as pd

    lang = lang or get_language()
    rows = []
    for c in _claims():
        rows.append({
            "id": c["id"], "paragraph": c["paragraph"], "start": c["start"], "end": c["end"],
            "quote": c["quote"],
            # the quote is already Arabic; English readers get the English, marked when it is
            # our back-translation and not an original
            "claim": c["quote"] if lang == "ar" else _english(c),
            "claimant": c["claimant"], "claimant_as_written": c["claimant_as_written"],
            "type": c["type"], "type_label": t(f"claims.type.{c['type']}", lang),
            "checkable": c["checkable"], "checkworthiness": c["checkworthiness"],
            "verdict": c["verdict"], "verdict_label": verdict_label(c["verdict"], lang),
            "explanation": c[f"verdict_{lang}"],
            "evidence_needed": c[f"evidence_needed_{lang}"],
            # the reader's script, and whether it is an unofficial copy, a blog or partisan
            "source_outlets": ("؛ " if lang == "ar" else "; ").join(
                source_label(s, lang, confidence=False, date=False) for s in c["sources"]),
            "n_sources": len(c["sources"]),
            "en_origin": c["en_origin"],
            "en_origin_label": english_origin_label(c["en_origin"], lang),
            "en_source": c["en_source"] or "",
        })
    return pd.DataFrame(rows, columns=list(CLAIM_COLUMNS))


def get_claim(claim_id: str) -> dict[str, Any]:
    """The full record of one claim (spans, verdicts in both languages, sources)."""
    for c in _claims():
        if c["id"] == claim_id:
            return c
    some = ", ".join(c["id"] for c in _claims()[:6])
    raise LookupError(t("claims.unknown_id", id=claim_id, ids=some))


def claim_highlights(ids: Iterable[str] | None = None, *, types: Iterable[str] | None = None,
                     checkable: bool | None = None, lang: str | None = None) -> list[Highlight]:
    """Highlights for `Article.show`, labelled and coloured by claim type.

    Filter by claim ids, by types ('factual', 'opinion', 'prediction', 'characterisation')
    or by whether the claim is checkable.
    """
    wanted = set(ids) if ids is not None else None
    kinds = set(types) if types is not None else None
    out = []
    for c in _claims():
        if wanted is not None and c["id"] not in wanted:
            continue
        if kinds is not None and c["type"] not in kinds:
            continue
        if checkable is not None and c["checkable"] != checkable:
            continue
        out.append(Highlight(c["start"], c["end"], t(f"claims.type.{c['type']}", lang), c["type"]))
    return out
