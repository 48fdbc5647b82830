"""Highlight in the article: the learner selects the words that are a hedge, a claim, a frame
word or an attribution, right in the article's text, and is graded against the kit's spans.

The reference spans are character offsets in the kit's data (data/numbers.json hedges,
data/claims.json claims, data/framing.json frame words, data/sources.json speech verbs), or any
spans a lesson passes. Grading is by words (tokens): precision, recall and F1 over the words
selected and the words asked for, so half a claim earns half the credit; the feedback goes span
by span (found, found in part, missed) and lists words selected that were not asked for.

The text is a custom widget (anywidget; kit/static/highlight.js and .css, shipped inside the
kit, so nothing is fetched from the network): every word is a focusable checkbox. Mouse: click
a word, or drag across several. Keyboard: the arrow keys move between words (in reading order,
so ← moves forward in Arabic), Space selects, Shift+arrow extends, Enter checks. Right-to-left
for Arabic. Every check is saved through kit.progress (all attempts kept) and a re-run puts the
saved selection and its feedback back.

A lesson cell::

    from kit import highlight
    highlight.task("03_numbers", "hl_hedges", "hedge", paragraphs=[1, 2, 5, 9])
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import anywidget
import ipywidgets as widgets
import traitlets

from kit import progress
from kit.display import KIT_CSS
from kit.exercises import Item, _box, _html, _layout, _note, _style
from kit.exercises import _dir_attrs as _dirs
from kit.i18n import get_language, t
from kit.text import escape

CATEGORIES = ("hedge", "claim", "frame", "attribution")
PASS_F1 = 0.8  # a check counts as correct from this word-level F1 on
_STATIC = Path(__file__).resolve().parent / "static"
_TOKEN = re.compile(r"\S+")


@dataclass(frozen=True)
class Token:
    """A word of the article as shown: its offsets (end exclusive) and its paragraph."""

    index: int
    start: int
    end: int
    text: str
    paragraph: int


def tokens(paragraphs: list[int] | None = None) -> list[Token]:
    """The article's words in the given paragraphs (all paragraphs when None), in order."""
    from kit.article import load_article

    article = load_article()
    out: list[Token] = []
    for p in article.paragraphs:
        if paragraphs is not None and p.index not in paragraphs:
            continue
        for m in _TOKEN.finditer(article.text, p.start, p.end):
            out.append(Token(len(out), m.start(), m.end(), m.group(0), p.index))
    return out


# ---------------------------------------------------------------- the kit's spans


def _hedge_spans() -> list[dict[str, Any]]:
    """The hedge words of the article's figures (not the figure): «حوالي» of «حوالي 420 ألفًا»."""
    from kit.arabic import HEDGES_AFTER, HEDGES_BEFORE, fold
    from kit.datasets import load_dataset

    out = []
    for n in load_dataset("numbers")["items"]:
        if not n.get("hedge") or n["hedge"] == "vague":
            continue
        words = list(_TOKEN.finditer(n["quote"]))
        folded = [fold(w.group(0)).text for w in words]
        span = None
        for k in range(len(words) - 1, 0, -1):
            if " ".join(folded[:k]) in HEDGES_BEFORE:
                span = (words[0].start(), words[k - 1].end())
                break
            if " ".join(folded[-k:]) in HEDGES_AFTER:
                span = (words[-k].start(), words[-1].end())
                break
        if span is None:
            continue
        start, end = n["start"] + span[0], n["start"] + span[1]
        out.append({"start": start, "end": end, "quote": n["quote"][span[0]:span[1]],
                    "id": n["id"]})
    return out


def _attribution_spans() -> list[dict[str, Any]]:
    """The speech verb of each attribution in data/sources.json («قال»، «غرّد»، «مشيرًا»)."""
    from kit.article import load_article
    from kit.datasets import load_dataset

    text = load_article().text
    out = []
    for a in load_dataset("sources")["attributions"]:
        verb = a.get("speech_verb")
        if not verb:
            continue
        para = load_article().paragraphs[a["paragraph"]]
        at = text.rfind(verb, para.start, a["start"] + len(verb))
        if at < 0:
            at = text.find(verb, a["end"], para.end)
        if at < 0:
            continue
        out.append({"start": at, "end": at + len(verb), "quote": verb, "id": a["id"]})
    return out


def reference_spans(category: str, paragraphs: list[int] | None = None) -> list[dict[str, Any]]:
    """The kit's spans of one category ({start, end, quote, id}), in the given paragraphs."""
    from kit.article import load_article
    from kit.datasets import load_dataset

    if category == "hedge":
        spans = _hedge_spans()
    elif category == "claim":
        spans = [{"start": c["start"], "end": c["end"], "quote": c["quote"], "id": c["id"]}
                 for c in load_dataset("claims")["items"]]
    elif category == "frame":
        spans = [{"start": o["start"], "end": o["end"], "quote": o["quote"], "id": e["id"]}
                 for e in load_dataset("framing")["lexicon"] for o in e["occurrences"]]
    elif category == "attribution":
        spans = _attribution_spans()
    else:
        raise ValueError(f"category must be one of {', '.join(CATEGORIES)}, not {category!r}")
    article = load_article()
    seen, out = set(), []
    for s in sorted(spans, key=lambda s: (s["start"], s["end"])):
        if (s["start"], s["end"]) in seen:
            continue
        seen.add((s["start"], s["end"]))
        if paragraphs is None or article.paragraph_at(s["start"]) in paragraphs:
            out.append(s)
    return out


# ---------------------------------------------------------------- grading


def _covered(toks: list[Token], start: int, end: int) -> list[int]:
    return [k.index for k in toks if k.start < end and k.end > start]


def grade(selected: list[int] | set[int], reference: list[dict[str, Any]],
          toks: list[Token]) -> dict[str, Any]:
    """Word-level precision, recall and F1, and what happened to each reference span.

    ``spans`` lists each reference span with ``got`` (its words selected) of ``n`` and a
    status found / partial / missed; ``extra`` lists runs of selected words that belong to no
    reference span, with their quotes.
    """
    chosen = {int(i) for i in selected if 0 <= int(i) < len(toks)}
    spans, wanted = [], set()
    for s in reference:
        words = set(_covered(toks, s["start"], s["end"]))
        if not words:
            continue
        wanted |= words
        got = len(words & chosen)
        status = "found" if got == len(words) else "partial" if got else "missed"
        spans.append({**s, "words": sorted(words), "n": len(words), "got": got,
                      "status": status})
    right = len(chosen & wanted)
    precision = right / len(chosen) if chosen else 0.0
    recall = right / len(wanted) if wanted else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    extra_runs: list[list[int]] = []
    for i in sorted(chosen - wanted):
        if extra_runs and extra_runs[-1][-1] == i - 1:
            extra_runs[-1].append(i)
        else:
            extra_runs.append([i])
    extra = [{"words": run, "quote": " ".join(toks[i].text for i in run)} for run in extra_runs]
    marks = {**{i: "miss" for i in wanted - chosen}, **{i: "hit" for i in wanted & chosen},
             **{i: "extra" for i in chosen - wanted}}
    return {"precision": precision, "recall": recall, "f1": f1, "right": right,
            "chosen": len(chosen), "wanted": len(wanted), "spans": spans, "extra": extra,
            "marks": marks}


def selection_spans(selected: list[int] | set[int], toks: list[Token]) -> list[list[int]]:
    """The selected words as character spans [start, end] of the article, runs merged."""
    out: list[list[int]] = []
    for i in sorted({int(i) for i in selected if 0 <= int(i) < len(toks)}):
        k = toks[i]
        if out and out[-1][2] == i - 1:
            out[-1][1], out[-1][2] = k.end, i
        else:
            out.append([k.start, k.end, i])
    return [[s, e] for s, e, _ in out]


def selected_from_spans(spans: list[list[int]], toks: list[Token]) -> list[int]:
    """Token indices inside saved character spans (a saved answer put back)."""
    out = set()
    for span in spans:
        start, end = int(span[0]), int(span[1])
        out.update(k.index for k in toks if k.start >= start and k.end <= end)
    return sorted(out)


# ---------------------------------------------------------------- the widget


class HighlightArea(anywidget.AnyWidget):
    """The article's words as focusable, selectable tokens (see kit/static/highlight.js)."""

    _esm = _STATIC / "highlight.js"
    _css = _STATIC / "highlight.css"
    tokens = traitlets.List(traitlets.Dict()).tag(sync=True)
    selected = traitlets.List(traitlets.Int()).tag(sync=True)
    marks = traitlets.Dict().tag(sync=True)  # token index (as text) -> hit | miss | extra
    direction = traitlets.Unicode("rtl").tag(sync=True)
    lang = traitlets.Unicode("ar").tag(sync=True)
    labels = traitlets.Dict().tag(sync=True)
    submits = traitlets.Int(0).tag(sync=True)  # the page adds one when Enter is pressed


class Highlight(Item):
    """A highlight task: prompt, the text as a HighlightArea, check and clear buttons, feedback."""

    kind = "highlight"
    _showing = False

    def __init__(self, lesson: str, item: dict[str, Any], lang: str,
                 saved: dict[str, Any] | None = None) -> None:
        self.category = item["category"]
        self.paragraphs = item.get("paragraphs")
        self.toks = tokens(self.paragraphs)
        self.reference = item.get("spans") or reference_spans(self.category, self.paragraphs)
        super().__init__(lesson, item, lang, saved)

    def _build(self) -> widgets.VBox:
        from kit.article import load_article

        direction = "rtl" if load_article().lang == "ar" else "ltr"
        labels = {key: t(f"hl.{key}", self.lang) for key in ("help", "group", "paragraph")}
        labels.update({f"mark_{m}": t(f"hl.mark.{m}", self.lang) for m in
                       ("hit", "miss", "extra")})
        self.area = HighlightArea(
            tokens=[{"t": k.text, "p": k.paragraph} for k in self.toks], direction=direction,
            lang="ar" if direction == "rtl" else "en", labels=labels)
        self.area.observe(lambda _c: self.submit(), names="submits")
        self.area.observe(self._on_select, names="selected")
        self.button = widgets.Button(description=t("hl.submit", self.lang),
                                     tooltip=t("hl.submit", self.lang), button_style="primary",
                                     layout=_layout(width="auto"), style=_style(widgets.Button))
        self.button.on_click(lambda _b: self.submit())
        self.clear = widgets.Button(description=t("hl.clear", self.lang),
                                    tooltip=t("hl.clear", self.lang),
                                    layout=_layout(width="auto"), style=_style(widgets.Button))
        self.clear.on_click(lambda _b: self._clear())
        buttons = widgets.HBox([self.button, self.clear], layout=_layout())
        self.status = _html(escape(t("hl.selected", self.lang, n=0)), self.lang, "kit-hl-status",
                            shared_layout=True)
        return _box(self.lang, self.kind, self.id,
                    [self.prompt, self.area, self.status, buttons, self.feedback])

    def _on_select(self, change: dict[str, Any]) -> None:
        self.status.value = (f"<div {_dirs(self.lang)} aria-live=\"polite\">"
                             + escape(t("hl.selected", self.lang, n=len(change["new"])))
                             + "</div>")
        if self.area.marks and not self._showing:
            self.area.marks = {}  # the old marks no longer describe the selection

    def _clear(self) -> None:
        self.area.selected = []
        self.area.marks = {}

    def submit(self) -> dict[str, Any] | None:
        """Grade the selection, save it (an attempt), show the feedback; return the grade."""
        chosen = list(self.area.selected)
        if not chosen:
            self.feedback.value = _note("no", escape(t("hl.empty", self.lang)))
            return None
        result = grade(chosen, self.reference, self.toks)
        answer = {"category": self.category, "spans": selection_spans(chosen, self.toks),
                  "precision": round(result["precision"], 3),
                  "recall": round(result["recall"], 3), "f1": round(result["f1"], 3)}
        if not self._save(answer, correct=result["f1"] >= PASS_F1):
            return None
        self._show(result)
        return result

    def _show(self, result: dict[str, Any], extra: str = "") -> None:
        self.area.marks = {str(i): m for i, m in result["marks"].items()}
        lines = []
        for s in result["spans"]:
            quote = s["quote"] if len(s["quote"]) <= 120 else s["quote"][:118] + "…"
            if s["status"] == "found":
                lines.append(t("hl.span_found", self.lang, quote=quote))
            elif s["status"] == "partial":
                lines.append(t("hl.span_partial", self.lang, quote=quote, got=s["got"],
                               n=s["n"]))
            else:
                lines.append(t("hl.span_missed", self.lang, quote=quote))
        lines += [t("hl.extra", self.lang, quote=e["quote"]) for e in result["extra"]]
        perfect = result["right"] == result["wanted"] == result["chosen"]
        score = t("hl.score", self.lang, found=result["right"], total=result["wanted"],
                  right=result["right"], chosen=result["chosen"],
                  score=round(100 * result["f1"]))
        head = t("hl.all_right", self.lang) if perfect else score
        items = "".join(f"<li>{escape(line)}</li>" for line in lines)
        tail = "" if perfect else f"<p>{escape(t('hl.try_again', self.lang))}</p>"
        self.feedback.value = (KIT_CSS + extra + _note(
            "ok" if result["f1"] >= PASS_F1 else "no",
            f"<b>{escape(head)}</b><ul>{items}</ul>{tail}"))

    def _restore(self, record: dict[str, Any]) -> None:
        answer = record.get("answer")
        if not isinstance(answer, dict) or not isinstance(answer.get("spans"), list):
            return
        chosen = selected_from_spans(answer["spans"], self.toks)
        if not chosen:
            return
        self._showing = True
        try:
            self.area.selected = chosen
        finally:
            self._showing = False
        self._show(grade(chosen, self.reference, self.toks), extra=self._restored_note(record))


def task(lesson: str, item_id: str, category: str, paragraphs: list[int] | None = None,
         prompt: str | None = None, lang: str | None = None,
         spans: list[dict[str, Any]] | None = None) -> Highlight:
    """A highlight task in a lesson cell, with the learner's saved selection put back.

    `category` is hedge, claim, frame or attribution; `paragraphs` the article paragraphs shown
    (None: the whole article); `prompt` replaces the default instruction for the category;
    `spans` ({start, end, quote}) replace the kit's reference spans.
    """
    if category not in CATEGORIES:
        raise ValueError(f"category must be one of {', '.join(CATEGORIES)}, not {category!r}")
    lang = lang or get_language()
    item = {"id": item_id, "prompt": prompt or t(f"hl.prompt.{category}", lang),
            "category": category, "paragraphs": paragraphs, "spans": spans}
    saved = progress.load_answers().get(lesson, {}).get(item_id)
    return Highlight(lesson, item, lang, saved)
