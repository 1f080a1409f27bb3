"""Risk score: a pure function of findings, criteria and missing disclosures, explainable
line by line. Every point is on a listed finding (``Finding.points``), a criterion
(``CriterionResult.points``) or a missing disclosure; the score is their sum, rounded and
capped at 100.

====================  =======================================================================
finding               severity points (high 6, medium 3, low 1, info 0) times the context
                      weight: the product of negated 0.25, attributed 0.4 (not for
                      testimonials: a page that shows a patient story adopts it), in a
                      disclaimer 0.5, hedged 0.6 -- each when it applies
claim strength        efficacy-type findings (cure, unproven indication) also earn the factor
                      of the claim-strength grade of their sentence (auditor.strength): hedged
                      or conditional causal 0.7, correlational 0.6, direct causal 1.0, and 1.0
                      for "no relationship" (the rule saw a claim the model did not; denials
                      are the negation factor's job); on top of the hedged factor
repeats               the n-th finding of the same rule earns 0.5^(n-1) of its points
not promoting         a document that does not promote a treatment (a regulator's letter, a
                      news report, an explainer) earns half points on its findings
suppressed            0 (an inline ``auditor: ignore`` marker)
criterion             flag: high 2, medium 1, low 0.5; possible: half that
missing disclosure    3 each (risks, experimental status, regulatory status, evidence limits)
====================  =======================================================================

Tiers: ``high`` from 60 points, ``medium`` from 25, ``low`` below. Calibrated on the ``dev``
split of corpus/ only (a grid over the point values and thresholds; tier accuracy 0.79 on
those 14 documents, with seeds 002 and 004 above 001); the ``test`` split was not used.
The claim-strength factors were chosen on ``dev`` too, all other constants fixed, keeping seeds
002 and 004 above 001: no grid point changed a dev tier (accuracy 0.79); hedged 0.7 and
correlational 0.6 raise the rank correlation of score with gold tier from 0.64 to 0.65.
Discounting "no relationship" grades as well (0.3-0.5) reached 0.67-0.69 on dev but dropped
seed 004, a clinic page written in a register unlike our corpus, to medium.
``auditor evaluate corpus/ --split test`` prints the held-out figure.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from auditor.lexicon.schema import Severity
from auditor.report.models import CriterionResult, Finding, FindingContext, Risk, Tier


def _by_severity(high: float, medium: float, low: float) -> dict[Severity, float]:
    """Points per severity; ``info`` never scores."""
    return {Severity.high: high, Severity.medium: medium, Severity.low: low, Severity.info: 0.0}


@dataclass(frozen=True)
class ScoringPolicy:
    """All scoring constants in one place (see the module docstring for their calibration)."""

    severity_points: dict[Severity, float] = field(default_factory=lambda: _by_severity(6, 3, 1))
    context_factors: dict[str, float] = field(
        default_factory=lambda: {
            "negated": 0.25,
            "attributed": 0.4,
            "in_disclaimer": 0.5,
            "hedged": 0.6,
        }
    )
    attribution_exempt: frozenset[str] = frozenset({"testimonial"})
    strength_factors: dict[int, float] = field(
        default_factory=lambda: {0: 1.0, 1: 0.6, 2: 0.7, 3: 1.0}
    )
    strength_categories: frozenset[str] = frozenset({"efficacy_cure", "unproven_indication"})
    repeat_decay: float = 0.5
    criterion_points: dict[Severity, float] = field(default_factory=lambda: _by_severity(2, 1, 0.5))
    possible_factor: float = 0.5
    missing_disclosure_points: float = 3.0
    not_promoting_factor: float = 0.5
    high_from: float = 60.0
    medium_from: float = 25.0

    def weight(self, category: str, context: FindingContext) -> float:
        """Context factor for one finding; 1.0 for a plain, direct claim."""
        weight = 1.0
        for flag, factor in self.context_factors.items():
            if not getattr(context, flag):
                continue
            if flag == "attributed" and category in self.attribution_exempt:
                continue
            weight *= factor
        return round(weight, 4)

    def strength(self, category: str, strength: int | None) -> float:
        """Claim-strength factor: the grade (0-3) of the finding's sentence weighs on
        ``strength_categories`` only; 1.0 when ungraded. Kept out of ``weight``, which the
        criteria read as "stated directly" (1.0) or softened by context."""
        if strength is None or category not in self.strength_categories:
            return 1.0
        return self.strength_factors[strength]

    def criterion(self, result: CriterionResult) -> float:
        """Points for one criterion: severity points if flagged, half if possible."""
        if result.status == "flag":
            return self.criterion_points[result.severity]
        if result.status == "possible":
            return self.criterion_points[result.severity] * self.possible_factor
        return 0.0

    def tier(self, score: float) -> Tier:
        if score >= self.high_from:
            return "high"
        if score >= self.medium_from:
            return "medium"
        return "low"


DEFAULT_POLICY = ScoringPolicy()


def finding_points(
    findings: Iterable[Finding], policy: ScoringPolicy = DEFAULT_POLICY, promotes: bool = True
) -> list[Finding]:
    """Return the findings (in order) with ``weight`` and ``points`` filled in.

    ``weight`` is the context factor; ``points`` also carries the claim-strength factor, the
    repeat decay and, for a document that does not promote a treatment, ``not_promoting_factor``.
    """
    seen: dict[str, int] = defaultdict(int)
    scored = []
    for finding in findings:
        weight = policy.weight(finding.category, finding.context)
        points = 0.0
        if not finding.suppressed:
            repeat = seen[finding.rule_id]
            seen[finding.rule_id] += 1
            points = policy.severity_points[finding.severity] * weight
            points *= policy.strength(finding.category, finding.claim_strength)
            points *= policy.repeat_decay**repeat
            if not promotes:
                points *= policy.not_promoting_factor
        scored.append(finding.model_copy(update={"weight": weight, "points": round(points, 3)}))
    return scored


def criteria_points(
    criteria: Iterable[CriterionResult], policy: ScoringPolicy = DEFAULT_POLICY
) -> list[CriterionResult]:
    """Return the criteria with ``points`` filled in (copied only where they change)."""
    return [
        c.model_copy(update={"points": points})
        if (points := policy.criterion(c)) != c.points
        else c
        for c in criteria
    ]


def risk(
    findings: Iterable[Finding],
    criteria: Iterable[CriterionResult] = (),
    missing_disclosures: Iterable[str] = (),
    policy: ScoringPolicy = DEFAULT_POLICY,
) -> Risk:
    """Sum the points on findings, criteria and missing disclosures into a score and a tier."""
    by_category: dict[str, float] = defaultdict(float)
    for finding in findings:
        by_category[finding.category] += finding.points
    for criterion in criteria:
        by_category["criteria"] += criterion.points
    for _ in missing_disclosures:
        by_category["missing_disclosures"] += policy.missing_disclosure_points
    raw = sum(by_category.values())
    score = min(100, round(raw))
    return Risk(
        score=score,
        tier=policy.tier(score),
        by_category={k: round(v, 3) for k, v in sorted(by_category.items()) if v},
        raw_points=round(raw, 3),
    )
