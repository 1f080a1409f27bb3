"""US FTC criteria: substantiation, net impression, endorsements, reviews (brief, section 2)."""

from __future__ import annotations

from auditor.criteria.facts import Facts, Judgement, criterion, evidence, quote

HEALTH_CLAIMS = (
    "efficacy_cure",
    "unproven_indication",
    "evidence_misrepresentation",
    "comparative_superiority",
    "safety_absolute",
)


@criterion("US-FTC-SUBSTANTIATION")
def substantiation(facts: Facts) -> Judgement:
    direct = facts.direct(*HEALTH_CLAIMS)
    if direct:
        return Judgement(
            "flag",
            f"Health claims are stated directly ({quote(direct)}); they need competent and "
            "reliable scientific evidence, generally randomised controlled human trials.",
            evidence(direct),
        )
    softened = facts.softened(*HEALTH_CLAIMS)
    if softened:
        return Judgement(
            "possible",
            f"Health claims appear in qualified form ({quote(softened)}); qualifiers such as "
            "'promising' can still leave a net impression of proven benefit.",
            evidence(softened),
        )
    return Judgement("clear", "No health claims that need substantiation.")


@criterion("US-FTC-NET-IMPRESSION-DISCLAIMERS")
def net_impression(facts: Facts) -> Judgement:
    strong = [
        f
        for f in facts.direct(*HEALTH_CLAIMS, "hype_superlative")
        if f.severity.value in ("high", "medium")
    ]
    disclaimers = facts.profile.disclaimers + [f for f in facts.findings if f.context.in_disclaimer]
    if strong and disclaimers:
        return Judgement(
            "flag",
            f"Strong claims ({quote(strong)}) stand beside disclaimer boilerplate "
            f"({quote(disclaimers)}); fine print does not change the net impression.",
            evidence(strong, disclaimers),
        )
    if disclaimers and facts.softened(*HEALTH_CLAIMS):
        return Judgement(
            "possible",
            f"Qualified claims and a disclaimer ({quote(disclaimers)}); the overall impression "
            "depends on how prominent each is.",
            evidence(disclaimers),
        )
    return Judgement("clear", "No disclaimer is relied on to qualify strong claims.")


@criterion("US-FTC-ENDORSEMENTS-TESTIMONIALS")
def endorsements(facts: Facts) -> Judgement:
    stories = facts.direct("testimonial")
    serious = [f for f in stories if f.severity.value == "high"]
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
    incentives = facts.direct(rules=("TESTIMONIAL-REVIEW-INCENTIVE",))
    if incentives:
        return Judgement(
            "flag", f"Rewards are offered for reviews ({quote(incentives)}).", evidence(incentives)
        )
    return Judgement("clear", "No review incentives.")
