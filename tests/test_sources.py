"""Sources dataset: spans, speakers, attributions, word counts, missing voices, tables."""

import copy
import doctest
import json

import pytest

import kit.sources
from kit.article import load_article
from kit.datasets import DataError, load_dataset, validate
from kit.sources import (
    attribution_highlights,
    attributions_table,
    count_words,
    missing_voices,
    speaker,
    speakers_table,
    words_by_stance,
)

# Other datasets (claims.json) refer to these ids.
REQUIRED_SPEAKERS = {"article", "musk", "sacks", "desantis", "cheung", "aoc", "pozner",
                     "twitter_users", "wsj_summit", "trump"}


@pytest.fixture(scope="module")
def data():
    return load_dataset("sources")


@pytest.fixture(scope="module")
def article():
    return load_article()


def _all_sources(data):
    for group in ("speakers", "attributions", "missing_voices"):
        for row in data[group]:
            yield from row["sources"]


def test_required_speaker_ids_exist_and_ids_are_unique(data):
    ids = [s["id"] for s in data["speakers"]]
    assert len(ids) == len(set(ids))
    assert REQUIRED_SPEAKERS <= set(ids)
    for group in ("attributions", "missing_voices"):
        row_ids = [r["id"] for r in data[group]]
        assert len(row_ids) == len(set(row_ids)), group


def test_every_referenced_speaker_exists(data):
    ids = {s["id"] for s in data["speakers"]}
    for a in data["attributions"]:
        assert a["speaker"] in ids, a["id"]
        assert set(a["co_speakers"]) <= ids, a["id"]
        assert a["speaker"] not in a["co_speakers"], a["id"]
    for m in data["missing_voices"]:
        assert m["speaker"] is None or m["speaker"] in ids, m["id"]


def test_attribution_spans_match_the_article(data, article):
    for a in data["attributions"]:
        assert article.text[a["start"]:a["end"]] == a["quote"], a["id"]
        assert article.paragraph_at(a["start"]) == a["paragraph"], a["id"]
        assert article.paragraph_at(a["end"] - 1) == a["paragraph"], a["id"]
        said = a["speaker_as_written"]
        if said:
            assert article.text[said["start"]:said["end"]] == said["quote"], a["id"]
            assert article.paragraph_at(said["start"]) == a["paragraph"], a["id"]


def test_speech_verb_is_written_in_its_paragraph(data, article):
    for a in data["attributions"]:
        if a["speech_verb"]:
            assert a["speech_verb"] in article.paragraphs[a["paragraph"]].text, a["id"]


def test_word_counts_are_recomputed(data):
    for a in data["attributions"]:
        tokens = [w for w in a["quote"].split() if any(ch.isalnum() for ch in w)]
        assert a["word_count"] == len(tokens) == count_words(a["quote"]), a["id"]


def test_count_words_ignores_punctuation_and_keeps_words_with_diacritics():
    assert count_words("“هناك الكثير من الناس” ، قال") == 5
    assert count_words("حقًا – ! ، .") == 1
    assert count_words("") == 0


def test_every_source_has_a_web_address_and_a_known_confidence(data):
    confidences = {"confirmed", "partial", "claim", "memory", "not_found", "unverifiable"}
    seen = 0
    for s in _all_sources(data):
        assert s["url"].startswith(("http://", "https://")), s
        assert s["confidence"] in confidences
        seen += 1
    assert seen > 30


def test_english_original_is_sourced_or_marked_as_back_translation(data):
    for a in data["attributions"]:
        if a["english_original"] is None:
            assert a["back_translation"], a["id"]
            assert a["english_confidence"] in ("not_found", "unverifiable"), a["id"]
        else:
            assert a["sources"], a["id"]


def test_pozner_quotes_are_back_translations(data):
    # facts.md: the English of Q13–Q16 was not found; nothing may pose as the original.
    pozner = [a for a in data["attributions"] if a["speaker"] == "pozner"]
    assert len(pozner) >= 5
    assert all(a["english_original"] is None for a in pozner)


def test_heard_means_quoted_or_paraphrased(data):
    speaking = {a["speaker"] for a in data["attributions"]}
    for s in data["speakers"]:
        assert s["heard"] == (s["id"] in speaking), s["id"]
    # The candidate himself is never quoted: the kit's central "missing voice".
    assert not speaker("desantis")["heard"]
    assert "desantis" in {m["speaker"] for m in data["missing_voices"]}


def test_names_in_article_are_really_there(data, article):
    for s in data["speakers"]:
        for name in s["names_in_article"]:
            assert name in article.text, (s["id"], name)


def test_sacks_interest_uses_the_checked_wording(data):
    sacks = speaker("sacks")
    assert "2021 fundraiser" in sacks["interest_en"]
    assert "no direct personal donation" in sacks["interest_en"]


def test_quotes_from_facts_are_attributed_to_the_right_people(data):
    by_ref = {a["english_ref"]: a for a in data["attributions"]}
    assert by_ref["Q5"]["speaker"] == "cheung"
    assert by_ref["Q6"]["speaker"] == "aoc"
    assert by_ref["Q1"]["speaker"] == by_ref["Q2"]["speaker"] == by_ref["Q3"]["speaker"] == "sacks"
    assert by_ref["Q12"]["speaker"] == "musk"


def test_schema_rejects_a_bad_stance_and_an_extra_field(data):
    bad = copy.deepcopy(data)
    bad["attributions"][0]["stance"] = "triumph"
    with pytest.raises(DataError, match="attributions/0/stance"):
        validate(bad, "sources")
    extra = copy.deepcopy(data)
    extra["speakers"][0]["nickname"] = "x"
    with pytest.raises(DataError, match="speakers/0"):
        validate(extra, "sources")


def test_words_by_stance_adds_up_to_all_quoted_words(data):
    table = words_by_stance("en")
    assert table["words"].sum() == sum(a["word_count"] for a in data["attributions"])
    assert list(table["words"]) == sorted(table["words"], reverse=True)
    no_narration = words_by_stance("en", include_narration=False)
    assert "article" not in set(no_narration["speaker"])
    success = table[table["stance"] == "success"]["speaker"]
    assert {"musk", "sacks"} <= set(success)


def test_tables_follow_the_language(data):
    ar = speakers_table("ar").set_index("id")
    en = speakers_table("en").set_index("id")
    assert ar.loc["sacks", "name"] == "ديفيد ساكس"
    assert en.loc["sacks", "name"] == "David Sacks"
    assert en.loc["cheung", "stance_label"] == "failure"
    assert ar.loc["cheung", "stance_label"] == "فشل"
    attrs = attributions_table("en")
    assert len(attrs) == len(data["attributions"])
    assert attrs["english"].notna().all()
    assert len(missing_voices("ar")) == len(data["missing_voices"])


def test_highlights_point_into_the_article(article):
    marks = attribution_highlights("en")
    assert marks and all(0 <= m["start"] < m["end"] <= len(article.text) for m in marks)
    assert "<mark" in article.show(highlight=marks).html


def test_unknown_speaker_lists_the_valid_ids():
    with pytest.raises(ValueError, match="musk"):
        speaker("elon")


def test_doctests():
    assert doctest.testmod(kit.sources).failed == 0


def test_english_origin_of_every_attribution():
    from kit.datasets import load_dataset
    from kit.sources import attributions_table

    rows = load_dataset("sources")["attributions"]
    for a in rows:
        assert (a["en_origin"] == "back_translation") == (a["en_source"] is None), a["id"]
        if a["en_origin"] == "back_translation":
            assert a["back_translation"], a["id"]
    by_id = {a["id"]: a for a in rows}
    assert by_id["a13"]["en_origin"] == "ap_original"
    assert "field day" in by_id["a13"]["english_original"]
    assert by_id["a36"]["speaker"] == "article" and by_id["a36"]["mode"] == "narration"
    assert "silences" in by_id["a14"]["english_original"]
    for lang, word in (("en", "back-translation"), ("ar", "ترجمة عكسية")):
        table = attributions_table(lang).set_index("id")
        assert word in table.loc["a28", "en_origin_label"]


def test_peck_is_the_campaign_manager_and_420k_is_aps_figure():
    text = json.dumps(load_dataset("sources"), ensure_ascii=False)
    text += json.dumps(load_dataset("references"), ensure_ascii=False)
    assert "adviser" not in text.lower() and "مستشارة" not in text
    assert "420,000 peak" not in text and "ذروة 420" not in text


def test_the_everything_app_sentence_has_one_origin_in_both_files(data):
    """Only the phrase 'an "everything app" for everyone' is AP's (facts.md Q9): the sentence is
    a back-translation in sources.json and claims.json alike, and the note names the phrase."""
    a20 = {a["id"]: a for a in data["attributions"]}["a20"]
    claim = {c["id"]: c for c in load_dataset("claims")["items"]}["everything_app_vision"]
    assert a20["en_origin"] == claim["en_origin"] == "back_translation"
    assert '"everything app" for everyone' in a20["note_en"]
    assert '"everything app" for everyone' in a20["note_ar"]


def test_quipping_is_read_as_the_kits_back_translation_everywhere(data):
    """translation.json T12: 'quipping' is the kit's back-translation, a tone shift (خ12)."""
    a09 = {a["id"]: a for a in data["attributions"]}["a09"]
    claim = {c["id"]: c for c in load_dataset("claims")["items"]}["sacks_finished_strong"]
    for text in (a09["note_en"], claim["verdict_en"]):
        assert "back-translation" in text and "T12" in text
    for text in (a09["note_ar"], claim["verdict_ar"]):
        assert any(w in text for w in ("ترجمة عكسية", "ترجمة الحقيبة العكسية")), text
        assert "خ12" in text and "T12" not in text and "quipping" not in text


def test_the_npr_attribution_is_caveated_where_it_is_used(data):
    voice = {v["id"]: v for v in data["missing_voices"]}["spaces_staff"]
    assert "not re-confirmed" in voice["why_en"]
    assert "لم تتأكد" in voice["why_ar"]


def test_pozner_speaks_in_paragraphs_14_to_17_in_every_ranking():
    from kit.lesson import load_lesson

    pozner = speaker("pozner")
    assert "14–17" in pozner["stance_rationale_en"]
    for lang in ("ar", "en"):
        item = next(i for i in load_lesson("02_sources", lang)["items"]
                    if i["id"] == "rank_voices")
        text = next(x["text"] for x in item["items"] if "14" in x["text"])
        assert "14–17" in text, text


def test_historic_first_note_names_all_three_errors_and_the_confirmed_ap_copy(data):
    """facts_review_2.md: «أطلق على» is sound; the errors are «المسك», the word order and the
    feminine «قائلة» (T1, T2); the Star-Advertiser AP copy is confirmed, as for a11."""
    a10 = {a["id"]: a for a in data["attributions"]}["a10"]
    for text in (a10["note_en"], a10["note_ar"]):
        assert "«المسك»" in text and "«قائلة»" in text and "«أطلق على»" in text
    assert "(T1)" in a10["note_en"] and "(T2)" in a10["note_en"]
    assert "(خ1)" in a10["note_ar"] and "(خ2)" in a10["note_ar"]
    assert {s["confidence"] for s in a10["sources"]} == {"confirmed"}
