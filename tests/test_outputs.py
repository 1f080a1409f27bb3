"""Streaming outputs: JSONL lines, resuming after a kill, the summary table."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest

from auditor.documents import Document
from auditor.errors import AuditorError, InputError
from auditor.outputs import (
    TAIL_BLOCK,
    JsonlWriter,
    ResumeIndex,
    SummaryTable,
    drop_partial_last_line,
    resume_records,
)
from auditor.records import digested
from auditor.report.json import render_jsonl
from auditor.report.models import BatchReport
from auditor.runners import error_record, failure_record

RISKY = "Our stem cells cure autism and are 100% safe. Book your free quote now!"
CLEAN = "The weather in the harbour was mild today."


@pytest.fixture(scope="module")
def reports(auditor):
    return [
        auditor.audit(Document.from_text(RISKY, id="risky")),
        auditor.audit(Document.from_text(CLEAN, id="clean")),
    ]


@pytest.fixture
def error():
    return error_record(InputError("I104", source="latin1.csv", byte=0xE9, offset=7))


def write(path, tool, records) -> None:
    with path.open("w", encoding="utf-8") as stream:
        writer = JsonlWriter(stream, tool)
        for record in records:
            writer.add(record)


def test_jsonl_lines_are_those_of_the_batch_renderer(auditor, reports, error):
    stream = io.StringIO()
    writer = JsonlWriter(stream, auditor.tool)
    for record in [*reports, error]:
        writer.add(record)
    batch = BatchReport(tool=auditor.tool, documents=reports, errors=[error])
    assert stream.getvalue() == render_jsonl(batch)
    kinds = [json.loads(line)["kind"] for line in stream.getvalue().splitlines()]
    assert kinds == ["document", "document", "error"]


def test_each_record_is_on_disk_as_soon_as_it_is_written(auditor, reports, tmp_path):
    path = tmp_path / "out.jsonl"
    with path.open("w", encoding="utf-8") as stream:
        writer = JsonlWriter(stream, auditor.tool)
        writer.add(reports[0])
        assert path.read_text(encoding="utf-8").count("\n") == 1


@pytest.mark.parametrize(
    ("content", "kept"),
    [
        (b'{"a": 1}\n{"b": 2}\n', b'{"a": 1}\n{"b": 2}\n'),
        (b'{"a": 1}\n{"b": ', b'{"a": 1}\n'),
        (b'{"a": 1', b""),
        (b"", b""),
        (b'{"a": 1}\n' + b"x" * (3 * TAIL_BLOCK + 5), b'{"a": 1}\n'),
    ],
    ids=["whole", "cut", "only-a-cut-line", "empty", "long-cut-line"],
)
def test_a_last_line_cut_short_is_dropped(tmp_path, content, kept):
    path = tmp_path / "out.jsonl"
    path.write_bytes(content)
    drop_partial_last_line(path)
    assert path.read_bytes() == kept


def test_resume_reads_back_what_was_written(auditor, reports, error, tmp_path):
    path = tmp_path / "out.jsonl"
    write(path, auditor.tool, [*reports, error])
    with path.open("ab") as handle:
        handle.write(b'{"kind": "document", "id": "half-writ')
    back = list(resume_records(path, auditor.tool, auditor.jurisdiction))
    assert back == [*reports, error]
    assert path.read_bytes().endswith(b"\n")
    assert list(resume_records(tmp_path / "new.jsonl", auditor.tool, "us")) == []


def test_resume_refuses_a_file_it_did_not_write(auditor, reports, tmp_path):
    path = tmp_path / "out.jsonl"
    write(path, auditor.tool, reports)
    with path.open("a", encoding="utf-8") as handle:
        handle.write('{"name": "something else"}\n')
    with pytest.raises(AuditorError) as raised:
        list(resume_records(path, auditor.tool, auditor.jurisdiction))
    assert raised.value.code == "E113" and f"{path}:3:" in str(raised.value)


def test_resume_refuses_records_of_other_settings(auditor, reports, tmp_path):
    path = tmp_path / "out.jsonl"
    write(path, auditor.tool, reports)
    other = auditor.tool.model_copy(update={"lexicon_sha256": "0" * 64})
    with pytest.raises(AuditorError) as raised:
        list(resume_records(path, other, auditor.jurisdiction))
    assert raised.value.code == "E114" and "lexicon_sha256" in str(raised.value)
    with pytest.raises(AuditorError, match="jurisdiction 'us', this run has 'eu'"):
        list(resume_records(path, auditor.tool, "eu"))


def test_resume_index_uses_up_one_record_per_skipped_input(reports, error):
    index = ResumeIndex([reports[0], reports[0], error])
    risky = Document.from_text(RISKY, id="risky")
    assert index.already_done(risky) and index.already_done(risky)
    assert not index.already_done(risky)
    changed = Document.from_text(RISKY + " Now 50% off.", id="risky")
    assert not index.already_done(changed)
    assert index.already_done(error) and not index.already_done(error)


def test_a_failed_audit_counts_as_done(reports):
    broken = Document.from_text(CLEAN, id="broken")
    index = ResumeIndex([failure_record(broken, ValueError("bad"))])
    assert index.already_done(broken)


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_summary_table_has_one_row_per_record(auditor, reports, error, tmp_path, suffix):
    table = SummaryTable(auditor.lexicon.categories)
    for record in [reports[1], error, reports[0]]:
        table.add(digested(record))
    path = tmp_path / f"summary{suffix}"
    table.write(path)
    frame = pd.read_parquet(path) if suffix == ".parquet" else pd.read_csv(path)
    assert list(frame.columns) == table.columns
    assert list(frame["kind"]) == ["document", "document", "error"]
    risky, clean, failed = (frame.iloc[i] for i in range(3))
    assert risky["id"] == "risky" and risky["score"] == reports[0].risk.score
    assert risky["tier"] == reports[0].risk.tier
    assert clean["score"] == reports[1].risk.score <= risky["score"]
    unsuppressed = [f for f in reports[0].findings if not f.suppressed]
    assert risky["findings"] == len(unsuppressed)
    for category in auditor.lexicon.categories:
        assert risky[category] == sum(1 for f in unsuppressed if f.category == category)
    flagged = [c.id for c in reports[0].criteria if c.status == "flag"]
    assert flagged and risky["criteria_flagged"].split(";") == flagged
    assert failed["source"] == "latin1.csv" and failed["error"].startswith("[I104]")
    assert pd.isna(failed["score"])
