"""Plain text and Markdown: the bytes are the document, decoded as UTF-8."""

from __future__ import annotations

from auditor.documents import Document
from auditor.errors import InputError


def read_text(source: str, raw: bytes, media_type: str = "text/plain") -> Document:
    """Decode ``raw`` strictly; binary, non-UTF-8 and empty inputs raise :class:`InputError`."""
    nul = raw.find(b"\x00")
    if nul != -1:
        raise InputError("I103", source=source, offset=nul)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError("I104", source=source, byte=raw[exc.start], offset=exc.start) from exc
    if not text.strip():
        raise InputError("I105", source=source)
    return Document.from_bytes(source, raw, text, media_type=media_type)
