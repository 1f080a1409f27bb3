"""Lexicons: rules, term sets, context cues and criteria as validated YAML data."""

from auditor.lexicon.loader import Lexicon, builtin_lexicon_dir, load_lexicons
from auditor.lexicon.schema import ContextKind, Criterion, Rule, Severity, TermSet

__all__ = [
    "ContextKind",
    "Criterion",
    "Lexicon",
    "Rule",
    "Severity",
    "TermSet",
    "builtin_lexicon_dir",
    "load_lexicons",
]
