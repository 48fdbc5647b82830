"""Any article a learner pastes, analysed: figures, quotations and speakers, dates, frame words.

``analyse(text)`` first checks the input (empty, too long, binary junk, a web page, another
script) and always returns an `Analysis`: a `Table` for each finder (plain rows; no pandas in
the lesson's kernel, ``to_pandas()`` gives a DataFrame), warnings about weekdays, and
``show(section)`` for escaped HTML. A refused text gives an Analysis whose ``problem`` is a
sentence for the learner and whose tables are empty; nothing here raises on a str.

>>> analyse("").problem is not None
True
"""

from __future__ import annotations

import hashlib
import html
import os
import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from kit.arabic import fold
from kit.article import Article
from kit.display import HTML
from kit.i18n import get_language, strings, t
from kit.paths import data_dir

LESSON = "07_your_article"
ENV_FILE = "KIT_ARTICLE_FILE"  # a text file shown first (a teacher's article, or the tests)
MAX_CHARS = 100_000  # about 15,000 words: any news article, and fast enough (see the tests)
MAX_RAW_CHARS = 1_000_000  # a web page's markup can be many times its words
JUNK_SHARE = 0.01  # above 1% control or replacement characters it is not text
HIGHLIGHT_BUDGET = 2_000_000  # (paragraphs + spans) x spans: about a second of rendering
__all__ = ["Analysis", "Cleaned", "DateWarning", "Table", "analyse", "article_input", "clean_text",
           "date_warnings", "find_frame_words", "frame_names", "speaker_aliases",
           "speaker_names", "strip_html"]

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
SECTIONS = ("summary", "article", "numbers", "quotes", "speakers", "dates", "frames")

_JUNK = re.compile("[\ufffd\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_KNOWN_LETTER = re.compile(r"[\u0621-\u064a\u0671-\u06d3\ufb50-\ufdff\ufe70-\ufefcA-Za-z"
                           r"\u00c0-\u024f]")
_LETTER = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"\w+")
_TAG_NAMES = (r"!doctype|html|head|body|p|div|span|a|br|script|style|h[1-6]|li|ul|ol|table|tr"
              r"|td|article|section|img|meta|link|iframe|b|i|em|strong")
_HTML_TAG = re.compile(rf"<\s*/?\s*(?:{_TAG_NAMES})\b[^<>]{{0,2000}}>", re.IGNORECASE)
_ANY_TAG = re.compile(r"<(/?)\s*([A-Za-z][\w:-]*)[^<>]*>|<![^<>]*>|<\?[^<>]*>")
_BLOCK_TAGS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "article",
               "section", "blockquote", "title", "header", "footer", "table", "ul", "ol", "hr",
               "pre", "figcaption", "dd", "dt"}
_SKIP_OPEN = re.compile(r"<(script|style|noscript|template|svg|iframe|object|head)(?![\w-])"
                        r"|<!--")


# ---------------------------------------------------------------- the learner's text


def article_input(lang: str | None = None):
    """The notebook widget: paste or upload an article, press Analyse, sections follow below.

    The box starts with the learner's saved text, else the file named by the environment
    variable KIT_ARTICLE_FILE (a teacher's article; the tests use it), else the seed article.
    """
    from kit.workbench_view import ArticleInput

    return ArticleInput(lang)


def default_text(lang: str | None = None) -> tuple[str, str]:
    """(text, where it came from, as a sentence): saved text, KIT_ARTICLE_FILE, seed article."""
    from kit import progress
    from kit.article import load_article

    lang = lang or get_language()
    record = progress.load_answers().get(LESSON, {}).get("text") or {}
    saved = record.get("answer")
    if isinstance(saved, str) and saved.strip():
        return saved, t("workbench.origin.saved", lang)
    path = os.environ.get(ENV_FILE)
    if path:
        try:
            with open(path, "rb") as fh:
                raw = fh.read(4 * MAX_RAW_CHARS + 4)
            text = raw.decode("utf-8", errors="replace").lstrip("\ufeff")
            return text, t("workbench.origin.file", lang, name=Path(path).name)
        except OSError:
            return load_article().text, t("workbench.origin.file_failed", lang,
                                          name=Path(path).name)
    return load_article().text, t("workbench.origin.seed", lang)


def save_text(text: str, lang: str | None = None) -> str:
    """Save the analysed text so a re-run restores it; a sentence saying what happened."""
    from kit import progress

    lang = lang or get_language()
    if len(text) > progress.MAX_TEXT_CHARS:
        return t("workbench.notice.not_saved", lang, max=grouped(progress.MAX_TEXT_CHARS, lang))
    try:
        progress.save_answer(LESSON, "text", text, kind="text")
    except (OSError, ValueError) as exc:
        return t("workbench.notice.save_failed", lang, reason=str(exc))
    return t("workbench.notice.saved", lang)


# ---------------------------------------------------------------- checking the input


@dataclass
class Cleaned:
    """The text to analyse, notices for the learner, or the problem that stops the analysis."""

    text: str = ""
    notices: list[str] = field(default_factory=list)
    problem: str | None = None


def clean_text(raw: Any, lang: str | None = None) -> Cleaned:
    """Check pasted text; every step is linear in its length, so 5 MB is refused at once."""
    lang = lang or get_language()
    if not isinstance(raw, str):
        return Cleaned(problem=t("workbench.problem.not_text", lang))
    if len(raw) > MAX_RAW_CHARS:
        return Cleaned(problem=t("workbench.problem.too_long", lang, n=grouped(len(raw), lang),
                                 max=grouped(MAX_CHARS, lang)))
    notices = []
    junk = len(_JUNK.findall(raw))
    if junk > max(3, JUNK_SHARE * len(raw)):
        share = max(1, round(100 * junk / len(raw)))
        return Cleaned(problem=t("workbench.problem.binary", lang, share=share))
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    if len(_HTML_TAG.findall(text, 0, 200_000)) >= 2:
        text = strip_html(text)
        notices.append(t("workbench.notice.html", lang))
    text = text.strip()
    if not text:
        return Cleaned(problem=t("workbench.problem.empty", lang))
    if len(text) > MAX_CHARS:
        return Cleaned(problem=t("workbench.problem.too_long", lang, n=grouped(len(text), lang),
                                 max=grouped(MAX_CHARS, lang)))
    letters = len(_LETTER.findall(text))
    if not letters:
        return Cleaned(problem=t("workbench.problem.no_letters", lang))
    if len(_KNOWN_LETTER.findall(text)) < letters / 2:
        return Cleaned(problem=t("workbench.problem.script", lang))
    junk = len(_JUNK.findall(text))
    if junk:
        notices.append(t("workbench.notice.junk", lang, n=junk))
    return Cleaned(text, notices)


def strip_html(markup: str) -> str:
    """The words of a web page: scripts, styles and tags removed, block tags as paragraph breaks.

    Linear on any input (the stdlib html.parser is quadratic on some malformed pages). The
    result is plain text; it is escaped again wherever it is shown.

    >>> strip_html("<p>a &amp; b</p><script>alert(1)</script><p>c</p>")
    'a & b\\n\\nc'
    """
    lower = markup.lower()
    kept, pos = [], 0
    while True:  # drop whole script/style/… elements and comments; pos only moves forward
        m = _SKIP_OPEN.search(lower, pos)
        if m is None:
            kept.append(markup[pos:])
            break
        kept.append(markup[pos:m.start()])
        close = "-->" if m.group(1) is None else f"</{m.group(1)}"
        end = lower.find(close, m.end())
        if end < 0:
            break  # never closed: the rest is script, not words
        gt = lower.find(">", end)
        pos = len(markup) if gt < 0 else gt + 1
        kept.append("\n\n")
    body = "".join(kept)

    def tag(m: re.Match[str]) -> str:
        return "\n\n" if (m.group(2) or "").lower() in _BLOCK_TAGS else " "

    text = html.unescape(_ANY_TAG.sub(tag, body))
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


# ---------------------------------------------------------------- the analysis


@dataclass(frozen=True)
class DateWarning:
    """Two weekdays for one text, or a weekday that is not the weekday of the date beside it."""

    kind: str  # 'weekdays' | 'weekday_date' (also through a Hijri date and its «الموافق»)
    #      | 'hijri_gregorian' | 'relative_days' | 'relative_published' (kit.finders.DateCheck)
    values: tuple[str, ...]  # (day a, day b), (said, actual, iso Gregorian date) or the check's
    #                          (said, actual): Hijri and Gregorian ISO dates, or two weekdays
    mentions: tuple[Any, ...]


class Table:
    """One finder's rows in column order: what lesson 07 needs of a table, without pandas.

    ``table["column"]`` is a column as a list, ``table.rows`` the rows as dicts,
    ``to_dict("records")`` copies of them; ``to_pandas()`` gives a DataFrame to explore.
    In a notebook it shows as an escaped HTML table. A missing value is None.
    """

    __slots__ = ("columns", "rows")

    def __init__(self, rows: list[dict[str, Any]], columns: list[str]) -> None:
        self.columns = list(columns)
        self.rows = [{c: r.get(c) for c in self.columns} for r in rows]

    def __len__(self) -> int:
        return len(self.rows)

    @property
    def empty(self) -> bool:
        return not self.rows

    def __getitem__(self, column: str) -> list[Any]:
        if column not in self.columns:
            raise KeyError(f"There is no column {column!r}. The columns are: "
                           f"{', '.join(self.columns)}")
        return [r[column] for r in self.rows]

    def to_dict(self, orient: str = "records") -> list[dict[str, Any]]:
        """The rows as new dicts (``orient`` is "records" only, as pandas names it)."""
        if orient != "records":
            raise ValueError("Table.to_dict gives records only")
        return [dict(r) for r in self.rows]

    def where(self, **equal: Any) -> Table:
        """The rows whose columns equal the values given: ``quotes.where(kind="direct")``."""
        return Table([r for r in self.rows if all(r[c] == v for c, v in equal.items())],
                     self.columns)

    def to_pandas(self):
        """The table as a pandas DataFrame (pandas is imported only here)."""
        import pandas as pd

        return pd.DataFrame(self.rows, columns=self.columns)

    def _repr_html_(self) -> str:
        from kit.text import escape

        head = "".join(f"<th>{escape(c)}</th>" for c in self.columns)
        body = "".join("<tr>" + "".join(f'<td dir="auto">{escape(_cell(r[c]))}</td>'
                                        for c in self.columns) + "</tr>" for r in self.rows)
        return (f'<table class="kit-wb-table"><thead><tr>{head}</tr></thead>'
                f"<tbody>{body}</tbody></table>")

    def __repr__(self) -> str:
        return f"<Table: {len(self.rows)} rows; columns {', '.join(self.columns)}>"


def _cell(value: Any) -> str:
    return "" if value is None else str(value)


@dataclass
class Analysis:
    """What the finders saw in one text; tables are `Table`s, sections are escaped HTML."""

    text: str
    lang: str
    article: Article | None = None
    numbers: Any = None
    quotes: Any = None
    speakers: Any = None
    dates: Any = None
    warnings: list[DateWarning] = field(default_factory=list)
    checks: list[Any] = field(default_factory=list)  # kit.finders.DateCheck, every kind
    published: str | None = None  # the article's date when known (relative days use it)
    aliases: dict[str, list[str]] = field(default_factory=dict)  # speaker links the text supports
    frames: Any = None
    frame_hits: Any = None
    notices: list[str] = field(default_factory=list)
    problem: str | None = None
    _starts: list[int] | None = field(default=None, repr=False)

    @property
    def ok(self) -> bool:
        return self.problem is None

    @property
    def key(self) -> str:
        """A short hash of the text: worksheet item ids start with it, so answers stay put."""
        return hashlib.sha256(self.text.encode("utf-8", "surrogatepass")).hexdigest()[:8]

    def paragraph_of(self, offset: int) -> int:
        """The paragraph holding a character offset (0 = first line), in O(log n)."""
        if self._starts is None:
            self._starts = [p.start for p in self.article.paragraphs] if self.article else [0]
        return max(0, bisect_right(self._starts, offset) - 1)

    def show(self, section: str = "article") -> HTML:
        """One section as HTML: summary, article, numbers, quotes, speakers, dates or frames."""
        from kit.workbench_view import render

        return HTML(render(self, section))

    def _repr_html_(self) -> str:
        return self.show("summary").html


_COLUMNS = {
    "numbers": ["paragraph", "start", "end", "text", "value", "value_max", "unit", "hedge"],
    "quotes": ["paragraph", "start", "end", "text", "kind", "speaker", "written_as", "verb",
               "words"],
    "speakers": ["speaker", "passages", "words", "direct", "reported", "also_written"],
    "dates": ["paragraph", "start", "end", "text", "kind", "value", "calendar"],
    "frame_hits": ["paragraph", "start", "end", "text", "term_id", "frame"],
}


def _frame(rows: list[dict], name: str, columns: list[str] | None = None) -> Table:
    return Table(rows, columns or _COLUMNS[name])


def analyse(text: Any, lang: str | None = None, published: str | None = None,
            aliases: dict[str, list[str]] | None = None) -> Analysis:
    """Check a text and run every finder on it; a learner-facing ``problem`` instead of errors.

    ``published`` (ISO date) resolves relative days («أمس»); ``aliases`` joins speakers the
    grammar cannot join (``{"ماسك": ["الملياردير صاحب موقع تويتر"]}``). Both default to what
    data/article gives for the lesson article (see ``speaker_aliases``), else nothing.

    >>> a = analyse("قال الوزير إن نحو 300 شخص حضروا يوم الثلاثاء.", "en")
    >>> a.numbers["hedge"][0], a.speakers["speaker"][0]
    ('approx', 'الوزير')
    """
    lang = lang or get_language()
    cleaned = clean_text(text, lang)
    result = Analysis(cleaned.text, lang, notices=list(cleaned.notices), problem=cleaned.problem)
    if cleaned.problem:
        _empty_tables(result)
        return result
    result.article = Article.from_text(cleaned.text)
    from kit.finders import find_dates, find_numbers, find_quotes

    result.published = published if published is not None else _known_date(cleaned.text)
    result.aliases = aliases if aliases is not None else speaker_aliases(cleaned.text)
    numbers = _safely(find_numbers, result, "numbers")
    quotes = _safely(find_quotes, result, "quotes")
    dates = _safely(lambda s: find_dates(s, published=result.published), result, "dates")
    para = result.paragraph_of
    result.numbers = _frame([{"paragraph": para(n.start), "start": n.start, "end": n.end,
                              "text": n.text, "value": n.value, "value_max": n.value_max,
                              "unit": n.unit, "hedge": n.hedge} for n in numbers], "numbers")
    result.quotes, result.speakers = _quote_tables(quotes, para, result.aliases)
    result.dates = _frame([{"paragraph": para(d.start), "start": d.start, "end": d.end,
                            "text": d.text, "kind": d.kind, "value": str(d.value),
                            "calendar": d.calendar} for d in dates], "dates")
    result.checks = _safely(lambda s: _date_checks(s, result.published), result, "dates")
    result.warnings = _safely(lambda s: date_warnings(s, dates, result.checks), result, "dates")
    hits = _safely(lambda s: find_frame_words(s, para), result, "frames")
    result.frame_hits = _frame(hits, "frame_hits")
    result.frames = _per_paragraph(result, hits)
    return result


def _safely(finder: Callable[[str], list], result: Analysis, what: str) -> list:
    """A finder's mentions; if one fails on odd text, say so and keep the other sections."""
    try:
        return list(finder(result.text))
    except Exception:  # the learner sees a sentence, never a traceback
        result.notices.append(t("workbench.notice.finder_failed", result.lang,
                                what=t(f"workbench.what.{what}", result.lang)))
        return []


def _empty_tables(result: Analysis) -> None:
    for name in ("numbers", "quotes", "speakers", "dates", "frame_hits"):
        setattr(result, name, _frame([], name))
    result.frames = _frame([], "frames", ["paragraph", "hits", "terms"])


# ---------------------------------------------------------------- quotations and speakers


def speaker_names(written: list[str]) -> dict[str, str]:
    """Each speaker as written -> one name per person: a short name joins the full name it ends.

    >>> speaker_names(["ساكس", "المضيف ديفيد ساكس"])["ساكس"]
    'المضيف ديفيد ساكس'
    """
    names = {w.strip() for w in written if w and w.strip()}
    words = {n: fold(n).text.lower().split() for n in names}
    canon = {}
    for n in names:
        w = words[n]
        longer = sorted((m for m in names if len(words[m]) > len(w) and words[m][-len(w):] == w),
                        key=lambda m: len(words[m]))
        if longer and all(words[longer[-1]][-len(words[m]):] == words[m] for m in longer):
            canon[n] = longer[-1]
        else:
            canon[n] = n
    return canon


def _quote_tables(quotes: list, para: Callable[[int], int],
                  aliases: dict[str, list[str]] | None = None):
    """Rows per quotation and per person: ``group_speakers`` joins every way one person is
    written in the text (names, surnames, titles, continuations, ``aliases``)."""
    from kit.finders import group_speakers

    person: dict[int, str] = {}
    written: dict[str, tuple[str, ...]] = {}
    for g in group_speakers(quotes, aliases or {}):
        written[g.canonical] = g.written
        for i in g.quotes:
            person[i] = g.canonical
    rows, spans, counts = [], {}, {}
    for i, q in enumerate(quotes):
        who = person.get(i)
        rows.append({"paragraph": para(q.start), "start": q.start, "end": q.end, "text": q.text,
                     "kind": q.kind, "speaker": who, "written_as": q.speaker, "verb": q.verb,
                     "words": len(_WORD.findall(q.text))})
        spans.setdefault(who, []).append((q.start, q.end, q.text))
        c = counts.setdefault(who, {"direct": 0, "reported": 0})
        c["direct" if q.kind == "direct" else "reported"] += 1
    speakers = []
    for who, found in spans.items():
        merged = _merge(found)
        also = sorted(w for w in written.get(who, ()) if w and w.strip() != who)
        speakers.append({"speaker": who, "passages": len(merged),
                         "words": sum(len(_WORD.findall(s)) for s in merged),
                         "direct": counts[who]["direct"], "reported": counts[who]["reported"],
                         "also_written": "، ".join(also)})
    speakers.sort(key=lambda r: (r["speaker"] is None, -r["words"], r["speaker"] or ""))
    return _frame(rows, "quotes"), _frame(speakers, "speakers")


# ---------------------------------------------------------------- what data/article knows


def _article_records() -> list[dict[str, Any]]:
    """Alias records: data/article/speaker_aliases.json, and metadata.json's optional
    ``speaker_aliases`` (same shape: canonical, written, evidence)."""
    import json

    out: list[dict[str, Any]] = []
    folder = data_dir() / "article"
    path = folder / "speaker_aliases.json"
    if path.exists():
        out += json.loads(path.read_text("utf-8")).get("aliases", [])
    meta = folder / "metadata.json"
    if meta.exists():
        extra = json.loads(meta.read_text("utf-8")).get("speaker_aliases")
        if isinstance(extra, dict):  # {"ماسك": ["…"]}: no evidence given, so not applied
            extra = []
        out += [r for r in extra or [] if isinstance(r, dict)]
    return out


def speaker_aliases(text: str) -> dict[str, list[str]]:
    """Speaker links recorded in data/article that hold for ``text``: a record applies only when
    every sentence given as its evidence is in the text, and the forms it joins are there too.

    A record without evidence is never applied: the tool does not join two names the text
    does not link.
    """
    out: dict[str, list[str]] = {}
    for record in _article_records():
        evidence = record.get("evidence") or []
        name, forms = record.get("canonical"), record.get("written") or []
        if not name or not forms or not evidence:
            continue
        if not all(isinstance(e, dict) and e.get("text") and _at(text, e) for e in evidence):
            continue
        present = [w for w in forms if w in text]
        if present and name in text:
            out.setdefault(name, []).extend(present)
    return out


def _at(text: str, e: dict[str, Any]) -> bool:
    start, end = e.get("start"), e.get("end")
    if isinstance(start, int) and isinstance(end, int) and text[start:end] == e["text"]:
        return True
    return e["text"] in text


@cache
def _seed_digest() -> tuple[str, str | None]:
    import json

    meta = json.loads((data_dir() / "article" / "metadata.json").read_text("utf-8"))
    published = str(meta.get("published") or "")
    single = published if re.fullmatch(r"\d{4}-\d{2}-\d{2}", published) else None
    return str(meta.get("sha256", "")), single


def _known_date(text: str) -> str | None:
    """The lesson article's date of publication when it is one day (not a range), else None."""
    try:
        digest, published = _seed_digest()
    except (OSError, ValueError):
        return None
    if hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest() != digest:
        return None
    return published


def _merge(spans: list[tuple[int, int, str]]) -> list[str]:
    """Overlapping quotations of one speaker joined, so no word is counted twice."""
    out: list[list[Any]] = []
    for s, e, text in sorted(spans):
        if out and s < out[-1][1]:
            last = out[-1]
            if e > last[1]:
                last[2] += text[last[1] - s:]
                last[1] = e
        else:
            out.append([s, e, text])
    return [text for _s, _e, text in out]


# ---------------------------------------------------------------- dates


def _date_checks(text: str, published: str | None) -> list[Any]:
    from kit.finders import date_checks

    return date_checks(text, published=published)


def date_warnings(text: str, dates: list, checks: list | None = None) -> list[DateWarning]:
    """Two different weekdays in one text, and a weekday that contradicts the date beside it,
    also through a Hijri date and its «الموافق» (``kit.finders.date_checks``), a Hijri date
    and its «الموافق» that do not match, and relative days («أمس الأحد») that disagree with
    each other or with the article's date."""
    from kit.finders import weekday_conflicts

    if checks is None:
        checks = _date_checks(text, None)
    out = [DateWarning("weekdays", tuple(c.weekdays), tuple(c.mentions))
           for c in weekday_conflicts(text)]
    seen = set()
    for c in checks:
        if c.kind in ("hijri_gregorian", "relative_days", "relative_published"):
            out.append(DateWarning(c.kind, (str(c.said), str(c.actual)), tuple(c.mentions)))
            continue
        if c.kind != "weekday_date":
            continue
        iso = _gregorian_of(c.mentions)
        if iso is None or (c.mentions[0].start, iso) in seen:
            continue
        seen.add((c.mentions[0].start, iso))
        out.append(DateWarning("weekday_date", (c.said, c.actual, iso), tuple(c.mentions)))
    return out


def _gregorian_of(mentions: tuple) -> str | None:
    """The Gregorian date (ISO) a weekday was checked against: written, or from the Hijri."""
    from kit.finders.dates import hijri_to_gregorian

    for m in mentions:
        if getattr(m, "kind", "") == "date" and m.calendar != "hijri" and re.fullmatch(
                r"\d{4}-\d{2}-\d{2}", str(m.value)):
            return str(m.value)
    for m in mentions:
        if getattr(m, "kind", "") == "date" and m.calendar == "hijri":
            parts = re.fullmatch(r"(\d{3,4})-(\d{2})-(\d{2})", str(m.value))
            if parts:
                try:
                    return hijri_to_gregorian(*map(int, parts.groups())).isoformat()
                except (ValueError, OverflowError):
                    return None
    return None


# ---------------------------------------------------------------- frame words


@cache
def extra_lexicon() -> dict[str, Any]:
    """data/lexicon_extra.json (frames and words a teacher adds), checked against its schema."""
    import json

    from kit.datasets import DataError, validate

    path = data_dir() / "lexicon_extra.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {"frames": [], "terms": []}
    except json.JSONDecodeError as exc:
        raise DataError(f"{path}: not valid JSON (line {exc.lineno}: {exc.msg})") from None
    validate(data, "lexicon_extra", source=str(path))
    known = {f["id"] for f in data["frames"]} | set(_base_frame_names("en"))
    for term in data["terms"]:
        if term["frame"] not in known:
            raise DataError(f"{path}: term {term['id']!r} has frame {term['frame']!r}; "
                            f"the frames are: {', '.join(sorted(known))}")
    return data


def _base_frame_names(lang: str) -> dict[str, str]:
    from kit.datasets import load_dataset

    return {f["id"]: f[f"name_{lang}"] for f in load_dataset("framing")["frames"]}


def frame_names(lang: str) -> dict[str, str]:
    """Frame id -> name: the framing lesson's frames, then the teacher's extra ones."""
    return {**_base_frame_names(lang),
            **{f["id"]: f[f"name_{lang}"] for f in extra_lexicon()["frames"]}}


@cache
def _extra_terms() -> tuple:
    from kit.framing import compile_terms

    return compile_terms(extra_lexicon()["terms"])


def find_frame_words(text: str, paragraph_of: Callable[[int], int]) -> list[dict[str, Any]]:
    """Frame-lexicon words in any text with their paragraph; where two overlap the longer wins.

    The framing lesson's lexicon and matching rules, plus the teacher's extra terms.
    """
    from kit.framing import find_frame_terms

    return [{"paragraph": paragraph_of(h.start), "start": h.start, "end": h.end,
             "text": h.text, "term_id": h.term_id, "frame": h.frame}
            for h in find_frame_terms(text, extra=_extra_terms())]


def _per_paragraph(result: Analysis, hits: list[dict[str, Any]]):
    frames = list(dict.fromkeys(h["frame"] for h in hits))
    rows = {p.index: {"paragraph": p.index, "hits": 0, **dict.fromkeys(frames, 0), "terms": []}
            for p in result.article.paragraphs}
    for h in hits:
        row = rows[h["paragraph"]]
        row["hits"] += 1
        row[h["frame"]] += 1
        row["terms"].append(h["text"])
    out = [{**r, "terms": "، ".join(dict.fromkeys(r["terms"]))} for r in rows.values()]
    return _frame(out, "frames", ["paragraph", "hits", *frames, "terms"])


def grouped(n: int, lang: str) -> str:
    """A whole number with its thousands grouped: «100٬000» in Arabic, "100,000" in English
    (a Latin comma inside Arabic text reads as a list comma)."""
    return f"{n:,}".replace(",", "\u066c" if lang == "ar" else ",")


def label(kind: str, value: Any, lang: str) -> str:
    """A unit, hedge, kind, calendar or weekday in words; the raw value if there is no word."""
    if value is None or value == "":
        value = "none" if kind == "hedge" else ""
    key = f"workbench.{kind}.{value}"
    return strings(lang).get(key) or strings("en").get(key) or str(value or "—")


def highlights_fit(result: Analysis, n: int) -> bool:
    """Whether colouring n spans stays fast: render_article compares every span with every
    paragraph and, inside a paragraph, with every other span, so its cost is (paragraphs + n) x n.
    """
    if result.article is None:
        return False
    return (len(result.article.paragraphs) + n) * n <= HIGHLIGHT_BUDGET
