"""Turn command-line inputs (files, folders, ``-`` for stdin) into documents or error records.

Every input yields exactly one item per document it holds, or one :class:`InputError`; nothing
is dropped, so the report can account for every input.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path

from auditor.documents import Document
from auditor.errors import InputError
from auditor.ingest.text import read_text

Reader = Callable[[str, bytes], Document]

_read_markdown = partial(read_text, media_type="text/markdown")
READERS: dict[str, Reader] = {
    ".txt": read_text,
    ".text": read_text,
    ".md": _read_markdown,
    ".markdown": _read_markdown,
}
STDIN = "-"


def supported_extensions() -> str:
    return ", ".join(sorted(READERS))


def iter_inputs(
    paths: Iterable[str], stdin: bytes | None = None
) -> Iterator[Document | InputError]:
    """Yield a :class:`Document` for each readable document and an :class:`InputError` otherwise.

    Folders are searched recursively for supported extensions, in sorted order.
    """
    for item in paths:
        if item == STDIN:
            raw = stdin if stdin is not None else sys.stdin.buffer.read()
            yield _read("<stdin>", raw, read_text)
            continue
        path = Path(item)
        if path.is_dir():
            files = sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in READERS
            )
            if not files:
                yield InputError("I106", source=item, extensions=supported_extensions())
            for file in files:
                yield _read_path(file)
        elif path.exists():
            yield _read_path(path)
        else:
            yield InputError("I101", source=item)


def _read_path(path: Path) -> Document | InputError:
    source = str(path)
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        return InputError(
            "I107", source=source, suffix=path.suffix, extensions=supported_extensions()
        )
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return InputError("I102", source=source, problem=exc.strerror or str(exc))
    return _read(source, raw, reader)


def _read(source: str, raw: bytes, reader: Reader) -> Document | InputError:
    try:
        return reader(source, raw)
    except InputError as exc:
        return exc
