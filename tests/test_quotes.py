"""find_quotes: a scored corpus, the article's misplaced quotation marks, and bad input."""

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kit
from kit.finders import group_speakers
from kit.quotes import find_quotes
from tests.corpus_scoring import precision_recall_f1

CORPUS = json.loads((Path(__file__).parent / "corpus" / "quotes.json").read_text("utf-8"))


def _same(found, expected, source) -> bool:
    start = source.index(expected["text"])
    end = start + len(expected["text"])
    return (found.kind == expected["kind"] and found.start < end and found.end > start
            and found.speaker == expected["speaker"])


def score(cases) -> float:
    """F1 where a hit needs the right kind, an overlapping span and the right speaker."""
    result = precision_recall_f1(cases, find_quotes, _same)
    return result[2]


def test_corpus_is_large_and_meets_the_f1_bar():
    assert len(CORPUS) >= 60
    assert score(CORPUS) >= 0.8


def test_scorer_notices_a_wrong_speaker():
    case = [{"text": "قال الوزير إن الوضع مستقر.",
             "expect": [{"kind": "reported", "text": "الوضع مستقر", "speaker": "الرئيس"}]}]
    assert score(case) == 0


def _direct(text):
    return {q.text: q for q in find_quotes(text) if q.kind == "direct"}


def test_article_speakers():
    direct = _direct(kit.load_article().text)
    assert direct["هناك الكثير من الناس"].speaker == "المضيف ديفيد ساكس"
    assert direct["لقد انضم المزيد من الأشخاص عندما لعبت بيننا"].speaker == \
        "النائب ألكساندريا أوكاسيو كورتيز"
    assert direct["الأمر أسوأ بكثير بالنسبة إلى DeSantis منه بالنسبة لماسك"].speaker == \
        "جو إيلين بوزنر"
    cheung = next(q for t, q in direct.items() if t.startswith("جليتشي"))
    assert cheung.speaker == "ستيفن تشيونغ" and cheung.verb == "قال"
    # the second quotation after "قال المضيف ديفيد ساكس ..." continues the same speaker
    melting = next(q for t, q in direct.items() if t.startswith("لدينا الكثير"))
    assert melting.speaker == "المضيف ديفيد ساكس"


def test_article_reversed_marks_and_scare_quotes():
    text = kit.load_article().text
    quotes = find_quotes(text)
    for q in quotes:
        assert text[q.start:q.end] == q.text
    for q in (q for q in quotes if q.kind == "direct"):
        assert q.text[:1] not in "“”\"«»" and q.text[-1:] not in "“”\"«»"
    # ”جليتشي ... ” opens with a closing mark; it is still found
    assert any(q.text.startswith("جليتشي") for q in quotes)
    # “ساحة مدينة رقمية” is a term in quotation marks, not something somebody said
    assert not any(q.text == "ساحة مدينة رقمية" for q in quotes)


def test_article_reported_speech():
    reported = [q for q in find_quotes(kit.load_article().text) if q.kind == "reported"]
    first = reported[0]
    assert first.speaker == "الملياردير صاحب موقع تويتر" and first.verb == "قال"
    assert first.text.startswith("المشاكل ترجع إلى")
    assert any(q.speaker == "بوزنر" for q in reported)
    # 'لقد قال مرارًا وتكرارًا إن ...': adverbs are not a speaker
    assert any(q.speaker is None and q.text.startswith("رؤيته العظيمة") for q in reported)


def test_speaker_offsets_point_at_the_speaker():
    text = 'قال المتحدث أحمد علي: "سنعود قريبا إلى طاولة المفاوضات"'
    (q,) = find_quotes(text)
    assert text[q.speaker_start:q.speaker_end] == q.speaker == "المتحدث أحمد علي"
    assert q.to_dict()["kind"] == "direct"


@pytest.mark.parametrize("text", [
    "", "“", "”“”“", "«" * 3000, '"' * 5001, "<q>hello</q> \"a b c d\"", "\x00قال\x00إن\x00",
    bytes(range(256)).decode("utf-8", errors="replace"), "قال " * 2000 + "إن",
])
def test_bad_input_never_raises(text):
    for q in find_quotes(text):
        assert text[q.start:q.end] == q.text


def test_one_megabyte_finishes():
    article = kit.load_article().text
    assert len(find_quotes(article * (1_000_000 // len(article)))) > 1000


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300)
       | st.text(alphabet="“”\"«»„ قالت إن أن said that ,.،:\nساكس Smith", max_size=120))
def test_any_text_gives_sorted_exact_spans(text):
    found = find_quotes(text)
    assert [q.start for q in found] == sorted(q.start for q in found)
    for q in found:
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start:q.end] == q.text
        if q.speaker is not None:
            assert text[q.speaker_start:q.speaker_end] == q.speaker


# ---------------------------------------------------------------- speakers as a reader reads them


def _starting(text, prefix):
    return next(q for q in find_quotes(text) if q.text.startswith(prefix))


def test_continuations_and_participles_go_to_the_last_speaker_of_that_gender():
    text = ("قالت الوزيرة ليلى حداد إن الخطة جاهزة. وقال المتحدث سامي نور إن التمويل متوفر. "
            "وأضافت أن التنفيذ يبدأ غدًا، مشيرةً إلى أن الكلفة أقل من المتوقع. "
            "وتابع: هذه خطوة ينتظرها الناس منذ سنوات طويلة.")
    quotes = find_quotes(text)
    canon = {q.text[:10]: q.speaker_canonical for q in quotes}
    assert canon["الخطة جاهز"] == "الوزيرة ليلى حداد"
    assert canon["التنفيذ يب"] == "الوزيرة ليلى حداد"  # feminine verb: not سامي نور
    assert canon["الكلفة أقل"] == "الوزيرة ليلى حداد"  # feminine participle
    assert canon["هذه خطوة ي"] == "المتحدث سامي نور"  # colon speech, masculine continuation
    assert all(q.speaker is None for q in quotes if q.text.startswith(("التنفيذ", "الكلفة")))


def test_speaker_span_stops_at_the_name_and_keeps_a_place_in_a_title():
    q = _starting("وأشار رئيس هيئة الأرصاد في الأردن خالد سعيد إلى أن الأمطار ستستمر.", "الأمطار")
    assert q.speaker == "رئيس هيئة الأرصاد في الأردن خالد سعيد"
    q = _starting("وقالت المديرة هدى العلي في تصريح صحفي يوم الأحد إن المدارس ستفتح.", "المدارس")
    assert q.speaker == "المديرة هدى العلي"


def test_subject_first_attribution_and_quoted_names():
    q = _starting("نقابة الأطباء قالت إن الإضراب مستمر حتى إشعار آخر.", "الإضراب")
    assert q.speaker == "نقابة الأطباء"
    q = _starting("ضرب زلزال المنطقة صباحًا، وفقًا لوكالة «الأنباء المحلية».", "ضرب")
    assert q.speaker == "وكالة «الأنباء المحلية»"


def test_a_clause_that_is_only_a_quotation_is_one_direct_quotation():
    quotes = find_quotes('قالت المديرة هدى العلي إن "المدارس ستفتح أبوابها يوم الأحد المقبل".')
    assert [(q.kind, q.speaker) for q in quotes] == [("direct", "المديرة هدى العلي")]


def test_group_speakers_one_person_many_names():
    text = ("قال وزير المالية أحمد سالم إن العجز تراجع. وأضاف سالم أن الإيرادات زادت. "
            "وقال الوزير أحمد سالم: «سنواصل خفض الدين العام هذا العام».")
    groups = group_speakers(find_quotes(text))
    assert len(groups) == 1 and len(groups[0].quotes) == 3
    assert "سالم" in groups[0].written
    seed = find_quotes(kit.load_article().text)
    musk = group_speakers(seed, aliases={"ماسك": ["الملياردير صاحب موقع تويتر"]})
    assert sum(g.canonical == "ماسك" for g in musk) == 1
    assert not any(g.canonical == "الملياردير صاحب موقع تويتر" for g in musk)


def test_english_reported_speech_without_that():
    quotes = find_quotes("Mayor Ana Ruiz said the bridge will reopen in May, adding that the "
                         "repairs cost less than planned.")
    assert [(q.kind, q.speaker_canonical) for q in quotes] == [
        ("reported", "Mayor Ana Ruiz"), ("reported", "Mayor Ana Ruiz")]


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="“”\"«» قال قالت وأضاف وأضافت مشيرة إن أن: ،.\nسعيد هدى الوزيرة said he",
               max_size=160))
def test_canonical_speakers_are_written_forms_of_the_text(text):
    for q in find_quotes(text):
        if q.speaker_canonical is not None:
            assert q.speaker_canonical in text or "،" in q.speaker_canonical


def test_english_sentence_final_attributions():
    text = ("The rocket exploded shortly after launch, the agency said on Tuesday. Prices will "
            "rise next year, he said. Hackers stole data from millions of people, the company's "
            "chief executive told a committee on Wednesday. Repairs will take weeks, said the "
            "mayor. She said he hopes to return soon.")
    found = [(q.text, q.kind, q.speaker, q.speaker_canonical) for q in find_quotes(text)]
    assert ("The rocket exploded shortly after launch", "reported", "the agency",
            "the agency") in found
    assert ("Prices will rise next year", "reported", None, "the agency") in found
    assert ("Hackers stole data from millions of people", "reported",
            "the company's chief executive", "the company's chief executive") in found
    assert ("Repairs will take weeks", "reported", "the mayor", "the mayor") in found
    assert not any(q[0].startswith("She said") for q in found)


def test_participle_after_a_verb_that_does_not_report_speech():
    text = ("قالت الوزيرة سارة علي إن الخطة جاهزة. ودعا رئيس الحكومة أحمد سالم إلى الهدوء، "
            "مشيرًا إلى أن الوضع مستقر.")
    last = find_quotes(text)[-1]
    assert (last.text, last.speaker, last.speaker_canonical) == (
        "الوضع مستقر", None, "رئيس الحكومة أحمد سالم")


def test_speaker_far_before_the_clause():
    text = ("وقال رئيس الهيئة الوطنية للانتخابات القاضي محمود عبد الله، في مؤتمر صحفي "
            "عقده مساء الأحد في مقر الهيئة بالعاصمة بحضور ممثلين عن الأحزاب والمنظمات المحلية "
            "والدولية ووسائل الإعلام، إن نسبة المشاركة بلغت أربعين في المئة.")
    q = find_quotes(text)
    assert [(x.text, x.speaker) for x in q] == [
        ("نسبة المشاركة بلغت أربعين في المئة",
         "رئيس الهيئة الوطنية للانتخابات القاضي محمود عبد الله")]
