"""Renderers that turn a :class:`BatchReport` into a file format, by ``--format`` name.

Every renderer takes the batch and the lexicon it was audited with (for the ``explain`` text of
rules and criteria) and returns the whole output as a string. The terminal renderer
(``report.text``) writes to a rich console instead and is not listed here.
"""

from __future__ import annotations

from collections.abc import Callable

from auditor.lexicon import Lexicon
from auditor.report.html import render_html
from auditor.report.json import render_json, render_jsonl
from auditor.report.markdown import render_markdown
from auditor.report.models import BatchReport
from auditor.report.sarif import render_sarif

Renderer = Callable[[BatchReport, Lexicon], str]

RENDERERS: dict[str, Renderer] = {
    "json": render_json,
    "jsonl": render_jsonl,
    "html": render_html,
    "sarif": render_sarif,
    "markdown": render_markdown,
}

KEEPS_TEXT = frozenset({"html", "sarif"})
"""Formats that need the document text in the report: to highlight findings, to locate evidence."""
