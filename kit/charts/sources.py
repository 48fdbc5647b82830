"""Charts about who speaks in the article."""

from __future__ import annotations

import re

from kit.charts import Chart, current_lang, style
from kit.i18n import t

_WORD = re.compile(r"\w+")


def article_anatomy(lang: str | None = None) -> Chart:
    """Words per paragraph: the article's own voice vs words attributed to speakers."""
    import plotly.graph_objects as go

    from kit.article import load_article
    from kit.datasets import load_dataset

    lang = current_lang(lang)
    article = load_article()
    spans = [(a["start"], a["end"]) for a in load_dataset("sources")["attributions"]]
    own, quoted = [], []
    for p in article.paragraphs:
        total = len(_WORD.findall(p.text))
        inside = sum(len(_WORD.findall(article.text[max(s, p.start):min(e, p.end)]))
                     for s, e in _merged(spans) if s < p.end and e > p.start)
        quoted.append(inside)
        own.append(total - inside)
    numbers = [str(p.index) for p in article.paragraphs]
    fig = go.Figure([
        go.Bar(x=numbers, y=own, name=t("chart.own_voice", lang), marker_color="#0072B2",
               hovertemplate=t("chart.hover_words", lang) + "<extra></extra>"),
        go.Bar(x=numbers, y=quoted, name=t("chart.attributed", lang), marker_color="#E69F00",
               marker_pattern_shape="/",
               hovertemplate=t("chart.hover_words", lang) + "<extra></extra>"),
    ])
    fig.update_layout(barmode="stack", xaxis_title=t("chart.paragraph", lang),
                      yaxis_title=t("chart.words", lang))
    style(fig, lang, t("chart.anatomy_title", lang))
    share = round(100 * sum(quoted) / max(1, sum(own) + sum(quoted)))
    top = numbers[max(range(len(quoted)), key=quoted.__getitem__)]
    return Chart(fig, t("chart.anatomy_summary", lang, share=share, top=top), lang)


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping spans joined, so no word is counted twice."""
    out: list[list[int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return [(s, e) for s, e in out]
