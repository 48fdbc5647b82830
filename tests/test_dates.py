"""find_dates and weekday_conflicts: a scored corpus, the article's weekdays, and bad input."""

import json
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kit
from kit.dates import find_dates, weekday_conflicts
from kit.finders import date_checks
from tests.corpus_scoring import precision_recall_f1

CORPUS = json.loads((Path(__file__).parent / "corpus" / "dates.json").read_text("utf-8"))


def _same(found, expected, _source: str = "") -> bool:
    return (found.kind == expected["kind"] and found.value == expected["value"]
            and found.part_of_day == expected.get("part_of_day", found.part_of_day))


def score(cases) -> float:
    """F1 where a hit needs the right kind and normalised value (and part of day when given)."""
    result = precision_recall_f1(cases, find_dates, _same)
    return result[2]


def test_corpus_is_large_and_meets_the_f1_bar():
    assert len(CORPUS) >= 60
    assert score(CORPUS) >= 0.9


def test_article_weekdays_and_time():
    text = kit.load_article().text
    found = [(d.text, d.kind, d.value, d.part_of_day) for d in find_dates(text)]
    assert found == [
        ("الثلاثاء", "weekday", "tuesday", None),
        ("الساعة 6 مساءً", "time", "18:00", "evening"),
        ("يوم الأربعاء", "weekday", "wednesday", None),
        ("مساء الأربعاء", "weekday", "wednesday", "evening"),
        ("يوم الأربعاء", "weekday", "wednesday", None),
        ("2020", "year", 2020, None),
    ]


def test_article_weekday_conflict_is_surfaced():
    text = kit.load_article().text
    (conflict,) = weekday_conflicts(text)
    assert conflict.weekdays == ("tuesday", "wednesday")
    values = [m.value for m in conflict.mentions]
    assert values.count("tuesday") == 1 and values.count("wednesday") == 3
    assert all(text[m.start:m.end] == m.text for m in conflict.mentions)
    assert conflict.to_dict()["weekdays"] == ["tuesday", "wednesday"]


def test_no_conflict_for_one_weekday_or_next_week():
    assert weekday_conflicts("وصل الثلاثاء وغادر مساء الثلاثاء") == []
    assert weekday_conflicts("He spoke on Monday and will return next Friday.") == []
    assert weekday_conflicts("أعلن الأحد أنه سيعود الجمعة المقبل") == []


@pytest.mark.parametrize(("text", "value"), [
    ("24 أيار/مايو 2023", "2023-05-24"), ("24 مايو ٢٠٢٣", "2023-05-24"),
    ("5/24/2023", "2023-05-24"), ("2023-5-24", "2023-05-24"), ("24 May 2023", "2023-05-24"),
    ("12 ذي الحجة 1444 هـ", "1444-12-12"), ("3 جوان 2022", "2022-06-03"),
])
def test_date_forms(text, value):
    (d,) = find_dates(text)
    assert (d.kind, d.value) == ("date", value)


def test_hijri_calendar_flag_and_to_dict():
    (d,) = find_dates("في 1 رمضان 1444 هـ")
    assert d.to_dict()["calendar"] == "hijri"
    assert set(d.to_dict()) == {"start", "end", "text", "kind", "value", "part_of_day",
                                "calendar", "resolved"}


def test_impossible_dates_are_dropped():
    assert [d for d in find_dates("2023-13-45 و 99/99/2020") if d.kind == "date"] == []


@pytest.mark.parametrize("text", [
    "", "\x00" * 10, "<div>الأربعاء</div>", "الساعة 99:99 مساء", "May May May 2023",
    bytes(range(256)).decode("utf-8", errors="replace"),
])
def test_bad_input_never_raises(text):
    for d in find_dates(text):
        assert text[d.start:d.end] == d.text
    weekday_conflicts(text)


def test_one_megabyte_finishes():
    article = kit.load_article().text
    text = article * (1_000_000 // len(article))
    assert len(find_dates(text)) > 500


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300)
       | st.text(alphabet="0123456789٠١٢٣ :/-الساعةمساءيوم الأربعاءمايوMay p.m.", max_size=80))
def test_any_text_gives_sorted_exact_spans(text):
    found = find_dates(text)
    for a, b in pairwise(found):
        assert a.end <= b.start
    for d in found:
        assert text[d.start:d.end] == d.text


# ---------------------------------------------------------------- issue 14: real-news forms


@pytest.mark.parametrize(("text", "value"), [
    ("11 كانون الأول 2023", "2023-12-11"), ("5 نونبر، 2025", "2025-11-05"),
    ("10 غشت 2025", "2025-08-10"), ("2 تشرين الأول/أكتوبر 2022", "2022-10-02"),
    ("٢٠ أيار ٢٠٢٥", "2025-05-20"), ("الأول من كانون الثاني", "--01-01"),
    ("التاسع والعشرين من شهر ذي القعدة", "--11-29"),
])
def test_levantine_egyptian_and_maghrebi_dates(text, value):
    dates = [d for d in find_dates(text) if d.kind == "date"]
    assert [d.value for d in dates] == [value]


@pytest.mark.parametrize(("text", "value"), [
    ("وقع الزلزال الساعة 2,33 صباحا", "02:33"), ("في الساعة الخامسة و49 دقيقة صباحا", "05:49"),
    ("من التاسعة مساء", "21:00"), ("(18,33 ت غ)", "18:33"), ("at 1344 GMT", "13:44"),
])
def test_clock_times_as_news_writes_them(text, value):
    assert [d.value for d in find_dates(text) if d.kind == "time"] == [value]


def test_relative_days_and_their_resolution():
    text = "قال أمس الأحد إن الاجتماع عقد اليوم، وسيعود غدًا أو الأسبوع المقبل."
    rel = [(d.text, d.value, d.resolved) for d in find_dates(text, published="2024-03-04")
           if d.kind == "relative"]
    assert rel == [("أمس", "day-1", "2024-03-03"), ("اليوم", "day+0", "2024-03-04"),
                   ("غدًا", "day+1", "2024-03-05"), ("الأسبوع المقبل", "week+1", None)]
    assert not [d for d in find_dates("اليوم العالمي للمياه واليوم الثاني عشر من ذي الحجة")
                if d.kind == "relative"]


def test_weekday_checked_through_a_hijri_date_and_its_gregorian_equivalent():
    right = "مساء الاثنين 28 رجب 1441هـ، الموافق 23 مارس 2020م"
    assert date_checks(right) == []
    wrong = "مساء الثلاثاء 28 رجب 1441هـ، الموافق 23 مارس 2020م"
    (check,) = date_checks(wrong)
    assert (check.kind, check.said, check.actual) == ("weekday_date", "tuesday", "monday")
    both = date_checks("الأحد 6 رجب 1441هـ الموافق 23 مارس 2020م")
    assert {c.kind for c in both} == {"weekday_date", "hijri_gregorian"}
    assert date_checks("الخميس-2023-01-02 08:54 am")[0].actual == "monday"


def test_the_two_and_the_car_are_not_dates():
    assert find_dates("يُعتقد أن الاثنين يقودان سيارة نيسان سوداء") == []


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="0123456789٠١٢ :/-،الساعةمساءأمساليومغدايومالأحدالموافقهـرجبمارسم",
               max_size=80), st.sampled_from([None, "2024-03-04", "bad"]))
def test_relative_days_and_checks_never_break_the_spans(text, published):
    found = find_dates(text, published=published)
    for a, b in pairwise(found):
        assert a.end <= b.start
    for d in found:
        assert text[d.start:d.end] == d.text
    date_checks(text, published=published)
