"""Turn inputs (files, folders, ``-`` for stdin, URLs) into documents or error records.

Every input yields exactly one item per document it holds, or one :class:`InputError`; nothing
is dropped, so the report can account for every input. Everything streams: folders are walked
lazily, archives and tables are read record by record, and URLs are fetched a few at a time
as the consumer asks for documents, so memory does not grow with the size of the batch.
"""

from __future__ import annotations

import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from functools import partial
from itertools import groupby
from pathlib import Path

import httpx

from auditor.documents import Document
from auditor.errors import InputError
from auditor.ingest.fetch import fetch, make_client, read_fetched
from auditor.ingest.html import read_html
from auditor.ingest.options import DEFAULT_OPTIONS, IngestOptions
from auditor.ingest.pdf import read_pdf
from auditor.ingest.table import read_csv, read_jsonl
from auditor.ingest.text import decode_utf8, read_text
from auditor.ingest.warc import read_warc

Reader = Callable[[str, bytes], Document]
"""Reads one file holding one document."""
ContainerReader = Callable[[Path, IngestOptions], Iterator[Document | InputError]]
"""Streams a file holding many documents (archive, table), one item per document."""

_read_markdown = partial(read_text, media_type="text/markdown")
READERS: dict[str, Reader] = {
    ".txt": read_text,
    ".text": read_text,
    ".md": _read_markdown,
    ".markdown": _read_markdown,
    ".html": read_html,
    ".htm": read_html,
    ".xhtml": read_html,
    ".pdf": read_pdf,
}
CONTAINERS: dict[str, ContainerReader] = {
    ".warc": read_warc,
    ".warc.gz": read_warc,
    ".csv": read_csv,
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
}
STDIN = "-"
URL_PREFIXES = ("http://", "https://")
FETCH_WORKERS = 8
"""URLs fetched at once: enough to hide network latency, few enough to be polite."""


def supported_extensions() -> str:
    return ", ".join(sorted([*READERS, *CONTAINERS]))


def iter_inputs(
    paths: Iterable[str],
    stdin: bytes | None = None,
    options: IngestOptions = DEFAULT_OPTIONS,
) -> Iterator[Document | InputError]:
    """Yield a :class:`Document` for each readable document and an :class:`InputError` otherwise.

    Folders are searched recursively for supported extensions, in sorted order. An argument
    starting with ``http://`` or ``https://`` is fetched; so is every URL of
    ``options.urls_file``, after the paths.
    """
    for is_url, items in groupby(paths, key=lambda item: item.lower().startswith(URL_PREFIXES)):
        if is_url:  # consecutive URL arguments share one client and one pool
            yield from iter_urls(items, options)
            continue
        for item in items:
            if item == STDIN:
                raw = stdin if stdin is not None else sys.stdin.buffer.read()
                yield _read("<stdin>", raw, read_text)
            elif os.path.isdir(item):
                yield from _iter_folder(item, options)
            elif os.path.exists(item):
                yield from _read_path(Path(item), options)
            else:
                yield InputError("I101", source=item)
    if options.urls_file is not None:
        yield from _iter_urls_file(options.urls_file, options)


def iter_urls(
    urls: Iterable[str | InputError], options: IngestOptions
) -> Iterator[Document | InputError]:
    """Fetch each URL (a few at a time, results in input order) into a document or an error.

    An :class:`InputError` among the URLs (a line that could not be read) passes through.
    """
    with (
        make_client(options) as client,
        ThreadPoolExecutor(FETCH_WORKERS, thread_name_prefix="auditor-fetch") as pool,
    ):
        pending: deque[Future[Document | InputError]] = deque()
        for url in urls:
            pending.append(pool.submit(_fetch, url, options, client))
            if len(pending) >= FETCH_WORKERS:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def _fetch(
    url: str | InputError, options: IngestOptions, client: httpx.Client
) -> Document | InputError:
    if isinstance(url, InputError):
        return url
    try:
        return read_fetched(url, fetch(url, options, client))
    except InputError as exc:
        return exc


def _iter_urls_file(path: Path, options: IngestOptions) -> Iterator[Document | InputError]:
    """The URLs of a file, one per line; blank lines and ``#`` comments are skipped."""
    source = str(path)

    def urls(handle: Iterable[bytes]) -> Iterator[str | InputError]:
        offset = 0
        for raw in handle:
            try:
                url = decode_utf8(source, raw, offset).strip()
            except InputError as exc:
                yield exc
                url = ""
            offset += len(raw)
            if url and not url.startswith("#"):
                yield url

    try:
        with path.open("rb") as handle:
            yield from iter_urls(urls(handle), options)
    except FileNotFoundError:
        yield InputError("I101", source=source)
    except OSError as exc:
        yield InputError("I102", source=source, problem=exc.strerror or str(exc))


def _suffix(name: str) -> str:
    lowered = name.lower()
    return ".warc.gz" if lowered.endswith(".warc.gz") else os.path.splitext(lowered)[1]


def is_supported(name: str) -> bool:
    """Whether a file name has an extension this package reads (folders keep only these)."""
    suffix = _suffix(name)
    return suffix in READERS or suffix in CONTAINERS


def _iter_folder(folder: str, options: IngestOptions) -> Iterator[Document | InputError]:
    """Walk ``folder`` lazily in sorted order, reading each supported file as it is found."""
    found = False
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            if is_supported(name):
                found = True
                yield from _read_path(Path(root, name), options)
    if not found:
        yield InputError("I106", source=folder, extensions=supported_extensions())


def _read_path(path: Path, options: IngestOptions) -> Iterator[Document | InputError]:
    source = str(path)
    suffix = _suffix(path.name)
    if suffix in CONTAINERS:
        yield from CONTAINERS[suffix](path, options)
        return
    reader = READERS.get(suffix)
    if reader is None:
        yield InputError("I107", source=source, suffix=suffix, extensions=supported_extensions())
        return
    try:
        size = path.stat().st_size
        if size > options.max_bytes:
            yield InputError("I109", source=source, size=size, limit=options.max_bytes)
            return
        raw = path.read_bytes()
    except OSError as exc:
        yield InputError("I102", source=source, problem=exc.strerror or str(exc))
        return
    yield _read(source, raw, reader)


def _read(source: str, raw: bytes, reader: Reader) -> Document | InputError:
    try:
        return reader(source, raw)
    except InputError as exc:
        return exc
