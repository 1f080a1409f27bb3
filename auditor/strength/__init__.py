"""Claim strength: grade a claim sentence 0-3 (0 no relationship, 1 correlational, 2 hedged or
conditional causal, 3 direct causal) with a scikit-learn model trained on our own corpus
(corpus/strength/). Marketing copy turns "may help" into "reverses"; the grade lets the score
weigh a direct causal efficacy claim above a hedged one.

Modules: ``data`` (labelled CSV), ``features`` (lexicon cue features), ``structure`` (where
claim words sit), ``ngrams`` (cached hashed n-gram counts), ``model`` (the Pipeline, training,
grading), ``persistence`` (skops files with metadata, no pickle), ``default`` (the
cached default model), ``evaluation`` (cross-validation and metrics), ``grading`` (findings).
"""

from auditor.strength.data import STRENGTH_NAMES
from auditor.strength.default import default_model
from auditor.strength.grading import grade_findings, graded_in_batches
from auditor.strength.model import Grade, StrengthModel, train_model
from auditor.strength.persistence import load_model, save_model

__all__ = [
    "STRENGTH_NAMES",
    "Grade",
    "StrengthModel",
    "default_model",
    "grade_findings",
    "graded_in_batches",
    "load_model",
    "save_model",
    "train_model",
]
