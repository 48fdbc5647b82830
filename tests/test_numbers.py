"""find_numbers: the seed article's figures, a scored corpus, and text that must never break it."""

import json
import math
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kit
from kit.numbers import find_numbers
from tests.corpus_scoring import precision_recall_f1

CORPUS = json.loads((Path(__file__).parent / "corpus" / "numbers.json").read_text("utf-8"))


def _same(found, expected, _source: str = "") -> bool:
    if (found.value is None) != (expected["value"] is None):
        return False
    if found.value is not None and not math.isclose(found.value, expected["value"], rel_tol=1e-6):
        return False
    if expected.get("value_max") is not None and (
        found.value_max is None or not math.isclose(found.value_max, expected["value_max"])
    ):
        return False
    return found.unit == expected["unit"] and found.hedge == expected["hedge"]


def score(cases) -> tuple[float, float, float]:
    """Precision, recall and F1 where a hit needs the right value, unit and hedge."""
    return precision_recall_f1(cases, find_numbers, _same)


def test_corpus_is_large_and_meets_the_f1_bar():
    assert len(CORPUS) >= 150
    precision, recall, f1 = score(CORPUS)
    assert f1 >= 0.9, (precision, recall, f1)


def test_scorer_notices_a_wrong_value():
    wrong = [{"text": "بلغ 44 مليار دولار", "expect": [{"value": 44e6, "unit": "USD",
                                                       "hedge": None}]}]
    assert score(wrong)[2] == 0


ARTICLE_FIGURES = [
    ("حوالي 420 ألفًا", 420000, None, "approx"),
    ("ما يقرب من نصف ساعة", 0.5, "hour", "nearly"),
    ("الساعة 6 مساءً", 18, "clock", None),
    ("ما يقرب من 30 دقيقة", 30, "minute", "nearly"),
    ("أقل من 500000", 500000, None, "less_than"),
    ("ما يقرب من 80٪", 80, "percent", "nearly"),
    ("44 مليار دولار", 44e9, "USD", None),
    ("2020", 2020, "year", None),
    ("نصف ساعة", 0.5, "hour", None),
    ("مئات الآلاف", None, None, "vague"),
    ("ملايين", None, None, "vague"),
    ("يوم واحد", 1, "day", None),
    ("شهر واحد", 1, "month", None),
    ("بضعة أشهر", None, "month", "vague"),
    ("دقائق", None, "minute", "vague"),
]


@pytest.mark.parametrize(("text", "value", "unit", "hedge"), ARTICLE_FIGURES)
def test_seed_article_figures(text, value, unit, hedge):
    article = kit.load_article()
    found = [n for n in find_numbers(article.text) if n.text == text]
    assert found, f"{text!r} not found"
    n = found[0]
    assert (n.value, n.unit, n.hedge) == (value, unit, hedge)
    assert article.text[n.start:n.end] == text


def test_seed_article_has_no_unexpected_figures():
    found = find_numbers(kit.load_article().text)
    texts = {t for t, *_ in ARTICLE_FIGURES} | {"الملايين"}
    assert {n.text for n in found} == texts
    assert [n.text for n in found].count("مئات الآلاف") == 2


@pytest.mark.parametrize(("text", "value"), [
    ("٤٢٠ ألفًا", 420000), ("۴۲۰ هزار", 420), ("١٫٥ مليون", 1.5e6), ("3،5 مليار", 3.5e9),
    ("1.500.000", 1.5e6), ("1,500,000", 1.5e6), ("٢٬٥٠٠", 2500), ("ثلاثمائة وعشرون ألفا", 320000),
    ("مئتان", 200), ("اثنا عشر عاما", 12), ("tens", None),
])
def test_digit_systems_separators_and_words(text, value):
    found = find_numbers(text)
    if value is None:
        assert all(n.value is None for n in found)
    else:
        assert found and math.isclose(found[0].value, value)


def test_range_is_one_mention_with_upper_bound():
    (n,) = find_numbers("يتراوح العدد بين 3 و4 ملايين")
    assert (n.value, n.value_max, n.text) == (3e6, 4e6, "بين 3 و4 ملايين")


def test_hijri_year_carries_its_calendar():
    (n,) = find_numbers("عام 1444 هـ")
    assert (n.value, n.unit, n.calendar) == (1444, "year", "hijri")


def test_numbers_inside_calendar_dates_are_left_to_find_dates():
    assert find_numbers("نشر في 24 مايو 2023") == []


def test_to_dict_round_trips_fields():
    d = find_numbers("نحو 80٪")[0].to_dict()
    assert d == {"start": 0, "end": 7, "text": "نحو 80٪", "value": 80.0, "unit": "percent",
                 "hedge": "approx", "value_max": None, "calendar": None}


def test_diacritics_and_tatweel_keep_offsets():
    text = "بلغ حوالـي ٤٢٠ أَلْفًا من المستمعين"
    (n,) = find_numbers(text)
    assert text[n.start:n.end] == n.text == "حوالـي ٤٢٠ أَلْفًا"
    assert n.value == 420000


@pytest.mark.parametrize("text", [
    "", " ", "\x00\x01\x02", "<p>نحو <b>80٪</b></p>", "٪٪٪%%%", "9" * 5000, "،" * 1000,
    "\u202e420 ألفًا\u202c", bytes(range(256)).decode("utf-8", errors="replace"),
])
def test_bad_input_never_raises(text):
    for n in find_numbers(text):
        assert text[n.start:n.end] == n.text


@pytest.mark.slow
def test_five_megabytes_finishes():
    article = kit.load_article().text
    text = (article * (5_000_000 // len(article) + 1))[:5_000_000]
    found = find_numbers(text)
    assert len(found) > 1000


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300)
       | st.text(alphabet="٠١٢٣٤٥٦٧٨٩0123456789٫٬،.,%٪ ألفمليونحوالينصفساعة$-و", max_size=80))
def test_any_text_gives_sorted_exact_spans(text):
    found = find_numbers(text)
    assert [n.start for n in found] == sorted(n.start for n in found)
    for a, b in pairwise(found):
        assert a.end <= b.start
    for n in found:
        assert 0 <= n.start < n.end <= len(text)
        assert text[n.start:n.end] == n.text


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("تصويت 6 الاف و588 شخصا", 6588, None), ("لمدة ( 21 ) يوماً", 21, "day"),
    ("مناطق المملكة الثلاثة عشرة", 13, None), ("فئة العشرة دنانير", 10, None),
    ("مليوني بطاقة", 2e6, None), ("خلال اليومين الماضيين", 2, "day"),
    ("from a third of Americans", 1 / 3, None), ("5 ملايين و300 ألف", 5.3e6, None),
])
def test_real_news_number_forms(text, value, unit):
    (n,) = find_numbers(text)
    assert math.isclose(n.value, value) and n.unit == unit


@pytest.mark.parametrize("text", ["المقرر رقم 771 بتاريخ", "برخصة 119 MPI", "in the 1970s",
                                  "five one-kilogram bricks of", "a second booster shot"])
def test_labels_and_ordinals_are_not_figures(text):
    assert [n.value for n in find_numbers(text)] in ([], [5.0])


def test_a_century_after_a_word_of_time_or_amount():
    found = [(n.text, n.value, n.unit, n.hedge) for n in kit.find_numbers(
        "أصغر من يشغل المنصب منذ أكثر من قرن، وقبل نصف قرن، في القرن العشرين.")]
    assert ("أكثر من قرن", 100.0, "year", "more_than") in found
    assert ("نصف قرن", 50.0, "year", None) in found
    assert [(n.text, n.value) for n in kit.find_numbers('about "maybe a third" of Americans')] \
        == [("a third", 1 / 3)]
