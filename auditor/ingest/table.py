"""Tables of documents (.csv, .jsonl): one document per row, read as a stream.

The text comes from ``--text-column`` (default ``text``), the id from ``--id-column`` (default
``path:line``) and, when the table has a ``url`` column, the page URL from it. Each row is
hashed from its own raw bytes, so ``--resume`` recognises it. A bad row (empty text, over the
size cap, not a JSON object) is an error record and the rows after it are still read; bytes
that are not UTF-8 end a CSV file (the rows after them cannot be trusted) with ``I104``.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from auditor.documents import Document
from auditor.errors import InputError
from auditor.ingest.options import IngestOptions
from auditor.ingest.text import decode_utf8

DEFAULT_TEXT_COLUMN = "text"
URL_COLUMN = "url"


def read_csv(path: Path, options: IngestOptions) -> Iterator[Document | InputError]:
    """Yield a document or an error record per CSV row (the first row names the columns)."""
    source = str(path)
    try:
        with path.open("rb") as handle:
            lines = _RawLines(handle, source)
            # A field may be as long as a document is allowed to be (csv's default is 128 KiB).
            csv.field_size_limit(max(csv.field_size_limit(), options.max_bytes))
            reader = csv.reader(lines)
            try:
                columns = next(reader, None)
                if columns is None:
                    yield InputError("I105", source=source)
                    return
                lines.take()
                indexes = _column_indexes(source, columns, options)
                for row in reader:
                    first_line, raw = lines.take()
                    if not any(row):
                        continue
                    fields = {
                        name: row[index] if index is not None and index < len(row) else None
                        for name, index in indexes.items()
                    }
                    yield _row_document(f"{source}:{first_line}", raw, fields, options)
            except csv.Error as exc:
                where = f"line {reader.line_num}"
                yield InputError("I112", source=source, where=where, problem=f"bad CSV: {exc}")
    except InputError as exc:
        yield exc
    except OSError as exc:
        yield InputError("I102", source=source, problem=exc.strerror or str(exc))


def read_jsonl(path: Path, options: IngestOptions) -> Iterator[Document | InputError]:
    """Yield a document or an error record per non-blank line (each a JSON object)."""
    source = str(path)
    key = options.text_column or DEFAULT_TEXT_COLUMN
    try:
        with path.open("rb") as handle:
            offset = 0
            for number, raw in enumerate(handle, start=1):
                line_source, line_offset = f"{source}:{number}", offset
                offset += len(raw)
                if not raw.strip():
                    continue
                try:
                    record = _json_object(line_source, raw, line_offset)
                except InputError as exc:
                    yield exc
                    continue
                if key not in record:
                    keys = ", ".join(record)
                    problem = f"no key {key!r} (keys: {keys}); choose one with --text-column"
                    yield InputError("I112", source=line_source, where="text", problem=problem)
                    continue
                fields = {
                    "text": record[key],
                    "id": record.get(options.id_column) if options.id_column else None,
                    "url": record.get(URL_COLUMN),
                }
                yield _row_document(line_source, raw, fields, options)
    except OSError as exc:
        yield InputError("I102", source=source, problem=exc.strerror or str(exc))


def _json_object(source: str, raw: bytes, offset: int) -> dict[str, Any]:
    try:
        record = json.loads(decode_utf8(source, raw, offset))
    except json.JSONDecodeError as exc:
        problem = f"not valid JSON: {exc.msg}"
        raise InputError(
            "I112", source=source, where=f"column {exc.colno}", problem=problem
        ) from exc
    if not isinstance(record, dict):
        raise InputError("I112", source=source, where="top level", problem="not a JSON object")
    return record


def _row_document(
    source: str, raw: bytes, fields: dict[str, Any], options: IngestOptions
) -> Document | InputError:
    if len(raw) > options.max_bytes:
        return InputError("I109", source=source, size=len(raw), limit=options.max_bytes)
    text = fields["text"]
    if text is not None and not isinstance(text, str):
        problem = f"the text is a {type(text).__name__}, not a string"
        return InputError("I112", source=source, where="text", problem=problem)
    if not text or not text.strip():
        return InputError("I105", source=source)
    document_id = fields["id"]
    return Document.from_bytes(
        source,
        raw,
        text,
        id=str(document_id) if document_id not in (None, "") else source,
        url=fields["url"] or None,
    )


def _column_indexes(
    source: str, columns: list[str], options: IngestOptions
) -> dict[str, int | None]:
    """Where the text, id and URL of each row are; a named column that is missing raises."""
    wanted = {
        "--text-column": options.text_column or DEFAULT_TEXT_COLUMN,
        "--id-column": options.id_column,
    }
    for option, column in wanted.items():
        if column and column not in columns:
            listed = ", ".join(columns)
            raise InputError("I113", source=source, column=column, columns=listed, option=option)
    return {
        "text": columns.index(wanted["--text-column"]),
        "id": columns.index(options.id_column) if options.id_column else None,
        "url": columns.index(URL_COLUMN) if URL_COLUMN in columns else None,
    }


class _RawLines:
    """Decoded lines for :mod:`csv`, keeping the raw bytes of the lines not yet taken.

    csv pulls lines only until a row is complete, so the lines read since the last
    :meth:`take` are exactly the current row's: its raw bytes give the row's sha256 and size.
    """

    def __init__(self, handle: BinaryIO, source: str) -> None:
        self._handle = handle
        self._source = source
        self._offset = 0
        self._number = 0
        self._first = 1
        self._pending: list[bytes] = []

    def __iter__(self) -> Iterator[str]:
        for raw in self._handle:
            line = decode_utf8(self._source, raw, self._offset)
            self._offset += len(raw)
            self._number += 1
            self._pending.append(raw)
            yield line

    def take(self) -> tuple[int, bytes]:
        """The first line number and raw bytes of the row just read."""
        first, raw = self._first, b"".join(self._pending)
        self._first = self._number + 1
        self._pending.clear()
        return first, raw
