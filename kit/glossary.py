"""The kit's glossary (data/glossary.json): one word for each idea, in both editions.

>>> term("lateral_reading", "ar"), term("claim", "en")
('القراءة الجانبية', 'claim')
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any
from urllib.parse import urlparse

from kit.display import HTML
from kit.i18n import get_language, t
from kit.paths import data_dir
from kit.text import escape, isolate

# Scale entries that are statuses, not conclusions a fact-check reaches (data/verdicts.json).
NOT_CONCLUSIONS = ("unchecked", "not_rated")


def _scale_words(lang: str) -> dict[str, str]:
    """The verdict labels of data/verdicts.json for the ``{verdicts}`` and ``{statuses}``
    placeholders of a definition, so the glossary names the one scale in its own words."""
    from kit import verdicts

    sep = "، " if lang == "ar" else ", "
    keys = list(verdicts.scale())
    return {"{verdicts}": sep.join(verdicts.label(k, lang) for k in keys
                                   if k not in NOT_CONCLUSIONS),
            "{statuses}": sep.join(verdicts.label(k, lang) for k in keys if k in NOT_CONCLUSIONS)}


@cache
def terms() -> dict[str, dict[str, Any]]:
    """Every glossary entry by id, checked against data/schemas/glossary.schema.json.

    A definition may name the verdict scale by the placeholders ``{verdicts}`` and
    ``{statuses}``; they are filled from data/verdicts.json, so the two files cannot disagree.
    """
    from kit.datasets import validate

    path = data_dir() / "glossary.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    validate(data, "glossary", source=str(path))
    for item in data["terms"].values():
        for lang in ("ar", "en"):
            text = item[lang]["definition"]
            if "{verdicts}" in text or "{statuses}" in text:
                for mark, words in _scale_words(lang).items():
                    text = text.replace(mark, words)
                item[lang]["definition"] = text
    return data["terms"]


def entry(term_id: str) -> dict[str, Any]:
    """One entry; an unknown id names the ids there are."""
    try:
        return terms()[term_id]
    except KeyError:
        raise KeyError(f"No term {term_id!r} in data/glossary.json. The terms are: "
                       f"{', '.join(sorted(terms()))}") from None


def term(term_id: str, lang: str | None = None) -> str:
    """The agreed word for an idea in the learner's language («الادعاء», "claim")."""
    return entry(term_id)[lang or get_language()]["term"]


def definition(term_id: str, lang: str | None = None) -> str:
    """The kit's definition of a term, in the learner's language."""
    return entry(term_id)[lang or get_language()]["definition"]


def _link(address: str) -> str:
    url = address if address.startswith(("http://", "https://")) else f"https://{address}"
    host = urlparse(url).netloc.removeprefix("www.")
    return (f'<a href="{escape(url)}" target="_blank" rel="noopener noreferrer">'
            f'{isolate(host, "en")}</a>')


def show(lang: str | None = None, ids: list[str] | None = None) -> HTML:
    """The glossary as a table for a notebook: term, definition, the other language's term,
    and where the Arabic term is used (or that the kit coined it). Every text is escaped."""
    lang = lang or get_language()
    other = "en" if lang == "ar" else "ar"
    chosen = ids if ids is not None else list(terms())
    rows = []
    for term_id in chosen:
        item = entry(term_id)
        words = item[lang]
        also = "".join(f"<br><small>{escape(w)}</small>" for w in words.get("also", []))
        if item["coined"]:
            where = escape(t("glossary.coined", lang))
        else:
            where = "، ".join(_link(a) for a in item["sources"]) if lang == "ar" else \
                ", ".join(_link(a) for a in item["sources"])
        rows.append(f'<tr id="term-{escape(term_id)}"><th scope="row">{escape(words["term"])}'
                    f"{also}</th><td>{escape(words['definition'])}</td>"
                    f"<td>{isolate(item[other]['term'], other)}</td><td>{where}</td></tr>")
    heads = "".join(f'<th scope="col">{escape(t(f"glossary.col_{c}", lang))}</th>'
                    for c in ("term", "definition", "other", "source"))
    attrs = ('dir="rtl" lang="ar" style="text-align:right"' if lang == "ar"
             else 'dir="ltr" lang="en"')
    return HTML(f'<div class="kit-glossary" {attrs}><table class="kit-table">'
                f"<caption>{escape(t('glossary.title', lang))}</caption>"
                f"<thead><tr>{heads}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>")
