"""auditor: flags risky marketing claims in stem-cell and regenerative-medicine clinic text.

The public API::

    from auditor import Auditor, audit_text
    report = audit_text("Our stem cells reverse MS.")
    report.risk.tier, [f.rule_id for f in report.findings]

The names are imported on first use (PEP 562), so ``import auditor`` and ``auditor --version``
do not load spaCy and scikit-learn.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from auditor.audit import Auditor
    from auditor.documents import Document
    from auditor.lexicon import load_lexicons
    from auditor.report.models import DocumentReport

__all__ = ["Auditor", "Document", "DocumentReport", "__version__", "audit_text", "load_lexicons"]

_LAZY = {
    "Auditor": "auditor.audit",
    "Document": "auditor.documents",
    "DocumentReport": "auditor.report.models",
    "load_lexicons": "auditor.lexicon",
}
"""Public name -> the module that defines it."""

_default_auditor: Auditor | None = None


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(_LAZY[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


def audit_text(text: str, id: str = "<text>") -> DocumentReport:
    """Audit one string with the built-in lexicons (the pipeline is built once and reused)."""
    from auditor.audit import Auditor
    from auditor.documents import Document

    global _default_auditor
    if _default_auditor is None:
        _default_auditor = Auditor()
    return _default_auditor.audit(Document.from_text(text, id=id))
