"""Sources charts: who frames the event how, the missing voices, and the article's anatomy."""

from __future__ import annotations

import re

import pytest

from kit.charts import Chart
from kit.charts.sources import article_anatomy, missing_voices_table, success_or_failure
from kit.datasets import load_dataset

ARABIC = re.compile(r"[\u0600-\u06FF]")
DATA = load_dataset("sources")


def _words(stance: str) -> int:
    return sum(a["word_count"] for a in DATA["attributions"] if a["stance"] == stance)


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_stance_chart_counts_the_words_of_each_side(lang):
    chart = success_or_failure(lang)
    assert isinstance(chart, Chart) and chart.lang == lang
    drawn = {trace.name: sum(trace.x) for trace in chart.figure.data}
    assert sum(drawn.values()) == sum(_words(s) for s in ("success", "failure", "mixed",
                                                           "neutral"))
    assert str(_words("success")) in chart.summary
    assert str(_words("failure")) in chart.summary


def test_success_words_come_only_from_people_in_the_event():
    # the summary says so; keep it true if the data changes
    speakers = {a["speaker"] for a in DATA["attributions"] if a["stance"] == "success"}
    assert speakers <= {"musk", "sacks", "desantis"}


def test_stance_chart_labels_follow_the_language():
    ar, en = success_or_failure("ar"), success_or_failure("en")
    assert ARABIC.search(ar.figure.layout.title.text)
    assert ARABIC.search(ar.figure.layout.xaxis.title.text)
    assert all(ARABIC.search(trace.name) for trace in ar.figure.data)
    assert all(ARABIC.search(y) for y in ar.figure.data[0].y if y != "Twitter")
    assert not ARABIC.search(en.figure.layout.title.text + en.summary)
    assert all(not ARABIC.search(y) for y in en.figure.data[0].y)


def test_stance_is_shown_by_pattern_as_well_as_colour():
    patterns = [trace.marker.pattern.shape for trace in success_or_failure("en").figure.data]
    assert len(set(patterns)) == len(patterns)


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_stance_hover_gives_role_interest_and_sources(lang):
    hover = "\n".join(x for trace in success_or_failure(lang).figure.data for x in trace.text)
    sacks = next(s for s in DATA["speakers"] if s["id"] == "sacks")
    name = sacks["sources"][0]["outlet_ar" if lang == "ar" else "outlet"]
    assert name in hover
    assert "2021" in hover, "the interest (a 2021 DeSantis fundraiser) is on hover"


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_missing_voices_table_lists_every_voice_with_its_sources(lang):
    chart = missing_voices_table(lang)
    table = chart.figure.data[0]
    columns = table.cells.values
    who = columns[-1] if lang == "ar" else columns[0]
    assert len(who) == len(DATA["missing_voices"])
    where = "\n".join(columns[0] if lang == "ar" else columns[-1])
    first = DATA["missing_voices"][0]["sources"][0]
    assert first["outlet_ar" if lang == "ar" else "outlet"].split()[0] in where
    if lang == "ar":  # no English descriptors inside Arabic source labels
        assert "undated" not in where and "copy" not in where
    assert str(len(DATA["missing_voices"])) in chart.summary
    header = "".join(table.header.values)
    assert bool(ARABIC.search(header)) == (lang == "ar")


def test_article_anatomy_still_builds():
    chart = article_anatomy("en")
    assert len(chart.figure.data) == 2 and chart.summary
