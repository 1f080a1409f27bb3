"""Integration: every finding carries a grade, and the grade moves the score."""

from __future__ import annotations

import pytest

from auditor import Auditor
from auditor.documents import Document
from auditor.report.models import Finding, FindingContext
from auditor.scoring import DEFAULT_POLICY, finding_points
from auditor.strength.grading import grade_findings, graded_in_batches

from tests_support import corpus_documents

DIRECT = "Our stem cells reverse MS."
HEDGED = "Our stem cells may help some people with MS."


def finding(auditor: Auditor, text: str, rule_id: str):
    report = auditor.audit(Document.from_text(text))
    return next(f for f in report.findings if f.rule_id == rule_id)


def test_every_finding_of_a_corpus_document_has_a_grade_and_a_probability(auditor):
    reports = list(auditor.audit_documents(corpus_documents()[:6]))
    findings = [f for report in reports for f in report.findings]
    assert findings
    for f in findings:
        assert f.claim_strength in (0, 1, 2, 3)
        assert 0.0 <= f.claim_strength_probability <= 1.0


def test_a_direct_causal_claim_scores_more_than_its_hedged_version(auditor):
    rule = "INDICATION-CLAIM-VERB-CONDITION"  # both sentences trigger it
    direct, hedged = finding(auditor, DIRECT, rule), finding(auditor, HEDGED, rule)
    assert direct.claim_strength == 3 and hedged.claim_strength < 3
    assert direct.points > hedged.points
    # the grade weighs on top of the hedge cue; the context weight itself is left as it is,
    # since the criteria read weight 1.0 as "stated directly"
    assert hedged.weight == DEFAULT_POLICY.weight(hedged.category, hedged.context) < 1.0
    assert hedged.points < DEFAULT_POLICY.severity_points[hedged.severity] * hedged.weight
    assert direct.weight == 1.0


def test_the_grade_weighs_only_on_efficacy_type_claims():
    for strength in (1, 2):  # correlational and hedged causal claims weigh less
        assert DEFAULT_POLICY.strength("efficacy_cure", strength) < 1.0
        assert DEFAULT_POLICY.strength("unproven_indication", strength) < 1.0
    for strength in (0, 1, 2, 3, None):
        assert DEFAULT_POLICY.strength("safety_absolute", strength) == 1.0
    assert DEFAULT_POLICY.strength("efficacy_cure", 3) == 1.0
    assert DEFAULT_POLICY.strength("efficacy_cure", None) == 1.0


def test_points_carry_the_strength_factor_and_weight_stays_the_context_factor():
    context = FindingContext()
    base = Finding(
        rule_id="CURE-CURE",
        category="efficacy_cure",
        severity="high",
        start=0,
        end=4,
        line=1,
        col=1,
        text="cure",
        sentence="Cells cure MS.",
        sentence_start=0,
        context=context,
        message="m",
        criteria=[],
        suggestion="s",
        weight=1.0,
        points=0.0,
    )
    graded = [base.model_copy(update={"claim_strength": s}) for s in (3, 1)]
    direct, correlational = finding_points(graded[:1]) + finding_points(graded[1:])
    assert direct.weight == correlational.weight == 1.0
    assert correlational.points == pytest.approx(direct.points * DEFAULT_POLICY.strength_factors[1])


def test_without_the_model_findings_have_no_grade():
    report = Auditor(strength=False).audit(Document.from_text(DIRECT))
    assert report.findings and all(f.claim_strength is None for f in report.findings)
    assert all(f.claim_strength_probability is None for f in report.findings)


def test_batched_grading_keeps_order_and_matches_grading_one_by_one(auditor):
    reports = list(Auditor(strength=False).audit_documents(corpus_documents()[:5]))
    items = [(report.id, report.findings) for report in reports]
    batched = list(graded_in_batches(auditor.strength, items, size=2))
    assert [key for key, _ in batched] == [key for key, _ in items]
    for (_, graded), (_, plain) in zip(batched, items, strict=True):
        assert graded == grade_findings(auditor.strength, plain)
    assert list(graded_in_batches(None, items, size=2)) == items
