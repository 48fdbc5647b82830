"""The claims dataset: valid, anchored in the article, sourced; the table and highlights."""

import pytest

import kit
from kit.article import Highlight
from kit.claims import CLAIM_COLUMNS, claim_highlights, claims_table, get_claim
from kit.datasets import load_dataset

SPEAKERS = {"article", "musk", "sacks", "desantis", "cheung", "aoc", "pozner", "twitter_users"}


@pytest.fixture(scope="module")
def claims():
    return load_dataset("claims")["items"]


def test_schema_valid_and_25_to_40_claims(claims):
    assert 25 <= len(claims) <= 40
    ids = [c["id"] for c in claims]
    assert len(ids) == len(set(ids))


def test_every_span_matches_the_article_and_its_paragraph(claims):
    article = kit.load_article()
    for c in claims:
        assert article.text[c["start"]:c["end"]] == c["quote"], c["id"]
        assert article.paragraph_at(c["start"]) == c["paragraph"], c["id"]
        assert article.paragraph_at(c["end"] - 1) == c["paragraph"], c["id"]


def test_claimants_are_known_speakers(claims):
    assert {c["claimant"] for c in claims} <= SPEAKERS


def test_checkable_claims_have_verdicts_and_web_sources(claims):
    for c in claims:
        if c["checkable"]:
            assert c["verdict"] and c["sources"], c["id"]
        else:
            assert c["verdict"] == "not_rated", c["id"]
        for s in c["sources"]:
            assert s["outlet"] and s["date"], c["id"]
            assert s["url"].startswith(("http://", "https://")), c["id"]


def test_reference_ids_exist(claims):
    refs = {r["id"] for r in load_dataset("references")["items"]}
    for c in claims:
        assert set(c["reference_ids"]) <= refs, c["id"]


def test_the_claims_the_lessons_need_are_there(claims):
    by_id = {c["id"]: c for c in claims}
    assert by_id["weekday_tuesday"]["quote"] == "الثلاثاء"
    assert by_id["weekday_tuesday"]["verdict"] == "false"
    assert by_id["audience_below_500k"]["verdict"] == "unproven"
    assert by_id["spaces_launched_2020"]["verdict"] == "partly_false"
    assert by_id["everything_app_vision"]["verdict"] == "mostly_true"
    assert by_id["tech_issues_since_takeover"]["verdict"] == "unchecked"
    assert "80٪" in by_id["staff_cut_80pct"]["quote"]
    assert by_id["sacks_good_sign"]["type"] == "opinion"
    types = {c["type"] for c in claims}
    assert types == {"factual", "opinion", "prediction", "characterisation"}


def test_claims_table_columns_and_language():
    ar, en = claims_table("ar"), claims_table("en")
    assert tuple(ar.columns) == tuple(en.columns) == CLAIM_COLUMNS
    assert len(ar) == len(load_dataset("claims")["items"])
    row_ar = ar.set_index("id").loc["weekday_tuesday"]
    row_en = en.set_index("id").loc["weekday_tuesday"]
    assert row_en["verdict_label"] == "False" and row_ar["verdict_label"] == "زائف"
    assert "Wednesday" in row_en["explanation"] and "الأربعاء" in row_ar["explanation"]
    assert row_en["claim"] != row_ar["claim"] == "الثلاثاء"


def test_highlights_filter_and_label_by_type():
    opinions = claim_highlights(types=["opinion"], lang="en")
    assert opinions and all(isinstance(h, Highlight) for h in opinions)
    assert {h.label for h in opinions} == {"Opinion"} and {h.group for h in opinions} == {"opinion"}
    one = claim_highlights(["weekday_tuesday"], lang="ar")
    assert len(one) == 1 and one[0].label == "ادعاء واقعي"
    assert len(claim_highlights(checkable=False)) < len(claim_highlights())
    html = kit.load_article().show(highlight=one).html
    assert ">الثلاثاء</mark>" in html


def test_get_claim_and_a_helpful_error():
    assert get_claim("staff_cut_80pct")["claimant"] == "article"
    with pytest.raises(LookupError, match="headline_tech_failure"):
        get_claim("no_such_claim")


def test_claimants_match_the_sources_dataset(claims):
    speakers = {s["id"] for s in load_dataset("sources")["speakers"]}
    assert {c["claimant"] for c in claims} <= speakers


def test_english_origin_is_recorded_and_shown(claims):
    for c in claims:
        assert c["en_origin"] in ("ap_original", "speaker_original", "back_translation"), c["id"]
        assert (c["en_source"] is None) == (c["en_origin"] == "back_translation"), c["id"]
        if 13 <= c["paragraph"] <= 18 and c["claimant"] != "musk":
            assert c["en_origin"] == "back_translation", c["id"]  # no AP English retrieved
    en, ar = claims_table("en").set_index("id"), claims_table("ar").set_index("id")
    flop = en.loc["looks_like_a_flop"]
    assert flop["claim"].endswith("[back-translation]")
    assert "back-translation" in flop["en_origin_label"]
    assert "ترجمة عكسية" in ar.loc["looks_like_a_flop", "en_origin_label"]
    assert "AP" in en.loc["musk_historic_first", "en_origin_label"]
    assert "historic first for Twitter" in en.loc["musk_historic_first", "claim"]


def test_the_dropped_mainly_is_read_one_way(claims):
    c = {c["id"]: c for c in claims}["courting_conservatives"]
    assert "less specific, not stronger" in c["verdict_en"]
    assert "صارت أقل تحديدًا، لا أقوى" in c["verdict_ar"]


def test_the_kits_own_arabic_prose_has_no_latin_outside_quotes():
    """Names in Arabic script in the kit's own Arabic (E8, E25); quoted originals may be Latin."""
    import re

    skip = {"quote", "outlet", "url", "english_original", "back_translation", "text_en",
            "counted_by", "en_source", "headline_ar"}
    found = []

    def walk(obj, where):
        if isinstance(obj, dict):
            for key, value in obj.items():
                if key in skip:
                    continue
                if isinstance(value, str) and (key.endswith("_ar") or key == "ar"):
                    bare = re.sub(r"«[^»]*»|\([A-Z]{2,4}\)", "", value)
                    if re.search(r"[A-Za-z]", bare):
                        found.append((where, key, value[:60]))
                else:
                    walk(value, where)
        elif isinstance(obj, list):
            for value in obj:
                walk(value, where)

    for name in ("claims", "numbers", "references", "sources"):
        walk(load_dataset(name), name)
    assert not found, found
