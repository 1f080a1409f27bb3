"""JSON renderers: one document for the whole batch, or one line per document or error."""

from __future__ import annotations

import json

from auditor.lexicon import Lexicon
from auditor.report.models import BatchReport


def render_json(batch: BatchReport, lexicon: Lexicon | None = None) -> str:
    return batch.model_dump_json(indent=2) + "\n"


def render_jsonl(batch: BatchReport, lexicon: Lexicon | None = None) -> str:
    """Each line stands alone: ``kind`` is ``document`` or ``error``; documents carry ``tool``."""
    tool = batch.tool.model_dump(mode="json")
    lines = [
        json.dumps({"kind": "document", "tool": tool, **report.model_dump(mode="json")})
        for report in batch.documents
    ]
    lines += [
        json.dumps({"kind": "error", **error.model_dump(mode="json")}) for error in batch.errors
    ]
    return "".join(line + "\n" for line in lines)
