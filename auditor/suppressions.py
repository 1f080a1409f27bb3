"""Inline markers that switch off a finding where an author has reviewed it.

A marker is an HTML comment, so it stays invisible in Markdown and HTML::

    <!-- auditor: ignore SAFETY-NO-SIDE-EFFECTS -->
    <!-- auditor: ignore SAFETY-NO-SIDE-EFFECTS, HYPE-MIRACLE -->

On a line of its own it covers the next line that has text; after text on a line it covers
that line. ``ignore all`` covers every rule. A suppressed finding stays in the report, marked
``suppressed``, and adds nothing to the score.
"""

from __future__ import annotations

import re

from auditor.documents import Document

MARKER = re.compile(r"<!--\s*auditor:\s*ignore\s+([A-Za-z0-9.,\s-]+?)\s*-->")
ALL = "ALL"


def suppressed_rules(document: Document) -> dict[int, set[str]]:
    """Line number (1-based) -> rule ids suppressed on that line (``ALL`` for every rule)."""
    result: dict[int, set[str]] = {}
    matches = list(MARKER.finditer(document.text))
    lines = document.text.split("\n") if matches else []
    for match in matches:
        line, _ = document.line_col(match.start())
        ids = {part.strip().upper() for part in match.group(1).split(",") if part.strip()}
        own_line = lines[line - 1]
        if own_line.replace(match.group(0), "").strip():
            target = line
        else:
            target = next(
                (n for n in range(line + 1, len(lines) + 1) if lines[n - 1].strip()), line
            )
        result.setdefault(target, set()).update(ids)
    return result


def is_suppressed(rule_id: str, line: int, markers: dict[int, set[str]]) -> bool:
    ids = markers.get(line, ())
    return rule_id in ids or ALL in ids
