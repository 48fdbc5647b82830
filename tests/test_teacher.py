"""The teacher edition's answer key and timetable come from the lesson data itself."""

import pytest

from kit.lesson import lesson_ids, load_lesson
from kit.teacher import answer_key, lesson_overview, lesson_table
from kit.text import escape


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_answer_key_has_every_correct_answer_and_rubric(lang):
    html = answer_key(lang).html
    for lesson in lesson_ids(lang):
        for item in load_lesson(lesson, lang)["items"]:
            if item["kind"] == "choice":
                right = next(c for c in item["choices"] if c["correct"])
                assert f"✓ <b>{escape(right['text'])}</b>" in html, (lesson, item["id"])
                for choice in item["choices"]:
                    assert escape(choice["feedback"]) in html
            if item["kind"] in ("open", "factcheck"):
                assert escape(item["exemplar"]) in html


def test_timetable_counts_checks_and_minutes():
    table = lesson_table("en")
    assert list(table["Lesson"]) == lesson_ids("en")
    assert (table["Minutes"] <= 45).all()
    row = table[table["Lesson"] == "00_start_here"].iloc[0]
    items = load_lesson("00_start_here", "en")["items"]
    assert row["Choice checks"] == sum(i["kind"] == "choice" for i in items)
    assert 'dir="rtl"' in lesson_overview("ar").html
