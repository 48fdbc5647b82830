"""Learner identity: an id made once (or the hub user), the name beside it, old stores adopted."""

from __future__ import annotations

import json
import re

import pytest

import kit.i18n
from kit import identity, progress
from kit.progress import load_answers, save_answer, slug


@pytest.fixture
def store(tmp_path, monkeypatch):
    folder = tmp_path / "answers"
    monkeypatch.setenv("KIT_ANSWERS_DIR", str(folder))
    monkeypatch.delenv("KIT_LEARNER", raising=False)
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    monkeypatch.setattr(kit.i18n, "_current", "en")
    return folder


def test_an_id_is_made_once_and_kept_with_the_answers(store):
    first = identity.current()
    assert re.fullmatch(r"[0-9a-f]{12}", first.id)
    assert first.source == "local" and first.name is None
    assert first.display == progress.DEFAULT_LEARNER
    assert identity.current() == first
    saved = json.loads((store / identity.IDENTITY_FILE).read_text(encoding="utf-8"))
    assert saved["learner_id"] == first.id
    save_answer("01", "q1", "a")
    assert (store / f"{slug(first.id)}.json").is_file()
    stored = json.loads((store / f"{slug(first.id)}.json").read_text(encoding="utf-8"))
    assert stored["learner_id"] == first.id


def test_new_ids_differ():
    assert len({identity.new_id() for _ in range(1000)}) == 1000


def test_correcting_the_name_keeps_the_id_and_the_answers(store):
    save_answer("01", "q1", "a", correct=True, kind="choice")
    before = identity.current().id
    assert identity.set_name("Sami").id == before
    save_answer("01", "q2", "b")
    assert identity.set_name("  Samy ").name == "Samy"
    assert identity.current().id == before and progress.current_learner() == "Samy"
    assert sorted(load_answers()["01"]) == ["q1", "q2"]
    saved = json.loads((store / identity.IDENTITY_FILE).read_text(encoding="utf-8"))
    assert [n["name"] for n in saved["names"]] == ["Sami", "Samy"]
    assert identity.answer_count() == 2
    with pytest.raises(ValueError):
        identity.set_name("   ")
    assert progress.current_learner() == "Samy"


def test_the_hub_user_is_the_id(store, monkeypatch):
    monkeypatch.setenv("JUPYTERHUB_USER", "student-17")
    who = identity.current()
    assert (who.id, who.source, who.display) == ("student-17", "hub", "student-17")
    identity.set_name("ليلى")
    assert identity.current().display == "ليلى" and identity.current().id == "student-17"
    save_answer("01", "q1", "a")
    doc = json.loads(progress.export_answers("ar").read_text(encoding="utf-8"))
    assert (doc["learner"], doc["learner_id"]) == ("ليلى", "student-17")
    assert not identity.name_prompt_due()  # the hub already says who this is


def test_kit_learner_fixes_id_and_name(store, monkeypatch):
    monkeypatch.setenv("KIT_LEARNER", "Tester")
    assert identity.current() == identity.Identity("Tester", "Tester", "env", True)
    assert not (store / identity.IDENTITY_FILE).exists()


def test_a_store_from_before_ids_is_adopted(store):
    """A learner named in an older kit: answers under answers/<slug(name)>.json."""
    store.mkdir(parents=True)
    (store / "learner.json").write_text(json.dumps({"learner": "Ali"}), encoding="utf-8")
    old = {"schema": 1, "learner": "Ali", "answers": {"01": {"q1": {
        "answer": "b", "time": "2025-03-01T09:00:02.000Z", "correct": True, "kind": "choice"}}},
        "history": [{"lesson": "01", "item": "q1", "answer": "a", "correct": False,
                     "kind": "choice", "time": "2025-03-01T09:00:01.000Z"}]}
    (store / f"{slug('Ali')}.json").write_text(json.dumps(old), encoding="utf-8")
    who = identity.current()
    assert who.name == "Ali" and who.id != "Ali"
    assert not (store / f"{slug('Ali')}.json").exists()
    assert load_answers()["01"]["q1"]["answer"] == "b"
    save_answer("01", "q1", "c", correct=False, kind="choice")
    record = load_answers()["01"]["q1"]
    assert [a["answer"] for a in record["attempts"]] == ["a", "b", "c"]  # history becomes tries
    assert record["tries"] == 3 and record["first"]["answer"] == "a"


def test_a_local_learner_moving_to_a_hub_keeps_the_answers(store, monkeypatch):
    save_answer("01", "q1", "a")
    monkeypatch.setenv("JUPYTERHUB_USER", "amal")
    assert identity.current().id == "amal"
    assert load_answers()["01"]["q1"]["answer"] == "a"


def test_the_skipped_name_is_asked_about_once(store):
    assert identity.name_prompt_due()
    identity.mark_name_prompted()
    assert not identity.name_prompt_due()
    identity.set_name("Nour")
    assert not identity.name_prompt_due()


def test_short_ids_tell_learners_apart():
    assert identity.short_id("a") != identity.short_id("b")
    assert re.fullmatch(r"[0-9a-f]{6}", identity.short_id("student-17"))


def test_an_unusable_folder_gives_a_sentence_not_a_traceback(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("KIT_ANSWERS_DIR", str(blocker / "answers"))
    monkeypatch.delenv("KIT_LEARNER", raising=False)
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    monkeypatch.setattr(kit.i18n, "_current", "en")
    with pytest.raises(progress.SaveError):
        identity.set_name("Nour")
    assert progress.current_learner() == progress.DEFAULT_LEARNER
    assert not identity.name_prompt_due()
