"""Charts for the synthesis lesson: how the article's checkable claims fare, and trust over time."""

from __future__ import annotations

from kit.arabic import numbered
from kit.charts import Chart, Figure, bar, current_lang, style
from kit.display import HTML
from kit.i18n import t
from kit.text import escape
from kit.verdicts import VERDICT_ORDER
from kit.verdicts import label as verdict_label

# The kit's one verdict scale (data/verdicts.json), minus "not rated": opinions, predictions
# and value judgements get no verdict, so they are not among the checkable claims shown here.
SHOWN = tuple(v for v in VERDICT_ORDER if v != "not_rated")
# Okabe–Ito, from "holds up" (bluish green) to "does not" (vermillion); greys when unsettled.
VERDICT_COLOURS = {"true": "#009E73", "mostly_true": "#56B4E9", "partly_false": "#F0E442",
                   "misleading": "#E69F00", "false": "#D55E00", "unproven": "#999999",
                   "unchecked": "#DDDDDD"}
VERDICT_PATTERNS = {"true": "", "mostly_true": ".", "partly_false": "/", "misleading": "x",
                    "false": "-", "unproven": "|", "unchecked": "+"}


def counted_claims() -> list[dict]:
    """The article's claims the verdict chart counts: checkable, with a verdict on the scale."""
    from kit.datasets import load_dataset

    return [c for c in load_dataset("claims")["items"]
            if c.get("checkable") and c.get("verdict") in SHOWN]


def _outlet(source: dict, lang: str) -> str:
    """The outlet's name in the edition's script (E25), else as the data has it."""
    return (source.get("outlet_ar") if lang == "ar" else None) or source.get("outlet") or "—"


def claim_verdicts(lang: str | None = None) -> Chart:
    """Checkable claims of the article by verdict, with each claim and its first source on hover."""
    lang = current_lang(lang)
    claims = counted_claims()
    fig = Figure()
    counts = {}
    for verdict in SHOWN:
        rows = [c for c in claims if c["verdict"] == verdict]
        if not rows:
            continue
        counts[verdict] = len(rows)
        hover = []
        for c in rows:
            text = c["quote"] if lang == "ar" else c.get("text_en", c["quote"])[:80]
            if lang != "ar" and c.get("en_origin") == "back_translation":
                # our English for a paragraph whose AP original was not found: say so
                text += f" [{t('english_origin.marker', lang)}]"
            src = c.get("sources") or [{}]
            hover.append(f"{escape(numbered('paragraph', [c['paragraph']], lang))}: "
                         f"{escape(text[:120])}<br>"
                         f"{escape(t('ui.source', lang))}: {escape(_outlet(src[0], lang))}")
        label = verdict_label(verdict, lang)
        fig.add_trace(bar(
            x=[label] * len(rows), y=[1] * len(rows), name=label, customdata=hover,
            hovertemplate="%{customdata}<extra></extra>",
            marker={"color": VERDICT_COLOURS.get(verdict, "#999999"),
                    "line": {"color": "#333", "width": 1},
                    "pattern": {"shape": VERDICT_PATTERNS.get(verdict, "")}}))
    fig.update_layout(barmode="stack", showlegend=False,
                      yaxis_title=t("chart.claims_count", lang),
                      xaxis_title=t("factcheck.verdict", lang))
    style(fig, lang, t("chart.verdicts_title", lang))
    comma = "، " if lang == "ar" else ", "
    parts = comma.join(f"{verdict_label(v, lang)}: {n}" for v, n in counts.items())
    return Chart(fig, t("chart.verdicts_summary", lang, n=len(claims), parts=parts), lang)


def trust_change(lang: str | None = None) -> Chart | HTML:
    """The learner's first and second trust ratings side by side (a note if one is missing)."""
    from kit.progress import load_answers

    lang = current_lang(lang)
    answers = load_answers()
    first = answers.get("00_start_here", {}).get("trust_1", {}).get("answer")
    second = answers.get("06_synthesis", {}).get("trust_2", {}).get("answer")
    if not isinstance(first, int) or not isinstance(second, int):
        attrs = 'dir="rtl" lang="ar" style="text-align:right"' if lang == "ar" else 'dir="ltr"'
        return HTML(f'<p class="kit-note" {attrs}>{escape(t("chart.trust_missing", lang))}</p>')
    labels = [t("chart.trust_first", lang), t("chart.trust_second", lang)]
    fig = Figure(bar(x=labels, y=[first, second], text=[str(first), str(second)],
                     marker={"color": ["#56B4E9", "#0072B2"], "pattern": {"shape": ["", "/"]}},
                     hovertemplate="%{x}: %{y}/5<extra></extra>"))
    fig.update_yaxes(range=[0, 5], dtick=1, title=t("chart.trust_axis", lang))
    style(fig, lang, t("chart.trust_title", lang))
    return Chart(fig, t("chart.trust_summary", lang, first=first, second=second), lang)
