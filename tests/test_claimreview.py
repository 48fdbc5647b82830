"""A learner's fact-check: checked for what is missing, shown escaped, exported as ClaimReview."""

import json

import pytest

from kit.claimreview import VERDICTS, FactCheck, card_html, claim_review, jsonld_html, parse_sources
from kit.verdicts import VERDICT_ORDER, label


def _check(**changes):
    base = {"claim": "Twitter launched Spaces in 2020", "claimant": "The article itself",
            "evidence": "Beta from 17 Dec 2020; hosting for 600+ follower accounts on 3 May 2021.",
            "verdict": "partly_false",
            "sources": ["https://www.engadget.com/twitter-tests-spaces-live-audio-213143031.html"]}
    return FactCheck(**{**base, **changes})


def test_a_complete_check_has_no_problems_and_a_valid_claimreview():
    check = _check()
    assert check.problems("en") == []
    review = claim_review(check, "en", appearance_url="https://example.org/a")
    assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
    assert review["itemReviewed"]["@type"] == "Claim"
    assert review["reviewRating"]["ratingValue"] == VERDICTS["partly_false"] == 3
    assert review["reviewRating"]["alternateName"] == "Partly false"
    assert review["citation"][0]["url"].startswith("https://www.engadget.com/")
    json.dumps(review)  # serialisable


@pytest.mark.parametrize("verdict", ["unproven", "unchecked", "not_rated"])
def test_unsettled_verdicts_have_no_numeric_rating(verdict):
    review = claim_review(_check(verdict=verdict), "ar", appearance_url="https://x.org")
    assert "ratingValue" not in review["reviewRating"]
    assert review["reviewRating"]["alternateName"] == label(verdict, "ar")


def test_verdicts_is_the_ordered_scale_for_the_dropdown():
    assert list(VERDICTS) == list(VERDICT_ORDER)
    assert list(VERDICTS)[:5] == ["true", "mostly_true", "partly_false", "misleading", "false"]
    assert "unverifiable" not in VERDICTS and "half_true" not in VERDICTS


def test_missing_and_bad_fields_are_named_for_the_learner():
    problems = _check(evidence="  ", verdict="", sources=["javascript:alert(1)"]).problems("en")
    text = " ".join(problems)
    assert "evidence" in text and "verdict" in text and "not a valid address" in text
    assert _check(sources=[]).problems("ar")


def test_card_and_jsonld_escape_everything():
    check = _check(claim="<script>alert(1)</script>", claimant="<img src=x onerror=alert(1)>")
    html = card_html(check, "ar") + jsonld_html(claim_review(check, "ar", "https://x.org"))
    assert "<script" not in html and "<img" not in html
    assert 'dir="rtl"' in card_html(check, "ar")


def test_sources_are_one_per_line():
    assert parse_sources("https://a.org\n\n  https://b.org  \n") == ["https://a.org",
                                                                    "https://b.org"]
