"""Lesson files and notebooks: both editions alike, enough checks, open tasks and charts."""

from __future__ import annotations

import copy
import json
import re

import pytest

from kit.article import load_article
from kit.i18n import t
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
        for key in ("quote", "paragraphs", "min", "max", "reference", "tier", "group",
                    "category", "claims", "form", "claim", "spans"):
            assert a.get(key) == e.get(key), (a["id"], key)
        if a["kind"] == "coding":
            assert [o["id"] for o in a["options"]] == [o["id"] for o in e["options"]]
        if a["kind"] == "rank" and "items" in a:
            assert [x["id"] for x in a["items"]] == [x["id"] for x in e["items"]], a["id"]
        assert ("hint" in a) == ("hint" in e), a["id"]


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
    # a writing task: an open answer, or lateral reading (a sentence and the three questions)
    assert kinds.count("open") + kinds.count("lateral") >= 1
    assert re.search(r"charts\.[a-z_]+\(", code), "at least one chart"
    assert "lesson.recap()" in code


_STRONG = re.compile(r"[A-Za-z\u0600-\u06FF]")
_ARABIC_LETTER = re.compile(r"[\u0600-\u06FF]")


@pytest.mark.parametrize("lesson", LESSONS)
def test_arabic_markdown_reads_right_to_left_by_its_first_letter(lesson):
    """Plain Markdown (issue 17): the kit's extension gives each block the direction of its
    first strong letter, so a mostly Arabic paragraph must not open with a Latin word."""
    nb = json.loads((NOTEBOOKS / "ar" / f"{lesson}.ipynb").read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        src = "".join(cell["source"])
        assert "dir=" not in src and "style=" not in src
        for block in re.split(r"\n\s*\n", src):
            text = re.sub(r"`[^`]*`|\]\([^)]*\)|<[^>]+>", " ", block)  # code, link targets, tags
            letters = _STRONG.findall(text)
            arabic = [c for c in letters if _ARABIC_LETTER.match(c)]
            if letters and len(arabic) > len(letters) / 2:
                assert _ARABIC_LETTER.match(letters[0]), block[:80]


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


# ---------------------------------------------------------------- tiers, hints, groups, new kinds


def _with_items(lang, *items):
    """Lesson 00 with extra items (validated against the schema like a lesson file)."""
    from kit.datasets import validate

    lesson = Lesson("00_start_here", lang)
    data = copy.deepcopy(lesson.data)
    data["items"] += list(items)
    validate(data, "lesson", source="test")
    lesson.data = data
    lesson.items = {i["id"]: i for i in data["items"]}
    return lesson


@pytest.fixture
def answers(tmp_path, monkeypatch):
    monkeypatch.setenv("KIT_ANSWERS_DIR", str(tmp_path / "answers"))
    monkeypatch.delenv("KIT_LEARNER", raising=False)
    return tmp_path / "answers"


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_new_kinds_are_asked_through_their_widgets(lang, answers):
    from kit.highlight import Highlight
    from kit.mislead import MisleadChart, SentenceRewrite
    from kit.ranking import Ranking

    lesson = _with_items(
        lang,
        {"id": "hl_x", "kind": "highlight", "prompt": "Select the hedges.", "category": "hedge",
         "paragraphs": [2], "tier": "extension"},
        {"id": "rank_x", "kind": "rank", "prompt": "Order them.", "group": "pair",
         "items": [{"id": "a", "text": "first"}, {"id": "b", "text": "second"},
                   {"id": "c", "text": "third", "why": "It is weakest."}],
         "reference": ["a", ["b", "c"]]},
        {"id": "rank_c", "kind": "rank", "prompt": "Rank the claims.",
         "claims": ["peak_about_420k", "weekday_tuesday"]},
        {"id": "mis_c", "kind": "mislead", "prompt": "Make it mislead.", "form": "chart",
         "group": "group"},
        {"id": "mis_s", "kind": "mislead", "prompt": "Rewrite it.", "form": "sentence",
         "claim": "peak_about_420k"})
    hl = lesson.ask("hl_x")
    assert isinstance(hl, Highlight) and hl.category == "hedge"
    assert t("lesson_ui.tier.extension", lang) in hl.box.children[0].value
    rank = lesson.ask("rank_x")
    assert isinstance(rank, Ranking) and set(rank.order) == {"a", "b", "c"}
    assert t("lesson_ui.group.pair", lang) in rank.box.children[0].value
    assert isinstance(lesson.ask("rank_c"), Ranking)
    chart = lesson.ask("mis_c")
    assert isinstance(chart, MisleadChart)
    assert t("lesson_ui.group.group", lang) in chart.box.children[0].value
    assert isinstance(lesson.ask("mis_s"), SentenceRewrite)
    assert lesson.marks("q_kind") == []  # a core, individual item carries no label


def test_schema_refuses_unknown_tiers_groups_and_incomplete_tasks():
    from kit.datasets import DataError

    base = {"id": "x", "prompt": "A prompt."}
    bad = [
        {**base, "kind": "open", "rubric": ["r"], "exemplar": "e", "tier": "bonus",
         "levels": {"beginning": "bbb", "developing": "ddd", "secure": "sss"}},
        {**base, "kind": "mislead", "form": "chart", "group": "class"},
        {**base, "kind": "highlight"},                      # no category
        {**base, "kind": "highlight", "category": "verb"},  # unknown category
        {**base, "kind": "rank", "items": [{"id": "a", "text": "a"}, {"id": "b", "text": "b"}]},
        {**base, "kind": "mislead"},                        # no form
    ]
    for item in bad:
        with pytest.raises(DataError):
            _with_items("en", item)


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_wrong_choice_shows_the_hint_labelled_in_the_learners_language(lang, answers):
    from kit.text import escape

    lesson = Lesson("00_start_here", lang)
    item = copy.deepcopy(lesson.item("q_kind"))
    item.setdefault("hint", "Look at who wrote it first." if lang == "en"
                    else "انظر إلى من كتبه أولًا.")
    lesson.items["q_kind"] = item
    widget = lesson.ask("q_kind")
    assert item["hint"] not in widget.feedback.value  # nothing before an attempt
    wrong = next(c for c in item["choices"] if not c["correct"])
    right = next(c for c in item["choices"] if c["correct"])
    widget.radio.value = wrong["id"]
    label = escape(t("lesson_ui.hint", lang))
    assert label in widget.feedback.value and escape(item["hint"]) in widget.feedback.value
    widget.radio.value = right["id"]
    assert escape(item["hint"]) not in widget.feedback.value  # the right answer needs none
    again = lesson.ask("q_kind")  # a wrong answer restored after a re-run keeps its hint
    assert escape(item["hint"]) not in again.feedback.value
    again.radio.value = wrong["id"]
    assert escape(item["hint"]) in again.feedback.value


def test_marked_items_list_extension_and_group_work_for_the_teacher():
    from kit.lesson import marked_items

    for lang in ("ar", "en"):
        marked = marked_items(lang)
        assert {m["lesson"] for m in marked} >= {"00_start_here", "01_claims", "02_sources",
                                                 "03_numbers"}
        assert any(m["group"] == "pair" for m in marked)
        assert all(m["tier"] == "extension" or m["group"] for m in marked)
    assert [(m["lesson"], m["item"]) for m in marked_items("ar")] == \
           [(m["lesson"], m["item"]) for m in marked_items("en")]


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_labelled_item_reaches_the_browser_complete(lang, messages, monkeypatch, tmp_path):
    # The extension / pair label is built into the item's box, not added to it afterwards:
    # no change message follows the box, and the label is its first part.
    monkeypatch.setenv("KIT_ANSWERS_DIR", str(tmp_path / "answers"))
    sent = messages
    lesson = Lesson("01_claims", lang)
    for item_id in ("q_label", "rank_worthy"):  # a choice in a pair; a ranking in a pair
        lesson.ask(item_id)
        sent.clear()
        widget = lesson.ask(item_id)
        assert [m for m in sent if m[0] != "comm_open"] == [], item_id
        first = widget.box.children[0]
        assert "kit-badge" in first._dom_classes
        assert all(m in first.value for m in lesson.marks(item_id)), item_id
        assert sum("kit-badge" in c._dom_classes for c in widget.box.children) == 1
