"""Every lesson notebook, run in JupyterLab as a learner runs it: renders, answers, remembers."""

from __future__ import annotations

import json

import pytest

from tests.browser.jupyterlab import (
    ARTIFACTS,
    edition_of,
    language_of,
    lesson_of,
    notebook_paths,
)

pytestmark = pytest.mark.browser

CHECKED_CHOICES = 2  # choice items clicked per lesson (wrong, then right)


def _norm(text: str) -> str:
    return " ".join(text.split())


def _asked_choices(tab, lesson: dict | None, report: dict) -> list[dict]:
    """The lesson's choice items that the notebook shows, in lesson order."""
    if not lesson:
        return []
    shown = {item["id"] for item in report["items"]}
    return [item for item in lesson["items"]
            if item["kind"] == "choice" and item["id"] in shown][:CHECKED_CHOICES]


def _wrong_and_right(item: dict) -> tuple[dict, dict]:
    """A wrong choice and the right one of a choice item (from the lesson file)."""
    return (next(c for c in item["choices"] if not c["correct"]),
            next(c for c in item["choices"] if c["correct"]))


def assert_rendered(tab, report: dict, lang: str) -> None:
    where = tab.path
    assert report["errors"] == [], f"{where}: error output:\n" + "\n---\n".join(report["errors"])
    assert report["brokenWidgets"] == [], (
        f"{where}: widgets not displayed: {report['brokenWidgets']}")
    lesson = lesson_of(where)
    if lesson:
        assert report["items"], f"{where}: no .kit-item widget rendered"
    invisible = [i["id"] for i in report["items"] if not i["visible"]]
    assert not invisible, f"{where}: kit items rendered with no height: {invisible}"
    detached = {i["id"]: i["detached"] for i in report["items"] if i["detached"]}
    assert not detached, f"{where}: radio buttons far from their labels: {detached}"
    empty = [c for c in report["charts"] if c["svg"] == 0 or c["marks"] == 0]
    assert not empty, f"{where}: plotly charts without bars, points or lines: {empty}"
    if lang == "ar":
        assert report["misaligned"] == [], (
            f"{where}: Arabic prose that is not right-to-left and right-aligned "
            f"(direction/text-align: text):\n" + "\n".join(report["misaligned"][:15]))
        assert report["misalignedOutputs"] == [], (
            f"{where}: Arabic text in the kit's HTML outputs (lesson header, article, tables, "
            f"recap) that is not right-to-left and right-aligned:\n"
            + "\n".join(report["misalignedOutputs"][:15]))
        ltr = {i["id"]: i["ltr"] for i in report["items"] if i["ltr"]}
        assert not ltr, f"{where}: Arabic widgets laid out left-to-right: {ltr}"


@pytest.mark.parametrize("path", notebook_paths(), ids=lambda p: p.removesuffix(".ipynb"))
def test_lesson_runs_answers_and_remembers(path, open_notebook, lab):
    lang = language_of(path)
    lesson = lesson_of(path)
    tab = open_notebook(path)
    report = tab.run_all_and_report()
    shot = ARTIFACTS / f"{edition_of(path)}-{path.rsplit('/', 1)[-1].removesuffix('.ipynb')}.png"
    tab.screenshot(shot)  # taken before any check, so a failure has its picture
    assert_rendered(tab, report, lang)

    # One wrong and one right answer in two checks: the words come from the lesson file.
    checked = _asked_choices(tab, lesson, report)
    choices_in_lesson = [i for i in (lesson or {}).get("items", []) if i["kind"] == "choice"]
    assert len(checked) >= min(CHECKED_CHOICES, len(choices_in_lesson)), (
        f"{path}: the lesson has choice items {[i['id'] for i in choices_in_lesson]} "
        f"but the notebook shows only {[i['id'] for i in checked]}")
    for item in checked:
        labels = tab.radio_labels(item["id"])  # shuffled per learner: compare as a set
        assert sorted(labels) == sorted(_norm(c["text"]) for c in item["choices"]), (
            f"{path}: {item['id']}: radio labels differ from the lesson file")
        wrong_choice, right_choice = _wrong_and_right(item)
        said = tab.choose(item["id"], labels.index(_norm(wrong_choice["text"])), "✗")
        assert _norm(wrong_choice["feedback"]) in said, (
            f"{path}: {item['id']}: wrong-answer feedback {said!r}")
        said = tab.choose(item["id"], labels.index(_norm(right_choice["text"])), "✓")
        assert _norm(right_choice["feedback"]) in said, (
            f"{path}: {item['id']}: right-answer feedback {said!r}")

    tab.screenshot(shot)  # again, with the feedback showing

    # A reload with a new kernel: the widgets are new, the answers come from the store.
    lab.shutdown_sessions()
    tab.open()
    report = tab.run_all_and_report()
    assert_rendered(tab, report, lang)
    for item in checked:
        right_choice = _wrong_and_right(item)[1]
        right = tab.radio_labels(item["id"]).index(_norm(right_choice["text"]))
        assert tab.checked_index(item["id"]) == right, (
            f"{path}: {item['id']}: after reload the saved choice is not checked")
        said = tab.feedback(item["id"])
        assert said.startswith("↺") and "✓" in said, (
            f"{path}: {item['id']}: after reload no restored note: {said!r}")
        assert _norm(right_choice["feedback"]) in said


def test_wrong_then_right_answer_both_reach_the_export(open_notebook, lab):
    """Issue 11: a learner who clicks a wrong, then the right answer; the export keeps both."""
    path = "ar/01_claims.ipynb"
    lesson = lesson_of(path)
    tab = open_notebook(path)
    report = tab.run_all_and_report()
    assert_rendered(tab, report, "ar")
    (item,) = _asked_choices(tab, lesson, report)[:1]
    wrong, right = _wrong_and_right(item)
    labels = tab.radio_labels(item["id"])
    tab.choose(item["id"], labels.index(_norm(wrong["text"])), "✗")
    tab.choose(item["id"], labels.index(_norm(right["text"])), "✓")
    before = tab.feedback("export")
    tab.item("export").locator("button").first.click()
    tab.wait_feedback("export", before, ("✓",))
    exports = sorted((lab.answers_dir / "exports").glob("*.json"))
    assert len(exports) == 1, f"expected one export, found {[p.name for p in exports]}"
    doc = json.loads(exports[0].read_text(encoding="utf-8"))
    assert doc["schema_version"] == 2 and doc["learner_id"]
    row = next(r for r in doc["answers"]
               if (r["lesson"], r["item"]) == (lesson["lesson"], item["id"]))
    assert [(a["answer"], a["correct"]) for a in row["attempts"]] == [
        (wrong["id"], False), (right["id"], True)]
    assert row["tries"] == 2 and row["first"]["answer"] == wrong["id"]
    assert (row["answer"], row["correct"]) == (right["id"], True)
