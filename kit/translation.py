"""Machine-translation artifacts (T1–T33) and internal inconsistencies (I1–I9) of the article."""

from __future__ import annotations

from typing import Any

from kit.datasets import load_dataset
from kit.i18n import get_language, t

__all__ = ["artifact", "artifact_highlights", "artifacts_table"]


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


def artifacts_table(lang: str | None = None, kind: str | None = None):
    """One row per artifact: where it is, what it says, what was meant, and whether it matters."""
    import pandas as pd

    lang = lang or get_language()
    rows = []
    for r in _rows():
        if kind and r["kind"] != kind and kind not in r["secondary_kinds"]:
            continue
        rows.append({
            "id": r["id"], "kind": r["kind"],
            "kind_label": t(f"translation.kind.{r['kind']}", lang),
            "paragraphs": sorted({s["paragraph"] for s in r["spans"]}),
            "quote": " … ".join(s["quote"] for s in r["spans"]),
            "literal_en": r["literal_en"] or "", "intended_en": r["intended_en"] or "",
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
    return [{"start": s["start"], "end": s["end"], "label": r["id"],
             "group": t(f"translation.kind.{r['kind']}", lang)}
            for r in chosen for s in r["spans"]]
