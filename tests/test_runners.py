"""Runners: the same records in this process, in a process pool and on a Dask cluster;
failures become error records; the input is read as the work goes, not all at once."""

from __future__ import annotations

import os

import psutil
import pytest

from auditor import runners
from auditor.documents import Document
from auditor.errors import AuditorError
from auditor.records import EncodedReport, decoded
from auditor.report.models import DocumentReport, ErrorRecord
from auditor.runners import (
    AUDIT_FAILED,
    CHUNK_DOCUMENTS,
    IN_FLIGHT_PER_WORKER,
    DaskRunner,
    ProcessPoolRunner,
    SerialRunner,
    auditor_for,
    make_runner,
)

from tests_support import corpus_documents

SETTINGS = {"jurisdiction": "all"}
"""Not the default, so that every test shows the settings reaching the workers."""


def records(runner, documents) -> list[dict]:
    """Every record as JSON data, sorted by input position (runners may finish out of order)."""
    outcomes = sorted(runner.run(enumerate(documents)), key=lambda outcome: outcome[0])
    assert [index for index, _ in outcomes] == list(range(len(documents)))
    return [decoded(record).model_dump(mode="json") for _, record in outcomes]


def copies(number: int) -> list[Document]:
    """``number`` distinct documents made from the corpus (each copy starts with its number)."""
    texts = [d.text for d in corpus_documents()]
    return [
        Document.from_text(f"Copy {k}.\n{texts[k % len(texts)]}", id=f"copy-{k}")
        for k in range(number)
    ]


class ExitWhenUnpickled:
    """Kills the worker process that unpickles it: a crash no ``try`` can catch."""

    def __reduce__(self):
        return os._exit, (70,)


@pytest.fixture(scope="module")
def serial_records() -> list[dict]:
    result = records(SerialRunner(auditor_for(SETTINGS)), corpus_documents())
    assert {r["jurisdiction"] for r in result} == {SETTINGS["jurisdiction"]}
    return result


def test_process_pool_gives_the_serial_records(serial_records):
    runner = ProcessPoolRunner(SETTINGS, workers=2, min_chunks=1)
    assert records(runner, corpus_documents()) == serial_records


def test_dask_local_cluster_gives_the_serial_records(serial_records):
    assert records(DaskRunner(SETTINGS, workers=2), corpus_documents()) == serial_records


@pytest.mark.parametrize("in_pool", [False, True], ids=["serial", "pool"])
def test_a_document_that_fails_becomes_an_error_record_and_the_rest_goes_on(in_pool):
    documents = copies(5)
    # Page starts that are not offsets: the audit raises when it places a finding on a page.
    text = documents[2].text
    documents[2] = Document(id="broken", source="broken", text=text, page_starts=("one",))
    runner = (
        ProcessPoolRunner(SETTINGS, workers=2, min_chunks=1)
        if in_pool
        else SerialRunner(auditor_for(SETTINGS))
    )
    outcomes = dict(runner.run(enumerate(documents)))
    assert len(outcomes) == 5
    failed = outcomes.pop(2)
    assert isinstance(failed, ErrorRecord)
    assert failed.code == AUDIT_FAILED and failed.source == "broken"
    assert failed.error.startswith(f"[{AUDIT_FAILED}] broken: auditing failed: TypeError: ")
    assert all(isinstance(decoded(r), DocumentReport) for r in outcomes.values())


def test_a_worker_that_dies_fails_its_chunk_and_a_new_pool_takes_the_rest():
    in_flight = IN_FLIGHT_PER_WORKER * CHUNK_DOCUMENTS
    documents = copies(in_flight + 3 * CHUNK_DOCUMENTS)
    crash = documents[0]
    documents[0] = Document(
        id=crash.id, source=crash.source, text=crash.text, metadata={"crash": ExitWhenUnpickled()}
    )
    outcomes = dict(ProcessPoolRunner(SETTINGS, workers=1, min_chunks=1).run(enumerate(documents)))
    assert sorted(outcomes) == list(range(len(documents)))
    assert isinstance(outcomes[0], ErrorRecord) and outcomes[0].source == crash.id
    assert "BrokenProcessPool" in outcomes[0].error
    after_the_crash = [outcomes[i] for i in range(in_flight, len(documents))]
    assert all(isinstance(r, EncodedReport) for r in after_the_crash)


def pulled_before_first_result(runner, documents) -> int:
    """How many documents the runner had read from its input when the first record came out."""
    pulled = 0

    def stream():
        nonlocal pulled
        for pair in enumerate(documents):
            pulled += 1
            yield pair

    outcomes = runner.run(stream())
    next(outcomes)
    seen = pulled
    outcomes.close()
    return seen


def test_serial_runner_reads_one_chunk_ahead():
    documents = copies(4 * CHUNK_DOCUMENTS)
    runner = SerialRunner(auditor_for(SETTINGS))
    assert pulled_before_first_result(runner, documents) == CHUNK_DOCUMENTS


def test_process_pool_keeps_a_bounded_number_of_chunks_in_flight():
    documents = copies(6 * CHUNK_DOCUMENTS)
    runner = ProcessPoolRunner(SETTINGS, workers=2, min_chunks=1)
    pulled = pulled_before_first_result(runner, documents)
    assert pulled <= (IN_FLIGHT_PER_WORKER * 2 + 1) * CHUNK_DOCUMENTS < len(documents)


def children() -> set[int]:
    return {p.pid for p in psutil.Process().children(recursive=True)}


@pytest.mark.parametrize(
    ("chunks", "starts_workers"), [(1, False), (ProcessPoolRunner.min_chunks, True)]
)
def test_workers_start_only_for_a_stream_of_min_chunks(chunks, starts_workers):
    runner = ProcessPoolRunner(SETTINGS, workers=2)
    before = children()
    outcomes = runner.run(enumerate(copies(chunks * CHUNK_DOCUMENTS)))
    next(outcomes)
    assert (children() > before) == starts_workers
    outcomes.close()


def test_make_runner_follows_the_options():
    assert isinstance(make_runner("processes", SETTINGS, workers=1), SerialRunner)
    assert isinstance(make_runner("processes", SETTINGS, workers=3), ProcessPoolRunner)
    assert isinstance(make_runner("dask", SETTINGS, workers=1), DaskRunner)
    scheduled = make_runner("processes", SETTINGS, scheduler="tcp://127.0.0.1:8786")
    assert isinstance(scheduled, DaskRunner) and scheduled.scheduler == "tcp://127.0.0.1:8786"


def test_dask_runs_on_a_cluster_given_by_its_scheduler_address():
    from distributed import LocalCluster

    documents = copies(3)
    expected = records(SerialRunner(auditor_for(SETTINGS)), documents)
    with LocalCluster(n_workers=1, threads_per_worker=1, dashboard_address=":0") as cluster:
        runner = DaskRunner(SETTINGS, workers=1, scheduler=cluster.scheduler_address)
        assert records(runner, documents) == expected


def test_an_unreachable_scheduler_is_a_configuration_error(monkeypatch):
    monkeypatch.setattr(runners, "SCHEDULER_TIMEOUT", 1)
    with pytest.raises(AuditorError) as raised:
        list(DaskRunner(SETTINGS, workers=1, scheduler="tcp://127.0.0.1:9").run([]))
    assert raised.value.code == "E115" and "tcp://127.0.0.1:9" in str(raised.value)
