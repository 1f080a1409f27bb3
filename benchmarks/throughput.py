"""Audit throughput and memory: one process, every core, a Dask cluster; proselint for scale.

Usage: python benchmarks/throughput.py [--mb 50] [--workers N] [--sample-mb 2]
                                        [--skip-pool] [--skip-dask] [--corpus corpus/docs]

1. The corpus documents are repeated (each copy a separate file) until at least ``--mb``
   megabytes, written to a temporary folder.
2. The same files are read through ``iter_inputs`` and audited by each runner, reports
   discarded as they come: one process (``SerialRunner``), a process pool over ``--workers``
   cores (default: all), and a Dask LocalCluster of 2 single-threaded worker processes. Each
   row prints MB/s and documents/s (worker start-up included), the peak RSS of this process
   and of its child processes (sampled with psutil), and this process's RSS when a quarter,
   half and all of the documents are done: flat figures mean the batch streams. Then the
   1-to-2-core scaling ratio (a 2-worker process pool over one process; target 1.7).
3. On a ``--sample-mb`` sample of the files: spaCy's blank tokenizer alone, proselint (the
   ``bench`` extra) as a reference, and the claim-strength model on and off (and on with the
   fine-tuned encoder, when the ``encoder`` extra is installed).
4. The worst case: one page made of the corpus with every line break and sentence end
   removed, audited as one document (a figure that grows with the page, not its square).
5. The relevance gate on unrelated pages generated from a word list written here: the gate
   alone (target 50 MB/s per core) and the auditor with the gate on.

Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from itertools import cycle
from pathlib import Path

import psutil
import spacy

from auditor import Auditor, Document
from auditor.batch import audit_stream
from auditor.ingest import iter_inputs
from auditor.records import digested
from auditor.relevance import RelevanceGate
from auditor.report.models import ErrorRecord
from auditor.runners import (
    DaskRunner,
    ProcessPoolRunner,
    Runner,
    SerialRunner,
    auditor_for,
    default_workers,
)
from auditor.strength.encoder import installed as encoder_installed

REPO = Path(__file__).resolve().parent.parent
MB = 1_000_000
SETTINGS: dict = {}
SCALING_TARGET = 1.7
GATE_TARGET_MB_S = 50.0

# Everyday words for pages about anything but cell therapy (none holds a relevance string).
UNRELATED_PROSE = """
    the a of and to in is was for on with as by at from that this it be are were has have
    garden kitchen recipe bread butter onion garlic tomato pepper salt oven minutes bake roast
    river mountain village harbour ferry train ticket station museum castle weather rain sunny
    football match season coach league goal player stadium crowd final referee
    budget invoice customer delivery order shipping return warranty price discount store
    school teacher lesson homework library book chapter author novel poem story reader
    bicycle repair chain brake tyre saddle lamp helmet route weekend trail map compass
    music concert piano violin choir rehearsal ticket venue evening programme composer
    software update laptop printer network router password account email calendar meeting
    painting canvas colour brush gallery frame sketch studio light shadow portrait
"""


class ProcessSampler:
    """Peak RSS and CPU time of this process and of all its descendants, sampled in a
    background thread (child processes are not ours to wait for, so rusage cannot see them).
    CPU time spent before the sampler started (a forkserver left from an earlier row) is not
    counted."""

    def __init__(self, interval: float = 0.1) -> None:
        self.interval = interval
        self.process = psutil.Process()
        self.parent_peak = 0
        self.children_peak = 0
        self.child_peak = 0
        self.children_cpu: dict[int, float] = {}
        self._children_cpu = {c.pid: self._cpu(c) for c in self.process.children(recursive=True)}
        self._parent_cpu = self._cpu(self.process)
        self.parent_cpu = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    @staticmethod
    def _cpu(process: psutil.Process) -> float:
        times = process.cpu_times()
        return times.user + times.system

    def __enter__(self) -> ProcessSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.parent_cpu = self._cpu(self.process) - self._parent_cpu

    def _run(self) -> None:
        while not self._stop.is_set():
            self.parent_peak = max(self.parent_peak, self.process.memory_info().rss)
            sizes = []
            for child in self.process.children(recursive=True):
                try:
                    sizes.append(child.memory_info().rss)
                    before = self._children_cpu.get(child.pid, 0.0)
                    self.children_cpu[child.pid] = self._cpu(child) - before
                except psutil.Error:
                    continue
            self.children_peak = max(self.children_peak, sum(sizes))
            self.child_peak = max(self.child_peak, max(sizes, default=0))
            self._stop.wait(self.interval)


def write_files(corpus: Path, megabytes: float, folder: Path) -> tuple[int, float]:
    texts = [p.read_bytes() for p in sorted(corpus.glob("*")) if p.is_file()]
    size = 0
    number = 0
    for number, raw in enumerate(cycle(texts)):
        if size >= megabytes * MB:
            break
        (folder / f"{number:06d}.md").write_bytes(raw)
        size += len(raw)
    return number, size / MB


def run_row(label: str, runner: Runner, folder: Path, documents: int, megabytes: float) -> float:
    """Audit every file with ``runner``; print the row; return MB/s."""
    marks = {max(1, documents * q // 4): q for q in (1, 2, 4)}
    rss_at: dict[int, int] = {}
    findings = 0
    with ProcessSampler() as sampled:
        started = time.perf_counter()
        for done, (_, record) in enumerate(audit_stream(iter_inputs([str(folder)]), runner), 1):
            found = digested(record)
            if not isinstance(found, ErrorRecord):
                findings += len(found.findings)
            if done in marks:
                rss_at[marks[done]] = sampled.process.memory_info().rss
        seconds = time.perf_counter() - started
    rate = megabytes / seconds
    flat = " / ".join(f"{rss_at[q] / MB:.0f}" for q in sorted(rss_at))
    children_cpu = sum(sampled.children_cpu.values())
    print(
        f"audit, {label}: {rate:.2f} MB/s, {documents / seconds:.1f} docs/s,"
        f" {findings} unsuppressed findings, {seconds:.1f} s\n"
        f"  peak RSS: this process {sampled.parent_peak / MB:.0f} MB,"
        f" child processes {sampled.children_peak / MB:.0f} MB in all"
        f" (largest {sampled.child_peak / MB:.0f} MB);"
        f" this process at 1/4, 1/2, all documents: {flat} MB\n"
        f"  CPU: this process {sampled.parent_cpu:.0f} s, child processes {children_cpu:.0f} s,"
        f" {(sampled.parent_cpu + children_cpu) / seconds:.2f} cores busy on average; {load()}"
    )
    return rate


def load() -> str:
    """The machine's load: other work on the same cores lowers every figure."""
    one, five, _ = os.getloadavg()
    return f"load average {one:.1f} (1 min), {five:.1f} (5 min) on {psutil.cpu_count()} cores"


def timed(function: Callable[[], object]) -> float:
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


def sample_files(folder: Path, megabytes: float) -> tuple[list[Path], float]:
    files, size = [], 0
    for path in sorted(folder.iterdir()):
        if size >= megabytes * MB:
            break
        files.append(path)
        size += path.stat().st_size
    return files, size / MB


def proselint_row(files: list[Path], megabytes: float, audit_rate: float) -> None:
    try:
        from proselint.checks import __register__
        from proselint.registry import CheckRegistry
        from proselint.tools import LintFile
    except ImportError:
        print("proselint: not installed (pip install '.[bench]'); reference row skipped")
        return
    CheckRegistry().register_many(__register__)
    seconds = timed(lambda: [LintFile(path).lint() for path in files])
    rate = megabytes / seconds
    print(
        f"proselint (reference), 1 process, same files ({megabytes:.1f} MB sample):"
        f" {rate:.2f} MB/s, {len(files) / seconds:.1f} docs/s;"
        f" auditor/proselint speed ratio {audit_rate / rate:.2f}"
    )


def strength_rows(documents: list[Document], megabytes: float) -> None:
    rows = [("on", {}), ("off", {"strength": False})]
    if encoder_installed():
        rows.insert(1, ("on, with the fine-tuned encoder", {"strength_model": "encoder"}))
    else:
        print("claim-strength encoder row skipped: the `encoder` extra is not installed")
    for name, settings in rows:
        auditor = Auditor(**settings)
        seconds = timed(lambda a=auditor: list(a.audit_documents(documents)))
        print(
            f"audit, 1 process, claim-strength model {name}:"
            f" {megabytes / seconds:.2f} MB/s, {len(documents) / seconds:.1f} docs/s"
        )


def unrelated_pages(megabytes: float, seed: int = 7) -> list[str]:
    """Pages of everyday prose (about 4 kB each) that name no cell or regenerative therapy."""
    rng = random.Random(seed)
    vocabulary = UNRELATED_PROSE.split()
    pages, size = [], 0
    while size < megabytes * MB:
        sentences = []
        for _ in range(rng.randint(40, 60)):
            words = rng.choices(vocabulary, k=rng.randint(6, 16))
            sentences.append(" ".join(words).capitalize() + ".")
        page = "\n".join(" ".join(sentences[i : i + 5]) for i in range(0, len(sentences), 5))
        pages.append(page)
        size += len(page.encode("utf-8"))
    return pages


def relevance_rows(megabytes: float) -> None:
    pages = unrelated_pages(megabytes)
    size = sum(len(p.encode("utf-8")) for p in pages) / MB
    auditor = Auditor(relevance_gate=True)
    gate = RelevanceGate(auditor.lexicon)
    relevant = 0

    def scan() -> None:
        nonlocal relevant
        relevant = sum(gate.relevant(page) for page in pages)

    seconds = timed(scan)
    print(
        f"relevance gate alone, unrelated pages: {size / seconds:.1f} MB/s on 1 core"
        f" (target {GATE_TARGET_MB_S:g}), {len(pages) / seconds:.0f} pages/s;"
        f" {relevant} of {len(pages)} pages judged relevant"
    )
    documents = [Document.from_text(page, id=f"page-{n}") for n, page in enumerate(pages)]
    reports: list = []
    seconds = timed(lambda: reports.extend(auditor.audit_documents(documents)))
    skipped = sum(not r.relevant for r in reports)
    print(
        f"audit with the relevance gate, unrelated pages: {size / seconds:.1f} MB/s,"
        f" {len(pages) / seconds:.0f} docs/s; {skipped} of {len(pages)} reported not relevant"
    )


def one_line_row(corpus: Path, copies: int = 4) -> None:
    """The worst case we know: a page with no line break and no sentence end, so the whole
    page is one sentence and every pattern's requirements are met in it (work that grows
    with the page, not with its square, is what this row shows)."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.iterdir()) if p.is_file()]
    line = re.sub(r"[\n.!?]+", " ", " ".join(texts * copies))
    auditor = Auditor()
    reports: list = []
    seconds = timed(lambda: reports.extend(auditor.audit_documents([Document.from_text(line)])))
    size = len(line.encode("utf-8")) / MB
    print(
        f"audit, one page that is one {size:.2f} MB line: {size / seconds:.3f} MB/s,"
        f" {len(reports[0].findings)} findings"
    )


def tokenizer_rate(documents: Iterable[Document], megabytes: float) -> float:
    blank = spacy.blank("en")
    seconds = timed(lambda: [None for _ in blank.tokenizer.pipe(d.text for d in documents)])
    return megabytes / seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=50.0, help="size of the document set")
    parser.add_argument("--corpus", type=Path, default=REPO / "corpus" / "docs")
    parser.add_argument("--workers", type=int, default=default_workers(), help="pool size")
    parser.add_argument(
        "--sample-mb", type=float, default=2.0, help="size of the proselint/strength sample"
    )
    parser.add_argument("--gate-mb", type=float, default=20.0, help="unrelated text to gate")
    parser.add_argument("--skip-pool", action="store_true", help="no process-pool rows")
    parser.add_argument("--skip-dask", action="store_true", help="no Dask row")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="auditor-bench-") as temporary:
        folder = Path(temporary)
        documents, megabytes = write_files(args.corpus, args.mb, folder)
        print(f"input: {documents} documents, {megabytes:.1f} MB (corpus repeated, one file each)")

        started = time.perf_counter()
        auditor = auditor_for(SETTINGS)
        print(
            f"pipeline build: {time.perf_counter() - started:.2f} s;"
            f" rules: {len(auditor.lexicon.rules)}"
        )
        files, sample_mb = sample_files(folder, args.sample_mb)
        sample = [Document.from_text(p.read_text(encoding="utf-8"), id=p.name) for p in files]
        print(f"spaCy blank tokenizer alone: {tokenizer_rate(sample, sample_mb):.2f} MB/s")

        one = run_row("1 process", SerialRunner(auditor), folder, documents, megabytes)
        if not args.skip_pool:
            pool = ProcessPoolRunner(SETTINGS, args.workers)
            rate = run_row(
                f"process pool, {args.workers} workers", pool, folder, documents, megabytes
            )
            if args.workers != 2:
                pool = ProcessPoolRunner(SETTINGS, 2)
                rate = run_row("process pool, 2 workers", pool, folder, documents, megabytes)
            print(f"scaling, 1 to 2 cores: {rate / one:.2f}x (target {SCALING_TARGET}x)")
        if not args.skip_dask:
            dask = DaskRunner(SETTINGS, 2)
            run_row("Dask LocalCluster, 2 workers", dask, folder, documents, megabytes)

        proselint_row(files, sample_mb, one)
        strength_rows(sample, sample_mb)
        one_line_row(args.corpus)
    relevance_rows(args.gate_mb)


if __name__ == "__main__":
    main()
