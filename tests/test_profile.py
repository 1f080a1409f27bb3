"""Product-profile helpers."""

from __future__ import annotations

import random

from auditor.profile import WORD, PhraseIndex, Spans, Words


def test_spans_hold_exactly_the_offsets_some_span_covers():
    rng = random.Random(11)
    for _ in range(300):
        spans = []
        for _ in range(rng.randrange(0, 8)):
            start = rng.randrange(0, 40)
            spans.append((start, start + rng.randrange(1, 12)))
        index = Spans(spans)
        for offset in range(0, 55):
            assert (offset in index) == any(s <= offset < e for s, e in spans), spans


VOCABULARY = ["stem", "cell", "cells", "cord", "blood", "fat", "of", "the", "bone", "marrow"]
NOISE = [" ", " ", ", ", ". ", "-", "\n", "'", "\u2019", "_", "\u0130", "\u00df", "\u00c9"]


def _random_text(rng: random.Random) -> str:
    pieces = []
    for _ in range(rng.randrange(0, 30)):
        word = rng.choice(VOCABULARY)
        pieces += [word.upper() if rng.random() < 0.2 else word, rng.choice(NOISE)]
    return "".join(pieces)


def test_words_are_the_lower_cased_runs_of_letters_and_digits_with_their_offsets():
    rng = random.Random(12)
    for _ in range(500):
        text = _random_text(rng)
        lowered = text.lower()
        # offsets are the text's own; lower-casing "İ" makes the lowered text longer
        source = lowered if len(lowered) == len(text) else text
        expected = [(m.start(), m.end(), m.group().lower()) for m in WORD.finditer(source)]
        words = Words(text)
        assert words.lowered == lowered
        assert words.words == [word for _, _, word in expected]
        for i, (start, end, _) in enumerate(expected):
            assert words.span(i, i) == (start, end)
            assert words.span(0, i) == (expected[0][0], end)


def test_phrases_are_found_longest_first_without_overlaps():
    rng = random.Random(13)
    for _ in range(300):
        phrases = [
            " ".join(rng.choices(VOCABULARY, k=rng.randrange(1, 4)))
            for _ in range(rng.randrange(1, 8))
        ]
        index = PhraseIndex(phrases)
        keys = {tuple(phrase.split()) for phrase in phrases}
        longest = max(map(len, keys))
        text = _random_text(rng)
        words = Words(text)
        expected, i = [], 0
        while i < len(words.words):
            for n in range(longest, 0, -1):
                key = tuple(words.words[i : i + n])
                if len(key) == n and key in keys:
                    expected.append((*words.span(i, i + n - 1), key))
                    i += n
                    break
            else:
                i += 1
        assert index.find(words) == expected, (phrases, text)
