"""Live class view: with KIT_CLASS_DIR set, every save also replaces the learner's export there.

The copy is the same version-2 export kit.progress writes, one file per learner id (replaced,
never multiplied), written atomically; a class folder that cannot be written never loses or
blocks the learner's own save, and the learner is told once, in their language.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import kit.i18n
from kit import progress
from kit.classroom import load_class
from kit.datasets import validate
from kit.i18n import t
from kit.lesson import Lesson


@pytest.fixture
def classroom(tmp_path, monkeypatch) -> Path:
    shared = tmp_path / "class"
    shared.mkdir()
    monkeypatch.setenv("KIT_ANSWERS_DIR", str(tmp_path / "answers"))
    monkeypatch.setenv("KIT_CLASS_DIR", str(shared))
    monkeypatch.delenv("KIT_LEARNER", raising=False)
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    monkeypatch.setattr(kit.i18n, "_current", "en")
    monkeypatch.setattr(progress, "_class_copy", {"problem": None, "told": False})
    return shared


def _as(monkeypatch, learner: str) -> None:
    """A learner on a hub: the hub user name is their id."""
    monkeypatch.setenv("JUPYTERHUB_USER", learner)


def test_every_save_replaces_the_learners_one_file_with_a_valid_export(classroom, monkeypatch):
    _as(monkeypatch, "layla")
    progress.set_learner("ليلى")
    progress.save_answer("00_start_here", "q_run", "save", correct=False, kind="choice")
    progress.save_answer("00_start_here", "q_run", "shift_enter", correct=True, kind="choice")
    files = sorted(classroom.iterdir())
    assert files == [progress.class_copy_path("layla")], files  # one file, no temp left over
    doc = json.loads(files[0].read_text(encoding="utf-8"))
    validate(doc, "export", source="live copy")
    assert (doc["schema_version"], doc["learner_id"], doc["learner"]) == (2, "layla", "ليلى")
    row = next(r for r in doc["answers"] if r["item"] == "q_run")
    assert row["answer"] == "shift_enter" and row["tries"] == 2
    assert [a["answer"] for a in row["attempts"]] == ["save", "shift_enter"]
    # the same document export_answers writes (apart from the time it was made)
    exported = json.loads(progress.export_answers("en").read_text(encoding="utf-8"))
    assert {k: v for k, v in exported.items() if k != "exported_at"} == \
        {k: v for k, v in doc.items() if k != "exported_at"}


def test_two_learners_two_files_and_the_dashboard_reads_them_before_any_export(classroom,
                                                                               monkeypatch):
    for learner, name, answer in (("layla", "ليلى", "shift_enter"), ("omar", "عمر", "save")):
        _as(monkeypatch, learner)
        progress.set_learner(name)
        widget = Lesson("00_start_here", "ar").ask("q_run")
        widget.radio.value = answer
    assert len(list(classroom.glob("*.json"))) == 2
    assert not list((classroom.parent / "answers").rglob("exports/*.json"))  # nobody exported
    board = load_class(classroom)
    assert not board.problems, board.problems
    rows = board.answers[board.answers["item"] == "q_run"].set_index("learner")
    assert rows.loc["ليلى", "answer"] == "shift_enter" and bool(rows.loc["ليلى", "correct"])
    assert rows.loc["عمر", "answer"] == "save" and not bool(rows.loc["عمر", "correct"])


def test_without_the_variable_nothing_is_written(classroom, monkeypatch):
    monkeypatch.delenv("KIT_CLASS_DIR")
    _as(monkeypatch, "layla")
    progress.save_answer("00_start_here", "q_run", "save", correct=False, kind="choice")
    assert progress.class_copy_path("layla") is None
    assert not list(classroom.iterdir())


@pytest.mark.parametrize("breakage", ["missing folder", "a folder where the file goes",
                                      "a file instead of the folder"])
def test_a_class_folder_that_fails_never_costs_the_learner_an_answer(classroom, monkeypatch,
                                                                    breakage):
    _as(monkeypatch, "omar")
    target = progress.class_copy_path("omar")
    if breakage == "missing folder":
        monkeypatch.setenv("KIT_CLASS_DIR", str(classroom / "not-mounted"))
    elif breakage == "a folder where the file goes":
        target.mkdir()
    else:
        blocker = classroom.parent / "blocker"
        blocker.write_text("x")
        monkeypatch.setenv("KIT_CLASS_DIR", str(blocker))
    monkeypatch.setattr(kit.i18n, "_current", "ar")
    widget = Lesson("00_start_here", "ar").ask("q_run")
    widget.radio.value = "save"
    assert progress.load_answers()["00_start_here"]["q_run"]["answer"] == "save"
    assert progress.class_copy_problem()
    sentence = t("live_class.copy_failed", "ar")
    assert sentence in widget.notice.value.replace("&quot;", '"')
    assert "✗" in widget.feedback.value  # the feedback on the answer itself is there as usual
    # told once, not at every answer; once the folder works again, told again after a new failure
    again = Lesson("00_start_here", "ar").ask("q_stop")
    again.radio.value = again.order[0]["id"]
    assert sentence not in again.notice.value
    assert not [p for p in classroom.rglob("*.tmp")] and not [p for p in classroom.rglob(".*")]


def test_the_copy_recovers_after_a_failure(classroom, monkeypatch):
    _as(monkeypatch, "omar")
    target = progress.class_copy_path("omar")
    target.mkdir()
    progress.save_answer("00_start_here", "q_run", "save", correct=False, kind="choice")
    assert progress.class_copy_problem() and progress.class_copy_notice()
    target.rmdir()
    progress.save_answer("00_start_here", "q_run", "shift_enter", correct=True, kind="choice")
    assert progress.class_copy_problem() is None
    doc = json.loads(target.read_text(encoding="utf-8"))
    assert doc["answers"][0]["tries"] == 2


def test_the_sentence_exists_in_both_languages_without_codes_in_arabic():
    ar, en = t("live_class.copy_failed", "ar"), t("live_class.copy_failed", "en")
    assert ar != en and "live_class" not in ar + en
    assert not any("a" <= ch.lower() <= "z" for ch in ar)
    assert os.sep not in ar
