"""The claim-strength model: a scikit-learn Pipeline from sentences to a 0-3 grade.

Features: word 1-2-grams, stemmed word 1-3-grams and character 3-5-grams (hashed from per-word
caches, :mod:`auditor.strength.ngrams`; TF-IDF, sublinear tf), plus :class:`LexiconFeatures`
from our hedge, negation, booster, association, causal and conditional cue lists, and
:class:`ClaimStructure` tokens (which claim words sit in the main clause or a "suggest that"
clause, what qualifies them, their neighbours, their order), both read from the lexicons
(:class:`StrengthCues`). Classifier: a linear SVM whose C is chosen by inner cross-validation
on the training rows only, wrapped in sigmoid calibration so every grade has a probability.
Everything random is seeded: the same data and seed give the same predictions.

Opt-in (``encoder=True``, the ``encoder`` extra): that Pipeline and a fine-tuned sentence
encoder (:class:`~auditor.strength.encoder.EncoderClassifier`) averaging their probabilities,
more accurate and about 40 times slower to grade.
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
from sklearn.base import TransformerMixin
from sklearn.calibration import CalibratedClassifierCV
from sklearn.ensemble import VotingClassifier
from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer
from sklearn.model_selection import GridSearchCV, StratifiedKFold
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.svm import LinearSVC

from auditor import __version__
from auditor.lexicon import ContextKind, Lexicon
from auditor.strength.data import STRENGTH_LABELS, StrengthData
from auditor.strength.encoder import EncoderClassifier, library_versions
from auditor.strength.features import LexiconFeatures
from auditor.strength.ngrams import CharGrams, WordGrams
from auditor.strength.structure import ClaimStructure

MODEL_FORMAT = "auditor-claim-strength"
LINEAR = "linear"
WITH_ENCODER = "linear+encoder"
ARCHITECTURE = 3
"""Version of what :func:`build_pipeline` and its transformers compute: part of the default
model's cache key, so bump it whenever they change (2: :class:`ClaimStructure` added; 3: word
classes from the lexicons with need, purpose and auxiliary classes and modal/negation marks,
character 3-5-grams, cached n-gram hashing)."""

SEED = 0
C_GRID = (0.1, 0.3, 1.0)
"""Candidate SVM regularisation strengths for the inner cross-validation."""
INNER_FOLDS = 3
CHAR_NGRAMS = (3, 5)
"""Character n-gram lengths (within words). In the benchmark's Yu 2019 5-fold CV with a fixed-C
SVM (C=0.3), 3-5 / 2-5 / 2-6 / 1-5 scored 0.790 / 0.790 / 0.790 / 0.790; 3-5 makes the
fewest n-grams, so grading is fastest."""
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
inner CV, calibrated) 0.781 against 0.742. With the architecture-3 word classes (fixed C=0.3)
1.2 / 1.5 / 2.0 scored 0.790 / 0.790 / 0.784, 0.745 without the view; the whole Pipeline
0.788."""


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
    architecture: Literal["linear", "linear+encoder"] = LINEAR
    torch: str | None = None
    """torch and transformers versions, for a model with the encoder."""
    transformers: str | None = None


@dataclass(frozen=True)
class StrengthCues:
    """What the model reads from the lexicons: cue lists (name -> phrases) for
    :class:`LexiconFeatures`, and claim word classes (name -> words, in priority order) with
    the names of the neighbour-only ones for :class:`ClaimStructure`."""

    cue_lists: Mapping[str, Sequence[str]]
    word_classes: Mapping[str, Sequence[str]]
    neighbour_only: Sequence[str] = ()


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
        """Grade many sentences in one call (a call costs about 4 ms however few sentences it
        grades; 300 sentences about 25 ms). scikit-learn's input checks are skipped: the
        Pipeline's own transformers make every matrix it sees, and the checks cost about 1 ms
        a call."""
        if not sentences:
            return []
        with sklearn.config_context(assume_finite=True, skip_parameter_validation=True):
            probabilities = self.pipeline.predict_proba(list(sentences))
        classes = self.pipeline.classes_
        return [
            Grade(label=int(classes[best]), probability=round(float(row[best]), 4))
            for row, best in zip(probabilities, probabilities.argmax(axis=1), strict=True)
        ]


def train_model(
    data: StrengthData, cues: StrengthCues, *, seed: int = SEED, encoder: bool = False
) -> StrengthModel:
    """Fit the Pipeline on all of ``data``; same data, cues and seed -> same predictions."""
    versions = library_versions() if encoder else {}
    pipeline = build_pipeline(cues, seed=seed, encoder=encoder).fit(data.sentences, data.labels)
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
        architecture=WITH_ENCODER if encoder else LINEAR,
        **versions,
    )
    return StrengthModel(pipeline=pipeline, metadata=metadata)


def strength_cues(lexicon: Lexicon) -> StrengthCues:
    """The cues the model reads: hedge and negation cues from the context lexicon plus every
    ``cue_lists`` entry (BOOSTER -> ``booster``, ...), and the ``claim_word_classes``."""
    cues = {name.lower(): list(entry.cues) for name, entry in lexicon.cue_lists.items()}
    for name, kind in (("hedge", ContextKind.hedged), ("negation", ContextKind.negated)):
        cues[name] = [cue for entry in lexicon.context.get(kind, ()) for cue in entry.cues]
    classes = lexicon.claim_word_classes.values()
    return StrengthCues(
        cue_lists=cues,
        word_classes={entry.id.lower(): list(entry.words) for entry in classes},
        neighbour_only=[entry.id.lower() for entry in classes if entry.neighbour_only],
    )


def cues_sha256(cues: StrengthCues) -> str:
    """Fingerprint of the cue lists and word classes (part of the default model's cache key)."""
    canonical = json.dumps(
        {
            "cue_lists": {k: list(v) for k, v in sorted(cues.cue_lists.items())},
            "word_classes": [[k, list(v)] for k, v in cues.word_classes.items()],
            "neighbour_only": list(cues.neighbour_only),
        },
        ensure_ascii=False,
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def build_pipeline(cues: StrengthCues, *, seed: int = SEED, encoder: bool = False) -> Pipeline:
    """An unfitted claim-strength Pipeline (see the module docstring); with ``encoder``, one
    whose only step is a soft vote, with equal weights, of that Pipeline and the encoder."""
    features = FeatureUnion(
        [
            ("words", _tfidf(WordGrams(ngram_range=(1, 2), n_features=HASH_FEATURES))),
            (
                "stems",
                _tfidf(WordGrams(ngram_range=(1, 3), stemmed=True, n_features=HASH_FEATURES)),
            ),
            ("chars", _tfidf(CharGrams(ngram_range=CHAR_NGRAMS, n_features=HASH_FEATURES))),
            ("lexicon", LexiconFeatures(cue_lists={k: list(v) for k, v in cues.cue_lists.items()})),
            (
                "structure",
                Pipeline(
                    [
                        (
                            "describe",
                            ClaimStructure(
                                word_classes={k: list(v) for k, v in cues.word_classes.items()},
                                neighbour_only=list(cues.neighbour_only),
                            ),
                        ),
                        ("tfidf", _tfidf(_hashed(token_pattern=r"\S+", lowercase=False))),
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
    linear = Pipeline([("features", features), ("classify", classifier)])
    if not encoder:
        return linear
    members = [("linear", linear), ("encoder", EncoderClassifier(seed=seed))]
    return Pipeline([("vote", VotingClassifier(members, voting="soft"))])


def _tfidf(counts: TransformerMixin) -> Pipeline:
    """Sublinear TF-IDF over the hashed n-gram counts of ``counts``."""
    return Pipeline([("hash", counts), ("tfidf", TfidfTransformer(sublinear_tf=True))])


def _hashed(**options: object) -> HashingVectorizer:
    """Hashed n-gram counts: no vocabulary to store, so the saved model stays small and loads
    fast (a vocabulary of ~60,000 n-grams took a second to load)."""
    return HashingVectorizer(n_features=HASH_FEATURES, alternate_sign=False, norm=None, **options)
