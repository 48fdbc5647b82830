"""The teacher edition's views of the lesson data: an answer key, a timing plan and the
teacher's guide per lesson.

All are generated from data/lessons/ (and data/teacher_guide/, kit.timing), never copied, so a
fix in a question is a fix in the key and a longer lesson is a longer period plan.
"""

from __future__ import annotations

from functools import cache
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
    """One row per lesson: title, measured core and extension minutes (kit.timing), the
    period's total with set-up and discussion, and how many checks and open tasks it has."""
    import pandas as pd

    lang = lang or get_language()
    rows = []
    for lesson in lesson_ids(lang):
        data = load_lesson(lesson, lang)
        kinds = [item["kind"] for item in data["items"]]
        plan = period_plan(lesson, lang)
        rows.append({
            t("teacher.col_lesson", lang): int(lesson[:2]),  # the title names the lesson
            t("teacher.col_title", lang): data["title"],
            t("teacher.col_minutes", lang): plan["core"],
            t("teacher.col_ext", lang): plan["extension"],
            t("teacher.col_period", lang): plan["total"],
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


# ------------------------------------------------------------ the teacher's guide per lesson
#
# data/teacher_guide/<lang>.json holds what only a teacher can write (set-up, discussion
# questions with expected answers and follow-ups, pair and group roles, misconceptions with a
# reteach script, the SIFT moves). Everything countable is computed here, never written there:
# the notebook's core and extension minutes (kit.timing), the 10 minutes of discussion, the
# core and extension items and the pair/group tasks (the lesson data's ``tier`` and ``group``,
# and cells tagged ``extension``).

PERIOD_MINUTES = 45
DISCUSSION_MINUTES = 10
CORE_LIMIT = 30
TESTS = {"00_test_before": "before", "08_test_after": "after"}
SIFT_MOVES = ("stop", "investigate", "find", "trace")


def guide_data(lang: str | None = None) -> dict[str, Any]:
    """data/teacher_guide/<lang>.json, checked against its schema."""
    return _guide_file(lang or get_language())


@cache
def _guide_file(lang: str) -> dict[str, Any]:
    import json

    from kit.datasets import validate
    from kit.paths import data_dir

    path = data_dir() / "teacher_guide" / f"{lang}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    validate(data, "teacher_guide", source=str(path))
    return data


def guide_notebooks(lang: str | None = None) -> list[str]:
    """Every learner notebook the guide covers, in class order: the test before, the lessons,
    the test after."""
    lang = lang or get_language()
    return ["00_test_before", *lesson_ids(lang), "08_test_after"]


def _ceil(minutes: float) -> int:
    import math

    return math.ceil(round(minutes, 1))


def assessment_estimate(name: str, lang: str | None = None) -> dict[str, Any]:
    """Minutes of a pre/post test notebook, with kit.timing's rates: its prose, each headline
    read and judged (the longer of the two forms, a choice's time each), the open task (its
    prompt, rubric and levels, an open answer's time) and, after the lessons, reading the
    results (every headline again and a table's time)."""
    from kit import assessment, timing
    from kit.paths import data_dir

    lang = lang or get_language()
    when = TESTS[name]
    path = data_dir().parent / "notebooks" / lang / f"{name}.ipynb"
    est = timing.estimate_notebook(path, lang, None)
    forms = assessment.forms(lang)
    words = max(sum(timing.words(i["text"]) for i in f["items"]) for f in forms.values())
    count = max(len(f["items"]) for f in forms.values())
    task = next(iter(forms.values()))["task"]
    task_words = (timing.words(task["prompt"]) + sum(timing.words(r) for r in task["rubric"])
                  + sum(timing.words(v) for v in task["levels"].values()))
    work = count * timing.item_minutes("choice") + timing.item_minutes("open")
    words += task_words
    if when == "after":
        words += words - task_words  # the results list every headline again
        work += timing.item_minutes("table")
    core_words = est["core_words"] + words
    reading = timing.reading_minutes(core_words, lang)
    return {"lesson": name, "lang": lang, "core_minutes": round(reading + work, 1),
            "extension_minutes": 0.0, "core_reading_minutes": round(reading, 1),
            "core_work_minutes": round(work, 1), "core_words": core_words,
            "wpm": est["wpm"], "tasks": {"choice": count, "open": 1}}


def notebook_estimate(name: str, lang: str | None = None) -> dict[str, Any]:
    """kit.timing's figures for a lesson, or assessment_estimate's for a test notebook."""
    from kit import timing

    lang = lang or get_language()
    return assessment_estimate(name, lang) if name in TESTS else timing.estimate(name, lang)


def period_plan(name: str, lang: str | None = None) -> dict[str, Any]:
    """One 45-minute period for a notebook: set-up (from the guide data), the notebook's core
    minutes (kit.timing, rounded up), 10 minutes of discussion; extension minutes apart."""
    lang = lang or get_language()
    est = notebook_estimate(name, lang)
    setup = guide_data(lang)["lessons"][name]["setup_minutes"]
    core = _ceil(est["core_minutes"])
    phases, at = [], 0
    for key, minutes in (("setup", setup), ("core", core), ("discussion", DISCUSSION_MINUTES)):
        phases.append({"phase": key, "start": at, "end": at + minutes, "minutes": minutes})
        at += minutes
    return {"notebook": name, "lang": lang, "setup": setup, "core": core,
            "core_exact": est["core_minutes"], "discussion": DISCUSSION_MINUTES,
            "total": at, "extension": _ceil(est["extension_minutes"]),
            "fits": core <= CORE_LIMIT and at <= PERIOD_MINUTES,
            "words": est["core_words"], "wpm": est["wpm"], "phases": phases}


def item_tiers(lesson_id: str, lang: str | None = None) -> dict[str, list[dict[str, Any]]]:
    """The lesson's items as core or extension (the item's ``tier``, or a cell tagged
    ``extension`` in the notebook), each with its number in the lesson, kind, prompt and
    ``group`` (pair or group work) if marked."""
    from kit import timing

    lang = lang or get_language()
    items = load_lesson(lesson_id, lang)["items"]
    ext_cells = {r["what"] for r in timing.estimate(lesson_id, lang)["breakdown"]
                 if r["extension"]}
    out: dict[str, list[dict[str, Any]]] = {"core": [], "extension": []}
    for number, item in enumerate(items, 1):
        tier = "extension" if (item.get("tier") == "extension" or item["id"] in ext_cells) \
            else "core"
        out[tier].append({"number": number, "id": item["id"], "kind": item["kind"],
                          "prompt": item["prompt"], "group": item.get("group")})
    return out


def _title(name: str, lang: str) -> str:
    if name in TESTS:
        return t(f"teacher.guide.test_{TESTS[name]}", lang)
    return load_lesson(name, lang)["title"]


def _sift_names(moves: list[str], lang: str) -> list[str]:
    from kit.glossary import term

    return [term(f"sift_{m}", lang) for m in moves]


def _item_line(entry: dict[str, Any], lang: str) -> str:
    prompt = entry["prompt"] if len(entry["prompt"]) <= 110 else entry["prompt"][:108] + "…"
    kind = t(f"teacher.kind.{entry['kind']}", lang)
    group = ""
    if entry.get("group"):
        group = " — <b>" + escape(t("teacher.guide." + entry["group"], lang)) + "</b>"
    return (f"<li><b>{escape(t('teacher.item', lang, n=entry['number']))}</b> "
            f"({escape(kind)}){group}: {escape(prompt)}</li>")


def _plan_html(plan: dict[str, Any], text: dict[str, Any], lang: str) -> str:
    rows = []
    for phase in plan["phases"]:
        span = t("teacher.plan.span", lang, a=phase["start"], b=phase["end"])
        what = {"setup": t("teacher.plan.setup", lang, n=phase["minutes"], text=text["setup"]),
                "core": t("teacher.plan.core", lang, n=phase["minutes"], words=plan["words"],
                          wpm=plan["wpm"]),
                "discussion": t("teacher.plan.discussion", lang, n=phase["minutes"])}
        rows.append(f"<li><b>{escape(span)}</b> {escape(what[phase['phase']])}</li>")
    total = t("teacher.plan.total", lang, n=plan["total"], p=PERIOD_MINUTES)
    notes = [total]
    if not plan["fits"]:
        notes.append(t("teacher.plan.over", lang, limit=CORE_LIMIT))
    notes.append(t("teacher.plan.extension", lang, n=plan["extension"]) if plan["extension"]
                 else t("teacher.plan.no_extension", lang))
    return (f"<ol>{''.join(rows)}</ol>"
            + "".join(f"<p>{escape(n)}</p>" for n in notes))


def _lesson_guide_html(name: str, lang: str) -> str:
    text = guide_data(lang)["lessons"][name]
    plan = period_plan(name, lang)
    head = lambda key: f"<h4>{escape(t(f'teacher.guide.{key}', lang))}</h4>"  # noqa: E731
    parts = [f"<h3>{escape(_title(name, lang))}</h3>", head("plan"), _plan_html(plan, text, lang)]
    moves = _sift_names(text["sift"], lang)
    parts.append(head("sift") + "<p>" + escape(
        t("teacher.guide.sift_moves", lang, moves=moves) if moves
        else t("teacher.guide.no_sift", lang)) + "</p>")
    qs = "".join(
        f"<li><b>{escape(d['question'])}</b><br>{escape(t('teacher.guide.expected', lang))}: "
        f"{escape(d['expected'])}<br><i>{escape(t('teacher.guide.follow_up', lang))}:</i> "
        f"{escape(d['follow_up'])}</li>" for d in text["discussion"])
    parts.append(head("discussion") + f"<ol>{qs}</ol>")
    roles = ""
    for kind in ("pair", "group"):
        lines = "".join(f"<li><b>{escape(r['role'])}</b>: {escape(r['task'])}</li>"
                        for r in text["roles"][kind])
        roles += f"<p><b>{escape(t(f'teacher.guide.{kind}', lang))}</b></p><ul>{lines}</ul>"
    if name not in TESTS:
        tiers = item_tiers(name, lang)
        marked = [e for tier in tiers.values() for e in tier if e.get("group")]
        roles += "<p>" + escape(t("teacher.guide.marked", lang) if marked
                                else t("teacher.guide.none_marked", lang)) + "</p>"
        if marked:
            roles += "<ul>" + "".join(_item_line(e, lang) for e in marked) + "</ul>"
    parts.append(head("roles") + roles)
    mis = "".join(f"<li><b>«{escape(m['belief'])}»</b><br>"
                  f"{escape(t('teacher.guide.reteach', lang))}: {escape(m['reteach'])}</li>"
                  if lang == "ar" else
                  f"<li><b>\"{escape(m['belief'])}\"</b><br>"
                  f"{escape(t('teacher.guide.reteach', lang))}: {escape(m['reteach'])}</li>"
                  for m in text["misconceptions"])
    parts.append(head("misconceptions") + f"<ul>{mis}</ul>")
    if name not in TESTS:
        tiers = item_tiers(name, lang)
        block = ""
        for tier in ("core", "extension"):
            entries = tiers[tier]
            block += (f"<p><b>{escape(t(f'teacher.guide.{tier}', lang, n=len(entries)))}"
                      f"</b></p>")
            block += ("<ul>" + "".join(_item_line(e, lang) for e in entries) + "</ul>") \
                if entries else f"<p>{escape(t('teacher.guide.none', lang))}</p>"
        parts.append(head("items") + block)
    return f'<section class="kit-guide-lesson">{"".join(parts)}</section>'


def guide(lang: str | None = None, lesson: str | None = None) -> HTML:
    """The teacher's guide for every notebook (or one): period plan with measured minutes,
    SIFT moves, discussion questions with expected answers and follow-ups, pair and group
    roles, misconceptions with a reteach script, core and extension items."""
    lang = lang or get_language()
    names = [lesson] if lesson else guide_notebooks(lang)
    body = "".join(_lesson_guide_html(n, lang) for n in names)
    return HTML(f'<div class="kit-guide" {_attrs(lang)}>{body}</div>')


def timing_rows(lang: str | None = None) -> list[dict[str, Any]]:
    """kit.timing's figures for every notebook of both editions (lessons, then the two test
    notebooks), with column names and task kinds in the teacher's language."""
    from kit import timing

    lang = lang or get_language()
    rows = []

    def row(lesson: str, edition: str, part: dict[str, Any]) -> None:
        flag = " !" if part["core_minutes"] > CORE_LIMIT else ""
        kinds = ("، " if lang == "ar" else ", ").join(
            f"{t(f'teacher.kind.{k}', lang)} {v}" for k, v in sorted(part["tasks"].items()))
        rows.append({
            t("teacher.col_lesson", lang): lesson,
            t("teacher.col_edition", lang): t(f"teacher.edition.{edition}", lang),
            t("teacher.col_notebook", lang): part["notebook"],
            t("teacher.col_minutes", lang): f"{part['core_minutes']:.1f}{flag}",
            t("teacher.col_reading", lang): f"{part['core_reading_minutes']:.1f}",
            t("teacher.col_work", lang): f"{part['core_work_minutes']:.1f}",
            t("teacher.col_ext", lang): f"{part['extension_minutes']:.1f}",
            t("teacher.col_words", lang): part["core_words"],
            t("teacher.col_tasks", lang): kinds,
        })

    for edition in ("ar", "en"):
        for lesson_id in lesson_ids(edition):
            try:
                est = timing.estimate(lesson_id, edition)
            except FileNotFoundError:
                continue
            for part in est["parts"]:
                row(lesson_id, edition, part)
        for name in TESTS:
            est = assessment_estimate(name, edition)
            row(name, edition, {**est, "notebook": f"{name}.ipynb"})
    return rows


def timing_table(lang: str | None = None) -> HTML:
    """timing_rows() as a table in the teacher's language, with a caption saying what ! marks."""
    import pandas as pd

    from kit.classroom import table_html

    lang = lang or get_language()
    caption = escape(t("teacher.timing_caption", lang, limit=CORE_LIMIT))
    return HTML(f'<div class="kit-overview" {_attrs(lang)}><p>{caption}</p>'
                f"{table_html(pd.DataFrame(timing_rows(lang)))}</div>")


def sift_overview(lang: str | None = None) -> HTML:
    """A table: each notebook and the SIFT moves it names or practises."""
    lang = lang or get_language()
    sep = "، " if lang == "ar" else ", "
    rows = "".join(
        f"<tr><td>{escape(_title(n, lang))}</td><td>"
        f"{escape(sep.join(_sift_names(guide_data(lang)['lessons'][n]['sift'], lang)) or '—')}"
        f"</td></tr>" for n in guide_notebooks(lang))
    head = (f"<tr><th>{escape(t('teacher.col_title', lang))}</th>"
            f"<th>{escape(t('teacher.guide.sift', lang))}</th></tr>")
    return HTML(f'<div class="kit-sift" {_attrs(lang)}><table class="kit-table">{head}{rows}'
                "</table></div>")
