"""Charts about framing: frame words along the article, Entman's four functions per frame."""

from __future__ import annotations

from typing import Any

from kit.charts import Chart, Figure, current_lang, source_note, style
from kit.i18n import t
from kit.text import escape

# Colour and pattern both carry the frame, so the chart reads in greyscale too.
FRAME_STYLE = {
    "fail_fast": {"colour": "#009E73", "pattern": "/", "symbol": "circle"},
    "political_failure": {"colour": "#D55E00", "pattern": "x", "symbol": "x"},
    "both": {"colour": "#CC79A7", "pattern": "", "symbol": "diamond"},
    "neutral": {"colour": "#999999", "pattern": "", "symbol": "line-ew-open"},
}
LEXICON_FRAMES = ("fail_fast", "political_failure")
ENTMAN_KEYS = ("problem_definition", "causal_diagnosis", "moral_judgment", "remedy")


def frame_words(lang: str | None = None) -> list[dict[str, Any]]:
    """Highlights for `article.show()`: every frame-lexicon word, grouped and labelled by frame.

    >>> sorted({h["group"] for h in frame_words("en")})
    ['fail_fast', 'political_failure']
    """
    from kit.article import load_article
    from kit.framing import find_frame_terms

    lang = current_lang(lang)
    marks = {f: t(f"framing_chart.mark.{f}", lang) for f in LEXICON_FRAMES}
    return [{"start": h.start, "end": h.end, "label": marks[h.frame], "group": h.frame}
            for h in find_frame_terms(load_article().text)]


def coding_reasons(lang: str | None = None) -> dict[int, dict[str, Any]]:
    """Per paragraph of the reference coding: its reason in the learner's language and the
    other codes also accepted, for the coding widget to show after the learner compares.

    >>> coding_reasons("en")[1]["reason"].startswith("Glitches")
    True
    """
    from kit.datasets import load_dataset

    lang = current_lang(lang)
    return {row["paragraph"]: {"reason": row.get(f"rationale_{lang}", ""),
                               "also": list(row.get("also_defensible", []))}
            for row in load_dataset("framing")["coding"]}


def frames_along_article(lang: str | None = None) -> Chart:
    """Frame-lexicon hits per paragraph for the two frames, with the reference coding on top."""
    from kit.article import load_article
    from kit.framing import find_frame_terms, reference_coding

    lang = current_lang(lang)
    article = load_article()
    names = _short_names(lang)
    reference = reference_coding()
    paragraphs = [p.index for p in article.paragraphs]
    words: dict[tuple[int, str], list[str]] = {}
    for hit in find_frame_terms(article.text):
        words.setdefault((hit.paragraph, hit.frame), []).append(hit.text)
    source = t("framing_chart.source", lang)
    fig = Figure()
    for frame in LEXICON_FRAMES:
        counts = [len(words.get((p, frame), [])) for p in paragraphs]
        hover = [t("framing_chart.hover_words", lang, p=p, n=c, frame=names[frame],
                   words="، ".join(words.get((p, frame), [])) or "—",
                   reference=names[reference.get(p, "neutral")])
                 for p, c in zip(paragraphs, counts, strict=True)]
        st = FRAME_STYLE[frame]
        fig.add_bar(x=[str(p) for p in paragraphs], y=counts, name=names[frame],
                    marker_color=st["colour"], marker_pattern_shape=st["pattern"],
                    customdata=[[h, source] for h in hover],
                    hovertemplate="%{customdata[0]}<br>%{customdata[1]}<extra></extra>")
    top = max(sum(len(words.get((p, f), [])) for f in LEXICON_FRAMES) for p in paragraphs)
    for frame in ("fail_fast", "political_failure", "both", "neutral"):
        coded = [p for p in paragraphs if reference.get(p) == frame]
        if not coded:
            continue
        st = FRAME_STYLE[frame]
        fig.add_scatter(
            x=[str(p) for p in coded], y=[top + 1.5] * len(coded), mode="markers",
            name=t("framing_chart.reference", lang, frame=names[frame]),
            marker={"symbol": st["symbol"], "size": 13, "color": st["colour"],
                    "line": {"width": 2, "color": st["colour"]}},
            customdata=[[t("framing_chart.hover_reference", lang, p=p, frame=names[frame]),
                         source] for p in coded],
            hovertemplate="%{customdata[0]}<br>%{customdata[1]}<extra></extra>")
    fig.update_layout(barmode="group", height=480,
                      xaxis_title=t("framing_chart.paragraph", lang),
                      yaxis_title=t("framing_chart.hits", lang))
    fig.update_xaxes(type="category")
    style(fig, lang, t("framing_chart.title", lang))
    source_note(fig, t("framing_chart.source_short", lang), lang, y=-0.55, bottom=150)
    return Chart(fig, _summary(words, paragraphs, reference, names, lang), lang)


def _summary(words: dict[tuple[int, str], list[str]], paragraphs: list[int],
             reference: dict[int, str], names: dict[str, str], lang: str) -> str:
    fast = [p for p in paragraphs if words.get((p, "fail_fast"))]
    political = sum(len(words.get((p, "political_failure"), [])) for p in paragraphs)
    total_fast = sum(len(words.get((p, "fail_fast"), [])) for p in paragraphs)
    before = [p for p in paragraphs if words.get((p, "political_failure")) and p < min(fast)] \
        if fast else []
    return t("framing_chart.summary", lang, political=political, fast=total_fast,
             fast_paras="، ".join(map(str, fast)) if lang == "ar" else ", ".join(map(str, fast)),
             first=_where(min(before) if before else 0, lang),
             coded=sum(1 for p in paragraphs if reference.get(p) == "political_failure"),
             frame=names["political_failure"])


def _where(paragraph: int, lang: str) -> str:
    if paragraph == 0:
        return t("framing_chart.first_headline", lang)
    return t("framing_chart.first_paragraph", lang, n=paragraph)


def frame_functions(lang: str | None = None):
    """Entman's four functions for the two frames of the article, as a table (HTML)."""
    from kit.datasets import load_dataset
    from kit.display import HTML

    lang = current_lang(lang)
    # the frames' records as kit.framing.frames() tables them, read directly: a lesson that
    # shows this table need not import pandas (issue 15)
    shown = [f for f in load_dataset("framing")["frames"] if f["id"] in LEXICON_FRAMES]
    attrs = 'dir="rtl" lang="ar" style="text-align:right"' if lang == "ar" else \
        'dir="ltr" lang="en"'
    names = _short_names(lang)
    head = f"<th>{escape(t('framing_chart.col.function', lang))}</th>" + "".join(
        f"<th>{escape(names[f['id']])}</th>" for f in shown)
    rows = []
    for key in ENTMAN_KEYS:
        cells = "".join(f"<td>{escape((f['entman'] or {}).get(key, {}).get(lang, ''))}</td>"
                        for f in shown)
        rows.append(f"<tr><th>{escape(t(f'framing_chart.entman.{key}', lang))}</th>{cells}</tr>")
    caption = escape(t("framing_chart.table_caption", lang))
    note = escape(t("framing_chart.table_source", lang))
    return HTML(f'<div class="kit-frames" {attrs}><table style="border-collapse:collapse">'
                f"<caption>{caption}</caption><tr>{head}</tr>{''.join(rows)}</table>"
                f'<p style="font-size:0.85em;color:#555">{note}</p></div>')




def _short_names(lang: str) -> dict[str, str]:
    return {f: t(f"framing_chart.frame.{f}", lang) for f in FRAME_STYLE}
