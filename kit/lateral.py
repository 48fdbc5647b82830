"""Lateral reading, done for real: the learner opens a new browser tab, searches, and records
what they found (the address and one sentence); the kit checks the address and compares it with
the pages its own data cites.

Lateral reading is what professional fact-checkers do with an unknown source: leave the page,
open new tabs and ask other sources about it (Wineburg and McGrew, 2019; Civic Online Reasoning,
Stanford History Education Group, https://cor.inquirygroup.org). The kit cannot see the learner's
browser, so the learner pastes the address:

* ``check_url`` says whether it is a web address a learner can open (http or https, a host with
  a dot, no ``javascript:``/``data:``, no name@ before the host, no host that mixes scripts)
  and gives its domain; every refusal is a sentence in the learner's language, never a
  traceback;
* ``match`` compares it with every address in data/references.json and data/sources.json: the
  same page (what that source says in the kit: the reference's note, or what the kit took from
  it about a speaker) or the same site;
* where it matches nothing, the learner judges the page with the three questions of Civic
  Online Reasoning (who is behind the information? what is the evidence? what do other sources
  say?);
* without internet in the classroom, the kit's stored sources about the person searched for
  stand in (``stand_ins``), and the widget says so.

Every check is saved like an answer (kit.progress keeps every attempt) and put back on re-run.

A lesson item (data/lessons/<lang>/02_sources.json)::

    {"id": "o_lateral", "kind": "lateral", "prompt": "…", "about": "sacks",
     "search_hint": "David Sacks"}
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Any
from urllib.parse import urlsplit

import ipywidgets as widgets

from kit import progress
from kit.exercises import Item, _box, _html, _labelled, _layout, _note, _style
from kit.i18n import get_language, t
from kit.text import escape

MAX_URL = 2000  # characters; browsers' own addresses are rarely longer
MAX_SENTENCE = 400
MAX_JUDGEMENT = 600
MIN_SENTENCE_WORDS = 4
QUESTIONS = ("who", "evidence", "others")  # the three questions of Civic Online Reasoning
SCHEMES = ("http", "https")
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_TAG = re.compile(r"<\s*/?\s*[A-Za-z!][^>]*>")
_BARE_HOST = re.compile(r"^[^\s/:@]+\.[^\W\d_]{2,}(?:[/?#]|$)", re.UNICODE)
_LABEL = re.compile(r"^(?!-)[^\W_](?:[\w-]{0,61}[^\W_])?$", re.UNICODE)
_SECOND_LEVEL = {"co", "com", "org", "net", "ac", "gov", "edu", "go"}
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


# ---------------------------------------------------------------- the address


def _script(ch: str) -> str | None:
    """The script of a letter (LATIN, ARABIC, CYRILLIC, GREEK, …); None for digits and marks."""
    if not ch.isalpha():
        return None
    name = unicodedata.name(ch, "")
    return name.split(" ")[0] if name else None


def registered_domain(host: str) -> str:
    """The site's name without subdomains: www.nbcnews.com → nbcnews.com, bbc.co.uk stays."""
    labels = [label for label in host.lower().strip(".").split(".") if label]
    if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def _problem(key: str, **values: Any) -> dict[str, Any]:
    return {"ok": False, "problem": key, "values": values}


def check_url(text: object) -> dict[str, Any]:
    """Is this a web address a learner can open? ``{"ok": True, "url", "host", "domain",
    "added_scheme"}``, or ``{"ok": False, "problem": <key>, "values": {...}}`` where the key
    names a sentence ``lateral.url.<key>`` in data/i18n. Never raises."""
    if not isinstance(text, str):
        return _problem("empty")
    raw = _INVISIBLE.sub("", text).strip()
    if _TAG.search(raw):
        return _problem("html")
    raw = raw.strip("<>«»\"'“”")
    if not raw:
        return _problem("empty")
    if len(raw) > MAX_URL:
        return _problem("too_long", n=len(raw), max=MAX_URL)
    if "<" in raw or ">" in raw:
        return _problem("html")
    if re.search(r"\s", raw):
        return _problem("spaces")
    added = False
    scheme_like = re.match(r"^([A-Za-z][A-Za-z0-9+-]*):", raw)  # no dot: not a host:port
    if "://" in raw:
        scheme = raw.split("://", 1)[0].lower()
        if scheme not in SCHEMES:
            return _problem("scheme", scheme=scheme[:20])
    elif scheme_like and scheme_like.group(1).lower() not in SCHEMES:
        return _problem("scheme", scheme=scheme_like.group(1).lower()[:20])
    elif _BARE_HOST.match(raw):
        raw, added = "https://" + raw, True
    else:
        return _problem("not_url")
    try:
        parts = urlsplit(raw)
        host = parts.hostname or ""
        port = parts.port  # raises ValueError on a port that is not a number
    except ValueError:
        return _problem("not_url")
    del port
    if parts.username is not None or "@" in parts.netloc:
        return _problem("userinfo", host=host)
    labels = host.split(".")
    if len(labels) < 2 or not all(_LABEL.match(label) for label in labels):
        return _problem("not_url")
    scripts = {s for s in map(_script, host) if s}
    if len(scripts) > 1:
        return _problem("mixed_scripts", host=host)
    host = host.lower()
    return {"ok": True, "url": raw, "host": host, "domain": re.sub(r"^www\d?\.", "", host),
            "site": registered_domain(host), "added_scheme": added}


def _page_key(url: str) -> str:
    """host (without www. and m.) + path (without a final /), lower case; query ignored."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    host = re.sub(r"^(?:www\d?|m|amp|mobile)\.", "", host)
    return host + parts.path.rstrip("/").lower()


def check_text(text: object, limit: int, min_words: int = 1) -> dict[str, Any]:
    """A sentence or a judgement: stripped text, or the key of a problem (empty, too_long,
    html, short)."""
    if not isinstance(text, str) or not _INVISIBLE.sub("", text).strip():
        return _problem("empty")
    value = _INVISIBLE.sub("", text).strip()
    if len(value) > limit:
        return _problem("too_long", n=len(value), max=limit)
    if _TAG.search(value):
        return _problem("html")
    if len(_WORD.findall(value)) < min_words:
        return _problem("short", n=min_words)
    return {"ok": True, "text": value}


# ---------------------------------------------------------------- the kit's own pages


@cache
def known_pages() -> tuple[dict[str, Any], ...]:
    """Every address the kit's data cites, with what the kit took from it, in both languages.

    From data/references.json (label and note of each reference) and data/sources.json (what the
    kit says about each speaker: role, affiliation, interest; and the missing voices).
    """
    from kit.datasets import load_dataset

    pages: list[dict[str, Any]] = []

    def add(src: dict[str, Any], what: str, says_ar: str, says_en: str, label_ar: str,
            label_en: str, about: str | None = None) -> None:
        url = src.get("url")
        if not isinstance(url, str) or not url.startswith(("http://", "https://")):
            return
        pages.append({"url": url, "key": _page_key(url),
                      "domain": registered_domain(urlsplit(url).hostname or ""),
                      "outlet_en": src.get("outlet", ""),
                      "outlet_ar": src.get("outlet_ar") or src.get("outlet", ""),
                      "date": src.get("date", ""), "what": what, "about": about,
                      "says_ar": says_ar or "", "says_en": says_en or "",
                      "label_ar": label_ar or "", "label_en": label_en or ""})

    for ref in load_dataset("references")["items"]:
        for src in ref.get("sources", []):
            add(src, f"reference:{ref['id']}", ref.get("note_ar", ""), ref.get("note_en", ""),
                ref.get("label_ar", ""), ref.get("label_en", ""))
    sources = load_dataset("sources")
    for sp in sources["speakers"]:
        says_ar = "؛ ".join(x for x in (sp.get("role_ar"), sp.get("affiliation_ar")) if x)
        says_en = "; ".join(x for x in (sp.get("role_en"), sp.get("affiliation_en")) if x)
        for src in sp.get("sources", []):
            add(src, f"speaker:{sp['id']}", says_ar, says_en, sp.get("name_ar", ""),
                sp.get("name_en", ""), about=sp["id"])
    for mv in sources.get("missing_voices", []):
        for src in mv.get("sources", []):
            add(src, f"missing:{mv['id']}", mv.get("why_ar", ""), mv.get("why_en", ""),
                mv.get("who_ar", ""), mv.get("who_en", ""))
    return tuple(pages)


def match(url: str, about: str | None = None) -> dict[str, list[dict[str, Any]]]:
    """The kit's entries for this very page (``page``; those about the speaker ``about`` first)
    and, failing that, for other pages of the same site (``site``, one entry per address)."""
    key = _page_key(url)
    domain = registered_domain(urlsplit(url).hostname or "")
    page = sorted((p for p in known_pages() if p["key"] == key),
                  key=lambda p: (p["about"] != about or about is None))
    site: list[dict[str, Any]] = []
    if not page:
        seen = set()
        for p in known_pages():
            if p["domain"] == domain and p["key"] not in seen:
                seen.add(p["key"])
                site.append(p)
    return {"page": page, "site": site}


def stand_ins(about: str | None) -> list[dict[str, Any]]:
    """Without internet: the kit's stored sources about this speaker (one per address)."""
    out, seen = [], set()
    for p in known_pages():
        if p["about"] == about and about is not None and p["key"] not in seen:
            seen.add(p["key"])
            out.append(p)
    return out


# ---------------------------------------------------------------- the widget


def _outlet(p: dict[str, Any], lang: str) -> str:
    return p["outlet_ar"] if lang == "ar" else p["outlet_en"]


def _date(p: dict[str, Any], lang: str) -> str:
    from kit.i18n import readable_time

    d = p.get("date") or ""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", d):
        return "" if d in ("", "undated") else d
    return readable_time(d, lang, date_only=True)


def _sentence(key: str, lang: str, values: dict[str, Any]) -> str:
    return t(key, lang, **values)


class Lateral(Item):
    """Address and sentence boxes, the no-internet switch, a check; the match or the three
    questions."""

    kind = "lateral"

    def _build(self) -> widgets.VBox:
        # parts built alike share a layout and a style (kit.exercises.shared); the two parts
        # shown and hidden later (stored pages, the judgement) keep their own layouts
        wide, auto = _layout(width="100%"), _layout(width="auto")
        steps = "".join(f"<li>{escape(t(f'lateral.step.{i}', self.lang))}</li>"
                        for i in range(1, 5))
        hint = self.item.get("search_hint")
        search = (f"<p>{escape(t('lateral.search_hint', self.lang))} "
                  f"<bdi><b>{escape(hint)}</b></bdi></p>" if hint else "")
        # an address reads left to right in both editions (its box too, placeholder included)
        style_ltr = ("<style>.kit-lateral-url input{direction:ltr;text-align:left}"
                     ".kit-lateral-url .widget-label{direction:inherit}</style>")
        self.steps = _html(f"{style_ltr}<ol>{steps}</ol>{search}", self.lang,
                           "kit-lateral-steps", shared_layout=True)
        self.url = widgets.Text(value="", placeholder="https://…", continuous_update=False,
                                description=t("lateral.url_label", self.lang),
                                style=_labelled(widgets.Text), layout=wide,
                                _dom_classes=("kit-lateral-url",))
        self.sentence = widgets.Textarea(value="", continuous_update=False,
                                         placeholder=t("lateral.sentence_placeholder", self.lang),
                                         description=t("lateral.sentence_label", self.lang),
                                         style=_labelled(widgets.Textarea), layout=wide)
        self.offline = widgets.Checkbox(value=False, indent=False,
                                        description=t("lateral.offline", self.lang),
                                        style=_style(widgets.Checkbox), layout=auto)
        pages = stand_ins(self.item.get("about"))
        self.stored = widgets.Dropdown(
            options=[("—", None)] + [(f"{_outlet(p, self.lang)} — {p['domain']}", p["url"])
                                     for p in pages],
            value=None, description=t("lateral.stored_label", self.lang),
            style=_labelled(widgets.Dropdown),
            layout=widgets.Layout(width="100%", display="none"))
        self.offline_note = _html("", self.lang, "kit-lateral-offline", shared_layout=True)
        self.offline.observe(self._on_offline, names="value")
        self.stored.observe(self._on_stored, names="value")
        self.button = widgets.Button(description=t("lateral.check", self.lang),
                                     tooltip=t("lateral.check", self.lang),
                                     button_style="primary", layout=auto,
                                     style=_style(widgets.Button))
        self.button.on_click(lambda _b: self.submit())
        self.result = _html("", self.lang, "kit-lateral-result", shared_layout=True)
        self.questions = {
            q: widgets.Textarea(value="", continuous_update=False,
                                description=t(f"lateral.q.{q}", self.lang),
                                style=_labelled(widgets.Textarea),
                                placeholder=t(f"lateral.q.{q}.placeholder", self.lang),
                                layout=wide)
            for q in QUESTIONS}
        self.judge_button = widgets.Button(description=t("lateral.save_judgement", self.lang),
                                           tooltip=t("lateral.save_judgement", self.lang),
                                           layout=auto, style=_style(widgets.Button))
        self.judge_button.on_click(lambda _b: self.save_judgement())
        self.judge_intro = _html(
            escape(t("lateral.judge_intro", self.lang))
            + f"<br><small>{escape(t('lateral.cor_source', self.lang))}</small>", self.lang,
            shared_layout=True)
        self.judge_box = widgets.VBox([self.judge_intro, *self.questions.values(),
                                       self.judge_button],
                                      layout=widgets.Layout(width="100%", display="none"))
        self.last: dict[str, Any] | None = None
        return _box(self.lang, self.kind, self.id,
                    [self.prompt, self.steps, self.offline, self.stored, self.offline_note,
                     self.url, self.sentence, self.button, self.result, self.feedback,
                     self.judge_box])

    # -- no internet: the kit's stored sources stand in
    def _on_offline(self, change: dict[str, Any]) -> None:
        on = bool(change["new"])
        self.stored.layout.display = "flex" if on else "none"
        self.offline_note.value = (
            f"<div {_dirs(self.lang)}>"
            + _note("note", escape(t("lateral.offline_note", self.lang))) + "</div>"
            if on else "")

    def _on_stored(self, change: dict[str, Any]) -> None:
        if change["new"]:
            self.url.value = change["new"]

    # -- checking
    def submit(self) -> dict[str, Any] | None:
        """Check the address and the sentence; save; show the domain and what the kit knows."""
        url = check_url(self.url.value)
        if not url["ok"]:
            self.feedback.value = _note("no", escape(_sentence(
                f"lateral.url.{url['problem']}", self.lang, url["values"])))
            return None
        sentence = check_text(self.sentence.value, MAX_SENTENCE, MIN_SENTENCE_WORDS)
        if not sentence["ok"]:
            self.feedback.value = _note("no", escape(_sentence(
                f"lateral.text.{sentence['problem']}", self.lang, sentence["values"])))
            return None
        found = match(url["url"], self.item.get("about"))
        answer = {"url": url["url"], "domain": url["domain"], "sentence": sentence["text"],
                  "offline": bool(self.offline.value),
                  "matched": sorted({p["what"] for p in found["page"]}),
                  "same_site": sorted({p["what"] for p in found["site"]})[:10]}
        previous = (self.last or {}).get("judgement")
        if previous and not answer["matched"] and (self.last or {}).get("url") == answer["url"]:
            answer["judgement"] = previous
        if not self._save(answer):
            return None
        self.last = answer
        self._show(answer, url.get("added_scheme", False))
        return answer

    def save_judgement(self) -> dict[str, Any] | None:
        """Save the learner's answers to the three questions with the address they judge."""
        if not self.last:
            self.feedback.value = _note("no", escape(t("lateral.judge_first", self.lang)))
            return None
        judgement = {}
        for q, box in self.questions.items():
            checked = check_text(box.value, MAX_JUDGEMENT, 2)
            if not checked["ok"]:
                self.feedback.value = _note("no", escape(
                    t("lateral.q_missing", self.lang, question=t(f"lateral.q.{q}", self.lang))
                    + " " + _sentence(f"lateral.text.{checked['problem']}", self.lang,
                                      checked["values"])))
                return None
            judgement[q] = checked["text"]
        answer = {**self.last, "judgement": judgement}
        if not self._save(answer):
            return None
        self.last = answer
        self.feedback.value = _note("ok", escape(t("lateral.judgement_saved", self.lang)))
        return answer

    def _show(self, answer: dict[str, Any], added_scheme: bool = False, extra: str = "") -> None:
        lang = self.lang
        parts = [f"<p>{escape(t('lateral.domain', lang))} <bdi dir=\"ltr\"><b>"
                 f"{escape(answer['domain'])}</b></bdi></p>"]
        if added_scheme:
            parts.append(f"<p>{escape(t('lateral.added_scheme', lang))}</p>")
        if answer.get("offline"):
            parts.append(f"<p>{escape(t('lateral.offline_used', lang))}</p>")
        found = match(answer["url"], self.item.get("about"))
        if found["page"]:
            rows = []
            for p in found["page"][:3]:
                label = p[f"label_{lang}"]
                says = p[f"says_{lang}"]
                when = _date(p, lang)
                head = _outlet(p, lang) + (f" ({when})" if when else "")
                text = f"{label}: {says}" if says else label
                rows.append(f"<li><b>{escape(head)}</b> — {escape(text)}</li>")
            parts.append(f"<p><b>{escape(t('lateral.match_page', lang))}</b></p>"
                         f"<ul>{''.join(rows)}</ul>"
                         f"<p>{escape(t('lateral.compare', lang))}</p>")
            kind = "ok"
        else:
            if found["site"]:
                p = found["site"][0]
                parts.append(f"<p>{escape(t('lateral.match_site', lang, outlet=_outlet(p, lang)))}"
                             "</p>")
            else:
                parts.append(f"<p>{escape(t('lateral.no_match', lang))}</p>")
            kind = "note"
        judgement = answer.get("judgement") or {}
        if not found["page"]:
            parts.append(f"<p><b>{escape(t('lateral.judge_now', lang))}</b></p>")
        self.judge_box.layout.display = "none" if found["page"] else "flex"
        for q, box in self.questions.items():
            if judgement.get(q):
                box.value = judgement[q]
        self.result.value = (f"<div {_dirs(lang)}>" + extra + _note(kind, "".join(parts))
                             + "</div>")
        if not extra:
            self.feedback.value = _note("ok", escape(t("lateral.saved", lang)))

    def _restore(self, record: dict[str, Any]) -> None:
        answer = record.get("answer")
        if not isinstance(answer, dict) or not isinstance(answer.get("url"), str):
            return
        checked = check_url(answer["url"])
        if not checked["ok"]:
            return
        self.url.value = answer["url"]
        self.sentence.value = str(answer.get("sentence", ""))
        if answer.get("offline"):
            self.offline.value = True
        self.last = answer
        self._show(answer, extra=self._restored_note(record))


def _dirs(lang: str) -> str:
    return 'dir="rtl" lang="ar"' if lang == "ar" else 'dir="ltr" lang="en"'


def task(lesson: str, item_id: str, prompt: str, about: str | None = None,
         search_hint: str | None = None, lang: str | None = None) -> Lateral:
    """A lateral-reading task in a lesson cell, with the learner's saved record put back."""
    lang = lang or get_language()
    item = {"id": item_id, "prompt": prompt, "about": about, "search_hint": search_hint}
    saved = progress.load_answers().get(lesson, {}).get(item_id)
    return Lateral(lesson, item, lang, saved)
