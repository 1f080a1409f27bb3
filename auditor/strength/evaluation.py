"""How well a claim-strength model grades sentences: macro-F1, per-class F1, accuracy and the
confusion matrix, from held-out predictions (k-fold cross-validation) or a fitted model."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.base import clone
from sklearn.metrics import accuracy_score, confusion_matrix, f1_score
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.pipeline import Pipeline

from auditor.strength.data import STRENGTH_LABELS, STRENGTH_NAMES, StrengthData
from auditor.strength.model import SEED, StrengthCues, StrengthModel, build_pipeline


@dataclass(frozen=True)
class StrengthScores:
    """Agreement between gold and predicted grades over ``rows`` sentences."""

    rows: int
    macro_f1: float
    accuracy: float
    per_class_f1: dict[int, float]
    confusion: list[list[int]]
    """Rows: gold label 0-3; columns: predicted label 0-3."""


def score_predictions(gold: Sequence[int], predicted: Sequence[int]) -> StrengthScores:
    labels = list(STRENGTH_LABELS)
    per_class = f1_score(gold, predicted, labels=labels, average=None, zero_division=0)
    return StrengthScores(
        rows=len(gold),
        macro_f1=float(f1_score(gold, predicted, labels=labels, average="macro", zero_division=0)),
        accuracy=float(accuracy_score(gold, predicted)),
        per_class_f1={label: float(f1) for label, f1 in zip(labels, per_class, strict=True)},
        confusion=confusion_matrix(gold, predicted, labels=labels).tolist(),
    )


def cross_validate(
    data: StrengthData,
    cues: StrengthCues,
    *,
    folds: int = 5,
    seed: int = SEED,
    pipeline: Pipeline | None = None,
    encoder: bool = False,
) -> StrengthScores:
    """Stratified ``folds``-fold cross-validation of ``pipeline`` (default: our architecture,
    with the fine-tuned encoder if ``encoder``); every sentence is predicted by a model that
    never saw it, C tuned on training folds only."""
    estimator = (
        clone(pipeline)
        if pipeline is not None
        else build_pipeline(cues, seed=seed, encoder=encoder)
    )
    splitter = StratifiedKFold(folds, shuffle=True, random_state=seed)
    predicted = cross_val_predict(estimator, data.sentences, data.labels, cv=splitter)
    return score_predictions(data.labels, predicted)


def evaluate_model(model: StrengthModel, data: StrengthData) -> StrengthScores:
    """Scores of a fitted model on ``data`` (meaningful only if it was not trained on it)."""
    predicted = [grade.label for grade in model.grade(data.sentences)]
    return score_predictions(data.labels, predicted)


def render_scores(scores: StrengthScores, title: str) -> str:
    """Plain-text report: headline figures, per-class F1, confusion matrix."""
    names = [f"{label} {STRENGTH_NAMES[label]}" for label in STRENGTH_LABELS]
    per_class = pd.DataFrame(
        {"F1": [scores.per_class_f1[label] for label in STRENGTH_LABELS]}, index=names
    )
    gold = np.asarray(scores.confusion).sum(axis=1)
    per_class["gold rows"] = gold
    confusion = pd.DataFrame(
        scores.confusion,
        index=[f"gold {n}" for n in names],
        columns=[f"pred {label}" for label in STRENGTH_LABELS],
    )
    return "\n".join(
        [
            title,
            f"sentences {scores.rows:,}   macro-F1 {scores.macro_f1:.3f}   "
            f"accuracy {scores.accuracy:.3f}",
            "",
            "per-class F1",
            per_class.to_string(float_format=lambda v: f"{v:.3f}"),
            "",
            "confusion matrix (rows: gold label, columns: predicted label)",
            confusion.to_string(),
        ]
    )
