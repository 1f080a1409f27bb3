"""US FTC criteria: substantiation, net impression, endorsements, reviews (brief, section 2)."""

from __future__ import annotations

from auditor.criteria.facts import Facts, Judgement, criterion, evidence, graded, quote

HEALTH_CLAIMS = (
    "efficacy_cure",
    "unproven_indication",
    "evidence_misrepresentation",
    "comparative_superiority",
    "safety_absolute",
)


@criterion("US-FTC-SUBSTANTIATION")
def substantiation(facts: Facts) -> Judgement:
    return graded(
        facts.direct(*HEALTH_CLAIMS),
        facts.softened(*HEALTH_CLAIMS),
        flag="Health claims are stated directly ({}); they need competent and reliable "
        "scientific evidence, generally randomised controlled human trials.",
        maybe="Health claims appear in qualified form ({}); qualifiers such as 'promising' can "
        "still leave a net impression of proven benefit.",
        clear="No health claims that need substantiation.",
    )


@criterion("US-FTC-NET-IMPRESSION-DISCLAIMERS")
def net_impression(facts: Facts) -> Judgement:
    strong = [
        f
        for f in facts.direct(*HEALTH_CLAIMS, "hype_superlative")
        if f.severity.value in ("high", "medium")
    ]
    disclaimers = facts.profile.disclaimers + [f for f in facts.findings if f.context.in_disclaimer]
    # A question headline ("Could stem cells reverse your MS?") is hedged but still strong.
    strong += [f for f in facts.softened(*HEALTH_CLAIMS) if f.severity.value == "high"]
    if strong and disclaimers:
        return Judgement(
            "flag",
            f"Strong claims ({quote(strong)}) stand beside disclaimer boilerplate "
            f"({quote(disclaimers)}); fine print does not change the net impression.",
            evidence(strong, disclaimers),
        )
    qualifiers = disclaimers + facts.feature("disclosure.evidence_limits")
    claims = facts.matching((*HEALTH_CLAIMS, "testimonial"))
    if qualifiers and claims:
        return Judgement(
            "possible",
            f"Claims ({quote(claims)}) with a qualifier ({quote(qualifiers)}); the overall "
            "impression depends on how prominent and adjacent the qualifier is.",
            evidence(claims, qualifiers),
        )
    return Judgement("clear", "No disclaimer is relied on to qualify strong claims.")


@criterion("US-FTC-ENDORSEMENTS-TESTIMONIALS")
def endorsements(facts: Facts) -> Judgement:
    stories = facts.direct("testimonial")
    serious = [f for f in stories if f.severity.value == "high"]
    typical = facts.feature("disclosure.typical_results")
    connection = facts.feature("disclosure.material_connection")
    if stories and typical:
        return Judgement(
            "clear",
            f"Testimonials come with a statement of typical results ({quote(typical)})"
            + (f" and of material connections ({quote(connection)})" if connection else "")
            + ", which can change the net impression.",
            evidence(typical, connection),
        )
    if stories and connection:
        return Judgement(
            "possible",
            f"A material connection is disclosed ({quote(connection)}), but the story "
            f"({quote(stories)}) still implies typical results.",
            evidence(stories, connection),
        )
    if serious or (stories and facts.unapproved_indications):
        shown = serious or stories
        return Judgement(
            "flag",
            f"Patient stories are used as evidence ({quote(shown)}); they need the same proof as "
            "direct claims and imply typical results.",
            evidence(shown),
        )
    if stories or facts.softened("testimonial"):
        shown = stories or facts.softened("testimonial")
        return Judgement(
            "possible", f"Endorsements or ratings appear ({quote(shown)}).", evidence(shown)
        )
    return Judgement("clear", "No testimonials or endorsements.")


@criterion("US-FTC-CONSUMER-REVIEWS-RULE")
def consumer_reviews(facts: Facts) -> Judgement:
    return graded(
        facts.direct(rules=("TESTIMONIAL-REVIEW-INCENTIVE",)),
        [],
        flag="Rewards are offered for reviews ({}).",
        maybe="",
        clear="No review incentives.",
    )
