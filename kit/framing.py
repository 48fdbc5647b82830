"""Frames: the frame lexicon and its finder, the reference coding, and Cohen's/Fleiss' kappa."""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from functools import cache
from typing import Any

from kit.arabic import fold
from kit.datasets import load_dataset

__all__ = [
    "FrameTerm", "agreement", "cohen_kappa", "describe_agreement", "find_frame_terms",
    "fleiss_kappa", "frame_counts", "frame_ids", "frames", "kappa_label", "lexicon_hits",
    "lexicon_table", "reference_coding", "suggest_coding",
]

_ARABIC_LETTER = re.compile(r"[\u0621-\u064a]")
# Proclitics written onto an Arabic word: wa-/fa- then bi-/ka-/li- and the article al-.
_PROCLITIC = "(?:[وف]?(?:بال|كال|لل|ال|[بكل])?)"
_ARTICLE = "(?:[وف]?(?:بال|كال|لل|ال))"
_EN_SUFFIX = "(?:s|es|ed|d|ing)?"
_LANDIS_KOCH = ((0.0, "poor"), (0.20, "slight"), (0.40, "fair"), (0.60, "moderate"),
                (0.80, "substantial"), (1.0, "almost_perfect"))


@dataclass(frozen=True)
class FrameTerm:
    """One lexicon term found in a text (end exclusive; text == source[start:end])."""

    start: int
    end: int
    text: str
    paragraph: int
    term_id: str
    frame: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _lower(text: str) -> str:
    # Keep one character per character so folded offsets still map back.
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _pattern(form: str) -> str:
    """Regex for one literal lexicon form: Arabic forms take proclitics, English ones suffixes."""
    folded = _lower(fold(form).text.strip())
    if _ARABIC_LETTER.search(folded):
        if folded.startswith("ال") and len(folded) > 3:
            head, stem = _ARTICLE, folded[2:]
        else:
            head, stem = _PROCLITIC, folded
        body = r"\s+".join(re.escape(w) for w in stem.split())
        return rf"(?<!\w){head}{body}\w*"
    body = r"\s+".join(re.escape(w) for w in folded.split())
    return rf"(?<![a-z0-9]){body}{_EN_SUFFIX}(?![a-z0-9])"


def compile_terms(entries: Iterable[dict]) -> tuple[tuple[re.Pattern[str], str, str], ...]:
    """Matchers for lexicon entries ({id, frame, forms_ar, forms_en}), by the lesson's rules."""
    return tuple((re.compile(_pattern(form)), entry["id"], entry["frame"])
                 for entry in entries for form in entry["forms_ar"] + entry["forms_en"])


@cache
def _compiled() -> tuple[tuple[re.Pattern[str], str, str], ...]:
    return compile_terms(load_dataset("framing")["lexicon"])


def _paragraph_starts(text: str) -> list[tuple[int, int]]:
    from kit.article import Article

    return [(p.start, p.index) for p in Article(text, lang="ar").paragraphs]


def find_frame_terms(text: str,
                     extra: tuple[tuple[re.Pattern[str], str, str], ...] = ()) -> list[FrameTerm]:
    """Every lexicon term in any text; where two overlap, the longer one wins.

    `extra` adds matchers from compile_terms() (a teacher's own lexicon).

    >>> [t.term_id for t in find_frame_terms("الفشل السريع ليس فشلا")]
    ['fail_fast', 'failure']
    """
    if not isinstance(text, str) or not text:
        return []
    folded = fold(text)
    haystack = _lower(folded.text)
    found = []
    for pattern, term_id, frame in (*_compiled(), *extra):
        for m in pattern.finditer(haystack):
            start, end = folded.span(m.start(), m.end())
            if end > start:
                found.append((start, end, term_id, frame))
    found.sort(key=lambda h: (h[0], -(h[1] - h[0]), h[2]))
    starts = _paragraph_starts(text)
    offsets = [s for s, _ in starts]
    kept: list[FrameTerm] = []
    for start, end, term_id, frame in found:
        if kept and start < kept[-1].end:
            continue
        at = bisect_right(offsets, start) - 1  # the paragraph holding start, in log time
        para = starts[at][1] if at >= 0 else 0
        kept.append(FrameTerm(start, end, text[start:end], para, term_id, frame))
    return kept


def lexicon_hits(text: str, lang: str | None = None):
    """Lexicon terms found in any text, one row per hit, with its paragraph (0 = first line)."""
    import pandas as pd

    entries = {e["id"]: e for e in load_dataset("framing")["lexicon"]}
    names = _frame_names(lang)
    rows = [{**hit.to_dict(), "term": entries[hit.term_id]["term_ar"],
             "gloss": entries[hit.term_id]["term_en"], "frame_name": names[hit.frame]}
            for hit in find_frame_terms(text)]
    cols = ["paragraph", "start", "end", "text", "term_id", "term", "gloss", "frame",
            "frame_name"]
    return pd.DataFrame(rows, columns=cols)


def _suggest(counts: Mapping[str, int]) -> str:
    ff, pf = counts.get("fail_fast", 0), counts.get("political_failure", 0)
    if ff and pf:
        return "both"
    if ff:
        return "fail_fast"
    if pf:
        return "political_failure"
    return "neutral"


def suggest_coding(text: str) -> dict[int, str]:
    """A naive frame per paragraph from lexicon hits alone (a starting point, not an answer)."""
    counts: dict[int, Counter[str]] = {i: Counter() for _, i in _paragraph_starts(text)}
    for hit in find_frame_terms(text):
        counts.setdefault(hit.paragraph, Counter())[hit.frame] += 1
    return {p: _suggest(c) for p, c in sorted(counts.items())}


def frame_counts(text: str):
    """Per paragraph: hits for each frame and the naive suggested frame."""
    import pandas as pd

    counts: dict[int, Counter[str]] = {i: Counter() for _, i in _paragraph_starts(text)}
    for hit in find_frame_terms(text):
        counts.setdefault(hit.paragraph, Counter())[hit.frame] += 1
    rows = [{"paragraph": p, "fail_fast": c.get("fail_fast", 0),
             "political_failure": c.get("political_failure", 0), "suggested": _suggest(c)}
            for p, c in sorted(counts.items())]
    return pd.DataFrame(rows, columns=["paragraph", "fail_fast", "political_failure", "suggested"])


def _lang(lang: str | None) -> str:
    from kit.i18n import get_language

    return lang or get_language()


def _frame_names(lang: str | None) -> dict[str, str]:
    lang = _lang(lang)
    return {f["id"]: f[f"name_{lang}"] for f in load_dataset("framing")["frames"]}


def frame_ids() -> list[str]:
    """The frame ids a paragraph can be coded with."""
    return [f["id"] for f in load_dataset("framing")["frames"]]


def frames(lang: str | None = None):
    """The frames with Entman's four functions (problem, cause, judgment, remedy) as a table."""
    import pandas as pd

    lang = _lang(lang)
    rows = []
    for f in load_dataset("framing")["frames"]:
        entman = f["entman"] or {}
        row = {"id": f["id"], "name": f[f"name_{lang}"], "description": f[f"description_{lang}"]}
        for key in ("problem_definition", "causal_diagnosis", "moral_judgment", "remedy"):
            row[key] = entman[key][lang] if key in entman else ""
        rows.append(row)
    return pd.DataFrame(rows)


def lexicon_table(lang: str | None = None):
    """The frame lexicon: term, English gloss, frame, the literal forms, hits in the article."""
    import pandas as pd

    names = _frame_names(lang)
    rows = [{"id": e["id"], "term": e["term_ar"], "gloss": e["term_en"], "frame": e["frame"],
             "frame_name": names[e["frame"]], "forms": ", ".join(e["forms_ar"] + e["forms_en"]),
             "hits_in_article": len(e["occurrences"])}
            for e in load_dataset("framing")["lexicon"]]
    return pd.DataFrame(rows)


def reference_coding() -> dict[int, str]:
    """The reference frame of each paragraph of the seed article (0 = headline)."""
    return {row["paragraph"]: row["frame"] for row in load_dataset("framing")["coding"]}


def cohen_kappa(a: Sequence[Any], b: Sequence[Any]) -> float:
    """Cohen's kappa for two coders' labels of the same items (nan when chance agreement is 1).

    >>> a = ["yes"] * 25 + ["no"] * 25
    >>> b = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    >>> round(cohen_kappa(a, b), 2)
    0.4
    """
    a, b = list(a), list(b)
    if len(a) != len(b):
        raise ValueError(f"The two codings have different lengths ({len(a)} and {len(b)}).")
    if not a:
        raise ValueError("There is nothing to compare: both codings are empty.")
    n = len(a)
    observed = sum(x == y for x, y in zip(a, b, strict=True)) / n
    ca, cb = Counter(a), Counter(b)
    expected = sum(ca[k] * cb[k] for k in ca) / (n * n)
    if math.isclose(expected, 1.0):
        return math.nan
    return (observed - expected) / (1 - expected)


def fleiss_kappa(table: Any) -> float:
    """Fleiss' kappa from a subjects x categories table of rating counts (same raters per row).

    >>> fleiss_kappa([[2, 0], [0, 2], [1, 1]])  # doctest: +ELLIPSIS
    0.333...
    """
    rows = [list(map(float, r)) for r in (table.to_numpy().tolist() if hasattr(table, "to_numpy")
                                          else table)]
    if not rows:
        raise ValueError("The table is empty: give one row per item and one column per category.")
    raters = sum(rows[0])
    if raters < 2 or any(not math.isclose(sum(r), raters) for r in rows):
        raise ValueError("Every row must add up to the same number of raters (at least 2).")
    if any(x < 0 for r in rows for x in r):
        raise ValueError("Counts cannot be negative.")
    n_items = len(rows)
    p_cat = [sum(col) / (n_items * raters) for col in zip(*rows, strict=True)]
    p_item = [(sum(x * x for x in r) - raters) / (raters * (raters - 1)) for r in rows]
    p_bar = sum(p_item) / n_items
    p_e = sum(p * p for p in p_cat)
    if math.isclose(p_e, 1.0):
        return math.nan
    return (p_bar - p_e) / (1 - p_e)


def kappa_label(kappa: float) -> str:
    """Landis & Koch (1977) band for a kappa: poor, slight, fair, moderate, substantial, ..."""
    if math.isnan(kappa):
        return "undefined"
    if kappa < 0:
        return "poor"
    for upper, label in _LANDIS_KOCH[1:]:
        if kappa <= upper:
            return label
    return "almost_perfect"


def _as_coding(coding: Mapping[Any, Any] | Iterable[Any]) -> dict[int, str]:
    items = coding.items() if isinstance(coding, Mapping) else enumerate(coding)
    out = {}
    for key, value in items:
        if value in (None, ""):
            continue
        out[int(key)] = str(value)
    return out


def agreement(learner_coding: Mapping[Any, Any] | Iterable[Any]) -> dict[str, Any]:
    """Percent agreement and Cohen's kappa of a learner's coding against the reference.

    `learner_coding` maps paragraph -> frame id (keys may be strings, as in saved answers),
    or is a list indexed by paragraph; uncoded paragraphs (None or "") are left out.
    """
    valid = frame_ids()
    learner = _as_coding(learner_coding)
    wrong = sorted({v for v in learner.values() if v not in valid})
    if wrong:
        from kit.i18n import t

        raise ValueError(t("framing.unknown_frame", frame=", ".join(wrong),
                           frames=", ".join(valid)))
    reference = reference_coding()
    paras = sorted(p for p in learner if p in reference)
    a = [learner[p] for p in paras]
    b = [reference[p] for p in paras]
    agree = sum(x == y for x, y in zip(a, b, strict=True))
    kappa = cohen_kappa(a, b) if paras else math.nan
    return {"n": len(paras), "agree": agree,
            "percent": 100.0 * agree / len(paras) if paras else math.nan,
            "kappa": kappa, "kappa_label": kappa_label(kappa),
            "disagreements": [{"paragraph": p, "learner": learner[p], "reference": reference[p]}
                              for p in paras if learner[p] != reference[p]]}


def describe_agreement(result: Mapping[str, Any], lang: str | None = None) -> str:
    """One sentence for the learner about an agreement() result, in their language."""
    from kit.i18n import t

    if not result["n"]:
        return t("ui.agreement_none", lang)
    label = t(f"framing.kappa.{result['kappa_label']}", lang)
    return t("framing.agreement", lang, agree=result["agree"], n=result["n"],
             percent=result["percent"], kappa=result["kappa"], label=label)
