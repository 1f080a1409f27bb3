"""Product-profile helpers."""

from __future__ import annotations

import random

from auditor.profile import Spans


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
