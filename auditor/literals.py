"""Strings that every match of a regular expression must contain, for cheap pre-checks.

Running dozens of case-insensitive, lookbehind-heavy expressions over every page is slow, and
most of them cannot match most pages. :func:`required_literals` reads an expression's parse
tree and returns a set of lower-case strings one of which any match contains; a page whose
lower-cased text holds none of them is skipped without running the expression. ``None`` means
no such set was found and the expression always runs.
"""

from __future__ import annotations

import re
from re import _constants as sre  # the parse tree's opcodes
from re import _parser as sre_parse

Needles = frozenset[str]


def required_literals(pattern: re.Pattern[str]) -> Needles | None:
    return _sequence(sre_parse.parse(pattern.pattern, pattern.flags))


def _sequence(items) -> Needles | None:
    """The most selective needle set among the items of a sequence (all of them must match)."""
    options: list[Needles] = []
    run = ""
    for op, av in items:
        if op is sre.LITERAL:
            run += chr(av).lower()
            continue
        if run:
            options.append(frozenset({run}))
            run = ""
        found = _item(op, av)
        if found:
            options.append(found)
    if run:
        options.append(frozenset({run}))
    if not options:
        return None
    return max(options, key=lambda needles: (min(map(len, needles)), -len(needles)))


def _item(op, av) -> Needles | None:
    if op is sre.SUBPATTERN:
        return _sequence(av[-1])
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and av[0] >= 1:
        return _sequence(av[2])
    if op is sre.ATOMIC_GROUP:
        return _sequence(av)
    if op is sre.BRANCH:
        alternatives = [_sequence(alternative) for alternative in av[1]]
        if all(alternatives):
            return frozenset().union(*alternatives)
    return None


def may_match(needles: Needles | None, lowered: str) -> bool:
    """False only when ``lowered`` (a lower-cased text) cannot hold a match."""
    return needles is None or any(needle in lowered for needle in needles)
