"""Grammar rules the real-news corpus asked for (issue 14), each on a sentence written for it.

The sentences are made up for the rule (never copied from the corpus); they pin what a reader
understands: which words are quoted or reported, who says them, and what a figure or a date is.
"""

from __future__ import annotations

import pytest

from kit.finders import find_dates, find_numbers, find_quotes, group_speakers


def _quotes(text: str) -> list[tuple[str, str, str | None, str | None]]:
    return [(q.kind, q.text, q.speaker, q.speaker_canonical) for q in find_quotes(text)]


def test_first_person_verb_inside_a_quotation_reports_the_quoted_speaker():
    text = ('قالت الوزيرة سلمى حداد إن الخطة جاهزة. وتابعت: "حين سألوني قلت إنني متفائلة '
            'بالنتائج".')
    reported = [q for q in find_quotes(text) if q.kind == "reported" and q.verb == "قلت"]
    assert len(reported) == 1 and reported[0].text.startswith("إنني متفائلة")
    assert reported[0].speaker is None and reported[0].speaker_canonical == "الوزيرة سلمى حداد"


def test_first_person_verb_outside_quotations_is_not_speech():
    # «قلّت» (decreased) folds like «قلت» (I said): outside quotation marks it reports nothing
    assert find_quotes("قلت الأمطار هذا العام إلى أن جفت الآبار.") == []


def test_bayyana_with_a_subject_before_an():
    assert _quotes("وبيّن الوزير أن العجز تراجع.") == [
        ("reported", "العجز تراجع", "الوزير", "الوزير")]
    assert _quotes("وبين الوزير أن العجز تراجع.")[0][2] == "الوزير"
    assert find_quotes("الفرق بين الدخل والإنفاق أن الأول أكبر.") == []


@pytest.mark.parametrize("verb", ["وأردف", "واستطرد"])
def test_more_continuation_verbs(verb):
    text = f"قال المدير خالد يوسف إن العمل بدأ. {verb}: «لن نتوقف قبل نهاية العام»."
    assert _quotes(text)[-1] == ("direct", "لن نتوقف قبل نهاية العام", None, "المدير خالد يوسف")


def test_verb_is_found_past_a_short_quoted_name():
    text = ("قالت الدكتورة منى سالم إن الوضع صعب.\nوأضافت «سالم»، في حديث لبرنامج «المساء»: "
            "«نحتاج إلى وقت أطول لإصلاح ما تهدم».")
    direct = [q for q in find_quotes(text) if q.kind == "direct"]
    assert [(q.text, q.speaker, q.speaker_canonical) for q in direct] == [
        ("نحتاج إلى وقت أطول لإصلاح ما تهدم", "«سالم»", "الدكتورة منى سالم")]


def test_short_quotation_as_the_predicate_of_a_reported_clause():
    text = "واعتبر الوزير أن التأخير هو «أكبر خطأ»، حيث إن المشروع تعطل."
    direct = [q for q in find_quotes(text) if q.kind == "direct"]
    assert [(q.text, q.speaker) for q in direct] == [("أكبر خطأ", "الوزير")]


def test_quoted_name_opening_a_clause_and_outlet_names_are_not_quotations():
    assert [q.kind for q in find_quotes('مؤكدا أن " العدل" تحركت ضد الأطباء بلا سبب.')] == [
        "reported"]
    text = "وفي تصريح لـ«الخبر اليوم»، قال المحلل أحمد علي إن التضخم سيتراجع."
    assert _quotes(text) == [("reported", "التضخم سيتراجع", "المحلل أحمد علي", "المحلل أحمد علي")]


def test_subject_announced_by_kull_min():
    text = "وبحسب ما سبق أن أعلن عنه كل من المجلس الوطني والوزارة، فإن البلاد تشهد 40 احتجاجا."
    assert [q.speaker for q in find_quotes(text)] == ["المجلس الوطني والوزارة"]


def test_apposition_before_a_colon_is_one_person():
    text = ("قالت الدكتورة هدى يوسف، وزيرة الثقافة: إن المهرجان سيقام.\n"
            "واعتبرت وزيرة الثقافة أن الدعم كاف.")
    groups = group_speakers(find_quotes(text))
    assert len(groups) == 1 and {"الدكتورة هدى يوسف", "وزيرة الثقافة"} <= set(groups[0].written)


def test_relayed_quotation():
    assert _quotes("ونقل بيان عن الوزير قوله: «سنعمل على حل الأزمة خلال أيام».") == [
        ("direct", "سنعمل على حل الأزمة خلال أيام", "الوزير", "الوزير")]


def test_statement_speaks_after_ja_a_fi():
    assert _quotes("وجاء في البيان: «ندين هذا الهجوم بأشد العبارات».")[0][2] == "البيان"


def test_an_attribution_after_nothing_reports_nothing():
    assert find_quotes("وذلك حسبما أفادت وكالة الأنباء.") == []


def test_english_describer_speaks_the_quotation():
    text = ('In what an officer described as “the largest haul in years”, the city police '
            'reported recovering six boxes.')
    assert _quotes(text)[0] == ("direct", "the largest haul in years", "an officer", "an officer")


@pytest.mark.parametrize("text, clause, speaker", [
    ("Officials said at least 30 people were killed in the blast.",
     "at least 30 people were killed in the blast", "Officials"),
    ("The agency said there were no survivors on board.", "there were no survivors on board",
     "The agency"),
    ("The ministry said in a statement on Tuesday that it had arrested 12 people.",
     "it had arrested 12 people", "The ministry"),
])
def test_english_reported_clauses(text, clause, speaker):
    assert _quotes(text) == [("reported", clause, speaker, speaker)]


# ------------------------------------------------------------------ numbers


@pytest.mark.parametrize("text, value, value_max, unit", [
    ("حكم عليه بالسجن من 3 إلى 5 سنوات", 3.0, 5.0, "year"),
    ("three to five years", 3.0, 5.0, "year"),
    ("بلغ عدد الزوار مليون ونصف المليون", 1.5e6, None, None),
    ("two-thirds of voters", 2 / 3, None, None),
    ("three-quarters of the vote", 0.75, None, None),
    ("أصيب 3 آلافاً", 3000.0, None, None),
    ("بلغت الكلفة 7 مليارات و800 مليون", 7.8e9, None, None),
    ("زلزال بقوة 6 ,2 درجة", 6.2, None, None),  # a decimal comma typed apart (guideline)
])
def test_number_forms(text, value, value_max, unit):
    [n] = find_numbers(text)
    assert n.value == pytest.approx(value) and n.unit == unit
    assert (n.value_max is None) if value_max is None else n.value_max == pytest.approx(value_max)


@pytest.mark.parametrize("text", ["وفق المادة 13 من الدستور", "في الجولة 20 من الدوري",
                                  "في اليوم الحادي عشر", "للمرة الثالثة عشرة",
                                  "under Article 5 of the treaty", "on Route 66"])
def test_identifiers_are_not_figures(text):
    assert find_numbers(text) == []


@pytest.mark.parametrize("text", ["بين عامي 2010 و2020", "between 2010 and 2020"])
def test_two_years(text):
    assert [(d.kind, d.value) for d in find_dates(text)] == [("year", 2010), ("year", 2020)]
    assert [(n.value, n.unit) for n in find_numbers(text)] == [(2010, "year"), (2020, "year")]


# ------------------------------------------------------------------ dates


def test_today_before_a_weekday_and_a_colon_after_a_quoted_name():
    text = "ببرنامج «المساء» على قناة «الأولى» مساء اليوم الجمعة: «نحن مستعدون»."
    found = [(d.text, d.kind, d.value) for d in find_dates(text, published="2023-11-24")]
    assert found == [("اليوم", "relative", "day+0"), ("الجمعة", "weekday", "friday")]


@pytest.mark.parametrize("text, clause, speaker", [
    ("U.S. officials say the talks could resume next week.", "the talks could resume next week",
     "U.S. officials"),
    ("According to the U.N., more than 1 million people have fled.",
     "more than 1 million people have fled", "the U.N."),
    ("The company's CEO, Andrew Witty, told lawmakers that the data may have been stolen.",
     "the data may have been stolen", "Andrew Witty"),
    ("Kim's sister, Kim Yo Jong, said in a statement carried by KCNA that the drills were a "
     "provocation.", "the drills were a provocation", "Kim Yo Jong"),
])
def test_english_speakers_and_clauses(text, clause, speaker):
    assert [(q.kind, q.text, q.speaker) for q in find_quotes(text)] == [
        ("reported", clause, speaker)]


@pytest.mark.parametrize("text", ["It is fair to say that the plan failed.",
                                  "We cannot say whether the plan will work.",
                                  'A new group called "Free Syria" held a rally.',
                                  'The group, which calls itself "Free Syria", held a rally.'])
def test_not_reported_speech_and_names_in_quotation_marks(text):
    assert find_quotes(text) == []


def test_english_short_quotation_with_a_describer():
    text = 'Hopkins President Ronald Daniels called the gift "unprecedented."'
    assert [(q.kind, q.speaker) for q in find_quotes(text)] == [
        ("direct", "Hopkins President Ronald Daniels")]


@pytest.mark.parametrize("text, speaker", [
    ("وأوضح المتحدث باسم وزارة الصحة في غزة سامي خليل في تصريح صحفي أن 20 شخصا أصيبوا.",
     "المتحدث باسم وزارة الصحة في غزة سامي خليل"),
    ("وقال بيان صادر عن الرئاسة إن الرئيس استقبل الوفد.", "الرئاسة"),
])
def test_arabic_speaker_spans(text, speaker):
    assert [q.speaker for q in find_quotes(text)] == [speaker]


def test_hijri_and_gregorian_checked_in_either_order():
    from kit.finders import date_checks

    assert date_checks("الاثنين 2 فبراير 2026 الموافق لـ 14 شعبان 1447") == []
    [check] = date_checks("الاثنين 2 فبراير 2026 الموافق لـ 24 شعبان 1447")
    assert (check.kind, check.said, check.actual) == ("hijri_gregorian", "1447-08-24",
                                                      "2026-02-02")
