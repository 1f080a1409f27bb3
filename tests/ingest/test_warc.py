"""Web archives: each HTML response record is a document; a cut-off archive is reported."""

from __future__ import annotations

import pytest

from auditor.documents import Document
from auditor.errors import InputError
from auditor.ingest import iter_inputs
from auditor.ingest.options import IngestOptions

from ingest_support import SITE, make_warc

PAGES = [
    ("https://renewal.example/", "text/html; charset=utf-8", (SITE / "index.html").read_bytes()),
    ("https://renewal.example/logo.png", "image/png", b"\x89PNG\r\n\x1a\n"),
    ("https://renewal.example/soon", "text/html", (SITE / "empty.html").read_bytes()),
    ("https://renewal.example/treatments", "text/html", (SITE / "treatments.html").read_bytes()),
]


def read(tmp_path, raw: bytes, name: str, **options):
    path = tmp_path / name
    path.write_bytes(raw)
    return list(iter_inputs([str(path)], options=IngestOptions(**options)))


@pytest.mark.parametrize(("gzip", "name"), [(True, "site.warc.gz"), (False, "site.warc")])
def test_each_html_response_is_a_document(tmp_path, gzip, name):
    items = read(tmp_path, make_warc(PAGES, gzip=gzip), name)
    assert [type(i).__name__ for i in items] == ["Document", "InputError", "Document"]
    first, empty, treatments = items
    assert first.id == first.url == first.source == "https://renewal.example/"
    assert first.metadata["archive"] == str(tmp_path / name)
    assert "cures knee osteoarthritis" in first.text
    assert empty.code == "I108" and empty.source == "https://renewal.example/soon"
    assert treatments.title == "Conditions we treat with stem cells"


@pytest.mark.parametrize("gzip", [True, False])
@pytest.mark.parametrize("cut", [150, 600])
def test_truncated_archive_keeps_whole_records_and_reports_the_cut(tmp_path, gzip, cut):
    raw = make_warc(PAGES, gzip=gzip)
    items = read(tmp_path, raw[:-cut], "cut.warc.gz" if gzip else "cut.warc")
    *before, last = items
    assert isinstance(last, InputError) and last.code == "I111", items
    assert "truncated or corrupt WARC" in str(last)
    whole = read(tmp_path, raw, "whole.warc.gz" if gzip else "whole.warc")
    assert len(before) < len(whole)
    assert [key(i) for i in before] == [key(i) for i in whole[: len(before)]]


def key(item: Document | InputError) -> tuple:
    if isinstance(item, Document):
        return item.id, item.text
    return item.code, item.source


def test_oversized_record_is_an_error_and_the_archive_goes_on(tmp_path):
    items = read(tmp_path, make_warc(PAGES), "site.warc.gz", max_bytes=1200)
    codes = [i.code if isinstance(i, InputError) else "document" for i in items]
    assert codes == ["I109", "I108", "document"]
    assert items[0].source == "https://renewal.example/"


def test_garbage_with_warc_suffix_is_an_error_record(tmp_path):
    (item,) = read(tmp_path, b"this is not an archive\n" * 5, "junk.warc")
    assert isinstance(item, InputError) and item.code == "I111"
