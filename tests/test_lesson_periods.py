"""Lessons that fit a 45-minute period (issue 13): core ≤ 30 minutes by kit.timing, extension
tasks for fast finishers, a task beyond multiple choice, hints on every choice, pair or group
work marked for the teacher; extension material in the notebook matches the data's tiers."""

from __future__ import annotations

import json
import re

import pytest

from kit import timing
from kit.i18n import t
from kit.lesson import lesson_ids, load_lesson
from tests.notebook_runner import NOTEBOOKS

CORE_LIMIT = 30.0
BEYOND_CHOICE = {"highlight", "rank", "mislead", "open", "lateral"}
CASES = [(lesson, lang) for lang in ("ar", "en") for lesson in lesson_ids(lang)
         if lesson[:2].isdigit()]
IDS = [f"{lesson}-{lang}" for lesson, lang in CASES]


def _cells(lesson: str, lang: str) -> list[dict]:
    nb = json.loads((NOTEBOOKS / lang / f"{lesson}.ipynb").read_text(encoding="utf-8"))
    return nb["cells"]


def _source(cell: dict) -> str:
    src = cell["source"]
    return "".join(src) if isinstance(src, list) else src


@pytest.mark.parametrize(("lesson", "lang"), CASES, ids=IDS)
def test_core_fits_a_period_and_there_is_extension(lesson, lang):
    est = timing.estimate(lesson, lang)
    for part in est["parts"]:
        assert part["core_minutes"] <= CORE_LIMIT, (
            f"{lesson} ({lang}, {part['notebook']}): core {part['core_minutes']} min > "
            f"{CORE_LIMIT}; move material to extension or split the lesson")
        assert part["extension_minutes"] > 0, f"{lesson} ({lang}): no extension tasks"


@pytest.mark.parametrize(("lesson", "lang"), CASES, ids=IDS)
def test_a_task_beyond_multiple_choice(lesson, lang):
    kinds = {i["kind"] for i in load_lesson(lesson, lang)["items"]}
    assert kinds & BEYOND_CHOICE, f"{lesson} ({lang}): only {sorted(kinds)}"


@pytest.mark.parametrize(("lesson", "lang"), CASES, ids=IDS)
def test_every_choice_item_has_a_hint_that_is_not_an_option(lesson, lang):
    for item in load_lesson(lesson, lang)["items"]:
        if item["kind"] != "choice":
            continue
        hint = item.get("hint", "")
        assert len(hint) >= 20, f"{lesson} ({lang}) {item['id']}: no hint"
        for choice in item["choices"]:
            assert choice["text"] not in hint, (item["id"], "the hint quotes an option")


@pytest.mark.parametrize(("lesson", "lang"), CASES, ids=IDS)
def test_pair_or_group_work_is_marked(lesson, lang):
    groups = [i["id"] for i in load_lesson(lesson, lang)["items"] if i.get("group")]
    assert groups, f"{lesson} ({lang}): no item marked pair or group"


@pytest.mark.parametrize(("lesson", "lang"), CASES, ids=IDS)
def test_extension_cells_and_extension_items_agree(lesson, lang):
    """An item asked in an extension cell is an extension item in the data and back; the
    extension starts with the agreed heading."""
    items = {i["id"]: i for i in load_lesson(lesson, lang)["items"]}
    heading = t("lesson_ui.extension_heading", lang)
    seen_heading = False
    for cell in _cells(lesson, lang):
        tags = cell.get("metadata", {}).get("tags", [])
        src = _source(cell)
        if cell["cell_type"] == "markdown" and "extension" in tags and heading in src:
            seen_heading = True
        for item_id in re.findall(r'lesson\.ask\("([a-z0-9_]+)"\)', src):
            in_ext = "extension" in tags
            is_ext = items[item_id].get("tier") == "extension"
            assert in_ext == is_ext, f"{lesson} ({lang}) {item_id}: cell {in_ext}, data {is_ext}"
            if in_ext:
                assert seen_heading, f"{lesson} ({lang}) {item_id}: before the extension heading"
    if any(i.get("tier") == "extension" for i in items.values()):
        assert seen_heading, f"{lesson} ({lang}): extension items but no '{heading}' heading"


def test_sift_moves_are_named_in_the_first_lessons():
    """Stop, Investigate the source, Find better coverage and Trace named in lesson 00; Stop
    practised in 00, Investigate and Find better coverage in 02, Find better coverage in 03."""
    from kit.glossary import term

    def text(lesson, lang):
        return "\n".join(_source(c) for c in _cells(lesson, lang))

    for lang in ("ar", "en"):
        moves = {m: term(f"sift_{m}", lang) for m in ("stop", "investigate", "find", "trace")}
        first = text("00_start_here", lang)
        assert all(moves[m] in first for m in moves), (lang, moves)
        assert moves["investigate"] in text("02_sources", lang)
        assert moves["find"] in text("02_sources", lang)
        assert moves["find"] in text("03_numbers", lang)


def test_lesson_00_calls_the_glossary_and_asks_for_a_first_name_or_code():
    for lang in ("ar", "en"):
        code = "\n".join(_source(c) for c in _cells("00_start_here", lang)
                         if c["cell_type"] == "code")
        assert "kit.glossary.show(" in code
        name = next(i for i in load_lesson("00_start_here", lang)["items"] if i["id"] == "name")
        assert ("الاسم الأول" in name["prompt"] or "اسمك الأول" in name["prompt"]
                if lang == "ar" else "first name" in name["prompt"])
        assert ("لا اسمك الكامل" in name["prompt"] if lang == "ar"
                else "not your full name" in name["prompt"])


def test_lateral_reading_is_done_in_lesson_02():
    for lang in ("ar", "en"):
        kinds = {i["id"]: i["kind"] for i in load_lesson("02_sources", lang)["items"]}
        assert "lateral" in kinds.values()
