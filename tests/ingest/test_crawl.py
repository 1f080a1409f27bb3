"""Crawling the fixture site: same host, robots.txt, caps, pacing, one fetch per page."""

from __future__ import annotations

from itertools import pairwise

from auditor.documents import Document
from auditor.errors import InputError
from auditor.ingest.crawl import crawl, normalise_url
from auditor.ingest.options import IngestOptions

FAST = IngestOptions(allow_private=True, timeout=2.0, crawl_delay=0)


def outcome(items) -> list[str]:
    return [i.id if isinstance(i, Document) else f"{i.code} {i.source}" for i in items]


def test_crawl_audits_each_page_of_the_site_once(site):
    items = list(crawl(site.url("/index.html"), FAST))
    assert outcome(items) == [
        site.url("/index.html"),
        site.url("/treatments.html"),
        site.url("/about.html"),
        f"I116 {site.url('/missing.html')}",
        site.url("/brochure.pdf"),
    ]
    assert site.paths()[0] == "/robots.txt"
    assert sorted(site.paths()) == sorted(set(site.paths()))  # nothing fetched twice
    assert not any(p.startswith("/private/") or p.endswith(".css") for p in site.paths())


def test_page_cap(site):
    items = list(crawl(site.url("/index.html"), FAST, max_pages=2))
    assert len(items) == 2
    assert site.paths() == ["/robots.txt", "/index.html", "/treatments.html"]


def test_byte_cap_stops_the_crawl(site):
    items = list(crawl(site.url("/index.html"), FAST, max_total_bytes=1))
    assert outcome(items) == [site.url("/index.html")]


def test_requests_are_paced(site):
    delay = 0.2
    list(crawl(site.url("/index.html"), IngestOptions(allow_private=True, crawl_delay=delay)))
    times = [t for t, _ in site.requests]
    assert len(times) == 6
    assert all(b - a >= delay * 0.75 for a, b in pairwise(times))  # unpaced: milliseconds


def test_start_page_disallowed_by_robots(site):
    items = list(crawl(site.url("/private/staff.html"), FAST))
    assert outcome(items) == [f"I120 {site.url('/private/staff.html')}"]
    assert site.paths() == ["/robots.txt"]


def test_unreachable_robots_stops_the_crawl(site):
    site.robots_status = 503
    (error,) = crawl(site.url("/index.html"), FAST)
    assert isinstance(error, InputError) and error.code == "I116"
    assert "robots.txt" in str(error) and "503" in str(error)
    assert site.paths() == ["/robots.txt"]


def test_private_site_is_refused_without_allow_private(site):
    (error,) = crawl(site.url("/index.html"), IngestOptions(crawl_delay=0))
    assert isinstance(error, InputError) and error.code == "I114"
    assert site.requests == []


def test_start_must_be_an_http_url():
    (error,) = crawl("file:///etc/passwd")
    assert error.code == "I114"


def test_normalise_url():
    assert normalise_url("HTTP://Example.COM:80/a/b?x=1#top") == "http://example.com/a/b?x=1"
    assert normalise_url("https://example.com") == "https://example.com/"
    assert normalise_url("https://example.com:8443/") == "https://example.com:8443/"


def test_same_page_under_two_urls_is_audited_once(site):
    items = list(crawl(site.url("/"), FAST))
    ids = [i.id for i in items if isinstance(i, Document)]
    assert ids[0] == site.url("/")
    assert site.url("/index.html") not in ids  # fetched (its bytes are those of /), not reported
    assert "/index.html" in site.paths()


def test_start_redirecting_to_another_host_moves_the_crawl_there(site):
    items = list(crawl(site.url("/go-local"), FAST))
    local = site.base.replace("127.0.0.1", "localhost")
    assert outcome(items)[0] == site.url("/go-local")  # the id is the URL asked for
    assert items[0].url == local + "/about.html"
    later = [i.url if isinstance(i, Document) else i.source for i in items[1:]]
    assert later and {url.split("/")[2] for url in later} == {local.split("/")[2]}
    assert site.paths().count("/robots.txt") == 2  # one per host
