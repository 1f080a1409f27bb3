"""Lexicon features for the claim-strength classifier: which cue lists a sentence uses, how
often and where.

N-grams learn the wording of the training sentences; these features carry what our lexicons
know about wording the training data never saw ("might" and "appears to" hedge, "cures" is
causal, "linked to" is correlational), so the model generalises across registers. The cue
lists are constructor parameters, so a saved model holds the exact cues it was trained with.
"""

from __future__ import annotations

import math
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


CUE_TOKEN = re.compile(r"\w+|[^\w\s]")
"""Words and single punctuation marks: cues and sentences are compared token by token, so a cue
matches only whole words ("may" never matches inside "mayonnaise")."""


CueIndex = dict[str, list[tuple[tuple[str, ...], int]]]


@lru_cache(maxsize=8)
def cue_index(lists: tuple[tuple[str, ...], ...]) -> CueIndex:
    """Every cue of ``lists`` as a token tuple, grouped by its first token, longest first, with
    the position of its list: one dictionary probe per sentence token finds the cues of all
    lists in a single pass. Cached: grading calls it once per batch."""
    index: CueIndex = {}
    for position, cues in enumerate(lists):
        for cue in dict.fromkeys(cues):
            tokens = tuple(CUE_TOKEN.findall(cue.lower()))
            if tokens:
                index.setdefault(tokens[0], []).append((tokens, position))
    for candidates in index.values():
        candidates.sort(key=lambda candidate: -len(candidate[0]))
    return index


def cue_starts(text: str, index: CueIndex, lists: int) -> list[list[int]]:
    """Per list, the character offsets where its cues occur in ``text`` (case-insensitive, whole
    tokens; within a list the longest cue at a place wins and matches never overlap)."""
    spans = [(m.start(), m.group()) for m in CUE_TOKEN.finditer(text.lower())]
    tokens = [token for _, token in spans]
    starts: list[list[int]] = [[] for _ in range(lists)]
    free = [0] * lists  # per list, the first token not inside one of its matches
    for i, token in enumerate(tokens):
        for cue, position in index.get(token, ()):
            if free[position] <= i and tuple(tokens[i : i + len(cue)]) == cue:
                starts[position].append(spans[i][0])
                free[position] = i + len(cue)
    return starts


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
        names, pairs = self._layout()
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
        names, pairs = self._layout()
        index = cue_index(tuple(tuple(self.cue_lists[name]) for name in names))
        rows = []
        for text in X:
            length = max(len(text), 1)
            first: dict[str, float] = {}
            row: list[float] = []
            for name, starts in zip(names, cue_starts(text, index, len(names)), strict=True):
                if starts:
                    first[name] = starts[0] / length
                row += [
                    float(bool(starts)),
                    math.log1p(len(starts)),
                    1.0 - first[name] if starts else 0.0,
                ]
            row += [float(a in first and b in first) for a, b in pairs]
            row += [float(a in first and b in first and first[a] <= first[b]) for a, b in pairs]
            row += [float(text.rstrip().endswith("?")), math.log1p(len(text.split())) / 4]
            rows.append(row)
        return np.asarray(rows, dtype=float).reshape(-1, len(self.feature_names_))

    def get_feature_names_out(self, input_features: object = None) -> np.ndarray:
        check_is_fitted(self, "feature_names_")
        return np.asarray(self.feature_names_, dtype=object)

    def _layout(self) -> tuple[list[str], list[tuple[str, str]]]:
        """The cue list names in column order and the ``INTERACTIONS`` pairs both lists have."""
        names = sorted(self.cue_lists or {})
        return names, [(a, b) for a, b in INTERACTIONS if a in names and b in names]
