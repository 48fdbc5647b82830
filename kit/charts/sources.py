"""Charts about who speaks in the article."""

from __future__ import annotations

import re

from kit.charts import Chart, Figure, bar, current_lang, hover_text, style, table, wrap_hover
from kit.i18n import t

_WORD = re.compile(r"\w+")


def article_anatomy(lang: str | None = None) -> Chart:
    """Words per paragraph: the article's own voice vs words attributed to speakers."""
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
    fig = Figure([
        bar(x=numbers, y=own, name=t("chart.own_voice", lang), marker_color="#0072B2",
            hovertemplate=t("chart.hover_words", lang) + "<extra></extra>"),
        bar(x=numbers, y=quoted, name=t("chart.attributed", lang), marker_color="#E69F00",
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


# Stances in the order a reader compares them; colour and bar pattern both carry the stance.
STANCE_ORDER = ("success", "failure", "mixed", "neutral")
STANCE_COLOURS = {"success": "#0072B2", "failure": "#D55E00", "mixed": "#E69F00",
                  "neutral": "#56B4E9"}
STANCE_PATTERNS = {"success": "", "failure": "x", "mixed": "/", "neutral": "."}


def _stance_rows(lang: str) -> list[dict]:
    """kit.sources.words_by_stance(lang) as dicts, in its order (most words first), no pandas."""
    from kit.sources import _data, _names

    names = _names(lang)
    totals: dict[tuple[str, str], list[int]] = {}
    for a in _data()["attributions"]:
        cell = totals.setdefault((a["speaker"], a["stance"]), [0, 0])
        cell[0] += a["word_count"]
        cell[1] += 1
    rows = [{"speaker": sp, "speaker_name": names[sp], "stance": st, "words": w, "quotes": n}
            for (sp, st), (w, n) in totals.items()]
    return sorted(rows, key=lambda r: (-r["words"], r["speaker"]))


def success_or_failure(lang: str | None = None) -> Chart:
    """Words each voice gets, split by whether they frame the event as success or failure."""
    from kit.sources import source_label, speaker
    lang = current_lang(lang)
    frame = [r for r in _stance_rows(lang) if r["stance"] in STANCE_ORDER]
    totals: dict[str, int] = {}
    for r in frame:
        totals[r["speaker"]] = totals.get(r["speaker"], 0) + r["words"]
    # fewest words first, so the longest bar sits at the top; ties in alphabetical order
    order = sorted(sorted(totals), key=totals.__getitem__)
    names = [speaker(s)[f"name_{lang}"] for s in order]
    about = {}
    for s in order:
        record = speaker(s)
        sources = "<br>".join(
            hover_text(f"• {source_label(src, lang, confidence=False)}")
            for src in record["sources"][:3])
        about[s] = t("sources_chart.stance_about", lang, role=wrap_hover(record[f"role_{lang}"]),
                     interest=wrap_hover(record[f"interest_{lang}"]), sources=sources)
    fig = Figure()
    for stance in STANCE_ORDER:
        values, hover = [], []
        for s, name in zip(order, names, strict=True):
            cell = [r for r in frame if r["speaker"] == s and r["stance"] == stance]
            words = sum(r["words"] for r in cell)
            values.append(words)
            hover.append(t("sources_chart.stance_hover", lang, name=hover_text(name), words=words,
                           passages=sum(r["quotes"] for r in cell),
                           stance=t(f"sources.stance.{stance}", lang)) + "<br>" + about[s])
        fig.add_trace(bar(
            y=names, x=values, orientation="h", name=t(f"sources.stance.{stance}", lang),
            text=hover, textposition="none", hovertemplate="%{text}<extra></extra>",
            marker={"color": STANCE_COLOURS[stance],
                    "pattern": {"shape": STANCE_PATTERNS[stance]},
                    "line": {"color": "#000000", "width": 0.5}}))
    fig.update_layout(barmode="stack", xaxis_title=t("sources_chart.words", lang),
                      yaxis={"side": "right" if lang == "ar" else "left"}, height=440)
    style(fig, lang, t("sources_chart.stance_title", lang))
    success = [r for r in frame if r["stance"] == "success"]
    failure = [r for r in frame if r["stance"] == "failure"]
    own = sum(r["words"] for r in failure if r["speaker"] == "article")
    comma = "، " if lang == "ar" else ", "
    return Chart(fig, t("sources_chart.stance_summary", lang,
                        success=sum(r["words"] for r in success),
                        who=comma.join(dict.fromkeys(r["speaker_name"] for r in success)),
                        failure=sum(r["words"] for r in failure), own=own), lang)


def missing_voices_table(lang: str | None = None) -> Chart:
    """The voices the article leaves out, why each matters, and where we learned of it."""
    from kit.datasets import load_dataset
    from kit.sources import source_label
    lang = current_lang(lang)
    rows = load_dataset("sources")["missing_voices"]
    # Plotly clips a table cell's line at the column's edge: break every line to fit it
    # (columns 3 : 6 : 3 of a plot about 800 px wide at 1366 px, Arabic ~7 px a letter).
    who = [wrap_hover(m[f"who_{lang}"], 24) for m in rows]
    why = [wrap_hover(m[f"why_{lang}"], 48) for m in rows]
    where = ["<br>".join(wrap_hover(source_label(s, lang, confidence=False), 24)
                         for s in m["sources"][:2]) or "—" for m in rows]
    columns = [who, why, where]
    headers = [t("sources_chart.missing_who", lang), t("sources_chart.missing_why", lang),
               t("sources_chart.missing_sources", lang)]
    if lang == "ar":  # the first column of a right-to-left table is the rightmost
        columns, headers = columns[::-1], headers[::-1]
    align = "right" if lang == "ar" else "left"
    fig = Figure(table(
        columnwidth=[3, 6, 3],
        header={"values": [f"<b>{h}</b>" for h in headers], "align": align,
                "fill_color": "#0072B2", "font": {"color": "#FFFFFF"}},
        cells={"values": columns, "align": align, "fill_color": "#F5F5F5", "height": 30}))
    lines = [max(cell.count("<br>") + 1 for cell in row) for row in zip(who, why, where,
                                                                         strict=True)]
    fig.update_layout(height=160 + sum(12 + 20 * n for n in lines))
    style(fig, lang, t("sources_chart.missing_title", lang), order_matters=False)
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return Chart(fig, t("sources_chart.missing_summary", lang, n=len(rows),
                        first=rows[0][f"who_{lang}"]), lang)
