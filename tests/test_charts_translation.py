"""Translation charts: errors along the article (claim-changing ones hatched), the weekday trace."""

from __future__ import annotations

import re

import pytest

from kit import charts
from kit.article import load_article
from kit.datasets import load_dataset

ARABIC = re.compile(r"[\u0600-\u06FF]")


def _errors():
    return [a for a in load_dataset("translation")["artifacts"]
            if a["kind"] not in ("inconsistency", "acceptable")]


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_errors_chart_labels_are_in_the_language(lang):
    fig = charts.translation_errors(lang).figure
    texts = [fig.layout.title.text, fig.layout.xaxis.title.text, fig.layout.yaxis.title.text,
             *[tr.name for tr in fig.data]]
    assert all(bool(ARABIC.search(x)) == (lang == "ar") for x in texts)
    assert (fig.layout.xaxis.autorange == "reversed") == (lang == "ar")


def test_claim_changing_errors_are_marked_by_pattern_as_well_as_colour():
    claim, form = charts.translation_errors("en").figure.data
    assert claim.marker.pattern.shape and not form.marker.pattern.shape
    assert claim.marker.color != form.marker.color


def test_errors_chart_counts_every_error_in_every_paragraph_it_touches():
    fig = charts.translation_errors("en").figure
    expected = sum(len({s["paragraph"] for s in a["spans"]}) for a in _errors())
    assert sum(sum(tr.y) for tr in fig.data) == expected
    claims = sum(len({s["paragraph"] for s in a["spans"]}) for a in _errors()
                 if a["changes_claim"])
    assert sum(fig.data[0].y) == claims


def test_errors_summary_gives_the_real_totals():
    summary = charts.translation_errors("en").summary
    errors = _errors()
    assert f"{len(errors)} errors" in summary
    assert f"{sum(a['changes_claim'] for a in errors)} of which" in summary


def test_errors_hover_names_the_source_and_the_english():
    claim = charts.translation_errors("ar").figure.data[0]
    assert all("data/translation.json" in row[1] for row in claim.customdata)
    assert any("Musk dubbed" in row[0] for row in claim.customdata)  # T1, paragraph 5


def test_error_marks_are_exact_spans():
    text = load_article().text
    marks = charts.error_marks(["T1", "T21"], "ar")
    assert [m["label"] for m in marks] == ["T1", "T21"]
    assert text[marks[0]["start"]:marks[0]["end"]] == "أطلق المسك"


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_weekday_trace_shows_the_chain_with_its_sources(lang):
    chart = charts.weekday_trace(lang)
    markers = [tr for tr in chart.figure.data if tr.mode == "markers+text"]
    assert sum(len(tr.x) for tr in markers) == 4
    hovers = " ".join(row[0] for tr in markers for row in tr.customdata)
    assert "staradvertiser.com" in hovers and "aawsat.com" in hovers
    assert "abcnews.go.com" in hovers
    assert "2023-05-24" in chart.summary
    assert bool(ARABIC.search(chart.figure.layout.title.text)) == (lang == "ar")


def test_weekday_trace_marks_the_wrong_steps_by_symbol_too():
    right, wrong = [tr for tr in charts.weekday_trace("en").figure.data
                    if tr.mode == "markers+text"]
    assert right.marker.symbol != wrong.marker.symbol
    assert "Tuesday" in " ".join(wrong.text)
