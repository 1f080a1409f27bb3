"""Every reading and fetching setting in one object, so readers, the fetcher and the crawler
agree on the same caps, and the CLI builds it once from its flags.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from auditor import __version__

MB = 1024 * 1024


@dataclass(frozen=True)
class IngestOptions:
    """How inputs are read and fetched.

    Parameters
    ----------
    text_column : column (CSV) or key (JSONL) holding the text; ``None`` means ``text``.
    id_column : column or key holding the document id; ``None`` means ``source:row``.
    urls_file : a file of URLs, one per line (blank lines and ``#`` comments skipped), fetched
        after the paths.
    max_bytes : cap on the raw bytes of one document (a file, a WARC record, a fetched page,
        a table row); larger inputs become error records.
    timeout : seconds allowed for one fetch, connecting and reading included.
    allow_private : fetch private, loopback, link-local and reserved addresses too (off by
        default, so a URL list cannot reach the machine's own network).
    user_agent : sent with every request and matched against robots.txt.
    crawl_delay : least seconds between two requests of one crawl (robots.txt may ask more).
    max_redirects : redirect hops followed before a fetch fails.
    """

    text_column: str | None = None
    id_column: str | None = None
    urls_file: Path | None = None
    max_bytes: int = 20 * MB
    timeout: float = 20.0
    allow_private: bool = False
    user_agent: str = f"auditor/{__version__} (+clinic claim auditor)"
    crawl_delay: float = 1.0
    max_redirects: int = 10


DEFAULT_OPTIONS = IngestOptions()
