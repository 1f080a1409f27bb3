"""Find claim matches from the lexicon rules and store them as spans.

Like spaCy's SpanRuler, the component finds matches in one step (:meth:`ClaimMatcher.match`)
and writes them in another (:meth:`ClaimMatcher.set_annotations`). Each finding is a span in
``doc.spans[spans_key]`` labelled with the rule's category, with the rule id as ``span.id_``.

Phrase patterns run in one PhraseMatcher over the whole doc. Token patterns are many, and
spaCy's Matcher tries every pattern at every token, so each token pattern gets a plan of what it
cannot match without: for every required token, the words, lemmas or term set it must find. A
pattern runs only on the sentences that hold all of them, which is the same result at a
fraction of the cost. Token patterns therefore match within a sentence. The patterns runnable
on a sentence run together in one Matcher, built for that combination and cached (the same
combinations recur from sentence to sentence), since each Matcher call costs a pass over the
sentence's tokens whatever the number of patterns.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy
from spacy.attrs import IS_CURRENCY, LEMMA, LIKE_NUM, LOWER
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span

from auditor.lexicon.patterns import RequirementIndex, expand_terms, pattern_requirements
from auditor.lexicon.schema import Rule
from auditor.pipeline.segmentation import sentences as segmented_sentences

SPANS_KEY = "audit"


COMBINATIONS_CACHED = 4096
"""Matchers kept for combinations of runnable patterns (each holds only a few patterns)."""


@dataclass(frozen=True, slots=True)
class PatternPlan:
    """One token pattern of a rule, its term-set tests expanded (validated when planned)."""

    rule: Rule
    pattern: list[dict[str, Any]]


@dataclass(frozen=True, slots=True)
class Candidate:
    rule: Rule
    start: int
    end: int


class ClaimMatcher:
    """Match rule patterns; keep a match only if its ``requires`` term sets share the sentence.

    Where matches of the same category overlap, the longest wins (ties: the more severe rule,
    then the rule listed first), as in spaCy's ``filter_spans``: the longer match is the more
    specific reading ("not FDA-approved" is a disclosure, not an approval claim).
    """

    def __init__(self, nlp: Language, name: str = "audit_claims", *, spans_key: str = SPANS_KEY):
        self.name = name
        self.nlp = nlp
        self.spans_key = spans_key
        self.rules: dict[str, Rule] = {}
        self.term_sets: tuple[str, ...] = ()
        self.order: dict[str, int] = {}
        self.phrase_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.plans: list[PatternPlan] = []
        self._matcher_for = lru_cache(maxsize=COMBINATIONS_CACHED)(self._combined_matcher)
        self.index: RequirementIndex[int | str] = RequirementIndex(
            frozenset(nlp.vocab.strings.add(word) for word in STOP_WORDS)
        )

    def add_rules(self, rules: Iterable[Rule], term_sets: Iterable[str]) -> None:
        """Compile ``rules``; ``term_sets`` names every term set the pipeline marks."""
        self.term_sets = tuple(term_sets)
        for rule in rules:
            self.order[rule.id] = len(self.rules)
            self.rules[rule.id] = rule
            phrases = [p.phrase for p in rule.patterns if p.phrase is not None]
            if phrases:
                self.phrase_matcher.add(rule.id, list(self.nlp.tokenizer.pipe(phrases)))
            for pattern in rule.patterns:
                if pattern.tokens:
                    self.plans.append(self._plan(rule, pattern.tokens))

    def _plan(self, rule: Rule, tokens: list[dict[str, Any]]) -> PatternPlan:
        """One pattern, validated by spaCy and indexed by the word, lemma and term ids it needs.

        Words and lemmas share one key space (spaCy string ids): a sentence offers the ids of
        its tokens' lower-case forms and lemmas, the names of its term sets, and ``#number`` /
        ``#currency`` when it has a number-like token or a currency symbol.
        """
        pattern = expand_terms(tokens, self.term_sets)
        Matcher(self.nlp.vocab, validate=True).add(rule.id, [pattern])
        needs: list[frozenset[int | str]] = []
        for need in pattern_requirements(None, tokens):
            if need.kind == "term":
                needs.append(need.values)
            elif need.kind in ("number", "currency"):
                needs.append(frozenset({f"#{need.kind}"}))
            elif need.kind in ("words", "lemmas"):
                needs.append(frozenset(self.nlp.vocab.strings.add(v) for v in need.values))
        self.index.add(needs)  # index numbers follow self.plans
        return PatternPlan(rule, pattern)

    def _combined_matcher(self, numbers: tuple[int, ...]) -> Matcher:
        matcher = Matcher(self.nlp.vocab, validate=False)
        for number in numbers:
            plan = self.plans[number]
            matcher.add(plan.rule.id, [plan.pattern])
        return matcher

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    def match(self, doc: Doc) -> list[Candidate]:
        strings = self.nlp.vocab.strings
        found = {
            (strings[match_id], start, end) for match_id, start, end in self.phrase_matcher(doc)
        }
        sentences = segmented_sentences(doc)
        term_tokens = doc._.audit_term_tokens or {}
        if self.plans and len(doc):
            words = doc.to_array([LOWER, LEMMA])
            flags = doc.to_array([LIKE_NUM, IS_CURRENCY]).astype(bool)
            for first, last in zip(sentences.starts.tolist(), sentences.ends.tolist(), strict=True):
                numbers = self._runnable(first, last, words, flags, term_tokens)
                if not numbers:
                    continue
                matcher = self._matcher_for(tuple(numbers))
                for match_id, start, end in matcher(doc[first:last], allow_missing=True):
                    found.add((strings[match_id], first + start, first + end))
        candidates = []
        for rule_id, start, end in found:
            rule = self.rules[rule_id]
            if rule.requires:
                sent = sentences.of(start)
                names = {n for i in range(sent.start, sent.end) for n in term_tokens.get(i, ())}
                if not names.issuperset(rule.requires):
                    continue
            candidates.append(Candidate(rule, start, end))
        return _longest_per_category(candidates, self.order)

    def _runnable(
        self,
        first: int,
        last: int,
        words: numpy.ndarray,
        flags: numpy.ndarray,
        term_tokens: dict[int, set[str]],
    ) -> list[int]:
        """Plans whose every required token has an accepted word, lemma or term in the
        sentence of tokens ``first`` to ``last`` (exclusive)."""
        present: set[int | str] = set(words[first:last].ravel().tolist())
        number, currency = flags[first:last].any(axis=0)
        if number:
            present.add("#number")
        if currency:
            present.add("#currency")
        if term_tokens:
            for i in range(first, last):
                present.update(term_tokens.get(i, ()))
        return self.index.satisfied(present)

    def set_annotations(self, doc: Doc, candidates: list[Candidate]) -> None:
        doc.spans[self.spans_key] = [
            Span(doc, c.start, c.end, label=c.rule.category, span_id=c.rule.id)
            for c in sorted(candidates, key=lambda c: (c.start, c.end, c.rule.id))
        ]


def _longest_per_category(candidates: list[Candidate], order: dict[str, int]) -> list[Candidate]:
    ranked = sorted(
        candidates,
        key=lambda c: (-(c.end - c.start), -c.rule.severity.rank, order[c.rule.id], c.start),
    )
    taken: dict[str, list[tuple[int, int]]] = {}
    kept = []
    for cand in ranked:
        spans = taken.setdefault(cand.rule.category, [])
        if any(cand.start < end and start < cand.end for start, end in spans):
            continue
        spans.append((cand.start, cand.end))
        kept.append(cand)
    return kept


@Language.factory(
    "audit_claims",
    assigns=["doc.spans"],
    requires=["doc._.audit_term_tokens", "token.lemma"],
    default_config={"spans_key": SPANS_KEY},
)
def make_claim_matcher(nlp: Language, name: str, spans_key: str) -> ClaimMatcher:
    return ClaimMatcher(nlp, name, spans_key=spans_key)
