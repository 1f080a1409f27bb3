"""Pre-scan: send to spaCy only the lines that could hold a rule match.

Tokenising, lemmatising and matching a line costs far more than reading it, and many lines
match no rule. Every pattern lists what it cannot match without
(:func:`~auditor.lexicon.patterns.pattern_requirements`): for each required token, the words
(lemmas expanded to every inflected form the lemmatizer knows), term-set phrases, numbers or
currency symbols it accepts. A line is a candidate when, for some pattern, each requirement is
met by a word of the line.

Words of a line are runs of letters, runs of digits and single symbols, lower-cased: never
coarser than spaCy's tokens, except where spaCy's special cases split a run of letters
("cannot" -> "can", "not"), and those splits are added. So a line the gate drops holds no match
(``tests/pipeline/test_gate.py`` compares gated and ungated audits of the corpus and seeds).

Lines are the unit because the components never look across a line: a line break ends a
sentence, and quotation, attribution and disclaimer context are judged within the line. The
exceptions: a qualifier opening the next sentence ("However, ..."), covered by sending each
candidate line together with the line after it, and lists: a list introduced by a heading or
lead-in ("Conditions we treat:") is covered by keeping the blank lines and list items that
follow a kept line, and a candidate list item is sent with its lead-in
(:func:`~auditor.pipeline.segmentation.lead_in`), where a rule's ``requires`` may be met, and a
candidate caption with the quotation below it, which a testimonial finding may cover
(:func:`~auditor.pipeline.segmentation.quoted_block_below`).
"""

from __future__ import annotations

import re
import sys
import unicodedata

from spacy.attrs import ORTH
from spacy.lang.en.lex_attrs import _num_words, _ordinal_words
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language

from auditor.lexicon import Lexicon
from auditor.lexicon.patterns import Requirement, RequirementIndex, pattern_requirements
from auditor.pipeline.segmentation import (
    LIST_ITEM,
    LookupLemmatizer,
    lead_in,
    quoted_block_below,
)

WORD = re.compile(r"[^\W\d_]+|\d+|[^\w\s]|_")
NUMBER = "#number"
MIN_GAP = 256
"""Dropped text shorter than this (characters) joins the chunks on either side. Each chunk
costs a fixed overhead in spaCy and our components, about as much as a few hundred characters
of text: on the benchmark corpus, cutting at every dropped line made the audit 15% slower than
no gate at all, and joining gaps under 200-500 characters was the fastest."""
CURRENCY_SYMBOLS = frozenset(
    chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Sc"
)
NUMBER_WORDS = frozenset(_num_words) | frozenset(_ordinal_words)


def words(text: str) -> list[str]:
    """Lower-cased letter runs, digit runs and single symbols of ``text``."""
    return WORD.findall(text.lower())


class AnchorGate:
    """Find the candidate chunks of a text (``(offset, chunk)`` pairs)."""

    def __init__(self, nlp: Language, lexicon: Lexicon, lemmatizer: LookupLemmatizer) -> None:
        self.lemmatizer = lemmatizer
        self.lexicon = lexicon
        self.index: RequirementIndex[str] = RequirementIndex(frozenset(STOP_WORDS))
        for rule in lexicon.rules:
            for pattern in rule.patterns:
                needs = pattern_requirements(pattern.phrase, pattern.tokens)
                self.index.add([self._keys(need) for need in needs])
        self.splits = _special_case_splits(nlp)

    def _keys(self, need: Requirement) -> frozenset[str]:
        """Line words any one of which meets ``need`` (the longest word of each value)."""
        if need.kind == "currency":
            return CURRENCY_SYMBOLS
        if need.kind == "number":
            return NUMBER_WORDS | {NUMBER}
        if need.kind == "term":
            (name,) = need.values
            values = self.lexicon.term_sets[name].terms
        elif need.kind == "lemmas":
            values = [form for lemma in need.values for form in self.lemmatizer.forms(lemma)]
        else:
            values = need.values
        return frozenset(_longest(words(v)) or v.lower() for v in values)

    def candidate(self, line: str) -> bool:
        found = set(words(line))
        for word in found & self.splits.keys():
            found |= self.splits[word]
        if any(map(str.isdigit, found)):
            found.add(NUMBER)
        return self.index.any_satisfied(found)

    def chunks(self, text: str) -> list[tuple[int, str]]:
        """Chunks covering every candidate line and the line after it, with their offsets;
        chunks less than ``MIN_GAP`` characters apart are joined."""
        if self.index.always:
            return [(0, text)]
        lines = text.split("\n")
        keep = [False] * (len(lines) + 1)
        for index, line in enumerate(lines):
            if self.candidate(line):
                first = lead_in(lines, index)  # a list item's lead-in can meet a `requires`
                last = max(index + 1, quoted_block_below(lines, index) or 0)  # a caption's story
                keep[first : last + 1] = [True] * (last + 1 - first)
        for index in range(1, len(lines)):  # a list below a kept line stays whole
            if keep[index - 1] and (not lines[index].strip() or LIST_ITEM.match(lines[index])):
                keep[index] = True
        runs: list[list[int]] = []  # [start, end] of runs of kept lines
        offset = 0
        for index, line in enumerate(lines):
            end = offset + len(line)
            if keep[index]:
                if runs and offset - runs[-1][1] <= MIN_GAP:
                    runs[-1][1] = end
                else:
                    runs.append([offset, end])
            offset = end + 1
        return [(start, text[start:end]) for start, end in runs]


def _longest(items: list[str]) -> str:
    return max(items, key=len) if items else ""


def _special_case_splits(nlp: Language) -> dict[str, set[str]]:
    """Line word -> words of the tokens spaCy's special cases cut it into ("cannot")."""
    splits: dict[str, set[str]] = {}
    for text, tokens in nlp.tokenizer.rules.items():
        pieces = {w for token in tokens for w in words(token[ORTH])}
        for word in words(text):
            if word not in pieces:
                splits.setdefault(word, set()).update(pieces)
    return splits
