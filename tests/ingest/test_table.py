"""CSV and JSONL tables: one document per row, bad rows are error records, the rest goes on."""

from __future__ import annotations

import json

from auditor.documents import Document
from auditor.errors import InputError
from auditor.ingest import iter_inputs
from auditor.ingest.options import IngestOptions

CSV = (
    "page_id,url,body\n"
    'p1,https://renewal.example/,"Our stem cells cure arthritis.\nNo risk at all."\n'
    "p2,https://renewal.example/prices,Save $500 on stem cell injections this week.\n"
    "p3,,\n"
    "p4,,Stem cells reverse autism.\n"
)


def read(tmp_path, name: str, raw: bytes, **options) -> list[Document | InputError]:
    path = tmp_path / name
    path.write_bytes(raw)
    return list(iter_inputs([str(path)], options=IngestOptions(**options)))


def test_csv_rows_become_documents(tmp_path):
    items = read(tmp_path, "pages.csv", CSV.encode(), text_column="body", id_column="page_id")
    assert [getattr(i, "id", None) or i.code for i in items] == ["p1", "p2", "I105", "p4"]
    first, second, empty, fourth = items
    assert first.text == "Our stem cells cure arthritis.\nNo risk at all."  # quoted newline
    assert first.url == "https://renewal.example/" and fourth.url is None
    assert first.source == f"{tmp_path / 'pages.csv'}:2"
    assert fourth.source.endswith("pages.csv:6")  # the quoted newline spans lines 2-3
    assert empty.source.endswith("pages.csv:5")
    assert len({first.sha256, second.sha256, fourth.sha256}) == 3


def test_row_hash_is_stable_across_runs(tmp_path):
    options = {"text_column": "body", "id_column": "page_id"}
    once = read(tmp_path, "a.csv", CSV.encode(), **options)
    again = read(tmp_path, "b.csv", CSV.encode(), **options)
    hashes = [i.sha256 for i in once if isinstance(i, Document)]
    assert hashes == [i.sha256 for i in again if isinstance(i, Document)]


def test_default_id_is_file_and_line(tmp_path):
    items = read(tmp_path, "pages.csv", b"text\nStem cells cure MS.\n")
    assert items[0].id == f"{tmp_path / 'pages.csv'}:2"


def test_missing_column_names_the_columns(tmp_path):
    (item,) = read(tmp_path, "pages.csv", CSV.encode())
    assert isinstance(item, InputError) and item.code == "I113"
    assert "'text'" in str(item) and "page_id, url, body" in str(item)
    assert "--text-column" in str(item)


def test_non_utf8_csv_keeps_rows_before_and_names_the_byte(tmp_path):
    raw = CSV.encode() + "p5,,Caf\u00e9 stem cells\n".encode("latin-1")
    items = read(tmp_path, "pages.csv", raw, text_column="body", id_column="page_id")
    assert [getattr(i, "id", None) or i.code for i in items] == ["p1", "p2", "I105", "p4", "I104"]
    bad_byte_at = raw.index(b"\xe9")
    assert f"0xe9 at offset {bad_byte_at}" in str(items[-1])


def test_oversized_row_is_an_error_and_reading_goes_on(tmp_path):
    raw = ("text\n" + "Stem cells " * 50 + "\nStem cells cure MS.\n").encode()
    items = read(tmp_path, "pages.csv", raw, max_bytes=100)
    assert [type(i).__name__ for i in items] == ["InputError", "Document"]
    assert items[0].code == "I109"


def test_jsonl_lines_and_their_problems(tmp_path):
    lines = [
        json.dumps({"id": "a", "text": "Stem cells cure MS.", "url": "https://x.example/a"}),
        "",
        "{not json",
        json.dumps(["a list"]),
        json.dumps({"id": "d", "body": "no text key"}),
        json.dumps({"id": "e", "text": 42}),
    ]
    raw = "\n".join(lines).encode() + b"\n" + '{"id": "f", "text": "caf\u00e9"}\n'.encode("latin-1")
    raw += json.dumps({"id": "g", "text": "Exosomes reverse ageing."}).encode() + b"\n"
    items = read(tmp_path, "pages.jsonl", raw, id_column="id")
    summary = [i.id if isinstance(i, Document) else (i.code, i.source[-2:]) for i in items]
    assert summary == [
        "a",
        ("I112", ":3"),
        ("I112", ":4"),
        ("I112", ":5"),
        ("I112", ":6"),
        ("I104", ":7"),
        "g",
    ]
    assert items[0].url == "https://x.example/a"
    assert "not valid JSON" in str(items[1]) and "not a JSON object" in str(items[2])
    assert "no key 'text'" in str(items[3]) and "int" in str(items[4])
