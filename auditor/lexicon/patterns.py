"""Compile lexicon patterns into spaCy Matcher patterns, and say what each one requires.

``{TERM: NAME}`` in a rule stands for one or more tokens of term set ``NAME``. The term marker
component writes membership into ``token.norm_`` as ``__TERM__NAME`` (``__TERM__A|B`` for a
token in two sets), so the compiled pattern is a plain NORM test that spaCy runs in C.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from itertools import combinations
from typing import Any, Generic, Literal, TypeVar

K = TypeVar("K")
TERM_KEY = "TERM"
TERM_NORM_PREFIX = "__TERM__"
NUMBER_SHAPE = re.compile(r"[d,.]*d[d,.]*|d+/d+")


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


@dataclass(frozen=True, slots=True)
class Requirement:
    """Something every match of a pattern contains: one token that is any of ``values``.

    ``kind`` says what ``values`` are: ``words`` (lower-case token texts), ``lemmas``,
    ``term`` (one term-set id), ``number`` (a number-like token) or ``currency`` (a currency
    symbol). Tokens a match may skip (``?``, ``*``, ``!``, ``{0,n}``) and tokens that name no
    values (say, only a part of speech) require nothing.
    """

    kind: Literal["words", "lemmas", "term", "number", "currency"]
    values: frozenset[str] = frozenset()


def pattern_requirements(
    phrase: str | None, tokens: list[dict[str, Any]] | None
) -> list[Requirement]:
    """What a lexicon pattern (a phrase or token pattern) cannot match without."""
    if phrase is not None:
        return [Requirement("words", frozenset({word})) for word in phrase.lower().split()]
    found = []
    for token in tokens or []:
        if not _required(token):
            continue
        if TERM_KEY in token:
            found.append(Requirement("term", frozenset({token[TERM_KEY]})))
        elif (values := _named_values(token.get("LEMMA"))) is not None:
            found.append(Requirement("lemmas", values))
        elif (values := _text_values(token)) is not None:
            found.append(Requirement("words", values))
        elif token.get("IS_CURRENCY") is True:
            found.append(Requirement("currency"))
        elif _number_like(token):
            found.append(Requirement("number"))
    return found


def _number_like(token: dict[str, Any]) -> bool:
    """Whether the token pattern accepts only number-like tokens: ``LIKE_NUM`` or
    ``IS_DIGIT``, or shapes that are all digits with commas and points ("dd", "d,ddd", "d.d")
    or a fraction ("d/d"), for which spaCy's English ``like_num`` holds."""
    if token.get("LIKE_NUM") is True or token.get("IS_DIGIT") is True:
        return True
    shapes = _named_values(token.get("SHAPE"))
    return bool(shapes) and all(NUMBER_SHAPE.fullmatch(shape) for shape in shapes)


def _required(token: dict[str, Any]) -> bool:
    op = str(token.get("OP", ""))
    return op not in {"?", "*", "!"} and not re.fullmatch(r"\{0?,\d*\}", op)


def _text_values(token: dict[str, Any]) -> frozenset[str] | None:
    for attr in ("LOWER", "ORTH", "TEXT"):
        values = _named_values(token.get(attr))
        if values is not None:
            return values
    return None


def _named_values(spec: Any) -> frozenset[str] | None:
    if isinstance(spec, str):
        return frozenset({spec.lower()})
    if isinstance(spec, dict) and set(spec) == {"IN"}:
        return frozenset(str(v).lower() for v in spec["IN"])
    return None


class RequirementIndex(Generic[K]):
    """Which patterns have every requirement met by a set of present keys.

    Each pattern is added as a list of key sets (one per requirement; any key of a set meets
    it). Every requirement is one bit of an integer: a key maps to the bits it meets, and a
    pattern to the mask of its bits. A pattern is examined only when a key of its *trigger* is
    present, the requirement least likely to be met by chance (no stop words, fewest keys), so
    the work per call follows the text, not the number of patterns.
    """

    def __init__(self, common: frozenset[K] = frozenset()) -> None:
        self._common = common
        self._bits: dict[K, int] = {}
        self._trigger: dict[K, list[int]] = {}
        self._masks: list[int] = []
        self._always: list[int] = []
        self._next_bit = 0

    def __len__(self) -> int:
        return len(self._masks)

    def add(self, needs: list[frozenset[K]]) -> int:
        number = len(self._masks)
        mask = 0
        for keys in needs:
            bit = 1 << self._next_bit
            self._next_bit += 1
            mask |= bit
            for key in keys:
                self._bits[key] = self._bits.get(key, 0) | bit
        self._masks.append(mask)
        if not needs:
            self._always.append(number)
            return number
        trigger = min(needs, key=lambda keys: (not keys.isdisjoint(self._common), len(keys)))
        for key in trigger:
            self._trigger.setdefault(key, []).append(number)
        return number

    @property
    def always(self) -> bool:
        """True when some pattern requires nothing, so every text is a candidate."""
        return bool(self._always)

    def satisfied(self, present: AbstractSet[K]) -> list[int]:
        """Numbers of the patterns whose every requirement a key in ``present`` meets."""
        met, candidates = self._met(present)
        masks = self._masks
        return self._always + sorted(n for n in candidates if met & masks[n] == masks[n])

    def any_satisfied(self, present: AbstractSet[K]) -> bool:
        """Whether :meth:`satisfied` would name any pattern, stopping at the first."""
        if self._always:
            return True
        met, candidates = self._met(present)
        masks = self._masks
        return any(met & masks[n] == masks[n] for n in candidates)

    def _met(self, present: AbstractSet[K]) -> tuple[int, set[int]]:
        """The requirement bits ``present`` meets, and the patterns its keys trigger."""
        met, candidates = 0, set()
        for key in self._bits.keys() & present:
            met |= self._bits[key]
            candidates.update(self._trigger.get(key, ()))
        return met, candidates
