"""Real inputs for the ingest tests: an HTTP server on 127.0.0.1, PDFs and WARCs we write.

The server serves ``tests/fixtures/site`` (``SITE_HOST`` in a page becomes the server's own
host and port) plus routes that misbehave on purpose: slow, erroring, looping, oversized.
Every request is logged with its time, so tests can check what a crawler fetched and when.
"""

from __future__ import annotations

import contextlib
import io
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

SITE = Path(__file__).resolve().parent / "fixtures" / "site"
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".css": "text/css",
    ".pdf": "application/pdf",
}
BROCHURE_PAGES = [
    "Renewal Cell Clinic price list.\nKnee injection with stem cells: $4,500.",
    "Our stem cells cure multiple sclerosis and reverse autism.\nBook now and save 20%.",
]
SLOW_SECONDS = 3.0
BIG_BYTES = 2 * 1024 * 1024


def make_pdf(pages: list[str]) -> bytes:
    """A minimal valid PDF with one page per string (Helvetica, one text line per line)."""
    objects: list[bytes] = []
    page_ids = [4 + 2 * i for i in range(len(pages))]
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    kids = " ".join(f"{i} 0 R" for i in page_ids)
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode())
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    for page_id, text in zip(page_ids, pages, strict=True):
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            f"/Resources << /Font << /F1 3 0 R >> >> /Contents {page_id + 1} 0 R >>".encode()
        )
        lines = [
            "(" + line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") Tj T*"
            for line in text.split("\n")
        ]
        stream = ("BT /F1 12 Tf 14 TL 72 720 Td " + " ".join(lines) + " ET").encode("latin-1")
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def make_warc(records: list[tuple[str, str, bytes]], gzip: bool = True) -> bytes:
    """A WARC of response records ``(uri, content type, body)``, each with HTTP 200 headers."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzip)
    for uri, content_type, body in records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            uri, "response", payload=io.BytesIO(body), http_headers=headers
        )
        writer.write_record(record)
    return out.getvalue()


@dataclass
class Site:
    """A running fixture server: its base URL and the requests it has served."""

    base: str
    requests: list[tuple[float, str]] = field(default_factory=list)
    robots_status: int | None = None

    def url(self, path: str) -> str:
        return self.base + path

    def paths(self) -> list[str]:
        return [path for _, path in self.requests]


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format, *args):  # keep test output clean
            pass

        def do_GET(self):
            site.requests.append((time.monotonic(), self.path))
            route = self.path.split("?", 1)[0]
            if route == "/robots.txt" and site.robots_status:
                return self._send(site.robots_status, b"unavailable", "text/plain")
            if route == "/slow":
                time.sleep(SLOW_SECONDS)
                return self._send(200, b"<html><body><p>late</p></body></html>", "text/html")
            if route == "/error":
                return self._send(500, b"boom", "text/plain")
            if route in ("/loop-a", "/loop-b"):
                target = "/loop-b" if route == "/loop-a" else "/loop-a"
                return self._redirect(target)
            if route == "/moved":
                return self._redirect("/about.html")
            if route == "/go-local":  # the same server under another host name
                return self._redirect(site.base.replace("127.0.0.1", "localhost") + "/about.html")
            if route == "/to-file":
                return self._redirect("file:///etc/passwd")
            if route == "/big":
                return self._send(200, b"<p>" + b"a" * BIG_BYTES + b"</p>", "text/html")
            if route == "/brochure.pdf":
                return self._send(200, make_pdf(BROCHURE_PAGES), "application/pdf")
            if route == "/untyped":
                return self._send(200, (SITE / "about.html").read_bytes(), "")
            if route == "/image.png":
                return self._send(200, b"\x89PNG\r\n\x1a\n", "image/png")
            path = (SITE / route.lstrip("/")).resolve()
            if route.endswith("/"):
                path = path / "index.html"
            if not path.is_relative_to(SITE) or not path.is_file():
                return self._send(404, b"not found", "text/plain")
            body = path.read_bytes().replace(b"SITE_HOST", site.base.split("//")[1].encode())
            return self._send(200, body, CONTENT_TYPES.get(path.suffix, "text/plain"))

        def _redirect(self, target: str) -> None:
            self.send_response(302)
            self.send_header("Location", target)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def _send(self, status: int, body: bytes, content_type: str) -> None:
            self.send_response(status)
            if content_type:
                self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            # The client may give up (timeout, size cap): that is what the test wants.
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(body)

    return Handler


@contextmanager
def serve_site() -> Iterator[Site]:
    """Serve the fixture site on 127.0.0.1 (a free port) for the duration of the block."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    site = Site(base=f"http://127.0.0.1:{server.server_address[1]}")
    server.RequestHandlerClass = _handler(site)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
