"""Framing charts: frame words along the article, Entman's functions, highlight spans."""

from __future__ import annotations

import re

import pytest

from kit import charts
from kit.article import load_article
from kit.framing import find_frame_terms, reference_coding

ARABIC = re.compile(r"[\u0600-\u06FF]")


def _texts(fig):
    layout = fig.layout
    return [layout.title.text, layout.xaxis.title.text, layout.yaxis.title.text,
            *[trace.name for trace in fig.data]]


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_frames_chart_has_both_frames_and_labels_in_the_language(lang):
    chart = charts.frames_along_article(lang)
    bars = [tr for tr in chart.figure.data if tr.type == "bar"]
    assert len(bars) == 2 and all(sum(b.y) > 0 for b in bars)
    assert all(bool(ARABIC.search(text)) == (lang == "ar") for text in _texts(chart.figure))
    assert chart.lang == lang


def test_frames_chart_reads_right_to_left_in_arabic_only():
    assert charts.frames_along_article("ar").figure.layout.xaxis.autorange == "reversed"
    assert charts.frames_along_article("en").figure.layout.xaxis.autorange != "reversed"


def test_frames_chart_counts_match_the_lexicon_and_the_summary_says_so():
    chart = charts.frames_along_article("en")
    hits = find_frame_terms(load_article().text)
    political = sum(h.frame == "political_failure" for h in hits)
    bars = {tr.name: sum(tr.y) for tr in chart.figure.data if tr.type == "bar"}
    assert sum(bars.values()) == len(hits)
    assert f"words: {political}," in chart.summary
    coded = sum(1 for f in reference_coding().values() if f == "political_failure")
    assert f"frame: {coded} of 19" in chart.summary


def test_frames_chart_hover_names_its_source_and_the_words():
    chart = charts.frames_along_article("ar")
    bar = chart.figure.data[0]
    assert all("محرّري الدرس" in row[1] and "data/" not in row[1] for row in bar.customdata)
    assert any("اختبار" in row[0] for row in bar.customdata)  # the words themselves


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_frames_chart_hover_has_its_paragraph_number_written_in(lang):
    """Plotly does not fill %{x} inside customdata, so the number is written in Python."""
    for bar in [tr for tr in charts.frames_along_article(lang).figure.data if tr.type == "bar"]:
        for x, row in zip(bar.x, bar.customdata, strict=True):
            assert "%{" not in row[0]
            assert re.match(rf"\D+ {x} —", row[0]), row[0]


def test_arabic_frame_names_are_the_two_fixed_names():
    chart = charts.frames_along_article("ar")
    names = {tr.name.strip("\u202b\u202c") for tr in chart.figure.data if tr.type == "bar"}
    assert names == {"افشل بسرعة وتعلّم", "فشل في الإطلاق"}
    assert {m["label"] for m in charts.frame_words("ar")} == names
    assert "2 مرة" not in chart.summary and "مرة" not in chart.summary
    markers = [tr for tr in chart.figure.data if tr.type == "scatter"]
    assert sum(len(tr.x) for tr in markers) == len(reference_coding())


def test_frames_use_pattern_as_well_as_colour():
    shapes = {tr.marker.pattern.shape for tr in charts.frames_along_article("en").figure.data
              if tr.type == "bar"}
    assert len(shapes) == 2 and "" not in shapes


def test_frame_words_are_exact_spans_grouped_by_frame():
    text = load_article().text
    marks = charts.frame_words("ar")
    assert marks and {m["group"] for m in marks} == {"fail_fast", "political_failure"}
    assert all(ARABIC.search(m["label"]) for m in marks)
    hits = {(h.start, h.end): h.text for h in find_frame_terms(text)}
    assert all(text[m["start"]:m["end"]] == hits[(m["start"], m["end"])] for m in marks)


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_frame_functions_table_has_four_functions_and_its_source(lang):
    html = charts.frame_functions(lang).html
    assert html.count("<tr>") == 5  # header + four functions
    assert "Entman" in html and "data/" not in html
    assert ('dir="rtl"' in html) == (lang == "ar")
