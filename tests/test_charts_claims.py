"""Claims charts: data drawn, labels in the learner's language, a true summary, sources on hover."""

from __future__ import annotations

import re

import pytest

from kit.charts import OKABE_ITO, Chart
from kit.charts.claims import claims_by_claimant, claims_map
from kit.datasets import load_dataset

ARABIC = re.compile(r"[\u0600-\u06FF]")
CLAIMS = load_dataset("claims")["items"]
BUILDERS = [claims_map, claims_by_claimant]


def _hover(chart: Chart) -> str:
    return "\n".join(str(x) for trace in chart.figure.data for x in (trace.text or ()))


@pytest.mark.parametrize("build", BUILDERS)
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_chart_has_data_and_a_summary_with_the_claim_count(build, lang):
    chart = build(lang)
    assert isinstance(chart, Chart) and chart.lang == lang
    assert sum(len(trace.x) for trace in chart.figure.data) > 0
    assert str(len(CLAIMS)) in chart.summary


@pytest.mark.parametrize("build", BUILDERS)
def test_labels_follow_the_language(build):
    ar, en = build("ar"), build("en")
    for text in (ar.figure.layout.title.text, ar.figure.layout.xaxis.title.text,
                 *[trace.name for trace in ar.figure.data], ar.summary):
        assert ARABIC.search(text), text
    for text in (en.figure.layout.title.text, en.figure.layout.xaxis.title.text,
                 *[trace.name for trace in en.figure.data], en.summary):
        assert not ARABIC.search(text), text


def test_every_claim_is_plotted_once_with_an_okabe_ito_colour():
    chart = claims_map("en")
    assert sum(len(trace.x) for trace in chart.figure.data) == len(CLAIMS)
    assert all(trace.marker.color in OKABE_ITO for trace in chart.figure.data)
    symbols = {trace.marker.symbol for trace in chart.figure.data}
    assert len(symbols) == len(chart.figure.data), "each type has its own shape, not just colour"


def test_arabic_map_reads_right_to_left():
    assert claims_map("ar").figure.layout.xaxis.autorange == "reversed"


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_hover_shows_verdict_and_sources(lang):
    hover = _hover(claims_map(lang))
    for claim in CLAIMS:
        for source in claim["sources"][:1]:
            # The name before its brackets: the label merges what kind of copy it is into them.
            name = source["outlet_ar" if lang == "ar" else "outlet"].split(" (")[0]
            assert name.replace("&", "&amp;") in hover, name
    verdict = "غير مؤكَّد" if lang == "ar" else "Unproven"
    assert verdict.lower() in hover.lower()


def test_bar_counts_add_up_to_the_dataset():
    chart = claims_by_claimant("en")
    assert sum(sum(trace.x) for trace in chart.figure.data) == len(CLAIMS)
    mine = sum(1 for c in CLAIMS if c["claimant"] == "article")
    assert str(mine) in chart.summary


def test_source_labels_name_copies_and_partisan_outlets_in_the_right_language():
    from kit.sources import source_label

    copy = {"outlet": "NBC News (full text in copy at velvetdonuts.com)",
            "outlet_ar": "إن بي سي نيوز", "tags": ["copy"], "date": "undated", "url": "https://velvetdonuts.com/x",
            "confidence": "partial"}
    assert source_label(copy, "ar") == "إن بي سي نيوز (نسخة غير رسمية، بلا تاريخ، مؤكَّد جزئيًّا)"
    assert "unofficial copy" in source_label(copy, "en")
    for claim in CLAIMS:
        for s in claim["sources"]:
            label = source_label(s, "ar")
            assert not re.search(r"\b(copy|undated|confirmed|partial|via)\b", label), label
            if "newsmax" in s["url"] or "dailycaller" in s["url"]:
                assert "موقع محافظ" in label
            if any(h in s["url"] for h in ("togetherjilo", "velvetdonuts", "parrotnigeria")):
                assert "نسخة غير رسمية" in label
