"""The relevance pre-scan: unrelated pages skip the pipeline; relevant pages are untouched."""

from __future__ import annotations

import dataclasses

import pytest

from auditor import Auditor, Document
from auditor.lexicon import load_lexicons
from auditor.relevance import TERM_SET, RelevanceGate

from tests_support import corpus_documents

UNRELATED = [
    "Our bakery is 100% organic. Book your free tasting today: limited-time offer!",
    "The council approved the new cycle lane. Residents say it is an excellent change.",
    "Careers: we are hiring a receptionist for our downtown office. Apply by Friday.",
]
RELATED = [
    "Our stem cell therapy reverses arthritis.",
    "PRP injections heal torn tendons in days.",
    "Exosome facials regenerate your skin.",
    "We offer Wharton's jelly infusions for long COVID.",
    "Our clinic's cellular treatments are FDA registered.",
]


@pytest.fixture(scope="module")
def gate() -> RelevanceGate:
    return RelevanceGate(load_lexicons())


@pytest.mark.parametrize("text", UNRELATED)
def test_pages_without_cell_or_regenerative_terms_are_not_relevant(gate, text):
    assert not gate.relevant(text)


@pytest.mark.parametrize("text", RELATED)
def test_pages_naming_a_cell_product_are_relevant(gate, text):
    assert gate.relevant(text)


def test_every_corpus_document_passes_the_gate(gate):
    documents = [d for d in corpus_documents() if isinstance(d, Document)]
    assert documents
    assert [d.id for d in documents if not gate.relevant(d.text)] == []


def test_without_the_term_set_every_page_is_relevant():
    lexicon = load_lexicons()
    term_sets = {k: v for k, v in lexicon.term_sets.items() if k != TERM_SET}
    bare = RelevanceGate(dataclasses.replace(lexicon, term_sets=term_sets))
    assert all(bare.relevant(text) for text in UNRELATED)


def test_gated_auditor_reports_unrelated_pages_as_not_relevant_and_keeps_order(auditor):
    gated = Auditor(relevance_gate=True)
    documents = [
        Document.from_text(text, id=f"doc{i}") for i, text in enumerate([*UNRELATED, *RELATED])
    ]
    reports = list(gated.audit_documents(documents))
    assert [r.id for r in reports] == [d.id for d in documents]
    for report in reports[: len(UNRELATED)]:
        assert not report.relevant
        assert report.findings == [] and report.risk.score == 0
        assert report.document.kind == "not_relevant"
    for report, document in zip(
        reports[len(UNRELATED) :], documents[len(UNRELATED) :], strict=True
    ):
        ungated = auditor.audit(document)
        assert report.relevant
        assert report.model_dump() == ungated.model_dump()
