"""PDF brochures: the text of each page, in order, with where each page begins.

Pages are joined by a blank line, so no sentence runs from one page into the next, and
``Document.page_starts`` lets every finding name its page.
"""

from __future__ import annotations

import io
import logging

from pypdf import PdfReader

from auditor.documents import Document, normalise_line_breaks
from auditor.errors import InputError

PAGE_BREAK = "\n\n"

# pypdf logs every recoverable flaw of a damaged file; the error record says what matters.
logging.getLogger("pypdf").setLevel(logging.ERROR)


def read_pdf(source: str, raw: bytes) -> Document:
    """Extract the text of every page; unreadable, encrypted or textless PDFs raise."""
    pages = _page_texts(source, raw)
    starts: list[int] = []
    parts: list[str] = []
    offset = 0
    for text in pages:
        starts.append(offset)
        parts.append(text)
        offset += len(text) + len(PAGE_BREAK)
    text = PAGE_BREAK.join(parts)
    if not text.strip():
        raise InputError("I105", source=source)
    return Document.from_bytes(
        source, raw, text, media_type="application/pdf", page_starts=tuple(starts)
    )


def _page_texts(source: str, raw: bytes) -> list[str]:
    # A damaged file can make pypdf fail in many ways (its own errors, but also KeyError,
    # ValueError, RecursionError ...); any of them means "not a readable PDF", never a crash.
    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError("I110", source=source, problem="encrypted, no empty password")
        texts = [page.extract_text() or "" for page in reader.pages]
    except InputError:
        raise
    except Exception as exc:
        raise InputError("I110", source=source, problem=_problem(exc)) from exc
    return [normalise_line_breaks(t).strip("\n") for t in texts]


def _problem(exc: Exception) -> str:
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
