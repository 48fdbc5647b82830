"""The teacher's dashboard backend: reading a class folder safely and summarising it."""

from __future__ import annotations

import copy
import csv
import json
import math
import os
import random
import re
from collections import Counter
from pathlib import Path

import jsonschema
import numpy as np
import pandas as pd
import pytest

import kit.i18n
from kit import classroom, framing
from kit.classroom import (
    COLUMNS,
    ClassData,
    coding_agreement,
    common_wrong,
    completion,
    load_class,
    open_responses,
    scores,
    summary_csv,
    table_html,
    trust_ratings,
)
from kit.i18n import t
from kit.paths import data_dir
from kit.progress import export_answers, save_answer
from tests.hostile import HOSTILE, SHORT

SCHEMA = json.loads((data_dir() / "schemas" / "export.schema.json").read_text(encoding="utf-8"))
ALLOWED_TAG = re.compile(r"</?(table|thead|tbody|tr|th|td)( class=\"kit-table\"| dir=\"auto\")?>")


@pytest.fixture(autouse=True)
def english(monkeypatch):
    monkeypatch.setattr(kit.i18n, "_current", "en")


def export(
    learner: str, rows: list[tuple], *, when: str = "2025-03-01T10:00:00.000Z", lang: str = "en"
) -> dict:
    """An export document; rows are (lesson, item, kind, answer, correct)."""
    return {
        "format": "town-square-kit/export",
        "schema_version": 1,
        "learner": learner,
        "kit_version": "0.1.0",
        "language": lang,
        "exported_at": when,
        "answers": [
            {
                "lesson": lesson,
                "item": item,
                "kind": kind,
                "answer": answer,
                "correct": correct,
                "time": "2025-03-01T09:00:00.000Z",
            }
            for lesson, item, kind, answer, correct in rows
        ],
    }


# An answer key for the made-up items of these tests: "b" is right in 01/q1, "a" in 01/q1a.
KEY = classroom.AnswerKey({("01", "q1"): frozenset({"b"})})


def write(folder: Path, name: str, doc: object) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


# ---------------------------------------------------------------- reading a class folder


def test_each_bad_file_is_reported_with_its_reason_and_the_rest_is_used(tmp_path):
    marker = tmp_path / "executed.txt"
    folder = tmp_path / "class"
    write(
        folder,
        "ali-new.json",
        export("Ali", [("01", "q1", "choice", "b", True)], when="2025-03-02T10:00:00.000Z"),
    )
    write(folder, "ali-old.json", export("Ali", [("01", "q1", "choice", "a", False)]))
    write(folder, "period2/sara.json", export("Sara", [("01", "o1", "open", "نص حر", None)]))
    (folder / "cut.json").write_text('{"format": "town-square-kit/export", "answ', "utf-8")
    bad = export("Omar", [("01", "q1", "choice", "a", False)])
    del bad["answers"][0]["correct"]
    write(folder, "omar.json", bad)
    write(folder, "other.json", {"hello": "world"})
    write(folder, "working.json", {"schema": 1, "learner": "x", "answers": {}})
    future = export("Huda", [])
    future["schema_version"] = 3
    write(folder, "future.json", future)
    (folder / "evil.py").write_text(f"open({str(marker)!r}, 'w').write('ran')\n")
    (folder / "page.html").write_text("<script>alert(1)</script>")
    big = export("Big", [("01", "o1", "open", "x" * (6 * 1024 * 1024), None)])
    write(folder, "big.json", big)
    (folder / "junk.json").write_bytes(os.urandom(2000) + b"\x00")
    (folder / "latin1.json").write_bytes('{"learner": "Zoë"}'.encode("latin-1"))
    (folder / "nan.json").write_text('{"x": NaN}')
    (folder / ".DS_Store").write_bytes(b"\x00\x01")
    os.mkfifo(folder / "pipe.json")  # opening it for reading would hang forever

    data = load_class(folder, key=KEY)

    assert dict(data.problems) == {
        "ali-old.json": t("classroom.duplicate", learner="Ali",
                          time=kit.i18n.readable_time("2025-03-02T10:00:00.000Z", "en")),
        "cut.json": t("classroom.malformed", line=1, column=38),
        "omar.json": t("classroom.wrong_schema", where="answers/0"),
        "other.json": t("classroom.wrong_format"),
        "working.json": t("classroom.store_file"),
        "future.json": t("classroom.newer_version", version=3),
        "evil.py": t("classroom.foreign"),
        "page.html": t("classroom.foreign"),
        "big.json": t("classroom.too_big", mb=5),
        "junk.json": t("classroom.binary"),
        "latin1.json": t("classroom.binary"),
        "nan.json": t("classroom.malformed", line="?", column="?"),
        "pipe.json": t("classroom.unreadable", reason="not a regular file"),
    }
    assert len(data.problems) == 13  # no file reported twice, hidden files skipped
    assert not marker.exists()
    assert list(data.answers.columns) == COLUMNS
    rows = data.answers.sort_values("learner").to_dict("records")
    assert [(r["learner"], r["answer"], r["file"]) for r in rows] == [
        ("Ali", "b", "ali-new.json"),
        ("Sara", "نص حر", "period2/sara.json"),
    ]
    assert rows[0]["correct"] is True and pd.isna(rows[1]["correct"])
    assert str(data.answers["time"].dtype).startswith("datetime64")
    assert str(data.answers["time"].dt.tz) == "UTC"


def test_duplicates_keep_the_newest_whatever_the_file_order(tmp_path):
    write(
        tmp_path,
        "a.json",
        export("Ali", [("01", "q1", "choice", "new", True)], when="2025-03-02T10:00:00+03:00"),
    )
    write(
        tmp_path,
        "b.json",
        export("Ali", [("01", "q1", "choice", "old", False)], when="2025-03-02T06:59:00Z"),
    )
    write(
        tmp_path,
        "c.json",
        export("Ali", [("01", "q1", "choice", "oldest", False)], when="2025-01-01T00:00:00.000Z"),
    )
    data = load_class(tmp_path)
    assert data.answers["answer"].tolist() == ["new"]
    assert sorted(name for name, _ in data.problems) == ["b.json", "c.json"]


def test_reasons_speak_the_teachers_language(tmp_path, monkeypatch):
    monkeypatch.setattr(kit.i18n, "_current", "ar")
    (tmp_path / "notes.txt").write_text("x")
    assert load_class(tmp_path).problems == [("notes.txt", t("classroom.foreign", lang="ar"))]
    assert "ليس" in load_class(tmp_path).problems[0][1]


def test_real_exports_from_the_answers_store_load(tmp_path, monkeypatch):
    monkeypatch.setenv("KIT_ANSWERS_DIR", str(tmp_path / "answers"))
    save_answer("01_claims", "q1", "b", "Ali", correct=True, kind="choice")
    save_answer("01_claims", "k1", ["a", "c"], "Ali", kind="coding")
    save_answer("01_claims", "o1", SHORT["mixed_ar_en"], "مريم", kind="open")
    export_answers("en", "Ali")
    export_answers("ar", "مريم")
    data = load_class(tmp_path / "answers" / "exports")
    assert data.problems == []
    got = {(r.learner, r.item): (r.answer, r.language) for r in data.answers.itertuples()}
    assert got == {
        ("Ali", "q1"): ("b", "en"),
        ("Ali", "k1"): ('["a", "c"]', "en"),
        ("مريم", "o1"): (SHORT["mixed_ar_en"], "ar"),
    }


def test_an_empty_folder_gives_empty_tables(tmp_path):
    data = load_class(tmp_path)
    assert data.answers.empty and data.problems == []
    assert completion(data).empty and scores(data).empty and common_wrong(data, {}).empty
    assert trust_ratings(data).empty and open_responses(data).empty
    assert coding_agreement(data, {1: "a"}).learners.empty


def good_export() -> dict:
    return export(
        "Ali", [("01", "q1", "choice", "b", True), ("01", "o1", "open", {"k": [1]}, None)]
    )


def mutations() -> list[dict]:
    """Small breakages of a good export, for comparing the fast check with jsonschema."""
    out = []
    odd_values = [None, 5, 1.0, True, "", "x", [], {}, "ar", "2025-03-01T10:00:00.000Z", "y" * 81]
    base = good_export()
    for key in list(base):
        doc = copy.deepcopy(base)
        del doc[key]
        out.append(doc)
        for value in odd_values:
            doc = copy.deepcopy(base)
            doc[key] = value
            out.append(doc)
    for key in list(base["answers"][0]):
        for value in [*odd_values, float("1e308"), [1, {"a": None}]]:
            doc = copy.deepcopy(base)
            doc["answers"][0][key] = value
            out.append(doc)
        doc = copy.deepcopy(base)
        del doc["answers"][1][key]
        out.append(doc)
    extra = copy.deepcopy(base)
    extra["answers"][0]["extra"] = 1
    out.append(extra)
    out += [[], "x", None, {**base, "extra": 1}, {**base, "answers": [1]}]
    return out


def test_fast_check_agrees_with_the_published_schema():
    validator = jsonschema.Draft202012Validator(SCHEMA)
    docs = mutations()
    assert validator.is_valid(good_export()) and classroom._is_export(good_export())
    verdicts = [(validator.is_valid(d), classroom._is_export(d)) for d in docs]
    assert all(a == b for a, b in verdicts), [
        d for d, v in zip(docs, verdicts, strict=True) if v[0] != v[1]
    ]
    assert sum(a for a, _ in verdicts) > 10 and sum(not a for a, _ in verdicts) > 50


# ---------------------------------------------------------------- aggregations


def synthetic_class(seed: int = 7) -> tuple[ClassData, list[dict]]:
    """A class of 12 learners with random answers; returns the data and the raw rows."""
    rng = random.Random(seed)
    raw = []
    frames = ["conflict", "economic", "human", "morality"]
    for n in range(12):
        learner = f"learner{n:02d}" if n % 3 else f"متعلم{n}"
        for lesson in ("00_start_here", "01_claims", "04_framing", "06_synthesis"):
            for q in range(1, 5):
                if rng.random() < 0.2:
                    continue
                choice = rng.choice("abcd")
                raw.append((learner, lesson, f"q{q}", "choice", choice, choice == "a"))
            if rng.random() < 0.8:
                text = rng.choice(["", "  ", "<b>bold</b> claim", "رأي مكتوب"])
                raw.append((learner, lesson, "o1", "open", text, None))
        raw.append((learner, "00_start_here", "trust_1", "rating", rng.randint(1, 5), None))
        if n % 4:
            raw.append((learner, "06_synthesis", "trust_2", "rating", rng.randint(1, 5), None))
        for p in range(1, 7):
            if rng.random() < 0.9:
                raw.append(
                    (learner, "04_framing", f"code_p{p}", "coding", rng.choice(frames), None)
                )
    rows = [
        dict(zip(["learner", "lesson", "item", "kind", "answer", "correct"], r, strict=True))
        for r in raw
    ]
    records = []
    for r in rows:
        answer = r["answer"] if isinstance(r["answer"], str) else json.dumps(r["answer"])
        records.append(
            {
                **r,
                "answer": answer,
                "time": pd.Timestamp("2025-03-01", tz="UTC"),
                "language": "en",
                "file": f"{r['learner']}.json",
            }
        )
    df = pd.DataFrame(records, columns=COLUMNS)
    df["correct"] = df["correct"].astype("boolean")
    return ClassData(answers=df), rows


def test_completion_counts_non_blank_answers_per_learner_and_lesson():
    data, rows = synthetic_class()
    expected = Counter(
        (r["learner"], r["lesson"])
        for r in rows
        if not (isinstance(r["answer"], str) and not r["answer"].strip())
    )
    got = completion(data)
    learners = {r["learner"] for r in rows}
    lessons = {r["lesson"] for r in rows}
    assert len(got) == len(learners) * len(lessons)
    for r in got.itertuples():
        assert r.answered == expected.get((r.learner, r.lesson), 0)


def test_scores_per_item():
    data, rows = synthetic_class()
    got = scores(data).set_index(["lesson", "item"])
    checked = [r for r in rows if r["correct"] is not None]
    keys = {(r["lesson"], r["item"]) for r in checked}
    assert set(got.index) == keys
    for key in keys:
        mine = [r["correct"] for r in checked if (r["lesson"], r["item"]) == key]
        assert got.loc[key, "n"] == len(mine)
        assert got.loc[key, "n_correct"] == sum(mine)
        assert got.loc[key, "share"] == pytest.approx(sum(mine) / len(mine))


def test_common_wrong_answers_with_feedback():
    data, rows = synthetic_class()
    q1 = {c: f"01 q1 {c} is wrong because …" for c in "bcd"}
    q2 = {c: f"any q2 {c}: look again" for c in "bcd"}
    feedback = {("01_claims", "q1"): q1, "q2": q2}
    got = common_wrong(data, feedback, top=2)
    for (lesson, item), group in got.groupby(["lesson", "item"]):
        wrong = Counter(
            r["answer"]
            for r in rows
            if (r["lesson"], r["item"]) == (lesson, item)
            and r["kind"] == "choice"
            and r["correct"] is False
        )
        top = sorted(wrong.items(), key=lambda kv: (-kv[1], kv[0]))[:2]
        assert list(zip(group["answer"], group["count"], strict=True)) == top
    assert "a" not in set(got["answer"])  # "a" is the right choice in the synthetic class
    wrong_items = {(r["lesson"], r["item"]) for r in rows if r["correct"] is False}
    assert set(zip(got["lesson"], got["item"], strict=True)) == wrong_items
    for r in got.itertuples():
        if (r.lesson, r.item) == ("01_claims", "q1"):
            assert r.feedback == q1[r.answer]
        elif r.item == "q2":
            assert r.feedback == q2[r.answer]
        else:
            assert pd.isna(r.feedback)
    assert (got["item"] == "q2").sum() > 2 and (got["item"] == "q1").sum() > 2


def test_trust_ratings_first_second_and_change():
    data, rows = synthetic_class()
    got = trust_ratings(data).set_index("learner")
    firsts = {r["learner"]: r["answer"] for r in rows if r["item"] == "trust_1"}
    seconds = {r["learner"]: r["answer"] for r in rows if r["item"] == "trust_2"}
    assert set(got.index) == set(firsts) | set(seconds)
    for learner, first in firsts.items():
        assert got.loc[learner, "first"] == first
        if learner in seconds:
            assert got.loc[learner, "change"] == seconds[learner] - first
        else:
            assert math.isnan(got.loc[learner, "second"])


def test_open_responses_lists_every_non_blank_text():
    data, rows = synthetic_class()
    got = open_responses(data)
    expected = sorted(
        (r["lesson"], r["item"], r["learner"], r["answer"])
        for r in rows
        if r["kind"] == "open" and r["answer"].strip()
    )
    assert (
        list(got[["lesson", "item", "learner", "answer"]].itertuples(index=False, name=None))
        == expected
    )


def test_summary_csv_one_row_per_learner(tmp_path):
    data, rows = synthetic_class()
    path = summary_csv(data, tmp_path / "summary.csv")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel reads Arabic names as UTF-8
    with open(path, encoding="utf-8-sig", newline="") as fh:
        table = {r["learner"]: r for r in csv.DictReader(fh)}
    assert set(table) == {r["learner"] for r in rows}
    for learner, row in table.items():
        scored = [
            r["correct"] for r in rows if r["learner"] == learner and r["correct"] is not None
        ]
        assert int(row["scored"]) == len(scored)
        assert int(row["correct"]) == sum(scored)
        assert float(row["share"]) == pytest.approx(round(sum(scored) / len(scored), 3))


def test_summary_csv_defuses_spreadsheet_formulas(tmp_path):
    rows = [("01", "q1", "choice", "a", True)]
    write(tmp_path / "c", "x.json", export(HOSTILE["csv_formula"], rows))
    path = summary_csv(load_class(tmp_path / "c"), tmp_path / "s.csv")
    with open(path, encoding="utf-8-sig", newline="") as fh:
        (row,) = list(csv.DictReader(fh))
    assert row["learner"] == "'" + HOSTILE["csv_formula"]


# ---------------------------------------------------------------- agreement


def test_fleiss_kappa_textbook_example():
    # Wikipedia "Fleiss' kappa": 10 subjects, 14 raters, 5 categories -> 0.210
    table = [
        [0, 0, 0, 0, 14],
        [0, 2, 6, 4, 2],
        [0, 0, 3, 5, 6],
        [0, 3, 9, 2, 0],
        [2, 2, 8, 1, 1],
        [7, 7, 0, 0, 0],
        [3, 2, 6, 3, 0],
        [2, 5, 3, 2, 2],
        [6, 5, 2, 1, 0],
        [0, 2, 2, 3, 7],
    ]
    assert round(classroom._fleiss_kappa(table), 3) == 0.210
    assert classroom._fleiss_kappa([[3, 0], [0, 3]]) == 1.0
    assert classroom._fleiss_kappa(table) == pytest.approx(framing.fleiss_kappa(table))


def test_fleiss_kappa_accepts_paragraphs_skipped_by_some_learners():
    # rows with 2 and 3 raters: P = 1 and 1/3, mean 2/3; p = 3/5, 2/5; Pe = 13/25
    expected = (2 / 3 - 13 / 25) / (1 - 13 / 25)
    assert classroom._fleiss_kappa([[2, 0], [1, 2], [1, 0]]) == pytest.approx(expected)
    assert math.isnan(classroom._fleiss_kappa([[1, 0]]))
    with pytest.raises(ValueError):  # why classroom keeps its own version
        framing.fleiss_kappa([[2, 0], [1, 2]])


def fleiss_equal_raters(table: np.ndarray) -> float:
    """Fleiss (1971) written from the formula, for checking coding_agreement."""
    n = table.sum(axis=1)[0]
    p_j = table.sum(axis=0) / table.sum()
    p_i = (np.square(table).sum(axis=1) - n) / (n * (n - 1))
    return float((p_i.mean() - np.square(p_j).sum()) / (1 - np.square(p_j).sum()))


def test_coding_agreement_per_learner_and_class():
    reference = {1: "conflict", 2: "human", 3: "conflict", 4: "economic", 5: "human"}
    codes = {
        "A": ["conflict", "human", "conflict", "economic", "human"],  # same as reference
        "B": ["conflict", "conflict", "conflict", "economic", "human"],
        "C": ["human", "human", "economic", "economic", "conflict"],
    }
    rows = [
        (lr, "04_framing", f"code_p{p}", "coding", c, None)
        for lr, cs in codes.items()
        for p, c in enumerate(cs, start=1)
    ]
    rows.append(("A", "04_framing", "code_pX", "coding", "human", None))  # not a paragraph
    rows.append(("A", "01_claims", "code_p1", "coding", "human", None))  # other lesson
    df = pd.DataFrame([dict(zip(COLUMNS, r, strict=False)) for r in rows], columns=COLUMNS)
    df["correct"] = df["correct"].astype("boolean")
    got = coding_agreement(ClassData(df), {str(k): v for k, v in reference.items()})
    by = got.learners.set_index("learner")
    assert by.loc["A", "kappa"] == 1.0 and by.loc["A", "agreement"] == 1.0
    assert by.loc["B", "n"] == 5 and by.loc["B", "agreement"] == pytest.approx(0.8)
    # B vs reference: po = 0.8; B has conflict 3, economic 1, human 1; ref 2, 1, 2
    pe = (3 * 2 + 1 * 1 + 1 * 2) / 25
    assert by.loc["B", "kappa"] == pytest.approx((0.8 - pe) / (1 - pe))
    cats = ["conflict", "economic", "human"]
    table = np.array([[sum(codes[lr][p] == c for lr in codes) for c in cats] for p in range(5)])
    assert got.fleiss == pytest.approx(fleiss_equal_raters(table))
    assert got.paragraphs == 5


# ---------------------------------------------------------------- rendering safety


def assert_only_table_markup(html: str) -> None:
    leftover = ALLOWED_TAG.sub("", html)
    assert "<" not in leftover and ">" not in leftover
    assert not any(ch in html for ch in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
    assert "\x00" not in html


def test_table_html_escapes_the_hostile_corpus():
    df = pd.DataFrame({"name": list(HOSTILE), "text": list(HOSTILE.values())})
    df[HOSTILE["script"]] = HOSTILE["html_attr"]  # a hostile column name too
    df["missing"] = pd.array([None] * len(df), dtype="boolean")
    html = table_html(df)
    assert_only_table_markup(html)
    assert "&lt;script&gt;" in html and "⟦RLO⟧" in html and "⟦U+0000⟧" in html
    assert html.count("<tr>") == len(df) + 1


def test_hostile_exports_load_and_render_safely(tmp_path):
    for n, (name, text) in enumerate(SHORT.items()):
        learner = text.strip()[:80] or f"blank{n}"
        rows = [("02", "o1", "open", text, None), ("02", name, "choice", text, False)]
        write(tmp_path, f"{n:02d}.json", export(learner, rows))
    (tmp_path / HOSTILE["script"].replace("/", "_")).write_text("<b>x</b>")
    data = load_class(tmp_path)
    assert (
        len(data.problems)
        == 1
        + sum(  # the foreign file + same-learner duplicates
            1
            for v in Counter(s.strip()[:80] for s in SHORT.values() if s.strip()).values()
            if v > 1
        )
    )
    responses = open_responses(data)
    assert set(responses["answer"]) == {v for v in SHORT.values() if v.strip()}
    assert_only_table_markup(table_html(responses))
    assert_only_table_markup(table_html(pd.DataFrame(data.problems, columns=["file", "reason"])))
    assert_only_table_markup(table_html(common_wrong(data)))


# ---------------------------------------------------------------- version 2: ids and attempts

# Written by the version-1 code path (kit/progress.py before learner ids and attempts,
# commit 6f8b8f1) for a learner who answered q_kind wrong, then right.
V1_EXPORT = {
    "format": "town-square-kit/export",
    "schema_version": 1,
    "learner": "محمد أحمد",
    "kit_version": "0.1.0",
    "language": "ar",
    "exported_at": "2026-12-02T10:57:25.372Z",
    "answers": [
        {"lesson": "00_start_here", "item": "q_kind", "kind": "choice", "answer": "mt_wire",
         "correct": True, "time": "2026-12-02T10:57:25.342Z"},
        {"lesson": "00_start_here", "item": "reaction", "kind": "open",
         "answer": "بدا الحدث فاشلًا", "correct": None, "time": "2026-12-02T10:57:25.359Z"},
        {"lesson": "00_start_here", "item": "trust_1", "kind": "rating", "answer": 3,
         "correct": None, "time": "2026-12-02T10:57:25.345Z"},
    ],
}


def _learner_export(tmp_path, monkeypatch, folder: str, name: str, answers: list[tuple]) -> dict:
    """A version-2 export made through the kit for a learner in their own answers folder."""
    from kit import identity, progress

    monkeypatch.setenv("KIT_ANSWERS_DIR", str(tmp_path / folder))
    monkeypatch.delenv("KIT_LEARNER", raising=False)
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    identity.set_name(name)
    for lesson, item, kind, answer, correct in answers:
        progress.save_answer(lesson, item, answer, correct=correct, kind=kind)
    return json.loads(progress.export_answers("ar").read_text(encoding="utf-8"))


def test_version_1_exports_still_load_beside_version_2(tmp_path, monkeypatch):
    doc = _learner_export(tmp_path, monkeypatch, "a", "Ali", [
        ("00_start_here", "q_kind", "choice", "reporter", False),
        ("00_start_here", "q_kind", "choice", "mt_wire", True)])
    jsonschema.validate(doc, SCHEMA)
    jsonschema.validate(V1_EXPORT, SCHEMA)
    assert doc["schema_version"] == 2 and doc["learner_id"]
    write(tmp_path / "class", "ali.json", doc)
    write(tmp_path / "class", "old/mohammed.json", V1_EXPORT)
    data = load_class(tmp_path / "class")
    assert data.problems == []
    by = data.answers.set_index(["learner", "item"])
    assert by.loc[("Ali", "q_kind"), "tries"] == 2
    assert not by.loc[("Ali", "q_kind"), "first_correct"]
    assert by.loc[("Ali", "q_kind"), "first_answer"] == "reporter"
    assert by.loc[("Ali", "q_kind"), "learner_id"] == doc["learner_id"]
    old = by.loc[("محمد أحمد", "q_kind")]
    assert old["answer"] == "mt_wire" and pd.isna(old["tries"]) and pd.isna(old["learner_id"])
    assert list(data.attempts.columns) == classroom.ATTEMPT_COLUMNS
    ali = data.attempts[data.attempts["learner"] == "Ali"]
    assert list(zip(ali["n"], ali["answer"], ali["correct"], strict=True)) == [
        (1, "reporter", False), (2, "mt_wire", True)]
    assert (data.attempts["learner"] == "محمد أحمد").sum() == 0  # version 1 kept no attempts


def test_two_learners_with_one_name_stay_two(tmp_path, monkeypatch):
    rows = [("00_start_here", "q_kind", "choice", "mt_wire", True)]
    one = _learner_export(tmp_path, monkeypatch, "one", "محمد أحمد", rows)
    two = _learner_export(tmp_path, monkeypatch, "two", "محمد أحمد", rows)
    assert one["learner_id"] != two["learner_id"]
    write(tmp_path / "class", "one/export.json", one)
    write(tmp_path / "class", "two/export.json", two)
    data = load_class(tmp_path / "class")
    assert data.problems == []  # neither is listed as an older export of the other
    names = sorted(data.answers["learner"])
    assert len(set(names)) == 2 and all(n.startswith("محمد أحمد · ") for n in names)
    assert set(data.answers["learner_id"]) == {one["learner_id"], two["learner_id"]}


def test_drafts_are_not_open_responses(tmp_path, monkeypatch):
    from kit import progress

    doc = _learner_export(tmp_path, monkeypatch, "a", "Ali", [])
    progress.save_answer("01", "o1", "حلو", kind="open", status="draft")
    progress.save_answer("01", "o2", "draft first", kind="open", status="draft")
    progress.save_answer("01", "o2", "a real answer with enough words", kind="open",
                         status="submitted")
    progress.set_self_level("01", "o2", "secure")
    progress.save_answer("01", "o2", "edited after the exemplar", kind="open",
                         status="submitted")
    doc = json.loads(progress.export_answers("en").read_text(encoding="utf-8"))
    jsonschema.validate(doc, SCHEMA)
    assert classroom._is_export(doc)
    write(tmp_path / "class", "a.json", doc)
    data = load_class(tmp_path / "class")
    assert open_responses(data)["answer"].tolist() == ["a real answer with enough words"]
    o2 = data.answers.set_index("item").loc["o2"]
    assert o2["self_level"] == "secure" and o2["status"] == "submitted" and o2["tries"] == 3
    o2_row = next(r for r in doc["answers"] if r["item"] == "o2")
    assert [r["answer"] for r in o2_row["revisions"]] == ["edited after the exemplar"]


def good_export_v2() -> dict:
    attempt = {"answer": "b", "time": "2025-03-01T09:00:00.000Z", "correct": True}
    doc = good_export()
    doc["schema_version"] = 2
    doc["learner_id"] = "3f9c0a1b2c4d"
    for row in doc["answers"]:
        row.update({"first": dict(attempt), "tries": 1, "attempts": [dict(attempt)]})
    doc["answers"][1].update({"status": "submitted", "self_level": "developing",
                              "exemplar_seen": "2025-03-01T09:01:00.000Z",
                              "revisions": [{"answer": "x", "time": "2025-03-01T09:02:00.000Z"}]})
    return doc


def mutations_v2() -> list[dict]:
    out = []
    base = good_export_v2()
    odd = [None, 0, 1, True, "", "x", [], {}, "developing", "2025-03-01T10:00:00.000Z",
           [{"answer": 1, "time": "2025-03-01T09:00:00.000Z", "correct": None, "draft": False}],
           {"answer": 1, "time": "2025-03-01T09:00:00.000Z", "correct": None, "revision": True}]
    for key in ("learner_id",):
        doc = copy.deepcopy(base)
        del doc[key]
        out.append(doc)
        for value in odd:
            doc = copy.deepcopy(base)
            doc[key] = value
            out.append(doc)
    for key in ("first", "tries", "attempts", "status", "self_level", "exemplar_seen",
                "revisions"):
        doc = copy.deepcopy(base)
        del doc["answers"][1][key]
        out.append(doc)
        for value in odd:
            doc = copy.deepcopy(base)
            doc["answers"][1][key] = value
            out.append(doc)
    doc = copy.deepcopy(base)
    doc["answers"][0]["attempts"] = [doc["answers"][0]["first"]] * 201
    out.append(doc)
    doc = copy.deepcopy(base)
    doc["schema_version"] = 1  # version 1 has no room for the new fields
    out.append(doc)
    return out


def test_fast_check_agrees_with_the_schema_for_version_2():
    validator = jsonschema.Draft202012Validator(SCHEMA)
    assert validator.is_valid(good_export_v2()) and classroom._is_export(good_export_v2())
    docs = mutations_v2()
    verdicts = [(validator.is_valid(d), classroom._is_export(d)) for d in docs]
    assert all(a == b for a, b in verdicts), [
        d for d, v in zip(docs, verdicts, strict=True) if v[0] != v[1]
    ]
    assert sum(a for a, _ in verdicts) >= 5 and sum(not a for a, _ in verdicts) > 40


def test_a_bad_version_2_export_names_its_field(tmp_path):
    doc = good_export_v2()
    doc["answers"][0]["tries"] = 0
    write(tmp_path, "bad.json", doc)
    assert load_class(tmp_path).problems == [
        ("bad.json", t("classroom.wrong_schema", where="answers/0/tries"))]


def test_first_attempt_scores_count_a_late_right_answer_as_wrong(tmp_path, monkeypatch):
    clicks = {"a": ["b", "a"], "b": ["a"], "c": ["c", "b", "a"]}  # "a" is right
    for learner, answers in clicks.items():
        rows = [("01", "q1", "choice", x, x == "a") for x in answers]
        write(tmp_path / "class", f"{learner}.json",
              _learner_export(tmp_path, monkeypatch, learner, learner.upper(), rows))
    write(tmp_path / "class", "old.json", V1_EXPORT)  # no attempts: not counted here
    data = load_class(tmp_path / "class", key=classroom.AnswerKey({("01", "q1"): frozenset("a")}))
    assert scores(data).set_index("item").loc["q1", "share"] == 1.0  # the last answers
    got = classroom.first_attempts(data).set_index(["lesson", "item"]).loc[("01", "q1")]
    assert (got["n"], got["n_first_correct"]) == (3, 1)
    assert got["first_share"] == pytest.approx(1 / 3) and got["mean_tries"] == 2.0
    assert classroom.first_attempts(load_class(tmp_path / "empty")).empty
