"""Audit a stream of inputs; every input comes out as a document report or an error record.

:func:`audit_stream` hands the readable documents to a runner and yields each record as soon
as it is ready, tagged with the position of its input: streaming outputs write records as they
come, and :func:`collect` puts a whole batch back in input order for the formats that need it.
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from auditor.audit import Auditor
from auditor.documents import Document
from auditor.errors import InputError
from auditor.ingest import iter_inputs
from auditor.lexicon.schema import Severity
from auditor.records import Digested, decoded
from auditor.report.models import BatchReport, DocumentReport, ErrorRecord, ToolInfo
from auditor.runners import Outcome, Runner, SerialRunner, error_record
from auditor.sites import site_summaries

AlreadyDone = Callable[[Document | ErrorRecord], bool]


def audit_stream(
    items: Iterable[Document | InputError],
    runner: Runner,
    already_done: AlreadyDone | None = None,
) -> Iterator[Outcome]:
    """Yield ``(input position, record)`` for every item, in the order records are ready.

    Input errors need no auditing and come out with the next finished document. Items for which
    ``already_done`` is true (a resumed run's earlier records) are skipped.
    """
    errors: deque[Outcome] = deque()

    def documents() -> Iterator[tuple[int, Document]]:
        for index, item in enumerate(items):
            entry = error_record(item) if isinstance(item, InputError) else item
            if already_done is not None and already_done(entry):
                continue
            if isinstance(entry, ErrorRecord):
                errors.append((index, entry))
            else:
                yield index, entry

    for outcome in runner.run(documents()):
        while errors:
            yield errors.popleft()
        yield outcome
    yield from errors


def collect(outcomes: Iterable[Outcome], tool: ToolInfo) -> BatchReport:
    """One batch report, documents and errors each in input order, with a site view of the
    documents that have a URL (crawled, fetched or archived pages)."""
    ordered = [decoded(record) for _, record in sorted(outcomes, key=lambda outcome: outcome[0])]
    documents = [r for r in ordered if isinstance(r, DocumentReport)]
    return BatchReport(
        tool=tool,
        documents=documents,
        errors=[r for r in ordered if isinstance(r, ErrorRecord)],
        sites=site_summaries(documents),
    )


def audit_inputs(auditor: Auditor, paths: Iterable[str], stdin: bytes | None = None) -> BatchReport:
    """Audit files, folders and standard input in this process into one batch report."""
    return collect(audit_stream(iter_inputs(paths, stdin), SerialRunner(auditor)), auditor.tool)


@dataclass
class Tally:
    """What the exit status needs from a batch, counted record by record as they stream."""

    documents: int = 0
    errors: int = 0
    findings: Counter[Severity] = field(default_factory=Counter)

    def add(self, record: Digested) -> None:
        if isinstance(record, ErrorRecord):
            self.errors += 1
            return
        self.documents += 1
        self.findings.update(severity for _, severity in record.findings)

    def findings_at_or_above(self, severity: Severity) -> int:
        """Unsuppressed findings whose severity is at least ``severity`` (for ``--fail-on``)."""
        return sum(n for level, n in self.findings.items() if level.rank >= severity.rank)
