"""Every criterion in the lexicon has a judging function, and judgements never speak as a court."""

from __future__ import annotations

import re

from auditor import Document
from auditor.criteria import REGISTRY, applicable_criteria
from auditor.lexicon import load_lexicons

LEGAL_CONCLUSIONS = re.compile(r"\b(illegal|unlawful|violat\w*|breach\w*|guilty)\b", re.I)


def test_every_builtin_criterion_is_judged():
    lexicon = load_lexicons()
    missing = set(lexicon.criteria) - set(REGISTRY)
    assert not missing, f"criteria without a function: {missing}"
    assert set(REGISTRY) <= set(lexicon.criteria)


def test_jurisdiction_selects_criteria():
    lexicon = load_lexicons()
    us = applicable_criteria(lexicon, "us")
    assert "US-FDA-HCTP-HOMOLOGOUS-USE" in us and "INTL-ISSCR-PATIENT-RED-FLAGS" in us
    assert not any(c.startswith(("EU-", "UK-", "AU-", "CA-", "JP-")) for c in us)
    assert "EU-ATMP-REG-1394-2007" in applicable_criteria(lexicon, "eu")
    assert len(applicable_criteria(lexicon, "all")) == len(REGISTRY)


def test_explanations_say_consistent_never_illegal(auditor):
    text = (
        "Our FDA-approved umbilical cord stem cells cure autism and MS with zero risk. "
        "IV packages from $12,000; book your free consultation."
    )
    report = auditor.audit(Document.from_text(text))
    flagged = [c for c in report.criteria if c.status == "flag"]
    assert flagged
    for criterion in report.criteria:
        assert not LEGAL_CONCLUSIONS.search(criterion.explanation), criterion.explanation
    for criterion in flagged:
        assert criterion.explanation.startswith(f"Text consistent with {criterion.id}")
        assert criterion.evidence, criterion.id
        for span in criterion.evidence:
            assert text[span.start : span.end] == span.text
