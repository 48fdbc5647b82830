"""Folding keeps offsets; count_phrase writes every count the way Arabic grammar asks."""

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kit.arabic import (
    HEDGES_BEFORE,
    MONTHS,
    SCALES,
    count_form,
    count_phrase,
    fold,
    join_and,
    nouns,
    numbered,
)
from kit.paths import data_dir


def test_digits_alef_and_percent_fold_one_for_one():
    f = fold("إلى ٤٢٠ آلاف ۱۲ ٪")
    assert f.text == "الي 420 الاف 12 %"


def test_dropped_diacritics_map_back():
    text = "أَلْفًا و ١٠"
    f = fold(text)
    assert f.text == "الفا و 10"
    s, e = f.span(0, 4)
    assert text[s:e] == "أَلْفًا"
    s, e = f.span(7, 9)
    assert text[s:e] == "١٠"


def test_lexicons_are_stored_folded():
    assert "ما يزيد علي" in HEDGES_BEFORE and "ما يزيد على" not in HEDGES_BEFORE
    assert MONTHS["اذار"] == 3 and MONTHS["كانون الثاني"] == 1 and MONTHS["جانفي"] == 1
    assert SCALES["الفا"] == 1000 and SCALES["مليارات"] == 1e9


@given(st.text(alphabet="اأإآبتثمنهويىةًٌٍَُِّْـ\u200f ٠١٢0123", max_size=60))
def test_every_folded_character_maps_to_an_original_one(text):
    f = fold(text)
    for i, ch in enumerate(f.text):
        j = f.start(i)
        assert 0 <= j < len(text)
        assert fold(text[j]).text == ch
    assert f.end(len(f.text)) == len(text)


# ---- count_phrase: number + counted noun ------------------------------------------------------

GOLDEN_AR = {  # checked by hand against the rule in kit/arabic.py (النحو الوافي)
    "learner": {0: "0 متعلّمين", 1: "متعلّم واحد", 2: "متعلّمان", 3: "3 متعلّمين",
                10: "10 متعلّمين", 11: "11 متعلّمًا", 99: "99 متعلّمًا", 100: "100 متعلّم",
                101: "101 متعلّم", 102: "102 متعلّم", 103: "103 متعلّمين",
                111: "111 متعلّمًا", 200: "200 متعلّم", 1000: "1000 متعلّم"},
    "answer": {1: "إجابة واحدة", 2: "إجابتان", 3: "3 إجابات", 10: "10 إجابات",
               11: "11 إجابة", 99: "99 إجابة", 100: "100 إجابة", 101: "101 إجابة",
               102: "102 إجابة", 103: "103 إجابات", 111: "111 إجابة", 200: "200 إجابة",
               1000: "1000 إجابة"},
    "file": {1: "ملف واحد", 2: "ملفّان", 3: "3 ملفات", 11: "11 ملفًّا", 100: "100 ملف"},
    "question": {1: "سؤال واحد", 2: "سؤالان", 3: "3 أسئلة", 11: "11 سؤالًا", 100: "100 سؤال"},
    "error": {1: "خطأ واحد", 2: "خطآن", 3: "3 أخطاء", 11: "11 خطأً", 100: "100 خطأ"},
    "character": {1: "حرف واحد", 2: "حرفان", 3: "3 أحرف", 11: "11 حرفًا", 2500: "2500 حرف"},
    "time": {1: "مرة واحدة", 2: "مرتان", 3: "3 مرات", 11: "11 مرة"},
    "million": {1: "مليون", 2: "مليونان", 3: "3 ملايين", 11: "11 مليونًا", 100: "100 مليون"},
    "checkable_claim": {1: "ادعاء واحد قابل للتحقق", 2: "ادعاءان قابلان للتحقق",
                        3: "3 ادعاءات قابلة للتحقق", 11: "11 ادعاءً قابلًا للتحقق",
                        100: "100 ادعاء قابل للتحقق"},
    "other_source": {1: "مصدر آخر", 2: "مصدران آخران", 3: "3 مصادر أخرى"},
}


@pytest.mark.parametrize("noun", sorted(GOLDEN_AR))
def test_golden_arabic_counts(noun):
    for n, expected in GOLDEN_AR[noun].items():
        assert count_phrase(n, noun, "ar") == expected, n


def test_case_changes_one_and_two_only():
    assert count_phrase(2, "learner", "ar", case="gen") == "متعلّمَين"
    assert count_phrase(2, "paragraph", "ar", case="acc") == "فقرتين"
    assert count_phrase(1, "learner", "ar", case="acc") == "متعلّمًا واحدًا"
    assert count_phrase(1, "answer", "ar", case="gen") == "إجابة واحدة"
    for n in (3, 11, 100):
        assert count_phrase(n, "learner", "ar", case="gen") == count_phrase(n, "learner", "ar")


def test_english_counts():
    assert count_phrase(1, "learner", "en") == "1 learner"
    assert count_phrase(2, "learner", "en") == "2 learners"
    assert count_phrase(0, "file", "en") == "0 files"
    assert count_phrase(3, "million", "en") == "3 million"


@pytest.mark.parametrize("noun", sorted(nouns()))
def test_every_noun_from_0_to_1000(noun):
    forms = nouns()[noun]["ar"]
    adjective = forms.get("adjective")
    for n in range(0, 1001):
        ar, en = count_phrase(n, noun, "ar"), count_phrase(n, noun, "en")
        assert en.startswith(f"{n} ") or n == 1
        assert "  " not in ar and ar == ar.strip()
        last = n % 100
        if n == 1:
            assert str(n) not in ar and (forms["sg"] in ar or "one" in forms)
        elif n == 2:
            assert ar.startswith(forms["dual"]) and "2" not in ar
        else:
            assert ar.startswith(f"{n} "), n  # the digits of n, then the noun
            want = "pl" if n == 0 or 3 <= last <= 10 else "acc" if last >= 11 else "sg"
            assert count_form(n) == want
            assert ar.split(" ", 1)[1] == " ".join(
                [forms[want]] + ([adjective[want]] if adjective else [])), n


def test_numpy_integers_count_and_floats_do_not():
    import numpy as np

    assert count_phrase(np.int64(3), "file", "ar") == "3 ملفات"
    with pytest.raises(TypeError):
        count_phrase(2.5, "file", "ar")
    with pytest.raises(TypeError):
        count_phrase(True, "file", "ar")


def test_negative_and_unknown_are_refused():
    with pytest.raises(ValueError):
        count_phrase(-1, "learner", "ar")
    with pytest.raises(KeyError, match="learner"):
        count_phrase(3, "learners", "ar")
    with pytest.raises(ValueError):
        count_phrase(3, "learner", "ar", case="dative")


def test_nouns_file_matches_its_schema_and_spelling_rules():
    data = json.loads((data_dir() / "nouns.json").read_text(encoding="utf-8"))
    assert set(data["nouns"]) == set(nouns())
    for key, entry in nouns().items():
        ar = entry["ar"]
        # tanwin fath sits on an alif (or hamza) and never on taa marbuta (house style)
        assert ar["acc"].endswith(("ًا", "ًّا", "ً", "ة")), key
        assert not ar["acc"].endswith("ةً"), key
        assert ar["dual"].endswith(("ان", "آن")) and ar["dual_obl"].endswith("ين"), key


def test_join_and_and_numbered_paragraphs():
    assert join_and([12, 13], "ar") == "12 و13"
    assert join_and([3, 4, 5], "ar") == "3 و4 و5"
    assert join_and([1, 2, 3, 4], "ar") == "1، و2، و3، و4"
    assert join_and([7], "ar") == "7" and join_and([], "ar") == ""
    assert join_and(["a", "b", "c"], "en") == "a, b and c"
    assert numbered("paragraph", [12, 13], "ar", case="gen") == "الفقرتين 12 و13"
    assert numbered("paragraph", [12, 13], "ar") == "الفقرتان 12 و13"
    assert numbered("paragraph", [3, 4, 5], "ar") == "الفقرات 3 و4 و5"
    assert numbered("paragraph", [12], "ar") == "الفقرة 12"
    assert numbered("paragraph", [12, 13], "en") == "paragraphs 12 and 13"
    assert numbered("lesson", [1, 2, 3], "ar") == "الدروس 1 و2 و3"
    with pytest.raises(ValueError, match="sound masculine"):
        numbered("learner", [1, 2, 3], "ar")
