"""Charts about the machine translation: its errors along the article, the weekday traced."""

from __future__ import annotations

from typing import Any

from kit.charts import Chart, Figure, current_lang, source_note, style
from kit.i18n import t
from kit.text import escape

CLAIM = {"colour": "#D55E00", "pattern": "x"}  # changes what the story claims
FORM = {"colour": "#56B4E9", "pattern": ""}  # changes only how it reads
RIGHT, WRONG = "#009E73", "#D55E00"
# Not machine-translation errors: the article's own contradictions, and a rendering judged fine.
NOT_ERRORS = ("inconsistency", "acceptable")


def _errors() -> list[dict[str, Any]]:
    from kit.datasets import load_dataset

    return [a for a in load_dataset("translation")["artifacts"] if a["kind"] not in NOT_ERRORS]


def error_marks(ids: list[str] | None = None, lang: str | None = None) -> list[dict[str, Any]]:
    """Highlights for `article.show()`: the chosen translation errors, grouped by kind.

    >>> error_marks(["T1"], "en")[0]["label"]
    'T1'
    """
    from kit.translation import artifact_highlights

    return artifact_highlights(ids, current_lang(lang))


def translation_errors(lang: str | None = None) -> Chart:
    """Machine-translation errors per paragraph; those that change a claim are hatched."""
    from kit.article import load_article

    lang = current_lang(lang)
    paragraphs = [p.index for p in load_article().paragraphs]
    errors = _errors()
    source = t("translation_chart.source", lang)
    fig = Figure()
    for changes, look, key in ((True, CLAIM, "claim"), (False, FORM, "form")):
        per_para = {p: [a for a in errors if a["changes_claim"] == changes
                        and p in {s["paragraph"] for s in a["spans"]}] for p in paragraphs}
        hover = ["<br>".join(_hover_line(a, lang) for a in per_para[p]) or "—"
                 for p in paragraphs]
        fig.add_bar(x=[str(p) for p in paragraphs], y=[len(per_para[p]) for p in paragraphs],
                    name=t(f"translation_chart.{key}", lang),
                    marker_color=look["colour"],
                    marker_pattern_shape=look["pattern"],
                    marker_line={"color": "#333", "width": 1},
                    customdata=[[h, source] for h in hover],
                    hovertemplate=t("translation_chart.hover", lang)
                    + "<br>%{customdata[0]}<br><i>%{customdata[1]}</i><extra></extra>")
    fig.update_layout(barmode="stack", height=480, hoverlabel={"namelength": -1},
                      xaxis_title=t("translation_chart.paragraph", lang),
                      yaxis_title=t("translation_chart.count", lang))
    fig.update_xaxes(type="category")
    style(fig, lang, t("translation_chart.title", lang))
    source_note(fig, t("translation_chart.source_short", lang), lang, y=-0.42, bottom=130)
    return Chart(fig, _summary(errors, paragraphs, lang), lang)


def _hover_line(artifact: dict[str, Any], lang: str) -> str:
    from kit.translation import display_id, english_line

    quote = " … ".join(s["quote"] for s in artifact["spans"])
    quote = quote if len(quote) <= 40 else quote[:39].rsplit(" ", 1)[0].rstrip(" …") + "…"
    kind = t(f"translation.kind.{artifact['kind']}", lang)
    return escape(t("translation_chart.hover_line", lang, id=display_id(artifact["id"], lang),
                    kind=kind, quote=quote, meant=english_line(artifact, lang)))


def _summary(errors: list[dict[str, Any]], paragraphs: list[int], lang: str) -> str:
    count = {p: sum(p in {s["paragraph"] for s in a["spans"]} for a in errors)
             for p in paragraphs}
    top = max(paragraphs, key=lambda p: (count[p], -p))
    return t("translation_chart.summary", lang, total=len(errors),
             claims=sum(a["changes_claim"] for a in errors), top=top, n_top=count[top],
             clean=sum(1 for p in paragraphs if count[p] == 0))


def weekday_trace(lang: str | None = None) -> Chart:
    """SIFT's Trace on the weekday: the event, AP's wire, Asharq Al-Awsat English, the Arabic."""
    from kit.claims import get_claim

    lang = current_lang(lang)
    sources = get_claim("weekday_tuesday")["sources"]
    steps = [
        ("event", RIGHT, "circle", [s for s in sources if s["outlet"] in
                                    ("ABC News", "Tampa Bay Times")]),
        ("wire", RIGHT, "circle", [s for s in sources if "Star-Advertiser" in s["outlet"]]),
        ("aawsat", WRONG, "x", [s for s in sources if "Asharq" in s["outlet"]]),
        ("arabic", WRONG, "x", []),
    ]
    xs = list(range(len(steps)))
    hover = []
    for key, _colour, _symbol, cited in steps:
        refs = "<br>".join(escape(_cite(s, lang)) for s in cited)
        hover.append(t(f"translation_chart.trace.{key}.hover", lang)
                     + "<br>" + (refs or escape(t("translation_chart.trace.article_ref", lang))))
    fig = Figure()
    fig.add_scatter(x=xs, y=[0] * len(xs), mode="lines", line={"color": "#999", "width": 2},
                    hoverinfo="skip", showlegend=False)
    for right in (True, False):
        chosen = [i for i, s in enumerate(steps) if (s[1] == RIGHT) == right]
        fig.add_scatter(
            x=chosen, y=[0] * len(chosen), mode="markers+text",
            name=t(f"translation_chart.trace.{'right' if right else 'wrong'}", lang),
            marker={"size": 26, "color": RIGHT if right else WRONG,
                    "symbol": "circle" if right else "x", "line": {"width": 2, "color": "#333"}},
            text=[t(f"translation_chart.trace.{steps[i][0]}.word", lang)
                  for i in chosen],
            textposition="bottom center", textfont={"size": 16},
            customdata=[[hover[i]] for i in chosen],
            hovertemplate="%{customdata[0]}<extra></extra>")
    for i, (key, *_rest) in enumerate(steps):
        fig.add_annotation(x=i, y=0.5,
                           text=t(f"translation_chart.trace.{key}.label", lang),
                           showarrow=False, font={"size": 13})
    fig.update_xaxes(visible=False, range=[-0.6, len(steps) - 0.4])
    fig.update_yaxes(visible=False, range=[-1, 1])
    fig.update_layout(height=300)
    style(fig, lang, t("translation_chart.trace.title", lang))
    fig.update_layout(legend={"y": -0.05}, margin={"b": 40})
    if lang == "ar":  # style() reverses the axis; keep the explicit range reversed too
        fig.update_xaxes(range=[len(steps) - 0.4, -0.6], autorange=False)
    event = steps[0][3]
    summary = t("translation_chart.trace.summary", lang,
                date=_date(event[0]["date"], lang) if event else "",
                outlets=_and([OUTLETS_AR.get(s["outlet"], s["outlet"]) for s in event], "و")
                if lang == "ar" else _and([s["outlet"] for s in event], " and "))
    return Chart(fig, summary, lang)


# Outlet names as the Arabic edition writes them (the addresses stay as they are).
OUTLETS_AR = {
    "ABC News": "إيه بي سي نيوز", "Tampa Bay Times": "تامبا باي تايمز",
    "AP (republished by Asharq Al-Awsat English)":
        "أسوشيتد برس (أعادت نشره «الشرق الأوسط» بالإنجليزية)",
    "AP (Honolulu Star-Advertiser wire copy)":
        "أسوشيتد برس (نص الوكالة في هونولولو ستار-أدفرتايزر)",
}


def _cite(source: dict[str, Any], lang: str) -> str:
    """One cited source: outlet, date and address, in the edition's language."""
    if lang == "ar":
        outlet = OUTLETS_AR.get(source["outlet"], source["outlet"])
        return f"{outlet}، {_date(source['date'], lang)}: {source['url']}"
    return f"{source['outlet']}, {source['date']}: {source['url']}"
_MONTHS_AR = ("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس",
              "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر")


def _date(iso: str, lang: str) -> str:
    """A source's date: '2023-05-24' -> «24 مايو 2023» in Arabic (unchanged in English);
    a month '2023-05' -> «مايو 2023» / 'May 2023'; 'undated' -> «بلا تاريخ» / 'undated'."""
    parts = iso.split("-")
    if len(parts) != 3:  # a month, a year or "undated", as kit.sources writes them
        from kit.sources import source_date

        return source_date(iso, lang)
    if lang != "ar":
        return iso
    year, month, day = (int(x) for x in parts)
    return f"{day} {_MONTHS_AR[month - 1]} {year}"


def _and(names: list[str], joiner: str) -> str:
    """'A', 'A and B', 'A, B and C' (Arabic: «أ وب»، «أ وب وج»)."""
    if len(names) < 2:
        return "".join(names)
    if joiner == "و":
        return names[0] + "".join(f" و{n}" for n in names[1:])
    return ", ".join(names[:-1]) + joiner + names[-1]
