"""One verdict scale, defined once (data/verdicts.json), used by data, tables and ClaimReview."""

import json

import pytest

from kit.claimreview import VERDICTS, FactCheck, claim_review
from kit.claims import claims_table
from kit.datasets import load_dataset
from kit.paths import data_dir
from kit.references import numbers_table
from kit.verdicts import VERDICT_ORDER, definition, label, rating_value, scale, short_label

# The agreed scale (team brief): key -> (Arabic, English).
AGREED = {
    "true": ("صحيح", "True"),
    "mostly_true": ("صحيح في معظمه", "Mostly true"),
    "partly_false": ("زائف جزئيًّا", "Partly false"),
    "misleading": ("مضلِّل", "Misleading"),
    "false": ("زائف", "False"),
    "unproven": ("غير مؤكَّد", "Unproven"),
    "unchecked": ("لم يُتحقَّق منه بعد", "Not yet checked"),
    "not_rated": ("لا يُحكم عليه (رأي أو توقّع)", "Not rated (opinion or prediction)"),
}
# An explanation of a "true" verdict must not say the claim is unsettled.
UNSETTLED = ("not established", "not documented", "no source", "not found", "not checked",
             "cannot be", "unverifiable", "disputed", "لم يثبت", "لم تُوثَّق", "لم نجد",
             "لم نتحقق", "لا يمكن", "متنازع")

CLAIMS = load_dataset("claims")["items"]
NUMBERS = load_dataset("numbers")["items"]


def test_the_scale_is_the_agreed_one_in_order():
    assert list(VERDICT_ORDER) == list(AGREED)
    for key, (ar, en) in AGREED.items():
        assert label(key, "ar") == ar and label(key, "en") == en
        assert definition(key, "ar") and definition(key, "en")


def test_claimreview_ratings_exist_only_for_settled_verdicts():
    assert [rating_value(k) for k in VERDICT_ORDER] == [5, 4, 3, 2, 1, None, None, None]
    assert VERDICTS == {k: rating_value(k) for k in VERDICT_ORDER}


@pytest.mark.parametrize("key", list(AGREED))
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_claimreview_carries_the_label_and_the_rating(key, lang):
    check = FactCheck(claim="c", claimant="x", evidence="e", verdict=key,
                      sources=["https://example.org/a"])
    rating = claim_review(check, lang, appearance_url="https://example.org/b")["reviewRating"]
    assert rating["alternateName"] == label(key, lang)
    assert rating.get("ratingValue") == rating_value(key)


def test_every_verdict_in_the_data_is_on_the_scale():
    for row in CLAIMS + NUMBERS:
        assert row["verdict"] in scale(), row["id"]


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_explanations_begin_with_their_verdict_label(lang):
    rows = [(c["id"], c["verdict"], c[f"verdict_{lang}"]) for c in CLAIMS]
    rows += [(n["id"], n["verdict"], n[f"verdict_note_{lang}"]) for n in NUMBERS]
    for row_id, verdict, text in rows:
        assert text.startswith(short_label(verdict, lang) + ":"), (row_id, verdict, text[:40])
        for other in VERDICT_ORDER:  # no second verdict label opens the text
            if other != verdict and short_label(other, lang) != short_label(verdict, lang):
                assert not text.startswith(short_label(other, lang) + ":"), row_id


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_true_explanations_do_not_say_the_claim_is_unsettled(lang):
    rows = [(c["id"], c[f"verdict_{lang}"]) for c in CLAIMS if c["verdict"] == "true"]
    rows += [(n["id"], n[f"verdict_note_{lang}"]) for n in NUMBERS if n["verdict"] == "true"]
    for row_id, text in rows:
        low = text.lower()
        assert not any(w in low for w in UNSETTLED), (row_id, text)


def test_judgements_are_not_rated_or_not_true():
    for c in CLAIMS:
        if c["type"] == "opinion" or not c["checkable"]:
            assert c["verdict"] == "not_rated", c["id"]
        if "الفاشلة" in c["quote"]:
            assert c["type"] != "factual" and c["verdict"] != "true", c["id"]
    by_id = {c["id"]: c for c in CLAIMS}
    assert by_id["musk_historic_first"]["verdict"] not in ("true", "mostly_true")
    assert by_id["everything_app_vision"]["verdict"] == "mostly_true"
    assert any("teslanorth.com" in s["url"] for s in by_id["everything_app_vision"]["sources"])


def test_unverifiable_is_not_used_for_merely_unchecked_claims():
    for c in CLAIMS:
        assert c["verdict"] not in ("unverifiable", "disputed", "half_true", None), c["id"]
        if c["verdict"] == "unchecked":
            assert "not yet" in c["verdict_en"].lower() or "have not" in c["verdict_en"].lower()


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_tables_show_the_scale_labels(lang):
    for table in (claims_table(lang), numbers_table(lang)):
        for verdict, shown in zip(table["verdict"], table["verdict_label"], strict=True):
            assert shown == label(verdict, lang)


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_no_second_verdict_scale_in_the_interface_strings(lang):
    for path in (data_dir() / "i18n" / lang).glob("*.json"):
        keys = json.loads(path.read_text(encoding="utf-8"))
        old = ("verdict.", "claims.verdict.", "numbers.verdict.")
        dupes = [k for k in keys if k.startswith(old)]
        assert not dupes, (path.name, dupes)


# A figure and the claim around it may be rated differently only for a stated reason.
FIGURE_VS_CLAIM = {
    # the crowd was large (figure), that it caused the glitches is unproven (claim)
    ("n_many_people_musk_p2", "musk_servers_strained"),
    ("n_so_many_people_sacks_p3", "sacks_melting_servers"),
    # the day is right; the claim also suggests Musk was in London (he spoke by video)
    ("n_one_day_before_p9", "wsj_summit_london"),
    # Wednesday evening is right; «الفاشلة» in the same span is a judgement
    ("n_wednesday_evening_p12", "desaster_trending"),
    # the weekday is right; the sentence around it is a hedged judgement
    ("n_wednesday_p13", "looks_like_a_flop"),
    # "minutes" is right; "a month earlier" is rounded from 34 days
    ("n_minutes_after_launch_p14", "starship_month_before"),
}


def test_a_figure_and_its_claim_agree_unless_a_reason_is_listed():
    differ = set()
    for n in NUMBERS:
        for c in CLAIMS:
            if c["start"] < n["end"] and n["start"] < c["end"] and c["verdict"] != n["verdict"]:
                differ.add((n["id"], c["id"]))
    assert differ == FIGURE_VS_CLAIM


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_fact_check_form_offers_the_scale_in_words(lang):
    from kit.exercises import FactCheckForm

    item = {"id": "factcheck", "kind": "factcheck", "prompt": "—", "rubric": ["—"],
            "exemplar": "—"}
    form = FactCheckForm("06_synthesis", item, lang, claims=[])
    offered = [(text, key) for text, key in form.verdict.options if key is not None]
    assert [key for _text, key in offered] == [k for k in VERDICT_ORDER if k != "unchecked"]
    for text, key in offered:
        assert text == label(key, lang), (key, text)
        assert "verdict." not in text


def test_the_everything_app_claim_rests_on_musks_tweet_of_4_october_2022():
    """facts_review_2.md: Musk's 4 Oct 2022 tweet, not the 27 Oct letter to advertisers."""
    refs = {r["id"]: r for r in load_dataset("references")["items"]}
    claim = {c["id"]: c for c in CLAIMS}["everything_app_vision"]
    assert claim["reference_ids"] == ["musk_everything_app_tweet"]
    tweet = refs["musk_everything_app_tweet"]
    assert tweet["date"] == "2022-10-04"
    assert "the everything app" in tweet["what_counted_en"]
    urls = [s["url"] for s in tweet["sources"]]
    assert any("foxbusiness.com" in u for u in urls)
    assert any("teslanorth.com/2022/10/04/" in u for u in urls)
    assert "everything" not in json.dumps(refs["musk_town_square_letter"]).lower()


def test_a_verdict_says_its_label_once():
    """No doubled label such as "True: Correct: …" or «صحيح: صحيح»."""
    words = {"correct", "true", "false", "صحيح", "زائف"}
    rows = [(c["id"], c["verdict_en"], c["verdict_ar"]) for c in CLAIMS]
    rows += [(n["id"], n["verdict_note_en"], n["verdict_note_ar"])
             for n in load_dataset("numbers")["items"]]
    for row_id, *texts in rows:
        for text in texts:
            if text and ":" in text:
                rest = text.split(":", 1)[1].strip().split(":", 1)[0].strip().lower()
                assert rest not in words, (row_id, text[:40])
