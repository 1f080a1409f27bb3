"""Web pages: the main text by trafilatura (menus, footers and other boilerplate removed).

Finding offsets index the extracted text, which is what the report shows; the page title and
URL are kept so a reader can find the page again.
"""

from __future__ import annotations

import logging
from copy import deepcopy

import trafilatura
from trafilatura.settings import DEFAULT_CONFIG

from auditor.documents import Document
from auditor.errors import InputError

HTML_TYPES = ("text/html", "application/xhtml+xml")
"""Media types read as web pages (HTTP Content-Type, WARC response headers)."""

# trafilatura logs each page it finds no main text in; the I108 error record says so once.
logging.getLogger("trafilatura").setLevel(logging.ERROR)

# trafilatura's extraction timeout uses SIGALRM, which only works in a main thread; the
# runners call readers from worker threads too, and the size cap already bounds the work.
_CONFIG = deepcopy(DEFAULT_CONFIG)
_CONFIG["DEFAULT"]["extraction_timeout"] = "0"


def read_html(
    source: str, raw: bytes, url: str | None = None, document_id: str | None = None
) -> Document:
    """Extract the main text of an HTML page; a page with no main text raises ``I108``.

    ``url`` is where the page was fetched from; a saved page without one keeps the canonical URL
    it declares, if any. The document id is ``document_id``, else ``url``, else ``source``.
    """
    extracted = trafilatura.bare_extraction(
        raw, url=url, with_metadata=True, include_comments=False, config=_CONFIG
    )
    text = (extracted.text or "") if extracted is not None else ""
    if not text.strip():
        raise InputError("I108", source=source)
    return Document.from_bytes(
        source,
        raw,
        text,
        id=document_id or url or source,
        media_type="text/html",
        title=extracted.title or None,
        url=url or extracted.url or None,
    )
