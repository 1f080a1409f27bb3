"""Required literals: a page is skipped only when the expression cannot match it."""

from __future__ import annotations

import random
import re

import pytest

from auditor.lexicon import load_lexicons
from auditor.literals import (
    Expression,
    every_required_literal,
    for_lowered_text,
    lowers_faithfully,
    may_match,
    required_literals,
    with_case_sensitive_opening,
    with_first_characters,
)

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


# Rewritten expressions: case-sensitive on the lower-cased text, leading assertions moved behind
# what they consume, tried only where their opening words are. They must find exactly the spans
# of the original on every text that lowers faithfully, and the guard must refuse the others.

EXTRA_PATTERNS = [
    r"\b[A-Z]{2,}\d+\b",  # a range of cased characters
    r"(?<![a-z])[^\Wx]+Q",  # a negated class with a cased member after a look-behind
    r"\b(?:alpha\s+)?beta\b",  # an optional opening
    r"\b\d{2,4}(?:\.\d+)?\s*%",  # a repeated class opening
    r"(?=ab)(?<!x )\b(?:abc|abd|ab)\b(?!-)",  # a branch behind assertions
    "\\bs\u017f\\b|\\b\u0130x",  # characters whose case-insensitive twins lower-case elsewhere
    r"(?-i:\bHA\b)\s+\w+",  # a case-sensitive opening group
    r"(?<!phase )(?-i:\bIVs?\b)",
    r"(?:\bnot|n['\u2019]t)\s+fda",
    r"(?:aa|zz)b",  # an opening word found again inside itself ("aaab")
]
ALPHABET = [
    *"abcdeqxz AZQX 0123 .-%\u2019'\n",
    *"\u0130\u00df\u017f\u0131\u212a\u00b5\u03a3\u03c2\u01c5\u00e9\u00c9\ufb05\u0307\u0663",
]
WORDS = [
    "alpha",
    "Beta",
    "ABC",
    "abd",
    "HA",
    "IV",
    "ivs",
    "not",
    "n\u2019t",
    "FDA",
    "phase",
    "aaab",
]


def _random_texts(rng: random.Random, count: int) -> list[str]:
    texts = []
    for _ in range(count):
        pieces = [
            rng.choice(WORDS) if rng.random() < 0.4 else "".join(rng.choices(ALPHABET, k=3))
            for _ in range(rng.randrange(1, 12))
        ]
        texts.append(" ".join(pieces))
    return texts


def _patterns() -> list[str]:
    return [p for feature in load_lexicons().features for p in feature.patterns] + EXTRA_PATTERNS


def test_lowered_expressions_find_the_original_spans_on_faithful_texts():
    rng = random.Random(5)
    texts = [d.text for d in corpus_documents()] + _random_texts(rng, 1500)
    faithful = [text for text in texts if lowers_faithfully(text, text.lower())]
    assert 0 < len(faithful) < len(texts)
    rewritten = 0
    for pattern in _patterns():
        original = re.compile(pattern, re.IGNORECASE)
        lowered = for_lowered_text(original)
        expression = Expression.compile(pattern, re.IGNORECASE)
        rewritten += lowered is not None
        for text in faithful:
            spans = [m.span() for m in original.finditer(text)]
            if lowered is not None:
                assert [m.span() for m in lowered.finditer(text.lower())] == spans, pattern
            assert expression.spans(text, text.lower(), True) == spans, (pattern, text)
    assert rewritten >= len(_patterns()) - 10


def test_texts_whose_lower_casing_changes_a_match_are_not_faithful():
    for text in ["\u0130x", "\u017f", "\u00b5", "\u03a3", "\ufb05"]:  # İx, long s, µ, Σ, ﬅ
        assert not lowers_faithfully(text, text.lower()), text
    for text in ["Plain ASCII", "Curly \u2019quotes\u2019 and É, é, ß, \u212a"]:
        assert lowers_faithfully(text, text.lower()), text
    # the reason for the guard: on these the lower-cased text loses a case-insensitive match
    long_s = "\u017ftem"
    assert re.search("stem", long_s, re.IGNORECASE)
    assert not for_lowered_text(re.compile("stem", re.IGNORECASE)).search(long_s.lower())


def test_expressions_run_as_before_on_texts_that_are_not_faithful():
    rng = random.Random(9)
    texts = [t for t in _random_texts(rng, 800) if not lowers_faithfully(t, t.lower())]
    assert texts
    for pattern in _patterns():
        original = re.compile(pattern, re.IGNORECASE)
        expression = Expression.compile(pattern, re.IGNORECASE)
        for text in texts:
            lowered = text.lower()
            expected = [m.span() for m in original.finditer(text)]
            if not may_match(expression.needles, lowered):
                expected = []
            assert expression.spans(text, lowered, False) == expected, (pattern, text)


@pytest.mark.parametrize(
    ("pattern", "openings"),
    [
        (r"\b(?:mix|mixes|blend|combined)\b", ("blend", "combined", "mix")),
        (r"\b(?:the|their|your)\s+own\b", ("the", "your")),  # "their" is found with "the"
        (r"\bfrozen\b", ()),  # one literal: the engine scans for it itself
        (r"\b(?:x|yz)\b", ()),  # a single character is no cheaper to find
        (r"\b(?:\d+|abc)\b", ()),  # a class opens one alternative
    ],
)
def test_opening_literals_are_named_when_there_are_several(pattern, openings):
    assert Expression.compile(pattern, re.IGNORECASE).openings == openings


@pytest.mark.parametrize(
    ("pattern", "needed"),
    [
        (r"\bfrozen\b", [{"frozen"}]),
        (r"\b(?:mix|blend)\w*\b[^.]{1,60}?\bwith\b", [{"blend", "mix"}, {"with"}]),
        (r"\b(?:grow|grows|grown)\s+in\b", [{"grow"}, {"in"}]),  # "grow" is in the others
        (r"\b\d+\s*C\.?F\.?R\b", [{"cfr", "c.fr", "cf.r", "c.f.r"}]),  # optional dots fork it
        (r"\d+", []),
    ],
)
def test_every_required_literal_of_simple_expressions(pattern, needed):
    found = every_required_literal(re.compile(pattern, re.IGNORECASE))
    assert sorted(map(set, found), key=sorted) == sorted(needed, key=sorted)


def test_every_required_literal_is_in_every_match():
    texts = [d.text for d in corpus_documents()] + _random_texts(random.Random(3), 500)
    for pattern in _patterns():
        compiled = re.compile(pattern, re.IGNORECASE)
        needed = every_required_literal(compiled)
        for text in texts:
            if lowers_faithfully(text, text.lower()):
                for match in compiled.finditer(text):
                    lowered = match.group().lower()
                    assert all(any(n in lowered for n in needles) for needles in needed), pattern


def test_a_case_sensitive_opening_finds_the_original_spans():
    texts = [*_random_texts(random.Random(4), 800), "HA gel, ha, IVs and IV. By Jane Doe\n"]
    opened = 0
    for pattern in _patterns():
        original = re.compile(pattern, re.IGNORECASE)
        fast = with_case_sensitive_opening(original)
        if fast is None:
            continue
        opened += 1
        for text in texts:
            assert [m.span() for m in fast.finditer(text)] == [
                m.span() for m in original.finditer(text)
            ], (pattern, text)
    assert opened >= 3
    assert with_case_sensitive_opening(re.compile(r"\bfrozen", re.IGNORECASE)) is None
