"""The plain-data document every reader produces and every later stage reads."""

from __future__ import annotations

import bisect
import hashlib
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any

LINE_BREAK = re.compile("\n")


def normalise_line_breaks(text: str) -> str:
    """``\\r\\n`` and ``\\r`` become ``\\n``: lines and offsets mean the same in every format."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def line_start(text: str, char: int) -> int:
    """Offset of the first character of the line holding offset ``char``, in log time: on a
    page that is one long line, scanning back for the break from every mention would cost the
    square of its length."""
    breaks = newline_offsets(text)
    before = bisect.bisect_left(breaks, char)
    return breaks[before - 1] + 1 if before else 0


@lru_cache(maxsize=4)
def newline_offsets(text: str) -> list[int]:
    """Offsets of the line breaks of ``text``, kept for the few texts being judged."""
    return [match.start() for match in LINE_BREAK.finditer(text)]


@dataclass(frozen=True)
class Document:
    """Extracted text of one input, with where it came from.

    Finding offsets index :attr:`text`, so any renderer can highlight them. ``sha256`` is of the
    raw bytes read, so a report can be tied to exactly the input it judged. ``title`` and ``url``
    are kept from web pages and archives; ``page_starts`` from paged inputs.
    """

    id: str
    source: str
    text: str
    media_type: str = "text/plain"
    sha256: str = ""
    title: str | None = None
    url: str | None = None
    page_starts: tuple[int, ...] = ()
    metadata: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_bytes(cls, source: str, raw: bytes, text: str, **kwargs: Any) -> Document:
        """A document a reader extracted from ``raw``: line breaks normalised to ``\\n`` (offsets
        in ``kwargs`` must index the normalised text), id ``source`` unless given, sha256 of the
        raw bytes."""
        kwargs.setdefault("id", source)
        text = normalise_line_breaks(text)
        return cls(source=source, text=text, sha256=hashlib.sha256(raw).hexdigest(), **kwargs)

    @classmethod
    def from_text(cls, text: str, id: str = "<text>", **kwargs: Any) -> Document:
        """A document from a string (for the API and tests); hashes the UTF-8 bytes."""
        kwargs.setdefault("source", id)
        kwargs.setdefault("sha256", hashlib.sha256(text.encode("utf-8")).hexdigest())
        return cls(id=id, text=text, **kwargs)

    @cached_property
    def _line_starts(self) -> list[int]:
        return [0, *(at + 1 for at in newline_offsets(self.text))]

    def page(self, offset: int) -> int | None:
        """1-based page of a character offset, for paged inputs (PDF); ``None`` otherwise.

        ``page_starts`` holds the offset in :attr:`text` where each page begins, in order.
        """
        if not self.page_starts:
            return None
        return max(1, bisect.bisect_right(self.page_starts, offset))

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a character offset."""
        line = bisect.bisect_right(self._line_starts, offset) - 1
        return line + 1, offset - self._line_starts[line] + 1
