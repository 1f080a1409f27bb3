"""The relevance pre-scan: is a page about cell or regenerative therapy at all?

Crawls of clinic sites are full of pages (contact, careers, blog posts on diet) that never
mention a cell product. Lower-casing a page and looking for a handful of distinctive strings
reads tens of MB/s; the spaCy pipeline reads about 1 MB/s. Pages without any of the strings
skip the pipeline and are reported as not relevant.
"""

from __future__ import annotations

from auditor.lexicon import Lexicon

TERM_SET = "RELEVANCE"


class RelevanceGate:
    """``relevant(text)`` is true when ``text`` holds a term of the ``RELEVANCE`` term set."""

    def __init__(self, lexicon: Lexicon) -> None:
        term_set = lexicon.term_sets.get(TERM_SET)
        terms = term_set.terms if term_set else []
        self.needles: tuple[str, ...] = tuple(dict.fromkeys(term.lower() for term in terms))

    def relevant(self, text: str) -> bool:
        """Without a ``RELEVANCE`` term set every page is relevant: the gate never hides text."""
        if not self.needles:
            return True
        lowered = text.lower()
        return any(needle in lowered for needle in self.needles)
