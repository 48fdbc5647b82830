"""Find weekdays, calendar dates, months, years, clock times and relative days in news text.

Values are normalised: weekdays as English lower-case names ('tuesday'), dates as ISO 8601 or a
partial form ('2023-05-24', '2023-05', '--05-24'; Hijri dates keep Hijri numbers), months as 1-12,
years as int, times 'HH:MM', relative days as 'day-1' (أمس، yesterday), 'day+0' (اليوم), 'day+1',
'day-2' (أول أمس), 'week-1' (الأسبوع الماضي). With the article's date (``published``) a relative day
gets ``resolved`` (ISO). Numeric dates like 24/5/2023 are read day-first (Arab and British usage)
unless that is impossible. Month names: Egyptian/Gulf (مايو), Levantine/Iraqi (أيار), Algerian/
Tunisian (جوان), Moroccan (ماي، غشت، نونبر), with a slash pair (تشرين الأول/أكتوبر).

``date_checks`` says where the text's days disagree: a weekday beside a date («الخميس 2023-01-02»,
also through a Hijri date and its Gregorian «الموافق»), a Hijri date whose Gregorian equivalent is
more than two days off, relative days that imply two different days of publication, and relative
days that contradict the article's date.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from dataclasses import asdict, dataclass, replace
from datetime import date, timedelta
from itertools import combinations, pairwise
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

__all__ = ["DateCheck", "DateMention", "WeekdayConflict", "date_checks", "find_dates",
           "hijri_to_gregorian", "weekday_conflicts"]


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
    kind: str  # 'weekday' | 'date' | 'month' | 'year' | 'time' | 'relative'
    value: Any
    part_of_day: str | None = None  # 'morning', 'evening', ... when the text says so
    calendar: str | None = None  # 'gregorian' | 'hijri' when the text or month name says so
    resolved: str | None = None  # a relative day as an ISO date, when the article's date is known

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class WeekdayConflict:
    """Two different weekdays named in one text, with every mention of each."""

    weekdays: tuple[str, str]
    mentions: tuple[DateMention, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"weekdays": list(self.weekdays), "mentions": [m.to_dict() for m in self.mentions]}


@dataclass(frozen=True)
class DateCheck:
    """Days in one text that disagree, for a reader to check.

    kind: 'weekday_date' (a weekday beside a date that falls on another day: ``said`` is the
    weekday written, ``actual`` the date's weekday), 'hijri_gregorian' (a Hijri date and its
    «الموافق» more than two days apart), 'relative_days' (two relative days with weekdays that
    imply different days of publication), 'relative_published' (a relative day whose weekday
    contradicts the article's date).
    """

    kind: str
    said: str
    actual: str
    mentions: tuple[DateMention, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "said": self.said, "actual": self.actual,
                "mentions": [m.to_dict() for m in self.mentions]}


_B = r"(?<![\w])"  # word start that also works for Arabic letters
_E = r"(?![\w])"
_AR_POD = "صباح|مساء|ظهر|عصر|ليلة|ليل|فجر"
_AR_POD_AFTER = "صباحا|مساء|ظهرا|عصرا|ليلا|فجرا|بعد الظهر"
_AR_WEEKDAY = re.compile(
    rf"{_B}[وفبل]?(?P<m>(?:(?P<pod>{_AR_POD})\s+(?:يوم\s+)?|يوم\s+)?"
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
    rf"(?:\s*[،,]?\s*(?:من\s+)?(?:عام|العام|سنة)?\s*(?P<year>\d{{4}})(?!\d)"
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
_ISO = re.compile(
    r"(?<![\d/.])(?<!\d-)(?P<m>(?P<y>\d{4})-(?P<mo>\d{1,2})-(?P<d>\d{1,2}))(?![\d\-])")
_NUMERIC = re.compile(
    r"(?<![\d/.\-])(?P<m>(?P<a>\d{1,2})(?P<sep>[/.\-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}))(?![\d/])"
)
_AR_YEAR = re.compile(
    rf"{_B}(?:[وفبل]|لل|بال)?(?:(?:عام|العام|سنة|السنة|عامي|سنتي)(?:\s+(?:المالية|المالي|الدراسية|"
    rf"الدراسي))?|"
    rf"منذ|مطلع|اواخر|اوائل|منتصف|حتى|انتخابات|موازنة|ميزانية)\s+"
    rf"(?P<m>(?P<y>\d{{3,4}})(?!\d)(?:\s*(?P<era>م|ه|ميلادي|ميلادية|هجري|هجرية){_E})?)"
    rf"|(?<![\d.,])(?P<m2>(?P<y2>\d{{3,4}})\s*(?P<era2>م|ه|ميلادي|ميلادية|هجري|هجرية){_E})"
    rf"|{_B}في\s+(?P<m3>(?P<y3>(?:19|20)\d\d))(?![\d.,%])(?!\s*(?:%|[\d]|الف|مليون|مليار))"
)
# «في 2023 او 2021»: a second year joined to a year just found.
_AND_YEAR = re.compile(r"^\s*(?:او|و|-|–|or|and|to)\s*(?P<y>(?:19|20)\d\d)(?![\d.,%])",
                       re.IGNORECASE)
_ORDINAL_DAYS = {
    "الاول": 1, "الثاني": 2, "الثالث": 3, "الرابع": 4, "الخامس": 5, "السادس": 6, "السابع": 7,
    "الثامن": 8, "التاسع": 9, "العاشر": 10, "الحادي عشر": 11, "الثاني عشر": 12,
    "الثالث عشر": 13, "الرابع عشر": 14, "الخامس عشر": 15, "السادس عشر": 16, "السابع عشر": 17,
    "الثامن عشر": 18, "التاسع عشر": 19, "العشرين": 20, "الحادي والعشرين": 21,
    "الثاني والعشرين": 22, "الثالث والعشرين": 23, "الرابع والعشرين": 24,
    "الخامس والعشرين": 25, "السادس والعشرين": 26, "السابع والعشرين": 27,
    "الثامن والعشرين": 28, "التاسع والعشرين": 29, "الثلاثين": 30, "الحادي والثلاثين": 31,
}
# «اليوم الأول من شهر ذي القعدة»، «التاسع والعشرين من شهر ذي القعدة»، «الأول من كانون الثاني»
_AR_ORDINAL_DATE = re.compile(
    rf"{_B}[وفبل]?(?P<m>(?:(?:ال)?يوم\s+)?(?P<od>{alternation(_ORDINAL_DAYS)})\s+من\s+"
    rf"(?:شهر\s+)?(?P<month>{_AR_MONTH}|{_HIJRI})(?:\s*[/(\-]\s*(?:{_AR_MONTH})\s*\)?)?"
    rf"(?:\s*[،,]?\s*(?:(?:من\s+)?(?:عام|العام|سنة))?\s*(?P<year>\d{{4}})(?!\d))?){_E}"
)
_RELATIVE_DAY = re.compile(
    r"(?<!\w)[وفبل]?(?P<m>(?P<before>اول\s+)?(?:يوم\s+)?(?P<w>امس|البارحة|غدا|غد|اليوم)"
    r"|(?P<week>الاسبوع|الشهر|العام)\s+(?P<dir>الماضي|المقبل|القادم|الجاري|الحالي)"
    r"|(?P<this>هذا|هذه)\s+(?P<week2>الاسبوع|الشهر|السنة|العام))(?!\w)"
    r"|\b(?P<en>yesterday|today|tomorrow|(?:last|this|next)\s+(?:week|month|year))\b",
    re.IGNORECASE,
)
_RELATIVE_VALUES = {
    "امس": "day-1", "البارحة": "day-1", "غدا": "day+1", "غد": "day+1", "اليوم": "day+0",
    "yesterday": "day-1", "today": "day+0", "tomorrow": "day+1",
}
_UNITS = {"الاسبوع": "week", "الشهر": "month", "العام": "year", "السنة": "year",
          "week": "week", "month": "month", "year": "year"}
_DIRECTION = {"الماضي": -1, "المقبل": 1, "القادم": 1, "الجاري": 0, "الحالي": 0, "last": -1,
              "next": 1, "this": 0, "هذا": 0, "هذه": 0}
_EN_YEAR = re.compile(
    r"\b(?:in|since|by|until|year|during|from|before|after|of|early|late|mid|between)[\s-]+"
    r"(?P<m>(?P<y>(?:1[5-9]|20)\d\d))\b(?!,\d|\.\d|%)"
    r"|\b(?P<m2>(?P<y2>\d{3,4})\s*(?P<era2>AD|BC|BCE|CE|AH))\b"
    r"|\b(?:a|an|the)\s+(?P<m3>(?P<y3>(?:19|20)\d\d))\s+(?=[a-z])",
    re.IGNORECASE,
)
_ORDINAL_HOURS = {
    "الواحدة": 1, "الثانية": 2, "الثالثة": 3, "الرابعة": 4, "الخامسة": 5, "السادسة": 6,
    "السابعة": 7, "الثامنة": 8, "التاسعة": 9, "العاشرة": 10, "الحادية عشرة": 11,
    "الحادية عشر": 11, "الثانية عشرة": 12, "الثانية عشر": 12,
}
_AR_TIME = re.compile(
    rf"{_B}[وفبل]?(?P<m>(?:(?:في\s+)?تمام\s+)?(?P<sa>الساعة|الساعه)\s+"
    rf"(?:(?P<h>\d{{1,2}})(?:[:.,٫](?P<mi>\d{{2}}))?|(?P<hw>{alternation(_ORDINAL_HOURS)}))"
    r"(?:\s*(?P<frac>والنصف|ونصف|والربع|الا ربعا|الا الربع|الا ربع)"
    r"|\s+و\s?(?P<mw>\d{1,2})\s+دقيقة)?"
    rf"(?:\s+(?:من\s+)?(?P<pod>{_AR_POD_AFTER}|صباح|مساء|ص|م)(?!\w))?)"
    rf"|(?<![\d:.])(?P<m2>(?P<h2>\d{{1,2}})(?::(?P<mi2>\d{{2}}))?\s*(?P<pod2>{_AR_POD_AFTER})(?!\w))"
    rf"|{_B}(?P<m3>(?P<hw3>{alternation(_ORDINAL_HOURS)})\s+(?P<pod3>{_AR_POD_AFTER}|مساء|صباح)(?!\w))"
)
# «18,33 ت غ»، «01:17 بتوقيت غرينتش»، «1344 GMT»: a time given in universal time.
_UTC_TIME = re.compile(
    r"(?<![\d:.,/])(?P<m>(?P<h>[01]?\d|2[0-3])(?:[,٫.](?P<mi>[0-5]\d)|(?P<mi2>[0-5]\d))?)"
    r"(?=\s*(?:ت\s?غ|ت\.غ|بتوقيت\s+غرينتش|gmt|utc)\b)",
    re.IGNORECASE,
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


def find_dates(text: str, published: str | date | None = None) -> list[DateMention]:
    """Weekdays, dates, months, years, clock times and relative days, sorted, never overlapping.

    ``published`` (the article's date, ISO or ``datetime.date``) resolves relative days.

    >>> [(d.kind, d.value) for d in find_dates("مساء الأربعاء 24 أيار/مايو 2023")]
    [('weekday', 'wednesday'), ('date', '2023-05-24')]
    """
    if not isinstance(text, str) or not text:
        return []
    f = fold(text)
    found: list[DateMention] = []
    for finder in (_times, _dates, _weekdays, _years):
        found.extend(finder(f))
    kept = without_overlaps(found)
    starts = [k.start for k in kept]
    relative = [m for m in _relative(f, _as_date(published))
                if not any(m.start < k.end and m.end > k.start
                           for k in kept[max(0, bisect_right(starts, m.start) - 1):
                                         bisect_right(starts, m.end) + 1])]
    return sorted(kept + relative, key=lambda m: m.start)


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


def _as_date(published: str | date | None) -> date | None:
    if isinstance(published, date):
        return published
    if isinstance(published, str):
        m = re.match(r"(\d{4})-(\d{2})-(\d{2})", published)
        if m:
            try:
                return date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                return None
    return None


def _relative(f: Folded, published: date | None) -> list[DateMention]:
    out = []
    t = f.text
    for m in _RELATIVE_DAY.finditer(t):
        if m["en"]:
            words = m["en"].lower().split()
            value = _RELATIVE_VALUES.get(words[0]) if len(words) == 1 else \
                f"{_UNITS[words[1]]}{_DIRECTION[words[0]]:+d}"
            key = "en"
        elif m["w"]:
            if m["w"] == "اليوم" and not _today(t, m):
                continue
            value = "day-2" if m["before"] and m["w"] == "امس" else _RELATIVE_VALUES[m["w"]]
            key = "m"
        else:
            unit = _UNITS[m["week"] or m["week2"]]
            value = f"{unit}{_DIRECTION[m['dir'] or m['this']]:+d}"
            key = "m"
        if value is None or _quoted_name(t, m.start(key), m.end(key)):
            continue
        resolved = None
        if published is not None and value.startswith("day"):
            resolved = (published + timedelta(days=int(value[3:]))).isoformat()
        out.append(replace(_mention(f, m.start(key), m.end(key), "relative", value),
                           resolved=resolved))
    return out


def _today(t: str, m: re.Match[str]) -> bool:
    """«اليوم» as 'today', not «اليوم الثاني عشر»، «اليوم الـ 10»، «اليوم العالمي»."""
    nxt = re.match(r"\s+(\S+)", t[m.end():m.end() + 20])
    if nxt:
        word = nxt.group(1).strip("،,.:;!?؟«»“”\"()")
        if (word.startswith("ال") and word not in WEEKDAYS) or word == "ال":
            return False
    return True


def _quoted_name(t: str, s: int, e: int) -> bool:
    """Inside a short quoted name («"روسيا اليوم"», «"الحياة اليوم"»)."""
    left = max(t.rfind(c, max(0, s - 30), s) for c in "“”\"«»")
    if left < 0 or t[left] == "»":
        return False  # «صدى البلد» مساء اليوم: the last mark before closes another name
    right = min((i for i in (t.find(c, e, e + 30) for c in "“”\"«»") if i >= 0), default=-1)
    return right >= 0 and t[right] != "«" and len(t[left + 1:right].split()) <= 4


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
        if m["wd"] == "الاثنين" and _the_two(f.text, m.start("wd"), m.end("wd")):
            continue
        pod = PARTS_OF_DAY.get(m["pod"] or m["pod2"] or "")
        out.append(_mention(f, m.start("m"), m.end("m"), "weekday", WEEKDAYS[m["wd"]], pod))
    for m in _EN_WEEKDAY.finditer(f.text):
        pod = m["pod2"].lower() if m["pod2"] else None
        out.append(_mention(f, m.start("m"), m.end("m"), "weekday", m["wd"].lower(), pod))
    return out


def _the_two(t: str, s: int, e: int) -> bool:
    """«يُعتقد أن الاثنين يقودان»: «الاثنين» is 'the two', not Monday."""
    before = re.search(r"(\w+)\s*$", t[max(0, s - 12):s])
    after = re.match(r"\s*(\w+)", t[e:e + 16])
    return bool(before and re.fullmatch(r"[وفل]?ب?ان|لان|كلا", before.group(1))) or bool(
        after and re.fullmatch(r"[يت]\w+ان", after.group(1)))


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
    for m in _AR_ORDINAL_DATE.finditer(t):
        name = m["month"]
        hijri = name in HIJRI_MONTHS
        iso = _iso(int(m["year"]) if m["year"] else None,
                   HIJRI_MONTHS[name] if hijri else MONTHS[name], _ORDINAL_DAYS[m["od"]])
        if iso:
            out.append(_mention(f, m.start("m"), m.end("m"), "date", iso, None,
                                "hijri" if hijri else "gregorian"))
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
        if m["shahr"] is None and (name in AMBIGUOUS_MONTHS or name in ("صفر", "رجب", "محرم",
                                                                         "نيسان")) \
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
        more = _AND_YEAR.match(f.text[m.end(key):m.end(key) + 12])
        if more:
            s = m.end(key) + more.start("y")
            out.append(_mention(f, s, s + 4, "year", int(more["y"]), None, cal))
    for m in _EN_YEAR.finditer(f.text):
        key = "m" if m["m"] else "m2" if m["m2"] else "m3"
        year = int(m["y"] or m["y2"] or m["y3"])
        era = (m["era2"] or "").upper()
        cal = "hijri" if era == "AH" else "gregorian" if era else None
        out.append(_mention(f, m.start(key), m.end(key), "year", year, None, cal))
        more = _AND_YEAR.match(f.text[m.end(key):m.end(key) + 12])
        if more and key == "m":  # 'between 2010 and 2020'
            s = m.end(key) + more.start("y")
            out.append(_mention(f, s, s + 4, "year", int(more["y"]), None, cal))
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
            if m["mw"]:
                mi = int(m["mw"])
            elif "نصف" in frac:
                mi = 30
            elif frac.endswith("الربع") and not frac.startswith("الا"):
                mi = 15
            elif frac.startswith("الا"):
                h, mi = h - 1, 45
            pod = PARTS_OF_DAY.get(m["pod"] or "")
            out.extend(_time(f, m.start("m"), m.end("m"), h, mi, pod))
        elif m["m2"]:
            pod = PARTS_OF_DAY.get(m["pod2"])
            out.extend(_time(f, m.start("m2"), m.end("m2"), int(m["h2"]),
                             int(m["mi2"] or 0), pod))
        else:
            pod = PARTS_OF_DAY.get(m["pod3"])
            out.extend(_time(f, m.start("m3"), m.end("m3"), _ORDINAL_HOURS[m["hw3"]], 0, pod))
    for m in _UTC_TIME.finditer(f.text):
        h, mi = int(m["h"]), int(m["mi"] or m["mi2"] or 0)
        if m["mi2"] is None and m["mi"] is None and len(m["m"]) < 3:
            continue  # a bare «18 GMT» is too thin to read as a time
        out.extend(_time(f, m.start("m"), m.end("m"), h, mi, None))
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


# ------------------------------------------------------------------ checks a reader would make

_WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_LINK = re.compile(r"^[\s،,\-–|]*(?:الموافق(?:\s+ل|\s+لـ)?|الموافقة|الموافق\s+لـ)?[\s،,\-–|]*$")


def hijri_to_gregorian(year: int, month: int, day: int) -> date:
    """The arithmetic (tabular) Islamic calendar: within a day or two of the announced dates."""
    ordinal = (day + math.ceil(29.5 * (month - 1)) + (year - 1) * 354 + (3 + 11 * year) // 30
               + 1948439 - 1721425)
    return date.fromordinal(ordinal)


def date_checks(text: str, published: str | date | None = None) -> list[DateCheck]:
    """Weekdays that contradict the date beside them (directly or through a Hijri date and its
    «الموافق»), Hijri/Gregorian pairs that do not match, and relative days that disagree with
    each other or with the article's date."""
    if not isinstance(text, str) or not text:
        return []
    pub = _as_date(published)
    found = find_dates(text, published=pub)
    out: list[DateCheck] = []
    for i, m in enumerate(found):
        if m.kind == "weekday":
            pair = _dated(text, found, i)
            if pair is not None:
                actual = _WEEKDAY_NAMES[pair[0].weekday()]
                if actual != m.value:
                    out.append(DateCheck("weekday_date", m.value, actual, (m, *pair[1])))
        if m.kind == "date" and i + 1 < len(found):
            nxt = found[i + 1]
            # «…هـ الموافق …م» or «… 2026 الموافق لـ 14 شعبان 1447»: either order
            pair = (m, nxt) if m.calendar == "hijri" else (nxt, m)
            if nxt.kind == "date" and pair[0].calendar == "hijri" and pair[1].calendar != "hijri" \
                    and _linked(text, m, nxt):
                hijri, greg = _full(pair[0].value), _full(pair[1].value)
                if hijri and greg:
                    try:
                        expect = hijri_to_gregorian(*hijri)
                    except (ValueError, OverflowError):
                        continue
                    if abs((expect - date(*greg)).days) > 2:
                        out.append(DateCheck("hijri_gregorian", pair[0].value, pair[1].value,
                                             (m, nxt)))
    out += _relative_checks(text, found, pub)
    return out


def _full(value: Any) -> tuple[int, int, int] | None:
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", str(value))
    return (int(m[1]), int(m[2]), int(m[3])) if m else None


def _linked(text: str, a: DateMention, b: DateMention) -> bool:
    return bool(_LINK.match(text[a.end:b.start])) and b.start - a.end <= 20


def _dated(text: str, found: list[DateMention], i: int
           ) -> tuple[date, tuple[DateMention, ...]] | None:
    """The Gregorian date a weekday names: right after it, or after its Hijri date and
    «الموافق»; the weekday right after a date counts too («27/09/2025 السبت» is rare)."""
    chain: list[DateMention] = []
    k = i + 1
    prev = found[i]
    while k < len(found) and len(chain) < 2:
        nxt = found[k]
        gap = text[prev.end:nxt.start]
        if nxt.kind == "time" and re.fullmatch(r"[\s،,\-–|]*", gap):
            prev, k = nxt, k + 1
            continue
        if nxt.kind != "date" or not ((_LINK.match(gap) and len(gap) <= 20)
                                      or re.fullmatch(r"[\s،,\-–|]{0,6}", gap)):
            break
        chain.append(nxt)
        full = _full(nxt.value)
        if full and nxt.calendar != "hijri":
            try:
                return date(*full), tuple(chain)
            except ValueError:
                return None
        prev, k = nxt, k + 1
    return None


def _relative_checks(text: str, found: list[DateMention], pub: date | None) -> list[DateCheck]:
    """«اليوم الاثنين»، «أمس الأحد»: each pair implies a day of publication; they must agree."""
    implied: list[tuple[int, DateMention, DateMention]] = []
    for a, b in pairwise(found):
        if a.kind == "relative" and b.kind == "weekday" and str(a.value).startswith("day") \
                and re.fullmatch(r"[\s،,]{0,3}", text[a.end:b.start]):
            offset = int(str(a.value)[3:])
            today = (_WEEKDAY_NAMES.index(b.value) - offset) % 7
            implied.append((today, a, b))
    out: list[DateCheck] = []
    if pub is not None:
        for today, a, b in implied:
            if today != pub.weekday():
                offset = int(str(a.value)[3:])
                actual = _WEEKDAY_NAMES[(pub + timedelta(days=offset)).weekday()]
                out.append(DateCheck("relative_published", b.value, actual, (a, b)))
    for (t1, a1, b1), (t2, a2, b2) in combinations(implied, 2):
        if t1 != t2:
            out.append(DateCheck("relative_days", _WEEKDAY_NAMES[t1], _WEEKDAY_NAMES[t2],
                                 (a1, b1, a2, b2)))
            break
    return out
