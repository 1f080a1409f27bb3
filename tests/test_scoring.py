"""The score is the sum of listed contributions; context and repeats lower them as documented."""

from __future__ import annotations

from auditor.lexicon import Severity
from auditor.report.models import Finding, FindingContext
from auditor.scoring import DEFAULT_POLICY, finding_points, risk


def finding(rule_id="R-ONE", category="efficacy_cure", severity=Severity.high, **context):
    return Finding(
        rule_id=rule_id,
        category=category,
        severity=severity,
        start=0,
        end=1,
        line=1,
        col=1,
        text="x",
        sentence="x",
        sentence_start=0,
        context=FindingContext(**context),
        message="m",
        criteria=[],
        suggestion="s",
        weight=1.0,
        points=0.0,
    )


def test_direct_claim_earns_full_severity_points():
    [scored] = finding_points([finding()])
    assert scored.weight == 1.0
    assert scored.points == DEFAULT_POLICY.severity_points[Severity.high]


def test_context_factors_multiply():
    [scored] = finding_points([finding(negated=True, hedged=True)])
    factors = DEFAULT_POLICY.context_factors
    assert scored.weight == round(factors["negated"] * factors["hedged"], 4)


def test_attribution_does_not_soften_testimonials():
    [story] = finding_points([finding(category="testimonial", attributed=True)])
    [quote] = finding_points([finding(category="efficacy_cure", attributed=True)])
    assert story.weight == 1.0 and quote.weight < 1.0


def test_repeats_of_one_rule_decay():
    scored = finding_points([finding(), finding(), finding(), finding(rule_id="R-TWO")])
    points = [f.points for f in scored]
    assert points[0] > points[1] > points[2]
    assert points[3] == points[0]


def test_suppressed_finding_adds_nothing_and_does_not_count_as_a_repeat():
    scored = finding_points([finding().model_copy(update={"suppressed": True}), finding()])
    assert scored[0].points == 0
    assert scored[1].points == DEFAULT_POLICY.severity_points[Severity.high]


def test_score_is_the_capped_sum_and_tiers_follow_thresholds():
    scored = finding_points([finding(rule_id=f"R-{i}") for i in range(3)])
    result = risk(scored)
    assert result.raw_points == sum(f.points for f in scored)
    assert result.score == round(result.raw_points)
    assert result.tier == DEFAULT_POLICY.tier(result.score)
    many = risk(finding_points([finding(rule_id=f"R-{i}") for i in range(20)]))
    assert many.score == 100 and many.tier == "high" and many.raw_points > 100
    assert risk([]).tier == "low"
