"""Required literals: a page is skipped only when the expression cannot match it."""

from __future__ import annotations

import re

import pytest

from auditor.lexicon import load_lexicons
from auditor.literals import may_match, required_literals

from tests_support import corpus_documents


@pytest.mark.parametrize(
    ("pattern", "needles"),
    [
        (r"\bfrozen\b(?!\s+shoulders?\b)", {"frozen"}),
        (r"\b(?:isolat|separat)(?:e|ed)\b", {"isolat", "separat"}),
        (r"(?=risk)(?<!\bno )\brisks?\b", {"risk"}),
        (r"\bNCT[\s:#-]?\d{8}\b", {"nct"}),
        (r"(?:approved|\d+)", None),
        (r"\d+", None),
    ],
)
def test_required_literals_of_simple_expressions(pattern, needles):
    found = required_literals(re.compile(pattern, re.IGNORECASE))
    assert (set(found) if found is not None else None) == needles


def test_an_expression_without_literals_always_runs():
    assert may_match(None, "anything")
    assert not may_match(frozenset({"risk"}), "no such word here")


def test_every_profile_pattern_is_skipped_only_where_it_cannot_match():
    texts = [d.text for d in corpus_documents()]
    texts += ["RISKS of IV infusion", "Not FDA-approved", "Cells were culture-expanded."]
    for feature in load_lexicons().features:
        for pattern in feature.patterns:
            compiled = re.compile(pattern, re.IGNORECASE)
            needles = required_literals(compiled)
            for text in texts:
                if compiled.search(text):
                    assert may_match(needles, text.lower()), (feature.id, pattern)
