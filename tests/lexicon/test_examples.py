"""Every lexicon entry carries its own tests: run all flag and pass examples."""

from __future__ import annotations

import pytest

from auditor import Document
from auditor.lexicon import load_lexicons

LEXICON = load_lexicons()
RULE_CASES = [
    pytest.param(rule.id, kind, sentence, id=f"{rule.id}-{kind}-{i}")
    for rule in LEXICON.rules
    for kind, sentences in (("flag", rule.examples.flag), ("pass", rule.examples.pass_))
    for i, sentence in enumerate(sentences)
]
CONTEXT_CASES = [
    pytest.param(entry.kind.value, kind, sentence, id=f"{entry.kind.value}-{kind}-{i}")
    for entries in LEXICON.context.values()
    for entry in entries
    for kind, sentences in (("flag", entry.examples.flag), ("pass", entry.examples.pass_))
    for i, sentence in enumerate(sentences)
]


@pytest.mark.parametrize(("rule_id", "kind", "sentence"), RULE_CASES)
def test_rule_example(auditor, rule_id, kind, sentence):
    found = {f.rule_id for f in auditor.audit(Document.from_text(sentence)).findings}
    if kind == "flag":
        assert rule_id in found, f"{rule_id} should flag: {sentence!r} (found {sorted(found)})"
    else:
        assert rule_id not in found, f"{rule_id} should not flag: {sentence!r}"


@pytest.mark.parametrize(("flag", "kind", "sentence"), CONTEXT_CASES)
def test_context_example(auditor, flag, kind, sentence):
    findings = auditor.audit(Document.from_text(sentence)).findings
    assert findings, f"context example needs a claim to qualify: {sentence!r}"
    values = {f.rule_id: getattr(f.context, flag) for f in findings}
    if kind == "flag":
        assert all(values.values()), f"every finding should be {flag}: {sentence!r} {values}"
    else:
        assert not any(values.values()), f"no finding should be {flag}: {sentence!r} {values}"


def test_every_claim_category_is_covered():
    required = {
        "hype_superlative",
        "safety_absolute",
        "efficacy_cure",
        "unproven_indication",
        "regulatory_status",
        "evidence_misrepresentation",
        "testimonial",
        "inducement_price_cta",
        "comparative_superiority",
    }
    by_category: dict[str, int] = {}
    for rule in LEXICON.rules:
        by_category[rule.category] = by_category.get(rule.category, 0) + len(rule.patterns)
    assert required <= set(by_category), f"missing categories: {required - set(by_category)}"
    thin = {c: n for c, n in by_category.items() if n < 10}
    assert not thin, f"categories with fewer than 10 patterns: {thin}"


def test_every_context_kind_has_cues():
    assert {k.value for k in LEXICON.context} == {
        "negated",
        "hedged",
        "attributed",
        "in_disclaimer",
    }
