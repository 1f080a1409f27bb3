"""Fetching one URL safely: http(s) only, public addresses only, capped in time and bytes.

A URL list is untrusted input, so a fetch must not be a way into the machine's own network.
The address check runs where the socket is opened (:class:`GuardedBackend`), on the address
actually connected to, so it holds on every redirect hop and cannot be dodged by a host name
that resolves differently the second time. Every failure is an :class:`InputError` naming the
URL and the reason; nothing here raises anything else for a bad page.
"""

from __future__ import annotations

import contextlib
import ipaddress
import socket
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from auditor.documents import Document
from auditor.errors import InputError
from auditor.ingest.html import HTML_TYPES, read_html
from auditor.ingest.options import IngestOptions
from auditor.ingest.pdf import read_pdf
from auditor.ingest.text import read_text

SCHEMES = ("http", "https")
TEXT_TYPES = ("text/plain", "text/markdown")
PDF_TYPES = ("application/pdf",)
UNTYPED = ("", "application/octet-stream")
CHUNK = 64 * 1024


class BlockedAddress(Exception):
    """The host resolves to an address a fetch may not reach without ``allow_private``."""

    def __init__(self, host: str, address: str, kind: str) -> None:
        self.host, self.address, self.kind = host, address, kind
        named = f"{address} is" if host.strip("[]") == address else f"{host} resolves to {address},"
        super().__init__(f"{named} a {kind} address")


def address_kind(address: str) -> str | None:
    """Why an address is off limits (``"loopback"``, ``"private"`` ...), or ``None`` if public."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    for kind in ("loopback", "link_local", "private", "multicast", "reserved", "unspecified"):
        if getattr(ip, f"is_{kind}"):
            return kind.replace("_", "-")
    return None if ip.is_global else "non-public"


class GuardedBackend(httpcore.SyncBackend):
    """Resolve the host once, refuse non-public addresses, connect to the address checked."""

    def __init__(self, allow_private: bool) -> None:
        self.allow_private = allow_private

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as exc:
            raise httpcore.ConnectError(f"cannot resolve host {host!r}: {exc}") from exc
        addresses = list(dict.fromkeys(info[4][0] for info in infos))
        if not self.allow_private:
            for address in addresses:
                kind = address_kind(address)
                if kind:
                    raise BlockedAddress(host, address, kind)
        failure: httpcore.ConnectError | None = None
        for address in addresses:
            try:
                return super().connect_tcp(address, port, timeout, local_address, socket_options)
            except httpcore.ConnectError as exc:
                failure = exc
        raise failure or httpcore.ConnectError(f"no address for {host!r}")


class GuardedTransport(httpx.HTTPTransport):
    """httpx's transport with the connection pool opening sockets through the guard."""

    def __init__(self, allow_private: bool) -> None:
        super().__init__(trust_env=False)
        # A proxy would hide the real address from the guard, hence trust_env=False above and
        # a pool of our own (httpx has no public hook for the network backend).
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            network_backend=GuardedBackend(allow_private),
        )


def make_client(options: IngestOptions) -> httpx.Client:
    """A client for one batch or crawl: guarded transport, timeouts, our user agent."""
    return httpx.Client(
        transport=GuardedTransport(options.allow_private),
        timeout=httpx.Timeout(options.timeout),
        headers={"User-Agent": options.user_agent},
        follow_redirects=False,
        trust_env=False,
    )


@dataclass(frozen=True)
class Fetched:
    """The final response of a fetch, after redirects: any status, body read within the caps."""

    url: str
    status: int
    reason: str
    media_type: str
    body: bytes


def fetch_document(url: str, options: IngestOptions) -> Document:
    """Fetch ``url`` and read it as a document (HTML, plain text, Markdown or PDF).

    Raises :class:`InputError` for a refused URL, a timeout, an HTTP error status, a redirect
    loop, a body over ``options.max_bytes``, an unsupported content type or an unreadable page.
    """
    with make_client(options) as client:
        return read_fetched(url, fetch(url, options, client))


def fetch(url: str, options: IngestOptions, client: httpx.Client) -> Fetched:
    """Fetch ``url`` following redirects; a final status other than 2xx raises ``I116``."""
    fetched = fetch_any_status(url, options, client)
    if not 200 <= fetched.status < 300:
        raise InputError("I116", source=url, status=fetched.status, reason=fetched.reason)
    return fetched


def fetch_any_status(url: str, options: IngestOptions, client: httpx.Client) -> Fetched:
    """Like :func:`fetch` but returns error statuses too (robots.txt needs them)."""
    deadline = time.monotonic() + options.timeout
    seen = {url}
    current = url
    for hop in range(options.max_redirects + 1):
        scheme = urlsplit(current).scheme.lower()
        if scheme not in SCHEMES:
            problem = f"scheme {scheme or '(none)'!r} is not http or https"
            raise InputError("I114", source=url, problem=problem)
        with _errors_as_input_errors(url, options), client.stream("GET", current) as response:
            if not response.is_redirect:
                return Fetched(
                    url=str(response.url),
                    status=response.status_code,
                    reason=response.reason_phrase,
                    media_type=_media_type(response),
                    body=_read_body(url, response, options, deadline),
                )
            target = urljoin(current, response.headers.get("location", ""))
        if target in seen:
            problem = f"redirect loop back to {target} after {hop + 1} redirect(s)"
            raise InputError("I117", source=url, problem=problem)
        seen.add(target)
        current = target
    problem = f"too many redirects (more than {options.max_redirects})"
    raise InputError("I117", source=url, problem=problem)


def read_fetched(url: str, fetched: Fetched) -> Document:
    """Read a fetched body by its content type; the document id is the URL asked for.

    A missing or generic content type (``application/octet-stream``) is sniffed from the first
    bytes: ``%PDF-`` is a PDF, a leading ``<`` an HTML page.
    """
    media_type = fetched.media_type
    if media_type in UNTYPED:
        head = fetched.body[:1024].lstrip()
        media_type = PDF_TYPES[0] if head.startswith(b"%PDF-") else media_type
        media_type = HTML_TYPES[0] if head.startswith(b"<") else media_type
    if media_type in HTML_TYPES:
        return read_html(url, fetched.body, url=fetched.url, document_id=url)
    if media_type in TEXT_TYPES:
        document = read_text(url, fetched.body, media_type=media_type)
    elif media_type in PDF_TYPES:
        document = read_pdf(url, fetched.body)
    else:
        supported = ", ".join((*HTML_TYPES, *TEXT_TYPES, *PDF_TYPES))
        raise InputError("I119", source=url, media_type=media_type, supported=supported)
    return replace(document, url=fetched.url)


def _media_type(response: httpx.Response) -> str:
    return response.headers.get("content-type", "").split(";", 1)[0].strip().lower()


def _read_body(
    url: str, response: httpx.Response, options: IngestOptions, deadline: float
) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > options.max_bytes:
        raise InputError("I109", source=url, size=declared, limit=options.max_bytes)
    body = bytearray()
    for chunk in response.iter_bytes(CHUNK):
        body += chunk
        if len(body) > options.max_bytes:
            raise InputError("I109", source=url, size=f"over {len(body)}", limit=options.max_bytes)
        if time.monotonic() > deadline:
            raise InputError(
                "I115", source=url, timeout=options.timeout, problem="body still arriving"
            )
    return bytes(body)


@contextlib.contextmanager
def _errors_as_input_errors(url: str, options: IngestOptions) -> Iterator[None]:
    try:
        yield
    except BlockedAddress as exc:
        problem = f"{exc}; such addresses are refused unless allowed (CLI: --allow-private)"
        raise InputError("I114", source=url, problem=problem) from exc
    except httpx.TimeoutException as exc:
        raise InputError(
            "I115", source=url, timeout=options.timeout, problem=type(exc).__name__
        ) from exc
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        raise InputError("I118", source=url, problem=str(exc) or type(exc).__name__) from exc
