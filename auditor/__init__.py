"""auditor: flags risky marketing claims in stem-cell and regenerative-medicine clinic text.

The public API::

    from auditor import Auditor, audit_text
    report = audit_text("Our stem cells reverse MS.")
    report.risk.tier, [f.rule_id for f in report.findings]
"""

from __future__ import annotations

__version__ = "0.1.0"

from auditor.audit import Auditor
from auditor.documents import Document
from auditor.lexicon import load_lexicons
from auditor.report.models import DocumentReport

__all__ = ["Auditor", "Document", "DocumentReport", "__version__", "audit_text", "load_lexicons"]

_default_auditor: Auditor | None = None


def audit_text(text: str, id: str = "<text>") -> DocumentReport:
    """Audit one string with the built-in lexicons (the pipeline is built once and reused)."""
    global _default_auditor
    if _default_auditor is None:
        _default_auditor = Auditor()
    return _default_auditor.audit(Document.from_text(text, id=id))
