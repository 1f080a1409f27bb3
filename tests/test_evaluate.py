"""Evaluation arithmetic on real audits of small documents with hand-made gold."""

from __future__ import annotations

from auditor import Document
from auditor.evaluate import score_reports

TEXT = "Our cells are 100% safe. The weather was mild."


def test_precision_recall_and_tiers(auditor):
    report = auditor.audit(Document.from_text(TEXT, id="t"))
    safe = TEXT.index("100% safe")
    weather = TEXT.index("weather")
    gold = {
        "doc": "t",
        "tier": report.risk.tier,
        "spans": [
            {"start": safe, "end": safe + 9, "category": "safety_absolute"},
            {"start": weather, "end": weather + 7, "category": "hype_superlative"},
        ],
    }
    result = score_reports([gold], [report])
    by_name = {row.name: row for row in result.categories}
    assert by_name["safety_absolute"].recall == 1.0
    assert by_name["safety_absolute"].precision == 1.0
    assert by_name["hype_superlative"].recall == 0.0
    assert result.overall.gold == 2 and result.overall.gold_found == 1
    assert result.tier_accuracy == 1.0


def test_a_finding_outside_gold_lowers_precision(auditor):
    report = auditor.audit(Document.from_text(TEXT, id="t"))
    result = score_reports([{"doc": "t", "tier": "high", "spans": []}], [report])
    safety = next(row for row in result.categories if row.name == "safety_absolute")
    assert safety.predicted >= 1 and safety.precision == 0.0
    assert result.tier_accuracy == (1.0 if report.risk.tier == "high" else 0.0)
