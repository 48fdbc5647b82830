"""Folding keeps offsets: every folded span maps back to the exact original characters."""

from hypothesis import given
from hypothesis import strategies as st

from kit.arabic import HEDGES_BEFORE, MONTHS, SCALES, fold


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
