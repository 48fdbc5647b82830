"""The article: its text, paragraphs, sentences and character offsets, and an escaped HTML view."""

from __future__ import annotations

import hashlib
import json
import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise
from typing import Any

from kit.paths import data_dir
from kit.text import direction, escape, language_of

ARTICLE_SHA256 = "fe179756364f476e1201a2446e192aada72a0807dc36418904c8b0203921dade"

# Okabe–Ito colours, lightened for a text background; distinguishable with colour-blindness.
HIGHLIGHT_COLOURS = ("#FBE3B0", "#CFE8F7", "#C8EEDF", "#F9F3B4", "#C7DDF0", "#F6D2B8", "#EED6E5")

_SENTENCE_END = re.compile(r"[.!?؟](?:[”“\"»’]+)?(?=\s+|$)")


@dataclass(frozen=True)
class Span:
    """A stretch of the article by character offsets (end exclusive) with its exact text."""

    start: int
    end: int
    text: str
    index: int = 0


@dataclass(frozen=True)
class Highlight:
    """A span to mark in the article view, with an optional visible label and colour group."""

    start: int
    end: int
    label: str = ""
    group: str = ""


@dataclass
class Article:
    """A news text split into paragraphs (paragraph 0 is the headline) and sentences."""

    text: str
    title: str = ""
    lang: str = ""
    metadata: dict[str, Any] = field(default_factory=dict)
    paragraphs: list[Span] = field(init=False)
    sentences: list[Span] = field(init=False)

    def __post_init__(self) -> None:
        self.lang = self.lang or language_of(self.text)
        self.paragraphs = _split_paragraphs(self.text)
        self.sentences = _split_sentences(self.text, self.paragraphs)
        if not self.title and self.paragraphs:
            self.title = self.paragraphs[0].text

    @classmethod
    def from_text(cls, text: str, **kwargs: Any) -> Article:
        """An Article from any pasted text (line endings normalised, nothing else changed)."""
        return cls(text.replace("\r\n", "\n").replace("\r", "\n"), **kwargs)

    def span(self, start: int, end: int) -> str:
        """The exact text between two character offsets (end exclusive)."""
        if not 0 <= start <= end <= len(self.text):
            raise IndexError(f"span {start}:{end} is outside the article (0:{len(self.text)})")
        return self.text[start:end]

    def paragraph_at(self, offset: int) -> int:
        """Number of the paragraph holding a character offset (0 = headline)."""
        for p in self.paragraphs:
            if p.start <= offset < p.end:
                return p.index
        raise IndexError(f"offset {offset} is not inside any paragraph")

    def find(self, quote: str, start: int = 0) -> tuple[int, int]:
        """Offsets of the first occurrence of an exact quote, for building span data."""
        at = self.text.find(quote, start)
        if at < 0:
            raise ValueError(f"not in the article: {quote!r}")
        return at, at + len(quote)

    def show(self, highlight: Iterable[Any] = (), paragraphs: Iterable[int] | None = None):
        """Render the article with numbered paragraphs and optional highlighted spans.

        `highlight` takes Highlight objects, (start, end[, label]) tuples, dicts with
        start/end[/label/group], or finder mentions (anything with .start and .end).
        All text is escaped; the view reads right-to-left for Arabic.
        """
        from kit.display import HTML

        return HTML(render_article(self, [_as_highlight(h) for h in highlight], paragraphs))


def _as_highlight(h: Any) -> Highlight:
    if isinstance(h, Highlight):
        return h
    if isinstance(h, dict):
        return Highlight(int(h["start"]), int(h["end"]), str(h.get("label", "")),
                         str(h.get("group", h.get("label", ""))))
    if isinstance(h, tuple | list):
        label = str(h[2]) if len(h) > 2 else ""
        return Highlight(int(h[0]), int(h[1]), label, label)
    label = str(getattr(h, "label", "") or "")
    unit = getattr(h, "unit", None)
    if not label and unit:
        label = _unit_label(str(unit))
    return Highlight(int(h.start), int(h.end), label, label)


def _unit_label(unit: str) -> str:
    """A finder's unit code as the reader's word: 'hour' → «ساعة», 'USD' → «دولار أمريكي».

    A unit with no word in Arabic shows no label rather than an English code.
    """
    from kit.i18n import get_language, strings

    lang = get_language()
    key = f"workbench.unit.{unit}"
    return strings(lang).get(key) or ("" if lang == "ar" else unit)


def render_article(article: Article, highlights: list[Highlight],
                   only: Iterable[int] | None = None) -> str:
    """HTML for the article; overlapping highlights are split at their boundaries.

    Each highlight is filed under the paragraphs it overlaps (by bisection), and each
    paragraph is swept once, so time grows with text plus highlights, not their product.
    """
    dir_ = direction(article.text)
    lang = article.lang
    groups: dict[str, str] = {}
    for h in highlights:
        groups.setdefault(h.group, HIGHLIGHT_COLOURS[len(groups) % len(HIGHLIGHT_COLOURS)])
    starts = [p.start for p in article.paragraphs]
    by_paragraph: dict[int, list[Highlight]] = {}
    for h in highlights:
        if h.end <= h.start:
            continue
        first = max(0, bisect_right(starts, h.start) - 1)
        last = bisect_right(starts, h.end - 1) - 1
        for n in range(first, last + 1):
            p = article.paragraphs[n]
            if h.start < p.end and h.end > p.start:
                by_paragraph.setdefault(n, []).append(h)
    wanted = set(only) if only is not None else None
    align = "right" if dir_ == "rtl" else "left"
    rows = []
    for p in article.paragraphs:
        if wanted is not None and p.index not in wanted:
            continue
        body = _mark_paragraph(article.text, p, by_paragraph.get(p.index, []), groups)
        tag = "h3" if p.index == 0 else "p"
        rows.append(
            f'<{tag} class="kit-para" data-para="{p.index}" style="text-align:{align};'
            f'margin:0.4em 0;line-height:1.9">'
            f'<span class="kit-para-num" style="display:inline-block;'
            f'min-width:2em;color:#555;font-size:0.85em">{p.index}</span> {body}</{tag}>'
        )
    return (f'<div class="kit-article" dir="{dir_}" lang="{lang}" '
            f'style="text-align:{align};max-width:52em">' + "".join(rows) + "</div>")


def _mark_paragraph(text: str, para: Span, inside: list[Highlight],
                    groups: dict[str, str]) -> str:
    if not inside:
        return escape(para.text)
    events: dict[int, list[tuple[int, int]]] = {}  # offset -> [(+1 open | -1 close, id)]
    for i, h in enumerate(inside):
        events.setdefault(max(h.start, para.start), []).append((1, i))
        events.setdefault(min(h.end, para.end), []).append((-1, i))
    events.setdefault(para.start, [])
    events.setdefault(para.end, [])
    points = sorted(events)
    active: set[int] = set()
    out = []
    for a, b in pairwise(points):
        for kind, i in events[a]:
            (active.add if kind == 1 else active.discard)(i)
        piece = escape(text[a:b])
        if not active:
            out.append(piece)
            continue
        h = min((inside[i] for i in active), key=lambda x: x.end - x.start)  # innermost wins
        title = f' title="{escape(h.label)}"' if h.label else ""
        out.append(f'<mark data-group="{escape(h.group)}"{title} '
                   f'style="background:{groups[h.group]};color:inherit;padding:0 2px;'
                   f'border-bottom:2px solid #333">{piece}</mark>')
        if h.label and h.end <= b:
            out.append(f'<sup class="kit-label" style="font-size:0.7em;color:#333">'
                       f'[{escape(h.label)}]</sup>')
    return "".join(out)


def _split_paragraphs(text: str) -> list[Span]:
    spans = []
    for m in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*", text):
        raw = m.group(0)
        stripped = raw.strip()
        if not stripped:
            continue
        start = m.start() + (len(raw) - len(raw.lstrip()))
        spans.append(Span(start, start + len(stripped), stripped, len(spans)))
    return spans


def _split_sentences(text: str, paragraphs: list[Span]) -> list[Span]:
    out: list[Span] = []
    for p in paragraphs:
        pos = p.start
        for m in _SENTENCE_END.finditer(text, p.start, p.end):
            _add_sentence(text, pos, m.end(), out)
            pos = m.end()
        _add_sentence(text, pos, p.end, out)
    return out


def _add_sentence(text: str, start: int, end: int, out: list[Span]) -> None:
    piece = text[start:end]
    lead = len(piece) - len(piece.lstrip())
    body = piece.strip()
    if body:
        out.append(Span(start + lead, start + lead + len(body), body, len(out)))


@cache
def _seed_article() -> Article:
    folder = data_dir() / "article"
    raw = (folder / "article_ar.txt").read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    if digest != ARTICLE_SHA256:
        from kit.datasets import DataError

        raise DataError(f"{folder / 'article_ar.txt'}: the article text has changed "
                        f"(sha256 {digest[:12]}…); every offset in data/ depends on it")
    meta = json.loads((folder / "metadata.json").read_text(encoding="utf-8"))
    return Article(raw.decode("utf-8"), lang="ar", metadata=meta)


def load_article() -> Article:
    """The seed article (Arabic machine translation of an AP story, 24–25 May 2023)."""
    return _seed_article()


def about(lang: str | None = None):
    """What is known about the seed article: wire service, date, translation, sources, gaps."""
    from kit.display import HTML
    from kit.i18n import get_language, readable_time, t
    from kit.sources import source_date, source_label

    lang = lang or get_language()
    meta = load_article().metadata
    attrs = 'dir="rtl" lang="ar" style="text-align:right"' if lang == "ar" else 'dir="ltr"'
    # The outlet in the reader's script (with what kind of copy it is), the date in words and
    # the confidence as a word: no English names, ISO dates or raw codes in the Arabic table.
    rows = []
    for s in meta["sources"]:
        confidence = t(f"references.confidence.{s['confidence']}", lang)
        rows.append(
            f"<tr><td>{escape(source_label(s, lang, confidence=False, date=False))}</td>"
            f"<td>{escape(source_date(s['date'], lang))}</td>"
            f"<td>{escape(s['what'][lang])}</td>"
            f'<td><a href="{escape(s["url"])}" target="_blank" rel="noopener">'
            f'{escape(s["url"][:60])}…</a></td><td>{escape(confidence)}</td></tr>')
    rows = "".join(rows)
    head = "".join(f"<th>{escape(t(k, lang))}</th>" for k in
                   ("about.outlet", "sources.published", "about.what", "about.link",
                    "about.confidence"))
    gaps = "".join(f"<li>{escape(u[lang])}</li>" for u in meta["uncertain"])
    return HTML(
        f'<div class="kit-about" {attrs}><h3>{escape(t("about.title", lang))}</h3><ul>'
        f"<li><b>{escape(t('about.wire', lang))}:</b> {escape(meta['wire_service'][lang])}</li>"
        f"<li><b>{escape(t('about.date', lang))}:</b> "
        f"{escape(readable_time(meta['event_date'], lang, date_only=True))}</li>"
        f"<li><b>{escape(t('about.mt', lang))}:</b> {escape(meta['translation_note'][lang])}</li>"
        f"</ul><h4>{escape(t('about.sources', lang))}</h4><table><tr>{head}</tr>{rows}</table>"
        f"<h4>{escape(t('about.uncertain', lang))}</h4><ul>{gaps}</ul></div>")
