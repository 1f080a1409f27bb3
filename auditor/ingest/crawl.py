"""Crawl one site politely: same host only, robots.txt obeyed, rate-limited, capped.

Pages are fetched lazily, breadth first from the start URL, one at a time as the runner asks
for them, through the same guarded fetcher as ``--urls`` (so robots.txt and every page obey
the address check and the size and time caps). Each page becomes a document or an error
record; pages robots.txt disallows are not fetched, and pages that redirect off the site, or
repeat a page already audited (same final URL or same bytes, as ``/`` and ``/index.html``
often do), are not reported.
"""

from __future__ import annotations

import hashlib
import time
from collections import deque
from collections.abc import Iterator
from urllib.parse import urljoin, urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

import lxml.etree
import lxml.html

from auditor.documents import Document
from auditor.errors import InputError
from auditor.ingest.fetch import SCHEMES, fetch, fetch_any_status, make_client, read_fetched
from auditor.ingest.html import HTML_TYPES
from auditor.ingest.options import DEFAULT_OPTIONS, MB, IngestOptions

DEFAULT_MAX_PAGES = 100
DEFAULT_MAX_TOTAL_BYTES = 200 * MB
# Links to these are assets, not pages: fetching them would spend the page budget for nothing.
# fmt: off
ASSET_SUFFIXES = frozenset({
    ".css", ".js", ".json", ".xml", ".ico", ".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp",
    ".avif", ".mp3", ".mp4", ".webm", ".mov", ".woff", ".woff2", ".ttf", ".eot", ".zip", ".gz",
    ".tar", ".dmg", ".exe",
})
# fmt: on
DEFAULT_PORTS = {"http": 80, "https": 443}


def normalise_url(url: str) -> str:
    """One spelling per page: lower-case scheme and host, no default port, no fragment."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"
    netloc = host if parts.port in (None, DEFAULT_PORTS.get(scheme)) else f"{host}:{parts.port}"
    return urlunsplit((scheme, netloc, parts.path or "/", parts.query, ""))


def crawl(
    start_url: str,
    options: IngestOptions = DEFAULT_OPTIONS,
    *,
    max_pages: int = DEFAULT_MAX_PAGES,
    max_total_bytes: int = DEFAULT_MAX_TOTAL_BYTES,
) -> Iterator[Document | InputError]:
    """Yield a document or an error record for each page of the start URL's site.

    Stops after ``max_pages`` fetches or once ``max_total_bytes`` have been downloaded. Waits
    ``options.crawl_delay`` seconds between requests, or the robots.txt ``Crawl-delay`` if
    longer. An unreachable robots.txt (5xx, timeout) stops the crawl with its error record,
    as RFC 9309 asks; a missing one (4xx) allows everything.
    """
    start = normalise_url(start_url)
    parts = urlsplit(start)
    if parts.scheme not in SCHEMES or not parts.hostname:
        problem = "a crawl needs an absolute http or https URL"
        yield InputError("I114", source=start_url, problem=problem)
        return
    site = parts.netloc
    with make_client(options) as client:
        pace = _Pace(options.crawl_delay)
        try:
            robots = _robots(start, options, client, pace)
        except InputError as exc:
            yield exc
            return
        queue, seen = deque([start]), {start}
        done: set[str | bytes] = set()
        pages = downloaded = 0
        while queue and pages < max_pages and downloaded < max_total_bytes:
            url = queue.popleft()
            if not robots.can_fetch(options.user_agent, url):
                if url == start:
                    yield InputError("I120", source=url, agent=options.user_agent)
                continue
            pages += 1
            pace.wait()
            try:
                fetched = fetch(url, options, client)
            except InputError as exc:
                yield exc
                continue
            downloaded += len(fetched.body)
            final = normalise_url(fetched.url)
            if url == start and urlsplit(final).netloc != site:
                # The site lives elsewhere (example.com -> www.example.com): follow it there.
                site = urlsplit(final).netloc
                try:
                    robots = _robots(final, options, client, pace)
                except InputError as exc:
                    yield exc
                    return
                if not robots.can_fetch(options.user_agent, final):
                    yield InputError("I120", source=final, agent=options.user_agent)
                    return
            digest = hashlib.sha256(fetched.body).digest()
            if urlsplit(final).netloc != site or final in done or digest in done:
                continue  # redirected off the site, or a page already audited (same URL or body)
            done.update((final, digest))
            if fetched.media_type in HTML_TYPES:
                for link in _links(fetched.body, fetched.url):
                    if urlsplit(link).netloc == site and link not in seen and _is_page(link):
                        seen.add(link)
                        queue.append(link)
            try:
                yield read_fetched(url, fetched)
            except InputError as exc:
                yield exc


class _Pace:
    """Keeps at least ``delay`` seconds between the starts of two requests."""

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self._last = float("-inf")

    def wait(self) -> None:
        pause = self._last + self.delay - time.monotonic()
        if pause > 0:
            time.sleep(pause)
        self._last = time.monotonic()


def _robots(start: str, options: IngestOptions, client, pace: _Pace) -> RobotFileParser:
    """The site's robots.txt rules; its ``Crawl-delay``, if longer, slows ``pace`` down."""
    robots_url = urljoin(start, "/robots.txt")
    parser = RobotFileParser(robots_url)
    pace.wait()
    fetched = fetch_any_status(robots_url, options, client)
    if 400 <= fetched.status < 500:
        parser.allow_all = True
    elif not 200 <= fetched.status < 300:
        raise InputError("I116", source=robots_url, status=fetched.status, reason=fetched.reason)
    else:
        parser.parse(fetched.body.decode("utf-8", errors="replace").splitlines())
    pace.delay = max(pace.delay, float(parser.crawl_delay(options.user_agent) or 0))
    return parser


def _links(body: bytes, base_url: str) -> Iterator[str]:
    """Absolute, normalised http(s) links of an HTML page (``<base href>`` honoured)."""
    try:
        root = lxml.html.document_fromstring(body)
    except (lxml.etree.ParserError, ValueError):
        return
    base = next((b.get("href") for b in root.iter("base") if b.get("href")), None)
    base_url = urljoin(base_url, base) if base else base_url
    for anchor in root.iter("a", "area"):
        href = (anchor.get("href") or "").strip()
        if not href:
            continue
        url = urljoin(base_url, href)
        if urlsplit(url).scheme in SCHEMES:
            yield normalise_url(url)


def _is_page(url: str) -> bool:
    path = urlsplit(url).path.lower()
    dot = path.rfind(".")
    return dot <= path.rfind("/") or path[dot:] not in ASSET_SUFFIXES
