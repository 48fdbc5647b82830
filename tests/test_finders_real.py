"""The finders on real news (issue 14): the held-back part of tests/corpus/news against the targets.

The held-back texts were split off by hash before any grammar change and never used for tuning
(see tests/corpus/news/README.md). Texts the repository may not hold come from the local cache
that ``python tools/fetch_corpus.py`` fills; without it the quality tests are skipped and say so.

A target listed in ``NOT_YET`` that is still not reached is reported as an expected failure
with the figure measured in that run (the suite shows the gap); once reached, the test asserts
it and passes, and the entry should go. Every other target is asserted. ``FLOORS`` are the
measured figures, guarded against regressions.
"""

from __future__ import annotations

import hashlib
import json

import pytest

from kit.finders import date_checks, find_dates, find_quotes, group_speakers
from tests.corpus_scoring import NEWS, load_news, news_manifest, news_missing, score_news

# Issue 14's targets on the held-back part.
TARGETS = {("numbers", "f1"): 0.95, ("numbers", "hedge_accuracy"): 0.95,
           ("quotes", "f1"): 0.88, ("quotes", "speaker_accuracy"): 0.85,
           ("dates", "f1"): 0.95}
# Measured on the held-back part, read once at the end of the second round of rules (2026-12-02,
# all 19 texts present): the regression floor.
FLOORS = {("numbers", "f1"): 0.93, ("numbers", "hedge_accuracy"): 0.97,
          ("quotes", "f1"): 0.86, ("quotes", "speaker_accuracy"): 0.94,
          ("dates", "f1"): 0.98}
NOT_YET = {("numbers", "f1"): "0.936 on the held-back part (target 0.95; P 0.93, R 0.94)",
           ("quotes", "f1"): "0.867 on the held-back part (target 0.88; P 0.90, R 0.84; "
                             "Arabic 0.88, English 0.82)"}
# The texts a clean clone holds (no network, no cache): the development ones among them.
IN_REPO_FLOORS = {("numbers", "f1"): 0.95, ("quotes", "f1"): 0.95, ("dates", "f1"): 0.95,
                  ("quotes", "speaker_accuracy"): 0.9}


@pytest.fixture(scope="module")
def heldout_scores():
    missing = news_missing("heldout")
    held = [m for m in news_manifest()["texts"] if m["split"] == "heldout"]
    if missing:
        pytest.skip(f"{len(missing)} of the {len(held)} held-back texts are absent: their "
                    "licence keeps them out of the repository and they are not in the cache "
                    f"({', '.join(missing)}); run `python tools/fetch_corpus.py` once (needs "
                    "the network) to score the held-back part — see docs/finders.md")
    return score_news(load_news(split="heldout"))


@pytest.mark.parametrize("key", sorted(TARGETS), ids="-".join)
def test_target_on_the_held_back_part(heldout_scores, key):
    category, measure = key
    value = heldout_scores[category][measure]
    if key in NOT_YET and value < TARGETS[key]:
        pytest.xfail(f"not reached: {value:.3f} now (target {TARGETS[key]}); "
                     f"last read: {NOT_YET[key]}")
    assert value >= TARGETS[key], f"{category} {measure}: {value:.3f} < {TARGETS[key]}"


@pytest.mark.parametrize("key", sorted(FLOORS), ids="-".join)
def test_no_regression_on_the_held_back_part(heldout_scores, key):
    category, measure = key
    assert heldout_scores[category][measure] >= FLOORS[key] - 1e-9


def test_quality_on_the_texts_a_clean_clone_holds():
    """Runs everywhere (make test, no network): the development texts kept in the repository."""
    docs = [d for d in load_news(split="dev") if d["in_repo"]]
    assert len(docs) == 5
    scores = score_news(docs)
    for (category, measure), floor in IN_REPO_FLOORS.items():
        assert scores[category][measure] >= floor, (category, measure)


# ------------------------------------------------------------------ the corpus itself


def test_corpus_is_as_the_issue_asks():
    texts = news_manifest()["texts"]
    arabic = [m for m in texts if m["lang"] == "ar"]
    english = [m for m in texts if m["lang"] == "en"]
    assert len(arabic) >= 40 and len(english) >= 10
    assert len({m["outlet"] for m in arabic}) >= 20 and len({m["country"] for m in arabic}) >= 8
    assert {"wire", "local"} <= {m["kind"] for m in texts}
    for m in texts:
        assert m["url"].startswith("http") and m["licence"] and m["published"]
        assert not any(word in (m["url"] + m["outlet"]).lower()
                       for word in ("saudinewsnet", "arabic-news-summaries", "heideltime"))
    for lang in ("ar", "en"):
        held = [m for m in texts if m["lang"] == lang and m["split"] == "heldout"]
        assert 0.25 <= len(held) / len([m for m in texts if m["lang"] == lang]) <= 0.4


def test_split_is_the_recorded_hash_rule():
    texts = news_manifest()["texts"]
    for lang in ("ar", "en"):
        ids = sorted((m["id"] for m in texts if m["lang"] == lang),
                     key=lambda i: hashlib.sha256(f"town-square-kit/finders/{i}".encode())
                     .hexdigest())
        held = {m["id"] for m in texts if m["lang"] == lang and m["split"] == "heldout"}
        assert held == set(ids[:len(held)])


def test_texts_in_the_repository_are_the_annotated_ones():
    for m in news_manifest()["texts"]:
        path = NEWS / "texts" / f"{m['id']}.txt"
        assert path.exists() == m["in_repo"], m["id"]
        if m["in_repo"]:
            text = path.read_text("utf-8")
            assert hashlib.sha256(text.encode("utf-8")).hexdigest() == m["sha256"]


def test_annotation_spans_point_into_the_texts():
    docs = load_news()
    assert docs, "at least the texts the repository holds are present"
    annotations = json.loads((NEWS / "annotations.json").read_text("utf-8"))
    assert set(annotations) == {m["id"] for m in news_manifest()["texts"]}
    for doc in docs:
        for category in ("numbers", "quotes", "dates"):
            for item in doc[category]:
                assert doc["text"][item["start"]:item["end"]] == item["text"], (doc["id"], item)
        for item in doc["quotes"]:
            if item["written"] and item["person"] in doc["people"]:
                assert item["written"] in doc["people"][item["person"]] or \
                    item["written"] == item["person"]


# ------------------------------------------------------------------ what lesson 07 relies on


def test_one_speaker_per_person_in_a_corpus_text():
    en02 = next(d for d in load_news() if d["id"] == "en02")  # held in the repository
    groups = group_speakers(find_quotes(en02["text"]))
    cravioto = [g for g in groups if "Cravioto" in g.canonical]
    assert len(cravioto) == 1 and {"Cravioto", "SAGE chairman Alejandro Cravioto"} <= \
        set(cravioto[0].written)
    assert len(cravioto[0].quotes) >= 3


def test_one_speaker_per_person_in_an_arabic_corpus_text():
    """ar39 (from the cache): a minister named with her title, her surname in quotation marks
    and her office before a colon is one person in lesson 07's speakers table."""
    ar39 = next((d for d in load_news(split="dev") if d["id"] == "ar39"), None)
    if ar39 is None:
        pytest.skip("ar39 is not in the local cache (run `python tools/fetch_corpus.py`)")
    groups = group_speakers(find_quotes(ar39["text"]))
    assert len(groups) == 1 and len(groups[0].quotes) == len(ar39["quotes"])
    assert set(ar39["people"]["درية شرف الدين"]) >= set(groups[0].written)


def test_relative_days_resolve_against_the_article_date():
    text = "قالت الشرطة أمس الأحد إنها ستعلن النتائج اليوم الاثنين."
    rel = [d for d in find_dates(text, published="2023-01-02") if d.kind == "relative"]
    assert [(d.text, d.value, d.resolved) for d in rel] == [
        ("أمس", "day-1", "2023-01-01"), ("اليوم", "day+0", "2023-01-02")]
    assert date_checks(text, published="2023-01-02") == []
    checks = date_checks(text, published="2023-01-03")
    assert {c.kind for c in checks} == {"relative_published"} and checks[0].said == "sunday"
    assert [c.kind for c in date_checks("وصل أمس الأحد، وقال اليوم الأربعاء إنه سيغادر.")] == \
        ["relative_days"]
