"""Word lists the finders add to ``kit.arabic``'s, in folded spelling (issue 14).

Speech verbs carry the gender a reader infers from their form: a continuation such as «وتابعت»
or a participle such as «مشيرةً» goes to the last named speaker of that gender.
"""

from __future__ import annotations

from kit.arabic import fold

# stem (past, masculine) -> feminine past, masculine/feminine present, participles m/f
_VERBS = {
    "قال": ("قالت", "يقول", "تقول", "قائلا", "قائلة"),
    "اضاف": ("اضافت", "يضيف", "تضيف", "مضيفا", "مضيفة"),
    "اكد": ("اكدت", "يؤكد", "تؤكد", "مؤكدا", "مؤكدة"),
    "اوضح": ("اوضحت", "يوضح", "توضح", "موضحا", "موضحة"),
    "اشار": ("اشارت", "يشير", "تشير", "مشيرا", "مشيرة"),
    "اعلن": ("اعلنت", "يعلن", "تعلن", "معلنا", "معلنة"),
    "صرح": ("صرحت", "يصرح", "تصرح", "مصرحا", "مصرحة"),
    "ذكر": ("ذكرت", "يذكر", "تذكر", "", ""),
    "كتب": ("كتبت", "يكتب", "تكتب", "كاتبا", "كاتبة"),
    "غرد": ("غردت", "يغرد", "تغرد", "", ""),
    "تابع": ("تابعت", "", "", "", ""),
    "اعتبر": ("اعتبرت", "يعتبر", "تعتبر", "معتبرا", "معتبرة"),
    "اعترف": ("اعترفت", "", "", "معترفا", "معترفة"),
    "زعم": ("زعمت", "يزعم", "تزعم", "زاعما", "زاعمة"),
    "حذر": ("حذرت", "يحذر", "تحذر", "محذرا", "محذرة"),
    "لفت": ("لفتت", "يلفت", "تلفت", "لافتا", "لافتة"),
    "نفى": ("نفت", "ينفي", "تنفي", "نافيا", "نافية"),
    "اخبر": ("اخبرت", "", "", "", ""),
    "": ("بينت", "", "", "مبينا", "مبينة"),  # بيّن: the bare stem folds to بين (between)
    "نوه": ("نوهت", "", "", "منوها", "منوهة"),
    "شدد": ("شددت", "يشدد", "تشدد", "مشددا", "مشددة"),
    "افاد": ("افادت", "يفيد", "تفيد", "مفيدا", "مفيدة"),
    "اعرب": ("اعربت", "", "", "معربا", "معربة"),
    "كشف": ("كشفت", "يكشف", "تكشف", "كاشفا", "كاشفة"),
    "ابرز": ("ابرزت", "يبرز", "تبرز", "مبرزا", "مبرزة"),
    "اختتم": ("اختتمت", "", "", "مختتما", "مختتمة"),
    "رد": ("ردت", "", "", "", ""),
    "راي": ("رات", "يري", "تري", "", ""),  # رأى، رأت، يرى، ترى (opinion reported)
    "توقع": ("توقعت", "يتوقع", "تتوقع", "متوقعا", "متوقعة"),
    "رجح": ("رجحت", "يرجح", "ترجح", "مرجحا", "مرجحة"),
    "اقر": ("اقرت", "يقر", "تقر", "مقرا", "مقرة"),
    "نبه": ("نبهت", "ينبه", "تنبه", "منبها", "منبهة"),
    "ادعي": ("ادعت", "يدعي", "تدعي", "مدعيا", "مدعية"),
    "اورد": ("اوردت", "", "", "", ""),
    "ابلغ": ("ابلغت", "", "", "", ""),
    "استدرك": ("استدركت", "", "", "مستدركا", "مستدركة"),
    "تساءل": ("تساءلت", "", "", "متسائلا", "متسائلة"),
    "قدر": ("قدرت", "يقدر", "تقدر", "مقدرا", "مقدرة"),
    "اجاب": ("اجابت", "", "", "", ""),
    "اردف": ("اردفت", "", "", "", ""),
    "استطرد": ("استطردت", "", "", "", ""),
}

#: every speech verb form -> (gender 'm'/'f'/'p', is a participle)
SPEECH: dict[str, tuple[str, bool]] = {}
for _m, (_f, _pm, _pf, _am, _af) in _VERBS.items():
    for _w, _g, _part in ((_m, "m", False), (_f, "f", False), (_pm, "m", False),
                          (_pf, "f", False), (_am, "m", True), (_af, "f", True)):
        if _w:
            SPEECH[fold(_w).text] = (_g, _part)
    if _m and not _m.endswith("ي"):
        SPEECH.setdefault(fold(_m + "وا").text, ("p", False))  # قالوا، اكدوا
SPEECH = {k: v for k, v in SPEECH.items() if k}

#: first-person speech verbs («قلت إنني…»), speech only inside a quotation: the quoted speaker's
#: own words report what they said; gender '1' means "the speaker of the quotation".
FIRST_PERSON = {fold(w).text: ("1", False) for w in ("قلت", "قلنا", "اكدنا", "ذكرنا")}

EN_SPEECH = ("said", "says", "say", "told", "added", "stated", "noted", "wrote", "tweeted",
             "explained", "argued", "warned", "insisted", "claimed", "announced", "declared",
             "replied", "recalled", "asked", "reported", "confirmed", "acknowledged", "admitted",
             "stressed", "emphasized", "emphasised", "revealed", "estimated", "predicted",
             "adding", "noting", "saying", "arguing", "insisting", "explaining", "stressing")
EN_PARTICIPLES = frozenset(w for w in EN_SPEECH if w.endswith("ing"))

# Attribution phrases: بحسب X، وفقًا لـ X، according to X.
ATTRIBUTIONS = tuple(fold(w).text for w in (
    "وفقا ل", "وفقا لـ", "وفق", "بحسب", "حسب", "نقلا عن", "طبقا ل", "طبقا لـ"))

# Nouns of the occasion ("in a statement", "in an interview"): they end a speaker's name.
OCCASIONS = frozenset(fold(w).text for w in (
    "تصريح", "تصريحات", "تصريحه", "تصريحها", "بيان", "بيانها", "بيانه", "حديث", "حديثه", "حديثها",
    "مقابلة", "مؤتمر", "اتصال", "كلمة", "كلمته", "كلمتها", "لقاء", "لقائها", "لقائه", "رسالة",
    "منشور", "تدوينة", "تغريدة", "جلسة", "اجتماع", "ندوة", "خطاب", "مداخلة", "تعليق", "تعليقها",
    "تعليقه", "المؤتمر", "برنامج", "ببرنامج", "صفحته", "صفحتها", "حسابه", "حسابها", "موقعها",
    "موقعه",
))

# Words after a speech verb that say "no name follows": the speaker is the last one named.
NO_SUBJECT = frozenset(fold(w).text for w in (
    "فيه", "فيها", "بالقول", "قائلا", "قائلة", "قوله", "قولها", "قولهم", "ايضا", "كذلك", "انه",
    "انها", "اننا", "انني", "بانه", "بانها", "ان", "بان",
))

# Leading titles that do not distinguish two people with the same name.
TITLES = frozenset(fold(w).text for w in (
    "الدكتور", "الدكتورة", "د", "السيد", "السيدة", "المقدم", "العقيد", "اللواء", "العميد",
    "الشيخ", "فضيلة", "سماحة", "الامام", "الاكبر", "المهندس", "المهندسة", "الاستاذ", "الاستاذة",
    "النائب", "النائبة", "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "president",
))
