"""The answers store: round trips, limits, hostile text, crash safety, repair, concurrency."""

from __future__ import annotations

import base64
import json
import os
import random
import re
import signal
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kit
import kit.i18n
from kit import identity, progress
from kit.i18n import t
from kit.paths import data_dir
from kit.progress import (
    MAX_TEXT_CHARS,
    SaveError,
    answers_dir,
    current_learner,
    export_answers,
    export_link_html,
    load_answers,
    pop_notices,
    save_answer,
    set_learner,
    slug,
)
from tests.hostile import HOSTILE, SHORT, UNENCODABLE

REPO = Path(__file__).resolve().parent.parent
WORKER = Path(__file__).resolve().parent / "progress_worker.py"


@pytest.fixture
def store(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "answers"
    monkeypatch.setenv("KIT_ANSWERS_DIR", str(folder))
    monkeypatch.delenv("KIT_LEARNER", raising=False)
    monkeypatch.setattr(kit.i18n, "_current", "en")
    pop_notices()
    return folder


def store_file(folder: Path, learner: str | None = None) -> Path:
    """The store of a learner given by id, or of the current learner (filed under their id)."""
    path = progress.store_path(learner)
    assert path.parent == folder
    return path


def worker_env(folder: Path) -> dict[str, str]:
    return {**os.environ, "KIT_ANSWERS_DIR": str(folder), "PYTHONPATH": str(REPO)}


# ---------------------------------------------------------------- basics


def test_round_trip_returns_the_saved_record(store):
    rec = save_answer("01_claims", "q1", "b", correct=False, kind="choice")
    assert load_answers() == {"01_claims": {"q1": rec}}
    assert rec["answer"] == "b" and rec["correct"] is False and rec["kind"] == "choice"
    when = datetime.fromisoformat(rec["time"])
    assert when.utcoffset().total_seconds() == 0
    assert abs(time.time() - when.timestamp()) < 60


def test_latest_answer_wins_and_the_earlier_one_is_in_history(store):
    save_answer("01_claims", "o1", "first thought")
    save_answer("01_claims", "o1", "second thought")
    assert load_answers()["01_claims"]["o1"]["answer"] == "second thought"
    data = json.loads(store_file(store).read_text(encoding="utf-8"))
    assert [h["answer"] for h in data["history"]] == ["first thought"]


def test_every_attempt_is_kept_in_order_with_the_first_and_the_tries(store):
    save_answer("01", "q1", "c", correct=False, kind="choice")
    save_answer("01", "q1", "b", correct=False, kind="choice")
    rec = save_answer("01", "q1", "a", correct=True, kind="choice")
    assert rec == load_answers()["01"]["q1"]
    assert rec["answer"] == "a" and rec["correct"] is True  # the latest, as widgets show it
    assert [(a["answer"], a["correct"]) for a in rec["attempts"]] == [
        ("c", False), ("b", False), ("a", True)]
    assert rec["first"] == rec["attempts"][0] and rec["tries"] == 3
    times = [a["time"] for a in rec["attempts"]]
    assert times == sorted(times) and all(t.endswith("Z") for t in times)


def test_attempts_are_bounded_but_first_and_tries_cover_them_all(store):
    for i in range(progress.ATTEMPT_LIMIT + 5):
        save_answer("l", "q", f"v{i}", correct=i % 2 == 0)
    rec = load_answers()["l"]["q"]
    assert len(rec["attempts"]) == progress.ATTEMPT_LIMIT
    assert rec["attempts"][-1]["answer"] == f"v{progress.ATTEMPT_LIMIT + 4}"
    assert rec["first"]["answer"] == "v0" and rec["tries"] == progress.ATTEMPT_LIMIT + 5
    big = "x" * (MAX_TEXT_CHARS // 2)
    for _ in range(progress.ATTEMPT_CHARS // len(big) + 3):
        save_answer("l", "o", big)
    rec = load_answers()["l"]["o"]
    assert sum(len(a["answer"]) for a in rec["attempts"]) <= progress.ATTEMPT_CHARS
    assert rec["tries"] == progress.ATTEMPT_CHARS // len(big) + 3


def test_drafts_revisions_and_self_level(store):
    save_answer("01", "o1", "thin", kind="open", status="draft")
    assert load_answers()["01"]["o1"]["status"] == "draft"
    save_answer("01", "o1", "a real answer", kind="open", status="submitted")
    save_answer("01", "o1", "thin again", kind="open", status="draft")
    rec = load_answers()["01"]["o1"]
    assert rec["answer"] == "a real answer" and rec["status"] == "submitted"  # not replaced
    progress.set_self_level("01", "o1", "developing")
    save_answer("01", "o1", "better after the exemplar", kind="open", status="submitted")
    rec = load_answers()["01"]["o1"]
    assert rec["answer"] == "a real answer" and rec["self_level"] == "developing"
    assert [r["answer"] for r in rec["revisions"]] == ["better after the exemplar"]
    assert [bool(a.get("draft")) for a in rec["attempts"]] == [True, False, True, False]
    assert rec["attempts"][-1]["revision"] is True and rec["tries"] == 4
    with pytest.raises(ValueError):
        progress.set_self_level("01", "o1", "expert")
    with pytest.raises(ValueError):
        save_answer("01", "o1", "x", status="final")


def test_history_is_bounded(store):
    for i in range(progress.HISTORY_LIMIT + 10):
        save_answer("l", "o1", f"v{i}")
    data = json.loads(store_file(store).read_text(encoding="utf-8"))
    assert len(data["history"]) == progress.HISTORY_LIMIT
    assert data["history"][-1]["answer"] == f"v{progress.HISTORY_LIMIT + 8}"


def test_structured_answers_round_trip(store):
    answer = {"choices": ["a", "c"], "score": 4.5, "sure": True, "note": None}
    save_answer("03", "k1", answer)
    save_answer("03", "r1", 3)
    got = load_answers()["03"]
    assert got["k1"]["answer"] == answer and got["r1"]["answer"] == 3


def test_learners_are_kept_apart(store):
    save_answer("01", "q1", "a", learner="Ali")
    save_answer("01", "q1", "b", learner="علي")
    save_answer("01", "q1", "c")
    assert load_answers("Ali")["01"]["q1"]["answer"] == "a"
    assert load_answers("علي")["01"]["q1"]["answer"] == "b"
    assert load_answers()["01"]["q1"]["answer"] == "c"
    assert len(list(store.glob("*.json"))) == 4  # three stores and learner.json (the id)
    assert load_answers("Nobody") == {}


def test_kit_answers_dir_is_respected(store):
    save_answer("01", "q1", "a")
    assert answers_dir() == store
    assert store_file(store).is_file()


@pytest.mark.parametrize(
    ("folder", "expected"),
    [
        ("notebooks/ar", "notebooks/answers"),
        ("notebooks/en", "notebooks/answers"),
        ("notebooks/teacher", "notebooks/answers"),
        ("elsewhere", "elsewhere/answers"),
    ],
)
def test_answers_dir_beside_the_notebook_folders(tmp_path, monkeypatch, folder, expected):
    monkeypatch.delenv("KIT_ANSWERS_DIR", raising=False)
    (tmp_path / folder).mkdir(parents=True)
    monkeypatch.chdir(tmp_path / folder)
    assert answers_dir() == tmp_path / expected
    assert (tmp_path / expected).is_dir()


# ---------------------------------------------------------------- learner names


def test_set_learner_is_remembered_and_env_wins(store, monkeypatch):
    assert current_learner() == "learner"
    assert set_learner("  مريم  ") == "مريم"
    assert current_learner() == "مريم"
    save_answer("01", "q1", "a")
    assert load_answers()["01"]["q1"]["answer"] == "a"
    assert json.loads(store_file(store).read_text(encoding="utf-8"))["learner"] == "مريم"
    monkeypatch.setenv("KIT_LEARNER", "Sami")
    assert current_learner() == "Sami"


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("", "progress.name_empty"),
        ("   ", "progress.name_empty"),
        ("x" * 81, "progress.name_too_long"),
        ("a\u202eb", "progress.name_bad_chars"),
        ("a\x00b", "progress.name_bad_chars"),
        ("a\nb", "progress.name_bad_chars"),
    ],
)
def test_unusable_names_get_a_sentence(store, name, key):
    with pytest.raises(ValueError) as err:
        set_learner(name)
    assert str(err.value) == t(key, n=progress.MAX_NAME_CHARS)
    assert "learner" not in json.loads((store / "learner.json").read_text("utf-8")) \
        if (store / "learner.json").exists() else True


def test_name_errors_speak_arabic_in_the_arabic_edition(store, monkeypatch):
    monkeypatch.setattr(kit.i18n, "_current", "ar")
    with pytest.raises(ValueError, match="اسمك"):
        set_learner("")


def test_slugs_are_safe_and_distinct():
    names = ["a b", "a-b", "a_b", "A B", "../../etc/passwd", "CON", "علي", "علي ", "", "..", "/"]
    slugs = [slug(n) for n in names]
    assert len(set(slugs)) == len(names)
    for s in slugs:
        assert re.fullmatch(r"[0-9A-Za-z\u0621-\u06FF-]+", s), s
        assert ".." not in s and "/" not in s and "\\" not in s
    assert slug("علي").startswith("علي-")


# ---------------------------------------------------------------- limits and refusals


def test_text_over_the_limit_is_refused_and_nothing_written(store):
    save_answer("01", "o1", "kept")
    before = store_file(store).read_bytes()
    with pytest.raises(ValueError) as err:
        save_answer("01", "o1", "x" * (MAX_TEXT_CHARS + 1))
    assert str(err.value) == t("progress.too_long", n=MAX_TEXT_CHARS, got=MAX_TEXT_CHARS + 1)
    assert "20000" in str(err.value)
    assert store_file(store).read_bytes() == before
    with pytest.raises(ValueError):  # the limit counts all text in a structured answer
        save_answer("01", "o2", ["x" * 15000, "y" * 15000])
    assert save_answer("01", "o1", "z" * MAX_TEXT_CHARS)["answer"] == "z" * MAX_TEXT_CHARS


def test_too_long_on_a_new_learner_creates_no_file(store):
    with pytest.raises(SaveError):
        save_answer("01", "o1", HOSTILE["one_mb"], learner="New")
    assert not store_file(store, "New").exists()


@pytest.mark.parametrize("bad", [object(), float("nan"), float("inf"), {1: "x"}, {"s": {1, 2}}])
def test_answers_json_cannot_hold_exactly_are_refused(store, bad):
    with pytest.raises(SaveError) as err:
        save_answer("01", "q1", bad)
    assert str(err.value) == t("progress.not_saveable")
    assert not store_file(store).exists()


# ---------------------------------------------------------------- hostile text


@pytest.mark.parametrize("name", sorted({**SHORT, **UNENCODABLE}))
def test_hostile_text_round_trips_exactly_and_exports_safely(store, name):
    text = {**SHORT, **UNENCODABLE}[name]
    save_answer("02", "o1", text, kind="open")
    save_answer("02", "o2", [text, {"k": text}], kind="text")
    got = load_answers()["02"]
    assert got["o1"]["answer"] == text
    assert got["o2"]["answer"] == [text, {"k": text}]
    path = export_answers("en")
    exported = json.loads(path.read_text(encoding="utf-8"))
    assert exported["answers"][0]["answer"] == text
    link = export_link_html(path)
    assert "<script" not in link and "<img" not in link and "\u202e" not in link
    assert base64.b64decode(re.search(r"base64,([^\"]+)\"", link).group(1)) == path.read_bytes()


def test_one_megabyte_is_refused_with_the_limit_message(store):
    with pytest.raises(ValueError, match=str(MAX_TEXT_CHARS)):
        save_answer("02", "o1", HOSTILE["one_mb"])


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=200), item=st.text(min_size=1, max_size=30).filter(str.strip))
def test_any_text_round_trips(store, text, item):
    save_answer("hyp", item, text)
    assert load_answers()["hyp"][item]["answer"] == text


# ---------------------------------------------------------------- export


def test_export_matches_the_published_schema(store):
    schema = json.loads((data_dir() / "schemas" / "export.schema.json").read_text("utf-8"))
    save_answer("01_claims", "q1", "b", correct=True, kind="choice")
    save_answer("01_claims", "o1", "نص", kind="open")
    save_answer("02_numbers", "q1", "a", correct=False, kind="choice")
    path = export_answers("ar")
    assert path.parent == store / "exports"
    assert path.name.startswith(slug("learner") + "-")
    doc = json.loads(path.read_text(encoding="utf-8"))
    jsonschema.validate(doc, schema)
    assert doc["kit_version"] == kit.__version__ and doc["language"] == "ar"
    assert doc["schema_version"] == progress.EXPORT_VERSION == 2
    assert doc["learner_id"] == identity.current().id
    assert all(a["tries"] == 1 and a["attempts"] == [a["first"]] for a in doc["answers"])
    assert [(a["lesson"], a["item"]) for a in doc["answers"]] == [
        ("01_claims", "o1"),
        ("01_claims", "q1"),
        ("02_numbers", "q1"),
    ]
    only = json.loads(export_answers("en", items=["02_numbers", ("01_claims", "o1")]).read_text())
    assert [(a["lesson"], a["item"]) for a in only["answers"]] == [
        ("01_claims", "o1"),
        ("02_numbers", "q1"),
    ]
    assert len(list((store / "exports").glob("*.json"))) == 2  # same second: no overwrite


def test_export_refuses_an_unknown_language(store):
    with pytest.raises(ValueError, match="ar, en"):
        export_answers("fr")


def test_download_link_escapes_the_file_name(tmp_path):
    path = tmp_path / 'a"<b>&\u202e.json'
    path.write_text("{}", encoding="utf-8")
    link = export_link_html(path)
    assert 'download="a&quot;&lt;b&gt;&amp;⟦RLO⟧.json"' in link
    assert link.count("<") == 2  # only <a ...> and </a>


# ---------------------------------------------------------------- repair


def test_corrupt_store_is_restored_from_backup_with_a_notice(store):
    save_answer("01", "q1", "a")
    save_answer("01", "q2", "b")  # the backup now holds the store with q1 only
    path = store_file(store)
    path.write_text('{"schema": 1, "learner": "learner", "answ', encoding="utf-8")
    assert load_answers()["01"]["q1"]["answer"] == "a"
    assert pop_notices() == [t("progress.restored")]
    assert pop_notices() == []
    assert json.loads(path.read_text(encoding="utf-8"))["answers"]["01"]["q1"]["answer"] == "a"


@pytest.mark.parametrize(
    "bad",
    [
        "[]",
        '{"schema": 2}',
        '{"schema": 1, "learner": "x", "answers": {"01": {"q1": "no record"}}}',
        "\x00\xff",
    ],
)
def test_store_failing_the_schema_is_restored_too(store, bad):
    save_answer("01", "q1", "a")
    save_answer("01", "q2", "b")
    store_file(store).write_text(bad, encoding="utf-8")
    assert load_answers() == {"01": {"q1": load_answers()["01"]["q1"]}}
    assert pop_notices() == [t("progress.restored")]


def test_saving_over_a_corrupt_store_keeps_the_backed_up_answers(store):
    save_answer("01", "q1", "a")
    save_answer("01", "q2", "b")
    store_file(store).write_text("garbage", encoding="utf-8")
    save_answer("01", "q3", "c")
    assert sorted(load_answers()["01"]) == ["q1", "q3"]
    assert pop_notices() == [t("progress.restored")]


def test_both_corrupt_resets_and_keeps_the_bad_files_aside(store):
    save_answer("01", "q1", "a")
    save_answer("01", "q2", "b")
    path = store_file(store)
    path.write_text("bad main", encoding="utf-8")
    Path(str(path) + ".bak").write_text("bad backup", encoding="utf-8")
    assert load_answers() == {}
    assert pop_notices() == [t("progress.reset")]
    aside = sorted(p.name for p in store.glob("*.corrupt-*"))
    assert len(aside) == 2
    kept = {p.read_text(encoding="utf-8") for p in store.glob("*.corrupt-*")}
    assert kept == {"bad main", "bad backup"}
    save_answer("01", "q9", "fresh")
    assert load_answers() == {"01": {"q9": load_answers()["01"]["q9"]}}
    assert pop_notices() == []


def test_load_never_raises_when_the_folder_is_unusable(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("KIT_ANSWERS_DIR", str(blocker / "answers"))
    monkeypatch.setattr(kit.i18n, "_current", "en")
    assert load_answers() == {}
    assert len(pop_notices()) == 1
    with pytest.raises(SaveError):
        save_answer("01", "q1", "a")


def test_a_deleted_store_is_not_resurrected_from_its_backup(store):
    save_answer("01", "q1", "a")
    save_answer("01", "q2", "b")
    store_file(store).unlink()
    assert load_answers() == {}
    save_answer("01", "q3", "c")
    save_answer("01", "q4", "d")
    store_file(store).write_text("garbage", encoding="utf-8")
    assert sorted(load_answers()["01"]) == ["q3"]  # the old q1, q2 stay deleted


def test_temp_files_of_a_killed_writer_are_cleaned_up(store):
    save_answer("01", "q1", "a")
    leftover = store / f"{store_file(store).name}.999-dead.tmp"
    leftover.write_text("half")
    save_answer("01", "q2", "b")
    assert not leftover.exists()


# ---------------------------------------------------------------- crashes and races


@pytest.mark.slow
def test_sigkill_at_random_moments_never_loses_a_returned_save(store):
    """200 SIGKILLs at random 5-80 ms moments; each time the store parses and holds every
    item whose save_answer() had returned (the worker printed it). A new learner every 20 runs
    keeps the stores the size of a real learner's (a few hundred answers)."""
    rng = random.Random(20240611)
    kills = 200
    server = subprocess.Popen(
        [sys.executable, str(WORKER), "serve"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=worker_env(store),
        bufsize=1,
    )
    saved: dict[str, set[str]] = {}
    runs_with_saves = 0
    started = time.monotonic()
    try:
        for run in range(kills):
            learner = f"learner{run // 20}"
            mine = saved.setdefault(learner, set())
            before = len(mine)
            server.stdin.write(f"run {learner} r{run}-\n")
            server.stdin.flush()
            while not (line := server.stdout.readline()).startswith("child "):
                assert line.startswith("saved "), line
                mine.add(line.split()[1])
            time.sleep(rng.uniform(0.005, 0.080))
            os.kill(int(line.split()[1]), signal.SIGKILL)
            while not (line := server.stdout.readline()).startswith("done "):
                assert line.startswith("saved "), line
                mine.add(line.split()[1])
            assert line.split()[2] == str(signal.SIGKILL)  # waitpid status: killed, not exited
            runs_with_saves += len(mine) > before
            path = store_file(store, learner)
            if not path.exists():  # killed during this learner's very first save
                assert not mine
                continue
            data = json.loads(path.read_text(encoding="utf-8"))
            assert progress._is_store(data)
            missing = mine - set(data["answers"].get("kill", {}))
            assert not missing, f"run {run}: lost {sorted(missing)[:5]}"
    finally:
        server.stdin.close()
        server.wait(timeout=10)
    elapsed = time.monotonic() - started
    assert runs_with_saves > kills // 2  # most kills landed while saves were happening
    assert elapsed < 60
    assert pop_notices() == []
    save_answer("after", "x", "y", learner="learner9")
    assert len(list(store.glob("*.tmp"))) <= 9  # only stores not written since their last kill
    assert not list(store.glob(f"{slug('learner9')}.json*.tmp"))


@pytest.mark.slow
def test_two_processes_saving_at_once_lose_no_answer(store):
    procs = [
        subprocess.Popen(
            [sys.executable, str(WORKER), "save", "Shared", prefix, "200"],
            stdout=subprocess.PIPE,
            text=True,
            env=worker_env(store),
        )
        for prefix in ("a", "b")
    ]
    outs = [p.communicate(timeout=120)[0] for p in procs]
    assert [p.returncode for p in procs] == [0, 0]
    assert all(out.count("saved ") == 200 for out in outs)
    race = load_answers("Shared")["race"]
    assert len(race) == 401  # 2 x 200 items and the shared one
    assert race["a137"]["answer"].startswith("a 137 ")
    both = race["both"]
    assert both["tries"] == len(both["attempts"]) == 100  # no attempt lost between processes
    for prefix in ("a", "b"):
        mine = [a["answer"] for a in both["attempts"] if a["answer"].startswith(prefix)]
        assert mine == [f"{prefix} {i}" for i in range(0, 200, 4)]  # each in its own order
    times = [a["time"] for a in both["attempts"]]
    assert times == sorted(times)


def test_a_store_written_indented_by_an_earlier_kit_is_read_and_kept(store):
    """Stores are now written compact (Python's C encoder, issue 15); older indented ones stay."""
    save_answer("01_claims", "q1", "a", "Ali", kind="choice")
    path = store_file(store, "Ali")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert "\n" not in path.read_text(encoding="utf-8")  # compact
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    save_answer("01_claims", "q2", "نص", "Ali", kind="open")
    answers = load_answers("Ali")["01_claims"]
    assert answers["q1"]["answer"] == "a" and answers["q2"]["answer"] == "نص"
    exported = export_answers("en", "Ali")
    assert exported.read_text(encoding="utf-8").count("\n") > 10  # a file people open
