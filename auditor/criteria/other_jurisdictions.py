"""Advertising and product rules outside the US: EU, UK, Australia, Canada, Japan (brief, §4).

Each applies only to a document audited for that jurisdiction (``--jurisdiction``); the
runner does not call them otherwise.
"""

from __future__ import annotations

from auditor.criteria.facts import Facts, Judgement, criterion, evidence, graded, quote

TREATMENT_CLAIMS = ("efficacy_cure", "unproven_indication")


@criterion("EU-DIR-2001-83-ADVERTISING")
def eu_advertising(facts: Facts) -> Judgement:
    return graded(
        facts.direct("safety_absolute", "testimonial")
        + [f for f in facts.direct("comparative_superiority") if f.severity.value == "high"]
        + facts.direct(rules=("CURE-GUARANTEE",)),
        facts.direct(*TREATMENT_CLAIMS, "comparative_superiority"),
        flag="Public advertising of a medicine with guaranteed effects, no side effects, "
        "superiority or endorsements ({}).",
        maybe="Treatment claims to the public ({}) for a product that is unauthorised or "
        "prescription-only.",
        clear="No advertising claims of the kinds Articles 87-90 prohibit.",
    )


@criterion("EU-ATMP-REG-1394-2007")
def eu_atmp(facts: Facts) -> Judgement:
    exemption = facts.feature("regulatory_claim.hospital_exemption")
    cultured = facts.feature("processing.culture_expanded", "processing.enzymatic")
    selling = facts.direct("inducement_price_cta")
    eu_claim = facts.direct(rules=("REG-EU-APPROVED",))
    authorised = facts.feature("evidence_marker.eu_authorisation")
    if authorised:
        return Judgement(
            "clear",
            f"An EU marketing authorisation is cited ({quote(authorised)}).",
            evidence(authorised),
        )
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
    return graded(
        facts.direct(rules=("COMPARE-STOP-MEDICATION",)) + facts.direct(*TREATMENT_CLAIMS),
        facts.softened(*TREATMENT_CLAIMS),
        flag="Medicinal claims for an unlicensed treatment, or advice to drop essential "
        "treatment ({}).",
        maybe="Qualified medicinal claims ({}).",
        clear="No medicinal claims.",
    )


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
    return graded(
        facts.direct("testimonial") + facts.direct(rules=("HYPE-MIRACLE",)),
        facts.direct(*TREATMENT_CLAIMS, "safety_absolute"),
        flag="Unverified testimonials, professional endorsements or 'miracle' claims ({}).",
        maybe="Claims that may be unbalanced ({}).",
        clear="No testimonials, endorsements or unbalanced claims.",
    )


@criterion("CA-HC-CELL-THERAPY-AS-DRUG")
def canada(facts: Facts) -> Judgement:
    return graded(
        facts.direct(*TREATMENT_CLAIMS),
        facts.softened(*TREATMENT_CLAIMS),
        flag="Cell therapy is advertised as treatment ({}); Health Canada treats it as a drug "
        "needing trial or market authorisation.",
        maybe="Qualified treatment claims ({}).",
        clear="No treatment claims for cell therapy.",
    )


@criterion("JP-ASRM-2014")
def japan(facts: Facts) -> Judgement:
    return graded(
        facts.direct(rules=("REG-GOVERNMENT-APPROVED",)),
        facts.direct(*TREATMENT_CLAIMS),
        flag="Government approval is claimed ({}); filing a treatment plan is a safety step, "
        "not approval or proof of effect.",
        maybe="Treatment claims ({}).",
        clear="No approval or treatment claims.",
    )
