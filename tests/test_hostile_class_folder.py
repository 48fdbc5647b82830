"""A class folder as teachers really receive it: every unusable file named with its reason,
the good ones used, and no part of the dashboard crashing (CSV export included)."""

from __future__ import annotations

import csv
import json
import os

import pytest

from kit import charts, progress
from kit.dashboard import Dashboard
from kit.i18n import t
from tests.hostile import HOSTILE, SHORT

LANG = "ar"


@pytest.fixture(autouse=True)
def arabic(monkeypatch):
    import kit.i18n

    monkeypatch.setattr(kit.i18n, "_current", LANG)
    for var in ("KIT_LEARNER", "JUPYTERHUB_USER", "KIT_CLASS_DIR"):
        monkeypatch.delenv(var, raising=False)


def learner_export(tmp_path, monkeypatch, folder: str, name: str, answers: list[tuple]) -> dict:
    """A real version-2 export, made through the kit in the learner's own answers folder."""
    from kit import identity

    monkeypatch.setenv("KIT_ANSWERS_DIR", str(tmp_path / "homes" / folder))
    identity.set_name(name)
    for lesson, item, answer, kind in answers:
        progress.save_answer(lesson, item, answer, kind=kind,
                             correct=None if kind != "choice" else False)
    return json.loads(progress.export_answers(LANG).read_text(encoding="utf-8"))


def put(folder, name: str, content) -> None:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")


def every_part(board: Dashboard) -> str:
    """Run every section the notebook shows; their HTML and chart summaries, joined."""
    out = [board.summary().html, board.learners().table.value, board.reteach().html,
           board.hardest().table.value, board.common_wrong().table.value,
           board.prepost().html, board.open_responses().table.value, board.open_scores().html,
           board.factchecks().table.value, board.analyses().table.value,
           board.grades_view().table.value, board.export_csv().html]
    scoring = board.score_open()
    out += [scoring.rubric.value, scoring.status.value]
    out += [row.children[0].value for row in scoring.rows.children]
    board.grades()  # data, not markup: computed, not joined
    for chart in (charts.class_completion, charts.class_scores, charts.class_trust,
                  charts.class_agreement):
        out.append(chart(board).summary)
    return "\n".join(out)


def teacher(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("KIT_ANSWERS_DIR", str(tmp_path / "teacher"))


def test_an_empty_folder_says_so_in_the_teachers_language(tmp_path, monkeypatch):
    teacher(tmp_path, monkeypatch)
    (tmp_path / "class").mkdir()
    board = Dashboard(tmp_path / "class", lang=LANG)
    html = every_part(board)
    assert "لم يُعثر في المجلد" in html and "متعلّم تجريبي" not in html
    with open(tmp_path / "teacher" / "class_grades.csv", encoding="utf-8-sig") as fh:
        header = next(csv.reader(fh))
    assert header[:3] == ["learner_id", "name", "shown_name"] and "post_c" in header


def test_only_bad_files_each_named_with_its_reason(tmp_path, monkeypatch):
    folder = tmp_path / "class"
    put(folder, "cut.json", '{"format": "town-square-kit/export", "learner": "ليلى", "ans')
    put(folder, "empty.json", "")
    put(folder, "list.json", [])
    put(folder, "notes.txt", "ملاحظات")
    put(folder, "photo.png", b"\x89PNG\r\n\x1a\n" + os.urandom(64))
    put(folder, "grades.csv", "name,score\nليلى,10\n")
    put(folder, "lesson.ipynb", {"cells": [], "nbformat": 4})
    put(folder, "page.html", HOSTILE["script"])
    put(folder, "nul.json", b'{"a": "\x00"}')
    put(folder, "latin1.json", '{"learner": "Zoë"}'.encode("latin-1"))
    put(folder, "big.json", b"[" + b" " * (5 * 1024 * 1024) + b"]")
    teacher(tmp_path, monkeypatch)
    board = Dashboard(folder, lang=LANG)
    reasons = dict(board.data.problems)
    assert set(reasons) == {"cut.json", "empty.json", "list.json", "notes.txt", "photo.png",
                            "grades.csv", "lesson.ipynb", "page.html", "nul.json",
                            "latin1.json", "big.json"}
    assert reasons["big.json"] == t("classroom.too_big", LANG, mb=5)
    assert reasons["photo.png"] == t("classroom.foreign", LANG)
    assert "ليس بصيغة JSON" in reasons["cut.json"]
    html = every_part(board)
    assert "لم يُعثر في المجلد" in html and "وتعذّر استعمال 11 ملفًّا" in html
    assert "<script>" not in html


def test_the_shapes_a_class_folder_takes_and_what_is_in_it(tmp_path, monkeypatch):
    folder = tmp_path / "class"
    q = ("00_start_here", "q_kind", "mt_wire", "choice")  # the right answer
    wrong = ("00_start_here", "q_kind", "reporter", "choice")
    layla = learner_export(tmp_path, monkeypatch, "layla", "ليلى", [wrong, q])
    put(folder, "ليلى.json", layla)  # flat
    omar = learner_export(tmp_path, monkeypatch, "omar", "عمر", [q])
    put(folder, "omar/exports/omar.json", omar)  # one folder per learner
    sara = learner_export(tmp_path, monkeypatch, "sara", "سارة", [wrong])
    put(folder, "collected/sara/answers/exports/x.json", sara)  # a hub collection
    put(folder, "a/b/c/d/e/f/g/deep.json", omar)  # too deep: named, not read
    # duplicates: the same export twice, and an older export of Omar
    put(folder, "copy-of-layla.json", layla)
    older = dict(omar, exported_at="2020-01-01T00:00:00.000Z")
    put(folder, "omar/old.json", older)
    # a hand-edited export: every answer claimed right
    tampered = json.loads(json.dumps(sara))
    for row in tampered["answers"]:
        row["correct"] = True
        row["first"]["correct"] = True
        for attempt in row["attempts"]:
            attempt["correct"] = True
    put(folder, "collected/sara/answers/exports/x.json", tampered)
    # a learner's working answers file handed in instead of an export
    store = next(p for p in (tmp_path / "homes" / "sara").glob("*.json")
                 if p.name != "learner.json")
    put(folder, "sara-store.json", store.read_text(encoding="utf-8"))
    # an old-schema (version 1) export, and a hostile one with odd text everywhere
    put(folder, "v1.json", {
        "format": "town-square-kit/export", "schema_version": 1, "learner": "هدى",
        "kit_version": "0.1.0", "language": "ar", "exported_at": "2025-03-01T10:00:00.000Z",
        "answers": [{"lesson": "00_start_here", "item": "q_kind", "kind": "choice",
                     "answer": "mt_wire", "correct": False,
                     "time": "2025-03-01T09:00:00.000Z"}]})
    hostile = learner_export(tmp_path, monkeypatch, "hostile", "زائر",
                             [("01_claims", "o_evidence", text, "open")
                              for text in list(SHORT.values())[:1]])
    hostile["answers"][0]["answer"] = SHORT["script"] + SHORT["rlo_override"]
    hostile["learner"] = SHORT["html_attr"][:80]
    put(folder, "hostile.json", hostile)
    # a file just under 5 MB that is a real export is read
    roomy = learner_export(tmp_path, monkeypatch, "roomy", "واسع", [q])
    roomy["answers"][0]["attempts"] = roomy["answers"][0]["attempts"] * 1
    text = json.dumps(roomy, ensure_ascii=False)
    put(folder, "roomy.json", text + " " * (5 * 1024 * 1024 - len(text.encode()) - 10))
    teacher(tmp_path, monkeypatch)
    board = Dashboard(folder, lang=LANG)
    reasons = dict(board.data.problems)
    assert "6" in reasons["a/b/c/d/e/f/g/"]
    assert "تصدير أقدم" in reasons["omar/old.json"] and "عمر" in reasons["omar/old.json"]
    assert "تصدير أقدم" in reasons[min("copy-of-layla.json", "ليلى.json")]
    assert reasons["sara-store.json"] == t("classroom.store_file", LANG)
    assert len(reasons) == 4
    df = board.data.answers
    names = set(df["learner"])
    assert {"ليلى", "عمر", "سارة", "هدى", "واسع"} <= names and len(names) == 6
    by = df.set_index("learner")
    assert by.loc["سارة", "correct"] == False  # noqa: E712 - the file's `true` is not believed
    assert by.loc["سارة", "export_correct"] == True  # noqa: E712
    assert by.loc["ليلى", "correct"] and not by.loc["ليلى", "first_correct"]
    assert by.loc["هدى", "correct"]  # version 1: re-scored too
    grades = board.grades().set_index("name")
    assert grades.loc["ليلى", "lesson_00"] == 0 and grades.loc["عمر", "lesson_00"] == 1
    assert grades.loc["سارة", "lesson_00"] == 0
    html = every_part(board)
    for raw in ("<script>", "<img", "\u202e"):
        assert raw not in html
