"""Interface strings: both languages complete, Arabic really Arabic, language from the folder."""

import re
from pathlib import Path

import pytest

from kit import i18n


def test_every_key_exists_in_both_languages():
    ar, en = i18n.strings("ar"), i18n.strings("en")
    assert set(ar) == set(en), sorted(set(ar) ^ set(en))


def test_arabic_strings_are_arabic_and_placeholders_match():
    ar, en = i18n.strings("ar"), i18n.strings("en")
    for key, text in ar.items():
        words = re.sub(r"%?{[^}]*}|<[^>]+>", "", text)  # placeholders and markup are not prose
        assert re.search(r"[\u0600-\u06FF]", words) or not re.search(r"[A-Za-z]{4,}", words), key
        assert set(re.findall(r"{(\w+)}", text)) == set(re.findall(r"{(\w+)}", en[key])), key


def test_language_comes_from_the_notebook_folder():
    assert i18n.language_from_folder(Path("/x/notebooks/en")) == "en"
    assert i18n.language_from_folder(Path("/x/notebooks/ar")) == "ar"
    assert i18n.language_from_folder(Path("/x/notebooks/teacher/en")) == "en"
    assert i18n.language_from_folder(Path("/x/elsewhere")) == "ar"


def test_t_formats_and_falls_back():
    assert i18n.t("ui.minutes", "en", n=30) == "Estimated time: 30 minutes"
    assert "30" in i18n.t("ui.minutes", "ar", n=30)
    assert i18n.t("no.such.key", "ar") == "no.such.key"


def test_unknown_language_names_the_valid_ones():
    with pytest.raises(ValueError, match="ar, en"):
        i18n.set_language("fr")
