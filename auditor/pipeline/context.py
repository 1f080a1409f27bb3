"""Decide what each claim match means in its context.

The same words mean different things in different mouths: "our cells cure MS" is a claim,
"no cell product is proven to cure MS" denies it, "the clinic claims its cells cure MS"
reports it, and "not intended to cure any disease" in a footer is a disclaimer. Context changes
a finding's weight in the score; it never removes the finding.

Cue phrases come from the ``context`` lexicon files; the scope rules live here:

- negated: a negation cue ends at most ``negation_window`` tokens before the match, in the same
  sentence, with no clause break (comma, semicolon, colon, dash, "but") in between; or the
  rule matches a denial (``denies``) and a negation cue sits inside the match ("not
  FDA-approved", but not "investigational");
- hedged: a hedge cue anywhere in the sentence, or in the next sentence when that sentence opens
  with a contrast word ("However, the research is still in its infancy.");
- attributed: a reporting cue anywhere in the sentence outside the match, or the match sits
  inside quotation marks on its line, unless its rule matches what is quoted by nature
  (``quotation_is_claim``: a patient's story on a clinic's page is the clinic's claim);
- in_disclaimer: a disclaimer cue on the same line (paragraph) as the match.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from auditor.lexicon.schema import ContextCues, ContextKind, Rule
from auditor.pipeline.claims import SPANS_KEY
from auditor.pipeline.segmentation import Lines, Sentences
from auditor.pipeline.segmentation import lines as line_index
from auditor.pipeline.segmentation import sentences as segmented_sentences

if not Span.has_extension("audit_context"):
    Span.set_extension("audit_context", default=None)

CLAUSE_BREAKS = frozenset({",", ";", ":", "\u2014", "\u2013", "but", "yet"})  # em/en dash
OPEN_QUOTES = "“«"
CLOSE_QUOTES = "”»"
QUOTATION_MARK = re.compile(f'["{OPEN_QUOTES}{CLOSE_QUOTES}]')


@dataclass(frozen=True, slots=True)
class ClaimContext:
    """Context flags of one match, with the cue text that set each flag."""

    negated: bool = False
    hedged: bool = False
    attributed: bool = False
    in_disclaimer: bool = False
    cues: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class _Cue:
    kind: ContextKind
    start: int
    end: int
    text: str


class ContextAnnotator:
    """Set ``span._.audit_context`` on every span in ``doc.spans[spans_key]``."""

    def __init__(
        self,
        nlp: Language,
        name: str = "audit_context",
        *,
        spans_key: str = SPANS_KEY,
        negation_window: int = 8,
    ) -> None:
        self.name = name
        self.nlp = nlp
        self.spans_key = spans_key
        self.negation_window = negation_window
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.openers: set[str] = set()
        self.opener_kinds: set[ContextKind] = set()
        self.quotation_claims: set[str] = set()
        self.denials: set[str] = set()

    def add_cues(self, entries: list[ContextCues]) -> None:
        for entry in entries:
            self.matcher.add(entry.kind.value, list(self.nlp.tokenizer.pipe(entry.cues)))
            if entry.next_sentence_openers:
                self.openers.update(o.lower() for o in entry.next_sentence_openers)
                self.opener_kinds.add(entry.kind)

    def add_rules(self, rules: Iterable[Rule]) -> None:
        """Note the rules whose matches quotation marks do not make attributed
        (``quotation_is_claim``) and those that match a denial (``denies``)."""
        for rule in rules:
            if rule.quotation_is_claim:
                self.quotation_claims.add(rule.id)
            if rule.denies:
                self.denials.add(rule.id)

    def __call__(self, doc: Doc) -> Doc:
        spans = doc.spans.get(self.spans_key)
        if not spans:
            return doc
        sentences, lines = segmented_sentences(doc), line_index(doc)
        cues_by_sentence: dict[int, list[_Cue]] = defaultdict(list)
        disclaimer_lines: dict[int, str] = {}
        for match_id, start, end in self.matcher(doc):
            kind = ContextKind(self.nlp.vocab.strings[match_id])
            cue = _Cue(kind, start, end, doc[start:end].text)
            cues_by_sentence[sentences.index(start)].append(cue)
            if kind is ContextKind.in_disclaimer:
                disclaimer_lines.setdefault(lines.index(start), cue.text)
        for span in spans:
            head = span._.audit_match  # a listed term or quotation: judged at the rule's match
            span._.audit_context = self._context(
                doc,
                doc[slice(*head)] if head else span,
                sentences,
                lines,
                cues_by_sentence,
                disclaimer_lines,
                quotes_attribute=span.id_ not in self.quotation_claims,
                denial=span.id_ in self.denials,
            )
        return doc

    def _context(
        self,
        doc: Doc,
        span: Span,
        sentences: Sentences,
        lines: Lines,
        cues_by_sentence: dict[int, list[_Cue]],
        disclaimer_lines: dict[int, str],
        *,
        quotes_attribute: bool,
        denial: bool,
    ) -> ClaimContext:
        number = sentences.index(span.start)
        cues = cues_by_sentence.get(number, [])
        found: dict[str, str] = {}

        negation = self._negation(doc, span, cues)
        if negation:
            found["negated"] = negation.text
        elif denial:
            negation = next(
                (
                    c
                    for c in cues
                    if c.kind is ContextKind.negated and span.start <= c.start < span.end
                ),
                None,
            )
            if negation:
                found["negated"] = negation.text
        hedge = next((c for c in cues if c.kind is ContextKind.hedged), None)
        if hedge is None:
            hedge = self._qualifier_in_next_sentence(doc, sentences, number, cues_by_sentence)
        if hedge:
            found["hedged"] = hedge.text
        attribution = next(
            (
                c
                for c in cues
                if c.kind is ContextKind.attributed and (c.end <= span.start or c.start >= span.end)
            ),
            None,
        )
        if attribution:
            found["attributed"] = attribution.text
        elif quotes_attribute and inside_quotes(
            lines.text, lines.start_char(span.start), span.start_char
        ):
            found["attributed"] = "quotation marks"
        disclaimer = disclaimer_lines.get(lines.index(span.start))
        if disclaimer:
            found["in_disclaimer"] = disclaimer
        return ClaimContext(
            negated="negated" in found,
            hedged="hedged" in found,
            attributed="attributed" in found,
            in_disclaimer="in_disclaimer" in found,
            cues=found,
        )

    def _negation(self, doc: Doc, span: Span, cues: list[_Cue]) -> _Cue | None:
        for cue in sorted(cues, key=lambda c: -c.end):
            if cue.kind is not ContextKind.negated or cue.end > span.start:
                continue
            if span.start - cue.end > self.negation_window:
                return None
            between = doc[cue.end : span.start]
            if any(t.lower_ in CLAUSE_BREAKS for t in between):
                return None
            return cue
        return None

    def _qualifier_in_next_sentence(
        self,
        doc: Doc,
        sentences: Sentences,
        number: int,
        cues_by_sentence: dict[int, list[_Cue]],
    ) -> _Cue | None:
        index = int(sentences.ends[number])
        while index < len(doc) and doc[index].is_space:
            index += 1
        if index >= len(doc) or doc[index].lower_ not in self.openers:
            return None
        following = cues_by_sentence.get(sentences.index(index), [])
        return next((c for c in following if c.kind in self.opener_kinds), None)


def inside_quotes(text: str, start: int, at: int) -> bool:
    """True when ``text[start:at]`` (a line up to a match) leaves a quotation open: an odd
    number of straight quotes, or a curly opening quote after the last closing one. Answered
    from an index of the text's quotation marks, in log time: a page that is one long line may
    hold thousands of matches."""
    straight, opening, closing = _quotation_marks(text)
    if (bisect.bisect_left(straight, at) - bisect.bisect_left(straight, start)) % 2:
        return True
    return _last_between(opening, start, at) > _last_between(closing, start, at)


@lru_cache(maxsize=4)
def _quotation_marks(text: str) -> tuple[list[int], list[int], list[int]]:
    """Offsets of the straight, opening and closing quotation marks of ``text``."""
    marks = [(match.start(), match.group()) for match in QUOTATION_MARK.finditer(text)]
    return (
        [at for at, mark in marks if mark == '"'],
        [at for at, mark in marks if mark in OPEN_QUOTES],
        [at for at, mark in marks if mark in CLOSE_QUOTES],
    )


def _last_between(offsets: list[int], start: int, at: int) -> int:
    """The largest of ``offsets`` in ``[start, at)``, or -1."""
    before = bisect.bisect_left(offsets, at)
    return offsets[before - 1] if before and offsets[before - 1] >= start else -1


@Language.factory(
    "audit_context",
    assigns=["span._.audit_context"],
    requires=["doc.spans"],
    default_config={"spans_key": SPANS_KEY, "negation_window": 8},
)
def make_context_annotator(
    nlp: Language, name: str, spans_key: str, negation_window: int
) -> ContextAnnotator:
    return ContextAnnotator(nlp, name, spans_key=spans_key, negation_window=negation_window)
