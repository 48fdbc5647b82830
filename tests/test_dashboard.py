"""The class dashboard: real exports and hostile ones, demo class, charts, sortable tables, CSV."""

from __future__ import annotations

import json
import re

import pytest

from kit import charts, progress
from kit.dashboard import Dashboard
from tests.hostile import HOSTILE

RAW_MARKUP = re.compile(r"<(script|img|style|b>|iframe)|<a [^>]*javascript", re.I)


def _export(tmp_path, monkeypatch, learner, answers):
    """A real export written by the kit for one learner."""
    monkeypatch.setenv("KIT_ANSWERS_DIR", str(tmp_path / "answers" / str(abs(hash(learner)))))
    progress.set_learner(learner)
    for (lesson, item), (answer, correct, kind) in answers.items():
        progress.save_answer(lesson, item, answer, correct=correct, kind=kind)
    return progress.export_answers("en")


@pytest.fixture
def hostile_class(tmp_path, monkeypatch):
    folder = tmp_path / "class"
    folder.mkdir()
    names = ["Layla", "<script>alert(1)</script>", "\u202eevil", "نور <b>x</b>"]
    for i, name in enumerate(names):
        path = _export(tmp_path, monkeypatch, f"learner {i}", {
            ("00_start_here", "q_kind"): ("reporter" if i % 2 else "mt_wire", i % 2 == 0,
                                           "choice"),
            ("00_start_here", "trust_1"): (2 + i % 3, None, "rating"),
            ("06_synthesis", "trust_2"): (3, None, "rating"),
            ("00_start_here", "reaction"): (HOSTILE["html_attr"] + HOSTILE["script"], None,
                                            "open"),
            ("04_framing", "code_p1"): ("political_failure", None, "coding"),
            ("04_framing", "code_p13"): ("fail_fast", None, "coding"),
        })
        doc = json.loads(path.read_text(encoding="utf-8"))
        doc["learner"] = name  # a hand-edited export may carry any name
        (folder / f"export-{i}.json").write_text(json.dumps(doc), encoding="utf-8")
    (folder / "broken.json").write_text("{not json", encoding="utf-8")
    (folder / "<img src=x onerror=alert(1)>.json").write_text("[]", encoding="utf-8")
    monkeypatch.setenv("KIT_ANSWERS_DIR", str(tmp_path / "teacher"))
    return folder


def _all_html(board: Dashboard) -> str:
    return (board.summary().html + board.common_wrong().table.value
            + board.open_responses().table.value + board.export_csv().html)


def test_hostile_exports_are_reported_or_shown_escaped(hostile_class):
    board = Dashboard(hostile_class, lang="en")
    assert not board.demo
    assert board.data.answers["learner"].nunique() == 4
    reasons = dict(board.data.problems)
    assert "broken.json" in reasons and len(reasons) == 2
    html = _all_html(board)
    assert not RAW_MARKUP.search(html), RAW_MARKUP.search(html)
    assert "\u202e" not in html and "&lt;script&gt;" in html


def test_charts_escape_learner_names(hostile_class):
    board = Dashboard(hostile_class, lang="ar")
    for chart in (charts.class_completion(board), charts.class_trust(board),
                  charts.class_agreement(board), charts.class_scores(board)):
        figure = json.dumps(chart.figure.to_plotly_json()["data"], ensure_ascii=False)
        assert "<script" not in figure and "<b>" not in figure
        assert chart.summary


def test_common_wrong_answers_carry_the_kits_feedback(hostile_class):
    board = Dashboard(hostile_class, lang="en")
    table = board.common_wrong().df
    row = table[table["item"] == "q_kind"].iloc[0]
    assert row["answer"] == "reporter" and row["count"] == 2
    assert "correspondent" in row["feedback"]


def test_sortable_table_sorts_both_ways(hostile_class):
    board = Dashboard(hostile_class, lang="en")
    table = board.open_responses()
    table.column.value = "learner"
    table.order.value = True
    first_desc = table.table.value.index("نور")
    table.order.value = False
    assert table.table.value.index("نور") != first_desc


def test_empty_folder_shows_a_labelled_demo_class(tmp_path, monkeypatch):
    monkeypatch.setenv("KIT_ANSWERS_DIR", str(tmp_path / "answers"))
    board = Dashboard(tmp_path / "nothing-here", lang="ar")
    assert board.demo
    assert "تجريبي" in board.summary().html
    assert board.data.answers["learner"].nunique() == 12
    assert len(charts.class_scores(board).figure.data[0].x) > 10


def test_csv_summary_is_written_with_a_bom(hostile_class):
    board = Dashboard(hostile_class, lang="en")
    html = board.export_csv().html
    assert "base64," in html
    written = list((hostile_class.parent / "teacher").glob("class_summary.csv"))
    assert written and written[0].read_bytes().startswith(b"\xef\xbb\xbf")
