"""Missing disclosures: what a page that promotes a treatment does not say.

A disclosure counts when its vocabulary (profile group ``disclosure``) appears outside any
claim finding, so "no risk of rejection" does not count as disclosing risks. Regulatory status
also counts through the not-approved and California-notice rules.
"""

from __future__ import annotations

from auditor.criteria.facts import Facts

DISCLOSURES = ("risks", "experimental_status", "regulatory_status", "evidence_limits")
STATUS_RULES = ("REG-NOT-APPROVED", "REG-CA-STEM-CELL-NOTICE")


def missing_disclosures(facts: Facts) -> list[str]:
    """Disclosure ids the document lacks; empty for documents that do not promote."""
    if not facts.promotion.promotes:
        return []
    claims = [(f.start, f.end) for f in facts.findings if f.severity.value != "info"]

    def outside_claims(mentions) -> bool:
        return any(not any(s <= m.start < e for s, e in claims) for m in mentions)

    missing = []
    for name in DISCLOSURES:
        present = outside_claims(facts.feature(f"disclosure.{name}"))
        if name == "regulatory_status":
            present = present or bool(facts.matching((), rules=STATUS_RULES))
        if not present:
            missing.append(name)
    return missing
