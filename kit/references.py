"""The article's figures (data/numbers.json) and the reference figures they are compared with."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kit.datasets import load_dataset
from kit.i18n import get_language, t
from kit.verdicts import label as verdict_label

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "AUDIENCE_COLUMNS", "NUMBER_COLUMNS", "RANGE_METRICS", "REFERENCE_COLUMNS",
    "audience_estimates", "audience_range", "numbers_table", "reference", "references_table",
]

NUMBER_COLUMNS = (
    "id", "paragraph", "start", "end", "quote", "value", "unit", "hedge", "hedge_label",
    "counts", "denominator", "verdict", "verdict_label", "verdict_note", "reference_ids",
    "finder_span",
)
REFERENCE_COLUMNS = (
    "id", "topic", "label", "value", "value_low", "value_high", "unit", "hedge", "metric",
    "metric_label", "what_counted", "counted_by", "event", "date", "note", "source_outlet",
    "source_url", "confidence", "confidence_label", "n_sources",
)
AUDIENCE_COLUMNS = (
    "id", "outlet", "value", "value_low", "value_high", "hedge", "metric", "metric_label",
    "what_counted", "space", "space_label", "date", "source_outlet", "source_url",
    "confidence", "confidence_label",
)


def _items(name: str) -> list[dict[str, Any]]:
    return load_dataset(name)["items"]


def _label(prefix: str, value: str | None, lang: str) -> str | None:
    return t(f"{prefix}.{value}", lang) if value else None


def numbers_table(lang: str | None = None) -> pd.DataFrame:
    """Every figure, time, date and weekday in the article with its verdict, in `lang`.

    >>> numbers_table("en").set_index("id").loc["n_weekday_tuesday_p1", "verdict"]
    'false'
    """
    import pandas as pd

    lang = lang or get_language()
    rows = [{
        "id": n["id"], "paragraph": n["paragraph"], "start": n["start"], "end": n["end"],
        "quote": n["quote"], "value": n["value"], "unit": n["unit"], "hedge": n["hedge"],
        "hedge_label": _label("numbers.hedge", n["hedge"], lang),
        "counts": n[f"counts_{lang}"], "denominator": n[f"denominator_{lang}"],
        "verdict": n["verdict"], "verdict_label": verdict_label(n["verdict"], lang),
        "verdict_note": n[f"verdict_note_{lang}"], "reference_ids": list(n["reference_ids"]),
        "finder_span": n["finder_span"],
    } for n in _items("numbers")]
    return pd.DataFrame(rows, columns=list(NUMBER_COLUMNS))


def _reference_row(r: dict[str, Any], lang: str) -> dict[str, Any]:
    first = r["sources"][0]
    return {
        "id": r["id"], "topic": r["topic"], "label": r[f"label_{lang}"], "value": r["value"],
        "value_low": r["value_low"], "value_high": r["value_high"], "unit": r["unit"],
        "hedge": r["hedge"], "metric": r["metric"],
        "metric_label": _label("references.metric", r["metric"], lang),
        "what_counted": r[f"what_counted_{lang}"], "counted_by": r["counted_by"],
        "event": r["event"], "date": r["date"], "note": r[f"note_{lang}"],
        # The outlet as the reader's edition names it: Arabic script in Arabic, with what kind
        # of copy it is (an unofficial copy, a blog) from its tags.
        "source_outlet": _outlet(first, lang), "source_url": first["url"],
        "confidence": first["confidence"],
        "confidence_label": _label("references.confidence", first["confidence"], lang),
        "n_sources": len(r["sources"]),
    }


def _outlet(source: dict[str, Any], lang: str) -> str:
    """'أسوشيتد برس (نسخة غير رسمية)' / 'AP (unofficial copy)': name and kind, no date."""
    from kit.sources import source_label

    return source_label(source, lang, confidence=False, date=False)


def references_table(lang: str | None = None) -> pd.DataFrame:
    """Every reference figure (audience estimates, TV ratings, dates, …) with its first source."""
    import pandas as pd

    lang = lang or get_language()
    rows = [_reference_row(r, lang) for r in _items("references")]
    return pd.DataFrame(rows, columns=list(REFERENCE_COLUMNS))


def audience_estimates(lang: str | None = None) -> pd.DataFrame:
    """The competing counts of the DeSantis Space audience, one tidy row per estimate.

    Rows without a single value (e.g. "not in the top 150") are left out; sorted by value.
    """
    import pandas as pd

    lang = lang or get_language()
    rows = []
    for r in _items("references"):
        if r["topic"] != "desantis_audience" or r["value"] is None:
            continue
        row = _reference_row(r, lang)
        rows.append({
            **{k: row[k] for k in ("id", "value", "value_low", "value_high", "hedge", "metric",
                                   "metric_label", "what_counted", "date", "source_outlet",
                                   "source_url", "confidence", "confidence_label")},
            "outlet": r["counted_by"], "space": r["event"],
            "space_label": _label("references.event", r["event"], lang),
        })
    table = pd.DataFrame(rows, columns=list(AUDIENCE_COLUMNS))
    return table.sort_values("value", kind="stable").reset_index(drop=True)


# What "audience" means when a lesson states the range of estimates: listeners counted at one
# moment or at the peak. Left out: people *trying* to get in, cumulative totals (they include the
# recording) and figures marked comparison_only (a weak source shown only for comparison).
RANGE_METRICS = ("concurrent_peak", "concurrent_moment", "unspecified")


def audience_range() -> tuple[dict[str, Any], dict[str, Any]]:
    """The lowest and the highest estimate of the DeSantis audience (references.json rows).

    A range that lesson text states must be computed from these two rows.

    >>> low, high = audience_range()
    >>> (low["id"], low["value"]), (high["id"], high["value"])
    (('aud_collins_100k', 100000), ('aud_campaign_700k', 700000))
    """
    rows = [r for r in _items("references")
            if r["topic"] == "desantis_audience" and r["value"] is not None
            and r["metric"] in RANGE_METRICS and not r.get("comparison_only")]
    rows.sort(key=lambda r: r["value"])
    return rows[0], rows[-1]


def reference(ref_id: str) -> dict[str, Any]:
    """The full record of one reference figure, with all its sources."""
    for r in _items("references"):
        if r["id"] == ref_id:
            return r
    some = ", ".join(r["id"] for r in _items("references")[:6])
    raise LookupError(t("references.unknown_id", id=ref_id, ids=some))
