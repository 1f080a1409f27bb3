"""The spaCy pipeline: ``spacy.blank("en")`` (or a trained pipeline) plus our components.

``build_nlp`` is the only place that knows the order of the components:
line breaks and sentences -> lemmas -> term sets -> claim matches -> context.
"""

from __future__ import annotations

import spacy
from spacy.language import Language

from auditor.errors import AuditorError
from auditor.lexicon import Lexicon
from auditor.pipeline import segmentation  # noqa: F401  (registers the components)
from auditor.pipeline.claims import SPANS_KEY, ClaimMatcher
from auditor.pipeline.context import ClaimContext, ContextAnnotator
from auditor.pipeline.terms import TermMarker

__all__ = ["SPANS_KEY", "ClaimContext", "build_nlp"]

MAX_DOCUMENT_CHARS = 20_000_000
"""spaCy's default 1M-character guard exists for the parser and NER; the blank pipeline
holds no such models and runs in memory linear in the text, so we allow long documents."""


def build_nlp(lexicon: Lexicon, model: str | None = None) -> Language:
    """Build the auditing pipeline, configured from ``lexicon``.

    ``model`` names an installed trained spaCy pipeline (e.g. ``en_core_web_sm``); its parser or
    senter then supplies sentences and its lemmatizer the lemmas. Without it the pipeline is
    ``spacy.blank("en")`` with our sentence splitter and the lookup lemmatizer.
    """
    if model:
        try:
            nlp = spacy.load(model, exclude=["ner"])
        except OSError as exc:
            raise AuditorError("E110", name=model, problem=str(exc).splitlines()[0]) from exc
    else:
        nlp = spacy.blank("en")
    nlp.max_length = MAX_DOCUMENT_CHARS
    if any(nlp.has_pipe(name) for name in ("parser", "senter", "sentencizer")):
        # Line starts are marked first: the parser, senter and sentencizer keep them.
        nlp.add_pipe("audit_line_breaks", first=True)
    else:
        nlp.add_pipe("audit_sentences")
    if not nlp.has_pipe("lemmatizer"):
        nlp.add_pipe("audit_lemmatizer")
    terms: TermMarker = nlp.add_pipe("audit_terms")
    terms.add_term_sets(lexicon.term_sets.values())
    claims: ClaimMatcher = nlp.add_pipe("audit_claims")
    claims.add_rules(lexicon.rules, lexicon.term_sets)
    context: ContextAnnotator = nlp.add_pipe("audit_context")
    context.add_cues([entry for entries in lexicon.context.values() for entry in entries])
    context.add_rules(lexicon.rules)
    return nlp
