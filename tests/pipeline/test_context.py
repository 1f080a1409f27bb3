"""Context scope rules: what negates, hedges, attributes or disclaims a match, and what does not.

Each test uses a safety claim ("100% safe", SAFETY-ABSOLUTE) as the probe so that only the
context around it changes.
"""

from __future__ import annotations

import random

from auditor import Document
from auditor.pipeline.context import inside_quotes

PROBE = "SAFETY-ABSOLUTE"


def context(auditor, text):
    findings = [f for f in auditor.audit(Document.from_text(text)).findings if f.rule_id == PROBE]
    assert findings, f"probe claim not found in {text!r}"
    return findings[0].context


def test_plain_claim_has_no_context(auditor):
    ctx = context(auditor, "Our injections are 100% safe.")
    assert not (ctx.negated or ctx.hedged or ctx.attributed or ctx.in_disclaimer)


def test_negation_before_the_claim(auditor):
    ctx = context(auditor, "No clinic can honestly say that an injection is 100% safe.")
    assert ctx.negated and ctx.cues["negated"]


def test_negation_stops_at_a_clause_break(auditor):
    assert not context(auditor, "No surgery, and the injection is 100% safe.").negated


def test_negation_window_is_limited(auditor):
    text = (
        "Nothing about the long drive to our beautiful new clinic downtown worries patients"
        " as injections are 100% safe."
    )
    assert not context(auditor, text).negated


def test_hedge_in_the_same_sentence(auditor):
    assert context(auditor, "The injection may be 100% safe for most people.").hedged


def test_adjacent_qualifier_in_next_sentence(auditor):
    text = "The injection is 100% safe. However, the research is still in its infancy."
    assert context(auditor, text).hedged
    text = "The injection is 100% safe. The research is still in its infancy."
    assert not context(auditor, text).hedged


def test_reporting_verb_attributes(auditor):
    ctx = context(auditor, "The clinic claims that its injection is 100% safe.")
    assert ctx.attributed and "claims" in ctx.cues["attributed"]


def test_quotation_marks_attribute(auditor):
    assert context(
        auditor, "Its banner read \u201cSafe, natural, 100% safe\u201d in gold."
    ).attributed
    assert context(auditor, 'A sign promised "100% safe results".').attributed
    assert not context(auditor, 'The "new" injection is 100% safe.').attributed


def test_a_quoted_patient_story_is_the_claim_not_an_attribution(auditor):
    story = "TESTIMONIAL-RECOVERY-STORY"

    def stories(text):
        found = auditor.audit(Document.from_text(text)).findings
        return [f.context.attributed for f in found if f.rule_id == story]

    assert stories('"After two infusions my MS symptoms vanished."') == [False]
    assert stories('She told us: "After two infusions my MS symptoms vanished."') == [True]
    quote = "Our banner quotes a patient: \u201cOur injections are 100% safe.\u201d"
    assert context(auditor, quote).attributed  # other rules: quotation marks still attribute


def test_a_denial_rule_is_negated_by_the_negation_inside_its_match(auditor):
    disclosure = "REG-NOT-APPROVED-DISCLOSURE"

    def denials(text):
        found = auditor.audit(Document.from_text(text)).findings
        return [
            (f.context.negated, f.context.cues.get("negated"))
            for f in found
            if f.rule_id == disclosure
        ]

    assert denials("Our stem cell injections are not FDA-approved.") == [(True, "not")]
    assert denials("No stem cell product is approved by the FDA for autism.") == [(True, "No")]
    assert denials("Exosome injections are investigational.") == [(False, None)]


def test_disclaimer_is_judged_per_line(auditor):
    text = "Our injection is 100% safe.\nDisclaimer: for informational purposes only."
    assert not context(auditor, text).in_disclaimer
    text = "Disclaimer: for informational purposes only; nothing here says it is 100% safe."
    assert context(auditor, text).in_disclaimer


def test_context_never_hides_a_finding(auditor):
    text = "There is no evidence that any injection is 100% safe, the agency said."
    report = auditor.audit(Document.from_text(text))
    finding = next(f for f in report.findings if f.rule_id == PROBE)
    assert finding.context.negated and finding.context.attributed
    assert 0 < finding.weight < 1


def test_quotation_index_agrees_with_reading_the_line_prefix():
    def reference(before: str) -> bool:
        if before.count('"') % 2 == 1:
            return True
        return max(before.rfind(q) for q in "“«") > max(before.rfind(q) for q in "”»")

    rng = random.Random(5)
    for _ in range(300):
        text = "".join(rng.choice('ab "“”«»\n') for _ in range(rng.randrange(0, 40)))
        for start in range(len(text) + 1):
            for at in range(start, len(text) + 1):
                assert inside_quotes(text, start, at) == reference(text[start:at]), repr(text)
