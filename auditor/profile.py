"""Product profile: what the document says about the product, found in its full text.

The claim pipeline looks for risky sentences; the profile is an inventory: cell sources,
origin, processing, combinations, routes, evidence markers, disclosures, the conditions it names
beside cell products (each with its evidence level from the evidence lexicon) and its
statements about regulatory status. Features are literal vocabulary, so they are found with
regular expressions compiled from the lexicon over the whole text (fast, and independent of
which lines the claim gate keeps). Every item points at its spans in the text.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from functools import cached_property
from itertools import accumulate, compress, count

from auditor.documents import line_start
from auditor.lexicon import Lexicon
from auditor.lexicon.schema import ContextKind
from auditor.literals import Expression, lowers_faithfully
from auditor.report.models import FeatureHit, Finding, Indication, Mention, Profile

MAX_MENTIONS = 25
"""Mentions kept per item: enough to highlight, bounded for very long pages."""
CELL_PRODUCT_TERM_SET = "CELL_PRODUCT"


WORD = re.compile(r"[^\W_]+")
WORD_PIECES = re.compile(f"({WORD.pattern})")
"""Splits a text into separators and words by turns, starting with a separator."""
Match = tuple[int, int, tuple[str, ...]]
"""A phrase found in a text: start, end, and the phrase's lower-case words."""


class Words:
    """The runs of letters and digits of a text, lower-cased, with their offsets, and where
    given words are, so a phrase index looks only where its first words are."""

    def __init__(self, text: str) -> None:
        self.lowered = lowered = text.lower()
        kept = len(lowered) == len(text)  # lower-casing kept every offset (nearly always)
        pieces = WORD_PIECES.split(lowered if kept else text)
        self.words = pieces[1::2] if kept else [word.lower() for word in pieces[1::2]]
        self._ends = list(accumulate(map(len, pieces)))
        """Where each piece ends: word ``i`` is piece ``2 * i + 1``, after its separator."""

    def span(self, first: int, last: int) -> tuple[int, int]:
        """Start and end of the words ``first`` to ``last``."""
        return self._ends[2 * first], self._ends[2 * last + 1]

    @cached_property
    def distinct(self) -> set[str]:
        return set(self.words)

    def positions(self, wanted: AbstractSet[str]) -> list[int]:
        """Indexes of the words that are in ``wanted``, in text order."""
        present = self.distinct & wanted
        if not present:
            return []
        return list(compress(count(), map(present.__contains__, self.words)))


class PhraseIndex:
    """Find phrases (case-insensitive, whole words) by looking up word n-grams.

    A phrase is reduced to its lower-case letter-and-digit words, so "adipose-derived" also
    finds "adipose derived" and straight and curly apostrophes are the same. At each word the
    longest phrase wins and matches do not overlap, as with a longest-first alternation; looking
    up only the positions of the phrases' first words is many times faster than a regular
    expression with thousands of alternatives.
    """

    def __init__(self, phrases: Iterable[str]) -> None:
        self.keys: set[tuple[str, ...]] = set()
        self.prefixes: set[tuple[str, ...]] = set()
        for phrase in phrases:
            key = tuple(WORD.findall(phrase.lower()))
            if key:
                self.keys.add(key)
                self.prefixes.update(key[:n] for n in range(1, len(key)))
        self.first = {key[0] for key in self.keys}

    def __bool__(self) -> bool:
        return bool(self.keys)

    def find(self, words: Words) -> list[Match]:
        """(start, end, key) of every match in ``words``, in text order."""
        found, free, tokens = [], 0, words.words
        keys, prefixes, total = self.keys, self.prefixes, len(tokens)
        for i in words.positions(self.first):
            if i < free:
                continue
            key = (tokens[i],)
            best, n = (1 if key in keys else 0), i + 1
            while n < total and key in prefixes:
                key = (*key, tokens[n])
                n += 1
                if key in keys:
                    best = n - i
            if best:
                found.append((*words.span(i, i + best - 1), key[:best]))
                free = i + best
        return found


def _key(text: str) -> tuple[str, ...]:
    return tuple(WORD.findall(text.lower()))


class ProfileExtractor:
    """Compiled once per lexicon; :meth:`extract` is a pure function of text and findings."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.features = {feature.id: feature for feature in lexicon.features}
        self._term_owner: dict[tuple[str, ...], list[str]] = defaultdict(list)
        for feature in lexicon.features:
            for term in feature.terms:
                self._term_owner[_key(term)].append(feature.id)
        self._terms = PhraseIndex(t for f in lexicon.features for t in f.terms)
        self._patterns = [
            (feature.id, Expression.compile(pattern, re.IGNORECASE))
            for feature in lexicon.features
            for pattern in feature.patterns
        ]
        self._condition_of: dict[tuple[str, ...], str] = {
            _key(name): condition.id
            for condition in lexicon.conditions.values()
            for name in condition.names
        }
        self._conditions = PhraseIndex(" ".join(key) for key in self._condition_of)
        products = lexicon.term_sets.get(CELL_PRODUCT_TERM_SET)
        source_terms = [t for f in lexicon.features if f.group == "source" for t in f.terms]
        self._cell_products = PhraseIndex([*(products.terms if products else ()), *source_terms])
        self._disclaimers = PhraseIndex(
            cue
            for entry in lexicon.context.get(ContextKind.in_disclaimer, ())
            for cue in entry.cues
        )
        self._approved_products = PhraseIndex(
            product for use in lexicon.approved_uses for product in use.products
        )
        self._approved_by_condition: dict[str, list] = defaultdict(list)
        for use in lexicon.approved_uses:
            for condition_id in use.conditions:
                self._approved_by_condition[condition_id].append(use)

    def extract(self, text: str, findings: Iterable[Finding] = ()) -> Profile:
        words = Words(text)
        found: dict[str, set[tuple[int, int]]] = defaultdict(set)
        for start, end, key in self._terms.find(words):
            for feature_id in self._term_owner.get(key, ()):
                found[feature_id].add((start, end))
        faithful = lowers_faithfully(text, words.lowered)
        for feature_id, expression in self._patterns:
            if spans := expression.spans(text, words.lowered, faithful):
                found[feature_id].update(spans)
        features: dict[str, list[FeatureHit]] = defaultdict(list)
        for feature in self.lexicon.features:
            if feature.id in found:
                spans = sorted(found[feature.id])[:MAX_MENTIONS]
                mentions = [Mention(start=s, end=e, text=text[s:e]) for s, e in spans]
                features[feature.group].append(
                    FeatureHit(id=feature.id, label=feature.label, mentions=mentions)
                )
        sources = _sources(features.get("source", ()))
        findings = list(findings)
        products = self._cell_products.find(words)
        return Profile(
            features=dict(features),
            cell_products=_mentions(products, text),
            disclaimers=_mentions(self._disclaimers.find(words), text),
            indications=self._indications(text, words, products, findings, sources),
            approved_products=_mentions(self._approved_products.find(words), text),
            regulatory_statements=[
                Mention(start=f.start, end=f.end, text=f.text)
                for f in findings
                if f.category == "regulatory_status"
            ],
        )

    def licensed(self, claim: str, profile: Profile) -> bool:
        """True when ``claim`` names an approved condition and the document names a cell
        source licensed for it (cord blood for leukaemia): an approved use, not a claim."""
        sources = _sources(profile.hits("source"))
        return any(
            use.source in sources
            for _, _, key in self._conditions.find(Words(claim))
            for use in self._approved_by_condition.get(self._condition_of[key], ())
        )

    def _indications(
        self,
        text: str,
        words: Words,
        products: list[Match],
        findings: list[Finding],
        sources: set[str],
    ) -> list[Indication]:
        """Conditions named on a line that also names a cell product, or inside a claim."""
        if not self._conditions:
            return []
        claimed = Spans((f.start, f.end) for f in findings if f.category == "unproven_indication")
        product_lines = {line_start(text, start) for start, _, _ in products}
        by_condition: dict[str, list[Mention]] = defaultdict(list)
        for start, end, key in self._conditions.find(words):
            if start in claimed or line_start(text, start) in product_lines:
                mention = Mention(start=start, end=end, text=text[start:end])
                by_condition[self._condition_of[key]].append(mention)
        indications = []
        for condition_id, mentions in by_condition.items():
            condition = self.lexicon.conditions[condition_id]
            uses = self._approved_by_condition.get(condition_id, [])
            indications.append(
                Indication(
                    condition=condition.id,
                    label=condition.label,
                    group=condition.group,
                    evidence=condition.evidence,
                    approved_products=[p for use in uses for p in use.products],
                    approved_for_named_source=any(use.source in sources for use in uses),
                    reference=condition.reference,
                    mentions=mentions[:MAX_MENTIONS],
                )
            )
        return sorted(indications, key=lambda i: i.mentions[0].start)


class Spans:
    """Character spans that answer "does one hold this offset?" in log time."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [start for start, _ in ordered]
        self.reach = list(accumulate((end for _, end in ordered), max, initial=0))[1:]
        """The furthest end among the spans starting at or before each one."""

    def __contains__(self, offset: int) -> bool:
        before = bisect.bisect_right(self.starts, offset)
        return bool(before) and self.reach[before - 1] > offset


def _mentions(matches: list[Match], text: str) -> list[Mention]:
    return [Mention(start=s, end=e, text=text[s:e]) for s, e, _ in matches[:MAX_MENTIONS]]


def _sources(hits: Iterable[FeatureHit]) -> set[str]:
    """Cell sources named, from the ``source.*`` feature hits (``source.adipose`` -> adipose)."""
    return {hit.id.split(".", 1)[1] for hit in hits}
