"""The teacher edition's views of the lesson data: an answer key and a timing plan.

Both are generated from data/lessons/, never copied, so a fix in a question is a fix in the key.
"""

from __future__ import annotations

from typing import Any

from kit.display import HTML
from kit.i18n import get_language, t
from kit.lesson import lesson_ids, load_lesson
from kit.text import escape


def _attrs(lang: str) -> str:
    return 'dir="rtl" lang="ar" style="text-align:right"' if lang == "ar" else 'dir="ltr" lang="en"'


def lesson_overview(lang: str | None = None) -> HTML:
    """The lesson timetable as a table laid out in the edition's direction."""
    from kit.classroom import table_html

    lang = lang or get_language()
    return HTML(f'<div class="kit-overview" {_attrs(lang)}>'
                f"{table_html(lesson_table(lang))}</div>")


def lesson_table(lang: str | None = None):
    """One row per lesson: title, minutes, and how many checks and open tasks it has."""
    import pandas as pd

    lang = lang or get_language()
    rows = []
    for lesson in lesson_ids(lang):
        data = load_lesson(lesson, lang)
        kinds = [item["kind"] for item in data["items"]]
        rows.append({
            t("teacher.col_lesson", lang): int(lesson[:2]),  # the title names the lesson
            t("teacher.col_title", lang): data["title"],
            t("teacher.col_minutes", lang): data["minutes"],
            t("teacher.col_checks", lang): kinds.count("choice"),
            t("teacher.col_open", lang): kinds.count("open") + kinds.count("factcheck"),
        })
    return pd.DataFrame(rows)


def _coding_table(item: dict[str, Any], lang: str) -> str:
    """The reference coding of the paragraphs a coding item asks about, with the reasons."""
    import pandas as pd

    from kit.classroom import table_html
    from kit.datasets import load_dataset

    comma = "، " if lang == "ar" else ", "
    options = {o["id"]: o["text"] for o in item.get("options", [])}
    wanted = set(item.get("paragraphs", []))
    rows = [{t("teacher.col_paragraph", lang): c["paragraph"],
             t("teacher.col_frame", lang): options.get(c["frame"], c["frame"]),
             t("teacher.col_also", lang): comma.join(options.get(a, a)
                                                     for a in c["also_defensible"]),
             t("teacher.col_reason", lang): c.get(f"rationale_{lang}", "")}
            for c in load_dataset(item.get("reference", "framing"))["coding"]
            if not wanted or c["paragraph"] in wanted]
    return table_html(pd.DataFrame(rows)) if rows else ""


def _levels_html(levels: dict[str, str], lang: str) -> str:
    rows = "".join(f"<li><b>{escape(t(f'teacher.level.{k}', lang))}:</b> {escape(levels[k])}</li>"
                   for k in ("beginning", "developing", "secure") if k in levels)
    return f"<p><b>{escape(t('teacher.levels', lang))}</b></p><ul>{rows}</ul>"


def _item_html(item: dict[str, Any], lang: str, number: int = 0) -> str:
    # Arabic text carries no internal ids (a teacher reads «السؤال 3», not «q_axis»); the
    # English key keeps the id in small type after the prompt, for matching export files.
    head = escape(t("teacher.item", lang, n=number)) if number else ""
    item_id = "" if lang == "ar" else \
        f' <small style="color:#666">({escape(item["id"])})</small>'
    prompt = f"<p><b>{head}</b> — {escape(item['prompt'])}{item_id}</p>"
    kind = item["kind"]
    if kind == "choice":
        rows = "".join(
            f"<li>{'✓' if c['correct'] else '✗'} <b>{escape(c['text'])}</b>"
            f"{' — ' + escape(t('teacher.correct', lang)) if c['correct'] else ''}"
            f"<br><span>{escape(c['feedback'])}</span></li>" for c in item["choices"])
        return prompt + f"<ul>{rows}</ul>"
    if kind in ("open", "factcheck"):
        rubric = "".join(f"<li>{escape(r)}</li>" for r in item["rubric"])
        levels = _levels_html(item["levels"], lang) if item.get("levels") else ""
        return (prompt + f"<p><b>{escape(t('ui.rubric', lang))}</b></p><ul>{rubric}</ul>"
                + levels + f"<p><b>{escape(t('ui.exemplar', lang))}</b></p>"
                f"<blockquote>{escape(item['exemplar'])}</blockquote>")
    if kind == "coding":
        return (prompt + f"<p>{escape(t('teacher.coding_key', lang))}</p>"
                + _coding_table(item, lang))
    return prompt + f"<p><i>{escape(t('teacher.no_key', lang))}</i></p>"


def answer_key(lang: str | None = None, lesson: str | None = None) -> HTML:
    """Every check with its correct answer and the feedback for each choice; every open task
    with its rubric and exemplar."""
    lang = lang or get_language()
    parts = [f'<div class="kit-answer-key" {_attrs(lang)}>']
    for lesson_id in [lesson] if lesson else lesson_ids(lang):
        data = load_lesson(lesson_id, lang)
        parts.append(f"<h3>{escape(data['title'])}</h3>")
        parts.extend(_item_html(item, lang, n) for n, item in enumerate(data["items"], 1))
    parts.append("</div>")
    return HTML("".join(parts))
