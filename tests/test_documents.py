"""Line lookups on document text."""

from __future__ import annotations

import random

from auditor.documents import Document, line_start


def test_line_start_agrees_with_scanning_back_for_the_break():
    rng = random.Random(3)
    for _ in range(200):
        text = "".join(rng.choice("ab \n") for _ in range(rng.randrange(0, 60)))
        for char in range(len(text) + 1):
            assert line_start(text, char) == text.rfind("\n", 0, char) + 1, repr(text)


def test_line_and_column_are_one_based():
    document = Document.from_text("first\nsecond line\n\nfourth")
    assert document.line_col(0) == (1, 1)
    assert document.line_col(document.text.index("line")) == (2, 8)
    assert document.line_col(document.text.index("fourth")) == (4, 1)
