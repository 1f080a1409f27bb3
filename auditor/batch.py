"""Audit a list of inputs into one :class:`BatchReport`; every input is accounted for.

Readable documents become document reports, everything else an error record, in input order.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from auditor.audit import Auditor
from auditor.documents import Document
from auditor.errors import InputError
from auditor.ingest import iter_inputs
from auditor.lexicon.schema import Severity
from auditor.report.models import BatchReport, ErrorRecord


def audit_inputs(auditor: Auditor, paths: Iterable[str], stdin: bytes | None = None) -> BatchReport:
    errors: list[ErrorRecord] = []

    def documents() -> Iterator[Document]:
        for item in iter_inputs(paths, stdin):
            if isinstance(item, InputError):
                errors.append(error_record(item))
            else:
                yield item

    reports = list(auditor.audit_documents(documents()))
    return BatchReport(tool=auditor.tool, documents=reports, errors=errors)


def error_record(error: InputError) -> ErrorRecord:
    return ErrorRecord(source=error.source, code=error.code, error=str(error))


def findings_at_or_above(batch: BatchReport, severity: Severity) -> int:
    """Unsuppressed findings whose severity is at least ``severity`` (for ``--fail-on``)."""
    return sum(
        1
        for report in batch.documents
        for finding in report.findings
        if not finding.suppressed and finding.severity.rank >= severity.rank
    )
