"""Runners: the same audit of a document stream, in this process, a process pool or on Dask.

A runner takes ``(index, Document)`` pairs and yields ``(index, record)`` pairs as documents
finish; a record is the document's report (encoded, from pool and Dask workers: see
:mod:`auditor.records`) or, when auditing it raised, an error record naming it. All runners
audit a chunk with :func:`audit_with`; pool and Dask workers reach it through
:func:`audit_chunk`, which builds the worker's :class:`Auditor` once from a plain dict of
``Auditor`` keyword settings: the dict is pickled to the workers, so a new setting reaches them
without more code. Documents travel in chunks, and only a few chunks per worker are in flight
at once, so memory stays flat however long the stream is.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor
from concurrent.futures import wait as wait_futures
from concurrent.futures.process import BrokenProcessPool
from contextlib import ExitStack
from dataclasses import dataclass
from functools import partial
from itertools import chain, islice
from typing import TYPE_CHECKING, Any, Protocol

from auditor.documents import Document
from auditor.errors import AuditorError, InputError
from auditor.records import EncodedReport, Record
from auditor.report.models import DocumentReport, ErrorRecord

if TYPE_CHECKING:
    from auditor.audit import Auditor

Settings = Mapping[str, Any]
Indexed = tuple[int, Document]
Outcome = tuple[int, Record]

ENGINES = ("processes", "dask")
AUDIT_FAILED = "I121"
# A chunk is one ``nlp.pipe`` call in a worker: big enough that sending it costs little next
# to auditing it, small enough that results stream out steadily and memory stays bounded.
CHUNK_DOCUMENTS = 16
CHUNK_CHARACTERS = 256_000
IN_FLIGHT_PER_WORKER = 2
SCHEDULER_TIMEOUT = 10
"""Seconds to wait for a Dask scheduler given with ``--scheduler`` to answer."""

_cache = threading.local()


class Runner(Protocol):
    def run(self, documents: Iterable[Indexed]) -> Iterator[Outcome]: ...


def auditor_for(settings: Settings) -> Auditor:
    """The :class:`Auditor` for ``settings``, built once per thread and reused after that."""
    from auditor.audit import Auditor  # imported here, so choosing an engine loads no model

    cached = getattr(_cache, "auditor", None)
    if cached is None or cached[0] != settings:
        cached = (dict(settings), Auditor(**settings))
        _cache.auditor = cached
        # The auditor (lexicons, pipeline, model: ~265,000 tracked objects) lives as long as
        # the process; moving it out of the collector's reach spares every full collection a
        # walk over it (about 6% of the audit's CPU time).
        gc.collect()
        gc.freeze()
    return cached[1]


def error_record(error: InputError) -> ErrorRecord:
    return ErrorRecord(source=error.source, code=error.code, error=str(error))


def audit_chunk(settings: Settings, chunk: list[Indexed]) -> list[Outcome]:
    """The worker function: audit a chunk with the worker's own Auditor; reports travel back
    encoded (:class:`~auditor.records.EncodedReport`)."""
    auditor = auditor_for(settings)
    return [(index, _encoded(auditor, record)) for index, record in audit_with(auditor, chunk)]


def _encoded(auditor: Auditor, record: Record) -> Record:
    return EncodedReport.of(auditor.tool, record) if isinstance(record, DocumentReport) else record


def audit_with(auditor: Auditor, chunk: list[Indexed]) -> list[Outcome]:
    """Audit a chunk in one ``nlp.pipe`` call; if that raises, audit its documents one by one
    so that only the document that fails becomes an error record."""
    try:
        reports = list(auditor.audit_documents(document for _, document in chunk))
    except Exception:
        return [(index, _audit_one(auditor, document)) for index, document in chunk]
    return [(index, report) for (index, _), report in zip(chunk, reports, strict=True)]


def _audit_one(auditor: Auditor, document: Document) -> Record:
    try:
        return auditor.audit(document)
    except Exception as exc:
        return failure_record(document, exc)


def failure_record(document: Document, exc: BaseException) -> ErrorRecord:
    """The error record of a document whose audit raised; its source is the document id."""
    problem = f"{type(exc).__name__}: {exc}"
    return error_record(InputError(AUDIT_FAILED, source=document.id, problem=problem))


def chunked(documents: Iterable[Indexed]) -> Iterator[list[Indexed]]:
    chunk: list[Indexed] = []
    characters = 0
    for item in documents:
        chunk.append(item)
        characters += len(item[1].text)
        if len(chunk) >= CHUNK_DOCUMENTS or characters >= CHUNK_CHARACTERS:
            yield chunk
            chunk, characters = [], 0
    if chunk:
        yield chunk


def default_workers() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


@dataclass(frozen=True)
class SerialRunner:
    """Audit in this process, in input order."""

    auditor: Auditor

    def run(self, documents: Iterable[Indexed]) -> Iterator[Outcome]:
        for chunk in chunked(documents):
            yield from audit_with(self.auditor, chunk)


@dataclass(frozen=True)
class ProcessPoolRunner:
    """Audit on ``workers`` local processes.

    Workers are forked from a server process that has imported the auditor (``forkserver``),
    so they inherit no threads, open files or sockets from the caller; each builds its own
    Auditor. That costs a few seconds, so a stream of fewer than ``min_chunks`` chunks is
    audited in this process instead. A worker that dies turns its chunk into error records
    and the pool is started again for the rest of the stream.
    """

    settings: Settings
    workers: int
    min_chunks: int = 8

    def run(self, documents: Iterable[Indexed]) -> Iterator[Outcome]:
        chunks = chunked(documents)
        head = list(islice(chunks, self.min_chunks))
        if len(head) < self.min_chunks:
            for chunk in head:
                yield from audit_with(auditor_for(self.settings), chunk)
            return
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload([__name__])
        with ExitStack() as stack:

            def start() -> ProcessPoolExecutor:
                pool = ProcessPoolExecutor(self.workers, mp_context=context)
                stack.callback(pool.shutdown, cancel_futures=True)
                return pool

            pool = start()

            def submit(chunk: list[Indexed]) -> Future:
                nonlocal pool
                try:
                    return pool.submit(audit_chunk, self.settings, chunk)
                except BrokenProcessPool:
                    pool = start()
                    return pool.submit(audit_chunk, self.settings, chunk)

            wait_first = partial(wait_futures, return_when=FIRST_COMPLETED)
            limit = IN_FLIGHT_PER_WORKER * self.workers
            yield from drive(chain(head, chunks), submit, wait_first, limit)


@dataclass(frozen=True)
class DaskRunner:
    """Audit on a Dask distributed cluster: the scheduler at ``scheduler``, or a LocalCluster of
    ``workers`` single-threaded processes started for this run.

    The workers of a remote cluster need ``auditor`` installed, and any ``lexicon_dirs`` in the
    settings must exist on them.
    """

    settings: Settings
    workers: int
    scheduler: str | None = None

    def run(self, documents: Iterable[Indexed]) -> Iterator[Outcome]:
        # Imported here: only Dask runs need distributed, and it takes a second to import.
        from distributed import Client, LocalCluster
        from distributed import wait as wait_dask

        with ExitStack() as stack:
            if self.scheduler:
                try:
                    client = Client(self.scheduler, timeout=SCHEDULER_TIMEOUT)
                except (OSError, ValueError) as exc:
                    raise AuditorError("E115", address=self.scheduler, problem=exc) from exc
                stack.enter_context(client)
            else:
                cluster = LocalCluster(
                    n_workers=self.workers,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=":0",  # any free port: 8787 may be another cluster's
                )
                stack.enter_context(cluster)
                client = stack.enter_context(Client(cluster))
            workers = max(1, len(client.scheduler_info()["workers"]))

            def submit(chunk: list[Indexed]) -> Any:
                # Sent to a worker apart from the task: documents inside a task would be kept
                # by the scheduler (in this process, for a local cluster) and memory would grow.
                [documents] = client.scatter([chunk], hash=False)
                return client.submit(audit_chunk, self.settings, documents, pure=False)

            wait_first = partial(wait_dask, return_when="FIRST_COMPLETED")
            yield from drive(chunked(documents), submit, wait_first, IN_FLIGHT_PER_WORKER * workers)


def drive(
    chunks: Iterable[list[Indexed]],
    submit: Callable[[list[Indexed]], Any],
    wait_first: Callable[[Collection[Any]], tuple[Collection[Any], Collection[Any]]],
    limit: int,
) -> Iterator[Outcome]:
    """Submit chunks while fewer than ``limit`` are in flight; yield results as they finish.

    ``submit`` returns a future (``concurrent.futures`` or ``distributed``); a future that
    fails turns every document of its chunk into an error record.
    """
    pending: dict[Any, list[Indexed]] = {}

    def harvest() -> Iterator[Outcome]:
        done, _ = wait_first(list(pending))
        for future in done:
            chunk = pending.pop(future)
            try:
                yield from future.result()
            except Exception as exc:
                yield from ((index, failure_record(document, exc)) for index, document in chunk)

    for chunk in chunks:
        pending[submit(chunk)] = chunk
        while len(pending) >= limit:
            yield from harvest()
    while pending:
        yield from harvest()


def make_runner(
    engine: str, settings: Settings, workers: int | None = None, scheduler: str | None = None
) -> Runner:
    """The runner for ``--engine``: one worker means this process, unless Dask is asked for."""
    workers = workers or default_workers()
    if engine == "dask" or scheduler:
        return DaskRunner(settings, workers, scheduler)
    if workers == 1:
        return SerialRunner(auditor_for(settings))
    return ProcessPoolRunner(settings, workers)
