"""``auditor crawl`` against the fixture site on a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import json

from click.testing import CliRunner

from auditor.cli import ExitStatus, main


def crawl(*args):
    runner = CliRunner()
    return runner.invoke(main, ["crawl", *map(str, args)], catch_exceptions=False)


def test_crawl_streams_one_record_per_page(site, tmp_path):
    out = tmp_path / "site.jsonl"
    result = crawl(
        site.url("/"), "--allow-private", "--delay", 0, "--workers", 1, "-f", "jsonl", "-o", out
    )
    assert result.exit_code == ExitStatus.INPUT_ERRORS  # /missing.html answers 404
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    documents = {r["id"] for r in records if r["kind"] == "document"}
    assert documents == {site.url(p) for p in ("/", "/treatments.html", "/about.html")} | {
        site.url("/brochure.pdf")
    }
    (error,) = [r for r in records if r["kind"] == "error"]
    assert error["code"] == "I116" and error["source"] == site.url("/missing.html")
    assert "HTTP 404" in result.stderr
    assert not any(p.startswith("/private/") for p in site.paths())


def test_crawl_respects_the_page_cap(site, tmp_path):
    out = tmp_path / "site.jsonl"
    args = ("--allow-private", "--delay", 0, "--workers", 1, "--max-pages", 2)
    result = crawl(site.url("/treatments.html"), *args, "-f", "jsonl", "-o", out)
    assert result.exit_code == ExitStatus.OK
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2


def test_crawl_refuses_a_private_address_by_default(site):
    result = crawl(site.url("/"), "--delay", 0, "--workers", 1, "-f", "json")
    assert result.exit_code == ExitStatus.INPUT_ERRORS
    assert "I114" in result.stderr and "--allow-private" in result.stderr
    assert site.requests == []


def test_crawl_text_report_ends_with_the_site_view(site):
    result = crawl(site.url("/"), "--allow-private", "--delay", 0, "--workers", 1)
    host = site.base.removeprefix("http://")
    assert f"site {host}  4 page(s)" in result.stdout
    assert "indications claimed:" in result.stdout


def test_bad_size_is_a_usage_error(site):
    result = crawl(site.url("/"), "--max-bytes", "lots")
    assert result.exit_code == ExitStatus.CONFIG_ERROR
    assert "'lots' is not a size" in result.output
