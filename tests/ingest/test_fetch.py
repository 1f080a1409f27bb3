"""Fetching URLs from a real HTTP server on 127.0.0.1: safeguards, caps and clear errors."""

from __future__ import annotations

import pytest

from auditor.errors import InputError
from auditor.ingest.fetch import address_kind, fetch_document
from auditor.ingest.options import IngestOptions

from ingest_support import SLOW_SECONDS

LOCAL = IngestOptions(allow_private=True, timeout=1.0)


def failure(url: str, options: IngestOptions = LOCAL) -> InputError:
    with pytest.raises(InputError) as caught:
        fetch_document(url, options)
    assert url in str(caught.value)
    return caught.value


def test_page_becomes_a_document(site):
    document = fetch_document(site.url("/index.html"), LOCAL)
    assert document.id == document.url == site.url("/index.html")
    assert document.title == "Welcome to Renewal Cell Clinic"
    assert "cures knee osteoarthritis" in document.text and "All rights" not in document.text


def test_redirect_keeps_the_asked_url_as_id(site):
    document = fetch_document(site.url("/moved"), LOCAL)
    assert document.id == site.url("/moved")
    assert document.url == site.url("/about.html")


def test_pdf_over_http_keeps_its_pages(site):
    document = fetch_document(site.url("/brochure.pdf"), LOCAL)
    assert document.media_type == "application/pdf" and len(document.page_starts) == 2


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_loopback_is_refused_before_any_request(site, host):
    url = site.url("/index.html").replace("127.0.0.1", host)
    error = failure(url, IngestOptions(timeout=1.0))
    assert error.code == "I114" and "loopback" in str(error) and "--allow-private" in str(error)
    assert site.requests == []


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.com/a", "example.com/a"])
def test_other_schemes_are_refused(url):
    error = failure(url)
    assert error.code == "I114" and "not http or https" in str(error)


def test_redirect_hops_are_checked_too(site):
    error = failure(site.url("/to-file"))
    assert error.code == "I114" and "'file'" in str(error)


def test_timeout(site):
    assert LOCAL.timeout < SLOW_SECONDS
    error = failure(site.url("/slow"))
    assert error.code == "I115" and "timed out after 1 s" in str(error)


@pytest.mark.parametrize(("path", "status"), [("/nothing-here", 404), ("/error", 500)])
def test_http_error_status(site, path, status):
    error = failure(site.url(path))
    assert error.code == "I116" and f"HTTP {status}" in str(error)


def test_redirect_loop(site):
    error = failure(site.url("/loop-a"))
    assert error.code == "I117" and "redirect loop" in str(error)


def test_too_many_redirects(site):
    error = failure(site.url("/moved"), IngestOptions(allow_private=True, max_redirects=0))
    assert error.code == "I117" and "too many redirects (more than 0)" in str(error)


def test_byte_cap(site):
    error = failure(site.url("/big"), IngestOptions(allow_private=True, max_bytes=100_000))
    assert error.code == "I109" and "--max-bytes 100000" in str(error)


def test_page_without_content_type_is_sniffed(site):
    document = fetch_document(site.url("/untyped"), LOCAL)
    assert document.media_type == "text/html" and document.title == "About the clinic"


def test_unsupported_content_type(site):
    error = failure(site.url("/image.png"))
    assert error.code == "I119" and "image/png" in str(error)


def test_page_without_text(site):
    assert failure(site.url("/empty.html")).code == "I108"


def test_unresolvable_host():
    error = failure("http://no-such-host.invalid/", IngestOptions(timeout=2.0))
    assert error.code == "I118" and "no-such-host.invalid" in str(error)


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("127.0.0.1", "loopback"),
        ("::1", "loopback"),
        ("::ffff:127.0.0.1", "loopback"),
        ("10.1.2.3", "private"),
        ("192.168.0.10", "private"),
        ("169.254.169.254", "link-local"),
        ("fe80::1", "link-local"),
        ("0.0.0.0", "private"),
        ("100.64.0.1", "non-public"),
        ("224.0.0.1", "multicast"),
        ("93.184.215.14", None),
        ("2606:4700::1111", None),
    ],
)
def test_address_kind(address, kind):
    assert address_kind(address) == kind
