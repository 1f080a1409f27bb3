"""Reading inputs: every input gives a document or an error record with a clear reason."""

from __future__ import annotations

import os

import pytest

from auditor.documents import Document
from auditor.errors import InputError
from auditor.ingest import iter_inputs
from auditor.ingest.options import IngestOptions

from ingest_support import SITE, make_pdf, make_warc


def only(items):
    items = list(items)
    assert len(items) == 1
    return items[0]


def error_code(path) -> str:
    item = only(iter_inputs([str(path)]))
    assert isinstance(item, InputError), item
    assert str(path) in str(item)
    return item.code


def test_text_and_markdown_become_documents(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"\xef\xbb\xbfFirst line\r\nsecond line\r\n")
    (tmp_path / "b.md").write_text("# Title\n\nBody.\n", encoding="utf-8")
    docs = list(iter_inputs([str(tmp_path)]))
    assert [type(d) for d in docs] == [Document, Document]
    assert docs[0].text == "First line\nsecond line\n"  # BOM dropped, CRLF normalised
    assert docs[1].media_type == "text/markdown"
    assert len(docs[0].sha256) == 64


def test_binary_file(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"GIF89a\x00\x01\x02")
    assert error_code(path) == "I103"


def test_invalid_utf8_names_byte_and_offset(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Caf\u00e9 cure".encode("latin-1"))
    item = only(iter_inputs([str(path)]))
    assert item.code == "I104"
    assert "0xe9" in str(item) and "offset 3" in str(item)


def test_empty_file(tmp_path):
    path = tmp_path / "empty.md"
    path.write_text("  \n\n", encoding="utf-8")
    assert error_code(path) == "I105"


def test_missing_file(tmp_path):
    assert error_code(tmp_path / "nope.txt") == "I101"


def test_folder_without_documents(tmp_path):
    (tmp_path / "notes.pdfx").write_text("x", encoding="utf-8")
    assert error_code(tmp_path) == "I106"


def test_unsupported_extension(tmp_path):
    path = tmp_path / "page.docx"
    path.write_text("x", encoding="utf-8")
    assert error_code(path) == "I107"


@pytest.mark.skipif(not os.path.exists("/proc/self/mem"), reason="needs Linux /proc")
def test_unreadable_file(tmp_path):
    # /proc/self/mem exists but cannot be read sequentially from offset 0: a real I/O error
    # (file permissions cannot make a file unreadable for root, who runs CI).
    path = tmp_path / "mem.txt"
    path.symlink_to("/proc/self/mem")
    assert error_code(path) == "I102"


def test_stdin_is_a_document():
    item = only(iter_inputs(["-"], stdin=b"Stem cells cure everything."))
    assert item.id == "<stdin>" and item.text.startswith("Stem cells")


def test_file_over_the_size_cap(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_text("Stem cells. " * 100, encoding="utf-8")
    (item,) = iter_inputs([str(path)], options=IngestOptions(max_bytes=1000))
    assert isinstance(item, InputError) and item.code == "I109"
    assert "1200 bytes; --max-bytes 1000" in str(item)


def test_folder_reads_every_supported_format_in_order(tmp_path):
    (tmp_path / "a.html").write_bytes((SITE / "about.html").read_bytes())
    (tmp_path / "b.pdf").write_bytes(make_pdf(["Stem cells cure MS."]))
    (tmp_path / "c.csv").write_text("text\nStem cells cure MS.\nExosomes cure ALS.\n")
    (tmp_path / "d.warc.gz").write_bytes(
        make_warc([("https://x.example/", "text/html", (SITE / "index.html").read_bytes())])
    )
    (tmp_path / "e.docx").write_bytes(b"skipped: not a supported type")
    media = [(d.media_type, d.id.replace(str(tmp_path), "")) for d in iter_inputs([str(tmp_path)])]
    assert media == [
        ("text/html", "/a.html"),
        ("application/pdf", "/b.pdf"),
        ("text/plain", "/c.csv:2"),
        ("text/plain", "/c.csv:3"),
        ("text/html", "https://x.example/"),
    ]


def test_urls_as_arguments_and_from_a_file_in_order(tmp_path, site):
    urls = tmp_path / "urls.txt"
    urls.write_text(
        f"# pages to check\n{site.url('/about.html')}\n\n{site.url('/error')}\n"
        f"{site.url('/treatments.html')}\n",
        encoding="utf-8",
    )
    options = IngestOptions(allow_private=True, urls_file=urls)
    items = list(iter_inputs([site.url("/index.html")], options=options))
    assert [getattr(i, "id", None) or i.code for i in items] == [
        site.url("/index.html"),
        site.url("/about.html"),
        "I116",
        site.url("/treatments.html"),
    ]


def test_missing_urls_file(tmp_path):
    options = IngestOptions(urls_file=tmp_path / "nope.txt")
    (item,) = iter_inputs([], options=options)
    assert item.code == "I101"


def test_url_and_file_arguments_keep_their_order(tmp_path, site):
    path = tmp_path / "a.txt"
    path.write_text("Stem cells cure MS.", encoding="utf-8")
    args = [site.url("/about.html"), site.url("/error"), str(path), site.url("/index.html")]
    items = iter_inputs(args, options=IngestOptions(allow_private=True))
    assert [getattr(i, "id", None) or i.code for i in items] == [
        site.url("/about.html"),
        "I116",
        str(path),
        site.url("/index.html"),
    ]
