"""The batch: every input comes out once, as a report or an error record, in any runner order."""

from __future__ import annotations

import pytest

from auditor.batch import Tally, audit_inputs, audit_stream, collect
from auditor.documents import Document
from auditor.errors import InputError
from auditor.lexicon import Severity
from auditor.records import digested
from auditor.report.models import DocumentReport, ErrorRecord
from auditor.runners import SerialRunner

RISKY = "Our stem cells cure autism and are 100% safe. Book your free quote now!"
CLEAN = "The weather in the harbour was mild today."


@pytest.fixture
def items() -> list[Document | InputError]:
    return [
        Document.from_text(RISKY, id="risky"),
        InputError("I101", source="missing.txt"),
        Document.from_text(CLEAN, id="clean"),
        InputError("I105", source="empty.txt"),
    ]


class Reversed:
    """A runner that finishes documents in the opposite order, like a pool might."""

    def __init__(self, auditor) -> None:
        self.serial = SerialRunner(auditor)

    def run(self, documents):
        return reversed(list(self.serial.run(documents)))


def test_every_input_comes_out_once_with_its_position(auditor, items):
    outcomes = list(audit_stream(items, SerialRunner(auditor)))
    assert sorted(index for index, _ in outcomes) == [0, 1, 2, 3]
    by_index = dict(outcomes)
    assert isinstance(by_index[0], DocumentReport) and by_index[0].id == "risky"
    assert isinstance(by_index[1], ErrorRecord) and by_index[1].code == "I101"
    assert by_index[1].error == "[I101] missing.txt: no such file or folder"
    assert isinstance(by_index[3], ErrorRecord) and by_index[3].source == "empty.txt"


def test_collect_puts_records_back_in_input_order(auditor, items):
    batch = collect(audit_stream(items, Reversed(auditor)), auditor.tool)
    assert [d.id for d in batch.documents] == ["risky", "clean"]
    assert [e.source for e in batch.errors] == ["missing.txt", "empty.txt"]
    assert batch.tool == auditor.tool


def test_inputs_already_done_are_skipped(auditor, items):
    done = {"clean", "missing.txt"}

    def already_done(item):
        return (item.id if isinstance(item, Document) else item.source) in done

    outcomes = list(audit_stream(items, SerialRunner(auditor), already_done))
    assert sorted(index for index, _ in outcomes) == [0, 3]


def test_error_records_stream_out_even_when_no_document_follows(auditor):
    only_errors = [InputError("I101", source="a"), InputError("I101", source="b")]
    assert [i for i, _ in audit_stream(only_errors, SerialRunner(auditor))] == [0, 1]


def test_tally_counts_what_the_exit_status_needs(auditor, items):
    tally = Tally()
    for _, record in audit_stream(items, SerialRunner(auditor)):
        tally.add(digested(record))
    assert (tally.documents, tally.errors) == (2, 2)
    risky = auditor.audit(Document.from_text(RISKY))
    high = sum(1 for f in risky.findings if f.severity == Severity.high and not f.suppressed)
    assert tally.findings_at_or_above(Severity.high) == high > 0
    assert tally.findings_at_or_above(Severity.info) == sum(tally.findings.values())
    assert tally.findings_at_or_above(Severity.low) >= high


def test_audit_inputs_reads_files_into_one_batch(auditor, tmp_path):
    (tmp_path / "risky.md").write_text(RISKY, encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00")
    batch = audit_inputs(auditor, [str(tmp_path), str(tmp_path / "nope.txt")])
    assert [d.source for d in batch.documents] == [str(tmp_path / "risky.md")]
    assert [e.code for e in batch.errors] == ["I103", "I101"]
