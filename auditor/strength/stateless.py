"""A base for the transformers that learn nothing from their training rows.

Hashed n-gram counts and claim-structure tokens depend on a sentence and the transformer's
parameters only, so ``fit`` just records the one input column scikit-learn expects.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Self

from sklearn.base import BaseEstimator, TransformerMixin


class StatelessTransformer(TransformerMixin, BaseEstimator):
    """A transformer whose ``fit`` learns nothing."""

    def fit(self, X: Iterable[str], y: object = None) -> Self:
        self.n_features_in_ = 1
        return self
