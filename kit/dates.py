"""Find weekdays, calendar dates, months, years and clock times in Arabic or English text.

Values are normalised: weekdays as English lower-case names ('tuesday'), dates as ISO 8601 or a
partial form ('2023-05-24', '2023-05', '--05-24'), months as 1-12, years as int, times 'HH:MM'.
Numeric dates like 24/5/2023 are read day-first (Arab and British usage) unless that is impossible.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from itertools import combinations
from typing import Any, Protocol, TypeVar

from kit.arabic import (
    AMBIGUOUS_MONTHS,
    EN_MONTHS,
    EN_WEEKDAYS,
    HIJRI_MONTHS,
    MONTHS,
    PARTS_OF_DAY,
    WEEKDAYS,
    Folded,
    alternation,
    fold,
)

__all__ = ["DateMention", "WeekdayConflict", "find_dates", "weekday_conflicts"]


class _Span(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


_M = TypeVar("_M", bound=_Span)


@dataclass(frozen=True)
class DateMention:
    """A weekday, date, month, year or time named in the text, with its normalised value."""

    start: int
    end: int
    text: str
    kind: str  # 'weekday' | 'date' | 'month' | 'year' | 'time'
    value: Any
    part_of_day: str | None = None  # 'morning', 'evening', ... when the text says so
    calendar: str | None = None  # 'gregorian' | 'hijri' when the text or month name says so

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class WeekdayConflict:
    """Two different weekdays named in one text, with every mention of each."""

    weekdays: tuple[str, str]
    mentions: tuple[DateMention, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"weekdays": list(self.weekdays), "mentions": [m.to_dict() for m in self.mentions]}


_B = r"(?<![\w])"  # word start that also works for Arabic letters
_E = r"(?![\w])"
_AR_POD = "صباح|مساء|ظهر|عصر|ليلة|ليل|فجر"
_AR_POD_AFTER = "صباحا|مساء|ظهرا|عصرا|ليلا|فجرا|بعد الظهر"
_AR_WEEKDAY = re.compile(
    rf"{_B}[وفبل]?(?P<m>(?:(?P<pod>{_AR_POD})\s+(?:(?:ال)?يوم\s+)?|يوم\s+)?"
    rf"(?P<wd>{alternation(WEEKDAYS)})(?:\s+(?P<pod2>{_AR_POD_AFTER}))?){_E}"
)
_EN_WEEKDAY = re.compile(
    rf"\b(?P<m>(?P<wd>{'|'.join(EN_WEEKDAYS)})(?:\s+(?P<pod2>morning|afternoon|evening|night))?)"
    r"\b",
    re.IGNORECASE,
)
_AR_MONTH = alternation(MONTHS)
_HIJRI = alternation(HIJRI_MONTHS)
_AR_DATE = re.compile(
    rf"{_B}[وفبل]?(?P<m>(?:(?P<day>\d{{1,2}})\s*(?:من\s+)?)?(?P<shahr>شهر\s+)?"
    rf"(?P<month>{_AR_MONTH}|{_HIJRI})"
    rf"(?:\s*[/(\-]\s*(?P<month2>{_AR_MONTH})\s*\)?)?"
    rf"(?:\s*(?:من\s+)?(?:عام|العام|سنة)?\s*(?P<year>\d{{4}})(?!\d)"
    rf"(?:\s*(?P<era>م|ه|ميلادي|ميلادية|هجري|هجرية){_E})?)?){_E}"
)
_EN_MONTH = "|".join(sorted(EN_MONTHS, key=len, reverse=True))
_EN_DATE = re.compile(
    rf"\b(?P<m>(?:(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?)?(?P<month>{_EN_MONTH})\b\.?"
    rf"(?:\s+(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\b)?(?:,?\s+(?P<year>\d{{4}})\b)?)",
    re.IGNORECASE,
)
_EN_MONTH_CUE = re.compile(r"(?:in|of|since|until|early|late|mid|last|next|this|by)[\s-]+$",
                           re.IGNORECASE)
_AR_MONTH_CUE = re.compile(r"(?<!\w)(?:في|منذ|خلال|مطلع|اواخر|اوائل|منتصف|نهاية|بداية)\s+$")
_ISO = re.compile(r"(?<![\d\-/.])(?P<m>(?P<y>\d{4})-(?P<mo>\d{1,2})-(?P<d>\d{1,2}))(?![\d\-])")
_NUMERIC = re.compile(
    r"(?<![\d/.\-])(?P<m>(?P<a>\d{1,2})(?P<sep>[/.\-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}))(?![\d/])"
)
_AR_YEAR = re.compile(
    rf"{_B}(?:[وفبل]|لل|بال)?(?:عام|العام|سنة|السنة|منذ|مطلع|اواخر|اوائل|منتصف|حتى)\s+"
    rf"(?P<m>(?P<y>\d{{3,4}})(?!\d)(?:\s*(?P<era>م|ه|ميلادي|ميلادية|هجري|هجرية){_E})?)"
    rf"|(?<![\d.,])(?P<m2>(?P<y2>\d{{3,4}})\s*(?P<era2>م|ه|ميلادي|ميلادية|هجري|هجرية){_E})"
    rf"|{_B}في\s+(?P<m3>(?P<y3>(?:19|20)\d\d))(?![\d.,%])(?!\s*(?:%|[\d]|الف|مليون|مليار))"
)
_EN_YEAR = re.compile(
    r"\b(?:in|since|by|until|year|during|from|before|after|of|early|late|mid)[\s-]+"
    r"(?P<m>(?P<y>(?:1[5-9]|20)\d\d))\b(?!,\d|\.\d|%)"
    r"|\b(?P<m2>(?P<y2>\d{3,4})\s*(?P<era2>AD|BC|BCE|CE|AH))\b",
    re.IGNORECASE,
)
_ORDINAL_HOURS = {
    "الواحدة": 1, "الثانية": 2, "الثالثة": 3, "الرابعة": 4, "الخامسة": 5, "السادسة": 6,
    "السابعة": 7, "الثامنة": 8, "التاسعة": 9, "العاشرة": 10, "الحادية عشرة": 11,
    "الحادية عشر": 11, "الثانية عشرة": 12, "الثانية عشر": 12,
}
_AR_TIME = re.compile(
    rf"{_B}[وفبل]?(?P<m>(?:(?:في\s+)?تمام\s+)?(?P<sa>الساعة|الساعه)\s+"
    rf"(?:(?P<h>\d{{1,2}})(?:[:.](?P<mi>\d{{2}}))?|(?P<hw>{alternation(_ORDINAL_HOURS)}))"
    r"(?:\s*(?P<frac>والنصف|ونصف|والربع|الا ربعا|الا الربع|الا ربع))?"
    rf"(?:\s+(?:من\s+)?(?P<pod>{_AR_POD_AFTER}|صباح|مساء|ص|م)(?!\w))?)"
    rf"|(?<![\d:.])(?P<m2>(?P<h2>\d{{1,2}})(?::(?P<mi2>\d{{2}}))?\s*(?P<pod2>{_AR_POD_AFTER})(?!\w))"
)
_EN_TIME = re.compile(
    r"(?<![\d:.])(?P<m>(?P<h>\d{1,2})(?:[:.](?P<mi>\d{2}))?\s*"
    r"(?P<ap>[ap]\.m\.|[ap]m\b|[ap]\.m\b))"
    r"|\b(?:at\s+)?(?P<m2>noon|midday|midnight)\b",
    re.IGNORECASE,
)
_CLOCK = re.compile(r"(?<![\d:.,/])(?P<m>(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d))(?![\d:])")
_RELATIVE = re.compile(r"^\s*(?:القادم|المقبل|الماضي|السابق|التالي)|(?:next|last|this)\s+$",
                       re.IGNORECASE)


def find_dates(text: str) -> list[DateMention]:
    """Weekdays, dates, months, years and clock times, sorted by start, never overlapping.

    >>> [(d.kind, d.value) for d in find_dates("مساء الأربعاء 24 أيار/مايو 2023")]
    [('weekday', 'wednesday'), ('date', '2023-05-24')]
    """
    if not isinstance(text, str) or not text:
        return []
    f = fold(text)
    found: list[DateMention] = []
    for finder in (_times, _dates, _weekdays, _years):
        found.extend(finder(f))
    return without_overlaps(found)


def weekday_conflicts(text: str) -> list[WeekdayConflict]:
    """Pairs of different weekdays in one text (ignoring 'next/last Monday'), with their mentions.

    A news story usually dates one event once; two weekdays for it are worth a reader's check.
    """
    days: dict[str, list[DateMention]] = {}
    folded = fold(text).text if isinstance(text, str) else ""
    for m in find_dates(text):
        if m.kind != "weekday":
            continue
        before, after = text[max(0, m.start - 6):m.start], text[m.end:m.end + 10]
        if _RELATIVE.search(after) or _RELATIVE.search(before) or _relative_folded(folded, m):
            continue
        days.setdefault(m.value, []).append(m)
    conflicts = []
    for a, b in combinations(sorted(days, key=lambda d: days[d][0].start), 2):
        mentions = tuple(sorted(days[a] + days[b], key=lambda m: m.start))
        conflicts.append(WeekdayConflict((a, b), mentions))
    return conflicts


def clock_hours(value: str) -> float:
    """'18:30' -> 18.5 (for the number finder, which reports clock times as hours)."""
    h, mi = value.split(":")
    return int(h) + int(mi) / 60


def _relative_folded(folded: str, m: DateMention) -> bool:
    return bool(_RELATIVE.search(folded[m.end:m.end + 10])) if folded else False


def _mention(f: Folded, s: int, e: int, kind: str, value: Any, pod: str | None = None,
             calendar: str | None = None) -> DateMention:
    start, end = f.span(s, e)
    return DateMention(start, end, f.original[start:end], kind, value, pod, calendar)


def _weekdays(f: Folded) -> list[DateMention]:
    out = []
    for m in _AR_WEEKDAY.finditer(f.text):
        pod = PARTS_OF_DAY.get(m["pod"] or m["pod2"] or "")
        out.append(_mention(f, m.start("m"), m.end("m"), "weekday", WEEKDAYS[m["wd"]], pod))
    for m in _EN_WEEKDAY.finditer(f.text):
        pod = m["pod2"].lower() if m["pod2"] else None
        out.append(_mention(f, m.start("m"), m.end("m"), "weekday", m["wd"].lower(), pod))
    return out


def _iso(year: int | None, month: int, day: int | None) -> str | None:
    if not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
        return None
    if year is None:
        return f"--{month:02d}-{day:02d}" if day else None
    return f"{year:04d}-{month:02d}-{day:02d}" if day else f"{year:04d}-{month:02d}"


def _dates(f: Folded) -> list[DateMention]:
    out = []
    t = f.text
    for m in _ISO.finditer(t):
        iso = _iso(int(m["y"]), int(m["mo"]), int(m["d"]))
        if iso:
            out.append(_mention(f, m.start("m"), m.end("m"), "date", iso, None, "gregorian"))
    for m in _NUMERIC.finditer(t):
        a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
        day, month = (b, a) if b > 12 >= a else (a, b)
        iso = _iso(y, month, day)
        if iso:
            out.append(_mention(f, m.start("m"), m.end("m"), "date", iso))
    for m in _AR_DATE.finditer(t):
        out.extend(_arabic_date(f, m))
    for m in _EN_DATE.finditer(t):
        out.extend(_english_date(f, m))
    return out


def _arabic_date(f: Folded, m: re.Match[str]) -> list[DateMention]:
    name = m["month"]
    hijri = name in HIJRI_MONTHS
    month = HIJRI_MONTHS[name] if hijri else MONTHS[name]
    day = int(m["day"]) if m["day"] else None
    year = int(m["year"]) if m["year"] else None
    era = m["era"] or ""
    if era.startswith("ه"):
        hijri = True
    calendar = "hijri" if hijri else "gregorian"
    s, e = m.start("m"), m.end("m")
    if day is None and year is None:
        cue = _AR_MONTH_CUE.search(f.text[max(0, s - 8):s])
        if m["shahr"] is None and (name in AMBIGUOUS_MONTHS or name in ("صفر", "رجب", "محرم")) \
                and not (cue and name in ("مارس", "ماي")):
            return []
        return [_mention(f, s, e, "month", month, None, calendar)]
    iso = _iso(year, month, day)
    if iso is None:
        return []
    return [_mention(f, s, e, "date", iso, None, calendar)]


def _english_date(f: Folded, m: re.Match[str]) -> list[DateMention]:
    word = m["month"]
    month = EN_MONTHS[word.lower().rstrip(".")]
    day_text = m["day"] or m["day2"]
    day = int(day_text) if day_text else None
    year = int(m["year"]) if m["year"] else None
    s, e = m.start("m"), m.end("m")
    if not word[0].isupper():
        return []
    if day is None and year is None:
        cue = _EN_MONTH_CUE.search(f.text[max(0, s - 12):s])
        if (len(word) < 4 and word.lower() != "may") or (word == "May" and not cue):
            return []
        e = m.end("month")
        return [_mention(f, s, e, "month", month, None, "gregorian")]
    iso = _iso(year, month, day)
    return [_mention(f, s, e, "date", iso, None, "gregorian")] if iso else []


def _years(f: Folded) -> list[DateMention]:
    out = []
    for m in _AR_YEAR.finditer(f.text):
        key = "m" if m["m"] else "m2" if m["m2"] else "m3"
        year = int(m["y"] or m["y2"] or m["y3"])
        era = m["era"] or m["era2"] or ""
        cal = "hijri" if era.startswith("ه") else "gregorian" if era else None
        out.append(_mention(f, m.start(key), m.end(key), "year", year, None, cal))
    for m in _EN_YEAR.finditer(f.text):
        key = "m" if m["m"] else "m2"
        year = int(m["y"] or m["y2"])
        era = (m["era2"] or "").upper()
        cal = "hijri" if era == "AH" else "gregorian" if era else None
        out.append(_mention(f, m.start(key), m.end(key), "year", year, None, cal))
    return out


def _hour_of_day(h: int, pod: str | None) -> int:
    if pod in ("evening", "afternoon") and h < 12:
        return h + 12
    if pod == "noon" and 1 <= h <= 5:
        return h + 12
    if pod == "night":
        return 0 if h == 12 else h + 12 if 6 <= h < 12 else h
    if pod in ("morning", "dawn") and h == 12:
        return 0
    return h


def _time(f: Folded, s: int, e: int, h: int, mi: int, pod: str | None) -> list[DateMention]:
    h = _hour_of_day(h, pod)
    if not (0 <= h <= 24 and 0 <= mi <= 59):
        return []
    return [_mention(f, s, e, "time", f"{h % 24:02d}:{mi:02d}", pod)]


def _times(f: Folded) -> list[DateMention]:
    out = []
    for m in _AR_TIME.finditer(f.text):
        if m["m"]:
            h = int(m["h"]) if m["h"] else _ORDINAL_HOURS[m["hw"]]
            mi = int(m["mi"]) if m["mi"] else 0
            frac = m["frac"] or ""
            if "نصف" in frac:
                mi = 30
            elif frac.endswith("الربع") and not frac.startswith("الا"):
                mi = 15
            elif frac.startswith("الا"):
                h, mi = h - 1, 45
            pod = PARTS_OF_DAY.get(m["pod"] or "")
            out.extend(_time(f, m.start("m"), m.end("m"), h, mi, pod))
        else:
            pod = PARTS_OF_DAY.get(m["pod2"])
            out.extend(_time(f, m.start("m2"), m.end("m2"), int(m["h2"]),
                             int(m["mi2"] or 0), pod))
    for m in _EN_TIME.finditer(f.text):
        if m["m"]:
            h, mi = int(m["h"]), int(m["mi"] or 0)
            pm = m["ap"].lower().startswith("p")
            if not 1 <= h <= 12:
                continue
            h = (h % 12) + (12 if pm else 0)
            pod = ("evening" if h >= 17 else "afternoon") if pm else "morning"
            out.extend(_time(f, m.start("m"), m.end("m"), h, mi, pod))
        else:
            word = m["m2"].lower()
            value = "00:00" if word == "midnight" else "12:00"
            pod = "night" if word == "midnight" else "noon"
            s, e = f.span(m.start("m2"), m.end("m2"))
            out.append(DateMention(s, e, f.original[s:e], "time", value, pod))
    for m in _CLOCK.finditer(f.text):
        out.extend(_time(f, m.start("m"), m.end("m"), int(m["h"]), int(m["mi"]), None))
    return out


def without_overlaps(found: list[_M]) -> list[_M]:
    """Sorted mentions where, of two that overlap, the longer one stays (a date beats its year)."""
    kept: list[_M] = []
    for m in sorted(found, key=lambda m: (m.start, m.start - m.end)):
        if m.end <= m.start:
            continue
        if kept and m.start < kept[-1].end:
            if m.end - m.start > kept[-1].end - kept[-1].start:
                kept[-1] = m
            continue
        kept.append(m)
    return kept
