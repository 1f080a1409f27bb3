"""Does the document promote a treatment? Regulators' letters, news reports and explainers
quote the same claims that clinic pages make; only a page that sells or recommends the
treatment is judged against the advertising criteria and the missing-disclosure check.

The decision weighs the profile's ``document`` features, the findings and the voice of the
text (a provider writes "we" and "our"; a reporter or regulator writes about a clinic in the
third person), in this order, and reports the reasons it used:

1. two or more regulator-letter markers ("warning letter", CFR citations, "this letter"):
   a regulator's letter, not promoting;
2. two or more news markers outside quotation marks ("said" in a patient's quoted story is the
   patient's word, not a reporter's) with at least half of the claims attributed: a news
   report;
3. two or more explainer markers ("be wary", "questions to ask") and no first person:
   an explainer (trial information when trial-recruitment markers dominate);
4. a direct price or call to action, a direct patient story, or an offer phrase in the voice
   of a provider or addressed to the reader: promoting;
5. at least half of the claims negated or attributed: an explainer;
6. a provider's voice (two first-person words, or one in a short text or with the reader
   addressed as "you") on a page that names a cell product or states a claim, a claim
   stated directly to the reader, or two or more claims stated directly: promoting;
7. otherwise informational, not promoting.
"""

from __future__ import annotations

import re

from auditor.criteria.facts import Promotion
from auditor.documents import line_start
from auditor.literals import with_first_characters
from auditor.pipeline.context import inside_quotes
from auditor.report.models import Finding, Profile

CLAIM_CATEGORIES = frozenset(
    {
        "efficacy_cure",
        "unproven_indication",
        "safety_absolute",
        "hype_superlative",
        "comparative_superiority",
        "evidence_misrepresentation",
        "testimonial",
    }
)
FIRST_PERSON = with_first_characters(
    re.compile(r"\b(?:our|ours|we|we're|we've|we'll|us)\b", re.IGNORECASE)
)
SHORT_TEXT = 2000
"""Characters below which one "our" or "we" already marks a provider's voice; in a long
article a single first-person word can be incidental ("our bodies")."""
SECOND_PERSON = with_first_characters(
    re.compile(r"\b(?:you|your|yours|you're|you'll)\b", re.IGNORECASE)
)


def judge_promotion(text: str, profile: Profile, findings: list[Finding]) -> Promotion:
    def count(feature: str) -> int:
        return len(profile.mentions(f"document.{feature}"))

    active = [f for f in findings if not f.suppressed]
    direct = [f for f in active if f.weight >= 1.0]
    claims = [f for f in active if f.category in CLAIM_CATEGORIES]
    attributed = sum(f.context.attributed for f in claims)
    softened = sum(f.context.negated or f.context.attributed for f in claims)
    prices = [f for f in direct if f.category == "inducement_price_cta"]
    stories = [f for f in direct if f.category == "testimonial"]
    stated = [
        f
        for f in direct
        if f.category in CLAIM_CATEGORIES
        or (f.category == "regulatory_status" and f.severity.value != "info")
    ]
    first, second = len(FIRST_PERSON.findall(text)), len(SECOND_PERSON.findall(text))
    offers, letter = count("promotional_offer"), count("regulator_letter")
    explainer, trial = count("explainer"), count("trial_recruitment")
    news = sum(
        not inside_quotes(text, line_start(text, m.start), m.start)
        for m in profile.mentions("document.news_report")
    )

    if letter >= 2:
        return Promotion(False, "regulator_letter", (f"{letter} regulator-letter markers",))
    if news >= 2 and claims and attributed * 2 >= len(claims):
        return Promotion(
            False,
            "news",
            (f"{news} news-report markers", f"{attributed} of {len(claims)} claims attributed"),
        )
    explained = (
        f"{explainer} explainer markers",
        f"{trial} trial-recruitment markers",
        f"{softened} of {len(claims)} claims negated or attributed",
    )
    kind = "trial_information" if trial > explainer else "explainer"
    if explainer >= 2 and not first:
        return Promotion(False, kind, (*explained, "no first-person provider voice"))
    selling = tuple(
        reason
        for reason, present in (
            (f"{len(prices)} direct price or call-to-action finding(s)", prices),
            (f"{len(stories)} direct patient story finding(s)", stories),
            (f"{offers} offer phrase(s) in a provider's voice", offers and first + second),
        )
        if present
    )
    if selling:
        return Promotion(True, "promotional", selling)
    if claims and softened * 2 >= len(claims):
        return Promotion(False, kind, explained)
    provider_voice = first >= 2 or (first and (second or len(text) < SHORT_TEXT))
    if provider_voice and (profile.cell_products or stated):
        return Promotion(
            True, "promotional", (f"a provider speaks in the first person ({first} word(s))",)
        )
    if (stated and second) or len(stated) >= 2:
        return Promotion(True, "promotional", (f"{len(stated)} claim(s) stated directly",))
    return Promotion(False, "informational", ("no offer, price, direct claim or provider voice",))
