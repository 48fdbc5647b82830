"""The learner's language and the kit's interface strings (data/i18n/<lang>/*.json)."""

from __future__ import annotations

import json
import os
import string
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

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


MONTHS_AR = ("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر",
             "أكتوبر", "نوفمبر", "ديسمبر")
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")


def readable_time(value: Any, lang: str | None = None, *, date_only: bool = False,
                  local: bool = True) -> str:
    """A date and time as people write it: «2 ديسمبر 2026، 07:33» / "2 December 2026, 07:33".

    Accepts a datetime, a pandas Timestamp or an ISO string ("2026-12-02T07:33:53Z"); an aware
    time is shown in the computer's local time zone. The ISO form is never shown in Arabic:
    right-to-left it reads «02T07:33-12-2026». Unparseable text comes back unchanged.

    >>> readable_time("2026-12-02T07:33", "ar"), readable_time("2026-12-02", "en")
    ('2 ديسمبر 2026، 07:33', '2 December 2026')
    """
    lang = lang or get_language()
    text = None
    if isinstance(value, str):
        text = value.strip()
        try:
            value = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            return value
        date_only = date_only or ("T" not in text and " " not in text)
    if value is None or not hasattr(value, "year"):
        return "" if value is None else str(value)
    try:
        if value != value:  # NaT
            return ""
    except (TypeError, ValueError):
        pass
    if hasattr(value, "to_pydatetime"):  # pandas Timestamp
        value = value.to_pydatetime()
    if local and getattr(value, "tzinfo", None) is not None:
        value = value.astimezone()
    months = MONTHS_AR if lang == "ar" else MONTHS_EN
    day = f"{value.day} {months[value.month - 1]} {value.year}"
    if date_only:
        return day
    return f"{day}{'، ' if lang == 'ar' else ', '}{value.hour:02d}:{value.minute:02d}"


class _Formatter(string.Formatter):
    """str.format with the kit's specs, so translators decide the grammar in the data:

    {n:count:minute} → «45 دقيقة» / "45 minutes" (kit.arabic.count_phrase; add :gen or :acc for
    the case of 1 and 2), {xs:numbered:paragraph:gen} → «الفقرتين 12 و13», {xs:list} → «12 و13»,
    {t:time} → «2 ديسمبر 2026، 07:33», {t:date} → «2 ديسمبر 2026».
    """

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def format_field(self, value: Any, format_spec: str) -> str:
        from kit import arabic

        kind, _, rest = format_spec.partition(":")
        args = rest.split(":") if rest else []
        if kind == "count":
            return arabic.count_phrase(int(value), args[0], self.lang, *args[1:2])
        if kind == "numbered":
            return arabic.numbered(args[0], value, self.lang, *args[1:2])
        if kind == "list":
            return arabic.join_and(value, self.lang)
        if kind in ("time", "date"):
            return readable_time(value, self.lang, date_only=kind == "date")
        return super().format_field(value, format_spec)


def t(key: str, lang: str | None = None, **values: object) -> str:
    """The string for `key` in the current language, formatted with `values`.

    Templates may ask for grammar by format spec: «{n:count:learner}» writes «متعلّم واحد»،
    «متعلّمان»، «3 متعلّمين»، «11 متعلّمًا»، «100 متعلّم» (see _Formatter). A missing key falls
    back to English, then to the key itself, so a typo in a translation never breaks a lesson.
    """
    lang = lang or get_language()
    text = strings(lang).get(key) or strings("en").get(key) or key
    return _Formatter(lang).format(text, **values) if values else text


def direction(lang: str | None = None) -> str:
    """'rtl' for Arabic, 'ltr' for English."""
    return "rtl" if (lang or get_language()) == "ar" else "ltr"
