"""Find quotations in Arabic or English news text: the words, who said them, and the verb.

Two kinds: 'direct' (words inside quotation marks) and 'reported' (قال X إن ...، X said that ...,
بحسب X). Quotation marks are paired in order within a line, whichever way they face, because
machine-translated and copied text often reverses or misplaces them. A short quoted phrase
(under four words) with no speech verb is a scare quote or a title, not a quotation.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any

from kit.arabic import ATTRIBUTIONS, EN_SPEECH_VERBS, SPEECH_VERBS, Folded, alternation, fold

__all__ = ["QuoteMention", "find_quotes"]


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

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


_MARKS = "“”\"«»„‟"
_MARK = re.compile(f"[{_MARKS}]")
_SINGLE = re.compile(r"(?<!\w)‘(?P<q>[^‘’\n]{1,400}?)’(?!\w)")
_MAX_QUOTE = 1500
_AR_VERB = rf"(?<!\w)[وف]?(?:لقد\s+)?(?P<verb>{alternation(SPEECH_VERBS)})(?!\w)"
_EN_VERB = rf"\b(?P<verb>{alternation(EN_SPEECH_VERBS)})\b"
_VERB = re.compile(rf"{_AR_VERB}|\b(?P<enverb>{alternation(EN_SPEECH_VERBS)})\b", re.IGNORECASE)
_ATTRIBUTION = re.compile(
    rf"(?<!\w)[و]?(?P<verb>{alternation(ATTRIBUTIONS)})\s*(?=\w)|\b(?P<enverb>according to)\s+",
    re.IGNORECASE,
)
# Where a speaker's name or description stops: punctuation, إن/أن, prepositions, time words.
_STOP_TOKENS = {
    "ان", "انه", "انها", "انهم", "انهن", "اننا", "انني", "بان", "بانه", "بانها", "بانهم",
    "في", "خلال", "امام", "عبر", "مع", "وسط", "عن", "من", "الي", "يوم", "امس", "لدي",
    "اليوم", "حيث", "عندما", "بعد", "قبل", "ل", "له", "لها", "لهم", "لي", "للصحفيين",
    "لوكالة", "لصحيفة", "لقناة", "لموقع", "لرويترز", "مرارا", "تكرارا", "ايضا", "كذلك",
    "مجددا", "لاحقا", "سابقا", "صباح", "مساء", "الثلاثاء", "الاربعاء", "الخميس", "الجمعة",
    "السبت", "الاحد", "الاثنين", "هو", "هي", "هم", "انه:", "ما",
    "that", "on", "in", "at", "to", "during", "after", "before", "when", "as", "while",
    "he", "she", "they", "it", "we", "i", "you", "this", "last", "yesterday", "today",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
}
_PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "هو", "هي", "هم"}
_CLAUSE = re.compile(r"(?<!\w)(?P<an>[وف]?ب?ان(?:ه|ها|هم|هن|نا|ني)?)(?!\w)|\bthat\b")
_SENTENCE_END = re.compile(r"[.!?؟\n]")
_ABBREVIATION = re.compile(r"\b(?:Rep|Sen|Gov|Dr|Mr|Mrs|Ms|Prof|Gen|Lt|Col|Jr|St|Sr|Inc|Co)\.$")
# Participles (مشيرًا، مضيفةً) after a quotation start a new clause; they do not attribute it.
_PARTICIPLES = ("قائل", "مضيف", "مشير", "موضح", "مؤكد")


def find_quotes(text: str) -> list[QuoteMention]:
    """Direct and reported quotations, sorted by start; never raises on a str.

    >>> [(q.text, q.speaker) for q in find_quotes('قال المتحدث أحمد علي: “سنعود قريبًا”')]
    [('سنعود قريبًا', 'المتحدث أحمد علي')]
    """
    if not isinstance(text, str) or not text:
        return []
    f = fold(text)
    found = _direct(f) + _reported(f) + _according(f)
    unique = {(q.start, q.end, q.kind): q for q in found if q.end > q.start}
    return sorted(unique.values(), key=lambda q: (q.start, q.end))


def _quote_pairs(f: Folded) -> list[tuple[int, int]]:
    """(open, close) mark offsets paired in order within each line."""
    pairs = []
    line_start = 0
    t = f.text
    for line in t.split("\n"):
        marks = [m.start() + line_start for m in _MARK.finditer(line)]
        if len(marks) % 2:
            # Drop the mark that looks least like an opener or closer (a stray one).
            stray = marks[-1] if _opens(t, marks[0]) else marks[0]
            marks.remove(stray)
        for a, b in zip(marks[::2], marks[1::2], strict=True):
            if b - a <= _MAX_QUOTE:
                pairs.append((a, b))
        line_start += len(line) + 1
    for m in _SINGLE.finditer(t):
        pairs.append((m.start(), m.end() - 1))
    return pairs


def _opens(t: str, i: int) -> bool:
    return (i == 0 or t[i - 1].isspace() or t[i - 1] in "(:،,") and i + 1 < len(t) \
        and not t[i + 1].isspace()


def _direct(f: Folded) -> list[QuoteMention]:
    out: list[QuoteMention] = []
    t = f.text
    previous: tuple[int, QuoteMention] | None = None  # (close offset, mention)
    for a, b in _quote_pairs(f):
        s, e = a + 1, b
        while s < e and t[s].isspace():
            s += 1
        while e > s and (t[e - 1].isspace() or t[e - 1] in "،,"):
            e -= 1
        if s >= e:
            continue
        who = _after(f, b + 1) or _before(f, a)
        if who is None and previous is not None and 0 <= a - previous[0] <= 250 \
                and "\n" not in t[previous[0]:a] and previous[1].verb:
            p = previous[1]  # a second quotation continuing the same speaker
            who = (p.speaker_start, p.speaker_end, p.verb)
        if who is None and len(t[s:e].split()) < 4:
            continue
        qs, qe = f.span(s, e)
        sp_s, sp_e, verb_text = who if who is not None else (None, None, None)
        speaker = f.original[sp_s:sp_e] if sp_s is not None else None
        mention = QuoteMention(qs, qe, f.original[qs:qe], "direct", speaker, sp_s, sp_e,
                               verb_text)
        out.append(mention)
        previous = (b, mention)
    return out


def _after(f: Folded, i: int) -> tuple[int | None, int | None, str] | None:
    """A speech verb right after a closing mark: '” قال X،' / '," said X.' / '," X said.'"""
    window = f.text[i:i + 200]
    m = re.match(r"[ \t،,.]*", window)
    j = i + (m.end() if m else 0)
    v = _VERB.match(f.text, j)
    if v and not (v["verb"] or "").startswith(_PARTICIPLES):
        key = "verb" if v["verb"] else "enverb"
        sp = _speaker_after(f, v.end(key))
        return (*sp, f.original[slice(*f.span(v.start(key), v.end(key)))])
    # English: '"...," Smith said.'
    if "\n" in f.text[i:j]:
        return None
    m2 = re.match(rf"((?:[a-z]+\s+){{0,2}}(?:[A-Z][\w.'-]*\s+){{0,4}}[A-Z][\w.'-]*"
                  rf"|[Hh]e|[Ss]he|[Tt]hey)\s+{_EN_VERB}",
                  f.text[j:j + 120])
    if m2:
        name = m2.group(1)
        verb = f.original[slice(*f.span(j + m2.start("verb"), j + m2.end("verb")))]
        if name.lower() in _PRONOUNS:
            return (None, None, verb)
        s, e = f.span(j, j + len(name))
        return (s, e, verb)
    return None


def _before(f: Folded, a: int) -> tuple[int | None, int | None, str] | None:
    """The last speech verb earlier in the same sentence, and the speaker next to it."""
    t = f.text
    lo = max(0, a - 400)
    for end in _SENTENCE_END.finditer(t, lo, a):
        if end.start() < a - 1 and not _ABBREVIATION.search(t, max(0, end.start() - 4),
                                                           end.start() + 1):
            lo = end.end()
    prior_mark = t.rfind("”", lo, a)
    lo = max(lo, prior_mark + 1)
    last = None
    for v in _VERB.finditer(t, lo, a):
        last = v
    if last is None:
        return None
    key = "verb" if last["verb"] else "enverb"
    verb = f.original[slice(*f.span(last.start(key), last.end(key)))]
    if last["enverb"]:
        s, e = _speaker_before(f, last.start(key), lo)
        if s is None:
            s, e = _speaker_after(f, last.end(key), limit=a)
        return (s, e, verb)
    s, e = _speaker_after(f, last.end(key), limit=a)
    return (s, e, verb)


def _speaker_after(f: Folded, i: int, limit: int | None = None) -> tuple[int | None, int | None]:
    """Words after a verb up to a comma, colon, إن/أن, a preposition or a quotation mark."""
    t = f.text
    stop = min(len(t), i + 160, limit if limit is not None else len(t))
    first = last = None
    count = 0
    for w in re.finditer(r"[^\s،,:;.!?؟“”\"«»„‟()]+|[،,:;.!?؟“”\"«»„‟()]", t[i:stop]):
        token = w.group()
        ws, we = i + w.start(), i + w.end()
        if not re.match(r"\w", token) or token.lower() in _STOP_TOKENS or _adverb(f, ws, we):
            break
        if token == "علي" and f.original[slice(*f.span(ws, we))].endswith("ى"):
            break  # على (on), not the name علي: folding made them one spelling
        first = ws if first is None else first
        last = we
        count += 1
        if count >= 8:
            break
    if first is None or last is None:
        return None, None
    return f.span(first, last)


def _speaker_before(f: Folded, j: int, lo: int) -> tuple[int | None, int | None]:
    """English: up to six words before 'said', back to a comma, a quotation mark or 'and'."""
    chunk = f.text[lo:j]
    cut = max(chunk.rfind(","), chunk.rfind("،"), *(chunk.rfind(m) for m in _MARKS))
    words = list(re.finditer(r"[\w.'’-]+", chunk[cut + 1:]))[-6:]
    words = [w for w in words if w.group().lower() not in ("and", "but", "so", "also")]
    while words and words[-1].group().lower() in ("also", "has", "had", "have", "then"):
        words.pop()
    if not words or words[-1].group().lower() in _PRONOUNS:
        return None, None
    base = lo + cut + 1
    return f.span(base + words[0].start(), base + words[-1].end())


def _adverb(f: Folded, ws: int, we: int) -> bool:
    """An accusative adverb like ساخرًا or مشيرةً ends a speaker's name (tanween in the original)."""
    s, e = f.span(ws, we)
    word = f.original[s:e]
    return "\u064b" in word or word.endswith(("ًا", "اً"))


def _reported(f: Folded) -> list[QuoteMention]:
    """قال X إن ...، أكد X أن ...، X said that ...: the clause after إن/أن/that."""
    out = []
    t = f.text
    for v in _VERB.finditer(t):
        key = "verb" if v["verb"] else "enverb"
        if (v["verb"] or "").startswith("وصف"):
            continue  # وصفه بأنه ... describes; it does not report speech
        window_end = min(len(t), v.end(key) + 120)
        c = _CLAUSE.search(t, v.end(key), window_end)
        if c is None:
            continue
        gap = t[v.end(key):c.start()]
        if len(gap.split()) > 8 or _SENTENCE_END.search(gap) or any(m in gap for m in _MARKS):
            continue
        verb = f.original[slice(*f.span(v.start(key), v.end(key)))]
        if key == "verb":
            sp = _speaker_after(f, v.end(key), limit=c.start())
        else:
            lo = max(0, v.start(key) - 120)
            for end in _SENTENCE_END.finditer(t, lo, v.start(key)):
                lo = end.end()
            sp = _speaker_before(f, v.start(key), lo)
            if sp[0] is None and gap.strip():
                sp = _speaker_after(f, v.end(key), limit=c.start())
        bare = c.group() == "that" or c["an"] in ("ان", "بان", "وان", "فان")
        start = c.end() if bare else c.start()
        while start < len(t) and t[start].isspace():
            start += 1
        end = _clause_end(t, start)
        if end <= start:
            continue
        qs, qe = f.span(start, end)
        speaker = f.original[sp[0]:sp[1]] if sp[0] is not None else None
        out.append(QuoteMention(qs, qe, f.original[qs:qe], "reported", speaker, sp[0], sp[1],
                                verb))
    return out


def _clause_end(t: str, start: int) -> int:
    """End of a reported clause: the sentence end outside quotation marks, at most 500 chars."""
    depth = 0
    limit = min(len(t), start + 500)
    i = start
    while i < limit:
        ch = t[i]
        if ch in _MARKS:
            depth ^= 1
        elif ch == "\n" or (ch in ".!?؟" and not depth and (i + 1 >= len(t) or t[i + 1] in
                                                             " \n\"”“»")):
            break
        i += 1
    end = i
    while end > start and t[end - 1] in " ،,":
        end -= 1
    return end


def _according(f: Folded) -> list[QuoteMention]:
    """بحسب X، ... / ...، وفقًا لـ X. / according to X, ...: the rest of the sentence."""
    out = []
    t = f.text
    for m in _ATTRIBUTION.finditer(t):
        key = "verb" if m["verb"] else "enverb"
        sp_s, sp_e = _speaker_after(f, m.end(), limit=None)
        if sp_s is None:
            continue
        verb = f.original[slice(*f.span(m.start(key), m.end(key)))]
        after = m.end()
        k = after
        while k < len(t) and t[k] not in "،,.!?؟\n":
            k += 1
        if k < len(t) and t[k] in "،," and k - after < 120:
            start = k + 1
            while start < len(t) and t[start].isspace():
                start += 1
            if t.startswith("فان", start) or t.startswith("فإن", start):
                start += 4
            end = _clause_end(t, start)
        else:
            lo = max(0, m.start() - 400)
            for se in _SENTENCE_END.finditer(t, lo, m.start()):
                lo = se.end()
            start = lo
            while start < m.start() and t[start].isspace():
                start += 1
            end = m.start()
            while end > start and t[end - 1] in " ،,":
                end -= 1
        if end <= start:
            continue
        qs, qe = f.span(start, end)
        out.append(QuoteMention(qs, qe, f.original[qs:qe], "reported",
                                f.original[sp_s:sp_e], sp_s, sp_e, verb))
    return out
