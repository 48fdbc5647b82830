"""Translation artifacts: every T1–T33 and I1–I9 row, exact spans, tables."""

import copy

import pytest

from kit.article import load_article
from kit.datasets import DataError, load_dataset, validate
from kit.translation import artifact, artifact_highlights, artifacts_table


@pytest.fixture(scope="module")
def rows():
    return load_dataset("translation")["artifacts"]


def test_all_facts_ids_are_present_once(rows):
    ids = [r["id"] for r in rows]
    expected = [f"T{i}" for i in range(1, 34)] + [f"I{i}" for i in range(1, 10)]
    assert ids == expected


def test_spans_match_the_article(rows):
    article = load_article()
    for r in rows:
        for s in r["spans"]:
            assert article.text[s["start"]:s["end"]] == s["quote"], r["id"]
            assert article.paragraph_at(s["start"]) == s["paragraph"], r["id"]


def test_known_artifacts_point_at_the_right_words():
    assert artifact("T1")["spans"][0]["quote"] == "أطلق المسك"
    assert artifact("t8")["spans"][0]["paragraph"] == 5  # lower case ids work too
    tuesday = artifact("I1")["spans"]
    assert tuesday[0]["quote"] == "الثلاثاء" and tuesday[0]["paragraph"] == 1
    assert {s["paragraph"] for s in tuesday[1:]} == {12, 13}
    assert [s["paragraph"] for s in artifact("I6")["spans"]] == [14, 15, 17, 16]
    assert len(artifact("T32")["spans"]) == 4


def test_corrections_are_marked_suggested_and_the_facts_one_is_credited(rows):
    for r in rows:
        if r["correction"]:
            assert r["correction"]["status"] == "suggested"
    assert artifact("T3")["correction"]["by"] == "facts.md"
    assert "النائبة" in artifact("T3")["correction"]["ar"]


def test_claim_changing_artifacts_have_reasons(rows):
    changing = {r["id"] for r in rows if r["changes_claim"]}
    assert {"T8", "T17", "T21", "I1"} <= changing
    assert "T33" not in changing
    for r in rows:
        assert r["changes_claim_why_ar"] and r["changes_claim_why_en"]


def test_inconsistencies_have_the_inconsistency_kind(rows):
    for r in rows:
        assert (r["kind"] == "inconsistency") == r["id"].startswith("I")


def test_table_and_filter():
    en = artifacts_table("en")
    assert len(en) == 42
    assert en.set_index("id").loc["T8", "kind_label"] == "wrong sense of a word"
    ar = artifacts_table("ar")
    explained = ar.set_index("id").loc["T8", "explanation"]
    assert explained != en.set_index("id").loc["T8", "explanation"]
    assert "طُردوا" in explained
    gender = artifacts_table("en", kind="gender")
    assert set(gender["id"]) == {"T2", "T3", "T17", "I6"}


def test_highlights_and_unknown_id():
    marks = artifact_highlights(["T1", "I1"], lang="en")
    assert [m["label"] for m in marks] == ["T1", "I1", "I1", "I1", "I1"]
    with pytest.raises(ValueError, match="T33"):
        artifact("T99")


def test_schema_rejects_an_unsuggested_correction(rows):
    data = copy.deepcopy(load_dataset("translation"))
    data["artifacts"][2]["correction"]["status"] = "final"
    with pytest.raises(DataError, match="artifacts/2/correction"):
        validate(data, "translation")
