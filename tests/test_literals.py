"""Required literals: a page is skipped only when the expression cannot match it."""

from __future__ import annotations

import re

import pytest

from auditor.lexicon import load_lexicons
from auditor.literals import may_match, required_literals, with_first_characters

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


@pytest.mark.parametrize(
    ("pattern", "lookahead"),
    [
        (r"\bsection\s+361\b", "(?=[s])"),
        (r"(?<!not )\b(?:approved|cleared)\b", "(?=[ac])"),
        (r"\b\d+\s*CFR", r"(?=[\d])"),
        (r"(?:\$|€)?\d+", r"(?=[\$\d€])"),
        (r"[a-c]x?y", "(?=[a-c])"),
    ],
)
def test_first_characters_are_put_in_front(pattern, lookahead):
    compiled = with_first_characters(re.compile(pattern, re.IGNORECASE))
    assert compiled.pattern == f"{lookahead}(?:{pattern})"


@pytest.mark.parametrize(
    "pattern",
    [
        r"\w*",  # can match nothing
        r"[^.]+x",  # any character but one
        r".x",
        r"(?i)abc",  # global flags must open the expression
        r"(?i:a)b",  # case-insensitive group in a case-sensitive expression
    ],
)
def test_unknown_first_characters_leave_the_expression_alone(pattern):
    compiled = re.compile(pattern)
    assert with_first_characters(compiled) is compiled


def test_profile_patterns_find_the_same_matches_behind_the_lookahead():
    texts = [d.text for d in corpus_documents()]
    texts += ["SECTION 361 and 21 CFR 1271", "£1,200 for 3 x 10^6 cells", "ÉTUDE Not FDA-approved"]
    changed = 0
    for feature in load_lexicons().features:
        for pattern in feature.patterns:
            compiled = re.compile(pattern, re.IGNORECASE)
            fast = with_first_characters(compiled)
            changed += fast is not compiled
            for text in texts:
                assert [m.span() for m in fast.finditer(text)] == [
                    m.span() for m in compiled.finditer(text)
                ], (feature.id, pattern)
    assert changed > 0
