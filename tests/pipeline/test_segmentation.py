"""Sentences: line starts plus exactly the boundaries of spaCy's sentencizer."""

from __future__ import annotations

import random

import pytest
import spacy

import auditor.pipeline.segmentation  # noqa: F401  (registers the components)
from auditor.pipeline.segmentation import (
    MAX_LEAD_IN_LINES,
    SENTENCE_CONTEXT,
    lead_in,
    lines,
    quoted_block_below,
    sentences,
)

from tests_support import corpus_documents

PIECES = [
    "Stem",
    "cells",
    "work",
    ".",
    "!",
    "?",
    "...",
    '"',
    "'",
    ")",
    "(",
    "\n",
    "\n\n",
    " ",
    "-",
    "•",
    "。",
    "3.5",
    "Dr.",
    "e.g.",
    ",",
    ";",
    "”",
    "“",
    "?!",
    "\t",
    "‼",
]


@pytest.fixture(scope="module")
def pipelines():
    reference = spacy.blank("en")
    reference.add_pipe("audit_line_breaks")
    reference.add_pipe("sentencizer")
    ours = spacy.blank("en")
    ours.add_pipe("audit_sentences")
    return reference, ours


def _texts() -> list[str]:
    rng = random.Random(7)
    texts = [d.text for d in corpus_documents()]
    for _ in range(1500):
        words = [rng.choice(PIECES) + rng.choice(["", " "]) for _ in range(rng.randint(1, 30))]
        texts.append("".join(words))
    return [t for t in texts if t.strip()]


def test_boundaries_equal_line_breaks_plus_sentencizer(pipelines):
    reference, ours = pipelines
    for text in _texts():
        expected = [s.start for s in reference(text).sents]
        assert [s.start for s in ours(text).sents] == expected, repr(text[:80])


def test_every_line_starts_a_sentence(pipelines):
    _, ours = pipelines
    doc = ours("Our stem cells\nreverse arthritis\n\n- no surgery\n- no downtime")
    assert [s.text.strip() for s in doc.sents] == [
        "Our stem cells",
        "reverse arthritis",
        "- no surgery",
        "- no downtime",
    ]


def test_sentence_and_line_offsets_agree_with_spacy_spans(pipelines):
    _, ours = pipelines
    for text in _texts()[:400]:
        doc = ours(text)
        index, line_index = sentences(doc), lines(doc)
        for token in doc:
            sent = doc[slice(*index.bounds(token.i))]
            start, stripped = index.text_of(
                (token.i, token.i + 1), (token.idx, token.idx + len(token))
            )
            assert stripped == sent.text.strip(), repr(text[:80])
            assert doc.text[start : start + len(stripped)] == stripped
            line_start = line_index.start(token.i)
            assert line_index.start_char(token.i) == doc[line_start].idx


def test_a_line_starts_after_each_whitespace_token_holding_a_break(pipelines):
    _, ours = pipelines
    for text in _texts():
        doc = ours.make_doc(text)
        expected = [0] + [t.i + 1 for t in doc if t.is_space and "\n" in t.text]
        assert lines(doc).starts.tolist() == expected, repr(text[:80])


def test_a_token_range_gets_every_sentence_it_touches(pipelines):
    _, ours = pipelines
    doc = ours("Before. One two. Three four. After.")
    one, four = doc[2], doc[6]
    assert (one.text, four.text) == ("One", "four")
    start, text = sentences(doc).text_of((one.i, four.i + 1), (one.idx, four.idx + 4))
    assert text == "One two. Three four." and doc.text[start:].startswith(text)


def test_a_finding_keeps_at_most_the_sentence_context_either_side(pipelines):
    _, ours = pipelines
    words = ["cells"] * (SENTENCE_CONTEXT // 3)
    doc = ours(" ".join([*words, "cure", *words]))
    token = next(t for t in doc if t.text == "cure")
    start, text = sentences(doc).text_of((token.i, token.i + 1), (token.idx, token.idx + 4))
    assert doc.text[start : start + len(text)] == text
    assert token.idx - start <= SENTENCE_CONTEXT and len(text) <= 2 * SENTENCE_CONTEXT + 4
    assert "cure" in text and len(text) < len(doc.text)


def test_line_texts_cover_the_doc_from_each_line_start(pipelines):
    _, ours = pipelines
    for text in _texts():
        doc = ours.make_doc(text)
        index = lines(doc)
        assert "".join(index.texts) == doc.text
        assert len(index.texts) == len(index.starts)


PARAGRAPH = "Our signature stem cell program pairs injections with a nutrition plan."


@pytest.mark.parametrize(
    ("lines_above", "expected"),
    [
        ([PARAGRAPH], 0),  # the paragraph right above the list
        ([PARAGRAPH, "", "Clients see:"], 0),  # a short label takes the line above it too
        ([PARAGRAPH, "## What you can expect", ""], 0),
        (["Unrelated.", PARAGRAPH + " Patients can expect to:"], 1),  # a sentence-long lead-in
        (["Unrelated.", "", PARAGRAPH, "- Fewer visits"], 2),  # items above are skipped
        ([], 0),  # nothing leads in: the item itself
    ],
)
def test_lead_in_of_a_list_item(lines_above, expected):
    item = len(lines_above)
    assert lead_in([*lines_above, "- Restore sensation"], item) == expected


def test_lead_in_is_the_line_itself_off_lists_and_bounded_on_long_ones():
    assert lead_in([PARAGRAPH, "Restore sensation."], 1) == 1
    items = ["- Fewer visits"] * MAX_LEAD_IN_LINES
    assert lead_in([PARAGRAPH, *items, "- Restore sensation"], len(items) + 1) == len(items) + 1
    assert lead_in([PARAGRAPH, *items[1:], "- Restore sensation"], len(items)) == 0


def test_blank_lines_do_not_change_the_lead_in():
    with_blanks = [PARAGRAPH, "", "### What you can expect", "", "- Fewer visits", "", "- Restore"]
    without = [line for line in with_blanks if line]
    assert with_blanks[lead_in(with_blanks, 6)] == without[lead_in(without, 3)] == PARAGRAPH


CAPTION = "**Delphine R., 58 · knee arthritis**"
STORY = '"I was gardening again within a month."'


@pytest.mark.parametrize(
    ("below", "expected"),
    [
        ([STORY], 1),  # the quotation right below
        (["★★★★★", "", STORY, STORY, "", "Book a call."], 4),  # rating, blank; two lines
        (["▶ *Play (1:38)*", '> [00:41] "Now I walk."', "> [01:20] \u201cAnd I run.\u201d"], 3),
        (["A paragraph of prose that is far too long to be a rating line.", STORY], None),
        (["★", "★", "★", "★", STORY], None),  # more short lines than a caption gap
        (["Book a call."], None),
        ([], None),
    ],
)
def test_quoted_block_below_a_caption(below, expected):
    assert quoted_block_below([CAPTION, *below], 0) == expected


def test_a_line_with_a_quotation_is_no_caption():
    assert quoted_block_below([f"{STORY} - Delphine R., 58", STORY], 0) is None
