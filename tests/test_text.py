"""Script direction, escaping and visible control characters."""

from kit.text import direction, escape, isolate, language_of, visible_controls
from tests.hostile import HOSTILE


def test_direction_by_script():
    assert direction("قال ساكس إن الخوادم") == "rtl"
    assert direction("Sacks said the servers") == "ltr"
    assert language_of("") == "en"


def test_overrides_are_made_visible_and_marks_pass():
    assert visible_controls("a\u202eb") == "a⟦RLO⟧b"
    assert visible_controls("a\x00b") == "a⟦U+0000⟧b"
    assert visible_controls("\u200f#x") == "\u200f#x"  # a right-to-left mark is typography


def test_escape_never_lets_markup_or_overrides_through():
    for text in HOSTILE.values():
        out = escape(text)
        assert "<" not in out and ">" not in out
        assert not any(ch in out for ch in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def test_isolate_wraps_in_bdi_with_direction():
    assert isolate("DeSantis", "en") == '<bdi dir="ltr" lang="en">DeSantis</bdi>'
    assert isolate("ماسك").startswith('<bdi dir="rtl" lang="ar">')


def test_signed_numbers_keep_their_sign_in_front_right_to_left():
    from kit.text import signed

    assert signed(0.5, "en") == "+0.5" and signed(-1.25, "en", 2) == "-1.25"
    assert signed(0.5, "ar") == "\u200e+0.5"  # LRM: the sign is not moved after the digits
    assert visible_controls(signed(-2, "ar")) == signed(-2, "ar")  # the mark passes escaping
