"""The five seed articles (read from shared/seeds, never copied): what the issue requires."""

from __future__ import annotations

import pytest

from auditor import Document


@pytest.fixture(scope="module")
def reports(auditor, seeds):
    return {key: auditor.audit(Document.from_text(text, id=key)) for key, text in seeds.items()}


def hits(report, category):
    return [f for f in report.findings if f.category == category]


def texts(report, category):
    return [f.text.lower() for f in hits(report, category)]


def test_004_virtually_eliminated_is_a_high_safety_finding(reports):
    findings = [
        f for f in hits(reports["004"], "safety_absolute") if "virtually eliminated" in f.text
    ]
    assert findings and findings[0].severity.value == "high"


def test_004_comparable_to_high_dose_steroids(reports):
    assert any("high-dose steroids" in t for t in texts(reports["004"], "comparative_superiority"))


def test_002_hype_cure_and_free_quote(reports):
    report = reports["002"]
    hype = texts(report, "hype_superlative")
    assert any("revolutionizing" in t for t in hype)
    assert any("game-changer" in t for t in hype)
    assert any("reverse stroke-induced" in t for t in texts(report, "efficacy_cure"))
    assert any("free quote" in t for t in texts(report, "inducement_price_cta"))
    title = next(f for f in hits(report, "hype_superlative") if f.text == "Revolutionizing")
    assert title.line == 3


def test_003_hedged_sentences_are_marked_hedged(reports):
    # "These studies have demonstrated ..." is qualified by the next sentence ("However, the
    # research is still in its infancy"); "it is hoped that ..." hedges its own sentence.
    for marker in ("These studies have demonstrated", "it is hoped that"):
        findings = [f for f in reports["003"].findings if marker in f.sentence]
        assert findings, f"expected a finding in the sentence with {marker!r}"
        assert all(f.context.hedged for f in findings), [(f.rule_id, f.text) for f in findings]


def test_001_fda_paragraph_is_not_a_claim_of_approval(reports, seeds):
    paragraph_start = seeds["001"].index("The regulatory landscape is complex")
    regulatory = [
        f
        for f in hits(reports["001"], "regulatory_status")
        if f.start >= paragraph_start and f.severity.value != "info"
    ]
    assert regulatory == []


def test_tiers_rank_the_promotional_pages_above_the_explainer(reports):
    rank = {"low": 0, "medium": 1, "high": 2}
    explainer = reports["001"].risk
    for key in ("002", "004"):
        page = reports[key].risk
        assert (rank[page.tier], page.score) > (rank[explainer.tier], explainer.score)
        assert rank[page.tier] > rank[explainer.tier], f"{key} tier should be above 001's"


def status(report, criterion_id):
    return next(c for c in report.criteria if c.id == criterion_id)


def test_004_marrow_concentrate_in_joints_is_possibly_non_homologous(reports):
    homologous = status(reports["004"], "US-FDA-HCTP-HOMOLOGOUS-USE")
    assert homologous.status == "possible"
    assert "1271.15(b)" in homologous.explanation and homologous.evidence


def test_001_neutral_framework_description_is_no_false_status_claim(reports):
    assert status(reports["001"], "US-FDA-FALSE-REGULATORY-STATUS").status != "flag"


def test_000_and_002_trigger_isscr_red_flags(reports):
    for key in ("000", "002"):
        red_flags = status(reports[key], "INTL-ISSCR-PATIENT-RED-FLAGS")
        assert red_flags.status == "flag", (key, red_flags.explanation)
