"""Helpers shared by several test modules (not fixtures: plain functions)."""

from __future__ import annotations

import json
from pathlib import Path

from auditor.documents import Document
from auditor.ingest import iter_inputs

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def corpus_records() -> list[dict]:
    lines = (CORPUS / "annotations.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def corpus_documents() -> list[Document]:
    return list(iter_inputs([str(CORPUS / r["doc"]) for r in corpus_records()]))
