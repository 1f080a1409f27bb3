"""What a runner yields for each input: a document report, the same report encoded by a
worker, or an error record.

Workers in other processes send a report as :class:`EncodedReport`: its JSONL line and the
:class:`Digest` that streaming consumers read (exit status, summary row, resume key, site
view). Unpickling the report itself, about 145 pydantic objects, cost the receiving process
0.55 s of CPU per MB, a quarter of a core that two busy workers on two cores could not spare;
with the encoded form it costs almost nothing, and the model is rebuilt from the line only
where a consumer needs all of it (:func:`decoded`).
"""

from __future__ import annotations

from dataclasses import dataclass

from auditor.lexicon.schema import Severity
from auditor.report.json import jsonl_document_line
from auditor.report.models import DocumentReport, ErrorRecord, ToolInfo
from auditor.sites import SitePart


@dataclass(frozen=True, slots=True)
class Digest:
    """The fields of a document report that every streaming consumer reads."""

    id: str
    source: str
    sha256: str
    url: str | None
    relevant: bool
    score: int
    tier: str
    findings: tuple[tuple[str, Severity], ...]
    """Category and severity of each unsuppressed finding."""
    criteria_flagged: tuple[str, ...]
    site: SitePart | None
    """What the site view (``--sites``) reads; ``None`` for a report without a URL."""

    @classmethod
    def of(cls, report: DocumentReport) -> Digest:
        return cls(
            id=report.id,
            source=report.source,
            sha256=report.sha256,
            url=report.url,
            relevant=report.relevant,
            score=report.risk.score,
            tier=report.risk.tier,
            findings=tuple((f.category, f.severity) for f in report.findings if not f.suppressed),
            criteria_flagged=tuple(c.id for c in report.criteria if c.status == "flag"),
            site=SitePart.of(report),
        )


@dataclass(frozen=True, slots=True)
class EncodedReport:
    """A document report as a worker sends it: its JSONL line and its digest."""

    line: str
    digest: Digest

    @classmethod
    def of(cls, tool: ToolInfo, report: DocumentReport) -> EncodedReport:
        return cls(jsonl_document_line(tool, report), Digest.of(report))


Record = DocumentReport | EncodedReport | ErrorRecord
Digested = Digest | ErrorRecord
"""What a streaming consumer reads of a record."""


def digested(record: Record) -> Digested:
    """A report's digest (built once, so each consumer of a record shares it), or the error
    record itself."""
    if isinstance(record, ErrorRecord):
        return record
    return record.digest if isinstance(record, EncodedReport) else Digest.of(record)


def decoded(record: Record) -> DocumentReport | ErrorRecord:
    """The record as a model: an encoded report is rebuilt from its line."""
    if not isinstance(record, EncodedReport):
        return record
    return DocumentReport.model_validate_json(record.line)  # "kind" and "tool" are ignored
