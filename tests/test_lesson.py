"""Lesson files and notebooks: both editions alike, enough checks, open tasks and charts."""

from __future__ import annotations

import copy
import json
import re

import pytest

from kit.article import load_article
from kit.lesson import Lesson, lesson_ids, load_lesson
from tests.notebook_runner import NOTEBOOKS

LESSONS = lesson_ids("ar")
TEACHING = [lesson for lesson in LESSONS if lesson[:2].isdigit()]


def _code_cells(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    return [("".join(c["source"]) if isinstance(c["source"], list) else c["source"])
            for c in nb["cells"] if c["cell_type"] == "code"]


def _structure(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    return [c["cell_type"] for c in nb["cells"]]


def test_both_editions_have_the_same_lessons():
    assert LESSONS == lesson_ids("en")
    assert "00_start_here" in LESSONS


@pytest.mark.parametrize("lesson", LESSONS)
def test_editions_share_ids_kinds_and_answers(lesson):
    ar, en = load_lesson(lesson, "ar"), load_lesson(lesson, "en")
    assert ar["minutes"] == en["minutes"] <= 45
    assert len(ar["objectives"]) == len(en["objectives"])
    pairs = [(i["id"], i["kind"]) for i in ar["items"]]
    assert pairs == [(i["id"], i["kind"]) for i in en["items"]]
    for a, e in zip(ar["items"], en["items"], strict=True):
        if a["kind"] == "choice":
            assert [(c["id"], c["correct"]) for c in a["choices"]] == \
                   [(c["id"], c["correct"]) for c in e["choices"]], a["id"]
        for key in ("quote", "paragraphs", "min", "max", "reference"):
            assert a.get(key) == e.get(key), (a["id"], key)
        if a["kind"] == "coding":
            assert [o["id"] for o in a["options"]] == [o["id"] for o in e["options"]]


@pytest.mark.parametrize("lesson", LESSONS)
def test_arabic_edition_is_arabic(lesson):
    data = load_lesson(lesson, "ar")
    arabic = re.compile(r"[\u0600-\u06FF]")
    for item in data["items"]:
        assert arabic.search(item["prompt"]), item["id"]
        for c in item.get("choices", []):
            assert arabic.search(c["feedback"]), (item["id"], c["id"])


@pytest.mark.parametrize("lesson", LESSONS)
def test_quoted_spans_are_inside_the_article(lesson):
    text = load_article().text
    for item in load_lesson(lesson, "ar")["items"]:
        if "quote" in item:
            assert 0 <= item["quote"]["start"] < item["quote"]["end"] <= len(text)


@pytest.mark.parametrize("lesson", LESSONS)
def test_notebooks_exist_with_identical_code(lesson):
    ar, en = NOTEBOOKS / "ar" / f"{lesson}.ipynb", NOTEBOOKS / "en" / f"{lesson}.ipynb"
    assert ar.exists() and en.exists()
    assert _code_cells(ar) == _code_cells(en)
    assert _structure(ar) == _structure(en)
    assert f'kit.start("{lesson}")' in _code_cells(ar)[0], "the first code cell sets the lesson up"


@pytest.mark.parametrize("lesson", TEACHING)
def test_every_lesson_has_checks_open_tasks_and_a_chart(lesson):
    data = load_lesson(lesson, "ar")
    code = "\n".join(_code_cells(NOTEBOOKS / "ar" / f"{lesson}.ipynb"))
    asked = set(re.findall(r'lesson\.ask\("([a-z0-9_]+)"\)', code))
    items = {i["id"]: i for i in data["items"]}
    assert asked <= set(items), f"notebook asks for unknown items: {asked - set(items)}"
    assert set(items) <= asked, f"items never asked in the notebook: {set(items) - asked}"
    kinds = [items[i]["kind"] for i in asked]
    assert kinds.count("choice") >= 5
    assert kinds.count("open") >= 1
    assert re.search(r"charts\.[a-z_]+\(", code), "at least one chart"
    assert "lesson.recap()" in code


@pytest.mark.parametrize("lesson", LESSONS)
def test_arabic_markdown_is_right_aligned(lesson):
    nb = json.loads((NOTEBOOKS / "ar" / f"{lesson}.ipynb").read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            src = "".join(cell["source"])
            assert 'dir="rtl"' in src and "text-align:right" in src


def test_unknown_item_names_the_valid_ones():
    lesson = Lesson("00_start_here", "en")
    with pytest.raises(KeyError, match="Its items are: name"):
        lesson.item("nope")


def test_open_tasks_need_three_levels():
    from kit.datasets import DataError, validate

    for lang in ("ar", "en"):
        for lesson in LESSONS:
            for item in load_lesson(lesson, lang)["items"]:
                if item["kind"] == "open":
                    assert set(item["levels"]) == {"beginning", "developing", "secure"}
    data = copy.deepcopy(load_lesson("00_start_here", "en"))
    del next(i for i in data["items"] if i["kind"] == "open")["levels"]
    with pytest.raises(DataError, match="levels"):
        validate(data, "lesson", source="test")
