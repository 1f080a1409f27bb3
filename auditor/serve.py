"""The web app behind ``auditor serve``: a paste-and-check page and a JSON API.

``GET /`` is a form (text or URL, jurisdiction); posting it returns the same page with the
highlighted report, drawn by the HTML report's templates. ``POST /api/audit`` takes JSON and
returns the :class:`DocumentReport`; its schema is at ``/openapi.json``. Request bodies are
capped, URLs are fetched through :func:`auditor.ingest.fetch.fetch_document` (http(s) only,
public addresses only unless the app is built with ``allow_private``, time and byte caps), and
nothing from one request is kept for the next: the app holds only the read-only Auditor.
"""

from __future__ import annotations

import threading
from typing import Literal
from urllib.parse import parse_qs

from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, JSONResponse
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from auditor import __version__
from auditor.audit import Auditor
from auditor.criteria import JURISDICTION_CHOICES
from auditor.documents import Document
from auditor.errors import InputError, format_message
from auditor.ingest.fetch import fetch_document
from auditor.ingest.options import MB, IngestOptions
from auditor.ingest.text import read_text
from auditor.report.html import render_page
from auditor.report.models import BatchReport, DocumentReport

MAX_BODY = MB
"""Largest request body accepted, in bytes (a long clinic page is well under 200 kB)."""
FETCH_OPTIONS = IngestOptions(max_bytes=5 * MB, timeout=15.0)
"""Caps for pages fetched on a request's behalf; private addresses stay refused."""
PASTED = "pasted text"
Jurisdiction = Literal[JURISDICTION_CHOICES]  # the tuple spreads into the Literal's values


class AuditRequest(BaseModel):
    """Exactly one of ``text`` and ``url``; ``jurisdiction`` defaults to the server's."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(default=None, description="the text to audit")
    url: str | None = Field(default=None, description="an http(s) page to fetch and audit")
    jurisdiction: Jurisdiction | None = Field(
        default=None, description="whose criteria to judge; international ones always apply"
    )

    @model_validator(mode="after")
    def _one_input(self) -> AuditRequest:
        if (self.text is None) == (self.url is None):
            raise ValueError("give exactly one of 'text' and 'url'")
        return self


class ErrorResponse(BaseModel):
    """An input the auditor could not read: the coded one-line error the CLI prints too."""

    code: str
    error: str


class Form(BaseModel):
    """What the page's form holds, echoed back so the user can edit and resubmit."""

    text: str = ""
    url: str = ""
    jurisdiction: str


def create_app(
    auditor: Auditor | None = None,
    *,
    fetch_options: IngestOptions = FETCH_OPTIONS,
    max_body: int = MAX_BODY,
) -> FastAPI:
    """Build the app around one Auditor (default: built-in lexicons, US criteria).

    ``fetch_options`` sets the caps for URL fetching; tests pass ``allow_private=True`` to
    fetch from a server on 127.0.0.1, which the default refuses.
    """
    auditor = auditor or Auditor()
    lock = threading.Lock()  # one spaCy pipeline: audits run one at a time

    def audit(document: Document, jurisdiction: str | None, keep_text: bool) -> DocumentReport:
        """Audit with this request's settings; the Auditor itself is never changed."""
        variant = auditor.replace(jurisdiction=jurisdiction, keep_text=keep_text)
        with lock:
            return variant.audit(document)

    def read(request: AuditRequest) -> Document:
        """The page at the request's URL, or its text (the request holds exactly one)."""
        if request.url is not None:
            return fetch_document(request.url.strip(), fetch_options)
        return read_text(PASTED, request.text.encode("utf-8"))

    app = FastAPI(
        title="auditor",
        version=__version__,
        description="Flags risky marketing claims in stem-cell and regenerative-medicine "
        "clinic text. Reports say a text is consistent with a criterion, never that it is "
        "illegal.",
    )
    app.add_middleware(BodyLimit, limit=max_body)

    @app.exception_handler(InputError)
    async def input_error(request: Request, exc: InputError) -> JSONResponse:
        return JSONResponse(
            ErrorResponse(code=exc.code, error=str(exc)).model_dump(), status_code=400
        )

    @app.post(
        "/api/audit",
        response_model=DocumentReport,
        responses={
            400: {"model": ErrorResponse, "description": "the text or page cannot be read"},
            413: {"model": ErrorResponse, "description": "request body over the limit"},
        },
    )
    def api_audit(request: AuditRequest) -> DocumentReport:
        """Audit a text, or the page at a URL, and return its report."""
        return audit(read(request), request.jurisdiction, keep_text=False)

    @app.get("/", response_class=HTMLResponse)
    def page() -> HTMLResponse:
        """The paste-and-check page."""
        return _page(auditor, Form(jurisdiction=auditor.jurisdiction))

    @app.post("/", response_class=HTMLResponse)
    async def page_audit(request: Request) -> HTMLResponse:
        """The page's form posted: the same page with the highlighted report below it."""
        fields = parse_qs((await request.body()).decode("utf-8", "replace"))
        form = Form(
            text=fields.get("text", [""])[0],
            url=fields.get("url", [""])[0],
            jurisdiction=fields.get("jurisdiction", [auditor.jurisdiction])[0],
        )
        try:
            asked = AuditRequest(
                text=form.text or None, url=form.url or None, jurisdiction=form.jurisdiction
            )
        except ValidationError as exc:
            return _page(auditor, form, error=_problems(exc))
        try:
            document = await run_in_threadpool(read, asked)
            report = await run_in_threadpool(audit, document, asked.jurisdiction, True)
        except InputError as exc:
            return _page(auditor, form, error=str(exc))
        return _page(auditor, form, report=report)

    return app


def _page(
    auditor: Auditor, form: Form, report: DocumentReport | None = None, error: str | None = None
) -> HTMLResponse:
    batch = BatchReport(tool=auditor.tool, documents=[report] if report else [], errors=[])
    html = render_page(
        "serve.html.j2",
        batch,
        auditor.lexicon,
        form=form,
        error=error,
        jurisdictions=JURISDICTION_CHOICES,
    )
    return HTMLResponse(html, status_code=400 if error else 200)


def _problems(error: ValidationError) -> str:
    """A form's validation errors as one line, each naming its field when it has one."""
    return "; ".join(
        ": ".join(filter(None, (".".join(map(str, e["loc"])), e["msg"]))) for e in error.errors()
    )


class BodyLimit:
    """ASGI middleware: read the whole body up to ``limit`` bytes, or answer 413 at once.

    Checked on the bytes received, not only the declared Content-Length, so a chunked upload
    cannot slip past; the buffered body is then handed to the app unchanged.
    """

    def __init__(self, app, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > self.limit:
            await self._too_large(scope, receive, send)
            return
        body = bytearray()
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return  # the client went away
            body += message.get("body", b"")
            if len(body) > self.limit:
                await self._too_large(scope, receive, send)
                return
            if not message.get("more_body", False):
                break
        delivered = False

        async def replay():
            nonlocal delivered
            if delivered:
                return await receive()
            delivered = True
            return {"type": "http.request", "body": bytes(body), "more_body": False}

        await self.app(scope, replay, send)

    async def _too_large(self, scope, receive, send) -> None:
        source = f"{scope['method']} {scope['path']}"
        error = ErrorResponse(
            code="I150", error=format_message("I150", source=source, limit=self.limit)
        )
        await JSONResponse(error.model_dump(), status_code=413)(scope, receive, send)
