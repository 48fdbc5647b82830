"""How an analysis of any article is shown: escaped HTML sections and the article input widget.

Every piece of the learner's text goes through ``kit.text.escape`` (or ``isolate``), so a
pasted web page or script is shown as text and never run. Sections of an `ArticleInput`
update in place when the learner presses Analyse; each also carries a static HTML copy, so an
executed notebook shows the analysis even where widgets do not render.
"""

from __future__ import annotations

import math
import re
from typing import Any

from kit.article import Highlight, render_article
from kit.i18n import t
from kit.text import escape, isolate
from kit.workbench import (
    MAX_CHARS,
    MAX_RAW_CHARS,
    SECTIONS,
    Analysis,
    analyse,
    default_text,
    frame_names,
    highlights_fit,
    label,
    save_text,
)

_QUOTE_CHARS = 300  # longer quotations are cut in the table (the article view shows all)


def _attrs(lang: str) -> str:
    return 'dir="rtl" lang="ar" style="text-align:right"' if lang == "ar" else \
        'dir="ltr" lang="en"'


def _blank(value: Any) -> Any:
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else value


def _table(head: list[str], rows: list[list[str]], lang: str) -> str:
    """A table whose cells are already escaped HTML."""
    th = "".join(f"<th>{escape(h)}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return (f'<table class="kit-wb-table" {_attrs(lang)}><thead><tr>{th}</tr></thead>'
            f"<tbody>{body}</tbody></table>")


def _note(text: str, css: str = "kit-wb-note") -> str:
    return f'<p class="{css}" style="color:#444;font-size:0.9em">{escape(text)}</p>'


def _cut(text: str, n: int = _QUOTE_CHARS) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


# Thousands are grouped with the Arabic thousands separator in the Arabic edition (a Latin
# comma inside Arabic text reads as a list comma).
_THOUSANDS = {"ar": "\u066c", "en": ","}
_DECIMAL = {"ar": ".", "en": "."}  # a decimal point, as kit.mislead.number_text writes it


def _value(row: dict[str, Any], lang: str = "en") -> str:
    value, unit = _blank(row["value"]), _blank(row["unit"])
    if value is None:
        return "—"
    if unit == "clock":
        hours = int(value)
        return f"{hours:02d}:{round((value - hours) * 60):02d}"
    if unit == "year":
        return str(int(value))
    sep, point = _THOUSANDS.get(lang, ","), _DECIMAL.get(lang, ".")

    def fmt(v: float) -> str:
        text = f"{v:,.0f}" if float(v).is_integer() else f"{v:,.2f}".rstrip("0").rstrip(".")
        return "".join(sep if c == "," else point if c == "." else c for c in text)

    high = _blank(row.get("value_max"))
    return fmt(value) + (f"–{fmt(high)}" if high is not None else "")


def date_words(value: Any, calendar: Any, lang: str) -> str:
    """An ISO date found in the text, in words: «24 مايو 2023», «5 رجب 1445 هـ», "24 May 2023".

    The finders give 'YYYY-MM-DD', 'YYYY-MM' or '--MM-DD'; anything else is shown as it is.
    """
    text = str(value)
    m = re.fullmatch(r"(\d{4}|-)-(\d{2})(?:-(\d{2}))?", text)
    if not m:
        return text
    year, month, day = m.group(1), int(m.group(2)), m.group(3)
    hijri = _blank(calendar) == "hijri"
    name = t(f"workbench.month.{'hijri' if hijri else 'gregorian'}.{month}", lang)
    words = " ".join(p for p in (str(int(day)) if day else "", name,
                                 year if year != "-" else "") if p)
    return t("workbench.date.hijri", lang, date=words) if hijri else words


def _hedge_mark(hedge: Any, lang: str) -> str:
    """The label shown beside a figure in the article: its hedge, or nothing when it has none."""
    hedge = _blank(hedge)
    return label("hedge", hedge, lang) if hedge else ""


def render(result: Analysis, section: str) -> str:
    """One section of the analysis as a self-contained, escaped HTML block."""
    lang = result.lang
    if section not in SECTIONS:
        raise ValueError(f"There is no section {section!r}. The sections are: "
                         f"{', '.join(SECTIONS)}")
    if result.problem:
        body = f'<div role="alert" class="kit-wb-problem">⚠ {escape(result.problem)}</div>'
        if section != "summary":
            body = _note(t("workbench.none.problem", lang))
    else:
        body = globals()[f"_{section}"](result)
    title = "" if section in ("summary", "article") else \
        f"<h3>{escape(t(f'workbench.title.{section}', lang))}</h3>"
    return f'<div class="kit-workbench kit-wb-{section}" {_attrs(lang)}>{title}{body}</div>'


def _summary(result: Analysis) -> str:
    lang = result.lang
    named = [s for s in result.speakers["speaker"] if _blank(s) is not None]
    line = t("workbench.summary", lang, paragraphs=len(result.article.paragraphs),
             numbers=len(result.numbers), quotes=len(result.quotes), speakers=len(named),
             dates=len(result.dates), warnings=len(result.warnings))
    notices = "".join(f'<div role="status">ℹ {escape(n)}</div>' for n in result.notices)
    return f"<p><b>{escape(line)}</b></p>{notices}"


def _article(result: Analysis) -> str:
    return render_article(result.article, [])


def _with_highlights(result: Analysis, marks: list[Highlight]) -> str:
    if not highlights_fit(result, len(marks)):
        return _note(t("workbench.notice.no_highlight", result.lang))
    return render_article(result.article, marks)


def _numbers(result: Analysis) -> str:
    lang = result.lang
    rows = result.numbers.to_dict("records")
    if not rows:
        return _note(t("workbench.none.numbers", lang))
    marks = [Highlight(r["start"], r["end"], _hedge_mark(r["hedge"], lang),
                       str(_blank(r["hedge"]) or "none")) for r in rows]
    head = [t(f"workbench.col.{c}", lang) for c in ("paragraph", "text", "value", "unit", "hedge")]
    cells = [[str(r["paragraph"]), isolate(r["text"]), escape(_value(r, lang)),
              escape(label("unit", _blank(r["unit"]), lang)),
              escape(label("hedge", _blank(r["hedge"]), lang))] for r in rows]
    return (_note(t("workbench.caveat.numbers", lang)) + _with_highlights(result, marks)
            + _table(head, cells, lang))


def _speaker(name: Any, lang: str) -> str:
    name = _blank(name)
    return isolate(name) if name else escape(t("workbench.unknown_speaker", lang))


def _quotes(result: Analysis) -> str:
    lang = result.lang
    rows = result.quotes.to_dict("records")
    if not rows:
        return _note(t("workbench.none.quotes", lang))
    unknown = t("workbench.unknown_speaker", lang)
    marks = [Highlight(r["start"], r["end"], _blank(r["speaker"]) or unknown,
                       _blank(r["speaker"]) or "?") for r in rows]
    head = [t(f"workbench.col.{c}", lang) for c in ("paragraph", "kind", "speaker", "verb", "text")]
    cells = [[str(r["paragraph"]), escape(label("kind", r["kind"], lang)),
              _speaker(r["written_as"], lang), isolate(_blank(r["verb"]) or "—"),
              isolate(_cut(r["text"]))] for r in rows]
    return (_note(t("workbench.caveat.quotes", lang)) + _with_highlights(result, marks)
            + _table(head, cells, lang))


def _speakers(result: Analysis) -> str:
    lang = result.lang
    rows = result.speakers.to_dict("records")
    if not rows:
        return _note(t("workbench.none.quotes", lang))
    head = [t(f"workbench.col.{c}", lang) for c in ("speaker", "passages", "words", "direct",
                                                   "reported", "also")]
    cells = [[_speaker(r["speaker"], lang), str(r["passages"]), str(r["words"]), str(r["direct"]),
              str(r["reported"]), isolate(r["also_written"]) if r["also_written"] else ""]
             for r in rows]
    return _note(t("workbench.caveat.speakers", lang)) + _table(head, cells, lang)


def _where(result: Analysis, mentions: Any) -> str:
    """«الفقرة 3»، «الفقرتان 12 و13»: the paragraphs of some mentions, with Arabic agreement."""
    from kit.arabic import numbered

    paras = list(dict.fromkeys(result.paragraph_of(m.start) for m in mentions))
    return numbered("paragraph", paras, result.lang)


def _warning(result: Analysis, w: Any) -> str:
    lang = result.lang
    day = lambda v: label("weekday", v, lang)  # noqa: E731
    if w.kind == "weekdays":
        a, b = w.values
        text = t("workbench.warn.weekdays", lang, a=day(a), b=day(b),
                 a_where=_where(result, [m for m in w.mentions if m.value == a]),
                 b_where=_where(result, [m for m in w.mentions if m.value == b]))
    elif w.kind == "hijri_gregorian":
        from kit.finders.dates import hijri_to_gregorian

        hijri, gregorian = w.values
        first, last = w.mentions[0], w.mentions[-1]
        try:
            expected = hijri_to_gregorian(*map(int, hijri.split("-"))).isoformat()
        except (ValueError, OverflowError):
            expected = ""
        text = t("workbench.warn.hijri_gregorian", lang, text=result.text[first.start:last.end],
                 where=_where(result, [first]), hijri=date_words(hijri, "hijri", lang),
                 gregorian=date_words(gregorian, "gregorian", lang),
                 expected=date_words(expected, "gregorian", lang))
    elif w.kind == "relative_days":
        day_a, day_b = w.values
        a1, b1, a2, b2 = w.mentions
        text = t("workbench.warn.relative_days", lang, a=result.text[a1.start:b1.end],
                 a_where=_where(result, [a1]), b=result.text[a2.start:b2.end],
                 b_where=_where(result, [a2]), day_a=day(day_a), day_b=day(day_b))
    elif w.kind == "relative_published":
        said, actual = w.values
        first, last = w.mentions[0], w.mentions[-1]
        text = t("workbench.warn.relative_published", lang,
                 text=result.text[first.start:last.end], where=_where(result, [first]),
                 published=date_words(result.published or "", "gregorian", lang),
                 actual=day(actual), said=day(said))
    else:
        said, actual, iso = w.values
        first, last = w.mentions[0], w.mentions[-1]
        # iso is the Gregorian date, also when the text gave a Hijri date and its «الموافق»
        text = t("workbench.warn.weekday_date", lang, text=result.text[first.start:last.end],
                 where=_where(result, [first]), date=date_words(iso, "gregorian", lang),
                 actual=day(actual), said=day(said))
    return f"<li>⚠ {escape(text)}</li>"


def _dates(result: Analysis) -> str:
    lang = result.lang
    rows = result.dates.to_dict("records")
    warnings = "".join(_warning(result, w) for w in result.warnings)
    out = (f"<h4>{escape(t('workbench.title.warnings', lang))}</h4>"
           + (f'<div role="alert"><ul>{warnings}</ul></div>' if warnings
              else _note(t("workbench.none.warnings", lang))))
    if not rows:
        return out + _note(t("workbench.none.dates", lang))
    head = [t(f"workbench.col.{c}", lang) for c in ("paragraph", "text", "kind", "value",
                                                   "calendar")]
    cells = [[str(r["paragraph"]), isolate(r["text"]), escape(label("kind", r["kind"], lang)),
              escape(label("weekday", r["value"], lang) if r["kind"] == "weekday"
                     else date_words(r["value"], r["calendar"], lang) if r["kind"] == "date"
                     else str(r["value"])),
              escape(label("calendar", _blank(r["calendar"]), lang) if _blank(r["calendar"])
                     else "—")] for r in rows]
    return out + _table(head, cells, lang) + _note(t("workbench.caveat.dates", lang))


def _frames(result: Analysis) -> str:
    lang = result.lang
    table = result.frames
    rows = [r for r in table.to_dict("records") if r["hits"]]
    if not rows:
        return _note(t("workbench.none.frames", lang))
    names = frame_names(lang)
    frames = [c for c in table.columns if c not in ("paragraph", "hits", "terms")]
    head = [t("workbench.col.paragraph", lang), *(names.get(f, f) for f in frames),
            t("workbench.col.terms", lang)]
    cells = [[str(r["paragraph"]), *(str(r[f]) for f in frames), isolate(r["terms"])]
             for r in rows]
    return _note(t("workbench.caveat.frames", lang)) + _table(head, cells, lang)


# ---------------------------------------------------------------- the widget


class LiveSection:
    """A section that redraws itself after each analysis; carries static HTML for exports."""

    def __init__(self, box: ArticleInput, name: str) -> None:
        import ipywidgets as widgets

        self.box, self.name = box, name
        if name == "worksheet":
            self.widget = widgets.VBox(layout=widgets.Layout(width="100%"))
        else:
            self.widget = widgets.HTML(layout=widgets.Layout(width="100%"))
        self.refresh()

    def refresh(self) -> None:
        from kit import worksheet

        result = self.box.result
        if self.name == "worksheet":
            self.widget.children = tuple(worksheet.widgets(result))
            self.static = worksheet.static_html(result)
        else:
            self.static = self.widget.value = render(result, self.name)

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        bundle = dict(self.widget._repr_mimebundle_(**kwargs) or {})
        bundle["text/html"] = self.static
        return bundle


class ArticleInput:
    """A text box, a .txt upload and an Analyse button; sections shown below follow the text."""

    def __init__(self, lang: str | None = None) -> None:
        import ipywidgets as widgets

        from kit.exercises import KIT_CSS
        from kit.i18n import get_language

        self.lang = lang = lang or get_language()
        text, origin = default_text(lang)
        self.text = widgets.Textarea(
            value=text if len(text) <= MAX_CHARS else "", placeholder=t("workbench.placeholder",
                                                                        lang),
            description=t("workbench.label", lang), style={"description_width": "initial"},
            layout=widgets.Layout(width="100%", height="14em"))
        self.upload = widgets.FileUpload(accept=".txt,text/plain", multiple=False,
                                         description=t("workbench.upload", lang))
        self.upload.observe(self._on_upload, names="value")
        self.button = widgets.Button(description=t("workbench.analyse", lang),
                                     tooltip=t("workbench.analyse", lang),
                                     button_style="primary", icon="search")
        self.button.on_click(lambda _b: self.analyse())
        self.seed = widgets.Button(description=t("workbench.use_seed", lang),
                                   tooltip=t("workbench.use_seed", lang))
        self.seed.on_click(lambda _b: self._use_seed())
        self.status = widgets.HTML()
        self.sections: list[LiveSection] = []
        self.result = analyse(text, lang)
        self._origin = origin
        self._set_status([origin])
        head = widgets.HTML(KIT_CSS)
        row = widgets.HBox([self.button, self.upload, self.seed])
        self.box = widgets.VBox([head, self.text, row, self.status],
                                layout=widgets.Layout(width="100%"))
        self.box.add_class("kit-item")
        if lang == "ar":
            self.box.add_class("kit-rtl")

    def show(self, section: str) -> LiveSection:
        """A section of the current analysis that follows every new analysis."""
        if section not in (*SECTIONS, "worksheet"):
            raise ValueError(f"There is no section {section!r}. The sections are: "
                             f"{', '.join((*SECTIONS, 'worksheet'))}")
        live = LiveSection(self, section)
        self.sections.append(live)
        return live

    def analyse(self, text: str | None = None, origin: str | None = None) -> Analysis:
        """Analyse the box's text (or `text`), save it for the next run, redraw every section."""
        text = self.text.value if text is None else text
        self.status.value = f"<p {_attrs(self.lang)}>{escape(t('workbench.busy', self.lang))}</p>"
        self.result = analyse(text, self.lang)
        notes = [origin or t("workbench.origin.typed", self.lang)]
        if self.result.ok:
            notes.append(save_text(self.result.text, self.lang))
        self._set_status(notes)
        for live in self.sections:
            live.refresh()
        return self.result

    def _use_seed(self) -> None:
        from kit.article import load_article

        self.text.value = load_article().text
        self.analyse(origin=t("workbench.origin.seed", self.lang))

    def _on_upload(self, change: dict[str, Any]) -> None:
        files = change["new"]
        if not files:
            return
        upload = files[0]
        size = int(upload.get("size", 0) or len(upload["content"]))
        name = str(upload.get("name", ""))
        if size > 4 * MAX_RAW_CHARS:  # four bytes per character at most in UTF-8
            self.status.value = (f'<div role="alert" {_attrs(self.lang)}>⚠ '
                                 f"{escape(t('workbench.upload_too_big', self.lang, n=size))}"
                                 "</div>")
            return
        text = bytes(upload["content"]).decode("utf-8", errors="replace").lstrip("\ufeff")
        self.text.value = text if len(text) <= MAX_CHARS else ""
        self.analyse(text, origin=t("workbench.origin.upload", self.lang, name=name))

    def _set_status(self, notes: list[str]) -> None:
        lines = "".join(f"<p>{escape(n)}</p>" for n in notes if n)
        self.status.value = (f'<div class="kit-wb-status" {_attrs(self.lang)}>{lines}'
                             f"{render(self.result, 'summary')}</div>")

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        bundle = dict(self.box._repr_mimebundle_(**kwargs) or {})
        bundle["text/html"] = self.status.value
        return bundle
