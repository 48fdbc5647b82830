"""The learner's language and the kit's interface strings (data/i18n/<lang>/*.json)."""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path

from kit.paths import data_dir

LANGUAGES = ("ar", "en")
_current: str | None = None


def set_language(lang: str) -> str:
    """Choose the language of every message and widget the kit shows ('ar' or 'en')."""
    global _current
    if lang not in LANGUAGES:
        raise ValueError(f"Unknown language {lang!r}. The kit speaks: {', '.join(LANGUAGES)}")
    _current = lang
    return lang


def get_language() -> str:
    """The language: set_language(), else KIT_LANG, else the notebook's folder, else 'ar'."""
    if _current:
        return _current
    env = os.environ.get("KIT_LANG")
    if env in LANGUAGES:
        return env
    return language_from_folder(Path.cwd())


def language_from_folder(folder: Path) -> str:
    """'en' for a notebook in notebooks/en/ (or teacher/en), else the primary edition 'ar'."""
    for part in (folder.name, folder.parent.name):
        if part in LANGUAGES:
            return part
    return "ar"


@cache
def strings(lang: str) -> dict[str, str]:
    """All interface strings of one language, merged from data/i18n/<lang>/*.json."""
    merged: dict[str, str] = {}
    for path in sorted((data_dir() / "i18n" / lang).glob("*.json")):
        merged.update(json.loads(path.read_text(encoding="utf-8")))
    return merged


def t(key: str, lang: str | None = None, **values: object) -> str:
    """The string for `key` in the current language, formatted with `values`.

    A missing key falls back to English, then to the key itself, so a typo in a
    translation never breaks a lesson.
    """
    lang = lang or get_language()
    text = strings(lang).get(key) or strings("en").get(key) or key
    return text.format(**values) if values else text


def direction(lang: str | None = None) -> str:
    """'rtl' for Arabic, 'ltr' for English."""
    return "rtl" if (lang or get_language()) == "ar" else "ltr"
