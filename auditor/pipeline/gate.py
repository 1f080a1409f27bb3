"""Pre-scan: send to spaCy only the lines that could hold a rule match.

Tokenising, lemmatising and matching every line of a long page costs more than everything
else together, and most lines of most pages match no rule. For every rule pattern the gate
picks one token the pattern cannot match without (a phrase's longest word; a token pattern's
required token with the fewest surface forms, lemmas expanded to every inflected form the
lemmatizer knows). A line is a candidate when its lower-cased text contains any of these anchors
as a substring. Substring search over-approximates word matching, so the gate never drops a
match the full pipeline would find; ``tests/pipeline/test_gate.py`` checks that on the corpus.

Lines are the right unit because the components never look across a line: a line break ends
a sentence, and quotation, attribution and disclaimer context are judged within the line. The
one exception, a qualifier that opens the next sentence ("However, ..."), is covered by sending
each candidate line together with the line after it.

A pattern with no anchorable token (say, only a part-of-speech) switches the gate off.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Iterable
from typing import Any

from spacy.lang.en.lex_attrs import _num_words, _ordinal_words

from auditor.lexicon import Lexicon
from auditor.lexicon.patterns import TERM_KEY
from auditor.lexicon.schema import Pattern
from auditor.pipeline.segmentation import LookupLemmatizer

WORD = re.compile(r"\w+")
TEXT_ATTRS = ("LOWER", "ORTH", "TEXT", "NORM")
OPTIONAL_OPS = {"?", "*", "!"}
DIGITS = set("0123456789")
NUMBER_WORDS = set(_num_words) | set(_ordinal_words)
CURRENCY_SYMBOLS = {
    chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Sc"
}


class AnchorGate:
    """Find the candidate chunks of a text; ``regex`` is ``None`` when the gate is off."""

    def __init__(self, lexicon: Lexicon, lemmatizer: LookupLemmatizer) -> None:
        anchors: set[str] = set()
        self.regex: re.Pattern[str] | None = None
        for rule in lexicon.rules:
            for pattern in rule.patterns:
                found = pattern_anchors(pattern, lexicon, lemmatizer)
                if found is None:
                    return
                anchors |= found
        if anchors:
            alternatives = sorted(anchors, key=lambda a: (-len(a), a))
            self.regex = re.compile("|".join(map(re.escape, alternatives)))
        self.anchor_count = len(anchors)

    def chunks(self, text: str) -> list[tuple[int, str]]:
        """``(offset, chunk)`` pairs covering every candidate line and the line after it."""
        if self.regex is None:
            return [(0, text)]
        lines = text.split("\n")
        keep = [False] * len(lines)
        for index, line in enumerate(text.lower().split("\n")):
            if self.regex.search(line):
                keep[index] = True
                if index + 1 < len(lines):
                    keep[index + 1] = True
        chunks, offset, start = [], 0, None
        for index, line in enumerate(lines):
            if keep[index] and start is None:
                start = offset
            if not keep[index] and start is not None:
                chunks.append((start, text[start : offset - 1]))
                start = None
            offset += len(line) + 1
        if start is not None:
            chunks.append((start, text[start:]))
        return chunks


def pattern_anchors(
    pattern: Pattern, lexicon: Lexicon, lemmatizer: LookupLemmatizer
) -> set[str] | None:
    """Lower-case substrings one of which every match of ``pattern`` contains; None if unknown."""
    if pattern.phrase is not None:
        return {_longest_word(pattern.phrase)}
    options = [
        found
        for token in pattern.tokens or []
        if _required(token) and (found := _token_anchors(token, lexicon, lemmatizer))
    ]
    # Prefer anchors of 4+ characters (a one-letter anchor passes nearly every line), then fewer.
    return min(options, key=lambda s: (min(map(len, s)) < 4, len(s))) if options else None


def _required(token: dict[str, Any]) -> bool:
    op = str(token.get("OP", ""))
    if op in OPTIONAL_OPS:
        return False
    return not re.fullmatch(r"\{0?,\d*\}", op)


def _token_anchors(
    token: dict[str, Any], lexicon: Lexicon, lemmatizer: LookupLemmatizer
) -> set[str] | None:
    if TERM_KEY in token:
        return {_longest_word(term) for term in lexicon.term_sets[token[TERM_KEY]].terms}
    if "LEMMA" in token:
        values = _values(token["LEMMA"])
        if values is None:
            return None
        return {form for value in values for form in lemmatizer.forms(value.lower())}
    for attr in TEXT_ATTRS:
        if attr in token:
            values = _values(token[attr])
            return None if values is None else {_longest_word(v) for v in values}
    if token.get("IS_CURRENCY") is True:
        return set(CURRENCY_SYMBOLS)
    if token.get("LIKE_NUM") is True or token.get("IS_DIGIT") is True:
        return DIGITS | NUMBER_WORDS
    return None


def _values(spec: Any) -> Iterable[str] | None:
    if isinstance(spec, str):
        return [spec]
    if isinstance(spec, dict) and set(spec) == {"IN"}:
        return [str(v) for v in spec["IN"]]
    return None


def _longest_word(text: str) -> str:
    words = WORD.findall(text.lower())
    return max(words, key=len) if words else text.lower().strip()
