"""The chart registry: every builder name is unique across the chart modules."""

import inspect
from importlib import import_module

from kit import charts
from kit.charts import rtl_label


def test_builder_names_are_unique_across_submodules():
    seen: dict[str, str] = {}
    for sub in charts._SUBMODULES:
        module = import_module(f"kit.charts.{sub}")
        for name, obj in vars(module).items():
            if inspect.isfunction(obj) and obj.__module__ == module.__name__ \
                    and not name.startswith("_"):
                assert name not in seen, f"{name} is defined in {seen.get(name)} and {sub}"
                seen[name] = sub


def test_arabic_labels_are_embedded_right_to_left_once():
    label = rtl_label("كم شخصًا استمع إلى إعلان DeSantis؟")
    assert label.startswith("\u202b") and label.endswith("\u202c")
    assert rtl_label(label) == label
    assert rtl_label("Only English") == "Only English"


# ------------------------------------------------ figures built as plain dicts (issue 15)

def _dict_built_figures():
    from kit import workbench
    from kit.article import load_article
    from kit.charts import claims, framing, numbers, sources, synthesis, translation
    from kit.charts import workbench as bench_charts

    for lang in ("ar", "en"):
        analysis = workbench.analyse(load_article().text, lang)
        yield from (
            claims.claims_map(lang), claims.claims_by_claimant(lang),
            numbers.audience_dispute(lang),
            *(numbers.audience_comparison(mode, lang) for mode in numbers.MODES),
            sources.article_anatomy(lang), sources.success_or_failure(lang),
            sources.missing_voices_table(lang),
            translation.translation_errors(lang), translation.weekday_trace(lang),
            framing.frames_along_article(lang), synthesis.claim_verdicts(lang),
            bench_charts.speaker_share(analysis, lang),
            bench_charts.frames_by_paragraph(analysis, lang),
            bench_charts._empty("—", lang))


def test_plotly_accepts_every_dict_built_figure_unchanged():
    """What the kernel sends is what a validated go.Figure of the same chart would send."""
    import json

    import plotly.graph_objects as go

    for chart in _dict_built_figures():
        sent = json.loads(chart.figure.to_json())
        validated = json.loads(go.Figure(sent).to_json())  # raises on any invalid property
        assert validated == sent, chart.summary


def test_dict_figures_are_shown_through_plotlys_mime_type():
    from kit.charts import Figure, bar

    fig = Figure(bar(x=["1"], y=[2], marker_pattern_shape="/"))
    fig.update_layout(template="plotly_white", xaxis_title="الفقرة")
    bundle = fig._repr_mimebundle_()
    assert list(bundle) == ["application/vnd.plotly.v1+json"]
    sent = bundle["application/vnd.plotly.v1+json"]
    assert sent["data"][0]["marker"]["pattern"]["shape"] == "/"
    assert sent["layout"]["xaxis"]["title"] == {"text": "الفقرة"}
    assert sent["layout"]["template"]["layout"]["plot_bgcolor"] == "white"


def test_rtl_figure_embeds_arabic_in_dict_figures_as_in_plotly_figures():
    import json

    import plotly.graph_objects as go

    from kit.charts import Figure, rtl_figure

    def build(fig):
        fig.add_bar(x=["أ", "ب"], y=[1, 2], name="الاسم", hovertemplate="قيمة %{y}")
        fig.update_layout(title={"text": "العنوان"}, xaxis_title="محور", template="plotly_white",
                          yaxis={"ticktext": ["واحد"], "tickvals": [1]},
                          legend={"title": {"text": "المفتاح"}})
        fig.add_annotation(text="مصدر", x=0, y=0, showarrow=False)
        return json.loads(rtl_figure(fig).to_json())

    plain, plotly_fig = build(Figure()), build(go.Figure())
    assert plain == plotly_fig
    assert plain["layout"]["title"]["text"] == rtl_label("العنوان")
    assert plain["data"][0]["x"] == [rtl_label("أ"), rtl_label("ب")]


def test_a_chart_with_nothing_to_draw_shows_only_its_summary():
    """An empty class: the dashboard's charts say so in words instead of drawing empty axes."""
    import plotly.graph_objects as go

    empty = charts.Chart(go.Figure(go.Bar(x=[], y=[])), "nothing yet", "en")
    assert not empty.has_marks()
    assert not charts.Chart({"data": [{"type": "heatmap", "z": []}], "layout": {}}, "-",
                            "en").has_marks()
    assert charts.Chart(go.Figure(go.Bar(x=["a"], y=[1])), "one bar", "en").has_marks()
    assert charts.Chart({"data": [{"type": "bar", "x": ["a"], "y": [1]}], "layout": {}}, "-",
                        "en").has_marks()


def test_each_line_of_a_wrapped_arabic_label_is_embedded_on_its_own():
    """Plotly draws every <br> line separately, so each keeps its own right-to-left run."""
    label = rtl_label("السطر الأول (بلا<br>تاريخ) الثاني")
    lines = label.split("<br>")
    assert all(line.startswith("\u202b") and line.endswith("\u202c") for line in lines)
    assert rtl_label(label) == label


def test_arabic_table_cells_and_headers_are_embedded_right_to_left():
    """Plotly's table draws SVG text too: a full stop must end an Arabic line on its left."""
    fig = charts.missing_voices_table("ar").figure
    table = fig.data[0]
    for part in ("header", "cells"):
        for column in table[part]["values"]:
            for cell in [column] if isinstance(column, str) else column:
                for line in str(cell).split("<br>"):
                    if any("\u0600" <= ch <= "\u06ff" for ch in line):
                        assert line.startswith("\u202b") or line.startswith("<b>\u202b"), line
