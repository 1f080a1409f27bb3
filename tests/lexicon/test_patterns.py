"""Requirement index: which patterns have every requirement met by the keys present."""

from __future__ import annotations

import random

from auditor.lexicon.patterns import RequirementIndex


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
