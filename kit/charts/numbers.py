"""Charts for the numbers lesson: the article's figures, the audience dispute, honest axes.

Every figure comes from kit.references (data/numbers.json, data/references.json) with its
source; the words come from data/i18n/<lang>/numbers_charts.json.
"""

from __future__ import annotations

import math
from typing import Any

from kit.charts import OKABE_ITO, Chart, Figure, bar, current_lang, scatter, style
from kit.display import HTML
from kit.i18n import t
from kit.text import escape, isolate

# The estimates of the DeSantis audience the lesson compares, from the momentary counts
# (Ben Collins, NBC on the relaunch) to the campaign's claim: the range the lesson states.
# Left out on purpose: figures whose attribution could not be traced (Reuters "678,000",
# NPR), see facts_check.md 2c-2d.
DISPUTE_IDS = ("aud_collins_100k", "aud_nbc_relaunch", "aud_nyt_relaunch_concurrent",
               "aud_ap_listed_peak", "aud_thehill_500k", "aud_dailybeast_500k",
               "aud_rollingstone_500k", "aud_nbc_attempting", "aud_verge_600k",
               "aud_campaign_700k")
# Audiences of different kinds, for the concurrent / cumulative / TV-average comparison.
EXPLORER_IDS = ("aud_ap_listed_peak", "stream_aoc_among_us", "desantis_fox_interview",
                "tv_trump_2022_cnn", "aud_nyt_cumulative", "tv_trump_2022_fox")
TRUNCATE_AT = 400_000  # where the misleading view starts its axis: just below AP's 420,000
LOG_FLOOR = 100_000  # bottom of the log view, so bar lengths are the same on every run
MODES = ("zero", "truncated", "log")
DISPUTE_WRAP = 34  # characters per line of a row label in the dispute chart: two lines at most

METRIC_COLOURS = {
    "concurrent_peak": OKABE_ITO[4], "concurrent_moment": OKABE_ITO[1],
    "attempted": OKABE_ITO[0], "unspecified": "#777777", "cumulative": OKABE_ITO[5],
    "tv_average": OKABE_ITO[2], "stream_peak": OKABE_ITO[6],
}
# A second cue besides colour, for readers who cannot tell the colours apart.
METRIC_PATTERNS = {"cumulative": "x", "tv_average": "/", "stream_peak": "."}
# Hedges are written as words ("more than", not ">"): the signs flip in right-to-left text.
HEDGES = ("approx", "nearly", "more_than", "less_than")


def compact(value: float, lang: str | None = None) -> str:
    """A large count in words readers use: 420000 -> '420 ألفًا' / '420k'; 3.4e6 -> '3.4 مليون'.

    >>> compact(420000, "ar"), compact(500000, "ar"), compact(3_400_000, "en")
    ('420 ألفًا', '500 ألف', '3.4M')
    """
    lang = current_lang(lang)
    if value >= 1_000_000:
        n, scale = value / 1_000_000, "million"
    elif value >= 1_000:
        n, scale = value / 1_000, "thousand"
    else:
        return f"{value:,.0f}"
    text = f"{n:.2f}".rstrip("0").rstrip(".")
    if lang != "ar":
        return text + ("M" if scale == "million" else "k")
    if "." in text:
        return f"{text} {t(f'numbers_chart.{scale}_sg', lang)}"
    # Arabic number agreement: one and two are the noun alone and its dual (axis ticks
    # read "مليون", "مليونان", never "1 مليون"); 3-10 take the plural, 11-99 the
    # accusative singular, the rest the genitive singular.
    if text in ("1", "2"):
        return t(f"numbers_chart.{scale}_{'sg' if text == '1' else 'dual'}", lang)
    last = int(text) % 100
    form = "pl" if 3 <= last <= 10 else "acc" if 11 <= last <= 99 else "sg"
    return f"{text} {t(f'numbers_chart.{scale}_{form}', lang)}"


def _with_hedge(value: float, hedge: str | None, lang: str) -> str:
    """'أكثر من 700 ألف' / 'more than 700k'; a figure without a hedge stays bare."""
    if hedge in HEDGES:
        return f"{t(f'numbers_chart.hedge_{hedge}', lang)} {compact(value, lang)}"
    return compact(value, lang)


def _wrap(label: str, width: int = 20) -> str:
    """Break a category label into short lines (plotly does not wrap axis labels)."""
    lines: list[str] = []
    for word in label.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(lines)


def _reference_rows(lang: str) -> dict[str, dict[str, Any]]:
    """kit.references.references_table(lang) as dicts by id: the same columns, no pandas."""
    from kit.datasets import load_dataset
    from kit.references import _reference_row

    return {r["id"]: _reference_row(r, lang) for r in load_dataset("references")["items"]}


def _rows(ids: tuple[str, ...], lang: str) -> list[dict[str, Any]]:
    table = _reference_rows(lang)
    missing = [i for i in ids if i not in table]
    if missing:
        raise LookupError(f"data/references.json has no item {', '.join(missing)}; "
                          "the numbers charts need it (see kit/charts/numbers.py).")
    rows = []
    for ref_id in ids:
        row = dict(table[ref_id])
        row["space_label"] = t(f"references.event.{row['event']}", lang) \
            if str(row["event"]).startswith("desantis_space") else ""
        rows.append(row)
    return rows


def _hover(lang: str) -> str:
    return ("<b>%{customdata[0]}</b><br>%{customdata[1]}<br>"
            + t("numbers_chart.hover_counted", lang) + ": %{customdata[2]}<br>"
            + t("numbers_chart.hover_source", lang) + ": %{customdata[3]}<br>"
            # on a line of its own: the source's name may already end in brackets
            + t("numbers_chart.hover_confidence", lang) + ": %{customdata[4]}<extra></extra>")


def _customdata(row: dict[str, Any], lang: str) -> list[str]:
    counted = row["what_counted"]
    if row.get("space_label"):
        counted = f"{counted} — {row['space_label']}"
    return [row["label"], _with_hedge(row["value"], row["hedge"], lang), counted,
            row["source_outlet"], row["confidence_label"]]


def _value_ticks(top: float, lang: str, floor: float = 0) -> tuple[list[float], list[str]]:
    step = 10 ** math.floor(math.log10(max(top - floor, 1)))
    for nice in (1, 2, 5, 10):
        if (top - floor) / (step * nice) <= 6:
            step *= nice
            break
    start = math.ceil(floor / step) * step
    values = [start + i * step for i in range(int((top - start) // step) + 1)]
    return values, ["0" if v == 0 else compact(v, lang) for v in values]


def audience_dispute(lang: str | None = None) -> Chart:
    """Each outlet's estimate of the DeSantis audience, with what it counted on hover."""
    lang = current_lang(lang)
    rows = sorted(_rows(DISPUTE_IDS, lang), key=lambda r: r["value"])
    fig = Figure()
    for metric in dict.fromkeys(r["metric"] for r in rows):
        group = [r for r in rows if r["metric"] == metric]
        fig.add_trace(scatter(
            y=[_wrap(r["label"], DISPUTE_WRAP) for r in group], x=[r["value"] for r in group],
            mode="markers+text", name=group[0]["metric_label"],
            text=[_with_hedge(r["value"], r["hedge"], lang) for r in group],
            textposition="middle left" if lang == "ar" else "middle right", cliponaxis=False,
            marker={"size": 16, "color": METRIC_COLOURS.get(metric, "#777777"),
                    "symbol": [_symbol(r) for r in group],
                    "line": {"width": 2, "color": METRIC_COLOURS.get(metric, "#777777")}},
            customdata=[_customdata(r, lang) for r in group], hovertemplate=_hover(lang)))
    top = max(r["value"] for r in rows) * 1.35  # room for the largest figure's words
    values, labels = _value_ticks(top, lang)
    fig.update_layout(
        # Row labels of at most two lines, in a margin that grows to fit them: taller
        # labels in 62-pixel rows ran into each other at 1366 px (issue 13).
        yaxis={"categoryorder": "array",
               "categoryarray": [_wrap(r["label"], DISPUTE_WRAP) for r in rows],
               "side": "right" if lang == "ar" else "left", "automargin": True,
               "tickfont": {"size": 12}},
        xaxis={"title": t("numbers_chart.listeners", lang), "range": [0, top],
               "tickvals": values, "ticktext": labels},
        height=120 + 62 * len(rows))
    style(fig, lang, t("numbers_chart.dispute_title", lang))
    fig.update_layout(margin={"t": 100, "b": 110, "l": 60, "r": 60}, legend={"y": -0.18})
    if lang == "ar":
        fig.update_xaxes(range=[top, 0], autorange=None)
    fig.add_annotation(text=t("numbers_chart.dispute_key", lang), showarrow=False,
                       xref="paper", yref="paper", x=1 if lang == "ar" else 0, y=1.06,
                       xanchor="right" if lang == "ar" else "left", font={"size": 12})
    low, high = rows[0], rows[-1]
    peaks = [r for r in rows if r["metric"] == "concurrent_peak"]
    ap = next(r for r in rows if r["id"] == "aud_ap_listed_peak")
    summary = t("numbers_chart.dispute_summary", lang, n=len(rows),
                low=_with_hedge(low["value"], low["hedge"], lang), low_by=low["label"],
                high=_with_hedge(high["value"], high["hedge"], lang), high_by=high["label"],
                peak_low=_with_hedge(peaks[0]["value"], peaks[0]["hedge"], lang),
                peak_high=_with_hedge(peaks[-1]["value"], peaks[-1]["hedge"], lang),
                ap=compact(ap["value"], lang))
    return Chart(fig, summary, lang)


def _symbol(row: dict[str, Any]) -> str:
    """A triangle for a lower bound ("more than"); hollow for a claim nobody measured."""
    shape = "triangle-up" if row["hedge"] == "more_than" else "circle"
    return shape + ("-open" if row["confidence"] == "claim" else "")


def audience_comparison(mode: str = "zero", lang: str | None = None) -> Chart:
    """Live peaks, a cumulative count and TV averages as bars, on an honest or a tricked axis.

    `mode` is 'zero' (axis from zero: proportional ink), 'truncated' (axis cut at 400,000)
    or 'log' (logarithmic scale). The summary says how much longer one bar looks than another.
    """
    if mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
    lang = current_lang(lang)
    rows = _rows(EXPLORER_IDS, lang)
    fig = Figure()
    for metric in dict.fromkeys(r["metric"] for r in rows):
        group = [r for r in rows if r["metric"] == metric]
        fig.add_trace(bar(
            x=[_wrap(r["label"]) for r in group], y=[r["value"] for r in group],
            name=group[0]["metric_label"],
            text=[_with_hedge(r["value"], r["hedge"], lang) for r in group],
            textposition="outside", cliponaxis=False,
            marker={"color": METRIC_COLOURS.get(metric, "#777777"),
                    "pattern": {"shape": METRIC_PATTERNS.get(metric, "")}},
            customdata=[_customdata(r, lang) for r in group], hovertemplate=_hover(lang)))
    top = max(r["value"] for r in rows) * 1.15
    if mode == "log":
        yaxis = {"type": "log", "range": [math.log10(LOG_FLOOR), math.log10(top)],
                 "tickvals": [1e5, 2e5, 5e5, 1e6, 2e6, 5e6],
                 "ticktext": [compact(v, lang) for v in (1e5, 2e5, 5e5, 1e6, 2e6, 5e6)]}
    else:
        floor = TRUNCATE_AT if mode == "truncated" else 0
        values, labels = _value_ticks(top, lang, floor)
        yaxis = {"range": [floor, top], "tickvals": values, "ticktext": labels}
    yaxis["title"] = t("numbers_chart.audience", lang)
    fig.update_layout(yaxis=yaxis, barmode="group", bargap=0.25, height=540,
                      xaxis={"categoryorder": "array",
                             "categoryarray": [_wrap(r["label"]) for r in rows]})
    style(fig, lang, t(f"numbers_chart.mode_title_{mode}", lang))
    fig.update_layout(margin={"b": 150}, legend={"y": -0.32})
    small = next(r for r in rows if r["id"] == "aud_ap_listed_peak")
    big = next(r for r in rows if r["id"] == "desantis_fox_interview")
    summary = t(f"numbers_chart.mode_summary_{mode}", lang, big=big["label"],
                small=small["label"], real=_ratio(big["value"], small["value"], lang),
                shown=_ratio(*_drawn_lengths(big["value"], small["value"], mode), lang))
    return Chart(fig, summary, lang)


def _drawn_lengths(a: float, b: float, mode: str) -> tuple[float, float]:
    """How long two bars are drawn (in axis units) in each mode."""
    if mode == "log":
        return math.log10(a / LOG_FLOOR), math.log10(b / LOG_FLOOR)
    floor = TRUNCATE_AT if mode == "truncated" else 0
    return a - floor, b - floor


def _ratio(a: float, b: float, lang: str) -> str:
    r = a / b
    return f"{r:.1f}" if r < 10 else f"{r:.0f}"


def audience_explorer(lang: str | None = None):
    """Buttons that redraw the audience bars from zero, on a truncated axis or on a log scale."""
    import ipywidgets as widgets

    from kit.exercises import KIT_CSS

    lang = current_lang(lang)
    labels = [(t(f"numbers_chart.mode_{m}", lang), m) for m in MODES]
    toggle = widgets.ToggleButtons(
        options=labels, value="zero", description=t("numbers_chart.mode_label", lang),
        tooltips=[t(f"numbers_chart.mode_tip_{m}", lang) for m in MODES],
        style={"description_width": "initial", "button_width": "auto"})
    caption = widgets.HTML()
    out = widgets.Output(layout=widgets.Layout(width="100%"))

    def draw(mode: str) -> None:
        chart = audience_comparison(mode, lang)
        caption.value = KIT_CSS + chart.summary_html()
        out.outputs = (_display_data(chart.figure, chart.summary),)

    toggle.observe(lambda change: draw(change["new"]), names="value")
    draw(toggle.value)
    box = widgets.VBox([toggle, caption, out], layout=widgets.Layout(width="100%"))
    box.add_class("kit-explorer")
    if lang == "ar":
        box.add_class("kit-rtl")
    return box


def _display_data(figure: Any, summary: str) -> dict[str, Any]:
    """The figure as a Jupyter output, set directly on the Output widget.

    (``Output.append_display_data`` would call the figure's ``_ipython_display_``, which
    prints it under the cell instead of inside the widget.)
    """
    import json

    return {"output_type": "display_data", "metadata": {},
            "data": {"application/vnd.plotly.v1+json": json.loads(figure.to_json()),
                     "text/plain": summary}}


def figures_table(lang: str | None = None) -> HTML:
    """Every figure in the article with its hedge, what it counts, a verdict and the sources."""
    from kit.datasets import load_dataset
    from kit.sources import source_label
    from kit.verdicts import label as verdict_label

    lang = current_lang(lang)
    # the columns of kit.references.numbers_table(lang) this table shows, read from the data
    # directly, so the lesson need not import pandas (issue 15)
    numbers = [{"paragraph": n["paragraph"], "quote": n["quote"], "hedge": n["hedge"],
                "hedge_label": t(f"numbers.hedge.{n['hedge']}", lang) if n["hedge"] else None,
                "counts": n[f"counts_{lang}"], "verdict_label": verdict_label(n["verdict"], lang),
                "verdict_note": n[f"verdict_note_{lang}"], "reference_ids": n["reference_ids"]}
               for n in load_dataset("numbers")["items"]]
    # A source that is only partly confirmed, or a mere claim, says so beside its name.
    outlets = {}
    for r in load_dataset("references")["items"]:
        first = r["sources"][0]
        outlets[r["id"]] = source_label(first, lang, date=False,
                                        confidence=first["confidence"] != "confirmed")
    head = "".join(f"<th scope='col'>{escape(t(f'numbers_chart.col_{c}', lang))}</th>"
                   for c in ("paragraph", "quote", "hedge", "counts", "verdict", "sources"))
    body = []
    for n in numbers:
        sources = list(dict.fromkeys(outlets[i] for i in n["reference_ids"] if i in outlets))
        shown = "، ".join(sources[:3]) if lang == "ar" else "; ".join(sources[:3])
        if len(sources) > 3:
            shown += " " + t("numbers_chart.more_sources", lang, n=len(sources) - 3)
        note = n["verdict_note"] if isinstance(n["verdict_note"], str) else ""
        # The note may open with the verdict word itself; it is already printed in bold.
        label = _text(n["verdict_label"])
        if label and note.startswith(label):
            note = note[len(label):].lstrip(" :：")
        body.append(
            f"<tr><td>{n['paragraph']}</td><td>{isolate(n['quote'], 'ar')}</td>"
            f"<td>{escape(_text(n['hedge_label']) or '—')}</td>"
            f"<td>{escape(_text(n['counts']))}</td>"
            f"<td><b>{escape(_text(n['verdict_label']))}</b>"
            + (f"<br><small>{escape(note)}</small>" if note else "") + "</td>"
            f"<td><small>{escape(shown or '—')}</small></td></tr>")
    hedged = sum(1 for n in numbers if n["hedge"] is not None)
    attrs = 'dir="rtl" lang="ar" style="text-align:right"' if lang == "ar" else \
        'dir="ltr" lang="en"'
    caption = t("numbers_chart.table_caption", lang, n=len(numbers), hedged=hedged)
    return HTML(
        f'<div class="kit-figures" {attrs}><table style="border-collapse:collapse;'
        f'max-width:60em;font-size:0.92em" border="1" cellpadding="4">'
        f"<caption style='caption-side:top;text-align:inherit'><b>{escape(caption)}</b>"
        f"</caption><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>")


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def weekday_check(lang: str | None = None) -> HTML:
    """The weekdays kit.dates.weekday_conflicts finds in the article, and the sourced date."""
    from kit.article import load_article
    from kit.dates import weekday_conflicts
    from kit.references import reference
    from kit.sources import source_label

    lang = current_lang(lang)
    article = load_article()
    items = []
    for conflict in weekday_conflicts(article.text):
        for day in conflict.weekdays:
            mentions = [m for m in conflict.mentions if m.value == day]
            sep = "، " if lang == "ar" else ", "
            places = list(dict.fromkeys(article.paragraph_at(m.start) for m in mentions))
            quotes = sep.join(dict.fromkeys(isolate(m.text, "ar") for m in mentions))
            items.append("<li>" + escape(t("numbers_chart.weekday_where", lang,
                                           day=t(f"numbers_chart.day_{day}", lang),
                                           n=len(mentions), paragraphs=places))
                         + f" {quotes}</li>")
    event = reference("event_date")
    source = event["sources"][0]
    attrs = 'dir="rtl" lang="ar" style="text-align:right"' if lang == "ar" else \
        'dir="ltr" lang="en"'
    found = escape(t("numbers_chart.weekday_found" if items else "numbers_chart.weekday_none",
                     lang))
    return HTML(
        f'<div class="kit-weekdays" {attrs}><p><b>{found}</b></p><ul>{"".join(items)}</ul>'
        f"<p>{escape(t('numbers_chart.weekday_reference', lang, label=event[f'label_{lang}']))}"
        f" — {escape(t('ui.source', lang))}: <a href=\"{escape(source['url'])}\">"
        f"{escape(source_label(source, lang, confidence=False))}</a></p></div>")
