"""Claim matching details the lexicon examples cannot show: terms listed after a match, list
items under a lead-in, quotations covered by their attribution."""

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


def test_conditions_listed_before_a_claim_on_the_last_one_are_claimed_too(auditor):
    found = unproven(
        auditor, "Lupus, COPD, stroke and autism improved after our stem cell infusions."
    )
    assert [(rule, t) for rule, t, _ in found] == [
        ("INDICATION-CLAIM-VERB-CONDITION", "Lupus"),
        ("INDICATION-CLAIM-VERB-CONDITION", "COPD"),
        ("INDICATION-CLAIM-VERB-CONDITION", "stroke and autism improved"),
    ]
    clause = (
        "Stroke research began here in 2010 with our founders, and autism improved with our "
        "stem cells."
    )
    claimed = [
        t for rule, t, _ in unproven(auditor, clause) if rule == "INDICATION-CLAIM-VERB-CONDITION"
    ]
    assert claimed == ["autism improved"]  # a term far from the separator: no list


def test_conditions_listed_after_a_named_one_share_its_context(auditor):
    text = (
        "No stem cell product is approved to treat autism, and none is approved for multiple "
        "sclerosis, ALS, Parkinson's disease or spinal cord injury."
    )
    found = [(t, negated) for _, t, negated in unproven(auditor, text)]
    assert [t for t, _ in found][-4:] == [
        "multiple sclerosis",
        "ALS",
        "Parkinson's disease",
        "spinal cord injury",
    ]
    assert all(negated for _, negated in found)


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
    # the terms after the sentence end are findings of their own (a cell product is named in
    # their paragraph), not members of the negated list before it
    text = "We do not offer stem cell therapy for lupus or MS. Stroke, ALS and autism are common."
    found = unproven(auditor, text)
    assert [flag for _, text, flag in found if "lupus" in text] == [True]
    after = {text: flag for _, text, flag in found if text in ("Stroke", "ALS", "autism")}
    assert after == {"Stroke": False, "ALS": False, "autism": False}


def test_a_condition_among_side_effects_is_no_indication(auditor):
    harms = "Stem cell injections can cause infection, blindness and tumors."
    assert unproven(auditor, harms) == []
    assert unproven(auditor, "Our stem cell injections treat blindness.")  # the same term


MENU = "INDICATION-MENU-LIST"


def test_each_condition_listed_under_a_heading_is_a_finding(auditor):
    text = (
        "### Conditions we treat\n\n"
        "- **Multiple sclerosis** - halts progression\n"
        "- faster recovery after workouts\n"
        "1. Knee osteoarthritis and rotator cuff tears\n"
        "Our doctors also see stroke patients.\n"
        "- lupus\n"
    )
    found = unproven(auditor, text)
    menu = [t for rule, t, _ in found if rule == MENU]
    # the heading is no finding; the list runs over an item without a condition and ends at
    # the first line that is not an item
    assert menu == ["Multiple sclerosis", "Knee osteoarthritis", "rotator cuff tears"]


def test_a_sentence_ending_in_a_full_stop_introduces_no_list(auditor):
    text = "These are the conditions we treat.\n- Multiple sclerosis\n- lupus"
    assert [t for rule, t, _ in unproven(auditor, text) if rule == MENU] == []


def test_listed_conditions_share_the_context_of_the_heading(auditor):
    text = "The clinic's page says: \"Conditions we treat:\n- lupus\n- autism"
    found = [(t, negated) for rule, t, negated in unproven(auditor, text) if rule == MENU]
    assert [t for t, _ in found] == ["lupus", "autism"]
    report = auditor.audit(Document.from_text(text))
    assert all(f.context.attributed for f in report.findings if f.rule_id == MENU)


QUOTE = "TESTIMONIAL-ATTRIBUTED-QUOTE"


def quotes(auditor, text: str) -> list:
    return [f for f in auditor.audit(Document.from_text(text)).findings if f.rule_id == QUOTE]


@pytest.mark.parametrize("marks", [('"', '"'), ("\u201c", "\u201d")])
def test_an_attribution_covers_the_quotation_before_it(auditor, marks):
    opening, closing = marks
    story = "I arrived in a wheelchair. Six months later I walked again."
    text = f"Our stem cell patients:\n> {opening}{story}{closing} \u2014 Robert, 58, Arizona"
    (finding,) = quotes(auditor, text)
    assert finding.text == f"{opening}{story}{closing} \u2014 Robert, 58"
    assert text[finding.start : finding.end] == finding.text
    assert finding.sentence == text.splitlines()[1]  # every sentence the finding touches


@pytest.mark.parametrize(
    "text",
    [
        "Robert, 58, Arizona",  # no quotation
        '"I walked again," he wrote to us later. \u2014 Robert, 58',  # words between
        '"I walked again."\n\u2014 Robert, 58',  # the quotation is on another line
    ],
)
def test_without_a_quotation_right_before_it_the_attribution_stands_alone(auditor, text):
    (finding,) = quotes(auditor, text)
    assert finding.text.lstrip("\u2014 ").startswith("Robert")


def test_a_covered_quotation_keeps_the_context_of_its_attribution(auditor):
    text = '"Our cells may help," the brochure claims. "I walked again." \u2014 Robert, 58'
    (finding,) = quotes(auditor, text)
    assert finding.text.startswith('"I walked again."')
    assert not finding.context.hedged and not finding.context.attributed


def test_a_rating_covers_the_quotation_after_it_on_its_line(auditor):
    report = auditor.audit(Document.from_text('### ★★★★★ "He is a different child."\n\nMore.'))
    (rating,) = [f for f in report.findings if f.rule_id == "TESTIMONIAL-RATINGS-REVIEWS"]
    assert rating.text == '★★★★★ "He is a different child."'
    alone = auditor.audit(Document.from_text("Rated 4.8 out of 5 by 300 patients."))
    assert [f.text for f in alone.findings if f.category == "testimonial"] == ["4.8 out of 5"]
