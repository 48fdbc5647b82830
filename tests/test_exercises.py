"""Lesson widgets: immediate feedback, answers saved as given and restored, bad input refused."""

from __future__ import annotations

import pytest

from kit import progress
from kit.exercises import KIT_CSS
from kit.lesson import Lesson
from tests.hostile import HOSTILE


@pytest.fixture(autouse=True)
def answers(tmp_path, monkeypatch):
    monkeypatch.setenv("KIT_ANSWERS_DIR", str(tmp_path / "answers"))
    monkeypatch.delenv("KIT_LEARNER", raising=False)
    return tmp_path / "answers"


@pytest.fixture(params=["ar", "en"])
def lesson(request):
    return Lesson("00_start_here", request.param)


def _choice(lesson, item_id, correct):
    return next(c for c in lesson.item(item_id)["choices"] if c["correct"] == correct)


def test_wrong_then_right_choice_gives_feedback_and_is_saved(lesson):
    widget = lesson.ask("q_kind")
    wrong, right = _choice(lesson, "q_kind", False), _choice(lesson, "q_kind", True)
    widget.radio.value = wrong["id"]
    assert "✗" in widget.feedback.value
    assert wrong["feedback"][:30] in widget.feedback.value.replace("&quot;", '"')
    saved = progress.load_answers()["00_start_here"]["q_kind"]
    assert saved["answer"] == wrong["id"] and saved["correct"] is False
    widget.radio.value = right["id"]
    assert "✓" in widget.feedback.value
    assert progress.load_answers()["00_start_here"]["q_kind"]["correct"] is True


def test_rerun_restores_answer_and_feedback_without_saving_again(lesson):
    right = _choice(lesson, "q_stop", True)
    lesson.ask("q_stop").radio.value = right["id"]
    first_time = progress.load_answers()["00_start_here"]["q_stop"]["time"]
    again = lesson.ask("q_stop")
    assert again.radio.value == right["id"]
    assert "↺" in again.feedback.value and "✓" in again.feedback.value
    assert progress.load_answers()["00_start_here"]["q_stop"]["time"] == first_time


def test_arabic_widgets_are_laid_out_right_to_left():
    widget = Lesson("00_start_here", "ar").ask("q_run")
    assert "kit-rtl" in widget.box._dom_classes
    assert "direction:rtl" in KIT_CSS
    assert widget.radio.layout.width == "max-content"
    assert widget.radio.description  # a label a screen reader announces


def test_open_response_refuses_empty_and_huge_and_keeps_the_text(lesson):
    widget = lesson.ask("reaction")
    widget.text.value = "   "
    assert widget.submit() is False
    assert "⚠" in widget.feedback.value
    huge = "ا" * (progress.MAX_TEXT_CHARS + 1)
    widget.text.value = huge
    assert widget.submit() is False
    assert widget.text.value == huge
    assert str(progress.MAX_TEXT_CHARS) in widget.feedback.value
    assert "reaction" not in progress.load_answers().get("00_start_here", {})


def test_open_response_shows_rubric_and_exemplar_after_submit(lesson):
    widget = lesson.ask("reaction")
    widget.text.value = "انطباعي: الحدث بدا فاشلًا. I would check 420,000."
    assert widget.submit() is True
    item = lesson.item("reaction")
    assert item["rubric"][0][:20] in widget.feedback.value
    assert progress.load_answers()["00_start_here"]["reaction"]["answer"] == widget.text.value


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_text_is_stored_exactly_and_rendered_escaped(name, answers):
    text = HOSTILE[name]
    lesson = Lesson("00_start_here", "en")
    widget = lesson.ask("reaction")
    widget.text.value = text
    ok = widget.submit()
    html = widget.feedback.value
    assert "<script" not in html.lower() and "<img" not in html and "\u202e" not in html
    if len(text) > progress.MAX_TEXT_CHARS or not text.strip():
        assert ok is False and widget.text.value == text
    if ok:
        assert progress.load_answers()["00_start_here"]["reaction"]["answer"] == text
        rerun = lesson.ask("reaction")
        assert rerun.text.value == text
        assert "<script" not in rerun.feedback.value.lower()


def test_learner_name_sets_who_answers_are_saved_for(lesson):
    widget = lesson.ask("name")
    widget.text.value = "  ليلى  "
    assert widget.submit() is True
    assert progress.current_learner() == "ليلى"
    widget.text.value = ""
    assert widget.submit() is False


def test_rating_saves_and_restores(lesson):
    lesson.ask("trust_1").radio.value = 2
    assert progress.load_answers()["00_start_here"]["trust_1"]["answer"] == 2
    assert lesson.ask("trust_1").radio.value == 2


def test_export_button_writes_a_file_with_a_download_link(lesson, answers):
    lesson.ask("q_run").radio.value = _choice(lesson, "q_run", True)["id"]
    button = lesson.recap()
    path = button.export()
    assert path is not None and path.exists()
    assert "download=" in button.output.value and "base64," in button.output.value
