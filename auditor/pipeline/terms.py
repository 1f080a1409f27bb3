"""Mark tokens that belong to named term sets (cell products, conditions, ...).

Rules refer to term sets in two ways: ``{TERM: NAME}`` inside a token pattern, and
``requires: [NAME]`` (the sentence must also mention the set). This component writes
membership twice, for two readers:

- ``token.norm_`` becomes a marker such as ``__TERM__CONDITION`` (``__TERM__A|B`` for a token in
  two sets), so spaCy's Matcher tests ``{TERM: NAME}`` in C instead of calling Python for
  every token. Nothing else in the pipeline reads NORM; a trained pipeline's components have
  already run when this one does.
- ``doc._.audit_term_tokens`` maps token index -> set of term-set ids, for code that checks a
  whole sentence at once.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from auditor.lexicon.patterns import term_norm
from auditor.lexicon.schema import TermSet

if not Doc.has_extension("audit_term_tokens"):
    Doc.set_extension("audit_term_tokens", default=None)


class TermMarker:
    """Find term-set phrases (case-insensitive) and label their tokens."""

    def __init__(self, nlp: Language, name: str = "audit_terms") -> None:
        self.name = name
        self.nlp = nlp
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")

    def add_term_sets(self, term_sets: Iterable[TermSet]) -> None:
        for term_set in term_sets:
            self.matcher.add(term_set.id, list(self.nlp.tokenizer.pipe(term_set.terms)))

    def __call__(self, doc: Doc) -> Doc:
        labels: dict[int, set[str]] = {}
        for match_id, start, end in self.matcher(doc):
            label = self.nlp.vocab.strings[match_id]
            for i in range(start, end):
                labels.setdefault(i, set()).add(label)
        for i, names in labels.items():
            doc[i].norm_ = term_norm(names)
        doc._.audit_term_tokens = labels
        return doc


@Language.factory("audit_terms", assigns=["token.norm", "doc._.audit_term_tokens"])
def make_term_marker(nlp: Language, name: str) -> TermMarker:
    return TermMarker(nlp, name)
