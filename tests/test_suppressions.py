"""Inline `auditor: ignore` markers suppress findings, which stay visible but score nothing."""

from __future__ import annotations

from auditor import Document


def by_rule(report, rule_id):
    return [f for f in report.findings if f.rule_id == rule_id]


def test_marker_on_its_own_line_covers_the_next_text_line(auditor):
    text = "Intro.\n<!-- auditor: ignore SAFETY-ABSOLUTE -->\n\nIt is 100% safe.\nIt is 100% safe."
    report = auditor.audit(Document.from_text(text))
    first, second = by_rule(report, "SAFETY-ABSOLUTE")
    assert first.suppressed and first.points == 0
    assert not second.suppressed and second.points > 0


def test_marker_after_text_covers_its_own_line(auditor):
    text = "It is 100% safe. <!-- auditor: ignore safety-absolute, HYPE-X -->"
    [finding] = by_rule(auditor.audit(Document.from_text(text)), "SAFETY-ABSOLUTE")
    assert finding.suppressed


def test_other_rules_and_ignore_all(auditor):
    text = "It is 100% safe with no side effects. <!-- auditor: ignore SAFETY-ABSOLUTE -->"
    report = auditor.audit(Document.from_text(text))
    assert not by_rule(report, "SAFETY-NO-SIDE-EFFECTS")[0].suppressed
    text = "It is 100% safe with no side effects. <!-- auditor: ignore all -->"
    report = auditor.audit(Document.from_text(text))
    assert all(f.suppressed for f in report.findings) and report.risk.score == 0
