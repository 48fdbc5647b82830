"""Machine-translation artifacts (T1–T33) and internal inconsistencies (I1–I9) of the article."""

from __future__ import annotations

from typing import Any

from kit.datasets import load_dataset
from kit.i18n import get_language, t

__all__ = ["artifact", "artifact_highlights", "artifacts_table", "display_id", "english_line",
           "origin_label"]


def _rows() -> list[dict[str, Any]]:
    return load_dataset("translation")["artifacts"]


def artifact(artifact_id: str) -> dict[str, Any]:
    """One artifact by id, e.g. artifact("T8") (the reversed 'kicked off')."""
    wanted = str(artifact_id).strip().upper()
    for row in _rows():
        if row["id"] == wanted:
            return row
    ids = ", ".join(r["id"] for r in _rows())
    raise ValueError(f"There is no translation artifact {artifact_id!r}. The ids are: {ids}")


def display_id(artifact_id: str, lang: str | None = None) -> str:
    """The id a learner sees: T1/I6 in English, «خ1»/«ت6» (خطأ/تناقض) in Arabic.

    >>> display_id("T1", "ar"), display_id("I6", "en")
    ('خ1', 'I6')
    """
    lang = lang or get_language()
    return t(f"translation.code.{artifact_id[0]}", lang) + artifact_id[1:]


def origin_label(row: dict[str, Any], lang: str | None = None) -> str:
    """What the English of a row is: the original as published, or the editors' back-translation."""
    lang = lang or get_language()
    return t(f"translation.origin_label.{row['en_origin'] or 'none'}", lang)


def english_line(row: dict[str, Any], lang: str | None = None) -> str:
    """What was meant, with its origin said in words (for hovers and tables).

    The original English is quoted in both editions. A back-translation is shown as such in the
    English edition; the Arabic edition says there is no original and gives the meaning in Arabic.
    """
    lang = lang or get_language()
    origin = row["en_origin"] or "none"
    text = row["intended_en"] or "—"
    if lang == "ar" and origin in ("back_translation", "editors_note"):
        text = ((row["correction"] or {}).get("ar") or "—").strip("«»“”")
    return t(f"translation.origin.{origin}", lang, text=text)


def artifacts_table(lang: str | None = None, kind: str | None = None):
    """One row per artifact: where it is, what it says, what was meant, and whether it matters."""
    import pandas as pd

    lang = lang or get_language()
    rows = []
    for r in _rows():
        if kind and r["kind"] != kind and kind not in r["secondary_kinds"]:
            continue
        rows.append({
            "id": r["id"], "label": display_id(r["id"], lang), "kind": r["kind"],
            "kind_label": t(f"translation.kind.{r['kind']}", lang),
            "paragraphs": sorted({s["paragraph"] for s in r["spans"]}),
            "quote": " … ".join(s["quote"] for s in r["spans"]),
            "literal_en": r["literal_en"] or "", "intended_en": r["intended_en"] or "",
            "en_origin": r["en_origin"] or "", "en_origin_label": origin_label(r, lang),
            "en_source": r["en_source"] or "",
            "correction": (r["correction"] or {}).get("ar", ""),
            "explanation": r[f"explanation_{lang}"],
            "changes_claim": r["changes_claim"], "why": r[f"changes_claim_why_{lang}"],
        })
    return pd.DataFrame(rows)


def artifact_highlights(ids: list[str] | None = None,
                        lang: str | None = None) -> list[dict[str, Any]]:
    """Highlights for Article.show(): every span of the chosen artifacts, labelled by id."""
    lang = lang or get_language()
    chosen = [artifact(i) for i in ids] if ids else _rows()
    return [{"start": s["start"], "end": s["end"], "label": display_id(r["id"], lang),
             "group": t(f"translation.kind.{r['kind']}", lang)}
            for r in chosen for s in r["spans"]]
