"""Input options shared by the commands that read documents: they become one ``IngestOptions``.

``@input_options`` (``audit``) adds the table, URL-list and fetch flags; ``@fetch_options``
(``crawl``) only the fetch flags. Either passes ONE keyword argument, ``ingest``, to the
command, so a new input setting needs no change in the commands.
"""

from __future__ import annotations

import functools
import re
from dataclasses import fields
from pathlib import Path

import click

from auditor.ingest.options import DEFAULT_OPTIONS, IngestOptions

_UNITS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmg]?)b?\s*$", re.IGNORECASE)


class ByteSize(click.ParamType):
    """A size in bytes, with an optional unit: ``500000``, ``512KB``, ``20MB``, ``1g``."""

    name = "size"

    def convert(self, value, param, ctx) -> int:
        if isinstance(value, int):
            return value
        match = _SIZE.match(str(value))
        if not match:
            self.fail(f"{value!r} is not a size (examples: 500000, 512KB, 20MB)", param, ctx)
        return int(float(match[1]) * _UNITS[match[2].lower()])


_FETCH_OPTIONS = (
    click.option(
        "--allow-private",
        is_flag=True,
        help="Also fetch private, loopback and link-local addresses (refused by default).",
    ),
    click.option(
        "--max-bytes",
        type=ByteSize(),
        default=DEFAULT_OPTIONS.max_bytes,
        show_default="20MB",
        help="Largest document (file, archive record, table row, fetched page) to read; "
        "larger ones become error records.",
    ),
    click.option(
        "--timeout",
        type=click.FloatRange(min=0, min_open=True),
        default=DEFAULT_OPTIONS.timeout,
        show_default=True,
        help="Seconds allowed to fetch one URL.",
    ),
    click.option(
        "--user-agent",
        default=DEFAULT_OPTIONS.user_agent,
        show_default=True,
        help="User agent sent with every request and matched against robots.txt.",
    ),
)
_FILE_OPTIONS = (
    click.option(
        "--text-column",
        metavar="NAME",
        help="Column (.csv) or key (.jsonl) holding the text [default: text].",
    ),
    click.option(
        "--id-column",
        metavar="NAME",
        help="Column (.csv) or key (.jsonl) holding the document id [default: file:line].",
    ),
    click.option(
        "--urls",
        "urls_file",
        type=click.Path(dir_okay=False, path_type=Path),
        metavar="FILE",
        help="Also fetch and audit the URLs in FILE, one per line (# starts a comment).",
    ),
)
_FIELDS = frozenset(f.name for f in fields(IngestOptions))


def _passing_ingest(options: tuple, command):
    """Add ``options`` to ``command`` and hand their values over as ``ingest=IngestOptions``."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        settings = {name: kwargs.pop(name) for name in list(kwargs) if name in _FIELDS}
        return command(*args, ingest=IngestOptions(**settings), **kwargs)

    for option in reversed(options):
        wrapper = option(wrapper)
    return wrapper


def input_options(command):
    """Table columns, ``--urls FILE`` and the fetch flags, passed on as ``ingest``."""
    return _passing_ingest((*_FILE_OPTIONS, *_FETCH_OPTIONS), command)


def fetch_options(command):
    """The fetch flags only (``--allow-private``, ``--max-bytes``, ``--timeout`` ...)."""
    return _passing_ingest(_FETCH_OPTIONS, command)
