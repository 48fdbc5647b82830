"""Charts about the article's claims: where the check-worthy ones are, and who makes them."""

from __future__ import annotations

from collections import Counter
from typing import Any

from kit.charts import OKABE_ITO, Chart, current_lang, hover_text, style, wrap_hover
from kit.i18n import t
from kit.verdicts import label as verdict_label

# One colour and one marker shape per claim type, so the legend never depends on colour alone.
TYPE_ORDER = ("factual", "characterisation", "opinion", "prediction")
TYPE_COLOURS = {"factual": OKABE_ITO[4], "characterisation": OKABE_ITO[5],
                "opinion": OKABE_ITO[0], "prediction": OKABE_ITO[2]}
TYPE_SYMBOLS = {"factual": "circle", "characterisation": "diamond", "opinion": "square",
                "prediction": "triangle-up"}
TYPE_PATTERNS = {"factual": "", "characterisation": "x", "opinion": "/", "prediction": "."}




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
    import plotly.graph_objects as go

    from kit.claims import claims_table, get_claim

    lang = current_lang(lang)
    table = claims_table(lang)
    names = _claimant_names(lang)
    seen: Counter[tuple[int, int]] = Counter()
    offsets = []
    for p, w in zip(table["paragraph"], table["checkworthiness"], strict=True):
        k = seen[(p, w)]
        seen[(p, w)] += 1
        # spread claims that share a cell: 0, +0.18, -0.18, +0.36, …
        offsets.append(((k + 1) // 2) * 0.18 * (1 if k % 2 else -1))
    table = table.assign(x=table["paragraph"] + offsets)
    fig = go.Figure()
    for kind in TYPE_ORDER:
        rows = table[table["type"] == kind]
        if rows.empty:
            continue
        hover = []
        for _, r in rows.iterrows():
            record = get_claim(r["id"])
            hover.append(t("claims_chart.hover", lang,
                           paragraph=r["paragraph"], claim=wrap_hover(r["claim"]),
                           claimant=hover_text(names.get(r["claimant"], r["claimant"])),
                           kind=hover_text(r["type_label"]), verdict=hover_text(r["verdict_label"]),
                           origin=hover_text(r["en_origin_label"]),
                           sources=_sources_line(record["sources"], lang)))
        fig.add_trace(go.Scatter(
            x=rows["x"], y=rows["checkworthiness"], mode="markers",
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
    top = table[table["checkworthiness"] == 3]
    by_article = int((top["claimant"] == "article").sum())
    return Chart(fig, t("claims_chart.map_summary", lang, n=len(table), top=len(top),
                        article=by_article,
                        unproven=int((table["verdict"] == "unproven").sum()),
                        unproven_label=verdict_label("unproven", lang)), lang)


def claims_by_claimant(lang: str | None = None) -> Chart:
    """How many claims each claimant makes, split by type (the article itself vs quoted people)."""
    import plotly.graph_objects as go

    from kit.claims import claims_table

    lang = current_lang(lang)
    table = claims_table(lang)
    names = _claimant_names(lang)
    counts = table.groupby("claimant").size().sort_values(ascending=True)
    order = list(counts.index)  # fewest first, so the largest bar is at the top
    labels = [names.get(c, c) for c in order]
    fig = go.Figure()
    for kind in TYPE_ORDER:
        values, hover = [], []
        for claimant in order:
            rows = table[(table["claimant"] == claimant) & (table["type"] == kind)]
            values.append(len(rows))
            quotes = "<br>".join(f"• {wrap_hover(q, 55)}" for q in rows["claim"].head(5))
            more = t("claims_chart.more", lang, n=len(rows) - 5) if len(rows) > 5 else ""
            hover.append(t("claims_chart.bar_hover", lang,
                           claimant=hover_text(names.get(claimant, claimant)), n=len(rows),
                           kind=hover_text(t(f"claims.type.{kind}", lang)), quotes=quotes + more))
        fig.add_trace(go.Bar(
            y=labels, x=values, orientation="h", name=t(f"claims.type.{kind}", lang),
            text=hover, hovertemplate="%{text}<extra></extra>", textposition="none",
            marker={"color": TYPE_COLOURS[kind], "pattern": {"shape": TYPE_PATTERNS[kind]},
                    "line": {"color": "#000000", "width": 0.5}}))
    fig.update_layout(barmode="stack", xaxis_title=t("claims_chart.count", lang),
                      yaxis={"side": "right" if lang == "ar" else "left"},
                      height=380)
    style(fig, lang, t("claims_chart.claimant_title", lang))
    mine = table[table["claimant"] == "article"]
    quoted = table[table["claimant"] != "article"]
    judged = int(quoted["type"].isin(["opinion", "prediction", "characterisation"]).sum())
    return Chart(fig, t("claims_chart.claimant_summary", lang, n=len(table), article=len(mine),
                        factual=int((mine["type"] == "factual").sum()), quoted=len(quoted),
                        judged=judged), lang)
