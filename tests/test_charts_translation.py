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
    assert f"Translation errors: {len(errors)};" in summary
    assert f"of these, {sum(a['changes_claim'] for a in errors)} change" in summary


def test_errors_hover_names_the_source_and_the_english():
    claim = charts.translation_errors("ar").figure.data[0]
    assert all("أسوشيتد برس" in row[1] for row in claim.customdata)
    assert not any("data/" in row[1] for row in claim.customdata)  # no file paths for learners
    assert any("Musk a day earlier dubbed the event" in row[0] for row in claim.customdata)


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_every_hover_line_says_whether_its_english_is_original(lang):
    from kit.i18n import t
    from kit.text import escape

    labels = {o: escape(t(f"translation.origin.{o}", lang, text="\0").split("\0")[0])
              for o in ("original", "back_translation", "none")}
    lines = [line for tr in charts.translation_errors(lang).figure.data
             for row in tr.customdata for line in row[0].split("<br>") if line != "—"]
    assert len(lines) == sum(len({s["paragraph"] for s in a["spans"]}) for a in _errors())
    for line in lines:
        assert sum(label in line for label in labels.values()) == 1, line
    back = [line for line in lines if labels["back_translation"] in line]
    original = [line for line in lines if labels["original"] in line]
    assert back and original
    t12 = [line for line in lines if line.startswith(("T12 ", "خ12 "))]
    assert t12 and labels["back_translation"] in t12[0]  # "Sacks quipping" is not AP's text


def test_arabic_hover_has_no_codes_glosses_or_back_translated_english():
    lines = [line for tr in charts.translation_errors("ar").figure.data
             for row in tr.customdata for line in row[0].split("<br>")]
    text = " ".join(lines)
    assert not re.search(r"\b[TI]\d+\b", text)
    for gloss in ("(Musk, male)", "(female)", "(PR spin)", "(acoustic squeal)", "(displayed)"):
        assert gloss not in text
    for a in _errors():  # a back-translation is not an original: the Arabic gives the meaning
        if a["en_origin"] == "back_translation":
            assert a["intended_en"] not in text, a["id"]


def test_count_templates_use_the_label_and_number_pattern():
    """A count placeholder is never followed by an Arabic counted noun (agreement for any n)."""
    from kit.i18n import strings

    ar = strings("ar")
    keys = [k for k in ar if k.split(".")[0] in
            ("translation", "translation_chart", "framing", "framing_chart")]
    for key in keys:
        assert not re.search(r"{(total|claims|n_top|clean|political|fast|coded|agree|n)(:[^}]*)?}"
                             r"\s*(?!من )[\u0621-\u064A]", ar[key]), key
    summary = charts.translation_errors("ar").summary
    assert "عدد أخطاء الترجمة: 32" in summary


def test_error_marks_are_exact_spans():
    text = load_article().text
    marks = charts.error_marks(["T1", "T21"], "ar")
    assert [m["label"] for m in marks] == ["خ1", "خ21"]
    assert text[marks[0]["start"]:marks[0]["end"]].startswith("أطلق المسك")


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_weekday_trace_shows_the_chain_with_its_sources(lang):
    chart = charts.weekday_trace(lang)
    markers = [tr for tr in chart.figure.data if tr.mode == "markers+text"]
    assert sum(len(tr.x) for tr in markers) == 4
    hovers = " ".join(row[0] for tr in markers for row in tr.customdata)
    assert "staradvertiser.com" in hovers and "aawsat.com" in hovers
    assert "abcnews.go.com" in hovers
    assert ("24 مايو 2023" if lang == "ar" else "2023-05-24") in chart.summary
    if lang == "ar":
        assert not re.search(r"[A-Za-z]{4,}", chart.summary)  # E15: outlets in Arabic script
    assert bool(ARABIC.search(chart.figure.layout.title.text)) == (lang == "ar")


def test_weekday_trace_marks_the_wrong_steps_by_symbol_too():
    right, wrong = [tr for tr in charts.weekday_trace("en").figure.data
                    if tr.mode == "markers+text"]
    assert right.marker.symbol != wrong.marker.symbol
    assert "Tuesday" in " ".join(wrong.text)


@pytest.mark.parametrize(("iso", "ar", "en"), [
    ("2023-05-24", "24 مايو 2023", "2023-05-24"),
    ("2023-05", "مايو 2023", "May 2023"),
    ("undated", "بلا تاريخ", "undated"),
])
def test_trace_dates_take_a_day_a_month_or_none(iso, ar, en):
    from kit.charts.translation import _date

    assert (_date(iso, "ar"), _date(iso, "en")) == (ar, en)


def test_trace_hover_dates_the_asharq_copy_to_its_month():
    fig = charts.weekday_trace("ar").figure
    hovers = " ".join(row[0] for tr in fig.data if tr.customdata is not None
                      for row in tr.customdata)
    assert "مايو 2023: https://english.aawsat.com" in hovers
    assert "24 مايو 2023: https://english.aawsat.com" not in hovers
