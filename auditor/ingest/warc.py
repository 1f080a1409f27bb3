"""Web archives (.warc, .warc.gz): each successful HTML response record is one document.

The archive is read record by record (never whole), so an archive of any size streams. The
document id, source and URL are the record's target URI; the archive is in its metadata.
warcio reads a cut-off archive without complaint, so truncation is checked here: a record
shorter than its declared length, or bytes left after the last whole record, end the archive
with an ``I111`` error record after the documents already read.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from auditor.documents import Document
from auditor.errors import InputError
from auditor.ingest.html import HTML_TYPES, read_html
from auditor.ingest.options import IngestOptions


def read_warc(path: Path, options: IngestOptions) -> Iterator[Document | InputError]:
    """Yield a document (or an error record) per HTML response, then any truncation error."""
    source = str(path)
    records = 0
    try:
        with path.open("rb") as handle:
            size = path.stat().st_size
            archive = ArchiveIterator(handle)
            for record in archive:
                if record.format != "warc":
                    problem = f"record {records + 1} is not a WARC record"
                    yield InputError("I111", source=source, records=records, problem=problem)
                    return
                item = _read_record(source, record, options)
                archive.read_to_end()
                if getattr(record.raw_stream, "limit", 0) > 0:
                    problem = f"record {records + 1} ends before its declared length"
                    yield InputError("I111", source=source, records=records, problem=problem)
                    return
                records += 1
                if item is not None:
                    yield item
            if archive.offset != size:
                problem = f"{size - archive.offset} byte(s) after the last whole record"
                yield InputError("I111", source=source, records=records, problem=problem)
    except OSError as exc:
        yield InputError("I102", source=source, problem=exc.strerror or str(exc))
    except (ArchiveLoadFailed, EOFError, ValueError, AttributeError) as exc:
        # warcio fails on damaged headers in these ways (AttributeError on a cut status line).
        problem = str(exc).strip() or type(exc).__name__
        yield InputError("I111", source=source, records=records, problem=problem)


def _read_record(source: str, record, options: IngestOptions) -> Document | InputError | None:
    """The record's document, an error record for a bad page, or ``None`` if it is no page."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    status = record.http_headers.get_statuscode() or ""
    media_type = (record.http_headers.get_header("Content-Type") or "").split(";")[0]
    if not status.startswith("2") or media_type.strip().lower() not in HTML_TYPES:
        return None
    headers = record.rec_headers
    uri = headers.get_header("WARC-Target-URI") or headers.get_header("WARC-Record-ID")
    body = record.content_stream().read(options.max_bytes + 1)
    if len(body) > options.max_bytes:
        size = f"over {options.max_bytes}"
        return InputError("I109", source=uri, size=size, limit=options.max_bytes)
    try:
        document = read_html(uri, body, url=uri)
    except InputError as exc:
        return exc
    metadata = {"archive": source, "warc_date": headers.get_header("WARC-Date")}
    return replace(document, metadata=metadata)
