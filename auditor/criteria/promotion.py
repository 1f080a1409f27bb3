"""Does the document promote a treatment? Regulators' letters, news reports and explainers
quote the same claims that clinic pages make; only a page that sells or recommends the
treatment is judged against the advertising criteria and the missing-disclosure check.

The decision weighs signals from the profile's ``document`` features and from the findings,
and reports every reason it used:

1. two or more regulator-letter markers ("warning letter", CFR citations, "this letter"):
   a regulator's letter, not promoting;
2. otherwise, direct price or call-to-action findings, direct patient stories, or two or more
   offer phrases ("our clinic", "book"): promoting, unless most claim findings are attributed
   and the text reads as a news report (two or more news markers);
3. otherwise, two or more explainer markers or most claim findings negated or attributed:
   an explainer, not promoting; a trial page that charges no fee counts as informational;
4. otherwise promoting when at least two claims are stated directly.
"""

from __future__ import annotations

from auditor.criteria.facts import Promotion
from auditor.profile import Profile
from auditor.report.models import Finding

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


def judge_promotion(profile: Profile, findings: list[Finding]) -> Promotion:
    def count(feature: str) -> int:
        return len(profile.mentions(f"document.{feature}"))

    active = [f for f in findings if not f.suppressed]
    direct = [f for f in active if f.weight >= 1.0]
    claims = [f for f in active if f.category in CLAIM_CATEGORIES]
    attributed = sum(f.context.attributed for f in claims)
    denied = sum(f.context.negated or f.context.attributed for f in claims)
    selling = [f for f in direct if f.category == "inducement_price_cta"]
    stories = [f for f in direct if f.category == "testimonial"]
    offers, letter, news = (
        count("promotional_offer"),
        count("regulator_letter"),
        count("news_report"),
    )
    explainer, trial = count("explainer"), count("trial_recruitment")

    if letter >= 2:
        return Promotion(False, "regulator_letter", (f"{letter} regulator-letter markers",))
    if selling or stories or offers >= 2:
        reasons = tuple(
            reason
            for reason, present in (
                (f"{len(selling)} direct price or call-to-action finding(s)", selling),
                (f"{len(stories)} direct patient story finding(s)", stories),
                (f"{offers} offer phrase(s)", offers >= 2),
            )
            if present
        )
        if news >= 2 and claims and attributed * 2 >= len(claims):
            return Promotion(
                False,
                "news",
                (f"{news} news-report markers", f"{attributed} of {len(claims)} claims attributed"),
            )
        return Promotion(True, "promotional", reasons)
    if explainer >= 2 or (claims and denied * 2 >= len(claims)):
        return Promotion(
            False,
            "explainer" if not trial else "trial_information",
            (
                f"{explainer} explainer markers",
                f"{denied} of {len(claims)} claims negated or attributed",
                *((f"{trial} trial-recruitment markers",) if trial else ()),
            ),
        )
    direct_claims = [f for f in direct if f.category in CLAIM_CATEGORIES]
    if len(direct_claims) >= 2:
        return Promotion(True, "promotional", (f"{len(direct_claims)} claims stated directly",))
    return Promotion(False, "informational", ("no offer, price or direct claims",))
