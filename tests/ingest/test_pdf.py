"""PDF brochures: text per page, and every finding names its page."""

from __future__ import annotations

from auditor.documents import Document
from auditor.errors import InputError
from auditor.ingest import iter_inputs

from ingest_support import BROCHURE_PAGES, make_pdf


def read(tmp_path, raw: bytes, name: str = "brochure.pdf"):
    path = tmp_path / name
    path.write_bytes(raw)
    (item,) = iter_inputs([str(path)])
    return item


def test_pages_are_kept_apart_with_their_offsets(tmp_path):
    document = read(tmp_path, make_pdf(BROCHURE_PAGES))
    assert isinstance(document, Document) and document.media_type == "application/pdf"
    assert len(document.page_starts) == 2
    second = document.text[document.page_starts[1] :]
    assert second.startswith("Our stem cells cure multiple sclerosis")
    assert "price list" in document.text[: document.page_starts[1]]


def test_findings_carry_their_page(tmp_path, auditor):
    document = read(tmp_path, make_pdf(BROCHURE_PAGES))
    findings = auditor.audit(document).findings
    cure = [f for f in findings if "cure" in f.text.lower()]
    assert cure and all(f.page == 2 for f in cure)
    assert all(f.page == (1 if f.start < document.page_starts[1] else 2) for f in findings)


def test_corrupt_pdf_is_an_error_record(tmp_path):
    item = read(tmp_path, b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog")
    assert isinstance(item, InputError) and item.code == "I110"
    assert "not a readable PDF" in str(item)


def test_truncated_pdf_is_an_error_record(tmp_path):
    raw = make_pdf(BROCHURE_PAGES)
    item = read(tmp_path, raw[: len(raw) // 2])
    assert isinstance(item, InputError) and item.code == "I110"


def test_pdf_without_text_is_empty(tmp_path):
    item = read(tmp_path, make_pdf(["", ""]))
    assert isinstance(item, InputError) and item.code == "I105"
