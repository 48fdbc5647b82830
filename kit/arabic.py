"""Arabic folding that keeps offsets, and the word lists the text finders share.

The finders search a *folded* copy of the text (one digit system, one alef, no diacritics or
tatweel) and map every match back to the original characters, so spans always point into the
text the learner pasted.
"""

from __future__ import annotations

import json
import operator
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from typing import Any

# Removed before matching: tashkeel, superscript alef, tatweel, and invisible direction marks
# (they sit inside numbers and names in copied web text).
_DROP = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0653\u0654\u0655\u0656\u0657\u0658" \
    "\u0659\u065a\u065b\u065c\u065d\u065e\u065f\u0670\u0640\u200b\u200c\u200d\u200e\u200f" \
    "\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff\u00ad"
_DROP_RUN = re.compile(f"[{_DROP}]+")
# One character for one character, so only the dropped runs move offsets.
_SAME_LENGTH = {
    **{0x0660 + i: str(i) for i in range(10)},  # Arabic-Indic digits
    **{0x06F0 + i: str(i) for i in range(10)},  # Persian (Extended Arabic-Indic) digits
    ord("أ"): "ا", ord("إ"): "ا", ord("آ"): "ا", ord("ٱ"): "ا",
    ord("ى"): "ي", ord("ی"): "ي", ord("ک"): "ك",
    ord("٪"): "%", ord("\u00a0"): " ", ord("\u202f"): " ", ord("\u2009"): " ",
    ord("\u2013"): "-", ord("\u2012"): "-", ord("\u2212"): "-",
}
_TABLE = {**_SAME_LENGTH, **{ord(c): None for c in _DROP}}


@dataclass(frozen=True)
class Folded:
    """Folded text plus the breakpoints that map its offsets back to the original text."""

    original: str
    text: str
    _at: tuple[int, ...] = ()  # folded offsets where characters were dropped before them
    _shift: tuple[int, ...] = ()  # characters dropped up to each breakpoint

    def start(self, i: int) -> int:
        """Original offset of the folded character at i."""
        k = bisect_right(self._at, i)
        return i + (self._shift[k - 1] if k else 0)

    def end(self, i: int) -> int:
        """Original end for folded end i; keeps the diacritics of the last letter."""
        if i >= len(self.text):
            return len(self.original)
        return self.start(i)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) for a folded span, without trailing spaces or marks."""
        s, e = self.start(start), self.end(end)
        # Do not swallow direction marks or a tatweel run that belongs to the next word.
        while e > s and self.original[e - 1] in " \u200e\u200f\u061c":
            e -= 1
        return s, e


def fold(text: str) -> Folded:
    """Fold digits, alef forms and alef maqsura; drop diacritics, tatweel and direction marks."""
    folded = text.translate(_TABLE)
    if len(folded) == len(text):
        return Folded(text, folded)
    at: list[int] = []
    shift: list[int] = []
    dropped = 0
    for m in _DROP_RUN.finditer(text):
        dropped += m.end() - m.start()
        at.append(m.end() - dropped)
        shift.append(dropped)
    return Folded(text, folded, tuple(at), tuple(shift))


def alternation(words: object) -> str:
    """A regex alternation of words, longest first, so the longest form wins."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))  # type: ignore[call-overload]


# ---- number words (folded spellings: ا for every alef, ي for alef maqsura) ------------------
UNITS = {
    "واحد": 1, "واحدة": 1, "احد": 1, "احدى": 1, "اثنان": 2, "اثنين": 2, "اثنتان": 2,
    "اثنتين": 2, "اثنا": 2, "اثني": 2, "اثنتا": 2, "اثنتي": 2,
    "ثلاث": 3, "ثلاثة": 3, "اربع": 4, "اربعة": 4, "خمس": 5, "خمسة": 5, "ست": 6, "ستة": 6,
    "سبع": 7, "سبعة": 7, "ثماني": 8, "ثمان": 8, "ثمانية": 8, "تسع": 9, "تسعة": 9,
    "عشر": 10, "عشرة": 10,
}
TENS = {
    f"{stem}{end}": value
    for stem, value in (("عشر", 20), ("ثلاث", 30), ("اربع", 40), ("خمس", 50), ("ست", 60),
                        ("سبع", 70), ("ثمان", 80), ("تسع", 90))
    for end in ("ون", "ين")
}
HUNDREDS = {"مئة": 100, "مائة": 100, "ماية": 100, "مية": 100, "مئه": 100, "مائه": 100,
            "مئتان": 200, "مئتين": 200, "مائتان": 200, "مائتين": 200, "مئتا": 200, "مائتا": 200}
HUNDREDS.update({f"{p}{h}": v * 100 for p, v in (("ثلاث", 3), ("اربع", 4), ("خمس", 5),
                                                  ("ست", 6), ("سبع", 7), ("ثمان", 8),
                                                  ("تسع", 9))
                 for h in ("مئة", "مائة", "مية")})
# Scale words; the plural (آلاف) follows 3-10, the accusative (ألفًا) follows 11-99.
SCALES = {
    "الف": 1e3, "الفا": 1e3, "الاف": 1e3, "الفان": 2e3, "الفين": 2e3,
    "مليون": 1e6, "مليونا": 1e6, "ملايين": 1e6, "مليونان": 2e6, "مليونين": 2e6,
    "مليار": 1e9, "مليارا": 1e9, "مليارات": 1e9, "ملياران": 2e9, "مليارين": 2e9,
    "بليون": 1e9, "بليونا": 1e9, "بلايين": 1e9, "ترليون": 1e12, "تريليون": 1e12,
    "تريليونا": 1e12, "تريليونات": 1e12,
}
EN_SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "mln": 1e6,
             "billion": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12}
EN_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "dozen": 12,
}
FRACTIONS = {"نصف": 0.5, "ربع": 0.25, "ثلث": 1 / 3, "ثلثي": 2 / 3, "ثلثا": 2 / 3}
EN_FRACTIONS = {"half": 0.5, "quarter": 0.25, "third": 1 / 3}

# ---- units -----------------------------------------------------------------------------------
# Time units: singular, dual (value 2), plural and accusative spellings.
TIME_UNITS = {
    "second": (("ثانية",), ("ثانيتين", "ثانيتان"), ("ثوان", "ثواني", "ثانية")),
    "minute": (("دقيقة",), ("دقيقتين", "دقيقتان"), ("دقائق",)),
    "hour": (("ساعة",), ("ساعتين", "ساعتان"), ("ساعات",)),
    "day": (("يوم", "يوما"), ("يومين", "يومان"), ("ايام",)),
    "week": (("اسبوع", "اسبوعا"), ("اسبوعين", "اسبوعان"), ("اسابيع",)),
    "month": (("شهر", "شهرا"), ("شهرين", "شهران"), ("اشهر", "شهور")),
    "year": (("عام", "عاما", "سنة"), ("عامين", "عامان", "سنتين", "سنتان"),
             ("اعوام", "سنوات", "سنين", "عاما", "سنة")),
}
EN_TIME_UNITS = {"sec": "second", "secs": "second", "second": "second", "seconds": "second",
                 "min": "minute", "mins": "minute", "minute": "minute", "minutes": "minute",
                 "hour": "hour", "hours": "hour", "hr": "hour", "hrs": "hour",
                 "day": "day", "days": "day", "week": "week", "weeks": "week",
                 "month": "month", "months": "month", "year": "year", "years": "year"}
# Currency words after a number; an adjective of nationality picks the code.
CURRENCIES = {
    "دولار": "USD", "دولارا": "USD", "دولارات": "USD", "يورو": "EUR", "جنيه": "EGP",
    "جنيها": "EGP", "جنيهات": "EGP", "ريال": "SAR", "ريالا": "SAR", "ريالات": "SAR",
    "درهم": "AED", "درهما": "AED", "دراهم": "AED", "دينار": None, "دينارا": None,
    "دنانير": None, "ليرة": None, "ليرات": None,
}
CURRENCY_ADJECTIVES = {
    "امريكي": "USD", "امريكية": "USD", "كندي": "CAD", "استرالي": "AUD", "استرليني": "GBP",
    "استرلينية": "GBP", "مصري": "EGP", "مصرية": "EGP", "سوداني": "SDG", "سعودي": "SAR",
    "قطري": "QAR", "عماني": "OMR", "يمني": "YER", "اماراتي": "AED", "مغربي": "MAD",
    "كويتي": "KWD", "اردني": "JOD", "بحريني": "BHD", "عراقي": "IQD", "جزائري": "DZD",
    "تونسي": "TND", "ليبي": "LYD", "لبنانية": "LBP", "تركية": "TRY", "سورية": "SYP",
}
CURRENCY_ADJECTIVES.update({f"{w}ا": c for w, c in list(CURRENCY_ADJECTIVES.items())
                            if not w.endswith("ة")})
EN_CURRENCIES = {"dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR",
                 "pound": "GBP", "pounds": "GBP", "riyal": "SAR", "riyals": "SAR",
                 "dirham": "AED", "dirhams": "AED", "usd": "USD", "eur": "EUR", "gbp": "GBP",
                 "sar": "SAR", "aed": "AED", "egp": "EGP"}
CURRENCY_SIGNS = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "USD": "USD",
                  "EUR": "EUR", "GBP": "GBP"}
PERCENT_WORDS = ("في المئة", "في المائة", "في المية", "في الماية", "بالمئة", "بالمائة",
                 "بالمية", "بالماية", "percent", "per cent", "pct")

# ---- hedges ----------------------------------------------------------------------------------
HEDGES_BEFORE = {
    "حوالي": "approx", "حوالى": "approx", "نحو": "approx", "زهاء": "approx",
    "ما يقرب من": "nearly", "ما يقارب": "nearly", "يقارب": "nearly", "قرابة": "nearly",
    "ما يناهز": "nearly", "يناهز": "nearly", "قرابه": "nearly",
    "اقل من": "less_than", "ما دون": "less_than", "دون": "less_than", "لا يزيد عن": "less_than",
    "لا يزيد على": "less_than", "لا يتجاوز": "less_than",
    "اكثر من": "more_than", "ما يزيد على": "more_than", "ما يزيد عن": "more_than",
    "يزيد على": "more_than", "يزيد عن": "more_than", "ازيد من": "more_than",
    "فوق": "more_than", "ما لا يقل عن": "more_than", "لا يقل عن": "more_than",
    "اكثر قليلا من": "more_than", "بضعة": "vague", "بضع": "vague", "عدة": "vague",
    "about": "approx", "around": "approx", "roughly": "approx", "approximately": "approx",
    "some": "approx", "an estimated": "approx", "nearly": "nearly", "almost": "nearly",
    "close to": "nearly", "less than": "less_than", "fewer than": "less_than",
    "under": "less_than", "below": "less_than", "more than": "more_than", "over": "more_than",
    "above": "more_than", "at least": "more_than", "upwards of": "more_than",
    "several": "vague", "a few": "vague", "a couple of": "vague",
}
HEDGES_AFTER = {"تقريبا": "approx", "او نحو ذلك": "approx", "على الاقل": "more_than",
                "او اكثر": "more_than", "فاكثر": "more_than", "او اقل": "less_than",
                "or so": "approx", "or more": "more_than", "at least": "more_than",
                "or less": "less_than", "approximately": "approx"}
# Plural amounts that give no figure: مئات الآلاف, ملايين المشاهدين, "hundreds of".
VAGUE_AMOUNTS = ("عشرات", "مئات", "مئات", "الاف", "ملايين", "مليارات", "الملايين",
                 "الالاف", "المئات", "العشرات", "المليارات")
EN_VAGUE_AMOUNTS = ("dozens", "scores", "hundreds", "thousands", "millions", "billions",
                    "tens of thousands", "hundreds of thousands", "tens of millions",
                    "hundreds of millions")

# ---- calendar ---------------------------------------------------------------------------------
WEEKDAYS = {"الاحد": "sunday", "الاثنين": "monday", "الإثنين": "monday",
            "الثلاثاء": "tuesday", "الاربعاء": "wednesday", "الخميس": "thursday",
            "الجمعة": "friday", "الجمعه": "friday", "السبت": "saturday"}
EN_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# Gregorian month names: Egyptian/Gulf, Levantine/Iraqi, Algerian/Tunisian, Moroccan.
MONTHS = {
    "يناير": 1, "كانون الثاني": 1, "جانفي": 1, "فبراير": 2, "شباط": 2, "فيفري": 2,
    "مارس": 3, "اذار": 3, "ابريل": 4, "نيسان": 4, "افريل": 4, "مايو": 5, "ايار": 5,
    "ماي": 5, "يونيو": 6, "يونيه": 6, "حزيران": 6, "جوان": 6, "يوليو": 7, "يوليه": 7,
    "تموز": 7, "جويلية": 7, "يوليوز": 7, "اغسطس": 8, "اب": 8, "اوت": 8, "غشت": 8,
    "سبتمبر": 9, "ايلول": 9, "شتنبر": 9, "اكتوبر": 10, "تشرين الاول": 10,
    "نوفمبر": 11, "تشرين الثاني": 11, "نونبر": 11, "ديسمبر": 12, "كانون الاول": 12,
    "دجنبر": 12,
}
# Names that are also ordinary words (مارس 'practised', أب 'father', ماي): month only in a date.
AMBIGUOUS_MONTHS = {"مارس", "اب", "ماي", "اوت"}
HIJRI_MONTHS = {
    "محرم": 1, "صفر": 2, "ربيع الاول": 3, "ربيع الاخر": 4, "ربيع الثاني": 4,
    "جمادي الاولي": 5, "جمادي الاول": 5, "جمادي الاخرة": 6, "جمادي الثانية": 6,
    "جمادي الاخر": 6, "رجب": 7, "شعبان": 8, "رمضان": 9, "شوال": 10, "ذو القعدة": 11,
    "ذي القعدة": 11, "ذو الحجة": 12, "ذي الحجة": 12,
}
EN_MONTHS = {m: i for i, m in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"), start=1)}
EN_MONTHS.update({m[:3]: i for m, i in list(EN_MONTHS.items())})
EN_MONTHS.update({"sept": 9})
PARTS_OF_DAY = {"صباح": "morning", "صباحا": "morning", "ص": "morning", "فجر": "dawn",
                "فجرا": "dawn", "ظهر": "noon", "ظهرا": "noon", "عصر": "afternoon",
                "عصرا": "afternoon", "بعد الظهر": "afternoon", "مساء": "evening",
                "م": "evening", "ليل": "night", "ليلا": "night", "ليلة": "night",
                "morning": "morning", "afternoon": "afternoon", "evening": "evening",
                "night": "night", "noon": "noon"}

# ---- speech --------------------------------------------------------------------------------------
# Verb stems of saying; each takes و/ف in front and the feminine/plural endings.
SPEECH_VERBS = (
    "قال", "قالت", "قالوا", "يقول", "تقول", "اضاف", "اضافت", "اكد", "اكدت", "اوضح", "اوضحت",
    "اشار", "اشارت", "اعلن", "اعلنت", "صرح", "صرحت", "ذكر", "ذكرت", "كتب", "كتبت", "غرد",
    "غردت", "تابع", "تابعت", "اعتبر", "اعتبرت", "وصف", "وصفت", "وصفه", "وصفها", "قائلا",
    "قائلة", "مضيفا", "مضيفة", "مشيرا", "مشيرة", "موضحا", "موضحة", "مؤكدا", "مؤكدة",
    "اعترف", "اعترفت", "زعم", "زعمت", "حذر", "حذرت", "رد", "ردت", "لفت", "لفتت", "نفى",
    "نفت", "اخبر", "اخبرت", "يضيف", "تضيف", "يؤكد", "تؤكد",
)
ATTRIBUTIONS = ("وفقا ل", "وفقا لـ", "بحسب", "حسب", "نقلا عن", "طبقا ل", "طبقا لـ")
EN_SPEECH_VERBS = ("said", "says", "told", "added", "stated", "noted", "wrote", "tweeted",
                   "explained", "asked", "argued", "warned", "insisted", "claimed",
                   "announced", "declared", "replied", "recalled", "according to")


def _fold_lexicons() -> None:
    """Store every lexicon in folded spelling, the form the finders match against."""
    for d in (UNITS, HUNDREDS, SCALES, FRACTIONS, CURRENCIES, CURRENCY_ADJECTIVES,
              HEDGES_BEFORE, HEDGES_AFTER, WEEKDAYS, MONTHS, HIJRI_MONTHS, PARTS_OF_DAY):
        items = list(d.items())
        d.clear()
        d.update({fold(k).text: v for k, v in items})


_fold_lexicons()
SPEECH_VERBS = tuple(fold(w).text for w in SPEECH_VERBS)
ATTRIBUTIONS = tuple(fold(w).text for w in ATTRIBUTIONS)
PERCENT_WORDS = tuple(fold(w).text for w in PERCENT_WORDS)


# ---- counting: number + counted noun ----------------------------------------------------------
# The rule (العدد والمعدود), as grammars of Modern Standard Arabic state it, e.g. Abbas Hassan,
# «النحو الوافي», section on the tamyiz of numbers (books.islam-db.com/book/النحو_الوافي/2465):
# «واحد واثنان لا يحتاجان لتمييز»؛ 3–10 take a broken/sound plural in the genitive; «جنس المائة
# والألف يحتاج إلى مفرد مجرور»؛ every other number (11–99) takes a singular accusative. In a
# number of three digits or more the noun follows the LAST part of the number, i.e. its last two
# digits (103 like 3, 111 like 11, 212 like 12); when those are 00, 01 or 02 the only part that
# takes a tamyiz is the hundred/thousand, so the noun is singular genitive («101 متعلّم»،
# «1000 متعلّم»), which is also how the press writes such numbers in digits.
# 1 and 2 are written as words: «متعلّم واحد»، «متعلّمان» (dual; «متعلّمَين» after a
# preposition or as an object). Zero has no rule in the classical chapter; the kit writes the
# digit with the genitive plural, as modern usage treats «صفر» («0 أخطاء», cf. «صفر أخطاء»),
# and templates that read badly with 0 use their own sentence («لم تُرمَّز أي فقرة»).
CASES = ("nom", "acc", "gen")


@cache
def nouns() -> dict[str, Any]:
    """The counted nouns of data/nouns.json (checked against data/schemas/nouns.schema.json)."""
    from kit.datasets import validate
    from kit.paths import data_dir

    path = data_dir() / "nouns.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    validate(data, "nouns", source=str(path))
    return data["nouns"]


def count_form(n: int) -> str:
    """Which form of the noun follows n: 'one', 'dual', 'pl', 'acc' or 'sg' (genitive singular).

    >>> [count_form(n) for n in (0, 1, 2, 3, 10, 11, 99, 100, 101, 102, 103, 111, 200)]
    ['pl', 'one', 'dual', 'pl', 'pl', 'acc', 'acc', 'sg', 'sg', 'sg', 'pl', 'acc', 'sg']
    """
    if n < 0:
        raise ValueError(f"A count cannot be negative (got {n}).")
    if n in (1, 2):
        return "one" if n == 1 else "dual"
    last = n % 100
    if n == 0 or 3 <= last <= 10:
        return "pl"
    if last >= 11:
        return "acc"
    return "sg"  # 100, 101, 102, 200, 1000, 2500…


def count_phrase(n: int, noun: str, lang: str | None = None, case: str = "nom") -> str:
    """The number n with the noun in the form Arabic (or English) grammar asks for.

    `noun` is a key of data/nouns.json; `case` ('nom', 'acc', 'gen') changes 1 and 2 only.

    >>> [count_phrase(n, "learner", "ar") for n in (1, 2, 3, 11, 100)]
    ['متعلّم واحد', 'متعلّمان', '3 متعلّمين', '11 متعلّمًا', '100 متعلّم']
    >>> count_phrase(2, "paragraph", "ar", case="gen"), count_phrase(2, "file", "en")
    ('فقرتين', '2 files')
    """
    from kit.i18n import get_language

    lang = lang or get_language()
    if case not in CASES:
        raise ValueError(f"Unknown case {case!r}. The cases are: {', '.join(CASES)}")
    if isinstance(n, bool):
        raise TypeError(f"A count is a whole number (got {n!r}).")
    try:
        n = operator.index(n)  # int, or a numpy integer from a table
    except TypeError:
        raise TypeError(f"A count is a whole number (got {n!r}).") from None
    try:
        entry = nouns()[noun]
    except KeyError:
        raise KeyError(f"No counted noun {noun!r} in data/nouns.json. The nouns are: "
                       f"{', '.join(sorted(nouns()))}") from None
    form = count_form(n)
    if lang != "ar":
        forms = entry["en"]
        if n == 1:
            return forms.get("one", f"1 {forms['sg']}")
        return f"{n} {forms['pl']}"
    forms = entry["ar"]
    adjective = forms.get("adjective")
    if form == "one":
        if "one" in forms:
            return forms["one"]
        masculine = forms["gender"] == "m"
        if case == "acc":
            words = [forms["acc"], "واحدًا" if masculine else "واحدة"]
            if adjective:
                words.append(adjective["acc"])
        else:
            words = [forms["sg"], "واحد" if masculine else "واحدة"]
            if adjective:
                words.append(adjective["sg"])
        return " ".join(words)
    if form == "dual":
        key = "dual" if case == "nom" else "dual_obl"
        return " ".join([forms[key]] + ([adjective[key]] if adjective else []))
    return " ".join([str(n), forms[form]] + ([adjective[form]] if adjective else []))


def join_and(items: Any, lang: str | None = None) -> str:
    """Items joined as a list: «12 و13»، «3 و4 و5»; four or more with the Arabic comma.

    Arabic «و» is written joined to the word it precedes. English: "3, 4 and 5".

    >>> join_and([3, 4, 5], "ar"), join_and([3, 4, 5, 6], "ar"), join_and([3, 4, 5], "en")
    ('3 و4 و5', '3، و4، و5، و6', '3, 4 and 5')
    """
    from kit.i18n import get_language

    lang = lang or get_language()
    words = [str(i) for i in items]
    if len(words) < 2:
        return "".join(words)
    if lang == "ar":
        glue = "، " if len(words) > 3 else " "
        return words[0] + "".join(f"{glue}و{w}" for w in words[1:])
    return ", ".join(words[:-1]) + f" and {words[-1]}"


def numbered(noun: str, items: Any, lang: str | None = None, case: str = "nom") -> str:
    """A definite noun with its numbers: «الفقرة 12»، «الفقرتين 12 و13»، «الفقرات 3 و4 و5».

    For nouns with a broken or feminine plural (paragraph, lesson, question…); English
    "paragraphs 12 and 13". `case` picks the dual ending as in count_phrase.
    """
    from kit.i18n import get_language

    lang = lang or get_language()
    items = list(items)
    entry = nouns()[noun]
    listed = join_and(items, lang)
    if lang != "ar":
        forms = entry["en"]
        return f"{forms['sg'] if len(items) == 1 else forms['pl']} {listed}"
    forms = entry["ar"]
    if len(items) > 2 and forms["pl"].endswith("ين"):
        raise ValueError(f"numbered() needs a broken or feminine plural; {noun!r} has the "
                         f"sound masculine plural {forms['pl']!r}, whose case it cannot know.")
    if len(items) == 1:
        word = forms["sg"]
    elif len(items) == 2:
        word = forms["dual" if case == "nom" else "dual_obl"]
    else:
        word = forms["pl"]
    return f"ال{word} {listed}"
