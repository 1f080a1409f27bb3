"""Audit throughput in one process: MB/s and documents/s on repeated corpus documents.

Usage: python benchmarks/throughput.py [--mb 20] [--corpus corpus/docs]

The corpus documents are repeated (each copy a separate document) until at least ``--mb``
megabytes of text, then audited with ``Auditor.audit_documents`` (spaCy ``nlp.pipe``) in this
process. Build time of the pipeline is reported apart. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import time
from itertools import cycle
from pathlib import Path

import spacy

from auditor import Auditor, Document

REPO = Path(__file__).resolve().parent.parent


def make_documents(corpus: Path, megabytes: float) -> list[Document]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*")) if p.is_file()]
    documents, size = [], 0
    for number, text in enumerate(cycle(texts)):
        if size >= megabytes * 1_000_000:
            break
        documents.append(Document.from_text(text, id=f"copy-{number}"))
        size += len(text.encode("utf-8"))
    return documents


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=20.0)
    parser.add_argument("--corpus", type=Path, default=REPO / "corpus" / "docs")
    args = parser.parse_args()

    documents = make_documents(args.corpus, args.mb)
    megabytes = sum(len(d.text.encode("utf-8")) for d in documents) / 1_000_000

    started = time.perf_counter()
    auditor = Auditor()
    build = time.perf_counter() - started

    blank = spacy.blank("en")
    started = time.perf_counter()
    for _ in blank.tokenizer.pipe(d.text for d in documents):
        pass
    tokenizer_seconds = time.perf_counter() - started

    started = time.perf_counter()
    findings = sum(len(r.findings) for r in auditor.audit_documents(documents))
    seconds = time.perf_counter() - started

    print(f"input: {len(documents)} documents, {megabytes:.1f} MB (corpus repeated)")
    print(f"pipeline build: {build:.2f} s; rules: {len(auditor.lexicon.rules)}")
    print(f"spaCy blank tokenizer alone: {megabytes / tokenizer_seconds:.2f} MB/s")
    print(
        f"audit, 1 process: {megabytes / seconds:.2f} MB/s, {len(documents) / seconds:.1f} docs/s,"
        f" {findings} findings, {seconds:.1f} s"
    )


if __name__ == "__main__":
    main()
