"""Encoded reports: what pool and Dask workers send stands for the report it encodes."""

from __future__ import annotations

import io

from auditor.batch import Tally
from auditor.lexicon.schema import Severity
from auditor.outputs import JsonlWriter, ResumeIndex, SummaryTable
from auditor.records import Digest, EncodedReport, decoded, digested
from auditor.report.json import jsonl_document_line

from tests_support import corpus_documents


def _reports(auditor):
    return list(auditor.audit_documents(corpus_documents()))


def test_an_encoded_report_decodes_to_the_report_and_writes_the_same_line(auditor):
    for report in _reports(auditor):
        encoded = EncodedReport.of(auditor.tool, report)
        assert decoded(encoded) == report
        assert encoded.line == jsonl_document_line(auditor.tool, report)
        assert digested(encoded) == digested(report) == Digest.of(report)


def test_the_digest_holds_unsuppressed_findings_and_flagged_criteria(auditor):
    reports = _reports(auditor)
    for report in reports:
        found = Digest.of(report)
        assert (found.id, found.sha256, found.score, found.tier) == (
            report.id,
            report.sha256,
            report.risk.score,
            report.risk.tier,
        )
        assert found.findings == tuple(
            (f.category, f.severity) for f in report.findings if not f.suppressed
        )
        assert found.criteria_flagged == tuple(c.id for c in report.criteria if c.status == "flag")
    assert any(Digest.of(r).criteria_flagged for r in reports)


def test_streaming_consumers_read_encoded_and_plain_reports_alike(auditor):
    reports = _reports(auditor)
    encoded = [EncodedReport.of(auditor.tool, r) for r in reports]
    categories = auditor.lexicon.categories
    outcomes = []
    for records in (reports, encoded):
        tally, table, index = Tally(), SummaryTable(categories), ResumeIndex()
        stream = io.StringIO()
        writer = JsonlWriter(stream, auditor.tool)
        for record in records:
            tally.add(digested(record))
            table.add(digested(record))
            index.add(digested(record))
            writer.add(record)
        outcomes.append((tally, table.rows, index.keys, stream.getvalue()))
    assert outcomes[0] == outcomes[1]
    assert outcomes[0][0].findings_at_or_above(Severity("high")) > 0
