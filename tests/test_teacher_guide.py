"""The teacher's guide per lesson (issue 12): data in both languages, period plans whose minutes
come from kit.timing, core and extension items from the lesson data, rendered in the plan."""

from __future__ import annotations

import json
import math
import re

import pytest

from kit import teacher, timing
from kit.datasets import DataError, validate
from kit.i18n import t
from kit.lesson import lesson_ids, load_lesson
from kit.text import escape
from tests.notebook_runner import NOTEBOOKS

LANGS = ("ar", "en")


def _plan_cells(lang):
    nb = json.loads((NOTEBOOKS / "teacher" / lang / "lesson_plan.ipynb").read_text("utf-8"))
    return [("".join(c["source"]), c["cell_type"]) for c in nb["cells"]]


@pytest.mark.parametrize("lang", LANGS)
def test_every_learner_notebook_has_a_guide_in_both_languages(lang):
    data = teacher.guide_data(lang)
    names = teacher.guide_notebooks(lang)
    assert set(data["lessons"]) == set(names)
    assert names[0] == "00_test_before" and names[-1] == "08_test_after"
    assert set(names[1:-1]) == set(lesson_ids(lang))
    on_disk = {p.stem for p in (NOTEBOOKS / lang).glob("*.ipynb")}
    assert set(names) <= on_disk
    for name, entry in data["lessons"].items():
        assert len(entry["discussion"]) >= 2, name
        assert all(d["expected"] and d["follow_up"] for d in entry["discussion"]), name
        assert len(entry["roles"]["pair"]) >= 2 and len(entry["roles"]["group"]) >= 2, name
        assert len(entry["misconceptions"]) >= 2, name


def test_both_languages_have_the_same_shape():
    ar, en = teacher.guide_data("ar")["lessons"], teacher.guide_data("en")["lessons"]
    for name in ar:
        a, e = ar[name], en[name]
        assert a["setup_minutes"] == e["setup_minutes"] and a["sift"] == e["sift"], name
        for key in ("discussion", "misconceptions"):
            assert len(a[key]) == len(e[key]), (name, key)
        for kind in ("pair", "group"):
            assert len(a["roles"][kind]) == len(e["roles"][kind]), (name, kind)


def test_arabic_guide_is_arabic_with_the_agreed_words():
    text = json.dumps(teacher.guide_data("ar"), ensure_ascii=False)
    for word in ("الدعوى", "الإطارات", "الكتيّب", "السلسلة", "متنازع فيه"):
        assert word not in text, word
    for entry in teacher.guide_data("ar")["lessons"].values():
        for d in entry["discussion"]:
            assert re.search(r"[\u0600-\u06FF]", d["question"])
            # English only inside quotation marks or as a short quoted original
            bare = re.sub(r"«[^»]*»|\([^)]*\)", "", d["question"] + d["expected"])
            assert not re.search(r"[A-Za-z]{4,}", bare), d["question"]


def test_schema_refuses_minutes_written_by_hand():
    data = json.loads(json.dumps(teacher.guide_data("en")))
    data["lessons"]["04_framing"]["core_minutes"] = 30
    with pytest.raises(DataError):
        validate(data, "teacher_guide")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("lesson", lesson_ids("ar"))
def test_period_plan_minutes_match_kit_timing(lesson, lang):
    plan = teacher.period_plan(lesson, lang)
    est = timing.estimate(lesson, lang)
    assert plan["core"] == math.ceil(round(est["core_minutes"], 1))
    assert plan["extension"] == math.ceil(round(est["extension_minutes"], 1))
    assert plan["discussion"] == 10
    setup = teacher.guide_data(lang)["lessons"][lesson]["setup_minutes"]
    assert plan["total"] == setup + plan["core"] + 10
    assert [p["end"] - p["start"] for p in plan["phases"]] == [setup, plan["core"], 10]
    assert plan["fits"] == (plan["core"] <= 30 and plan["total"] <= 45)
    html = teacher.guide(lang, lesson).html
    # the plan's text carries the measured figures, in the edition's grammar
    assert escape(t("teacher.plan.core", lang, n=plan["core"], words=plan["words"],
                    wpm=plan["wpm"])) in html
    assert escape(t("teacher.plan.total", lang, n=plan["total"], p=45)) in html
    assert (escape(t("teacher.plan.over", lang, limit=30)) in html) != plan["fits"]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", ["00_test_before", "08_test_after"])
def test_test_notebooks_are_timed_from_their_headlines(name, lang):
    from kit import assessment

    est = teacher.assessment_estimate(name, lang)
    n = max(len(f["items"]) for f in assessment.forms(lang).values())
    assert est["tasks"]["choice"] == n
    assert est["core_work_minutes"] >= n * timing.item_minutes("choice") \
        + timing.item_minutes("open")
    plan = teacher.period_plan(name, lang)
    assert plan["fits"], plan


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("lesson", lesson_ids("ar"))
def test_core_and_extension_items_come_from_the_lesson_data(lesson, lang):
    tiers = teacher.item_tiers(lesson, lang)
    items = load_lesson(lesson, lang)["items"]
    assert len(tiers["core"]) + len(tiers["extension"]) == len(items)
    ext = {e["id"] for e in tiers["extension"]}
    for item in items:
        if item.get("tier") == "extension":
            assert item["id"] in ext
    html = teacher.guide(lang, lesson).html
    assert escape(t("teacher.guide.core", lang, n=len(tiers["core"]))) in html
    assert escape(t("teacher.guide.extension", lang, n=len(tiers["extension"]))) in html
    for item in items:
        if item.get("group"):
            assert escape(t(f"teacher.guide.{item['group']}", lang)) in html


def test_an_extension_tier_moves_an_item_in_the_guide(monkeypatch):
    from kit import lesson as lesson_mod

    data = json.loads(json.dumps(load_lesson("04_framing", "en")))
    target = next(i for i in data["items"] if i["kind"] == "choice" and "tier" not in i)
    target["tier"] = "extension"
    monkeypatch.setattr(teacher, "load_lesson", lambda *_a: data)
    monkeypatch.setattr(lesson_mod, "load_lesson", lambda *_a: data)
    tiers = teacher.item_tiers("04_framing", "en")
    assert target["id"] in {e["id"] for e in tiers["extension"]}


@pytest.mark.parametrize("lang", LANGS)
def test_guide_renders_every_part_escaped(lang):
    html = teacher.guide(lang).html
    data = teacher.guide_data(lang)["lessons"]
    for name, entry in data.items():
        for d in entry["discussion"]:
            for key in ("question", "expected", "follow_up"):
                assert escape(d[key]) in html, (name, key)
        for m in entry["misconceptions"]:
            assert escape(m["belief"]) in html and escape(m["reteach"]) in html
        for kind in ("pair", "group"):
            for r in entry["roles"][kind]:
                assert escape(r["role"]) in html and escape(r["task"]) in html
    assert html.count('class="kit-guide-lesson"') == len(data)
    if lang == "ar":
        assert 'dir="rtl"' in html


@pytest.mark.parametrize("lang", LANGS)
def test_sift_moves_per_lesson_named_from_the_glossary(lang):
    from kit.glossary import term

    html = teacher.sift_overview(lang).html
    for name in teacher.guide_notebooks(lang):
        for move in teacher.guide_data(lang)["lessons"][name]["sift"]:
            assert escape(term(f"sift_{move}", lang)) in html
    # the synthesis recaps all four moves, translation practises Trace
    lessons = teacher.guide_data(lang)["lessons"]
    assert lessons["06_synthesis"]["sift"] == list(teacher.SIFT_MOVES)
    assert "trace" in lessons["05_translation"]["sift"]


@pytest.mark.parametrize("lang", LANGS)
def test_lesson_plan_prints_timing_sift_and_guide_and_no_dashboard_without_exports(lang):
    cells = _plan_cells(lang)
    code = "\n".join(s for s, kind in cells if kind == "code")
    for call in ("teacher.timing_table()", "teacher.sift_overview()", "teacher.guide()"):
        assert call in code
    prose = "\n".join(s for s, kind in cells if kind == "markdown")
    assert "KIT_CLASS_DIR" in prose
    # no minutes of notebook work written by hand ("25 minutes", «25 دقيقة»)
    assert not re.search(r"\b25 (minutes|دقيقة)", prose)
    assert "185" not in prose and "140" not in prose
    table = teacher.timing_table(lang).html
    assert "00_test_before" in table and "08_test_after" in table
    # the figures are kit.timing's, the headings and task kinds the teacher's language
    first = timing.estimate("00_start_here", "ar")["parts"][0]
    assert f"<td dir=\"auto\">{first['core_minutes']:.1f}" in table
    for key in ("teacher.col_minutes", "teacher.col_reading", "teacher.col_tasks",
                "teacher.kind.choice", "teacher.edition.ar"):
        assert escape(t(key, lang)) in table, key
    if lang == "ar":
        assert "choice" not in table and "lesson" not in table
