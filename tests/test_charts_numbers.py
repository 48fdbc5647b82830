"""Charts of the numbers lesson: data, language of labels, summaries with real figures, sources."""

from __future__ import annotations

import re

import pytest

from kit.charts import numbers as charts
from kit.references import numbers_table, references_table

ARABIC = re.compile(r"[\u0600-\u06FF]")


def _points(fig):
    """(label, value, customdata) for every point of every trace."""
    return [(label, value, cd) for tr in fig.data
            for label, value, cd in zip(tr.y, tr.x, tr.customdata, strict=True)]


@pytest.mark.parametrize("value,lang,expected", [
    (420_000, "ar", "420 ألفًا"), (500_000, "ar", "500 ألف"), (5_000, "ar", "5 آلاف"),
    (3_400_000, "ar", "3.4 مليون"), (420_000, "en", "420k"), (5_160_000, "en", "5.16M"),
])
def test_compact_numbers_read_naturally(value, lang, expected):
    assert charts.compact(value, lang) == expected


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_dispute_shows_each_estimate_with_its_source(lang):
    chart = charts.audience_dispute(lang)
    points = _points(chart.figure)
    refs = references_table(lang).set_index("id")
    assert len(points) == len(charts.DISPUTE_IDS)
    assert sorted(y for _, y, _ in points) == sorted(refs.loc[list(charts.DISPUTE_IDS), "value"])
    sources = {cd[3] for _, _, cd in points}
    assert sources == set(refs.loc[list(charts.DISPUTE_IDS), "source_outlet"])
    assert all(cd[2] for _, _, cd in points), "every point says what was counted"
    assert "%{customdata[3]}" in chart.figure.data[0].hovertemplate


def test_dispute_leaves_out_figures_that_could_not_be_traced():
    values = [y for _, y, _ in _points(charts.audience_dispute("en").figure)]
    assert 678_000 not in values
    outlets = " ".join(cd[3] for _, _, cd in _points(charts.audience_dispute("en").figure))
    assert "Reuters" not in outlets and "NPR" not in outlets


def test_dispute_labels_are_in_the_edition_language():
    ar, en = charts.audience_dispute("ar"), charts.audience_dispute("en")
    assert all(ARABIC.search(label) for label, _, _ in _points(ar.figure))
    assert not any(ARABIC.search(label) for label, _, _ in _points(en.figure))
    assert ARABIC.search(ar.figure.layout.xaxis.title.text)
    assert ARABIC.search(ar.figure.layout.title.text)
    low, high = ar.figure.layout.xaxis.range
    assert low > high == 0, "Arabic reads right to left: values grow leftwards"
    assert ar.figure.layout.yaxis.side == "right"


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_dispute_summary_names_real_figures(lang):
    summary = charts.audience_dispute(lang).summary
    assert charts.compact(420_000, lang) in summary
    assert charts.compact(700_000, lang) in summary and charts.compact(300_000, lang) in summary


def test_the_three_axis_modes():
    zero = charts.audience_comparison("zero", "en").figure.layout.yaxis
    cut = charts.audience_comparison("truncated", "en").figure.layout.yaxis
    log = charts.audience_comparison("log", "en").figure.layout.yaxis
    assert zero.range[0] == 0
    assert cut.range[0] == charts.TRUNCATE_AT
    assert log.type == "log"


def test_summaries_say_how_much_the_tricked_axes_distort():
    fox, ap = 1_960_000, 420_000
    real = f"{fox / ap:.1f}"
    zero = charts.audience_comparison("zero", "en").summary
    cut = charts.audience_comparison("truncated", "en").summary
    log = charts.audience_comparison("log", "en").summary
    assert f"about {real} to 1" in zero
    shown_cut = round((fox - charts.TRUNCATE_AT) / (ap - charts.TRUNCATE_AT))
    assert f"about {shown_cut} to 1" in cut and real in cut
    assert "about 2.1 to 1" in log and real in log


def test_comparison_shows_sources_and_kinds_of_audience():
    fig = charts.audience_comparison("zero", "ar").figure
    refs = references_table("ar").set_index("id")
    names = {tr.name for tr in fig.data}
    assert len(names) >= 3, "peak, cumulative and TV average are told apart"
    assert all(ARABIC.search(n) for n in names)
    sources = {cd[3] for _, _, cd in _points(fig)}
    assert sources == set(refs.loc[list(charts.EXPLORER_IDS), "source_outlet"])


def test_unknown_mode_names_the_valid_ones():
    with pytest.raises(ValueError, match="zero, truncated, log"):
        charts.audience_comparison("3d")


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_explorer_redraws_when_the_learner_switches_the_axis(lang):
    box = charts.audience_explorer(lang)
    toggle, caption, out = box.children
    assert [v for _, v in toggle.options] == list(charts.MODES)
    assert toggle.description and len(toggle.tooltips) == 3
    first = out.outputs[0]["data"]["application/vnd.plotly.v1+json"]
    assert first["layout"]["yaxis"]["range"][0] == 0
    before = caption.value
    toggle.value = "log"
    redrawn = out.outputs[0]["data"]["application/vnd.plotly.v1+json"]
    assert len(out.outputs) == 1 and redrawn["layout"]["yaxis"]["type"] == "log"
    assert caption.value != before
    assert ("kit-rtl" in box._dom_classes) == (lang == "ar")


def test_explorer_caption_follows_the_mode():
    box = charts.audience_explorer("en")
    toggle, caption, _ = box.children
    assert "starts at zero" in caption.value
    toggle.value = "truncated"
    assert "400,000" in caption.value


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_figures_table_has_every_figure_with_hedge_and_sources(lang):
    html = charts.figures_table(lang).html
    rows = numbers_table(lang)
    assert html.count("<tr>") == len(rows) + 1
    assert "حوالي 420 ألفًا" in html
    assert ("أسوشيتد برس (كما أعادت نشرها «الشرق الأوسط» بالإنجليزية)" if lang == "ar"
            else "AP (republished by Asharq Al-Awsat English)") in html
    if lang == "ar":
        assert 'dir="rtl"' in html and "التحوّط" in html
    else:
        assert "Hedge" in html


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_weekday_check_finds_tuesday_against_wednesday(lang):
    html = charts.weekday_check(lang).html
    assert "الثلاثاء" in html and "مساء الأربعاء" in html
    assert "abcnews.go.com" in html
    day = "Tuesday" if lang == "en" else "الثلاثاء"
    assert day in html


# ---------------------------------------------------------------- labels that can be read

@pytest.mark.parametrize("lang", ["ar", "en"])
def test_dispute_row_labels_take_two_lines_at_most_in_a_growing_margin(lang):
    fig = charts.audience_dispute(lang).figure
    labels = [y for tr in fig.data for y in tr.y]
    assert labels and all(label.count("<br>") <= 1 for label in labels)
    assert fig.layout.yaxis.automargin is True
    rows = len(charts.DISPUTE_IDS)
    plot = fig.layout.height - fig.layout.margin.t - fig.layout.margin.b
    assert plot / rows >= 2 * 18, "two lines of 12-px text fit in a row"
    assert all(tr.cliponaxis is False for tr in fig.data), "the largest figure's words show"
    assert all("%{customdata[3]}" in tr.hovertemplate for tr in fig.data), "hover kept"


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_tables_of_text_align_to_the_start_of_their_language(lang):
    # JupyterLab right-aligns table cells; the kit's tables hold sentences, read from the
    # start of the line: the right in Arabic, the left in English.
    shown = charts.figures_table(lang)._repr_html_()
    rule = ("[dir=rtl] td,[dir=rtl] th,[dir=rtl] caption{text-align:right}" if lang == "ar"
            else ".jp-RenderedHTMLCommon [dir=ltr] td,.jp-RenderedHTMLCommon [dir=ltr] th"
                 "{text-align:left}")
    assert rule in shown
    assert f'dir="{"rtl" if lang == "ar" else "ltr"}"' in shown.split("<table")[0]
    from kit.display import HTML

    assert "<style>" not in HTML('<p dir="ltr">no table</p>')._repr_html_()
