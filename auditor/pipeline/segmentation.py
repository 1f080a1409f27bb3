"""Sentence and lemma annotation for ``spacy.blank("en")``.

Web pages and brochures put headings, list items and paragraphs on their own lines without
closing punctuation; a line break must therefore end a sentence. ``audit_sentences`` adds those
breaks to the boundaries spaCy's sentencizer would set, computed on token arrays rather than
token by token; with a trained pipeline, ``audit_line_breaks`` presets the line starts and the
parser or senter does the rest.

The lemmatizer reads spacy-lookups-data's English lookup table. Unlike spaCy's lookup mode it
also tries the lower-cased form ("Risks" -> "risk"), always stores lower-case lemmas (what the
token patterns match), and works per distinct word of a document rather than per token, which
makes it several times faster on long pages. It keeps the table as strings so the pre-scan gate
can ask which surface forms a lemma has (:meth:`LookupLemmatizer.forms`).
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Sequence
from functools import cached_property
from itertools import islice, pairwise

import numpy
import srsly
from spacy.attrs import IDX, IS_PUNCT, LEMMA, ORTH, SENT_START
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc
from spacy_lookups_data import en as english_tables

from auditor.documents import newline_offsets

SENTENCE_CONTEXT = 500
"""Characters a finding's sentence keeps on either side of the match (longer sentences are
cut)."""
LIST_ITEM = re.compile(r"[ \t]*(?:[-*+\u2022\u2013\u00b7]|\d{1,3}[.)])[ \t]+(?=\S)")
"""A line that opens a list item: a bullet (- * + \u2022 \u2013 \u00b7) or a number with "." or
")", then a space; the match ends where the item's text starts."""
SHORT_LEAD_IN_WORDS = 8
"""A lead-in of at most this many words, not closed by "." or "!", is a heading or a label
("### Conditions we treat", "WHAT YOU CAN EXPECT", "Clients see:"): the line above says what
the list is about, so it belongs to the lead-in too."""
MAX_LEAD_IN_LINES = 50
"""Non-blank lines read above a list item for its lead-in: more items than a real list holds
above one item, and a bound on the work per item on a crafted page."""


QUOTED_LINE = re.compile(r"[ \t]*(?:>[ \t]*)?(?:\[\d{1,2}(?::\d\d){1,2}\][ \t]*)?[\"\u201c]")
"""A line that opens with a quotation mark, after an optional block-quote mark and a video
timestamp (``> [00:41] "...``)."""
QUOTATION_MARKS = ('"', "\u201c", "\u201d")
MAX_CAPTION_GAP = 3
"""Short lines without a quotation mark (a star rating, a play button) that may stand between
a caption and the quotation below it."""
SHORT_LINE = 40
"""Characters a line between a caption and its quotation may hold."""
MAX_QUOTED_LINES = 20
"""Quotation lines one caption covers: a long video transcript, and a bound on the walk."""


def quoted_block_below(lines: Sequence[str], caption: int) -> int | None:
    """Last line of the quotation below the caption on line ``caption`` ("**Delphine R., 58 -
    lupus**" / "★★★★★" / the quoted story), or None when none follows.

    The caption holds no quotation mark; at most ``MAX_CAPTION_GAP`` short lines without one
    may come before the quotation, whose lines (each opening with a quotation mark) run until
    the first other line. Blank lines are skipped, so the answer is the same whether ``lines``
    holds them (the gate's split text) or not (a doc's line index).
    """
    line = lines[caption]
    # QUOTATION_MARKS tested inline: the gate asks this of every candidate line
    if '"' in line or "\u201c" in line or "\u201d" in line:
        return None
    following = (i for i in range(caption + 1, len(lines)) if lines[i].strip())
    for gap, i in enumerate(following):
        if QUOTED_LINE.match(lines[i]):
            last = i
            for j in islice(following, MAX_QUOTED_LINES - 1):
                if not QUOTED_LINE.match(lines[j]):
                    break
                last = j
            return last
        text = lines[i].strip()
        if gap == MAX_CAPTION_GAP or len(text) > SHORT_LINE:
            return None
        if any(mark in text for mark in QUOTATION_MARKS):
            return None
    return None


def lead_in(lines: Sequence[str], item: int) -> int:
    """First line of what leads in to the list item on line ``item``, or ``item`` itself.

    A list item is elliptical ("- Restore sensation in your hands and feet"): what it is about
    was said above it. The lead-in is the nearest line above the list that is not blank, and,
    when that line is short and not a sentence (see ``SHORT_LEAD_IN_WORDS``), the nearest
    non-blank line above that one. Blank lines may be absent from ``lines``; the walk reads at
    most ``MAX_LEAD_IN_LINES`` other lines.
    """
    if not LIST_ITEM.match(lines[item]):
        return item
    above = islice((i for i in range(item - 1, -1, -1) if lines[i].strip()), MAX_LEAD_IN_LINES)
    first = next((i for i in above if not LIST_ITEM.match(lines[i])), None)
    if first is None:
        return item
    if len(lines[first].split()) <= SHORT_LEAD_IN_WORDS and not is_sentence(lines[first]):
        return next(above, first)
    return first


def is_sentence(line: str) -> bool:
    """Whether a line is prose closed by "." or "!", not a heading or a lead-in ("Who can
    benefit?", "Clients see:")."""
    return line.rstrip().endswith((".", "!"))


def sentences(doc: Doc) -> Sentences:
    """The doc's sentence index, built once and kept in ``doc.user_data`` (components run
    after segmentation, so the boundaries no longer change)."""
    index = doc.user_data.get("audit_sentences")
    if index is None:
        index = doc.user_data["audit_sentences"] = Sentences(doc)
    return index


def lines(doc: Doc) -> Lines:
    """The doc's line index, built once and kept in ``doc.user_data``."""
    index = doc.user_data.get("audit_lines")
    if index is None:
        index = doc.user_data["audit_lines"] = Lines(doc)
    return index


def char_offsets(doc: Doc) -> tuple[str, list[int]]:
    """The doc's text and the character offset of every token, plus the text's length after
    the last: slicing the text with these is many times cheaper than building text from Token
    objects (``doc.text`` itself joins every token on each call, so it is read once here)."""
    found = doc.user_data.get("audit_char_offsets")
    if found is None:
        text = doc.text
        found = doc.user_data["audit_char_offsets"] = (
            text,
            [*doc.to_array(IDX).tolist(), len(text)],
        )
    return found


class Lines:
    """Line lookup by token index: a line starts after a whitespace token holding a break."""

    def __init__(self, doc: Doc) -> None:
        self.text, self.offsets = char_offsets(doc)
        # A line break is always inside a whitespace token, so the token after it is the
        # first token that starts past the break.
        breaks = {bisect.bisect_right(self.offsets, at) for at in newline_offsets(self.text)}
        self.starts = numpy.array([0, *sorted(breaks)], dtype=int)

    @cached_property
    def texts(self) -> list[str]:
        """Each line's text, from its first token to the next line's (blank lines are not
        lines of their own: they end the line before them)."""
        bounds = [*self.starts.tolist(), len(self.offsets) - 1]
        return [
            self.text[self.offsets[first] : self.offsets[last]] for first, last in pairwise(bounds)
        ]

    def index(self, token_i: int) -> int:
        """Number of the line holding token ``token_i``."""
        return int(numpy.searchsorted(self.starts, token_i, side="right")) - 1

    def start(self, token_i: int) -> int:
        """Index of the first token on the line of token ``token_i``."""
        return int(self.starts[self.index(token_i)])

    def start_char(self, token_i: int) -> int:
        """Character offset where the line of token ``token_i`` starts."""
        return self.offsets[self.start(token_i)]

    def bounds(self, token_i: int) -> tuple[int, int]:
        """First and past-the-last token index of the line holding token ``token_i``."""
        number = self.index(token_i)
        end = self.starts[number + 1] if number + 1 < len(self.starts) else len(self.offsets) - 1
        return int(self.starts[number]), int(end)


@Language.component("audit_line_breaks", assigns=["token.is_sent_start"])
def line_breaks(doc: Doc) -> Doc:
    """Start a new sentence at the start of every line."""
    for start in lines(doc).starts[1:]:
        if start < len(doc):
            doc[int(start)].is_sent_start = True
    return doc


class SentenceSplitter:
    """Line starts plus the boundaries of spaCy's ``Sentencizer`` with its default characters.

    The sentencizer starts a sentence at the first token that is neither punctuation nor a
    sentence-final character after a sentence-final character; closing quotes and brackets stay
    with the sentence they close. Here that rule is evaluated on whole arrays: a token starts a
    sentence when the last sentence-final character before it is more recent than the last
    ordinary token before it.
    """

    def __init__(self, nlp: Language, name: str = "audit_sentences") -> None:
        self.name = name
        self.final = numpy.array(
            sorted(nlp.vocab.strings.add(c) for c in Sentencizer.default_punct_chars),
            dtype="uint64",
        )

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        orth, punct = doc.to_array([ORTH, IS_PUNCT]).T
        at = numpy.searchsorted(self.final, orth).clip(max=len(self.final) - 1)
        final = self.final[at] == orth
        ordinary = ~final & (punct == 0)
        positions = numpy.arange(len(doc))
        last_final = _last_before(numpy.where(final, positions, -1))
        last_ordinary = _last_before(numpy.where(ordinary, positions, -1))
        starts = ordinary & (last_final > last_ordinary)
        starts[0] = True
        line_starts = lines(doc).starts
        starts[line_starts[line_starts < len(doc)]] = True
        doc.from_array([SENT_START], numpy.where(starts, 1, -1).astype("uint64"))
        return doc


def _last_before(marked: numpy.ndarray) -> numpy.ndarray:
    """For each position, the largest marked position strictly before it (-1 if none)."""
    latest = numpy.maximum.accumulate(marked)
    return numpy.concatenate(([-1], latest[:-1]))


@Language.factory("audit_sentences", assigns=["token.is_sent_start"])
def make_sentence_splitter(nlp: Language, name: str) -> SentenceSplitter:
    return SentenceSplitter(nlp, name)


class Sentences:
    """Sentence lookup by token index in O(log n).

    ``Span.sent`` and ``Token.sent`` walk the document from its start on every call, which
    makes per-match lookups quadratic on long pages; this computes the boundaries once. It
    holds no reference to the doc: the doc keeps it in ``user_data``, and a reference back would
    make every doc a cycle that only the cyclic garbage collector frees.
    """

    def __init__(self, doc: Doc) -> None:
        self.text, self.offsets = char_offsets(doc)
        starts = numpy.flatnonzero(doc.to_array(SENT_START) == 1) if len(doc) else []
        self.starts = numpy.union1d([0], starts).astype(int) if len(doc) else numpy.array([0])
        self.ends = numpy.append(self.starts[1:], len(doc))

    def index(self, token_i: int) -> int:
        return int(numpy.searchsorted(self.starts, token_i, side="right")) - 1

    def bounds(self, token_i: int) -> tuple[int, int]:
        """First and past-the-last token index of the sentence holding token ``token_i``."""
        number = self.index(token_i)
        return int(self.starts[number]), int(self.ends[number])

    def text_of(self, tokens: tuple[int, int], match: tuple[int, int]) -> tuple[int, str]:
        """Start offset and text of the sentences holding the token range ``tokens`` (one,
        unless a finding spans several: a quotation with its attribution), whitespace stripped
        (a sentence's trailing whitespace is whitespace tokens or the last token's space), cut
        to ``SENTENCE_CONTEXT`` characters either side of the ``match`` (character offsets):
        on a page without punctuation or line breaks one "sentence" can be the whole page, and
        each of its findings would carry a copy."""
        first, last = self.index(tokens[0]), self.index(max(tokens[1] - 1, tokens[0]))
        start = max(self.offsets[self.starts[first]], match[0] - SENTENCE_CONTEXT)
        end = min(self.offsets[self.ends[last]], match[1] + SENTENCE_CONTEXT)
        raw = self.text[start:end]
        text = raw.lstrip()
        return start + len(raw) - len(text), text.rstrip()


class LookupLemmatizer:
    """Case-insensitive lookup lemmatizer over spacy-lookups-data's ``en`` table."""

    def __init__(self, nlp: Language, name: str = "audit_lemmatizer") -> None:
        self.name = name
        self.strings = nlp.vocab.strings
        self._cache: dict[int, int] = {}

    @cached_property
    def table(self) -> dict[str, str]:
        return srsly.read_gzip_json(f"{english_tables['lemma_lookup']}.gz")

    @cached_property
    def _forms(self) -> dict[str, set[str]]:
        forms: dict[str, set[str]] = defaultdict(set)
        for form, lemma in self.table.items():
            forms[lemma.lower()].add(form.lower())
        return forms

    def lemma(self, text: str) -> str:
        return (self.table.get(text) or self.table.get(text.lower()) or text).lower()

    def forms(self, lemma: str) -> set[str]:
        """Every lower-case word this lemmatizer maps to ``lemma`` (including ``lemma``)."""
        return {lemma, *self._forms.get(lemma, ())}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        orths = doc.to_array(ORTH)
        unique, inverse = numpy.unique(orths, return_inverse=True)
        lemmas = numpy.fromiter(
            (self._lemma_id(int(orth)) for orth in unique), dtype="uint64", count=len(unique)
        )
        doc.from_array([LEMMA], lemmas[inverse].reshape(-1, 1))
        return doc

    def _lemma_id(self, orth: int) -> int:
        lemma_id = self._cache.get(orth)
        if lemma_id is None:
            lemma_id = self.strings.add(self.lemma(self.strings[orth]))
            self._cache[orth] = lemma_id
        return lemma_id


@Language.factory("audit_lemmatizer", assigns=["token.lemma"])
def make_lemmatizer(nlp: Language, name: str) -> LookupLemmatizer:
    return LookupLemmatizer(nlp, name)
