"""The input flags of ``auditor audit``: table columns, URL lists, size and time caps."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from auditor.cli import ExitStatus, main

from ingest_support import SITE, make_warc, serve_site


def audit(*args):
    runner = CliRunner()
    return runner.invoke(main, ["audit", *map(str, args)], catch_exceptions=False)


def records(result) -> list[dict]:
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_table_columns(tmp_path):
    table = tmp_path / "pages.csv"
    table.write_text("page,body\nhome,Our stem cells cure autism.\nempty,\n", encoding="utf-8")
    result = audit(
        table, "--text-column", "body", "--id-column", "page", "--workers", 1, "-f", "jsonl"
    )
    assert result.exit_code == ExitStatus.INPUT_ERRORS
    got = {(r["kind"], r.get("id") or r.get("code")) for r in records(result)}
    assert got == {("document", "home"), ("error", "I105")}


def test_urls_file_alone(tmp_path):
    with serve_site() as site:
        urls = tmp_path / "urls.txt"
        urls.write_text(f"{site.url('/treatments.html')}\n{site.url('/slow')}\n")
        args = ("--urls", urls, "--allow-private", "--timeout", 0.5, "--workers", 1)
        result = audit(*args, "-f", "jsonl")
    assert result.exit_code == ExitStatus.INPUT_ERRORS
    by_kind = {r["kind"]: r for r in records(result)}
    assert by_kind["document"]["id"] == site.url("/treatments.html")
    assert by_kind["error"]["code"] == "I115"


def test_max_bytes_with_a_unit(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("Stem cells cure autism. " * 100, encoding="utf-8")
    result = audit(page, "--max-bytes", "1KB", "--workers", 1, "-f", "jsonl")
    assert result.exit_code == ExitStatus.INPUT_ERRORS
    (record,) = records(result)
    assert record["code"] == "I109" and "--max-bytes 1024" in record["error"]


@pytest.mark.parametrize("args", [(), ("--allow-private",)])
def test_no_input_is_a_usage_error(args):
    result = audit(*args)
    assert result.exit_code == ExitStatus.CONFIG_ERROR
    assert "--urls FILE" in result.output


def test_web_archive_gets_a_site_view(tmp_path):
    archive = tmp_path / "crawl.warc.gz"
    pages = [
        (f"https://renewal.example/{name}", "text/html", (SITE / name).read_bytes())
        for name in ("index.html", "treatments.html", "about.html")
    ]
    archive.write_bytes(make_warc(pages))
    result = audit(archive, "--workers", 1)
    assert result.exit_code == ExitStatus.OK
    assert "site renewal.example  3 page(s)" in result.stdout
