"""What every match of a regular expression must hold, for cheap pre-checks.

Running dozens of case-insensitive, lookbehind-heavy expressions over every page is slow, and
most of them cannot match most pages. :func:`required_literals` reads an expression's parse
tree and returns a set of lower-case strings one of which any match contains; a page whose
lower-cased text holds none of them is skipped without running the expression. ``None`` means
no such set was found and the expression always runs.

An expression that opens with a word boundary or a look-behind gives Python's engine no first
character to scan for, so it is tried at every position. :func:`with_first_characters` reads the
characters a match can start with and puts them in front as a look-ahead (``(?=[\\dC])``),
which lets the engine skip ahead to them; the matches are the same.
:class:`Expression` holds an expression with both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from re import _constants as sre  # the parse tree's opcodes
from re import _parser as sre_parse

Needles = frozenset[str]
ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)
CATEGORY_CLASSES = {
    sre.CATEGORY_DIGIT: r"\d",
    sre.CATEGORY_NOT_DIGIT: r"\D",
    sre.CATEGORY_SPACE: r"\s",
    sre.CATEGORY_NOT_SPACE: r"\S",
    sre.CATEGORY_WORD: r"\w",
    sre.CATEGORY_NOT_WORD: r"\W",
}


@dataclass(frozen=True)
class Expression:
    """A compiled expression with what makes running it cheap: needles to skip texts that
    cannot match, and a first-character look-ahead."""

    pattern: re.Pattern[str]
    needles: Needles | None

    @classmethod
    def compile(cls, source: str, flags: int = 0) -> Expression:
        compiled = re.compile(source, flags)
        return cls(with_first_characters(compiled), required_literals(compiled))

    def spans(self, text: str, lowered: str) -> list[tuple[int, int]]:
        """``(start, end)`` of every match in ``text`` (``lowered`` is ``text.lower()``)."""
        if not may_match(self.needles, lowered):
            return []
        return [m.span() for m in self.pattern.finditer(text)]


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


def with_first_characters(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` behind a look-ahead for the characters its matches can start with; the
    pattern itself when they are unknown (any character, an empty match, a group that turns
    case-insensitivity on inside a case-sensitive expression)."""
    ignore_case = bool(pattern.flags & re.IGNORECASE)
    try:
        first = _first_of_sequence(sre_parse.parse(pattern.pattern, pattern.flags), ignore_case)
    except ValueError:
        return pattern
    if first is None or first[1]:
        return pattern
    atoms = "".join(sorted(first[0]))
    try:
        return re.compile(f"(?=[{atoms}])(?:{pattern.pattern})", pattern.flags)
    except re.error:  # global inline flags must open the expression
        return pattern


First = tuple[set[str], bool]
"""Character-class atoms a match can start with, and whether it can be empty."""


def _first_of_sequence(items, ignore_case: bool) -> First | None:
    atoms: set[str] = set()
    for op, av in items:
        found = (set(), True) if op in ZERO_WIDTH else _first_of_item(op, av, ignore_case)
        if found is None:
            return None
        atoms |= found[0]
        if not found[1]:
            return atoms, False
    return atoms, True


def _first_of_item(op, av, ignore_case: bool) -> First | None:
    if op is sre.LITERAL:
        return {re.escape(chr(av))}, False
    if op is sre.IN:
        atoms = {_class_atom(item_op, item_av) for item_op, item_av in av}
        return None if None in atoms else (atoms, False)
    if op is sre.SUBPATTERN:
        _, add_flags, _, items = av
        if add_flags & re.IGNORECASE and not ignore_case:
            raise ValueError("case-insensitive group in a case-sensitive expression")
        return _first_of_sequence(items, ignore_case)
    if op is sre.ATOMIC_GROUP:
        return _first_of_sequence(av, ignore_case)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        found = _first_of_sequence(av[2], ignore_case)
        return None if found is None else (found[0], found[1] or av[0] == 0)
    if op is sre.BRANCH:
        alternatives = [_first_of_sequence(items, ignore_case) for items in av[1]]
        if None in alternatives:
            return None
        return set().union(*(a[0] for a in alternatives)), any(a[1] for a in alternatives)
    return None


def _class_atom(op, av) -> str | None:
    if op is sre.LITERAL:
        return re.escape(chr(av))
    if op is sre.RANGE:
        return f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}"
    if op is sre.CATEGORY:
        return CATEGORY_CLASSES.get(av)
    return None  # a negated class or an opcode this reader does not know
