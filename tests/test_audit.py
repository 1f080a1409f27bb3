"""The Auditor: per-request variants share the pipeline and leave the original untouched."""

from __future__ import annotations

import pytest

from auditor import Document
from auditor.errors import AuditorError

PAGE = Document.from_text(
    "Our clinic offers umbilical cord stem cell infusions that reverse MS. Book a free quote."
)


def test_replace_judges_another_jurisdiction_without_changing_the_original(auditor):
    eu = auditor.replace(jurisdiction="eu", keep_text=True)
    assert eu.nlp is auditor.nlp and eu.lexicon is auditor.lexicon
    assert auditor.jurisdiction == "us" and not auditor.keep_text
    us_report, eu_report = auditor.audit(PAGE), eu.audit(PAGE)
    assert eu_report.jurisdiction == "eu" and eu_report.text == PAGE.text
    assert us_report.text is None
    assert {c.id for c in us_report.criteria} != {c.id for c in eu_report.criteria}
    assert us_report.findings == eu_report.findings


def test_replace_refuses_an_unknown_jurisdiction(auditor):
    with pytest.raises(AuditorError, match="E112"):
        auditor.replace(jurisdiction="mars")
