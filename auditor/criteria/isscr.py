"""ISSCR professional standards (not law): red flags for patients and Rec. 3.1.1."""

from __future__ import annotations

from auditor.criteria.facts import Facts, Judgement, criterion, evidence, quote

CONCRETE_RISKS = 2
"""Distinct named harms (infection, tumour, vision loss, ...) that make a risk list concrete."""
GENERIC_RISKS = frozenset(
    {
        "risk",
        "risks",
        "potential risks",
        "side effect",
        "side effects",
        "complication",
        "complications",
        "adverse event",
        "adverse events",
        "adverse effects",
        "safety",
    }
)


@criterion("INTL-ISSCR-PATIENT-RED-FLAGS")
def red_flags(facts: Facts) -> Judgement:
    groups = {i.group for i in facts.unapproved_indications}
    undocumented = (
        facts.profile.cell_products[:1]
        if facts.cell_product and not (facts.group("source") and facts.group("route"))
        else []
    )
    flags = {
        "testimonials as evidence": facts.direct("testimonial"),
        "no risk or no side effects": facts.direct("safety_absolute"),
        "costs, quotes or travel packages up front": facts.direct("inducement_price_cta"),
        "no cell source or route documented": undocumented,
        "one treatment for many diseases": (
            [m for i in facts.unapproved_indications for m in i.mentions]
            if len(facts.unapproved_indications) >= 3 and len(groups) >= 2
            else []
        ),
        "miracle or breakthrough language": facts.direct("hype_superlative"),
        "unproven uses presented as proven": facts.direct("evidence_misrepresentation"),
    }
    found = {name: items for name, items in flags.items() if items}
    # The brief's counter-signal is a concrete list of risks, not a passing "risks".
    risks = [m for m in facts.feature("disclosure.risks") if m.text.lower() not in GENERIC_RISKS]
    risks = risks if len({m.text.lower() for m in risks}) >= CONCRETE_RISKS else []
    names = "; ".join(found)
    spans = evidence(*found.values())
    if len(found) >= 3 and not (risks and len(found) == 3):
        return Judgement("flag", f"{len(found)} ISSCR red flags: {names}.", spans)
    if len(found) >= 2:
        return Judgement(
            "possible",
            f"{len(found)} ISSCR red flags ({names})"
            + (f"; the page also lists risks ({quote(risks)})" if risks else "")
            + ".",
            spans,
        )
    return Judgement(
        "clear", f"{len(found)} ISSCR red flag(s)" + (f": {names}." if names else "."), spans
    )


@criterion("INTL-ISSCR-2021-REC-3.1.1")
def proven_before_sale(facts: Facts) -> Judgement:
    established = facts.direct(
        rules=("EVIDENCE-ESTABLISHED", "EVIDENCE-PROVEN", "EVIDENCE-CLINICALLY-PROVEN")
    )
    if established and facts.unapproved_indications:
        return Judgement(
            "flag",
            f"Unproven uses are presented as proven or established ({quote(established)}).",
            evidence(established),
        )
    claims = facts.direct("evidence_misrepresentation")
    if claims:
        return Judgement("possible", f"Evidence is overstated ({quote(claims)}).", evidence(claims))
    return Judgement("clear", "No unproven use is presented as established care.")
