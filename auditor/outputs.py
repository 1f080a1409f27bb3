"""Outputs that take records one at a time as they stream: the JSONL file, the resume index
and the summary table.

- :class:`JsonlWriter` writes each record as one JSONL line and flushes it, so a run that is
  killed loses at most the line it was writing.
- :func:`resume_records` reads an earlier run's JSONL output back (dropping a last line cut
  short by a kill) and :class:`ResumeIndex` says which inputs it already holds, keyed by
  document id and sha256 of the raw bytes, so a resumed run neither repeats nor loses one.
- :class:`SummaryTable` is one row per document or error, written as CSV or Parquet.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

from pydantic import ValidationError

from auditor.documents import Document
from auditor.errors import AuditorError
from auditor.records import Digested, EncodedReport, Record, digested
from auditor.report.json import jsonl_document_line, jsonl_error_line
from auditor.report.models import DocumentReport, ErrorRecord, ToolInfo
from auditor.runners import AUDIT_FAILED

SUMMARY_SUFFIXES = (".csv", ".parquet")
TAIL_BLOCK = 1 << 16

Key = tuple[str, str, str]


class JsonlWriter:
    """One line per record (``kind`` document or error), flushed as soon as it is written."""

    def __init__(self, stream: TextIO, tool: ToolInfo) -> None:
        self.stream = stream
        self.tool = tool

    def add(self, record: Record) -> None:
        if isinstance(record, EncodedReport):
            line = record.line
        elif isinstance(record, ErrorRecord):
            line = jsonl_error_line(record)
        else:
            line = jsonl_document_line(self.tool, record)
        self.stream.write(line)
        self.stream.flush()


def resume_records(path: Path, tool: ToolInfo, jurisdiction: str) -> Iterator[Record]:
    """The records of an earlier run's JSONL output at ``path`` (none if it does not exist).

    A last line without its newline is what a killed run leaves; it is cut off the file, so
    the resumed run audits that input again. Any other line that is not a record, or records
    from another lexicon, version or jurisdiction, raise :class:`AuditorError`.
    """
    if not path.exists():
        return
    drop_partial_last_line(path)
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            yield _parse_record(line, str(path), number, tool, jurisdiction)


def drop_partial_last_line(path: Path) -> None:
    """Truncate ``path`` after its last newline (a no-op when it ends with one)."""
    with path.open("rb+") as handle:
        end = handle.seek(0, os.SEEK_END)
        position = end
        while position > 0:
            start = max(0, position - TAIL_BLOCK)
            handle.seek(start)
            block = handle.read(position - start)
            newline = block.rfind(b"\n")
            if newline != -1:
                position = start + newline + 1
                break
            position = start
        if position != end:
            handle.truncate(position)


def _parse_record(line: str, path: str, number: int, tool: ToolInfo, jurisdiction: str) -> Record:
    try:
        data = json.loads(line)
        kind = data.get("kind") if isinstance(data, dict) else None
        if kind == "error":
            return ErrorRecord.model_validate(data)
        if kind != "document":
            raise ValueError(f"'kind' is {kind!r}, not 'document' or 'error'")
        report = DocumentReport.model_validate(data)
    except (ValueError, ValidationError) as exc:
        problem = str(exc).splitlines()[0]
        raise AuditorError("E113", path=path, line=number, problem=problem) from exc
    written = data.get("tool") or {}
    for name, value in tool.model_dump(mode="json").items():
        if written.get(name) != value:
            raise AuditorError("E114", path=path, field=name, old=written.get(name), new=value)
    if report.jurisdiction != jurisdiction:
        raise AuditorError(
            "E114", path=path, field="jurisdiction", old=report.jurisdiction, new=jurisdiction
        )
    return report


class ResumeIndex:
    """The records an output already holds, as a multiset of keys.

    A document is done when a report with its id and sha256 (or an error record of its failed
    audit) is there; an input error when an error record with its source and code is. Each
    skipped input uses up one record, so inputs that repeat are counted right too.
    """

    def __init__(self, records: Iterable[Record] = ()) -> None:
        self.keys: Counter[Key] = Counter()
        for record in records:
            self.add(digested(record))

    def add(self, record: Digested) -> None:
        if isinstance(record, ErrorRecord):
            self.keys["error", record.source, record.code] += 1
        else:
            self.keys["document", record.id, record.sha256] += 1

    def already_done(self, item: Document | ErrorRecord) -> bool:
        if isinstance(item, Document):
            keys = [("document", item.id, item.sha256), ("error", item.id, AUDIT_FAILED)]
        else:
            keys = [("error", item.source, item.code)]
        for key in keys:
            if self.keys[key] > 0:
                self.keys[key] -= 1
                return True
        return False


class SummaryTable:
    """One row per document or error: id, source, score, tier, unsuppressed findings per
    category, criteria flagged and the error; written highest score first."""

    def __init__(self, categories: Iterable[str]) -> None:
        self.categories = list(categories)
        self.rows: list[dict[str, Any]] = []

    def add(self, found: Digested) -> None:
        if isinstance(found, ErrorRecord):
            self.rows.append({"kind": "error", "source": found.source, "error": found.error})
            return
        counts = Counter(category for category, _ in found.findings)
        self.rows.append(
            {
                "kind": "document",
                "id": found.id,
                "source": found.source,
                "sha256": found.sha256,
                "url": found.url,
                "relevant": found.relevant,
                "score": found.score,
                "tier": found.tier,
                "findings": sum(counts.values()),
                **{category: counts[category] for category in self.categories},
                "criteria_flagged": ";".join(found.criteria_flagged),
            }
        )

    @property
    def columns(self) -> list[str]:
        return [
            "kind",
            "id",
            "source",
            "sha256",
            "url",
            "relevant",
            "score",
            "tier",
            "findings",
            *self.categories,
            "criteria_flagged",
            "error",
        ]

    def frame(self):
        """The table as a pandas DataFrame (pandas is imported only when a table is asked for)."""
        import pandas as pd

        counts = ["score", "findings", *self.categories]
        frame = pd.DataFrame(self.rows, columns=self.columns)
        frame = frame.astype({**dict.fromkeys(counts, "Int64"), "relevant": "boolean"})
        frame = frame.astype({c: "string" for c in self.columns if c not in (*counts, "relevant")})
        order = frame.assign(_error=frame["kind"] == "error").sort_values(
            ["_error", "score", "id", "source"], ascending=[True, False, True, True]
        )
        return order.drop(columns="_error").reset_index(drop=True)

    def write(self, path: Path) -> None:
        """Write CSV or Parquet, chosen by the suffix of ``path``."""
        frame = self.frame()
        if path.suffix.lower() == ".parquet":
            frame.to_parquet(path, index=False)
        else:
            frame.to_csv(path, index=False)
