"""The lookups criteria read: indexed per document, same answers as walking the report."""

from __future__ import annotations

import random

from auditor.criteria.facts import Facts, Promotion

from tests_support import corpus_documents


def _facts(auditor):
    for document in corpus_documents():
        report = auditor.audit(document)
        yield (
            report,
            Facts(
                text=document.text,
                profile=report.profile,
                findings=tuple(report.findings),
                promotion=Promotion(promotes=True, kind="clinic", reasons=()),
            ),
        )


def test_feature_lookups_equal_the_profile_walk(auditor):
    rng = random.Random(3)
    ids = [feature.id for feature in auditor.lexicon.features]
    asked = 0
    for report, facts in _facts(auditor):
        for _ in range(20):
            wanted = rng.sample(ids, rng.randint(1, 6))
            assert facts.feature(*wanted) == report.profile.mentions(*wanted)
            asked += bool(facts.feature(*wanted))
    assert asked > 20


def test_finding_lookups_equal_a_filter_in_text_order(auditor):
    rng = random.Random(4)
    categories = sorted({rule.category for rule in auditor.lexicon.rules})
    prefixes = ["REG-", "CURE-", "HYPE-", "PRICE-", "EVIDENCE-"]
    found = 0
    for _, facts in _facts(auditor):
        for _ in range(10):
            wanted = set(rng.sample(categories, rng.randint(0, 3)))
            rules = tuple(rng.sample(prefixes, rng.randint(0, 2)))
            expected = [
                f
                for f in facts.findings
                if not f.suppressed
                and (f.category in wanted or (rules and f.rule_id.startswith(rules)))
            ]
            assert facts.matching(wanted, rules) == expected
            found += bool(expected)
    assert found > 20
