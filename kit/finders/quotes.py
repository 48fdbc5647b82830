"""Find quotations in Arabic or English news text: the words, who said them, and the verb.

Two kinds: 'direct' (words inside quotation marks, or after a speech verb and a colon) and
'reported' (قال X إن ...، مشيرًا إلى أن ...، X said (that) ...، بحسب X). Quotation marks are paired
in order within a line, whichever way they face, because machine-translated and copied text often
reverses or misplaces them. A short quoted phrase (under four words) counts only when a speech verb
or إن/أن introduces it; otherwise it is a name, a title or a scare quote.

Speakers as a reader understands them:
- ``speaker`` is the speaker as written at this quotation (a name stops at «في تصريح»، «خلال»،
  a comma or إن/أن), ``None`` when the text names nobody here («وأضاف أن»، «وتابعت»، «مشيرةً»);
- ``speaker_canonical`` is one name per person within the text: continuation and pronoun verbs
  and participles go to the last named speaker whose verbs agree in gender; names, surnames,
  titles and appositions of one person are grouped (``group_speakers``).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from kit.arabic import Folded, alternation, fold
from kit.finders.lexicon import (
    ATTRIBUTIONS,
    EN_PARTICIPLES,
    EN_SPEECH,
    FIRST_PERSON,
    NO_SUBJECT,
    OCCASIONS,
    SPEECH,
    TITLES,
)

__all__ = ["QuoteMention", "SpeakerGroup", "find_quotes", "group_speakers"]


@dataclass(frozen=True)
class QuoteMention:
    """Quoted or reported words (marks excluded), with the speaker and speech verb as written."""

    start: int
    end: int
    text: str
    kind: str  # 'direct' | 'reported'
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    verb: str | None = None
    speaker_canonical: str | None = None  # one name per person within the text

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class SpeakerGroup:
    """One person (or institution) in a text: the name to show and every way it is written."""

    canonical: str
    written: tuple[str, ...]
    quotes: tuple[int, ...]  # indices into the list given to group_speakers


_MARKS = "“”\"«»„‟"
_MARK = re.compile(f"[{_MARKS}]")
_SINGLE = re.compile(r"(?<!\w)‘(?P<q>[^‘’\n]{1,400}?)’(?!\w)")
_MAX_QUOTE = 1500
_DESCRIBE = tuple(fold(w).text for w in ("وصف", "وصفت", "وصفه", "وصفها", "وصفهم"))
_VERB_WORDS = alternation({**SPEECH, **dict.fromkeys(_DESCRIBE)})
# «وبيّن الوزير أن»: بيّن folds to بين (between), so it is a verb only when a subject of one to
# six words (no «و…» coordination, as in «بين X وY») leads to إن/أن.
_BAYYANA = r"بين(?=(?:\s+(?!و)[^\s،,.:؛!?؟“”\"«»]+){1,6}\s+(?:ان|بان|انه|انها|انهم)(?!\w))"
_AR_VERB = (rf"(?<!\w)[وف]?(?:لقد\s+|قد\s+)?(?P<verb>{_VERB_WORDS}|"
            rf"{alternation(FIRST_PERSON)}|{_BAYYANA})(?!\w)")
# 'to say', 'would say', 'cannot say': not a report of what was said
_EN_NOT_REPORT = "".join(rf"(?<!\b{w}\s)" for w in (
    "to", "not", "n't", "cannot", "would", "could", "should", "might", "will", "must", "may", "can",
    "no", "a", "the", "final"))
_VERB = re.compile(rf"{_AR_VERB}|\b{_EN_NOT_REPORT}(?P<enverb>{alternation(EN_SPEECH)})\b",
                   re.IGNORECASE)
_ISSUED = re.compile(r"(?<!\w)[و]?صدر(?:ت)?\s+عن\s+")
_ATTRIBUTION = re.compile(
    rf"(?<!\w)[و]?(?P<verb>{alternation(ATTRIBUTIONS)})\s*(?=\w)|\b(?P<enverb>according to)\s+",
    re.IGNORECASE,
)
_WHAT_SAID = re.compile(rf"(?:ل?ما)\s+(?:{alternation(SPEECH)}|ذكره|ذكرته|اوردته|اورده|نقله|نقلته|"
                        r"افاده|افادت|نقلت|اوردت|اعلنه|اعلنته)(?!\w)(?:\s+(?:به|بها))?\s*")
# Where a speaker's name or description stops.
_STOP_TOKENS = {
    "ان", "انه", "انها", "انهم", "انهن", "اننا", "انني", "بان", "بانه", "بانها", "بانهم",
    "خلال", "امام", "عبر", "مع", "وسط", "عن", "من", "الي", "يوم", "امس", "لدي", "نهار",
    "اليوم", "حيث", "عندما", "بعد", "قبل", "ل", "له", "لها", "لهم", "لي", "لل", "للصحفيين",
    "لوكالة", "لصحيفة", "لقناة", "لموقع", "لرويترز", "مرارا", "تكرارا", "ايضا", "كذلك",
    "مجددا", "لاحقا", "سابقا", "صباح", "مساء", "ظهر", "فجر", "الثلاثاء", "الاربعاء", "الخميس",
    "الجمعة", "السبت", "الاحد", "الاثنين", "هو", "هي", "هم", "ما", "بشان",
    "عنه", "عنها", "عنهم", "منه", "منها",
    "that", "on", "in", "at", "to", "during", "after", "before", "when", "as", "while",
    "he", "she", "they", "it", "we", "i", "you", "this", "last", "yesterday", "today",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
} | NO_SUBJECT | OCCASIONS
_PREPOSITIONS = {"في", "فى", "بحسب"}
_EN_SAID_AFTER = re.compile(r"((?:[\w'’()-]+\.?\s+){0,10}?[\w'’()-]+\.?|[Hh]e|[Ss]he|[Tt]hey)\s+"
                            rf"(?P<verb>{alternation(EN_SPEECH)})\b")
_WEEKDAY_WORDS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_PRONOUNS = {"he": "m", "she": "f", "they": "p", "it": None, "we": None, "i": None, "you": None,
             "هو": "m", "هي": "f", "هم": "p"}
_CLAUSE = re.compile(r"(?<!\w)(?P<an>[وف]?ب?ان(?:ه|ها|هم|هن|نا|ني)?)(?!\w)|\bthat\b")
_SENTENCE_END = re.compile(r"[.!?؟\n]")
_ABBREVIATION = re.compile(r"\b(?:Rep|Sen|Gov|Dr|Mr|Mrs|Ms|Prof|Gen|Lt|Col|Jr|St|Sr|Inc|Co|Jan|Feb|"
                           r"Mar|Apr|Aug|Sep|Sept|Oct|Nov|Dec|No|[A-Za-z])\.$")
_PARTICLE = {"ان", "لكن", "كما", "حيث", "بينما", "فيما", "ثم", "قد", "لقد", "وقد", "اذ", "اذا",
             "لان", "الا", "لا", "لم", "لن", "ما", "هل", "بل", "او", "وان", "فان", "كان", "كانت"}
_EN_CLAUSE_START = re.compile(
    r"(?:on\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\s+|"
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\s+|"
    r"in\s+a\s+statement\s+|on\s+\w+day\s+)?"
    r"(?P<w>he|she|they|it|its|his|her|their|we|i|the|a|an|[A-Z][\w'’.-]*)\b", re.IGNORECASE)
# 'said in a statement on Tuesday that', 'told reporters at a news conference late Monday that'
_EN_OCCASION = re.compile(
    r"(?:,?\s+(?:in|on|at|to|during|late|early|earlier|later|last|this|after|before|with|via|"
    r"through|by|from|for|of|carried|released|posted|issued|published)"
    r"(?:\s+(?:a|an|the|his|her|its|their|[\w'’.-]+)){1,4}?)+,?\s+", re.IGNORECASE)
# 'said at least 30 people were killed', 'said there were no survivors': a clause that opens
# with an amount or with 'there' and a verb.
_EN_AMOUNT_CLAUSE = re.compile(
    r"(?P<w>(?:(?:at\s+least|at\s+most|more\s+than|less\s+than|fewer\s+than|about|nearly|"
    r"almost|around|roughly|some|up\s+to|over|only|just|as\s+many\s+as)\s+)?"
    r"(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|dozens|hundreds|thousands|"
    r"millions)\b(?=\s+[a-z])|there\s+(?:is|was|were|are|had|has|have|will|would|could|may|"
    r"might)\b)", re.IGNORECASE)
_EN_NOT_CLAUSE = {"carried", "released", "posted", "issued", "published", "sent", "shared",
                  "to", "by", "in", "of", "for", "on", "at", "with", "that", "this", "and", "but",
                  "after", "before", "during", "as", "when", "while", "about", "from", "into",
                  "over", "under", "earlier", "later", "last", "yesterday", "today", "tomorrow",
                  "recently", "previously", "then", "again", "also", "so", "if", "no", "not",
                  "who", "which", "what", "how", "why", "where", "there", "here", "more", "less"}

@dataclass
class _Q:
    """A quotation while the finder works; ``gender`` and ``anchor`` serve attribution."""

    start: int  # folded offsets
    end: int
    kind: str
    sp: tuple[int, int] | None = None  # original offsets of the written speaker
    verb: str | None = None
    gender: str | None = None
    anchor: int = 0  # folded offset where the attribution is read (the verb, or the quote)
    near_only: bool = False  # no verb at all: only a speaker close before may be meant
    extra: dict = field(default_factory=dict)


def find_quotes(text: str) -> list[QuoteMention]:
    """Direct and reported quotations, sorted by start; never raises on a str.

    >>> [(q.text, q.speaker) for q in find_quotes('قال المتحدث أحمد علي: “سنعود قريبًا”')]
    [('سنعود قريبًا', 'المتحدث أحمد علي')]
    """
    if not isinstance(text, str) or not text:
        return []
    f = fold(text)
    pairs = _quote_pairs(f)
    intro: dict[int, _Q] = {}
    reported = _reported(f, pairs, intro)
    found = (_direct(f, pairs, intro) + reported + _relayed(f) + _according(f)
             + _colon_speech(f, pairs) + _english_final(f))
    unique: dict[tuple[int, int, str], _Q] = {}
    for q in found:
        if q.end > q.start:
            unique.setdefault((q.start, q.end, q.kind), q)
    quotes = sorted(unique.values(), key=lambda q: (q.start, q.end))
    return _attribute(f, quotes)


# ------------------------------------------------------------------ quotation marks


def _quote_pairs(f: Folded) -> list[tuple[int, int]]:
    """(open, close) mark offsets paired in order within each line."""
    pairs = []
    line_start = 0
    t = f.text
    for line in t.split("\n"):
        marks = [m.start() + line_start for m in _MARK.finditer(line)]
        nested = _nested(t, marks)
        if nested is not None:
            pairs.extend(p for p in nested if p[1] - p[0] <= _MAX_QUOTE)
            line_start += len(line) + 1
            continue
        if len(marks) % 2:
            # Drop the mark that looks least like an opener or closer (a stray one).
            stray = marks[-1] if _opens(t, marks[0]) else marks[0]
            marks.remove(stray)
            if stray == max([stray, *marks]):
                lone = _lone_close(t, stray, max([line_start, *[m + 1 for m in marks]]))
                if lone is not None:
                    pairs.append((lone, stray))
        for a, b in zip(marks[::2], marks[1::2], strict=True):
            if b - a <= _MAX_QUOTE:
                pairs.append((a, b))
        line_start += len(line) + 1
    for m in _SINGLE.finditer(t):
        pairs.append((m.start(), m.end() - 1))
    return sorted(pairs)


def _lone_close(t: str, close: int, floor: int) -> int | None:
    """A closing mark whose opener was lost («…، كنا بحاجة ماسة إلى هذا التعديل".»): the
    quotation starts after the last colon or comma that follows a speech verb in the sentence."""
    if close == 0 or t[close - 1].isspace() or (close + 1 < len(t) and t[close + 1] not in
                                                  " \t.،,!?؟\n"):
        return None
    lo = max(floor, close - 400)
    cut = max(t.rfind(":", lo, close), t.rfind("،", lo, close), t.rfind(",", lo, close))
    if cut < 0 or len(t[cut + 1:close].split()) < 4 or _SENTENCE_END.search(t, cut, close - 1):
        return None
    if not any(not _participle(v) for v in _VERB.finditer(t, _sentence_start(t, cut, 300), cut)):
        return None
    return cut


def _nested(t: str, marks: list[int]) -> list[tuple[int, int]] | None:
    """Pairs of marks that face the right way and nest («“…«…»…”»); None when they do not."""
    if len(marks) < 4 or any(t[i] in "\"„‟" for i in marks):
        return None
    closer = {"“": "”", "«": "»"}
    stack: list[int] = []
    out = []
    for i in marks:
        if t[i] in closer:
            stack.append(i)
        elif stack and closer[t[stack[-1]]] == t[i]:
            out.append((stack.pop(), i))
        else:
            return None
    if stack or not any(a < c < d < b for a, b in out for c, d in out):
        return None
    return out


def _opens(t: str, i: int) -> bool:
    return (i == 0 or t[i - 1].isspace() or t[i - 1] in "(:،,") and i + 1 < len(t) \
        and not t[i + 1].isspace()


def _inner(t: str, a: int, b: int) -> tuple[int, int]:
    s, e = a + 1, b
    while s < e and t[s].isspace():
        s += 1
    while e > s and (t[e - 1].isspace() or t[e - 1] in "،,"):
        e -= 1
    return s, e


def _introduced(t: str, a: int) -> bool:
    """A speech verb, إن/أن or a colon right before the opening mark."""
    before = t[max(0, a - 40):a].rstrip(" \t،,")
    if before.endswith(":"):
        return True
    last = re.search(r"(\w+)\W*$", before)
    if not last:
        return False
    word = last.group(1).lower()
    return word in SPEECH or word in _DESCRIBE or word in EN_SPEECH or bool(
        re.fullmatch(r"[وف]?ب?ان(?:ه|ها|هم|هن|نا|ني)?|[وف]?(?:قال|قالت)\w*", word))


# «لـ«الشرق الأوسط»»، «لقناة «العربية»»، «ببرنامج «نظرة»»: the name of an outlet or programme.
_OUTLET_BEFORE = re.compile(
    r"(?:(?<!\w)(?:لل|ل)ـ?|(?<!\w)[وبل]?(?:ال)?(?:قناة|صحيفة|جريدة|وكالة|موقع|برنامج|فضائية|مجلة|شبكة|"
    r"اذاعة|منصة|حساب|صفحة))\s*[“”\"«»]$")
_PREDICATE = {"هو", "هي", "هما", "هم", "كان", "كانت", "يعد", "تعد", "يعتبر", "تعتبر"}


def _predicate(t: str, a: int) -> bool:
    """«اعتبرت الوزيرة أن الصمت هو «أكثر عيوبها»»: a short quotation as the predicate of a
    clause that a speech verb earlier in the sentence reports — the speaker's own words."""
    last = re.search(r"(\w+)\W*$", t[max(0, a - 20):a])
    if not last or last.group(1) not in _PREDICATE:
        return False
    lo = _sentence_start(t, a, 300)
    return any(v["verb"] and not _participle(v) and not _first_person(v)
               and (v["verb"] not in _DESCRIBE) for v in _VERB.finditer(t, lo, a))


def _clause_subject(t: str, a: int, b: int) -> bool:
    """A short quotation right after إن/أن that the clause goes on after («أن "الرباط" تتعسف»)."""
    last = re.search(r"(\w+)\W*$", t[max(0, a - 20):a])
    if not last or not re.fullmatch(r"[وف]?ب?ان(?:ه|ها|هم|هن|نا|ني)?", last.group(1)):
        return False
    return bool(re.match(r"[ \t]*[^\W\d_]", t[b + 1:b + 20]))


def _direct(f: Folded, pairs: list[tuple[int, int]], intro: dict[int, _Q]) -> list[_Q]:
    out: list[_Q] = []
    t = f.text
    previous: tuple[int, _Q] | None = None  # (close offset, quotation)
    for a, b in pairs:
        s, e = _inner(t, a, b)
        if s >= e:
            continue
        words = len(t[s:e].split())
        after = _after(f, b + 1)
        q = _Q(s, e, "direct", anchor=a)
        described = _en_described(f, a)
        if described is not None:  # 'what an officer described as “…”': the officer's words
            after = None
            q.sp, q.verb, q.anchor = described
        elif (relay := _relay_before(f, a)) is not None:
            q.sp, q.verb, q.anchor = relay
        elif a in intro:
            src = intro[a]
            q.sp, q.verb, q.gender, q.anchor = src.sp, src.verb, src.gender, src.anchor
        elif after is not None:
            q.sp, q.verb, q.gender = after
        else:
            before = _before(f, a)
            if before is not None:
                q.sp, q.verb, q.gender, q.anchor = before
            elif previous is not None and 0 <= a - previous[0] <= 250 \
                    and "\n" not in t[previous[0]:a] and previous[1].verb:
                p = previous[1]  # a second quotation continuing the same speaker
                q.sp, q.verb, q.gender, q.anchor = p.sp, p.verb, p.gender, p.anchor
            elif words < 4:
                continue
            else:
                head = _headline_speaker(f, a)
                if head is not None:
                    q.sp = head
                else:
                    q.near_only = True
        if words < 4 and after is None and described is None and not (
                _introduced(t, a) or _predicate(t, a)):
            continue
        if words < 4 and after is None and _clause_subject(t, a, b):
            continue  # «مؤكدا أن "الرباط" تتعسف»: a name opening the clause, not her words
        if words < 4 and (_OUTLET_BEFORE.search(t, max(0, a - 16), a + 1)
                          or _EN_NAMED.search(t, max(0, a - 40), a)):
            continue  # «في تصريح لـ«سكاي نيوز عربية»، قال …»: an outlet's name
        if words < 4 and re.search(rf"(?:{_VERB_WORDS})\s*$", t[max(0, a - 12):a]) and re.match(
                r"\s*(?:في|خلال|عبر|امام|مع|ل\w*|،|,)\s", t[b + 1:b + 14]):
            continue  # «وقالت "سها سعيد" في اتصال»: the name is the speaker, not a quotation
        if words < 4 and q.sp is not None:
            qs, qe = f.span(s, e)
            if q.sp[0] <= qs and qe <= q.sp[1]:
                continue  # «وقالت "سها سعيد" في اتصال»: the name is the speaker, not a quotation
        out.append(q)
        previous = (b, q)
    return out


_EN_DESCRIBED = re.compile(
    r"(?:^|[,;(]\s*|\b(?:what|which|whom)\s+)(?P<who>(?:[\w'’.-]+\s+){0,5}?[\w'’.-]+)\s+"
    r"(?:(?P<verb>described|characteri[sz]ed)\s+(?:(?:it|them|this|that|him|her|the\s+\w+)\s+)?as"
    r"|(?P<verb2>called|calls|termed|dubbed|labell?ed|branded)\s+(?:it|them|this|that|him|her|"
    r"the\s+\w+))[(\s]*$", re.IGNORECASE)
# 'which calls itself "…"', 'known as "…"', 'a group called "…"': a name follows
_EN_NAMED = re.compile(r"(?:\b(?:calls|called|call)\s+(?:itself|themselves|himself|herself)|"
                       r"\b(?:known|named|dubbed|titled|nicknamed|billed)(?:\s+as)?|"
                       r"\b(?:a|an|the)(?:\s+[\w-]+){1,3}\s+called)\s*$", re.IGNORECASE)


def _en_described(f: Folded, a: int) -> tuple[tuple[int, int] | None, str, int] | None:
    """'In what an officer described as “…”', 'he called it “…”': whoever describes speaks."""
    t = f.text
    if a == 0 or not re.search(r"[A-Za-z]", t[max(0, a - 40):a]):
        return None
    lo = _sentence_start(t, a, 160)
    m = _EN_DESCRIBED.search(t[lo:a])
    if m is None:
        return None
    words = list(re.finditer(r"\S+", m.group("who")))
    while words and words[0].group().lower() in ("in", "on", "and", "but", "as", "what", "which"):
        words.pop(0)
    key = "verb" if m["verb"] else "verb2"
    m_start, m_end = m.start(key), m.end(key)
    verb = _orig(f, lo + m_start, lo + m_end)
    if not words or words[-1].group().lower() in _PRONOUNS or any(
            w.group().lower() in ("is", "was", "are", "were", "has", "had", "have", "be")
            for w in words):
        return None, verb, lo + m_start
    return f.span(lo + m.start("who") + words[0].start(), lo + m.end("who")), verb, lo + m_start


def _headline_speaker(f: Folded, a: int) -> tuple[int, int] | None:
    """«وزيرة الإعلام: «…»» at the start of a line: the words before the colon name the speaker."""
    t = f.text
    line = max(t.rfind("\n", max(0, a - 200), a) + 1, a - 200, 0)
    m = re.fullmatch(r"\s*([^\s:،,.!?؟“”\"«»]+(?:\s+[^\s:،,.!?؟“”\"«»]+){0,4})\s*:\s*", t[line:a])
    if m is None:
        return None
    gs = line + m.start(1)
    came = re.match(r"[وف]?(?:جاء|ورد)\s+(?:في|فى)\s+", t[gs:line + m.end(1)])
    if came:  # «وجاء في البيان: «…»»: the statement speaks
        gs += came.end()
    if any(w in SPEECH or w in _STOP_TOKENS for w in t[gs:line + m.end(1)].split()):
        return None
    s, e = f.span(gs, line + m.end(1))
    return (s, e) if e > s else None




def _after(f: Folded, i: int) -> tuple[tuple[int, int] | None, str, str | None] | None:
    """A speech verb right after a closing mark: '” قال X،' / '," said X.' / '," X said.'"""
    window = f.text[i:i + 200]
    m = re.match(r"[ \t،,.]*", window)
    j = i + (m.end() if m else 0)
    attribution = _ATTRIBUTION.match(f.text, j)
    if attribution is not None:  # «"…"، بحسب المتحدث» / '"…," according to X'
        said = _WHAT_SAID.match(f.text, attribution.end())
        sp = _speaker_after(f, said.end() if said else attribution.end())
        if sp is not None:
            key = "verb" if attribution["verb"] else "enverb"
            return sp, _orig(f, attribution.start(key), attribution.end(key)), None
    v = _VERB.match(f.text, j)
    if v and not _participle(v) and not _first_person(v):
        key = "verb" if v["verb"] else "enverb"
        sp = _speaker_after(f, v.end(key))
        return sp, _orig(f, v.start(key), v.end(key)), _gender(v)
    if "\n" in f.text[i:j]:
        return None
    m2 = _EN_SAID_AFTER.match(f.text[j:j + 140])
    if m2 and (not re.search(r"[A-Za-z]", m2.group(1)) or _participle_word(m2["verb"])):
        m2 = None
    if m2:
        name = m2.group(1)
        verb = _orig(f, j + m2.start("verb"), j + m2.end("verb"))
        if name.lower() in _PRONOUNS:
            return None, verb, _PRONOUNS[name.lower()]
        return f.span(j, j + len(name)), verb, None
    return None


def _before(f: Folded, a: int) -> tuple[tuple[int, int] | None, str, str | None, int] | None:
    """The last speech verb earlier in the same sentence, and the speaker next to it."""
    t = f.text
    lo = _sentence_start(t, a, 400)
    k = a
    while True:  # past the last quotation, but not past a short quoted name («شرف الدين»)
        close = max(t.rfind("”", lo, k), t.rfind("»", lo, k))
        if close < 0:
            break
        opener = max(t.rfind("“", lo, close), t.rfind("«", lo, close))
        if opener < 0 or len(t[opener + 1:close].split()) >= 4:
            lo = close + 1
            break
        k = opener
    last = None
    for v in _VERB.finditer(t, lo, a):
        if not _first_person(v):
            last = v
    if last is None:
        return None
    key = "verb" if last["verb"] else "enverb"
    verb = _orig(f, last.start(key), last.end(key))
    if last["enverb"] and _participle(last):
        return None, verb, None, last.start(key)
    if last["enverb"]:
        sp = _speaker_before(f, last.start(key), lo)
        if sp is None:
            sp = _speaker_after(f, last.end(key), limit=a)
        return sp, verb, _en_gender(f, last.start(key), lo), last.start(key)
    sp = None if _participle(last) else _speaker_after(f, last.end(key), limit=a)
    if sp is None and not _participle(last):
        sp = _subject_before(f, last)
    return sp, verb, _gender(last), last.start(key)


def _sentence_start(t: str, i: int, reach: int) -> int:
    lo = max(0, i - reach)
    for end in _SENTENCE_END.finditer(t, lo, i):
        k = end.start()
        if k < i - 1 and not _ABBREVIATION.search(t, max(0, k - 4), k + 1) and not (
                t[k] == "." and 0 < k < len(t) - 1 and t[k - 1].isdigit() and t[k + 1].isdigit()):
            lo = end.end()
    return lo


def _orig(f: Folded, s: int, e: int) -> str:
    return f.original[slice(*f.span(s, e))]


def _participle_word(word: str) -> bool:
    return word.lower() in EN_PARTICIPLES


def _participle(v: re.Match[str]) -> bool:
    if v["enverb"]:
        return v["enverb"].lower() in EN_PARTICIPLES
    return bool(v["verb"]) and SPEECH.get(v["verb"], ("", False))[1]


def _gender(v: re.Match[str]) -> str | None:
    if v["verb"]:
        return SPEECH.get(v["verb"], FIRST_PERSON.get(v["verb"], (None, False)))[0]
    return None


def _first_person(v: re.Match[str]) -> bool:
    """«قلت»، «قلنا»: the speaker of the quotation the verb stands in; no subject is named."""
    return bool(v["verb"]) and v["verb"] in FIRST_PERSON


def _en_gender(f: Folded, j: int, lo: int) -> str | None:
    m = re.search(r"\b(he|she|they)\s+$", f.text[lo:j], re.IGNORECASE)
    return _PRONOUNS[m.group(1).lower()] if m else None


# ------------------------------------------------------------------ speaker spans


_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\s،,:;.!?؟“”\"«»„‟()]+|[“”\"«»„‟]|[،,:;.!?؟()]")


def _speaker_after(f: Folded, i: int, limit: int | None = None) -> tuple[int, int] | None:
    """Words after a verb up to a comma, colon, إن/أن, an occasion («في تصريح») or a time word;
    a short name in quotation marks («وكالة «شينخوا»») stays part of the speaker."""
    t = f.text
    stop = min(len(t), i + 160, limit if limit is not None else len(t))
    first = last = None
    count = 0
    lead = _LEAD.match(t, i)  # «أعلن عنه كل من المجلس…»: the subject comes after these words
    k = lead.end() if lead and lead.end() > i and lead.end() < stop else i
    while k < stop:
        w = _TOKEN.match(t, k)
        if w is None:
            k += 1
            continue
        token = w.group()
        ws, we = w.start(), w.end()
        k = we
        if token.isspace():
            continue
        if token in _MARKS:
            close = _MARK.search(t, we, min(stop, we + 40))
            inner = len(t[we:close.start()].split()) if close is not None else 0
            opening = first is None and t[close.end():close.end() + 3].lstrip().startswith(
                ("(", ":")) if close is not None else False
            if close is None or not 0 < inner <= 4 or opening:
                break
            first = ws if first is None else first
            last = close.end()
            k = close.end()
            count += 1
            continue
        if token == "(" and (first is None or count):
            close = t.find(")", we, min(stop, we + 40))
            if close > we and 0 < len(t[we:close].split()) <= 4:
                first = ws if first is None else first
                last = close + 1
                k = close + 1
                count += 1
                continue
        lower = token.lower()
        if not re.match(r"\w", token) or lower in _STOP_TOKENS or _adverb(f, ws, we):
            break
        if lower in _PREPOSITIONS:
            nxt = _TOKEN.match(t, we + 1) if we + 1 < len(t) else None
            if first is None or nxt is None or nxt.group() in OCCASIONS \
                    or nxt.group() in _STOP_TOKENS:
                break
            if not _name_follows(t, nxt.end(), stop):
                break
        if token == "علي" and f.original[slice(*f.span(ws, we))].endswith("ى"):
            break  # على (on), not the name علي: folding made them one spelling
        first = ws if first is None else first
        last = we
        count += 1
        if count >= 9:
            break
    if first is None or last is None:
        return None
    s, e = f.span(first, last)
    return (s, e) if e > s else None


_LEAD = re.compile(r"\s*(?:(?:عنه|عنها|عنهم)\s+(?=\w))?(?:كل\s+من\s+(?=\w))?"
                   r"(?:(?:بيان|تقرير|رسالة)\s+(?:صادر|صادرة|صدر|صدرت)\s+(?:عن|من)\s+(?=\w))?")
_OCCASION_WORDS = alternation(OCCASIONS)


def _name_follows(t: str, i: int, stop: int) -> bool:
    """After «في البلد», does the title go on to a name before إن/أن (رئيس وكالة … في الفلبين
    ريناتو سوليدوم إلى أن)? Yes when 1-3 more words end right at the clause, a comma, or the
    occasion («المتحدث باسم وزارة الصحة في غزة أشرف القدرة في تصريح صحفي أن»)."""
    rest = t[i:min(stop + 40, i + 60)]
    m = re.match(r"((?:\s+[^\s،,:;.!?؟“”\"«»]+){1,3}?)\s*(?:،|,|:|\s+(?:[وف]?ب?ان\w{0,2}|الي\s+ان|"
                 rf"علي\s+ان|(?:في|خلال|لدي)\s+(?:{_OCCASION_WORDS})|لوكالة|لصحيفة|لقناة|لموقع|"
                 r"للصحفيين)(?!\w))", rest)
    return bool(m) and not any(w in _STOP_TOKENS for w in m.group(1).split())


_EN_NAME = re.compile(r"(?:[A-Z][\w'’.-]*\s+){1,3}[A-Z][\w'’.-]*")
# "The company's CEO", "Kim's sister", "a spokesman": a description, not a name
_EN_DESCRIPTION = re.compile(r"(?:^|[\s,;])(?:[Tt]he|[Aa]n?|[A-Z][\w.-]*['’]s)\s+[\w'’ .-]+$")


def _speaker_before(f: Folded, j: int, lo: int) -> tuple[int, int] | None:
    """English: up to six words before 'said', back to a comma, a quotation mark or 'and'."""
    chunk = f.text[lo:j]
    cut = max(chunk.rfind(","), chunk.rfind("،"), *(chunk.rfind(m) for m in _MARKS))
    if cut >= 0 and not chunk[cut + 1:].strip() and chunk[cut] in ",،":
        # "Doug Bennett, executive director …, told": the name before the apposition
        head = chunk[:cut]
        comma = max(head.rfind(","), head.rfind("،"))
        appos = head[comma + 1:].strip() if comma > 0 else ""
        if comma > 0 and _EN_NAME.fullmatch(appos) and _EN_DESCRIPTION.search(head[:comma]):
            # "The company's CEO, Andrew Witty, told": the name is the apposition
            s = lo + comma + 1 + (len(head[comma + 1:]) - len(head[comma + 1:].lstrip()))
            return f.span(s, s + len(appos))
        if comma > 0:
            chunk = chunk[:comma]
            cut = max(chunk.rfind(","), chunk.rfind("،"), *(chunk.rfind(m) for m in _MARKS))
    dash = max(chunk.rfind(" — "), chunk.rfind(" – "), chunk.rfind(" - "))
    cut = max(cut, dash + 2 if dash >= 0 else -1)
    words = list(re.finditer(r"[\w.'’-]+", chunk[cut + 1:]))[-8:]
    words = [w for w in words if w.group().lower() not in ("and", "but", "so", "also")]
    while words and words[-1].group().lower() in ("also", "has", "had", "have", "then", "today",
                                                  "yesterday", "earlier", "later", "on", "had",
                                                  *_WEEKDAY_WORDS):
        words.pop()
    while words and words[0].group().lower() in ("in", "on", "at", "and", "but", "as", "when"):
        words.pop(0)
    if not words or words[-1].group().lower() in _PRONOUNS:
        return None
    base = lo + cut + 1
    return f.span(base + words[0].start(), base + words[-1].end())


def _subject_before(f: Folded, v: re.Match[str]) -> tuple[int, int] | None:
    """Subject-first Arabic: «نقابة الأطباء قالت إن» — a short noun phrase opening the clause."""
    t = f.text
    vs = v.start("verb")
    if vs != v.start() or not v["verb"]:
        return None  # «وقال»، «فقالت» open a new clause: no subject before them
    lo = max(_sentence_start(t, vs, 120),
             max(t.rfind(c, max(0, vs - 120), vs) for c in "،,:«»“”\"-–") + 1)
    words = list(re.finditer(r"[^\s]+", t[lo:vs]))
    if not 1 <= len(words) <= 5:
        return None
    tokens = [w.group() for w in words]
    if tokens[0] in _PARTICLE or tokens[-1] in _STOP_TOKENS or any(
            w in _PREPOSITIONS or w in SPEECH or not re.fullmatch(r"\w+", w) for w in tokens):
        return None
    s, e = f.span(lo + words[0].start(), lo + words[-1].end())
    return (s, e) if e > s else None


def _adverb(f: Folded, ws: int, we: int) -> bool:
    """An accusative adverb like ساخرًا or مشيرةً ends a speaker's name (tanween in the original)."""
    s, e = f.span(ws, we)
    word = f.original[s:e]
    return "\u064b" in word or word.endswith(("ًا", "اً"))


# ------------------------------------------------------------------ reported speech


def _reported(f: Folded, pairs: list[tuple[int, int]], intro: dict[int, _Q]) -> list[_Q]:
    """قال X إن ...، أكد X أن ...، مشيرًا إلى أن ...، X said (that) ...: the clause."""
    out = []
    t = f.text
    opens = {a: b for a, b in pairs}
    starts = [a for a, _ in pairs]
    for v in _VERB.finditer(t):
        key = "verb" if v["verb"] else "enverb"
        if (v["verb"] or "") in _DESCRIBE:
            continue  # وصفه بأنه ... describes; it does not report speech
        if _first_person(v) and not _inside(pairs, starts, v.start()):
            continue  # «قلّت الأمطار»: a first-person verb speaks only inside a quotation
        ve = v.end(key)
        window_end = min(len(t), ve + (320 if v["verb"] else 160))
        c = _CLAUSE.search(t, ve, window_end)
        if v["enverb"] and c is not None and len(t[ve:c.start()].split()) > 3 \
                and not _EN_OCCASION.fullmatch(t, ve, c.start()):
            c = None
        if c is None:
            if v["enverb"]:
                q = _english_no_that(f, v)
                if q is not None:
                    out.append(q)
            continue
        gap = t[ve:c.start()]
        # a long title with appositions and the occasion is still one speaker («قالت روندا
        # بلاكمور ، مساعدة مفوض …، في مؤتمر صحفي يوم الأحد ، إن»), unless another verb speaks
        if len(gap.split()) > 45 or (len(gap.split()) > 14 and _VERB.search(gap)) \
                or _SENTENCE_END.search(gap) or _long_quote_in(gap):
            continue
        verb = _orig(f, v.start(key), ve)
        gender = _gender(v)
        if key == "verb":
            quiet = _participle(v) or _first_person(v)
            sp = None if quiet else _speaker_after(f, ve, limit=c.start())
            if sp is None and not quiet and not gap.strip():
                sp = _subject_before(f, v)
        elif _participle(v):
            sp = None
        else:
            lo = _sentence_start(t, v.start(key), 120)
            sp = _speaker_before(f, v.start(key), lo)
            gender = _en_gender(f, v.start(key), lo)
            if sp is None and gap.strip():
                sp = _speaker_after(f, ve, limit=c.start())
        bare = c.group() == "that" or c["an"] in ("ان", "بان", "وان", "فان")
        start = c.end() if bare else c.start()
        while start < len(t) and t[start].isspace():
            start += 1
        q = _Q(0, 0, "reported", sp, verb, gender, v.start(key))
        mark_at = _quotation_at(t, start, c.end())
        if mark_at is not None and mark_at in opens and _only_quote(t, opens[mark_at]):
            intro[mark_at] = q  # «قالت إن "..."»: the quotation itself, once, as direct
            continue
        end = _clause_end(t, start)
        if end <= start:
            continue
        q.start, q.end = start, end
        out.append(q)
    return out


_RELAY = re.compile(r"(?<!\w)[وف]?نقل(?:ت)?\s+[^.،\n]{1,60}?\s+عن\s+")
_RELAY_SAID = re.compile(r"\s*(?:قوله|قولها|قولهم|تاكيده|تاكيدها|تاكيدهم)(?!\w)")


def _relayed(f: Folded) -> list[_Q]:
    """«ونقلت الوكالة عن مسؤول قوله إن …»: the words are the official's, the agency relays them."""
    out = []
    t = f.text
    for m in _RELAY.finditer(t):
        sp = _speaker_after(f, m.end(), limit=min(len(t), m.end() + 120))
        if sp is None:
            continue
        tail = _RELAY_SAID.search(t, m.end(), min(len(t), m.end() + 160))
        if tail is None or _SENTENCE_END.search(t, m.end(), tail.start()):
            continue
        k = tail.end()
        c = re.match(r"\s*(?:[:،,]\s*)?(?P<an>ان|انه|انها|بان)?\s*", t[k:k + 12])
        start = k + (c.end() if c else 0)
        if start < len(t) and t[start] in _MARKS:
            continue  # a quotation: _direct reads it with the verb before it
        end = _clause_end(t, start)
        if end - start < 8:
            continue
        verb = _orig(f, m.start(), m.start() + len(m.group().split()[0]))
        out.append(_Q(start, end, "reported", sp, verb, None, m.start()))
    return out


def _inside(pairs: list[tuple[int, int]], starts: list[int], i: int) -> bool:
    """Is offset ``i`` between the marks of a quotation? (pairs sorted by their opening mark)"""
    k = bisect_left(starts, i) - 1
    return any(pairs[j][0] < i < pairs[j][1] for j in range(max(0, k - 2), k + 1))


def _relay_before(f: Folded, a: int) -> tuple[tuple[int, int], str, int] | None:
    """«ونقل بيان عن الوزير قوله: «…»»: the quotation is the relayed person's."""
    t = f.text
    lo = _sentence_start(t, a, 200)
    tail = re.search(r"(?:قوله|قولها|قولهم)\s*[:،,]?\s*$", t[lo:a])
    if tail is None:
        return None
    m = None
    for found in _RELAY.finditer(t, lo, lo + tail.start() + 1):
        m = found  # the last relay before «قوله»
    if m is None:
        return None
    sp = _speaker_after(f, m.end(), limit=lo + tail.start())
    if sp is None:
        return None
    return sp, _orig(f, m.start(), m.start() + len(m.group().split()[0])), m.start()


def _quotation_at(t: str, start: int, clause_end: int) -> int | None:
    """The opening mark a clause starts with («إنه "…"», «أننا "…"»), if any."""
    i = start
    if i < len(t) and t[i] in _MARKS:
        return i
    i = clause_end
    while i < len(t) and t[i] in " ،,:":
        i += 1
    return i if i < len(t) and t[i] in _MARKS else None


def _only_quote(t: str, close: int) -> bool:
    """Nothing but the end of the sentence (or a new clause) after the closing mark."""
    rest = t[close + 1:close + 40]
    return bool(re.match(r"\s*(?:[.!?؟]|$|\n|،?\s*(?:و|ف|ثم|حيث|مشير|مضيف|مؤكد|قائل)|"
                         r"\(|،\s*\w+\s+(?:قال|اضاف))", rest))


def _long_quote_in(gap: str) -> bool:
    """A quotation of four words or more between the verb and إن/أن: not one clause."""
    marks = [m.start() for m in _MARK.finditer(gap)]
    for a, b in zip(marks[::2], marks[1::2], strict=False):
        if len(gap[a + 1:b].split()) >= 4:
            return True
    return len(marks) % 2 == 1


def _english_no_that(f: Folded, v: re.Match[str]) -> _Q | None:
    """'Bennett said he hopes…', 'announced Sunday he's donating…': a clause without 'that'."""
    t = f.text
    word = v["enverb"].lower()
    if word not in ("said", "says", "say", "announced", "told", "added", "warned", "argued"):
        return None
    k = v.end("enverb")
    if word == "told":
        m = re.match(r"\s+(?:[\w.'’-]+\s+){1,4}?(?=(?:he|she|they|it|the|a)\b)", t[k:k + 80])
        if not m:
            return None
        k += m.end()
    k2 = k + 1 if k < len(t) and t[k] == " " else k
    m = _EN_CLAUSE_START.match(t, k2)
    amount = _EN_AMOUNT_CLAUSE.match(t, k2) if word in ("said", "says", "say", "told") else None
    if amount is not None and (t[k:k + 1] == " " or word == "told"):
        m = amount  # 'Officials said at least 30 people were killed', 'said there were…'
    elif m is None or (t[k:k + 1] != " " and word != "told"):
        return None
    else:
        first = m.group("w")
        if first.lower() in _EN_NOT_CLAUSE or (word not in ("said", "says", "say", "told") and
                                               first.lower() not in ("he", "she", "they", "it",
                                                                     "we", "i")):
            return None
        if word == "told" and first.lower() not in ("he", "she", "they", "it", "we", "i", "the",
                                                    "a", "an", "its", "his", "her", "their"):
            return None
    rest = t[m.start("w"):m.start("w") + 200]
    if not re.match(r"[\w'’.-]+(?:\s+[\w'’.,-]+){2,}", rest) or re.match(r"[\w'’.-]+\s*[,.]", rest):
        return None
    lo = _sentence_start(t, v.start("enverb"), 160)
    sp = _speaker_before(f, v.start("enverb"), lo)
    gender = _en_gender(f, v.start("enverb"), lo)
    if sp is None and gender is None and not re.search(r"\b(?:he|she|they|it|we)\s+$",
                                                       t[lo:v.start("enverb")], re.IGNORECASE):
        return None
    start = m.start("w")
    end = _clause_end(t, start)
    if end - start < 12:
        return None
    return _Q(start, end, "reported", sp, _orig(f, v.start("enverb"), v.end("enverb")), gender,
              v.start("enverb"))


_EN_FINAL_VERBS = ("said", "says", "told", "added", "wrote", "reported", "stated", "noted",
                   "warned", "argued", "explained", "announced", "estimated", "claimed",
                   "insisted", "confirmed", "acknowledged", "admitted")
_EN_FINAL = re.compile(
    r"[,]\s+(?P<who>(?:[^\s,;:!?“”\"«»]+\s+){0,9}?[^\s,;:!?“”\"«»]+?)\s+"
    rf"(?P<verb>{'|'.join(_EN_FINAL_VERBS)})\b(?P<tail>[^.,;!?\n“”\"«»]{{0,80}}?)"
    r"(?=[.;!?\n]|,\s|$)")
_EN_FINAL_INVERTED = re.compile(
    r"[,]\s+(?P<verb>said|says|added|wrote)\s+(?P<who>(?:[^\s,.;:!?“”\"«»]+\s+){0,7}?"
    r"[^\s,;:!?“”\"«»]+?)(?=\s*(?:[.;!?\n]|,\s|$))")
# After the verb of a sentence-final attribution: when and where, never a new clause.
_EN_FINAL_TAIL = re.compile(
    r"(?:\s+(?:on|in|at|during|late|early|last|this|after|before|yesterday|today|tonight|"
    r"earlier|later|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"in\s+a\s+(?:statement|report|post|interview|briefing)|a|an|the|[\w'’.()-]+))*\s*",
    re.IGNORECASE)
_EN_DETERMINERS = {"the", "a", "an", "his", "her", "its", "their", "our", "one", "two", "three",
                   "officials", "police", "authorities", "analysts", "experts", "witnesses",
                   "sources", "residents", "researchers", "scientists", "doctors", "others"}


def _english_final(f: Folded) -> list[_Q]:
    """'…, the envoy said.' / '…, Witty said on Wednesday.' / '…, said the envoy.': the words
    before the comma are reported speech of the speaker named after it."""
    t = f.text
    if not re.search(r"[A-Za-z]", t):
        return []
    out = []
    for rx in (_EN_FINAL, _EN_FINAL_INVERTED):
        for m in rx.finditer(t):
            who, verb = m.group("who"), m.group("verb")
            words = who.split()
            first = words[0]
            tail = m.groupdict().get("tail") or ""
            if first.lower() in _EN_NOT_CLAUSE or first.lower() in ("and", "but", "who", "which"):
                continue
            if not (first[0].isupper() or first.lower() in _EN_DETERMINERS
                    or first.lower() in _PRONOUNS):
                continue
            if rx is _EN_FINAL_INVERTED and first.lower() in _PRONOUNS:
                continue
            if any(w.lower() in ("that", "he", "she", "they", "we", "i", "it", "is", "was",
                                 "were", "are", "will", "would", "has", "had", "have")
                   for w in words[1:]):
                continue  # a clause, not a speaker
            if tail.strip():
                if verb != "told" and not re.match(
                        r"\s+(?:on|in|at|during|late|early|last|this|yesterday|today|tonight|"
                        r"earlier|later|monday|tuesday|wednesday|thursday|friday|saturday|"
                        r"sunday)\b", tail, re.IGNORECASE):
                    continue
                tw = tail.lower().split()
                if len(tw) > 8 or any(w in ("that", "he", "she", "they", "we", "it", "i", "was",
                                            "is", "will", "would", "had", "has") for w in tw):
                    continue
            comma = m.start()
            lo = _sentence_start(t, comma, 600)
            start = lo
            while start < comma and (t[start].isspace() or (
                    t[start] in "”»\"" and t[start + 1:start + 2].isspace())):
                start += 1  # the closing mark of the sentence before
            end = comma
            while end > start and t[end - 1] in " ,":
                end -= 1
            body = t[start:end]
            if len(body.split()) < 4 or "\n" in body:
                continue
            if body[0] in _MARKS or body[-1] in _MARKS or len(_MARK.findall(body)) % 2:
                continue  # a quotation in marks: _direct reads it
            if _VERB.search(body) or _ATTRIBUTION.search(body):
                continue  # the sentence has its own speech verb or attribution
            vs = m.start("verb")
            ws = m.start("who")
            if first.lower() in _PRONOUNS:
                sp, gender = None, _PRONOUNS[first.lower()]
            else:
                sp, gender = f.span(ws, ws + len(who)), None
            out.append(_Q(start, end, "reported", sp, _orig(f, vs, m.end("verb")), gender, vs))
    return out


def _clause_end(t: str, start: int) -> int:
    """End of a reported clause: the sentence end outside quotation marks, at most 500 chars.
    A full stop glued to the next word («الصخور.وأكد») ends the sentence too."""
    depth = 0
    limit = min(len(t), start + 500)
    i = start
    while i < limit:
        ch = t[i]
        if ch in _MARKS:
            depth ^= 1
        elif ch == "\n":
            break
        elif ch in "،," and not depth and i > start and _NEW_SPEAKER.match(t, i + 1):
            break
        elif ch in ".!?؟" and not depth:
            nxt = t[i + 1] if i + 1 < len(t) else " "
            if nxt in " \n\"”“»" or (_arabic(nxt) and i >= 2 and _arabic(t[i - 1])
                                      and _arabic(t[i - 2])):
                break
        i += 1
    end = i
    while end > start and t[end - 1] in " ،,":
        end -= 1
    return end


_NEW_SPEAKER = re.compile(
    rf"\s*(?:{alternation(k for k, v in SPEECH.items() if not v[1])})\s+(?!ان)\w")


def _arabic(ch: str) -> bool:
    return "\u0621" <= ch <= "\u064a"


def _according(f: Folded) -> list[_Q]:
    """بحسب X، ... / ...، وفقًا لـ X. / according to X, ...: the rest of the sentence.
    An attribution inside a sentence that a speech verb already attributes only relays it."""
    out = []
    t = f.text
    for m in _ATTRIBUTION.finditer(t):
        key = "verb" if m["verb"] else "enverb"
        lo = _sentence_start(t, m.start(), 1200)
        if any(not _participle(v) for v in _VERB.finditer(t, lo, m.start())):
            continue
        after = m.end()
        said = _WHAT_SAID.match(t, after)
        if said:
            after = said.end()
        nxt = re.match(r"\w+", t[after:])
        if nxt and nxt.group() in NO_SUBJECT:
            continue  # «بحسب قوله»: the speaker is the one already named
        sp = _speaker_after(f, after, limit=None)
        if sp is None:
            continue
        verb = _orig(f, m.start(key), m.end(key))
        k = after
        while k < min(len(t), after + 200) and (t[k] not in "،,.!?؟\n" or (
                t[k] == "." and re.search(r"(?<![\w.])(?:[A-Z]\.)+$", t[max(0, k - 8):k + 1]))):
            k += 1  # 'according to the U.N., …': an abbreviation's dots do not end the name
        if k < len(t) and t[k] in "،," and k - after < 120:
            start = k + 1
            while start < len(t) and t[start].isspace():
                start += 1
            if t.startswith("فان", start) or t.startswith("فإن", start):
                start += 4
            end = _clause_end(t, start)
        else:
            start = _sentence_start(t, m.start(), 400)
            while start < m.start() and t[start].isspace():
                start += 1
            end = m.start()
            while end > start and t[end - 1] in " ،,":
                end -= 1
        if end <= start or (t[start] in _MARKS and t[end - 1] in _MARKS
                            and len(_MARK.findall(t, start, end)) == 2):
            continue  # «"…"، بحسب X»: the quotation, read once as direct
        if len(t[start:end].split()) < 3:
            continue  # «وذلك حسبما أفادت الوكالة»: nothing is reported
        out.append(_Q(start, end, "reported", sp, verb, None, m.start()))
    return out


def _colon_speech(f: Folded, pairs: list[tuple[int, int]]) -> list[_Q]:
    """«وتابع: هذا مجاف للحقيقة…» — speech after a verb and a colon, without quotation marks."""
    out = []
    t = f.text
    opens = {a for a, _ in pairs}
    for v in _VERB.finditer(t):
        if not v["verb"] or _participle(v) or _first_person(v):
            continue
        ve = v.end("verb")
        colon = t.find(":", ve, min(len(t), ve + 80))
        if colon < 0 or _SENTENCE_END.search(t, ve, colon) or any(c in t[ve:colon] for c in _MARKS):
            continue
        if len(t[ve:colon].split()) > 7:
            continue
        start = colon + 1
        while start < len(t) and t[start] in " \t":
            start += 1
        if start >= len(t) or t[start] in _MARKS or start in opens or t[start] == "\n":
            continue
        if re.match(r"[وف]?ب?ان(?:ه|ها|هم|نا|ني)?(?!\w)", t[start:]):
            continue  # «قالت …: إن مصر …» is reported speech
        end = _clause_end(t, start)
        if len(t[start:end].split()) < 4 or any(c in t[start:end] for c in _MARKS):
            continue
        sp = _speaker_after(f, ve, limit=colon)
        out.append(_Q(start, end, "direct", sp, _orig(f, v.start("verb"), ve), _gender(v),
                      v.start("verb")))
    return out


# ------------------------------------------------------------------ who: one name per person


def _attribute(f: Folded, quotes: list[_Q]) -> list[QuoteMention]:
    """Written speakers as found; canonical speakers for every quotation the text attributes."""
    t = f.original
    found, links = _events(f)
    events = sorted(found + [(q.anchor, q.sp, q.gender) for q in quotes if q.sp])
    written = [t[s:e] for _, (s, e), _ in events]
    groups = _group_names(written, [t[s:e] for s, e in links])
    genders: dict[str, set[str]] = {}
    for (_, _, g), name in zip(events, written, strict=True):
        if g:
            genders.setdefault(groups[name], set()).add(g)
    positions = [pos for pos, _, _ in events]
    out = []
    for q in quotes:
        qs, qe = f.span(q.start, q.end)
        speaker = t[q.sp[0]:q.sp[1]] if q.sp else None
        canonical = groups.get(speaker) if speaker else None
        if speaker is None:
            canonical = _last_speaker(q, events, written, groups, genders, positions)
        out.append(QuoteMention(qs, qe, t[qs:qe], q.kind, speaker,
                                q.sp[0] if q.sp else None, q.sp[1] if q.sp else None, q.verb,
                                canonical))
    return out


def _last_speaker(q: _Q, events: list, written: list[str], groups: dict[str, str],
                  genders: dict[str, set[str]], positions: list[int]) -> str | None:
    """The last named speaker before the quotation whose verbs fit the verb's gender."""
    k = bisect_left(positions, q.anchor) - 1
    stop = max(-1, k - 40)  # a bounded look back keeps the finder linear in the text's length
    while k > stop:
        pos = events[k][0]
        if q.near_only and q.anchor - pos > 600:
            return None
        name = groups[written[k]]
        seen = genders.get(name, set())
        if q.gender in (None, "p", "1") or not seen or q.gender in seen:
            return name
        k -= 1
    return None


def _events(f: Folded) -> tuple[list[tuple[int, tuple[int, int], str | None]],
                                list[tuple[int, int]]]:
    """Every speech verb with a named subject (where, who, the verb's gender), and the spans
    that join a name to its apposition."""
    out = []
    t = f.text
    for v in _VERB.finditer(t):
        if v["verb"] and not _participle(v) and not _first_person(v):
            sp = _speaker_after(f, v.end("verb"), limit=None)
            if sp is None:
                sp = _subject_before(f, v)
            if sp is not None:
                out.append((v.start("verb"), sp, _gender(v)))
        elif v["enverb"] and not _participle(v):
            lo = _sentence_start(t, v.start("enverb"), 160)
            sp = _speaker_before(f, v.start("enverb"), lo)
            if sp is not None:
                out.append((v.start("enverb"), sp, None))
    for m in _ISSUED.finditer(t):
        sp = _speaker_after(f, m.end(), limit=None)
        if sp is not None:
            out.append((m.start(), sp, None))
    out += _governing(f)
    described, links = _appositions(f, out)
    return out + described, links


# Verbs that do not report speech but whose subject a participle after them speaks for
# («ودعا الوزير إلى …، مشيرًا إلى أن …»); each takes a preposition, so the subject stops there.
_GOVERNING = {fold(w).text: g for ws, g in (
    (("دعا", "طالب", "رحب", "اشاد", "ندد", "تحدث", "تطرق", "عبر", "اعتذر", "تعهد", "اكتفى",
      "شكك", "حمل", "لجأ"), "m"),
    (("دعت", "طالبت", "رحبت", "اشادت", "نددت", "تحدثت", "تطرقت", "عبرت", "اعتذرت", "تعهدت",
      "اكتفت", "شككت", "حملت", "لجأت"), "f")) for w in ws}
_GOVERNING_VERB = re.compile(rf"(?<!\w)[وف]?(?P<verb>{alternation(_GOVERNING)})(?!\w)")


def _governing(f: Folded) -> list[tuple[int, tuple[int, int], str | None]]:
    """The subject of a non-speech verb earlier in the sentence of a participle of speech."""
    out = []
    t = f.text
    for v in _VERB.finditer(t):
        if not v["verb"] or not _participle(v):
            continue
        lo = _sentence_start(t, v.start(), 300)
        if any(not _participle(w) for w in _VERB.finditer(t, lo, v.start())):
            continue  # a speech verb in the sentence already names the speaker
        g = _GOVERNING_VERB.search(t, lo, v.start())
        if g is None:
            continue
        sp = _speaker_after(f, g.end("verb"), limit=v.start())
        if sp is not None and len(t[g.end("verb"):v.start()].split()) >= 1:
            out.append((g.start("verb"), sp, _GOVERNING[g["verb"]]))
    return out


def _appositions(f: Folded, events: list) -> tuple[list, list[tuple[int, int]]]:
    """«أنتوني بلينكن، وزير الخارجية الأمريكي،»: the description after a named speaker."""
    out, links = [], []
    t = f.original
    for _pos, (s, e), _g in events:
        m = re.match(r"\s*[،,]\s*([^،,.:\n«»“”\"()]{3,60}?)\s*[،,:]", t[e:e + 80])
        if not m or not 1 <= len(m.group(1).split()) <= 7:
            continue
        words = fold(m.group(1)).text.split()
        if words[0] in _STOP_TOKENS or words[0] in _PREPOSITIONS or any(
                w in SPEECH or _CLAUSE.fullmatch(w) for w in words) or words[0] in _PARTICLE:
            continue
        links.append((s, e + m.end(1)))  # the name and its description: one person
    return out, links


def _key(name: str) -> tuple[str, ...]:
    words = re.sub(r"[«»“”\"'()\[\]،,:]", " ", fold(name).text.lower()).split()
    while len(words) > 1 and words[0] in TITLES:
        words = words[1:]
    return tuple(words)


def _group_names(names: list[str], links: list[str] | None = None) -> dict[str, str]:
    """Written form -> canonical form. Two forms are one person when one's words are the start
    or the end of the other's («الفايز» / «ريم الفايز»; «وزيرة البيئة» / «وزيرة البيئة تمارا
    الزين»), or a record links them; the canonical form is the longest, titles aside."""
    keys = {n: _key(n) for n in set(names) if n and n.strip()}
    by_key: dict[tuple[str, ...], list[str]] = {}
    for n, k in keys.items():
        by_key.setdefault(k, []).append(n)
    joined = {_key(link) for link in links or []}
    for k in joined:
        by_key.setdefault(k, [])
    parent: dict[tuple[str, ...], tuple[str, ...]] = {k: k for k in by_key}

    def root(k: tuple[str, ...]) -> tuple[str, ...]:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    ordered = sorted(by_key, key=len, reverse=True)
    by_tail: dict[tuple[str, ...], tuple[str, ...]] = {}
    for k in ordered:  # «وزير المالية أحمد سالم» and «الوزير أحمد سالم»: the same full name
        tail = k[-2:]
        if len(k) >= 2 and not all(w.startswith("ال") for w in tail):
            if tail in by_tail and root(by_tail[tail]) != root(k):
                parent[root(k)] = root(by_tail[tail])
            by_tail.setdefault(tail, k)
    having: dict[str, list[tuple[str, ...]]] = {}
    for k in ordered:
        for w in set(k):
            having.setdefault(w, []).append(k)
    for short in ordered:
        if not short:
            continue
        homes = {root(long) for long in having.get(short[0], ())[:200]
                 if len(long) > len(short) and (
                     long[-len(short):] == short or long[:len(short)] == short
                     or (long in joined and _contains(long, short)))}
        if len(homes) == 1:
            parent[root(short)] = homes.pop()
    first_seen: dict[str, int] = {}
    for i, n in enumerate(names):
        first_seen.setdefault(n, i)
    members: dict[tuple[str, ...], list[str]] = {}
    for k, forms in by_key.items():
        members.setdefault(root(k), []).extend(forms)
    canon: dict[tuple[str, ...], str] = {}
    for r, forms in members.items():
        if forms:
            best = max(forms, key=lambda n: (_named(n), len(_key(n)), -first_seen.get(n, 0)))
            canon[r] = best.strip()
    return {n: canon[root(k)] for n, k in keys.items()}


def _contains(long: tuple[str, ...], short: tuple[str, ...]) -> bool:
    """A description joined to a name by a comma («X، وزير…») is one record: contiguous words."""
    n = len(short)
    return n >= 2 and any(long[i:i + n] == short for i in range(len(long) - n + 1))


def _named(name: str) -> int:
    """Prefer a form with a proper name to a bare description: not every word has «ال»."""
    words = _key(name)
    return sum(1 for w in words if not w.startswith("ال") and w not in OCCASIONS)


def group_speakers(quotes: list[QuoteMention],
                   aliases: dict[str, list[str]] | None = None) -> list[SpeakerGroup]:
    """One group per person for quotations found in one text, most quoted first.

    ``aliases`` adds knowledge the text's syntax does not give (``{"ماسك": ["الملياردير صاحب موقع
    تويتر"]}``): every listed form joins the key's group, shown under the key.
    """
    aliases = aliases or {}
    forced = {_key(w): name for name, ws in aliases.items() for w in [name, *ws]}
    members: dict[str, list[int]] = {}
    written: dict[str, set[str]] = {}
    for i, q in enumerate(quotes):
        who = q.speaker_canonical or (q.speaker.strip() if q.speaker else None)
        if not who:
            continue
        for form in (who, q.speaker):
            if form and _key(form) in forced:
                who = forced[_key(form)]
        members.setdefault(who, []).append(i)
        written.setdefault(who, set()).add(who)
        if q.speaker:
            written[who].add(q.speaker.strip())
    groups = [SpeakerGroup(name, tuple(sorted(written[name])), tuple(idx))
              for name, idx in members.items()]
    return sorted(groups, key=lambda g: (-len(g.quotes), g.canonical))


def with_canonical(quotes: list[QuoteMention], aliases: dict[str, list[str]]) -> list[QuoteMention]:
    """The quotations with ``speaker_canonical`` rewritten by ``group_speakers``' aliases."""
    out = list(quotes)
    for g in group_speakers(quotes, aliases):
        for i in g.quotes:
            out[i] = replace(out[i], speaker_canonical=g.canonical)
    return out
