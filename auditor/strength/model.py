"""The claim-strength model: a scikit-learn Pipeline from sentences to a 0-3 grade.

Features: word 1-2-grams, stemmed word 1-3-grams and character 2-5-grams (TF-IDF, sublinear
tf), plus :class:`LexiconFeatures` from our hedge, negation, booster, association, causal and
conditional cue lists, and :class:`ClaimStructure` tokens (which claim words sit in the main
clause or a "suggest that" clause, their neighbours, their order). Classifier: a linear SVM
whose C is chosen by inner cross-validation on the training rows only, wrapped in sigmoid
calibration so every grade has a probability. Everything random is seeded: the same data and
seed give the same predictions.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

import sklearn
import skops
from pydantic import BaseModel, ConfigDict
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer
from sklearn.model_selection import GridSearchCV, StratifiedKFold
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.svm import LinearSVC

from auditor import __version__
from auditor.lexicon import ContextKind, Lexicon
from auditor.strength.data import STRENGTH_LABELS, StrengthData
from auditor.strength.features import ClaimStructure, LexiconFeatures, WordStems

MODEL_FORMAT = "auditor-claim-strength"
ARCHITECTURE = 2
"""Version of what :func:`build_pipeline` and its transformers compute: part of the default
model's cache key, so bump it whenever they change (2: :class:`ClaimStructure` added)."""

SEED = 0
C_GRID = (0.1, 0.3, 1.0)
"""Candidate SVM regularisation strengths for the inner cross-validation."""
INNER_FOLDS = 3
HASH_FEATURES = 2**18
"""Hashed columns per n-gram view: our corpus has about 60,000 distinct n-grams, so collisions
are rare (2**20 scored the same in the benchmark's cross-validation)."""
LEXICON_WEIGHT = 0.3
"""Scale of the lexicon features beside the L2-normalised TF-IDF blocks. They carry what the
n-grams of our 1,624 sentences cannot: trained on our corpus, macro-F1 on the public sets
(benchmarks/strength.py) was Yu 2019 0.49 / InSciOut 0.46 without them, 0.57 / 0.54 at 0.3
and 0.58 / 0.54 at 1.0; our 5-fold CV 0.886, 0.886, 0.879. 0.3 keeps both."""
STRUCTURE_WEIGHT = 1.5
"""Scale of the :class:`ClaimStructure` tokens (where claim words sit). In the benchmark's Yu
2019 5-fold CV with a fixed-C SVM, weights 1.0 / 1.5 / 2.0 scored 0.775 / 0.779 / 0.777 at
C=0.3 and 0.778 / 0.782 / 0.773 at C=1, against 0.744 without them; the whole Pipeline (C by
inner CV, calibrated) 0.781 against 0.742. Trained on our corpus, Yu 0.57 / InSciOut 0.54 as
before."""


class ModelMetadata(BaseModel):
    """What a saved model was built from and with; checked before the model itself is read."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    format: Literal["auditor-claim-strength"] = MODEL_FORMAT
    format_version: Literal[1] = 1
    data_sha256: str
    data_rows: int
    cues_sha256: str
    labels: list[int]
    seed: int
    sklearn: str
    skops: str
    auditor: str
    created: datetime


@dataclass(frozen=True)
class Grade:
    """A sentence's claim strength (0-3) and the model's probability for it."""

    label: int
    probability: float


@dataclass(frozen=True)
class StrengthModel:
    """A fitted claim-strength Pipeline with the metadata saved beside it."""

    pipeline: Pipeline
    metadata: ModelMetadata

    def grade(self, sentences: Sequence[str]) -> list[Grade]:
        """Grade many sentences in one call (the Pipeline's per-call overhead dominates)."""
        if not sentences:
            return []
        probabilities = self.pipeline.predict_proba(list(sentences))
        classes = self.pipeline.classes_
        return [
            Grade(label=int(classes[best]), probability=round(float(row[best]), 4))
            for row, best in zip(probabilities, probabilities.argmax(axis=1), strict=True)
        ]


def train_model(
    data: StrengthData, cues: Mapping[str, Sequence[str]], *, seed: int = SEED
) -> StrengthModel:
    """Fit the Pipeline on all of ``data``; same data, cues and seed -> same predictions."""
    pipeline = build_pipeline(cues, seed=seed).fit(data.sentences, data.labels)
    metadata = ModelMetadata(
        data_sha256=data.sha256,
        data_rows=len(data.sentences),
        cues_sha256=cues_sha256(cues),
        labels=list(STRENGTH_LABELS),
        seed=seed,
        sklearn=sklearn.__version__,
        skops=skops.__version__,
        auditor=__version__,
        created=datetime.now(UTC),
    )
    return StrengthModel(pipeline=pipeline, metadata=metadata)


def strength_cues(lexicon: Lexicon) -> dict[str, list[str]]:
    """The cue lists the model reads: hedge and negation cues from the context lexicon, plus
    every ``cue_lists`` entry (BOOSTER -> ``booster``, ...)."""
    cues = {name.lower(): list(entry.cues) for name, entry in lexicon.cue_lists.items()}
    for name, kind in (("hedge", ContextKind.hedged), ("negation", ContextKind.negated)):
        cues[name] = [cue for entry in lexicon.context.get(kind, ()) for cue in entry.cues]
    return cues


def cues_sha256(cues: Mapping[str, Sequence[str]]) -> str:
    """Fingerprint of the cue lists (part of the default model's cache key)."""
    canonical = json.dumps({k: list(v) for k, v in sorted(cues.items())}, ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def build_pipeline(cues: Mapping[str, Sequence[str]], *, seed: int = SEED) -> Pipeline:
    """An unfitted claim-strength Pipeline (see the module docstring)."""
    features = FeatureUnion(
        [
            ("words", _tfidf(ngram_range=(1, 2))),
            ("stems", Pipeline([("stem", WordStems()), ("tfidf", _tfidf(ngram_range=(1, 3)))])),
            ("chars", _tfidf(analyzer="char_wb", ngram_range=(2, 5))),
            ("lexicon", LexiconFeatures(cue_lists={k: list(v) for k, v in cues.items()})),
            (
                "structure",
                Pipeline(
                    [
                        ("describe", ClaimStructure()),
                        ("tfidf", _tfidf(token_pattern=r"\S+", lowercase=False)),
                    ]
                ),
            ),
        ],
        transformer_weights={"lexicon": LEXICON_WEIGHT, "structure": STRUCTURE_WEIGHT},
    )
    svm = GridSearchCV(
        LinearSVC(class_weight="balanced", random_state=seed),
        {"C": list(C_GRID)},
        scoring="f1_macro",
        cv=StratifiedKFold(INNER_FOLDS, shuffle=True, random_state=seed),
    )
    classifier = CalibratedClassifierCV(svm, method="sigmoid", cv=INNER_FOLDS, ensemble=False)
    return Pipeline([("features", features), ("classify", classifier)])


def _tfidf(**options: object) -> Pipeline:
    """Hashed n-gram counts with sublinear TF-IDF: no vocabulary to store, so the saved model
    stays small and loads fast (a vocabulary of ~60,000 n-grams took a second to load)."""
    hashing = HashingVectorizer(
        n_features=HASH_FEATURES, alternate_sign=False, norm=None, **options
    )
    return Pipeline([("hash", hashing), ("tfidf", TfidfTransformer(sublinear_tf=True))])
