"""Charts of any analysed article: whose words it carries, frame words paragraph by paragraph."""

from __future__ import annotations

import html
from typing import Any

from kit.charts import OKABE_ITO, Chart, Figure, bar, current_lang, style
from kit.i18n import t

_UNKNOWN_COLOUR = "#999999"


def _result(source: Any):
    """An Analysis, or the article box holding one (so a cell can pass either)."""
    return getattr(source, "result", source)


def _empty(message: str, lang: str) -> Chart:
    fig = Figure()
    fig.add_annotation(text=html.escape(message), showarrow=False, x=0.5, y=0.5,
                       xref="paper", yref="paper")
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    style(fig, lang, "")
    return Chart(fig, message, lang)


def speaker_share(source: Any, lang: str | None = None) -> Chart:
    """Words each speaker gets in the analysed text; unattributed words shown apart, in grey."""
    result = _result(source)
    lang = current_lang(lang or getattr(result, "lang", None))
    rows = result.speakers.to_dict("records") if result.ok else []
    if not rows:
        return _empty(t("workbench.chart.speakers_none", lang), lang)
    unknown_label = t("workbench.unknown_speaker", lang)
    rows = sorted(rows, key=lambda r: r["words"])  # the most words at the top of the chart
    names = [html.escape(r["speaker"]) if isinstance(r["speaker"], str) else unknown_label
             for r in rows]
    hover = [t("workbench.chart.speaker_hover", lang, name=n, words=r["words"],
               passages=r["passages"], direct=r["direct"], reported=r["reported"])
             for n, r in zip(names, rows, strict=True)]
    colours = [OKABE_ITO[4] if isinstance(r["speaker"], str) else _UNKNOWN_COLOUR for r in rows]
    patterns = ["" if isinstance(r["speaker"], str) else "/" for r in rows]
    fig = Figure(bar(
        y=names, x=[r["words"] for r in rows], orientation="h", text=hover, textposition="none",
        hovertemplate="%{text}<extra></extra>",
        marker={"color": colours, "pattern": {"shape": patterns},
                "line": {"color": "#000000", "width": 0.5}}))
    fig.update_layout(xaxis_title=t("workbench.chart.words", lang),
                      yaxis={"side": "right" if lang == "ar" else "left"},
                      height=max(260, 60 + 40 * len(rows)))
    style(fig, lang, t("workbench.chart.speakers_title", lang))
    named = [r for r in rows if isinstance(r["speaker"], str)]
    total = sum(r["words"] for r in rows)
    unknown = total - sum(r["words"] for r in named)
    if not named:
        return Chart(fig, t("workbench.chart.speakers_none", lang), lang)
    top = max(named, key=lambda r: r["words"])
    return Chart(fig, t("workbench.chart.speakers_summary", lang, name=top["speaker"],
                        share=round(100 * top["words"] / max(1, total)), words=top["words"],
                        total=total, unknown=unknown), lang)


def frames_by_paragraph(source: Any, lang: str | None = None) -> Chart:
    """Frame-lexicon words per paragraph, one stacked colour (and pattern) per frame."""
    from kit.workbench import frame_names

    result = _result(source)
    lang = current_lang(lang or getattr(result, "lang", None))
    table = result.frames if result.ok else None
    rows = table.to_dict("records") if table is not None else []
    if not sum(r["hits"] for r in rows):
        return _empty(t("workbench.chart.frames_none", lang), lang)
    names = frame_names(lang)
    frames = [c for c in table.columns if c not in ("paragraph", "hits", "terms")]
    found: dict[tuple[Any, str], list[str]] = {}  # (paragraph, frame) -> its words, in order
    for h in result.frame_hits.rows:
        found.setdefault((h["paragraph"], h["frame"]), []).append(h["text"])
    paragraphs = [r["paragraph"] for r in rows]
    fig = Figure()
    shapes = ("", "/", "x", ".", "\\", "+", "-", "|")
    for i, frame in enumerate(frames):
        terms = [html.escape("، ".join(dict.fromkeys(found.get((p, frame), ())))[:120])
                 for p in paragraphs]
        counts = [r[frame] for r in rows]
        hover = [t("workbench.chart.frame_hover", lang, paragraph=p, hits=n, terms=w,
                   frame=html.escape(names.get(frame, frame)))
                 for p, n, w in zip(paragraphs, counts, terms, strict=True)]
        fig.add_trace(bar(
            x=[str(p) for p in paragraphs], y=counts,
            name=html.escape(names.get(frame, frame)), text=hover, textposition="none",
            hovertemplate="%{text}<extra></extra>",
            marker={"color": OKABE_ITO[i % len(OKABE_ITO)],
                    "pattern": {"shape": shapes[i % len(shapes)]}}))
    fig.update_layout(barmode="stack", xaxis_title=t("workbench.chart.paragraph", lang),
                      yaxis_title=t("workbench.chart.hits", lang))
    style(fig, lang, t("workbench.chart.frames_title", lang))
    totals = {f: sum(r[f] for r in rows) for f in frames}
    top = max(totals, key=totals.get)
    busiest = max(rows, key=lambda r: r["hits"])["paragraph"]  # the first of equals, as before
    return Chart(fig, t("workbench.chart.frames_summary", lang, frame=names.get(top, top),
                        hits=totals[top], paragraph=busiest), lang)
