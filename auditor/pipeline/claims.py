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

A rule with ``extends_over`` also claims the terms listed after a match that ends on one
("stem cells for MS, ALS, Parkinson's and autism"), or before a match that starts on one and
goes on past it ("MS, ALS and autism respond to our cells"): each listed term becomes a span
of the same rule whose ``span._.audit_match`` points at the match, so the context component
gives it the match's context ("not approved for MS, ALS or autism" is negated throughout).

A rule with ``covers_quote`` attributes a quotation (“…” — Robert, 58): its finding is widened
back over the quotation that closes just before the match on the same line, or, for a caption
("**Delphine R., 58 · lupus**"), forward over the quotation on the lines below it
(:func:`~auditor.pipeline.segmentation.quoted_block_below`), since the quoted story is the
testimonial; it keeps the match's context the same way.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from typing import Any

import numpy
from spacy.attrs import IS_CURRENCY, LEMMA, LIKE_NUM, LOWER
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span

from auditor.lexicon.patterns import RequirementIndex, expand_terms, pattern_requirements
from auditor.lexicon.schema import Rule
from auditor.pipeline.segmentation import (
    LIST_ITEM,
    Sentences,
    char_offsets,
    is_sentence,
    lead_in,
    quoted_block_below,
)
from auditor.pipeline.segmentation import lines as line_index
from auditor.pipeline.segmentation import sentences as segmented_sentences

SPANS_KEY = "audit"
LIST_SEPARATORS = (",", ";", ":", "/", "&", "and", "or", "plus")
MAX_LIST_ITEMS = 50
"""Items followed from one match or heading: more than a real menu holds, and a bound on the
work a crafted page can cause (each match in a list of thousands would walk all the rest)."""
MAX_LIST_FILLER = 3
"""Words a list item may hold besides a term ("chronic", "of the hip"), and the length of an
item without one ("knee"), before the list is taken to have ended."""

if not Span.has_extension("audit_match"):
    Span.set_extension("audit_match", default=None)
QUOTED_BEFORE = re.compile(r'["\u201c][^"\u201c\u201d\n]+["\u201d][\s\-\u2013\u2014\u2015~]*\Z')
"""A quotation closing at the end of a text, then only spaces and dashes."""
QUOTED_AFTER = re.compile(r'[ \t\-\u2013\u2014:]*["\u201c][^"\u201c\u201d\n]+["\u201d]')
"""Spaces, dashes or a colon, then a quotation on the same line ('★★★★★ "Finally pain-free."')."""
MAX_QUOTE = 1500
"""Characters before a match searched for the quotation it attributes."""


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
    head: tuple[int, int] | None = None
    """The token range of the match a derived candidate comes from (a listed term's list
    match, a quotation's attribution), where its context is judged."""


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
        self.separators = frozenset(nlp.vocab.strings.add(word) for word in LIST_SEPARATORS)

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
        names_by_scope: dict[tuple[int, int], set[str]] = {}
        excluded_by_sentence: dict[tuple[int, int], set[str]] = {}
        for rule_id, start, end in found:
            rule = self.rules[rule_id]
            if rule.excluded_by:
                bounds = sentences.bounds(start)
                names = excluded_by_sentence.get(bounds)
                if names is None:
                    names = excluded_by_sentence[bounds] = _names_between(term_tokens, *bounds)
                if not names.isdisjoint(rule.excluded_by):
                    continue
            if rule.requires:
                scope = sentences if rule.requires_within == "sentence" else line_index(doc)
                bounds = scope.bounds(start)
                names = names_by_scope.get(bounds)
                if names is None:  # once per scope: a long one may hold thousands of matches
                    names = names_by_scope[bounds] = _names_in_scope(doc, bounds, term_tokens)
                if not names.issuperset(rule.requires):
                    continue
            candidates.append(Candidate(rule, start, end))
        candidates = [_with_quotation(doc, c) if c.rule.covers_quote else c for c in candidates]
        members = self._list_members(doc, candidates, sentences, term_tokens)
        candidates = [c for c in candidates if not c.rule.introduces_list] + members
        return _longest_per_category(candidates, self.order)

    def _list_members(
        self,
        doc: Doc,
        candidates: list[Candidate],
        sentences: Sentences,
        term_tokens: dict[int, set[str]],
    ) -> list[Candidate]:
        """Candidates for the terms listed next to each match of a rule with ``extends_over``,
        in its sentence: after a match ending on one, before a match that starts on one and
        goes on past it ("MS, ALS and autism respond to ..."), and, for a rule that introduces a
        list, after a colon and in the list items on the lines below."""
        heads = [c for c in candidates if c.rule.extends_over]
        if not heads:
            return []
        lowers = doc.to_array(LOWER).tolist()
        members = []
        for head in heads:
            name = head.rule.extends_over

            def in_set(i: int, name: str | None = name) -> bool:
                return name in term_tokens.get(i, ())

            first, last = sentences.bounds(head.start)
            found = []
            if head.rule.introduces_list or in_set(head.end - 1):
                found += list_members(lowers, in_set, self.separators, head.end, last)
            if in_set(head.start) and not all(map(in_set, range(head.start, head.end))):
                found += list_members_before(lowers, in_set, self.separators, head.start, first)
            if head.rule.introduces_list:
                found += self._items_below(doc, head, lowers, in_set)
            members += [Candidate(head.rule, s, e, head=(head.start, head.end)) for s, e in found]
        return members

    def _items_below(
        self, doc: Doc, head: Candidate, lowers: list[int], in_set: Callable[[int], bool]
    ) -> list[tuple[int, int]]:
        """Terms of the list items on the lines after a heading or lead-in ``head``: in each
        item, a term after at most ``MAX_LIST_FILLER`` tokens, and the terms listed after it.
        A line ending in "." or "!" is prose, not a lead-in; the list ends at the first line
        that is not an item, or after ``MAX_LIST_ITEMS`` lines."""
        index = line_index(doc)
        number = index.index(head.start)
        if is_sentence(index.texts[number]):
            return []
        starts = [*index.starts.tolist(), len(doc)]
        text, offsets = index.text, index.offsets
        found: list[tuple[int, int]] = []
        lines = zip(starts[number + 1 :], starts[number + 2 :], strict=False)
        for first, last in islice(lines, MAX_LIST_ITEMS):
            item = LIST_ITEM.match(text, offsets[first], offsets[last])
            if item is None:
                break
            body = bisect.bisect_left(offsets, item.end())
            terms = _term_runs(in_set, body, last)
            if not terms or terms[0][0] - body > MAX_LIST_FILLER:
                continue
            term_end = terms[0][1]
            found += [terms[0], *list_members(lowers, in_set, self.separators, term_end, last)]
        return found

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
        spans = []
        for c in sorted(candidates, key=lambda c: (c.start, c.end, c.rule.id)):
            span = Span(doc, c.start, c.end, label=c.rule.category, span_id=c.rule.id)
            if c.head:
                span._.audit_match = c.head
            spans.append(span)
        doc.spans[self.spans_key] = spans


def list_members(
    lowers: Sequence[int],
    in_set: Callable[[int], bool],
    separators: AbstractSet[int],
    after: int,
    end: int,
) -> list[tuple[int, int]]:
    """Token ranges of the terms listed from token ``after`` to ``end`` (exclusive), after a
    match that ended on a term: "for MS, ALS or autism".

    Items are separated by commas, semicolons, colons, slashes, "&", "and", "or" and "plus" (a
    term's own words never separate); at most ``MAX_LIST_ITEMS`` are read. The list runs while
    each item is short: at most ``MAX_LIST_FILLER`` tokens before its first term, or in all when
    it holds no term ("osteoarthritis of the hip, knee and ankle; rotator cuff tears"), and the
    rest of the match's own item is held to that length too. An item with more than that after
    its last term ends the list ("... and rotator cuff tears start at $4,000").
    """
    i = after
    while i < end and not _separates(lowers, in_set, separators, i):
        i += 1
    if i - after > MAX_LIST_FILLER:
        return []
    members: list[tuple[int, int]] = []
    items = 0
    while i < end and items < MAX_LIST_ITEMS:
        if _separates(lowers, in_set, separators, i):
            i += 1
            continue
        items += 1
        item_end = i
        while item_end < end and not _separates(lowers, in_set, separators, item_end):
            item_end += 1
        terms = _term_runs(in_set, i, item_end)
        if not terms:
            if item_end - i > MAX_LIST_FILLER:
                break
        else:
            if terms[0][0] - i > MAX_LIST_FILLER:
                break
            members += terms
            if item_end - terms[-1][1] > MAX_LIST_FILLER:
                break
        i = item_end
    return members


def list_members_before(
    lowers: Sequence[int],
    in_set: Callable[[int], bool],
    separators: AbstractSet[int],
    before: int,
    start: int,
) -> list[tuple[int, int]]:
    """Token ranges of the terms listed from token ``before`` back to ``start``, before a
    match that starts on a term: "MS, ALS and autism respond to ...". The list is read
    backwards by the rules of :func:`list_members`."""
    mirrored = _Mirror(lowers, before - 1)
    found = list_members(mirrored, lambda i: in_set(before - 1 - i), separators, 0, before - start)
    return [(before - end, before - begin) for begin, end in found]


class _Mirror(Sequence[int]):
    """``items`` read backwards from index ``last``: item ``i`` is ``items[last - i]``."""

    def __init__(self, items: Sequence[int], last: int) -> None:
        self.items, self.last = items, last

    def __len__(self) -> int:
        return self.last + 1

    def __getitem__(self, i: int) -> int:  # a list walk reads single items only
        return self.items[self.last - i]


def _separates(
    lowers: Sequence[int], in_set: Callable[[int], bool], separators: AbstractSet[int], i: int
) -> bool:
    """Whether token ``i`` separates list items (a term's own "and" does not)."""
    return lowers[i] in separators and not in_set(i)


def _term_runs(in_set: Callable[[int], bool], start: int, stop: int) -> list[tuple[int, int]]:
    """The runs of consecutive term tokens from ``start`` to ``stop``."""
    found, i = [], start
    while i < stop:
        if in_set(i):
            j = i
            while j < stop and in_set(j):
                j += 1
            found.append((i, j))
            i = j
        else:
            i += 1
    return found


def _with_quotation(doc: Doc, candidate: Candidate) -> Candidate:
    """``candidate`` widened back to the opening mark of the quotation that closes just before
    it on its line (only spaces and dashes between), or else forward over the quotation that
    follows it on its line (a star rating before a quote), or else to the end of the quotation
    below its caption line; unchanged when there is none."""
    text, offsets = char_offsets(doc)
    index = line_index(doc)
    at = offsets[candidate.start]
    start = max(index.start_char(candidate.start), at - MAX_QUOTE)
    quoted = QUOTED_BEFORE.search(text, start, at)
    head = (candidate.start, candidate.end)
    if quoted is not None:
        first = bisect.bisect_left(offsets, quoted.start())
        if offsets[first] != quoted.start():  # the mark is inside a token: leave the match alone
            return candidate
        return Candidate(candidate.rule, first, candidate.end, head=head)
    if candidate.end < len(doc):
        quoted = QUOTED_AFTER.match(text, offsets[candidate.end - 1] + len(doc[candidate.end - 1]))
        if quoted is not None:
            end = bisect.bisect_left(offsets, quoted.end(), lo=candidate.end)
            return Candidate(candidate.rule, candidate.start, end, head=head)
    last = quoted_block_below(index.texts, index.index(candidate.start))
    if last is None:
        return candidate
    end = int(index.starts[last + 1]) if last + 1 < len(index.starts) else len(doc)
    while doc[end - 1].is_space:
        end -= 1
    return Candidate(candidate.rule, candidate.start, end, head=head)


def _names_in_scope(
    doc: Doc, bounds: tuple[int, int], term_tokens: dict[int, set[str]]
) -> set[str]:
    """The term sets a rule's ``requires`` may find for a match in the sentence ``bounds``:
    those named in the sentence, and for a sentence in a list item also those named from the
    list's lead-in down to the item ("Clients see:" / "- visibly reversed fine lines" after a
    sentence naming the exosome serum): the lead-in says what the elliptical item is about."""
    first, last = bounds
    index = line_index(doc)
    number = index.index(first)
    lead = lead_in(index.texts, number)
    if lead < number:
        first = int(index.starts[lead])
    return _names_between(term_tokens, first, last)


def _names_between(term_tokens: dict[int, set[str]], first: int, last: int) -> set[str]:
    """The term sets named by tokens ``first`` to ``last`` (exclusive)."""
    return {name for i in range(first, last) for name in term_tokens.get(i, ())}


def _longest_per_category(candidates: list[Candidate], order: dict[str, int]) -> list[Candidate]:
    ranked = sorted(  # equal spans of one rule: the one derived from the earliest match wins
        candidates,
        key=lambda c: (
            -(c.end - c.start),
            -c.rule.severity.rank,
            order[c.rule.id],
            c.start,
            c.head[0] if c.head else c.start,
        ),
    )
    # Kept spans of a category never overlap, so sorted by start their ends are sorted too: of
    # those starting before a candidate ends, only the last can reach into it (log time per
    # candidate; a page with thousands of matches must not cost their square).
    taken: dict[str, tuple[list[int], list[int]]] = {}
    kept = []
    for cand in ranked:
        starts, ends = taken.setdefault(cand.rule.category, ([], []))
        at = bisect.bisect_left(starts, cand.end)
        if at and ends[at - 1] > cand.start:
            continue
        starts.insert(at, cand.start)
        ends.insert(at, cand.end)
        kept.append(cand)
    return kept


@Language.factory(
    "audit_claims",
    assigns=["doc.spans", "span._.audit_match"],
    requires=["doc._.audit_term_tokens", "token.lemma"],
    default_config={"spans_key": SPANS_KEY},
)
def make_claim_matcher(nlp: Language, name: str, spans_key: str) -> ClaimMatcher:
    return ClaimMatcher(nlp, name, spans_key=spans_key)
