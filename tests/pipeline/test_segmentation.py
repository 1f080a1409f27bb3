"""Sentences: line starts plus exactly the boundaries of spaCy's sentencizer."""

from __future__ import annotations

import random

import pytest
import spacy

import auditor.pipeline.segmentation  # noqa: F401  (registers the components)

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
