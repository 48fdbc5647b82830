"""Charts about the article's claims: where the check-worthy ones are, and who makes them."""

from __future__ import annotations

from collections import Counter
from typing import Any

from kit.charts import (
    OKABE_ITO,
    Chart,
    Figure,
    bar,
    current_lang,
    hover_text,
    scatter,
    style,
    wrap_hover,
)
from kit.i18n import t
from kit.verdicts import label as verdict_label

# One colour and one marker shape per claim type, so the legend never depends on colour alone.
TYPE_ORDER = ("factual", "characterisation", "opinion", "prediction")
TYPE_COLOURS = {"factual": OKABE_ITO[4], "characterisation": OKABE_ITO[5],
                "opinion": OKABE_ITO[0], "prediction": OKABE_ITO[2]}
TYPE_SYMBOLS = {"factual": "circle", "characterisation": "diamond", "opinion": "square",
                "prediction": "triangle-up"}
TYPE_PATTERNS = {"factual": "", "characterisation": "x", "opinion": "/", "prediction": "."}


def _claim_rows(lang: str) -> list[dict[str, Any]]:
    """The columns of kit.claims.claims_table the charts use, one dict per claim, in data order.

    Read from the claims data directly, so a lesson that draws them need not import pandas.
    """
    from kit.claims import _claims, _english, english_origin_label

    return [{"id": c["id"], "paragraph": c["paragraph"], "checkworthiness": c["checkworthiness"],
             "claim": c["quote"] if lang == "ar" else _english(c), "claimant": c["claimant"],
             "type": c["type"], "type_label": t(f"claims.type.{c['type']}", lang),
             "verdict": c["verdict"], "verdict_label": verdict_label(c["verdict"], lang),
             "en_origin_label": english_origin_label(c["en_origin"], lang),
             "sources": c["sources"]} for c in _claims()]


def _claimant_names(lang: str) -> dict[str, str]:
    from kit.datasets import load_dataset

    return {s["id"]: s[f"name_{lang}"] for s in load_dataset("sources")["speakers"]}


def _sources_line(sources: list[dict[str, Any]], lang: str) -> str:
    if not sources:
        return t("claims_chart.no_sources", lang)
    from kit.sources import source_label

    lines = [f"• {source_label(s, lang)}" for s in sources[:4]]
    return "<br>".join(hover_text(line) for line in lines)


def claims_map(lang: str | None = None) -> Chart:
    """Every claim along the article: paragraph × check-worthiness, by type; verdict on hover."""
    lang = current_lang(lang)
    table = _claim_rows(lang)
    names = _claimant_names(lang)
    seen: Counter[tuple[int, int]] = Counter()
    for r in table:
        k = seen[(r["paragraph"], r["checkworthiness"])]
        seen[(r["paragraph"], r["checkworthiness"])] += 1
        # spread claims that share a cell: 0, +0.18, -0.18, +0.36, …
        r["x"] = r["paragraph"] + ((k + 1) // 2) * 0.18 * (1 if k % 2 else -1)
    fig = Figure()
    for kind in TYPE_ORDER:
        rows = [r for r in table if r["type"] == kind]
        if not rows:
            continue
        hover = [t("claims_chart.hover", lang,
                   paragraph=r["paragraph"], claim=wrap_hover(r["claim"]),
                   claimant=hover_text(names.get(r["claimant"], r["claimant"])),
                   kind=hover_text(r["type_label"]), verdict=hover_text(r["verdict_label"]),
                   origin=hover_text(r["en_origin_label"]),
                   sources=_sources_line(r["sources"], lang)) for r in rows]
        fig.add_trace(scatter(
            x=[r["x"] for r in rows], y=[r["checkworthiness"] for r in rows], mode="markers",
            name=t(f"claims.type.{kind}", lang), text=hover,
            hovertemplate="%{text}<extra></extra>",
            marker={"color": TYPE_COLOURS[kind], "symbol": TYPE_SYMBOLS[kind], "size": 15,
                    "line": {"color": "#000000", "width": 1}}))
    ticks = [1, 2, 3]
    fig.update_layout(
        xaxis={"title": t("claims_chart.paragraph", lang), "tickmode": "linear", "dtick": 1,
               "range": [-0.7, 18.7]},
        yaxis={"title": t("claims_chart.worthiness", lang), "tickvals": ticks,
               "ticktext": [t(f"claims_chart.worthiness_{w}", lang) for w in ticks],
               "range": [0.5, 3.5], "side": "right" if lang == "ar" else "left"},
        height=460)
    style(fig, lang, t("claims_chart.map_title", lang))
    top = [r for r in table if r["checkworthiness"] == 3]
    by_article = sum(1 for r in top if r["claimant"] == "article")
    return Chart(fig, t("claims_chart.map_summary", lang, n=len(table), top=len(top),
                        article=by_article,
                        unproven=sum(1 for r in table if r["verdict"] == "unproven"),
                        unproven_label=verdict_label("unproven", lang)), lang)


def claims_by_claimant(lang: str | None = None) -> Chart:
    """How many claims each claimant makes, split by type (the article itself vs quoted people)."""
    lang = current_lang(lang)
    table = _claim_rows(lang)
    names = _claimant_names(lang)
    counts = Counter(r["claimant"] for r in table)
    # fewest first, so the largest bar is at the top; ties in the claimants' alphabetical order
    order = sorted(sorted(counts), key=counts.__getitem__)
    labels = [names.get(c, c) for c in order]
    fig = Figure()
    for kind in TYPE_ORDER:
        values, hover = [], []
        for claimant in order:
            rows = [r for r in table if r["claimant"] == claimant and r["type"] == kind]
            values.append(len(rows))
            quotes = "<br>".join(f"• {wrap_hover(r['claim'], 55)}" for r in rows[:5])
            more = t("claims_chart.more", lang, n=len(rows) - 5) if len(rows) > 5 else ""
            hover.append(t("claims_chart.bar_hover", lang,
                           claimant=hover_text(names.get(claimant, claimant)), n=len(rows),
                           kind=hover_text(t(f"claims.type.{kind}", lang)), quotes=quotes + more))
        fig.add_trace(bar(
            y=labels, x=values, orientation="h", name=t(f"claims.type.{kind}", lang),
            text=hover, hovertemplate="%{text}<extra></extra>", textposition="none",
            marker={"color": TYPE_COLOURS[kind], "pattern": {"shape": TYPE_PATTERNS[kind]},
                    "line": {"color": "#000000", "width": 0.5}}))
    fig.update_layout(barmode="stack", xaxis_title=t("claims_chart.count", lang),
                      yaxis={"side": "right" if lang == "ar" else "left"},
                      height=380)
    style(fig, lang, t("claims_chart.claimant_title", lang))
    mine = [r for r in table if r["claimant"] == "article"]
    quoted = [r for r in table if r["claimant"] != "article"]
    judged = sum(1 for r in quoted if r["type"] in ("opinion", "prediction", "characterisation"))
    return Chart(fig, t("claims_chart.claimant_summary", lang, n=len(table), article=len(mine),
                        factual=sum(1 for r in mine if r["type"] == "factual"),
                        quoted=len(quoted), judged=judged), lang)
