"""Find figures in Arabic or English news text: value, unit and hedge ("حوالي 420 ألفًا").

Conventions (so lessons can compare figures):
- ``value`` is in base units: 420 ألفًا -> 420000, 44 مليار دولار -> 44e9 with unit 'USD',
  80٪ -> 80 with unit 'percent', نصف ساعة -> 0.5 with unit 'hour' (durations keep the unit
  the text uses), الساعة 6 مساءً -> 18.0 with unit 'clock' (hours after midnight), عام 2020 ->
  2020 with unit 'year' and ``calendar`` 'gregorian'/'hijri' when the text says which.
- A vague amount (مئات الآلاف، ملايين، دقائق، بضعة أشهر، hundreds of) has value None, hedge 'vague'.
- A range (بين 10 و20، 10-20، من 5 إلى 7) is one mention: value = lower bound, value_max = upper.
- The span includes a hedge ("ما يقرب من 80٪"), because the hedge is part of what is claimed.
- Numbers inside a calendar date (24 مايو 2023) are left to ``kit.find_dates``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import asdict, dataclass, replace
from typing import Any

from kit.arabic import (
    CURRENCIES,
    CURRENCY_ADJECTIVES,
    CURRENCY_SIGNS,
    EN_CURRENCIES,
    EN_FRACTIONS,
    EN_SCALES,
    EN_TIME_UNITS,
    EN_UNITS,
    FRACTIONS,
    HEDGES_AFTER,
    HEDGES_BEFORE,
    HUNDREDS,
    MONTHS,
    PERCENT_WORDS,
    SCALES,
    TENS,
    TIME_UNITS,
    UNITS,
    WEEKDAYS,
    Folded,
    alternation,
    fold,
)
from kit.finders.dates import clock_hours, find_dates, without_overlaps

__all__ = ["NumberMention", "find_numbers"]


@dataclass(frozen=True)
class NumberMention:
    """A figure in the text: its span (hedge included), value in base units, unit and hedge."""

    start: int
    end: int
    text: str
    value: float | None
    unit: str | None = None
    hedge: str | None = None  # 'approx' | 'nearly' | 'less_than' | 'more_than' | 'vague'
    value_max: float | None = None  # upper bound of a range
    calendar: str | None = None  # for years: 'gregorian' | 'hijri'

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class _Found:
    """A candidate while the finder works; ``scale`` lets a range share 'مليون' across bounds."""

    start: int
    end: int
    value: float | None
    unit: str | None = None
    hedge: str | None = None
    scale: float = 1.0
    words_only: bool = False
    value_max: float | None = None
    calendar: str | None = None


# Construct duals (مليوني بطاقة، ألفي شخص) and the definite scale (قرابة المليون).
SCALES = {**SCALES, "مليوني": 2e6, "الفي": 2e3, "ملياري": 2e9, "المليون": 1e6, "المليار": 1e9,
          "الافا": 1e3}
_TIME_WORD = {w: u for u, (one, two, many) in TIME_UNITS.items() for w in (*one, *many)}
_DUAL = {w: u for u, (_, two, _) in TIME_UNITS.items() for w in two}
_SINGULAR = {w: u for u, (one, _, _) in TIME_UNITS.items() for w in one}
_PLURAL = {w: u for u, (one, _, many) in TIME_UNITS.items() for w in many if w not in one}
_FIRST_WORDS = {**UNITS, **TENS, **HUNDREDS,
                **{w: v for w, v in SCALES.items() if w in ("الف", "الفان", "الفين", "مليون",
                                                           "مليونان", "مليونين", "مليار",
                                                           "ملياران", "مليارين", "بليون",
                                                           "مليوني", "الفي", "ملياري",
                                                           "المليون", "المليار")}}
# «العشرة دنانير»، «الست سنوات»، «الثلاثة عشرة»: a number word may carry the article.
_FIRST_WORDS.update({"ال" + w: v for w, v in {**UNITS, **TENS}.items()})
_AR_WORD = alternation({**UNITS, **TENS, **HUNDREDS, **SCALES})
_AR_FIRST = alternation({"ال" + w: 0 for w in {**UNITS, **TENS}})
_EN_NUMBER_WORDS = {**EN_UNITS, "hundred": 0, "thousand": 0, "million": 0, "billion": 0,
                    "trillion": 0}
# not «one» in «one-kilogram»
_EN_WORD = (rf"(?:{alternation(_EN_NUMBER_WORDS)})"
            rf"(?!-(?!(?:{alternation(EN_UNITS)})\b)[a-z])")
_DIGITS = (r"\d{1,2} ,\d(?![\d,])|\d{1,3}(?:,\d{3}){1,5}(?![\d,])|\d{1,3}(?:\.\d{3}){2,5}(?![\d.])"
           r"|\d{1,3}(?:٬\d{3}){1,5}|\d{1,3},\d{1,2}(?![\d,])|\d{1,15}(?:[.٫،]\d{1,8})?")
_AR_START = r"(?:(?<!\w)|(?<=(?<!\w)[وبلفك]))"
_AR_SCALE = alternation(SCALES)
_AR_UNIT = alternation({**_TIME_WORD, **_DUAL})
_NUMBER = re.compile(
    rf"(?P<cursign>US\$|\$|€|£|(?:USD|EUR|GBP)\s?)?(?P<pctpre>%)?(?P<op>\(\s*)?"
    rf"(?:(?<![\d.,٫٬،A-Za-z])(?<![A-Za-z]-)(?P<digits>{_DIGITS})(?(op)\s*\))"
    rf"|(?:(?<!\w)|(?<=(?<!\w)[بل]))(?P<frac>{alternation(FRACTIONS)})(?!\w)"
    rf"|{_AR_START}(?P<words>(?:{_AR_FIRST}|{_AR_WORD})(?:\s+(?:و\s?)?(?:{_AR_WORD})(?!\w)){{0,8}})"
    rf"(?!\w)"
    rf"|\b(?P<enfrac>half|a\s+quarter|a\s+third|(?:two|one)[-\s]thirds?|(?:three|one)[-\s]"
    rf"quarters?)(?:\s+(?:an?\s+|of\s+an?\s+)?(?=\w)"
    rf"|(?=[\"”’]\s+of\s))"
    rf"|\b(?P<enwords>(?:an?\s+(?=hundred|thousand|million|billion|dozen))?(?:{_EN_WORD})"
    rf"(?:(?:\s+|-|\s+and\s+)(?:{_EN_WORD})){{0,6}})\b)"
    rf"(?:(?P<sfx>k|m|bn|mn|mln|b|tn)(?!\w)"
    rf"|\s*(?P<scale>{_AR_SCALE})(?!\w)(?:\s+و\s?(?P<add>\d{{1,3}})(?![\d.,٫])"
    rf"(?:\s*(?P<addscale>الف|الاف|الفا|مليون|ملايين|مليونا)(?!\w))?)?"
    rf"|\s+(?P<enscale>thousand|million|billion|trillion)\b)?"
    rf"(?:\s+(?:و\s?)(?P<fadd>نصف|ربع)(?!\w)(?:\s+(?:ال)?(?:مليون|مليار|الف)(?!\w))?"
    rf"|\s+(?P<enfadd>and\s+a\s+half))?"
    rf"(?:\s*(?P<pct>%|{alternation(PERCENT_WORDS)})(?!\w)"
    rf"|\s*(?P<cursignpost>\$|€|£)"
    rf"|\s*(?P<cur>{alternation(CURRENCIES)})(?:\s+(?P<cadj>{alternation(CURRENCY_ADJECTIVES)}))?"
    rf"(?!\w)"
    rf"|\s*(?P<encur>{alternation(EN_CURRENCIES)})\b"
    rf"|\s*(?P<tu>{_AR_UNIT})(?!\w)"
    rf"|\s*-?\s*(?P<entu>{alternation(EN_TIME_UNITS)})\b)?"
    rf"(?:\s+(?:و\s?)(?P<fadd2>نصف|ربع)(?!\w)|\s+(?P<enfadd2>and\s+a\s+half))?",
    re.IGNORECASE,
)
_NOT_AFTER_UNIT = (rf"(?!\s*(?:\d|(?:{alternation(WEEKDAYS)}|{alternation(MONTHS)}|شهر|واحد|"
                   r"واحدة|ونصف|الماضي|المقبل|القادم|الجاري|الحالي|نفسه)(?!\w)))")
_ONE_UNIT = re.compile(
    rf"{_AR_START}(?P<one>(?P<su>{alternation(_SINGULAR)})\s+(?:واحد|واحدة))(?!\w)"
    rf"|(?<!\w)(?:قبل|بعد|منذ|لمدة|مدة|خلال|طوال|غضون|نحو|حوالي)\s+(?P<su2>"
    rf"{alternation(_SINGULAR)})(?!\w){_NOT_AFTER_UNIT}"
    rf"|{_AR_START}(?:ال)?(?P<dual>{alternation(_DUAL)})(?!\w)(?:\s+و\s?(?P<f3>نصف|ربع)(?!\w))?"
    rf"|(?<!\w)[وب]?(?:ال)?(?P<cur1>{alternation(CURRENCIES)})\s+(?:ال)?(?:واحد|واحدة)(?!\w)"
    rf"|{_AR_START}(?P<half>(?P<su3>{alternation(_SINGULAR)})\s+و\s?(?P<f4>نصف|ربع))(?!\w)"
    # «منذ أكثر من قرن»، «قبل نصف قرن»: a century after a word of time or amount is 100 years
    r"|(?<!\w)[وف]?(?:قبل|بعد|منذ|لمدة|خلال|طوال|نحو|حوالي|قرابة|زهاء|اكثر\s+من|اقل\s+من)\s+"
    r"(?P<cent>(?:(?P<chalf>نصف|ربع)\s+)?قرن)(?!\w)(?!\s+(?:ال)?(?:الحادي|العشرين|التاسع|الماضي))"
    r"|(?<!\w)(?:(?P<pre>times|once|twice|per|every)\s+)?(?P<ena>(?:a|an|one)\s+"
    r"(?P<enu>second(?=\s+(?:later|ago|earlier|or|and)\b|[.,;)])|minute|hour|day|week|month|year))\b",
    re.IGNORECASE,
)
_VAGUE = re.compile(
    rf"(?<!\w)(?:[وبلك]|بال|لل)?(?P<va>(?:ال)?(?:عشرات|مئات|الاف|ملايين|مليارات)"
    rf"(?:\s+(?:ال)?(?:الاف|ملايين))?)(?!\w)"
    rf"|(?<!\w)(?:[وف]?(?:قبل|بعد|منذ|لمدة|مدة|خلال|طوال|غضون|لبضع|لعدة)|بضعة|بضع|عدة)\s+"
    rf"(?P<vu>{alternation(_PLURAL)})(?!\w)"
    r"|\b(?P<ev>(?:tens\s+of\s+|hundreds\s+of\s+)?(?:dozens|scores|hundreds|thousands|millions"
    r"|billions))(?=\s+of\b)"
    r"|\b(?:for|within|in|after|before|over|several|a\s+few|few)\s+"
    r"(?P<evu>seconds|minutes|hours|days|weeks|months|years)\b"
    r"|\b(?P<evu2>seconds|minutes|hours|days|weeks|months|years)(?=\s+(?:later|ago|earlier|after|before)\b)",
    re.IGNORECASE,
)
# Hedges the shared lexicon (kit.arabic) does not list yet, in folded spelling.
HEDGES_BEFORE = {**HEDGES_BEFORE, "ما يربو علي": "more_than", "يربو علي": "more_than",
                 "ما يفوق": "more_than", "يفوق": "more_than", "ما يصل الي": "less_than",
                 "يصل الي": "less_than", "older than": "more_than", "younger than": "less_than",
                 "up to": "less_than", "as many as": "approx", "as much as": "approx",
                 "just over": "more_than", "just under": "less_than", "well over": "more_than"}
HEDGES_AFTER = {**HEDGES_AFTER, "ونيف": "more_than", "and above": "more_than",
                "or older": "more_than", "and over": "more_than", "or fewer": "less_than"}
_HEDGE_BEFORE = re.compile(rf"(?P<h>{alternation(HEDGES_BEFORE)})\s+$", re.IGNORECASE)
_HEDGE_AFTER = re.compile(rf"^\s*(?P<h>{alternation(HEDGES_AFTER)})(?!\w)", re.IGNORECASE)
# «21 شخصا على الأقل»، «100 قتيل تقريبًا»: the hedge after the counted noun.
_HEDGE_AFTER_NOUN = re.compile(r"^\s*[^\s\d،,.:;!?؟()«»“”\"]+\s+(?P<h>علي الاقل|تقريبا)(?!\w)")
_RANGE_OPEN = re.compile(r"(?:(?<!\w)|(?<=(?<!\w)[وف]))(?P<o>بين|ما\s+بين|من|between|from)\s+$",
                         re.IGNORECASE)
_RANGE_JOIN = re.compile(r"^\s*(?:-|الي|حتى|to|and|و\s?)\s*$", re.IGNORECASE)


def find_numbers(text: str) -> list[NumberMention]:
    """Every figure in the text, sorted by start; never raises on a str.

    >>> [(n.value, n.unit, n.hedge) for n in find_numbers("بلغ حوالي 420 ألفًا")]
    [(420000.0, None, 'approx')]
    """
    if not isinstance(text, str) or not text:
        return []
    f = fold(text)
    dates = find_dates(text)
    found = _from_dates(f, dates) + _numbers(f) + _one_units(f) + _vague(f)
    blocked = [(d.start, d.end) for d in dates if d.kind == "date"]
    found = [c for c in found if not _inside_dates(f, c, blocked)]
    found = [c for c in found if not (c.words_only and c.unit is None and (c.value or 0) <= 2)]
    found = [c for c in found if not (c.words_only and _IDIOM.match(f.text, c.end))]
    found = _ranges(f, without_overlaps(found))
    return [_mention(f, c) for c in _hedged(f, found)]


def _inside_dates(f: Folded, c: _Found, blocked: list[tuple[int, int]]) -> bool:
    """Does the candidate overlap a date? ``blocked`` is sorted and does not overlap itself."""
    if not blocked:
        return False
    s, e = f.span(c.start, c.end)
    k = bisect_right(blocked, (s, float("inf")))
    return any(s < b_end and e > b_start for b_start, b_end in blocked[max(0, k - 1):k + 1])


def _mention(f: Folded, c: _Found) -> NumberMention:
    s, e = f.span(c.start, c.end)
    return NumberMention(s, e, f.original[s:e], c.value, c.unit, c.hedge, c.value_max,
                         c.calendar)


def _folded_span(f: Folded, start: int, end: int) -> tuple[int, int]:
    """Folded offsets for an original span (dates are found on the original text)."""
    lo, hi = 0, len(f.text)
    s = _search(f, start, lo, hi)
    e = _search(f, end, s, hi)
    return s, e


def _search(f: Folded, target: int, lo: int, hi: int) -> int:
    while lo < hi:
        mid = (lo + hi) // 2
        if f.start(mid) < target:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _from_dates(f: Folded, dates: list) -> list[_Found]:
    out = []
    for d in dates:
        if d.kind == "time":
            s, e = _folded_span(f, d.start, d.end)
            out.append(_Found(s, e, clock_hours(d.value), "clock"))
        elif d.kind == "year":
            s, e = _folded_span(f, d.start, d.end)
            out.append(_Found(s, e, float(d.value), "year", calendar=d.calendar))
    return out


def _parse_digits(raw: str) -> float:
    raw = raw.replace(" ,", ",")  # «6 ,5 درجة»: 6.5
    if re.fullmatch(r"\d{1,3}(?:[,٬]\d{3})+", raw) or re.fullmatch(r"\d{1,3}(?:\.\d{3}){2,}", raw):
        return float(re.sub(r"[,٬.]", "", raw))
    return float(raw.replace("٫", ".").replace("،", ".").replace(",", "."))  # «5,4 درجات»


def _parse_words(words: str, lexicon: dict[str, float]) -> float:
    total, current = 0.0, 0.0
    for token in re.split(r"[\s\-]+", words.lower()):
        token = token[1:] if token.startswith("و") and token not in lexicon else token
        token = token[2:] if token.startswith("ال") and token[2:] in lexicon else token
        if token in ("", "and", "a", "an"):
            current = current or (1.0 if token in ("a", "an") else current)
            continue
        if token == "hundred" or (HUNDREDS.get(token) == 100 and 0 < current < 10):
            current = (current or 1) * 100
        elif token in SCALES or token in ("thousand", "million", "billion", "trillion"):
            scale = SCALES.get(token) or EN_SCALES[token]
            total += (current or 1) * scale
            current = 0
        else:
            current += lexicon.get(token, 0)
    return total + current


def _numbers(f: Folded) -> list[_Found]:
    out = []
    for m in _NUMBER.finditer(f.text):
        if m.end() == m.start():
            continue
        c = _read_number(m)
        if c is not None:
            out.append(c)
    return out


_ORDINAL_BEFORE = re.compile(r"(?<!\w)(?:ال)?(?:حادي|ثاني|ثالث|رابع|خامس|سادس|سابع|ثامن|تاسع|"
                             r"حادية|ثانية|ثالثة|رابعة|خامسة|سادسة|سابعة|ثامنة|تاسعة)\s+$")
# «يُحسب لها ألف حساب»، «ألف مرة»: a thousand that counts nothing.
_IDIOM = re.compile(r"\s+(?:حساب|مرة|شكر|تحية|سلامة)(?!\w)")
_IDENTIFIER = re.compile(
    r"(?:رقم|بالرقم|no\.|number|#|(?<!\w)[وبل]?(?:ال)?(?:مادة|فقرة|بند|مرسوم|طريق|رحلة|دورة|جولة|"
    r"حلقة|صفحة|طابق)|\b(?:article|section|chapter|resolution|route|highway|interstate|flight|"
    r"page|episode|season|round|phase|gate|platform|terminal))\s*\(?\s*$", re.IGNORECASE)


def _en_fraction(words: str) -> float:
    """'a third' -> 1/3, 'two-thirds' -> 2/3, 'three quarters' -> 3/4."""
    parts = re.split(r"[-\s]+", words.lower())
    count = EN_UNITS.get(parts[0], 1) if len(parts) > 1 and parts[0] not in ("a", "an") else 1
    last = parts[-1]
    base = EN_FRACTIONS.get(last) or EN_FRACTIONS.get(last.rstrip("s"))
    if base is None:
        base = {"thirds": 1 / 3, "quarters": 0.25}.get(last, 0.5)
    return count * base


def _read_number(m: re.Match[str]) -> _Found | None:
    words_only, word_scale = False, 1.0
    if m["digits"]:
        text = m.string
        glued = re.match(r"[A-Za-z]|\s+[A-Z]{2,}\b", text[m.end("digits"):m.end("digits") + 5])
        if _IDENTIFIER.search(text[max(0, m.start("digits") - 16):m.start("digits")]) or (
                glued and not m["sfx"] and not m["encur"] and not m["entu"]):
            return None  # «رقم 771», «119 MPI», «1970s»: a label, not a quantity
        value = _parse_digits(m["digits"])
    elif m["frac"]:
        value = FRACTIONS[m["frac"]]
    elif m["enfrac"]:
        value = _en_fraction(m["enfrac"])
    elif m["words"]:
        first = m["words"].split()[0]
        ws = m.start("words")
        if first not in _FIRST_WORDS or _ORDINAL_BEFORE.search(m.string, max(0, ws - 12), ws):
            return None  # «الحادي عشر»، «الثالث عشر»: an ordinal
        value, words_only = _parse_words(m["words"], {**UNITS, **TENS, **HUNDREDS}), True
        last = m["words"].split()[-1].removeprefix("و")
        word_scale = SCALES.get(last, 1.0)
    elif m["enwords"]:
        value, words_only = _parse_words(m["enwords"], EN_UNITS), True
    else:
        return None
    scale = 1.0
    if m["sfx"] or m["enscale"]:
        scale = EN_SCALES[(m["sfx"] or m["enscale"]).lower()]
    elif m["scale"]:
        scale = SCALES[m["scale"]]
        scale = scale / 2 if scale in (2e3, 2e6, 2e9) and m["digits"] else scale
    value *= scale
    if m["add"]:
        extra = float(m["add"]) * (SCALES[m["addscale"]] if m["addscale"] else 1.0)
        if extra < scale:
            value += extra
    if m["fadd"] or m["enfadd"]:
        value += FRACTIONS.get(m["fadd"] or "", 0.5) * (scale if scale != 1.0 else word_scale)
    unit = _unit(m)
    if m["fadd2"] or m["enfadd2"]:
        value += FRACTIONS.get(m["fadd2"] or "", 0.5)
    if m["tu"] in _DUAL:
        return None  # "3 ساعتين" is not a phrase; the dual finder reports the dual alone
    if m["frac"] and scale == 1.0 and unit is None and not m["tu"]:
        words_only = False
    if m["enfrac"] and unit is None and scale == 1.0 and not re.match(
            r"[\"”’]?\s*of ", m.string[m.end():m.end() + 6]):
        return None  # «half an hour» keeps its unit; «a third of Americans» is a share
    if (m["sfx"] or "").lower() in ("m", "b") and not (m["cursign"] or unit):
        value /= scale  # "5m" is metres or minutes as often as millions: keep only the digits
        return _Found(m.start("digits"), m.end("digits"), value, None)
    return _Found(m.start(), m.end(), value, unit, scale=scale, words_only=words_only)


def _unit(m: re.Match[str]) -> str | None:
    if m["pctpre"] or m["pct"]:
        return "percent"
    if m["cursign"]:
        return CURRENCY_SIGNS[m["cursign"].strip()]
    if m["cursignpost"]:
        return CURRENCY_SIGNS[m["cursignpost"]]
    if m["cur"]:
        return CURRENCY_ADJECTIVES.get(m["cadj"] or "") or CURRENCIES[m["cur"]]
    if m["encur"]:
        return EN_CURRENCIES[m["encur"].lower()]
    if m["tu"]:
        return _TIME_WORD.get(m["tu"])
    if m["entu"]:
        return EN_TIME_UNITS[m["entu"].lower()]
    return None


def _one_units(f: Folded) -> list[_Found]:
    out = []
    for m in _ONE_UNIT.finditer(f.text):
        if m["one"]:
            out.append(_Found(m.start("one"), m.end("one"), 1.0, _SINGULAR[m["su"]]))
        elif m["su2"]:
            out.append(_Found(m.start("su2"), m.end("su2"), 1.0, _SINGULAR[m["su2"]]))
        elif m["cent"]:
            share = FRACTIONS[m["chalf"]] if m["chalf"] else 1.0
            out.append(_Found(m.start("cent"), m.end("cent"), 100.0 * share, "year"))
        elif m["cur1"]:
            s = m.start("cur1") - (2 if f.text[max(0, m.start("cur1") - 2):m.start("cur1")] == "ال"
                                   else 0)
            out.append(_Found(s, m.end(), 1.0, CURRENCIES[m["cur1"]]))
        elif m["dual"]:
            extra = FRACTIONS[m["f3"]] if m["f3"] else 0.0
            out.append(_Found(m.start("dual"), m.end(), 2.0 + extra, _DUAL[m["dual"]]))
        elif m["half"]:
            out.append(_Found(m.start("half"), m.end("half"), 1.0 + FRACTIONS[m["f4"]],
                              _SINGULAR[m["su3"]]))
        elif not m["pre"]:
            out.append(_Found(m.start("ena"), m.end("ena"), 1.0, m["enu"].lower()))
    return out


def _vague(f: Folded) -> list[_Found]:
    out = []
    for m in _VAGUE.finditer(f.text):
        key = next(k for k in ("va", "vu", "ev", "evu", "evu2") if m[k])
        unit = None
        if key == "vu":
            unit = _PLURAL[m["vu"]]
        elif key in ("evu", "evu2"):
            unit = EN_TIME_UNITS[m[key].lower()]
        out.append(_Found(m.start(key), m.end(key), None, unit, "vague"))
    return out


def _ranges(f: Folded, found: list[_Found]) -> list[_Found]:
    """Join 'بين 10 و20 ألفًا' / '10-20' / 'from 5 to 7' into one mention with value_max."""
    out: list[_Found] = []
    i = 0
    while i < len(found):
        a = found[i]
        b = found[i + 1] if i + 1 < len(found) else None
        years = b is not None and b.unit == "year" and b.calendar is None and a.unit is None \
            and b.value is not None and b.value < 1000  # «من 3 إلى 5 سنوات»: a duration
        if b is not None and a.value is not None and b.value is not None and a.unit != "clock" \
                and (b.unit not in ("clock", "year") or years) and a.unit not in ("year",):
            gap = f.text[a.end:b.start]
            opener = _RANGE_OPEN.search(f.text[max(0, a.start - 10):a.start])
            joined = _RANGE_JOIN.match(gap) and len(gap) <= 6
            dash_or_to = gap.strip() in ("-", "الي", "حتى", "to")
            if joined and (opener or dash_or_to) and (a.unit is None or a.unit == b.unit):
                low = a.value * (b.scale if a.scale == 1.0 and a.value * b.scale <= b.value
                                 else 1.0)
                if low <= b.value:
                    start = a.start - (len(opener[0]) if opener else 0)
                    out.append(_Found(start, b.end, low, b.unit, a.hedge, b.scale,
                                      value_max=b.value))
                    i += 2
                    continue
        out.append(a)
        i += 1
    return out


def _hedged(f: Folded, found: list[_Found]) -> list[_Found]:
    """Attach a hedge word just before or after a figure, and widen the span over it."""
    out: list[_Found] = []
    for c in found:
        floor = out[-1].end if out else 0
        before = _HEDGE_BEFORE.search(f.text[max(floor, c.start - 30):c.start])
        if before:
            hs = c.start - (len(before[0]))
            prev = f.text[hs - 1] if hs > 0 else " "
            prev2 = f.text[hs - 2] if hs > 1 else " "
            if not prev.isalnum() or (prev in "وفبل" and not prev2.isalnum()):
                c = replace(c, start=hs, hedge=HEDGES_BEFORE[before["h"].lower()])
        after = _HEDGE_AFTER.match(f.text[c.end:c.end + 20])
        if after is None and c.unit is None and c.value is not None and not c.hedge:
            after = _HEDGE_AFTER_NOUN.match(f.text[c.end:c.end + 40])
        if after and c.unit not in ("clock", "year"):
            c = replace(c, end=c.end + after.end(), hedge=c.hedge or HEDGES_AFTER[after["h"]
                                                                                  .lower()])
        out.append(c)
    return out
