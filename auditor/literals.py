"""What every match of a regular expression must hold, and how to run it fast.

Running dozens of case-insensitive, lookbehind-heavy expressions over every page is slow, and
most of them cannot match most pages. :func:`required_literals` reads an expression's parse
tree and returns a set of lower-case strings one of which any match contains; a page whose
lower-cased text holds none of them is skipped without running the expression. ``None`` means
no such set was found and the expression always runs. :func:`every_required_literal` returns
all such sets, for pages that lower-case faithfully (below): each must be met.

An expression that opens with a word boundary or a look-behind gives Python's engine no first
character to scan for, so it is tried at every position. :func:`with_first_characters` reads the
characters a match can start with and puts them in front as a look-ahead (``(?=[\\dC])``),
which lets the engine skip ahead to them; the matches are the same.

Case-insensitive matching defeats the engine's fast scans (for a literal prefix, for a set of
first characters) altogether. :func:`for_lowered_text` rewrites an expression into a
case-sensitive one for the lower-cased text, its leading assertions moved behind the
characters it consumes first (``\\bfrozen`` becomes ``frozen(?<=\\bfrozen)``), so the engine
scans for those; it finds the same spans in any text that :func:`lowers_faithfully`. When the
rewritten expression opens with one of several words, :func:`opening_literals` names them:
finding them with ``str.find`` and trying the expression only there is faster still.
:func:`with_case_sensitive_opening` does the same for an expression that opens with a
case-sensitive group (``(?-i:\\bHA\\b)``), on the text itself.
:class:`Expression` holds an expression with all of these.
"""

from __future__ import annotations

import _sre
import re
from dataclasses import dataclass
from functools import cache
from itertools import takewhile
from re import _casefix  # the characters case-insensitive matching treats as equal
from re import _compiler as sre_compile
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
MAX_FORKS = 16
"""Variants of a literal with optional characters tried as needles before giving up on it."""
LOWERED_RANGE_LIMIT = 512
"""Characters a class range may span to be rewritten as lower-case characters one by one."""
FOLDED_TOGETHER = frozenset(
    chr(code) for key, equal in _casefix._EXTRA_CASES.items() for code in (key, *equal)
)
"""Characters that case-insensitive matching equates with a character they do not lower-case
to (the long s and ``s``): a text holding one is matched as it is, never lower-cased."""
NON_ASCII = re.compile(r"[^\x00-\x7f]")
CLASS_TESTS = [re.compile(category) for category in (r"\d", r"\s", r"\w")]
"""The classes a character must keep when lower-cased, for ``\\b`` and classes to match alike."""


@dataclass(frozen=True)
class Expression:
    """A compiled expression with what makes running it cheap: needles to skip texts that
    cannot match, a first-character look-ahead, and a form for the lower-cased text."""

    pattern: re.Pattern[str]
    needles: Needles | None
    lowered: re.Pattern[str] | None = None
    required: tuple[Needles, ...] = ()
    """Every needle set, for a text that lowers faithfully (``needles`` is one of them)."""
    openings: tuple[str, ...] = ()
    """Literals one of which every match of ``lowered`` opens with, when they are several."""

    @classmethod
    def compile(cls, source: str, flags: int = 0) -> Expression:
        compiled = re.compile(source, flags)
        tree = _lowered_tree(compiled)
        return cls(
            with_case_sensitive_opening(compiled) or with_first_characters(compiled),
            required_literals(compiled),
            _compiled(tree),
            every_required_literal(compiled),
            () if tree is None else opening_literals(tree.data),
        )

    def spans(self, text: str, lowered: str, faithful: bool) -> list[tuple[int, int]]:
        """``(start, end)`` of every match in ``text``; ``lowered`` is ``text.lower()`` and
        ``faithful`` says whether :func:`lowers_faithfully` holds for them."""
        if not faithful:
            if not may_match(self.needles, lowered):
                return []
            return [m.span() for m in self.pattern.finditer(text)]
        contains = lowered.__contains__  # as may_match does, without a call per needle set
        for needles in self.required:
            if not any(map(contains, needles)):
                return []
        if self.lowered is None:
            return [m.span() for m in self.pattern.finditer(text)]
        if not self.openings:
            return [m.span() for m in self.lowered.finditer(lowered)]
        starts = sorted({at for opening in self.openings for at in _occurrences(opening, lowered)})
        spans, end, match = [], 0, self.lowered.match
        for start in starts:  # where finditer would try, and nowhere else can a match start
            if start >= end and (found := match(lowered, start)):
                spans.append(found.span())
                end = found.end()
        return spans


def required_literals(pattern: re.Pattern[str]) -> Needles | None:
    """The most selective of the needle sets :func:`every_required_literal` finds."""
    options = _options(sre_parse.parse(pattern.pattern, pattern.flags))
    return max(options, key=_selectivity) if options else None


def every_required_literal(pattern: re.Pattern[str]) -> tuple[Needles, ...]:
    """Every needle set one needle of which any match contains, most selective first. An
    optional character inside a literal forks it (``C\\.?F\\.?R`` needs "cfr", "c.fr", "cf.r" or
    "c.f.r"); a needle that holds another of its set is left out."""
    options = _options(sre_parse.parse(pattern.pattern, pattern.flags), forks=MAX_FORKS)
    needed = {
        frozenset(n for n in needles if not any(m in n for m in needles - {n}))
        for needles in options
    }
    return tuple(
        sorted(needed, key=lambda needles: (_selectivity(needles), sorted(needles)), reverse=True)
    )


def _selectivity(needles: Needles) -> tuple[int, int]:
    return min(map(len, needles)), -len(needles)


def _options(items, forks: int = 1) -> list[Needles]:
    """The needle sets of the items of a sequence (all of them must match); a literal run
    forks at an optional character while it has fewer than ``forks`` variants."""
    options: list[Needles] = []
    runs = {""}
    for op, av in items:
        if op is sre.LITERAL:
            runs = {run + chr(av).lower() for run in runs}
            continue
        if len(runs) < forks and _optional_character(op, av) and min(map(len, runs)):
            runs |= {run + chr(av[2].data[0][1]).lower() for run in runs}
            continue
        if min(map(len, runs)):
            options.append(frozenset(runs))
        runs = {""}
        options += _item(op, av, forks)
    if min(map(len, runs)):
        options.append(frozenset(runs))
    return options


def _optional_character(op, av) -> bool:
    return op is sre.MAX_REPEAT and av[:2] == (0, 1) and _one_character(av[2], (sre.LITERAL,))


def _item(op, av, forks: int) -> list[Needles]:
    if op is sre.SUBPATTERN:
        return _options(av[-1], forks)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and av[0] >= 1:
        return _options(av[2], forks)
    if op is sre.ATOMIC_GROUP:
        return _options(av, forks)
    if op is sre.BRANCH:
        alternatives = [_options(alternative, forks) for alternative in av[1]]
        if all(alternatives):
            return [frozenset().union(*(max(a, key=_selectivity) for a in alternatives))]
    return []


def may_match(needles: Needles | None, lowered: str) -> bool:
    """False only when ``lowered`` (a lower-cased text) cannot hold a match."""
    return needles is None or any(map(lowered.__contains__, needles))


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


def lowers_faithfully(text: str, lowered: str) -> bool:
    """True when ``lowered`` (``text.lower()``) keeps every offset and every character's
    case-insensitive identity and class, so an expression from :func:`for_lowered_text` finds
    in it exactly the spans the original finds in ``text``."""
    if text.isascii():
        return True
    return len(lowered) == len(text) and all(map(_lowers_faithfully, set(NON_ASCII.findall(text))))


@cache
def _lowers_faithfully(char: str) -> bool:
    lowered = char.lower()
    return (
        lowered == chr(_sre.unicode_tolower(ord(char)))  # as the engine lower-cases it
        and lowered not in FOLDED_TOGETHER
        and (lowered == char or lowered.upper() != lowered)  # never to a caseless character
        and all(bool(test.match(char)) == bool(test.match(lowered)) for test in CLASS_TESTS)
    )


def for_lowered_text(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """A case-sensitive expression that finds in a lower-cased text the spans ``pattern`` (a
    case-insensitive one) finds in the text, opening with the characters it consumes first so
    the engine scans for them; None when ``pattern`` is case-sensitive, changes case
    sensitivity inside, or has a part this rewriter does not know."""
    return _compiled(_lowered_tree(pattern))


def _compiled(tree: sre_parse.SubPattern | None) -> re.Pattern[str] | None:
    return None if tree is None else sre_compile.compile(tree, tree.state.flags)


def _rewritable_tree(pattern: re.Pattern[str]) -> sre_parse.SubPattern | None:
    """The parse tree of a case-insensitive ``pattern`` that can be rewritten, or None."""
    if not pattern.flags & re.IGNORECASE:
        return None
    tree = sre_parse.parse(pattern.pattern, pattern.flags)
    if tree.state.groups > 1:  # capturing groups would be copied into the look-behind
        return None
    return tree


def _lowered_tree(pattern: re.Pattern[str]) -> sre_parse.SubPattern | None:
    tree = _rewritable_tree(pattern)
    if tree is None:
        return None
    try:
        items = _scannable(_lowered(tree.data), tree.state)
    except ValueError:
        return None
    tree.state.flags &= ~re.IGNORECASE
    return sre_parse.SubPattern(tree.state, items)


def opening_literals(items) -> tuple[str, ...]:
    """The literals one of which every match of the parse-tree ``items`` opens with, none
    opening with another; empty unless they are several (the engine scans for one literal
    itself, but for several only character by character) and none is a single character."""
    openings = _openings(items)
    if not openings or len(openings) < 2 or min(map(len, openings)) < 2:
        return ()
    return tuple(sorted(o for o in openings if not any(o.startswith(p) for p in openings - {o})))


def _openings(items) -> set[str] | None:
    if not items:
        return None
    op, av = items[0]
    if op is sre.BRANCH:
        alternatives = [_openings(alternative) for alternative in av[1]]
        return None if None in alternatives else set().union(*alternatives)
    run = "".join(chr(av) for _, av in takewhile(lambda item: item[0] is sre.LITERAL, items))
    return {run} if run else None


def _occurrences(literal: str, text: str) -> list[int]:
    """Every offset of ``literal`` in ``text``, overlapping ones too."""
    found, at = [], text.find(literal)
    while at >= 0:
        found.append(at)
        at = text.find(literal, at + 1)
    return found


def with_case_sensitive_opening(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """``pattern`` (a case-insensitive one that opens with a case-sensitive group, as
    ``(?-i:\\bHA\\b)``) with that group opening with what it consumes first, so the engine
    scans for it; None for other expressions."""
    tree = _rewritable_tree(pattern)
    if tree is None:
        return None
    items = _scannable(tree.data, tree.state)
    op, av = items[0]
    if op is not sre.SUBPATTERN or not av[2] & re.IGNORECASE:
        return None
    return _compiled(sre_parse.SubPattern(tree.state, items))


def _lowered(items) -> list:
    """The parse-tree items with every literal and class member lower-cased."""
    return [_lowered_item(op, av) for op, av in items]


def _lowered_item(op, av):
    if op in (sre.LITERAL, sre.NOT_LITERAL):
        return op, _sre.unicode_tolower(av)
    if op is sre.IN:
        return op, [member for item in av for member in _lowered_member(*item)]
    if op is sre.SUBPATTERN:
        group, add_flags, del_flags, items = av
        if (add_flags | del_flags) & re.IGNORECASE:
            raise ValueError("a group changes case sensitivity")
        return op, (group, add_flags, del_flags, _subpattern(items, _lowered(items)))
    if op is sre.BRANCH:
        return op, (av[0], [_subpattern(items, _lowered(items)) for items in av[1]])
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        return op, (av[0], av[1], _subpattern(av[2], _lowered(av[2])))
    if op in (sre.ASSERT, sre.ASSERT_NOT):
        return op, (av[0], _subpattern(av[1], _lowered(av[1])))
    if op is sre.ATOMIC_GROUP:
        return op, _subpattern(av, _lowered(av))
    if op in (sre.AT, sre.ANY, sre.CATEGORY):
        return op, av
    raise ValueError(f"unknown opcode {op}")


def _lowered_member(op, av) -> list:
    if op is sre.LITERAL:
        return [(op, _sre.unicode_tolower(av))]
    if op is sre.RANGE:
        low, high = av
        if not any(map(_sre.unicode_iscased, range(low, high + 1))):
            return [(op, av)]
        if high - low > LOWERED_RANGE_LIMIT:
            raise ValueError("a long range of cased characters")
        return [(sre.LITERAL, code) for code in {*map(_sre.unicode_tolower, range(low, high + 1))}]
    return [(op, av)]  # a category or a negation


def _scannable(items, state) -> list:
    """``items`` opening with what they consume first (a literal run, a class, or a branch of
    those) where they can, their leading assertions checked right after in a look-behind."""
    items, lead = list(items), []
    while items and _zero_width(*items[0]):
        lead.append(items[0])
        items = items[1:]
    if not items:
        return lead
    op, av = items[0]
    if op is sre.SUBPATTERN:  # a group that changes flags: the lead goes in, as it was
        group, add_flags, del_flags, inner = av
        as_it_was = [(op, (None, del_flags, add_flags, _subpattern(inner, lead)))] if lead else []
        opened = _scannable([*as_it_was, *inner.data], state)
        return [(op, (group, add_flags, del_flags, _subpattern(inner, opened))), *items[1:]]
    if op is sre.MAX_REPEAT and (av[0], av[1]) == (0, 1):  # x?y is xy, else y
        rest = items[1:]
        either = [_subpattern(av[2], [*av[2].data, *rest]), _subpattern(av[2], rest)]
        return _scannable([*lead, (sre.BRANCH, (None, either))], state)
    if op is sre.BRANCH:
        branch = [
            sre_parse.SubPattern(state, _scannable([*lead, *alternative], state))
            for alternative in av[1]
        ]
        return [(op, (av[0], branch)), *items[1:]]
    if not lead:
        return items
    if op is sre.LITERAL:
        run = next((i for i, (op, _) in enumerate(items) if op is not sre.LITERAL), len(items))
        consumed, rest = items[:run], items[run:]
    elif op is sre.IN:
        consumed, rest = items[:1], items[1:]
    elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[0] >= 1 and _one_character(av[2]):
        low, high, repeated = av  # x{2,5} is x then x{1,4}
        consumed, rest = list(repeated.data), items[1:]
        if high != 1:
            more = high if high is sre.MAXREPEAT else high - 1
            rest.insert(0, (op, (low - 1, more, repeated)))
    else:
        return [*lead, *items]
    behind = (sre.ASSERT, (-1, sre_parse.SubPattern(state, [*lead, *consumed])))
    return [*consumed, behind, *rest]


def _zero_width(op, av) -> bool:
    return op in ZERO_WIDTH or (op is sre.SUBPATTERN and av[-1].getwidth() == (0, 0))


def _one_character(items: sre_parse.SubPattern, kinds=(sre.LITERAL, sre.IN)) -> bool:
    return len(items.data) == 1 and items.data[0][0] in kinds


def _subpattern(original: sre_parse.SubPattern, items: list) -> sre_parse.SubPattern:
    return sre_parse.SubPattern(original.state, items)
