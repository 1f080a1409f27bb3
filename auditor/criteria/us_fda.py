"""US FDA criteria for human cells, tissues and cellular and tissue-based products (21 CFR 1271)
and for investigational and unapproved biologics. Signals and counter-signals follow the
research brief (shared/research/regulatory-criteria.md, section 1)."""

from __future__ import annotations

from functools import wraps

from auditor.criteria.facts import Criterion, Facts, Judgement, criterion, evidence, quote

MANIPULATION = (
    "processing.culture_expanded",
    "processing.enzymatic",
    "processing.isolated",
    "processing.decellularized",
)
HIGH_RISK_ROUTES = (
    "route.intravenous",
    "route.intrathecal",
    "route.intranasal",
    "route.intravitreal",
)
SYSTEMIC_GROUPS = frozenset(
    {"systemic", "autoimmune", "neurological", "metabolic", "cardiopulmonary"}
)
BLOOD_SOURCES = frozenset({"cord_blood", "bone_marrow", "peripheral_blood"})
NO_CELLS = "No cell or tissue product is named, so the HCT/P criteria do not apply."


def cells_only(judge: Criterion) -> Criterion:
    """Criteria about cell and tissue products do not apply to a text that names none."""

    @wraps(judge)
    def guarded(facts: Facts) -> Judgement:
        if not facts.cell_product:
            return Judgement("not_applicable", NO_CELLS)
        return judge(facts)

    return guarded


def ind_counter(judge: Criterion) -> Criterion:
    """An IND number with no charge is the brief's counter-signal for the 361-tier criteria:
    the product is being handled as an investigational biologic."""

    @wraps(judge)
    def guarded(facts: Facts) -> Judgement:
        ind = facts.feature("evidence_marker.ind_number")
        if ind and not facts.direct("inducement_price_cta"):
            return Judgement(
                "clear",
                f"The product is used under an IND ({quote(ind)}) without charge, the pathway "
                "for products outside the 361 tier.",
                evidence(ind),
            )
        return judge(facts)

    return guarded


def _svf(facts: Facts) -> list:
    return [
        m
        for m in facts.feature("source.adipose")
        if "svf" in m.text.lower() or "stromal" in m.text.lower()
    ]


@criterion("US-FDA-HCTP-SCOPE")
def hctp_scope(facts: Facts) -> Judgement:
    cell_free = facts.feature("source.exosome", "processing.decellularized")
    if not cell_free:
        return Judgement("not_applicable", "No cell-free product (exosomes, secretome) is named.")
    exempt = facts.direct(rules=("REG-FDA-EXEMPT", "REG-NOT-A-DRUG"))
    if exempt:
        return Judgement(
            "flag",
            f"A cell-free product ({quote(cell_free)}) is presented as outside FDA oversight "
            f"({quote(exempt)}); FDA regards exosome products that treat disease as drugs and "
            "biologics, and none is approved.",
            evidence(cell_free, exempt),
        )
    claims = facts.direct("unproven_indication", "efficacy_cure")
    if claims:
        return Judgement(
            "possible",
            f"A cell-free product ({quote(cell_free)}) is offered with treatment claims "
            f"({quote(claims)}); such products are regulated as drugs and biologics.",
            evidence(cell_free, claims),
        )
    return Judgement(
        "clear",
        "A cell-free product is named without treatment or exemption claims.",
        evidence(cell_free),
    )


@criterion("US-FDA-HCTP-MINIMAL-MANIPULATION")
@cells_only
@ind_counter
def minimal_manipulation(facts: Facts) -> Judgement:
    processed = facts.feature(*MANIPULATION) + _svf(facts)
    if processed:
        return Judgement(
            "flag",
            f"The text describes processing beyond minimal manipulation ({quote(processed)}): "
            "culture expansion, enzymatic digestion or isolation of cells (such as SVF) changes "
            "their original characteristics.",
            evidence(processed),
        )
    hints = facts.feature("processing.cell_count", "processing.activated")
    if hints:
        return Judgement(
            "possible",
            f"Cell counts or activation ({quote(hints)}) suggest processing the text does not "
            "describe; minimal manipulation cannot be confirmed.",
            evidence(hints),
        )
    concentrated = facts.feature("processing.concentrated")
    return Judgement(
        "clear",
        "No processing beyond rinsing, centrifuging or concentrating is described."
        if concentrated
        else "No processing of the cells is described.",
        evidence(concentrated),
    )


@criterion("US-FDA-HCTP-HOMOLOGOUS-USE")
@cells_only
@ind_counter
def homologous_use(facts: Facts) -> Judgement:
    sources = facts.names("source")
    unapproved = facts.unapproved_indications
    if not unapproved:
        approved = [i for i in facts.profile.indications if i.approved_for_named_source]
        return Judgement(
            "clear",
            "The only conditions named are approved uses of the named source "
            f"({', '.join(i.label for i in approved)})."
            if approved
            else "No condition outside the tissue's own function is named.",
            evidence(m for i in approved for m in i.mentions),
        )
    mentions = [m for i in unapproved for m in i.mentions]
    labels = ", ".join(sorted({i.label for i in unapproved}))
    groups = {i.group for i in unapproved}
    # Centrifugal "isolate and concentrate" is concentration; culture, enzymes or SVF are not.
    changed = facts.feature(
        "processing.culture_expanded", "processing.enzymatic", "processing.decellularized"
    ) + _svf(facts)
    same_procedure = (
        facts.feature("origin.autologous", "regulatory_claim.same_day")
        and sources <= BLOOD_SOURCES | {"adipose", "mesenchymal"}
        and not changed
        and facts.feature("processing.concentrated")
        and groups <= {"orthopedic"}
    )
    if same_procedure:
        return Judgement(
            "possible",
            f"The patient's own cells, only concentrated, are offered for {labels}. If they are "
            "returned in the same procedure, 21 CFR 1271.15(b) may take them outside Part 1271; "
            "otherwise using marrow or fat cells for joints is not their basic function in the "
            "donor (non-homologous).",
            evidence(mentions, facts.feature("processing.concentrated")),
        )
    source_text = ", ".join(sorted(sources)) or "cells"
    menu = f" across {len(groups)} groups of disease" if len(groups) >= 3 else ""
    return Judgement(
        "flag",
        f"{source_text.capitalize()} are offered for {labels}{menu}: a use other than the "
        "tissue's basic function in the donor, which FDA reads from advertising.",
        evidence(mentions),
    )


@criterion("US-FDA-HCTP-COMBINATION")
@cells_only
@ind_counter
def combination(facts: Facts) -> Judgement:
    articles = [
        m
        for hit in facts.group("combination")
        if hit.id != "combination.mixed_with"
        for m in hit.mentions
    ]
    mixing = facts.feature("combination.mixed_with")
    if articles and mixing:
        return Judgement(
            "flag",
            f"Cells are combined ({quote(mixing)}) with another article ({quote(articles)}); a 361 "
            "HCT/P may be combined only with water, crystalloids or storage agents.",
            evidence(articles, mixing),
        )
    if articles:
        return Judgement(
            "clear",
            f"Other articles ({quote(articles)}) are named, but nothing says they are mixed with "
            "the cells; offered separately they are not a combination.",
            evidence(articles),
        )
    return Judgement("clear", "No other article is combined with the cells.")


@criterion("US-FDA-HCTP-SYSTEMIC-EFFECT")
@cells_only
@ind_counter
def systemic_effect(facts: Facts) -> Judgement:
    route = facts.feature("route.intravenous")
    systemic = [
        m for i in facts.unapproved_indications if i.group in SYSTEMIC_GROUPS for m in i.mentions
    ]
    donor = facts.feature("origin.allogeneic")
    if donor and (route or systemic):
        return Judgement(
            "flag",
            f"Donor cells ({quote(donor)}) are offered for whole-body effects "
            f"({quote(route + systemic)}); systemic use keeps a product in the 361 tier only when "
            "it is autologous or from a close blood relative.",
            evidence(donor, route, systemic),
        )
    if (route or systemic) and not facts.feature("origin.autologous"):
        return Judgement(
            "possible",
            f"Systemic use ({quote(route + systemic)}) of cells whose origin the text does not "
            "state.",
            evidence(route, systemic),
        )
    return Judgement("clear", "No systemic use of unrelated-donor cells is described.")


@criterion("US-FDA-HCTP-SAME-SURGICAL-PROCEDURE")
@cells_only
def same_surgical_procedure(facts: Facts) -> Judgement:
    exemption = facts.direct(rules=("REG-SAME-DAY-EXEMPTION", "REG-FDA-EXEMPT"))
    own_cells = facts.feature("origin.autologous", "regulatory_claim.same_day")
    processed = facts.feature(*MANIPULATION, "processing.banked_stored") + _svf(facts)
    if exemption and own_cells and processed:
        return Judgement(
            "flag",
            f"The text relies on a same-day or own-cells exemption ({quote(exemption)}) while "
            f"describing processing or storage ({quote(processed)}); the exception covers only "
            "tissue returned unchanged in the same operation.",
            evidence(exemption, own_cells, processed),
        )
    if exemption and own_cells:
        return Judgement(
            "possible",
            f"An own-cells or same-day exemption is claimed ({quote(exemption)}); whether it "
            "holds depends on processing the text does not describe beyond rinsing or "
            "centrifuging.",
            evidence(exemption, own_cells),
        )
    return Judgement(
        "clear", "No same-surgical-procedure exemption is claimed for changed or stored tissue."
    )


@criterion("US-FDA-351-PREMARKET-REQUIRED")
@cells_only
def premarket_required(facts: Facts) -> Judgement:
    claims = facts.direct("efficacy_cure", "unproven_indication")
    commerce = facts.direct("inducement_price_cta")
    ind = facts.feature("evidence_marker.ind_number")
    disclosed = facts.matching((), rules=("REG-NOT-APPROVED", "REG-CA-STEM-CELL-NOTICE"))
    if ind and not commerce:
        return Judgement(
            "clear", f"Offered under an IND ({quote(ind)}) without charge.", evidence(ind)
        )
    if claims and commerce and not disclosed:
        return Judgement(
            "flag",
            f"Treatment claims ({quote(claims)}) are made for sale ({quote(commerce)}) with no "
            "licence or IND; a product outside 1271.10(a) needs a BLA to be marketed.",
            evidence(claims, commerce),
        )
    if claims and (commerce or disclosed):
        return Judgement(
            "possible",
            f"Treatment claims ({quote(claims)}) "
            + (
                f"with a statement that the product is not approved ({quote(disclosed)})"
                if disclosed
                else "without a price or booking"
            )
            + "; marketing an unlicensed biologic still needs a licence or an IND.",
            evidence(claims, commerce, disclosed),
        )
    return Judgement("clear", "No treatment claims are made for a product offered for sale.")


@criterion("US-FDA-INVESTIGATIONAL-PROMOTION")
def investigational_promotion(facts: Facts) -> Judgement:
    markers = facts.feature(
        "evidence_marker.nct_number",
        "evidence_marker.irb",
        "evidence_marker.clinical_trial_registration",
    )
    fee = facts.direct(rules=("PRICE-PAY-TO-PARTICIPATE",))
    if not markers and not fee:
        return Judgement("not_applicable", "No study, trial registration or IRB is mentioned.")
    prices = facts.direct("inducement_price_cta")
    ind = facts.feature("evidence_marker.ind_number", "evidence_marker.ind_reference")
    irb = facts.feature("evidence_marker.irb")
    if fee or (markers and prices):
        return Judgement(
            "flag",
            f"Research markers ({quote(markers)}) are used beside payment ({quote(fee + prices)}): "
            "an investigational product may not be commercialised or promoted as safe and "
            "effective.",
            evidence(markers, fee, prices),
        )
    claims = facts.direct("efficacy_cure", "safety_absolute")
    if claims:
        return Judgement(
            "possible",
            f"A study ({quote(markers)}) is described with claims of effect or safety "
            f"({quote(claims)}).",
            evidence(markers, claims),
        )
    if irb and not ind:
        return Judgement(
            "possible",
            f"A study cites IRB approval ({quote(irb)}) but no IND; IRB review supplements an "
            "IND, it never replaces one.",
            evidence(irb),
        )
    return Judgement(
        "clear",
        f"A study is mentioned ({quote(markers)}) without fees or claims.",
        evidence(markers),
    )


@criterion("US-FDA-FALSE-REGULATORY-STATUS")
def false_regulatory_status(facts: Facts) -> Judgement:
    stated = facts.outside_approved_uses(facts.direct("regulatory_status"))
    status_claims = [f for f in stated if f.severity.value == "high"]
    implied = [f for f in stated if f.severity.value in ("medium", "low")]
    if status_claims:
        return Judgement(
            "flag",
            f"The text states or implies FDA approval or exemption ({quote(status_claims)}); "
            "registration, a cleared kit or accreditation is not approval of the cells or their "
            "use.",
            evidence(status_claims),
        )
    softened = [f for f in facts.softened("regulatory_status") if f.severity.value != "info"]
    if implied or softened:
        return Judgement(
            "possible",
            f"Registration, compliance or qualified status language ({quote(implied + softened)})"
            " may suggest an FDA endorsement that does not exist.",
            evidence(implied, softened),
        )
    if not facts.cell_product:
        return Judgement("not_applicable", NO_CELLS)
    disclosures = facts.matching((), rules=("REG-NOT-APPROVED", "REG-CA-STEM-CELL-NOTICE"))
    return Judgement(
        "clear",
        f"The regulatory status is disclosed ({quote(disclosures)})."
        if disclosures
        else "No claim of approval, registration or exemption is made.",
        evidence(disclosures),
    )


@criterion("US-FDA-UNAPPROVED-INDICATION")
@cells_only
def unapproved_indication(facts: Facts) -> Judgement:
    direct = facts.outside_approved_uses(facts.direct("unproven_indication"))
    labels = ", ".join(sorted({i.label for i in facts.unapproved_indications}))
    named = f" ({labels})" if labels else ""
    if direct:
        return Judgement(
            "flag",
            f"A cell product is offered for conditions with no approved cell therapy{named}: "
            f"{quote(direct)}.",
            evidence(direct),
        )
    softened = facts.softened("unproven_indication")
    if softened or facts.unapproved_indications:
        mentions = [m for i in facts.unapproved_indications for m in i.mentions]
        return Judgement(
            "possible",
            f"Conditions with no approved cell therapy{named} are named beside a cell product"
            + (f", in qualified claims ({quote(softened)})" if softened else "")
            + ".",
            evidence(softened, mentions),
        )
    return Judgement("clear", "No condition without an approved cell therapy is named.")


@criterion("US-FDA-HIGH-RISK-ROUTE")
@cells_only
def high_risk_route(facts: Facts) -> Judgement:
    routes = facts.feature(*HIGH_RISK_ROUTES)
    if routes:
        return Judgement(
            "flag",
            f"Cells are given by a high-risk route ({quote(routes)}); intravenous, inhaled, "
            "intraocular and spinal routes have caused serious harm.",
            evidence(routes),
        )
    return Judgement("clear", "Only local routes (or none) are described.")


@criterion("US-FDA-MISBRANDING-ADULTERATION")
def misbranding(facts: Facts) -> Judgement:
    supply = facts.direct(rules=("PRICE-SUPPLY-CHANNEL",))
    if supply:
        return Judgement(
            "flag",
            f"Product supply language ({quote(supply)}) indicates distribution of an unlicensed "
            "product.",
            evidence(supply),
        )
    return Judgement("clear", "No supply-chain or wholesale language is used.")
