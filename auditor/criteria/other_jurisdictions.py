"""Advertising and product rules outside the US: EU, UK, Australia, Canada, Japan (brief, §4).

Each applies only to a document audited for that jurisdiction (``--jurisdiction``); the
runner does not call them otherwise.
"""

from __future__ import annotations

from auditor.criteria.facts import Facts, Judgement, criterion, evidence, quote

TREATMENT_CLAIMS = ("efficacy_cure", "unproven_indication")


@criterion("EU-DIR-2001-83-ADVERTISING")
def eu_advertising(facts: Facts) -> Judgement:
    banned = facts.direct(
        "safety_absolute", "comparative_superiority", "testimonial"
    ) + facts.direct(rules=("CURE-GUARANTEE",))
    if banned:
        return Judgement(
            "flag",
            f"Public advertising of a medicine with guaranteed effects, no side effects, "
            f"superiority or endorsements ({quote(banned)}).",
            evidence(banned),
        )
    claims = facts.direct(*TREATMENT_CLAIMS)
    if claims:
        return Judgement(
            "possible",
            f"Treatment claims to the public ({quote(claims)}) for a product that is "
            "unauthorised or prescription-only.",
            evidence(claims),
        )
    return Judgement("clear", "No advertising claims of the kinds Articles 87-90 prohibit.")


@criterion("EU-ATMP-REG-1394-2007")
def eu_atmp(facts: Facts) -> Judgement:
    exemption = facts.feature("regulatory_claim.hospital_exemption")
    cultured = facts.feature("processing.culture_expanded", "processing.enzymatic")
    selling = facts.direct("inducement_price_cta")
    eu_claim = facts.direct(rules=("REG-EU-APPROVED",))
    if eu_claim or (exemption and (selling or cultured)) or (cultured and selling):
        shown = eu_claim + exemption + cultured + selling
        return Judgement(
            "flag",
            f"Substantially manipulated cells are sold to the public ({quote(shown)}); ATMPs "
            "need EU authorisation and the hospital exemption does not allow advertising at scale.",
            evidence(eu_claim, exemption, cultured, selling),
        )
    if cultured or exemption:
        return Judgement(
            "possible",
            f"ATMP signals ({quote(cultured + exemption)}).",
            evidence(cultured, exemption),
        )
    return Judgement("clear", "No substantially manipulated cells or exemption claims.")


@criterion("UK-CAP-CODE-12-MHRA")
def uk_cap(facts: Facts) -> Judgement:
    discourage = facts.direct(rules=("COMPARE-STOP-MEDICATION",))
    claims = facts.direct(*TREATMENT_CLAIMS)
    if discourage or claims:
        return Judgement(
            "flag",
            "Medicinal claims for an unlicensed treatment"
            + (f" that discourage essential treatment ({quote(discourage)})" if discourage else "")
            + (f": {quote(claims)}" if claims else "")
            + ".",
            evidence(discourage, claims),
        )
    softened = facts.softened(*TREATMENT_CLAIMS)
    if softened:
        return Judgement(
            "possible", f"Qualified medicinal claims ({quote(softened)}).", evidence(softened)
        )
    return Judgement("clear", "No medicinal claims.")


@criterion("AU-TGA-AUTOLOGOUS-HCT-2018")
def au_autologous(facts: Facts) -> Judgement:
    products = facts.feature("source.adipose", "source.bone_marrow", "origin.autologous") or (
        facts.profile.cell_products
    )
    if products:
        return Judgement(
            "flag",
            f"Cell products are advertised to consumers ({quote(products)}); since July 2018 "
            "such products may not be advertised to the public in Australia.",
            evidence(products),
        )
    return Judgement("clear", "No cell product is advertised.")


@criterion("AU-TGA-ADVERTISING-CODE-2021")
def au_advertising(facts: Facts) -> Judgement:
    problems = facts.direct("testimonial") + facts.direct(rules=("HYPE-MIRACLE",))
    if problems:
        return Judgement(
            "flag",
            f"Unverified testimonials, professional endorsements or 'miracle' claims "
            f"({quote(problems)}).",
            evidence(problems),
        )
    claims = facts.direct(*TREATMENT_CLAIMS, "safety_absolute")
    if claims:
        return Judgement(
            "possible", f"Claims that may be unbalanced ({quote(claims)}).", evidence(claims)
        )
    return Judgement("clear", "No testimonials, endorsements or unbalanced claims.")


@criterion("CA-HC-CELL-THERAPY-AS-DRUG")
def canada(facts: Facts) -> Judgement:
    claims = facts.direct(*TREATMENT_CLAIMS)
    if claims:
        return Judgement(
            "flag",
            f"Cell therapy is advertised as treatment ({quote(claims)}); Health Canada treats "
            "it as a drug needing trial or market authorisation.",
            evidence(claims),
        )
    softened = facts.softened(*TREATMENT_CLAIMS)
    if softened:
        return Judgement(
            "possible", f"Qualified treatment claims ({quote(softened)}).", evidence(softened)
        )
    return Judgement("clear", "No treatment claims for cell therapy.")


@criterion("JP-ASRM-2014")
def japan(facts: Facts) -> Judgement:
    approval = facts.direct(rules=("REG-GOVERNMENT-APPROVED",))
    if approval:
        return Judgement(
            "flag",
            f"Government approval is claimed ({quote(approval)}); filing a treatment plan is a "
            "safety step, not approval or proof of effect.",
            evidence(approval),
        )
    claims = facts.direct(*TREATMENT_CLAIMS)
    if claims:
        return Judgement("possible", f"Treatment claims ({quote(claims)}).", evidence(claims))
    return Judgement("clear", "No approval or treatment claims.")
