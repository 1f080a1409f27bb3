"""Claim matching details the lexicon examples cannot show: terms listed after a match."""

from __future__ import annotations

import pytest

from auditor import Document

RULE = "INDICATION-PRODUCT-FOR-CONDITION"


def unproven(auditor, text: str) -> list[tuple[str, str, bool]]:
    report = auditor.audit(Document.from_text(text))
    return [
        (f.rule_id, f.text, f.context.negated)
        for f in report.findings
        if f.category == "unproven_indication"
    ]


def test_every_listed_condition_is_a_finding_of_the_matching_rule(auditor):
    text = "Stem cell therapy for lupus, COPD, stroke, spinal cord injury, autism and ALS."
    found = unproven(auditor, text)
    texts = [text for _, text, _ in found]
    assert texts[0].startswith("Stem cell therapy for lupus")  # the pattern's own reach
    assert texts[-3:] == ["spinal cord injury", "autism", "ALS"]
    assert {rule for rule, _, _ in found} == {RULE}


def test_a_listed_condition_shares_the_context_of_the_match(auditor):
    found = unproven(auditor, "No stem cell product is approved for MS, ALS or autism.")
    assert found[-1][1] == "autism"
    assert all(negated for _, _, negated in found)


@pytest.mark.parametrize(
    ("text", "last"),
    [
        # short items without a condition keep the list going
        (
            "We offer stem cell therapy for osteoarthritis of the hip, knee and ankle; lupus.",
            "lupus",
        ),
        # the last item may carry the rest of the sentence after its condition
        (
            "Stem cell shots for lupus, COPD, stroke or gout and rotator cuff tears cost $4,000.",
            "rotator cuff tears",
        ),
    ],
)
def test_list_items_may_hold_a_few_other_words(auditor, text, last):
    found = unproven(auditor, text)
    assert found[-1][:2] == (RULE, last)


def test_a_long_clause_ends_the_list(auditor):
    text = "Stem cell therapy for lupus and our friendly team will call you back about stroke."
    rules = {text: rule for rule, text, _ in unproven(auditor, text)}
    assert rules.get("stroke") != RULE  # at most the weaker same-sentence rule


def test_a_list_does_not_cross_a_sentence_end(auditor):
    found = unproven(auditor, "Stem cell therapy for lupus. Stroke, ALS and autism are common.")
    assert [text for _, text, _ in found if text in ("Stroke", "ALS", "autism")] == []
