"""Promotion decision, missing disclosures and jurisdiction, on documents written for the tests."""

from __future__ import annotations

import pytest

from auditor import Auditor, Document
from auditor.errors import AuditorError

CLINIC = (
    "At our clinic, umbilical cord stem cells reverse multiple sclerosis.\n"
    "Book your free consultation today. Packages start at $9,500."
)
LETTER = (
    "WARNING LETTER\n"
    "Dear Dr. Smith:\n"
    'This letter concerns your website, which states: "our stem cells cure autism".\n'
    "Products that fail 21 CFR 1271.10(a) are drugs; you should take prompt action to correct "
    "these violations within fifteen working days."
)
HONEST = (
    "We offer bone marrow concentrate injections for knee pain. This treatment is experimental "
    "and not approved by the FDA. Risks include infection, bleeding and pain. The evidence is "
    "limited and more research is needed. Book a consultation."
)


def test_clinic_page_promotes_and_lists_all_missing_disclosures(auditor):
    report = auditor.audit(Document.from_text(CLINIC))
    assert report.document.promotes and report.document.reasons
    assert report.missing_disclosures == [
        "risks",
        "experimental_status",
        "regulatory_status",
        "evidence_limits",
    ]
    assert report.risk.by_category["missing_disclosures"] > 0


def test_regulator_letter_is_not_promoting_and_criteria_do_not_apply(auditor):
    report = auditor.audit(Document.from_text(LETTER))
    assert not report.document.promotes and report.document.kind == "regulator_letter"
    assert {c.status for c in report.criteria} == {"not_applicable"}
    assert report.missing_disclosures == []
    unapproved = next(c for c in report.criteria if c.id == "US-FDA-UNAPPROVED-INDICATION")
    assert "does not promote" in unapproved.explanation


def test_statute_citations_in_a_clinic_disclaimer_do_not_make_a_letter(auditor):
    text = (
        "Our stem cell program reverses neuropathy. Call today to book your assessment.\n"
        "Our products are regulated under Section 361 of the Public Health Service Act and "
        "21 CFR Part 1271."
    )
    report = auditor.audit(Document.from_text(text))
    assert len(report.profile.mentions("document.statute_citation")) >= 2
    assert report.document.kind == "promotional" and report.document.promotes


def test_reporting_verbs_inside_patient_quotes_do_not_make_a_news_report(auditor):
    stories = (
        '"My doctor told me nothing more could be done. After my stem cell treatment I got my '
        'life back." - Karen, 54\n'
        '"My wife says I am a new man. The injections cured my knee pain." - Tom, 66\n'
    )
    quoted = auditor.audit(Document.from_text("Our patients in their own words:\n" + stories))
    assert quoted.profile.mentions("document.news_report")
    assert quoted.document.kind != "news"
    reported = stories.replace('." - Karen, 54', '," Karen said.').replace(
        '." - Tom, 66', '," Tom told a reporter.'
    )
    assert auditor.audit(Document.from_text(reported)).document.kind == "news"


def test_disclosures_found_outside_claims(auditor):
    report = auditor.audit(Document.from_text(HONEST))
    assert report.document.promotes
    assert report.missing_disclosures == []


def test_safety_claim_does_not_count_as_disclosing_risks(auditor):
    text = "Our stem cell injections carry no risk of rejection. Book now for $5,000."
    assert "risks" in auditor.audit(Document.from_text(text)).missing_disclosures


def test_jurisdiction_is_named_and_selects_criteria():
    report = Auditor(jurisdiction="eu").audit(Document.from_text(CLINIC))
    assert report.jurisdiction == "eu"
    ids = {c.id for c in report.criteria}
    assert "EU-DIR-2001-83-ADVERTISING" in ids and "US-FDA-HCTP-HOMOLOGOUS-USE" not in ids


def test_unknown_jurisdiction_is_a_configuration_error():
    with pytest.raises(AuditorError) as caught:
        Auditor(jurisdiction="mars")
    assert caught.value.code == "E112"
