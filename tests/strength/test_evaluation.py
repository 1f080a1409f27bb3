"""Metrics, cross-validation and the text table of the claim-strength evaluation."""

from __future__ import annotations

import pytest

from auditor.strength.evaluation import (
    cross_validate,
    evaluate_model,
    render_scores,
    score_predictions,
)


def test_scores_follow_the_definitions():
    scores = score_predictions([0, 1, 2, 3, 3], [0, 1, 2, 2, 3])
    assert scores.accuracy == pytest.approx(4 / 5)
    assert scores.per_class_f1 == pytest.approx({0: 1.0, 1: 1.0, 2: 2 / 3, 3: 2 / 3})
    assert scores.macro_f1 == pytest.approx((1 + 1 + 2 / 3 + 2 / 3) / 4)
    assert scores.confusion[3] == [0, 0, 1, 1] and scores.rows == 5


def test_cross_validation_predicts_every_row_once(corpus, cues, subset):
    small = subset(corpus, range(0, len(corpus.sentences), 4))
    scores = cross_validate(small, cues, folds=3)
    assert sum(map(sum, scores.confusion)) == len(small.sentences)
    assert scores.macro_f1 > 0.5


def test_render_shows_every_figure(trained, split):
    text = render_scores(evaluate_model(trained, split[1]), "held out")
    for expected in ("held out", "macro-F1", "accuracy", "per-class F1", "confusion matrix"):
        assert expected in text
    assert "3 direct causal" in text and "pred 3" in text
