"""The progress bar: documents/s and ETA on a terminal, nothing at all otherwise."""

from __future__ import annotations

import io

from rich.console import Console

from auditor.cli.progress import expected_documents, progress_bar


def shown(terminal: bool, items: int, expected: int | None) -> str:
    out = io.StringIO()
    console = Console(file=out, force_terminal=terminal, width=120)
    with progress_bar(console, expected) as counted:
        assert list(counted(range(items))) == list(range(items))
    return out.getvalue()


def test_a_terminal_shows_count_rate_and_time_left():
    text = shown(True, 3, 3)
    assert "3/3" in text and "docs/s" in text and "ETA" in text


def test_the_total_grows_when_an_input_holds_more_documents_than_expected():
    assert "5/5" in shown(True, 5, 2)


def test_without_a_terminal_nothing_is_written():
    assert shown(False, 3, 3) == ""


def test_expected_documents_counts_supported_files_and_other_inputs(tmp_path):
    (tmp_path / "sub").mkdir()
    for name in ("a.txt", "b.md", "sub/c.html", "sub/d.warc.gz", "notes.docx"):
        (tmp_path / name).write_bytes(b"x")
    assert expected_documents([str(tmp_path), "-", "missing.txt"]) == 6
