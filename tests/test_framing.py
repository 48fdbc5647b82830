"""Framing: frames, lexicon and its finder, reference coding, Cohen's and Fleiss' kappa."""

import copy
import doctest
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

import kit.framing
from kit.article import load_article
from kit.datasets import DataError, load_dataset, validate
from kit.framing import (
    agreement,
    cohen_kappa,
    describe_agreement,
    find_frame_terms,
    fleiss_kappa,
    frame_counts,
    frame_ids,
    frames,
    kappa_label,
    lexicon_hits,
    lexicon_table,
    reference_coding,
    suggest_coding,
)

# Fleiss (1971) as worked on Wikipedia: 10 subjects, 14 raters, 5 categories, kappa = 0.210.
FLEISS_WIKIPEDIA = [
    [0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
    [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7],
]


@pytest.fixture(scope="module")
def data():
    return load_dataset("framing")


@pytest.fixture(scope="module")
def article():
    return load_article()


def test_frames_have_entmans_four_functions_in_both_languages(data):
    ids = [f["id"] for f in data["frames"]]
    assert ids == frame_ids()
    assert {"fail_fast", "political_failure", "neutral"} <= set(ids)
    for f in data["frames"]:
        if f["id"] == "neutral":
            continue
        for key in ("problem_definition", "causal_diagnosis", "moral_judgment", "remedy"):
            assert f["entman"][key]["ar"] and f["entman"][key]["en"], (f["id"], key)
    table = frames("ar")
    assert table.set_index("id").loc["fail_fast", "remedy"].startswith("التعلم")


def test_reference_coding_covers_every_paragraph_once(data, article):
    coding = reference_coding()
    assert sorted(coding) == list(range(len(article.paragraphs))) == list(range(19))
    assert set(coding.values()) <= set(frame_ids())
    assert coding[7] == "political_failure"  # "a complete failure to launch"
    assert coding[15] == "both"  # competence for DeSantis, fail fast for Musk
    for row in data["coding"]:
        assert row["frame"] not in row["also_defensible"]


def test_lexicon_ids_unique_and_forms_are_literal(data):
    ids = [e["id"] for e in data["lexicon"]]
    assert len(ids) == len(set(ids))
    for e in data["lexicon"]:
        for form in e["forms_ar"] + e["forms_en"]:
            assert not set(form) & set("\\^$.|?*+()[]{}"), form
    assert {e["frame"] for e in data["lexicon"]} == {"fail_fast", "political_failure"}


def test_lexicon_occurrences_are_exact_spans_and_what_the_finder_finds(data, article):
    stored = set()
    for e in data["lexicon"]:
        for o in e["occurrences"]:
            assert article.text[o["start"]:o["end"]] == o["quote"], e["id"]
            assert article.paragraph_at(o["start"]) == o["paragraph"], e["id"]
            stored.add((o["start"], o["end"], e["id"]))
    found = {(h.start, h.end, h.term_id) for h in find_frame_terms(article.text)}
    assert stored == found
    assert len(found) >= 30


def test_finder_on_a_short_arabic_text():
    text = "عنوان: تجربة أولى\n\nقال إن الإطلاق كان فشلًا كاملًا، وسط تأخير طويل.\n\nلا شيء هنا."
    hits = find_frame_terms(text)
    assert [(h.text, h.term_id, h.paragraph) for h in hits] == [
        ("تجربة", "experiment", 0), ("فشلًا", "failure", 1), ("تأخير", "delay", 1)]
    for h in hits:
        assert text[h.start:h.end] == h.text
    assert suggest_coding(text) == {0: "fail_fast", 1: "political_failure", 2: "neutral"}


def test_finder_on_a_short_english_text_and_longest_match_wins():
    text = ("A Glitchy launch.\n\n"
            "It was a complete failure to launch, critics said, but they learned a lot.")
    hits = [(h.text, h.term_id, h.paragraph) for h in find_frame_terms(text)]
    assert hits == [("Glitchy", "glitch", 0), ("failure to launch", "failure_to_launch", 1),
                    ("learned", "learn", 1)]
    assert not find_frame_terms("The testimony was unrelated.")  # "test" needs a word end


def test_arabic_proclitics_and_article_are_handled():
    hits = {h.text: h.term_id for h in find_frame_terms("في نهج للفشل السريع والتعلم وبالكفاءة")}
    assert hits == {"للفشل السريع": "fail_fast", "والتعلم": "learn", "وبالكفاءة": "competence"}
    # "كما تعلم" means "you know": not a learning term.
    assert find_frame_terms("أعتقد، كما تعلم، أن ذلك صحيح") == []


@given(st.text(max_size=200))
def test_finder_never_raises_and_spans_are_exact(text):
    for h in find_frame_terms(text):
        assert text[h.start:h.end] == h.text
        assert h.end > h.start


def test_lexicon_tables(article):
    hits = lexicon_hits(article.text, lang="en")
    assert len(hits) == len(find_frame_terms(article.text))
    assert set(hits["frame"]) == {"fail_fast", "political_failure"}
    assert (hits["paragraph"] == 15).sum() >= 5
    table = lexicon_table("ar")
    assert table["hits_in_article"].sum() == len(hits)
    counts = frame_counts(article.text)
    assert list(counts["paragraph"]) == list(range(19))
    assert lexicon_hits("").empty


def test_cohen_kappa_textbook_example():
    # 50 items: yes/yes 20, yes/no 5, no/yes 10, no/no 15 -> p_o 0.7, p_e 0.5, kappa 0.4.
    a = ["yes"] * 25 + ["no"] * 25
    b = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    assert cohen_kappa(a, b) == pytest.approx(0.4)
    assert cohen_kappa(b, a) == pytest.approx(0.4)
    assert cohen_kappa(a, a) == pytest.approx(1.0)
    assert cohen_kappa(["x", "y"], ["y", "x"]) == pytest.approx(-1.0)
    assert math.isnan(cohen_kappa(["x", "x"], ["x", "x"]))
    with pytest.raises(ValueError):
        cohen_kappa(["x"], ["x", "y"])


def test_fleiss_kappa_wikipedia_example():
    assert fleiss_kappa(FLEISS_WIKIPEDIA) == pytest.approx(0.210, abs=0.0005)
    with pytest.raises(ValueError):
        fleiss_kappa([[1, 2], [3, 3]])


def test_fleiss_equals_one_for_unanimous_raters_and_takes_a_dataframe():
    import pandas as pd

    table = pd.DataFrame([[3, 0, 0], [0, 3, 0], [0, 0, 3]])
    assert fleiss_kappa(table) == pytest.approx(1.0)


def test_kappa_labels():
    assert kappa_label(0.69) == "substantial"
    assert kappa_label(0.1) == "slight"
    assert kappa_label(-0.2) == "poor"
    assert kappa_label(float("nan")) == "undefined"


def test_agreement_against_the_reference():
    ref = reference_coding()
    perfect = agreement({str(p): f for p, f in ref.items()})
    assert perfect["percent"] == 100 and perfect["kappa"] == pytest.approx(1.0)
    assert perfect["disagreements"] == []
    flipped = dict(ref)
    flipped[7] = "fail_fast"
    result = agreement(flipped)
    assert result["agree"] == 18 and result["n"] == 19
    assert result["disagreements"] == [
        {"paragraph": 7, "learner": "fail_fast", "reference": "political_failure"}]
    assert 0 < result["kappa"] < 1
    partial = agreement({0: ref[0], 1: None})
    assert partial["n"] == 1
    with pytest.raises(ValueError, match="political_failure"):
        agreement({0: "propaganda"})
    assert "19" in describe_agreement(result, "en")
    assert "كابا" in describe_agreement(result, "ar")


def test_schema_rejects_an_unknown_frame(data):
    bad = copy.deepcopy(data)
    bad["coding"][0]["frame"] = "propaganda"
    with pytest.raises(DataError, match="coding/0/frame"):
        validate(bad, "framing")


def test_doctests():
    assert doctest.testmod(kit.framing).failed == 0


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_framing_lesson_does_not_state_the_first_as_fact(lang):
    """The article only reports Musk calling it a first; claims.json does not establish it."""
    import json
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "data" / "lessons" / lang / "04_framing.json"
    lesson = json.loads(path.read_text(encoding="utf-8"))
    texts = [lesson["recap"], *[[c["feedback"] for c in i.get("choices", [])]
                                + i.get("rubric", []) + [i.get("exemplar", "")]
                                for i in lesson["items"]]]
    blob = json.dumps(texts, ensure_ascii=False)
    assert "first presidential" not in blob.lower() and "أول إعلان ترشح" not in blob
    for item in lesson["items"]:
        if item["kind"] == "open":
            assert set(item["levels"]) == {"beginning", "developing", "secure"}
    if lang == "en":
        moral = next(i for i in lesson["items"] if i["id"] == "q_moral")["prompt"]
        assert "back-translation" in moral
