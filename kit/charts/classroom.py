"""Charts for the teacher's class dashboard (built from kit.classroom aggregations)."""

from __future__ import annotations

import math
from typing import Any

from kit.charts import OKABE_ITO, Chart, style
from kit.i18n import t
from kit.text import escape, signed


def _names(values: Any) -> list[str]:
    """Labels from learners' files, escaped: plotly reads a few HTML tags in labels."""
    return [escape(str(v)) for v in values]


def _unique(labels: list[str]) -> list[str]:
    """Labels made distinct (a repeated label would merge two bars on a category axis)."""
    seen: dict[str, int] = {}
    out = []
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
        out.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return out


def class_completion(dashboard: Any) -> Chart:
    """Answered items per learner and lesson, as a heatmap with the count written in each cell."""
    import plotly.graph_objects as go

    from kit.classroom import ClassData, completion
    from kit.grades import is_lesson

    lang = dashboard.lang
    answers = dashboard.data.answers
    if len(answers):  # the pre/post test is not a lesson: its own section shows it
        answers = answers[answers["lesson"].map(is_lesson).astype(bool)]
    df = completion(ClassData(answers=answers))
    grid = df.pivot(index="learner", columns="lesson", values="answered").fillna(0)
    lessons = [dashboard.lesson_label(str(c)) for c in grid.columns]
    fig = go.Figure(go.Heatmap(
        z=grid.values, x=_names(lessons), y=_names(grid.index), text=grid.values,
        texttemplate="%{text}", colorscale=[[0, "#FFFFFF"], [1, "#0072B2"]],
        hovertemplate=t("dashboard.hover_completion", lang) + "<extra></extra>",
        colorbar={"title": t("dashboard.answered", lang)}))
    style(fig, lang, t("dashboard.completion_title", lang))
    fig.update_layout(height=max(320, 28 * len(grid) + 160))
    done = int((grid > 0).to_numpy().sum())
    return Chart(fig, t("dashboard.completion_summary", lang, learners=len(grid),
                        lessons=len(grid.columns), cells=done, total=grid.size), lang)


def class_scores(dashboard: Any) -> Chart:
    """Share right at the first attempt per check, lowest first: where the class needs help.

    Scored from the lesson data (kit.grades.item_stats); lesson 07's generated worksheet items
    are not checks of the kit and never appear. Version-1 exports (no attempts) fall back to
    the share of latest answers that are right.
    """
    import plotly.graph_objects as go

    from kit.classroom import scores
    from kit.grades import is_lesson, item_stats

    lang = dashboard.lang
    df = item_stats(dashboard.data, kinds=("choice", "coding"))
    if len(df):
        df = df.rename(columns={"first_share": "share", "n_first_correct": "n_correct"})
    else:
        df = scores(dashboard.data)
        df = df[df["lesson"].map(is_lesson).astype(bool)] if len(df) else df
    df = df.sort_values("share")
    labels = _unique([escape(dashboard.question_label(lesson, item, limit=45))
                      for lesson, item in zip(df["lesson"], df["item"], strict=True)])
    fig = go.Figure(go.Bar(
        x=(df["share"] * 100).round(0), y=labels, orientation="h",
        marker={"color": OKABE_ITO[4]}, text=[f"{n_c}/{n}" for n_c, n in
                                              zip(df["n_correct"], df["n"], strict=True)],
        hovertemplate=t("dashboard.hover_score", lang) + "<extra></extra>"))
    fig.update_xaxes(range=[0, 100], title=t("dashboard.share_correct", lang))
    style(fig, lang, t("dashboard.scores_title", lang), order_matters=False)
    fig.update_yaxes(autorange="reversed")  # the hardest check at the top, as the title says
    if lang == "ar":
        fig.update_xaxes(autorange="reversed")
        fig.update_yaxes(side="right")
    fig.update_layout(height=max(320, 22 * len(df) + 160))
    hardest = labels[0] if labels else "—"
    return Chart(fig, t("dashboard.scores_summary", lang, n=len(df), hardest=hardest), lang)


def class_trust(dashboard: Any) -> Chart:
    """Each learner's first and second trust rating, joined by a line."""
    import plotly.graph_objects as go

    from kit.classroom import trust_ratings

    lang = dashboard.lang
    df = trust_ratings(dashboard.data)
    fig = go.Figure()
    for column, colour, symbol in (("first", OKABE_ITO[1], "circle"),
                                   ("second", OKABE_ITO[5], "diamond")):
        fig.add_trace(go.Scatter(x=df[column], y=_names(df["learner"]), mode="markers",
                                 name=t(f"dashboard.trust_{column}", lang),
                                 marker={"color": colour, "size": 12, "symbol": symbol}))
    for _, row in df.iterrows():
        if not (math.isnan(row["first"]) or math.isnan(row["second"])):
            name = escape(str(row["learner"]))
            fig.add_shape(type="line", x0=row["first"], x1=row["second"], y0=name, y1=name,
                          line={"color": "#999", "width": 2}, layer="below")
    fig.update_xaxes(range=[0.5, 5.5], dtick=1, title=t("dashboard.trust_axis", lang))
    style(fig, lang, t("dashboard.trust_title", lang), order_matters=False)
    fig.update_layout(height=max(320, 28 * len(df) + 160))
    change = df["change"].dropna()
    if not len(change):
        return Chart(fig, t("dashboard.trust_summary_none", lang), lang)
    mean = signed(change.mean(), lang)
    return Chart(fig, t("dashboard.trust_summary", lang, n=len(change), mean=mean), lang)


def class_agreement(dashboard: Any) -> Chart:
    """Cohen's κ of each learner's frame coding against the reference; Fleiss' κ in the summary."""
    import plotly.graph_objects as go

    lang = dashboard.lang
    result = dashboard.agreement()
    df = result.learners.sort_values("kappa")
    fig = go.Figure(go.Bar(x=df["kappa"].round(2), y=_names(df["learner"]), orientation="h",
                           marker={"color": OKABE_ITO[2]},
                           customdata=(df["agreement"] * 100).round(0),
                           hovertemplate=t("dashboard.hover_kappa", lang) + "<extra></extra>"))
    fig.update_xaxes(range=[-0.2, 1], title=t("dashboard.kappa_axis", lang))
    style(fig, lang, t("dashboard.kappa_title", lang), order_matters=False)
    fig.update_layout(height=max(320, 28 * len(df) + 160))
    if not len(df) or not result.paragraphs:
        return Chart(fig, t("dashboard.kappa_summary_none", lang), lang)
    fleiss = "—" if math.isnan(result.fleiss) else f"{result.fleiss:.2f}"
    if result.fleiss < 0:
        fleiss = signed(result.fleiss, lang, 2)  # the minus stays before the digits
    return Chart(fig, t("dashboard.kappa_summary", lang, n=len(df), fleiss=fleiss,
                        paragraphs=result.paragraphs), lang)
