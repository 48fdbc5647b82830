"""A learner's fact-check as a card and as schema.org ClaimReview JSON-LD.

ClaimReview is the interchange format fact-checkers publish (schema.org/ClaimReview); the
kit uses a fixed verdict scale with an explicit numeric mapping, and keeps the learner's
evidence and sources with the review.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from kit.i18n import get_language, t
from kit.text import escape
from kit.verdicts import VERDICT_ORDER, label, rating_value

# verdict key -> ClaimReview ratingValue on a 1..5 scale (None: the verdict has no place on it),
# in the order of the kit's one scale (data/verdicts.json)
VERDICTS: dict[str, int | None] = {key: rating_value(key) for key in VERDICT_ORDER}
MAX_FIELD_CHARS = 5000
_URL = re.compile(r"^https?://[^\s<>\"']+\.[^\s<>\"']+$")


@dataclass
class FactCheck:
    """What the learner wrote: the claim, who made it, the evidence, a verdict, the sources."""

    claim: str
    claimant: str
    evidence: str
    verdict: str
    sources: list[str] = field(default_factory=list)
    claim_id: str = ""
    author: str = ""

    def problems(self, lang: str | None = None) -> list[str]:
        """Learner-facing sentences naming what is missing or wrong; empty when complete."""
        lang = lang or get_language()
        found = []
        for name in ("claim", "claimant", "evidence"):
            value = getattr(self, name)
            if not value.strip():
                found.append(t(f"factcheck.missing_{name}", lang))
            elif len(value) > MAX_FIELD_CHARS:
                found.append(t("factcheck.too_long", lang, field=t(f"factcheck.{name}", lang),
                               max=MAX_FIELD_CHARS))
        if self.verdict not in VERDICTS:
            found.append(t("factcheck.missing_verdict", lang))
        if not self.sources:
            found.append(t("factcheck.missing_sources", lang))
        bad = [s for s in self.sources if not _URL.match(s)]
        if bad:
            found.append(t("factcheck.bad_source", lang, source=bad[0][:80]))
        return found

    def to_dict(self) -> dict[str, Any]:
        return {"claim_id": self.claim_id, "claim": self.claim, "claimant": self.claimant,
                "evidence": self.evidence, "verdict": self.verdict, "sources": self.sources}


def parse_sources(text: str) -> list[str]:
    """One address per line (blank lines ignored)."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def claim_review(check: FactCheck, lang: str | None = None,
                 appearance_url: str | None = None) -> dict[str, Any]:
    """The fact-check as a ClaimReview JSON-LD document (schema.org)."""
    lang = lang or get_language()
    if appearance_url is None:
        from kit.article import load_article

        appearance_url = load_article().metadata["sources"][0]["url"]
    rating: dict[str, Any] = {"@type": "Rating",
                              "alternateName": label(check.verdict, lang),
                              "worstRating": 1, "bestRating": 5,
                              "ratingExplanation": check.evidence}
    if VERDICTS.get(check.verdict) is not None:
        rating["ratingValue"] = VERDICTS[check.verdict]
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "inLanguage": lang,
        "datePublished": datetime.now(UTC).date().isoformat(),
        "author": {"@type": "Person", "name": check.author or "learner"},
        "claimReviewed": check.claim,
        "itemReviewed": {
            "@type": "Claim",
            "author": {"@type": "Person", "name": check.claimant},
            "datePublished": "2023-05-24",
            "appearance": {"@type": "NewsArticle", "url": appearance_url},
        },
        "reviewRating": rating,
        "citation": [{"@type": "CreativeWork", "url": s} for s in check.sources],
    }


def card_html(check: FactCheck, lang: str | None = None) -> str:
    """The fact-check as a card; every learner-typed field is escaped."""
    lang = lang or get_language()
    attrs = 'dir="rtl" lang="ar" style="text-align:right;' if lang == "ar" else 'dir="ltr" style="'
    sources = "".join(
        f'<li><a href="{escape(s)}" target="_blank" rel="noopener noreferrer">{escape(s)}</a></li>'
        for s in check.sources)
    verdict = label(check.verdict, lang) if check.verdict in VERDICTS else ""
    return (
        f'<div class="kit-factcheck-card" {attrs}border:2px solid #333;border-radius:8px;'
        f'padding:10px 14px;max-width:46em">'
        f"<p><b>{escape(t('factcheck.claim', lang))}:</b> {escape(check.claim)}</p>"
        f"<p><b>{escape(t('factcheck.claimant', lang))}:</b> {escape(check.claimant)}</p>"
        f"<p><b>{escape(t('factcheck.verdict', lang))}:</b> "
        f'<span style="border:2px solid #0072B2;padding:0 6px">{escape(verdict)}</span></p>'
        f"<p><b>{escape(t('factcheck.evidence', lang))}:</b> {escape(check.evidence)}</p>"
        f"<p><b>{escape(t('factcheck.sources', lang))}:</b></p><ul>{sources}</ul></div>")


def jsonld_html(review: dict[str, Any]) -> str:
    """The JSON-LD shown as escaped, left-to-right code."""
    return (f'<pre dir="ltr" style="text-align:left;white-space:pre-wrap;max-height:20em;'
            f'overflow:auto">{escape(json.dumps(review, ensure_ascii=False, indent=2))}</pre>')
