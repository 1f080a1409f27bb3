"""Compile lexicon token patterns into spaCy Matcher patterns.

``{TERM: NAME}`` in a rule stands for one or more tokens of term set ``NAME``. The term marker
component writes membership into ``token.norm_`` as ``__TERM__NAME`` (``__TERM__A|B`` for a
token in two sets), so the compiled pattern is a plain NORM test that spaCy runs in C.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import combinations
from typing import Any

TERM_KEY = "TERM"
TERM_NORM_PREFIX = "__TERM__"


def term_norm(names: Iterable[str]) -> str:
    """The NORM marker for a token in the term sets ``names``."""
    return TERM_NORM_PREFIX + "|".join(sorted(names))


def norms_containing(name: str, all_names: Iterable[str]) -> list[str]:
    """Every marker a token of term set ``name`` can carry, whatever other sets it is in."""
    others = sorted(set(all_names) - {name})
    return [
        term_norm([name, *extra])
        for size in range(len(others) + 1)
        for extra in combinations(others, size)
    ]


def expand_terms(tokens: list[dict[str, Any]], term_sets: Iterable[str]) -> list[dict[str, Any]]:
    """Rewrite ``{TERM: NAME}`` tokens into NORM tests; other tokens pass through unchanged."""
    term_sets = list(term_sets)
    expanded = []
    for token in tokens:
        if TERM_KEY in token:
            rest = {k: v for k, v in token.items() if k != TERM_KEY}
            rest.setdefault("OP", "+")
            expanded.append({"NORM": {"IN": norms_containing(token[TERM_KEY], term_sets)}, **rest})
        else:
            expanded.append(token)
    return expanded
