"""HTML pages: main text by trafilatura, boilerplate gone, title and URL kept."""

from __future__ import annotations

from auditor.documents import Document
from auditor.errors import InputError
from auditor.ingest import iter_inputs
from auditor.ingest.html import read_html

from ingest_support import SITE


def test_page_main_text_without_boilerplate():
    (document,) = iter_inputs([str(SITE / "index.html")])
    assert isinstance(document, Document)
    assert document.media_type == "text/html"
    assert document.id == document.source == str(SITE / "index.html")
    assert document.title == "Welcome to Renewal Cell Clinic"
    assert "cures knee osteoarthritis" in document.text
    for boilerplate in ("All rights reserved", "Privacy policy", "Staff area", "Write to us"):
        assert boilerplate not in document.text


def test_finding_offsets_index_the_extracted_text(auditor):
    (document,) = iter_inputs([str(SITE / "treatments.html")])
    report = auditor.audit(document)
    assert report.findings
    for finding in report.findings:
        assert document.text[finding.start : finding.end] == finding.text


def test_page_without_main_text_is_an_error_record():
    (item,) = iter_inputs([str(SITE / "empty.html")])
    assert isinstance(item, InputError) and item.code == "I108"
    assert str(SITE / "empty.html") in str(item)


def test_saved_page_keeps_its_canonical_url():
    raw = (
        (SITE / "about.html")
        .read_bytes()
        .replace(b"<head>", b'<head><link rel="canonical" href="https://renewal.example/about">')
    )
    document = read_html("saved/about.html", raw)
    assert document.id == "saved/about.html"
    assert document.url == "https://renewal.example/about"


def test_declared_charset_is_honoured():
    page = (
        '<html><head><meta charset="iso-8859-1"><title>Caf\u00e9</title></head><body><article>'
        "<p>Le caf\u00e9 de la clinique propose des cellules souches pour le genou. "
        * 8
        + "</p></article></body></html>"
    )
    document = read_html("cafe.html", page.encode("iso-8859-1"))
    assert "caf\u00e9 de la clinique" in document.text
