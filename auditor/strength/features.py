"""Lexicon features for the claim-strength classifier: which cue lists a sentence uses, how
often and where.

N-grams learn the wording of the training sentences; these features carry what our lexicons
know about wording the training data never saw ("might" and "appears to" hedge, "cures" is
causal, "linked to" is correlational), so the model generalises across registers. The cue
lists are constructor parameters, so a saved model holds the exact cues it was trained with.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

PER_LIST = ("present", "count", "first")
INTERACTIONS = (
    ("hedge", "causal"),
    ("negation", "causal"),
    ("booster", "causal"),
    ("association", "causal"),
    ("conditional", "causal"),
    ("certain_modal", "causal"),
)
"""Pairs of cue lists whose co-occurrence is a feature (and whether the first comes first)."""


@lru_cache(maxsize=64)
def cue_pattern(cues: tuple[str, ...]) -> re.Pattern[str]:
    """One case-insensitive whole-word regex for a cue list, longest cue first."""
    alternatives = "|".join(re.escape(c) for c in sorted(set(cues), key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


class LexiconFeatures(TransformerMixin, BaseEstimator):
    """Per sentence and cue list: presence, log count and how early the first cue occurs;
    for pairs of lists, co-occurrence and order; plus question mark and length.

    Parameters
    ----------
    cue_lists : mapping of list name (lower case) to its cue phrases. Names used in
        ``INTERACTIONS`` that are absent simply contribute no interaction feature.

    Attributes
    ----------
    feature_names_ : list of str
        One name per output column.
    n_features_in_ : int
        Always 1 (one text column).

    Examples
    --------
    >>> features = LexiconFeatures(cue_lists={"hedge": ["may"], "causal": ["cure"]})
    >>> features.fit_transform(["Cells may cure MS."]).shape
    (1, 10)
    """

    def __init__(self, *, cue_lists: Mapping[str, Sequence[str]] | None = None) -> None:
        self.cue_lists = cue_lists

    def fit(self, X: Iterable[str], y: object = None) -> LexiconFeatures:
        names = sorted(self.cue_lists or {})
        pairs = [(a, b) for a, b in INTERACTIONS if a in names and b in names]
        self.feature_names_ = [
            *(f"{name}_{part}" for name in names for part in PER_LIST),
            *(f"{a}_and_{b}" for a, b in pairs),
            *(f"{a}_before_{b}" for a, b in pairs),
            "question",
            "log_words",
        ]
        self.n_features_in_ = 1
        return self

    def transform(self, X: Iterable[str]) -> np.ndarray:
        check_is_fitted(self, "feature_names_")
        lists = {name: cue_pattern(tuple(cues)) for name, cues in (self.cue_lists or {}).items()}
        names = sorted(lists)
        pairs = [(a, b) for a, b in INTERACTIONS if a in lists and b in lists]
        rows = []
        for text in X:
            length = max(len(text), 1)
            first: dict[str, float] = {}
            row: list[float] = []
            for name in names:
                starts = [m.start() for m in lists[name].finditer(text)]
                if starts:
                    first[name] = starts[0] / length
                row += [
                    float(bool(starts)),
                    float(np.log1p(len(starts))),
                    1.0 - first[name] if starts else 0.0,
                ]
            row += [float(a in first and b in first) for a, b in pairs]
            row += [float(a in first and b in first and first[a] <= first[b]) for a, b in pairs]
            row += [float(text.rstrip().endswith("?")), float(np.log1p(len(text.split())) / 4)]
            rows.append(row)
        return np.asarray(rows, dtype=float).reshape(-1, len(self.feature_names_))

    def get_feature_names_out(self, input_features: object = None) -> np.ndarray:
        check_is_fitted(self, "feature_names_")
        return np.asarray(self.feature_names_, dtype=object)


STEM_SUFFIX = re.compile(
    r"(?:ational|ization|ations|ation|ments|ment|ness|ingly|edly|ing|ies|ied|ed|es|ly|s)$"
)
WORD = re.compile(r"\w+")


class WordStems(TransformerMixin, BaseEstimator):
    """Lower-case each sentence and strip common English suffixes from words over four letters,
    so "reduces", "reduced" and "reducing" share n-grams.

    Examples
    --------
    >>> WordStems().fit_transform(["Injections reduced pain"])
    ['injection reduc pain']
    """

    def fit(self, X: Iterable[str], y: object = None) -> WordStems:
        self.n_features_in_ = 1
        return self

    def transform(self, X: Iterable[str]) -> list[str]:
        return [
            " ".join(
                STEM_SUFFIX.sub("", w) if len(w) > 4 else w for w in WORD.findall(text.lower())
            )
            for text in X
        ]
