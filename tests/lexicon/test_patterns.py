"""Requirement index: which patterns have every requirement met by the keys present."""

from __future__ import annotations

import random

import pytest
import spacy

from auditor.lexicon.patterns import RequirementIndex, pattern_requirements


def test_any_satisfied_agrees_with_the_list_of_satisfied_patterns():
    rng = random.Random(5)
    keys = [f"k{i}" for i in range(30)]
    index: RequirementIndex[str] = RequirementIndex(frozenset({"k0", "k1"}))
    patterns = [
        [frozenset(rng.sample(keys, rng.randint(1, 3))) for _ in range(rng.randint(1, 3))]
        for _ in range(40)
    ]
    for needs in patterns:
        index.add(needs)
    hits = 0
    for _ in range(500):
        present = set(rng.sample(keys, rng.randint(0, 8)))
        expected = [n for n, needs in enumerate(patterns) if all(present & k for k in needs)]
        assert index.satisfied(present) == expected
        assert index.any_satisfied(present) == bool(expected)
        hits += bool(expected)
    assert 0 < hits < 500


def test_a_pattern_without_requirements_is_always_satisfied():
    index: RequirementIndex[str] = RequirementIndex()
    index.add([frozenset({"a"})])
    assert not index.any_satisfied(set())
    index.add([])
    assert index.any_satisfied(set()) and index.satisfied(set()) == [1]


@pytest.mark.parametrize("shape", ["d", "dd", "d,ddd", "d.dd", "ddd,ddd.dd", "d/d", "dd/dd"])
def test_digit_shapes_require_a_number_like_token(shape):
    (need,) = pattern_requirements(None, [{"SHAPE": {"IN": [shape]}}])
    assert need.kind == "number"
    nlp = spacy.blank("en")
    rng = random.Random(shape)
    for _ in range(20):
        text = "".join(str(rng.randint(0, 9)) if c == "d" else c for c in shape)
        (token,) = nlp.make_doc(text)
        assert token.shape_ == shape and token.like_num, text


@pytest.mark.parametrize("shape", ["dx", "Xxxx", "d.d/d", "x"])
def test_other_shapes_require_nothing(shape):
    assert pattern_requirements(None, [{"SHAPE": shape}]) == []
