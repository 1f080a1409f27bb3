"""Plain text and Markdown: the bytes are the document, decoded as UTF-8."""

from __future__ import annotations

from auditor.documents import Document
from auditor.errors import InputError


def read_text(source: str, raw: bytes, media_type: str = "text/plain") -> Document:
    """Decode ``raw`` strictly; binary, non-UTF-8 and empty inputs raise :class:`InputError`."""
    nul = raw.find(b"\x00")
    if nul != -1:
        raise InputError("I103", source=source, offset=nul)
    text = decode_utf8(source, raw)
    if not text.strip():
        raise InputError("I105", source=source)
    return Document.from_bytes(source, raw, text, media_type=media_type)


def decode_utf8(source: str, raw: bytes, offset: int = 0) -> str:
    """Decode ``raw`` strictly, ``offset`` being where it starts in ``source`` (a line of a
    file): a BOM is dropped only at offset 0, and a bad byte raises ``I104`` with its offset
    in the file."""
    try:
        return raw.decode("utf-8-sig" if offset == 0 else "utf-8")
    except UnicodeDecodeError as exc:
        at = offset + exc.start
        raise InputError("I104", source=source, byte=raw[exc.start], offset=at) from exc
