"""Lexicon features for the claim-strength classifier: which cue lists a sentence uses, how
often and where.

N-grams learn the wording of the training sentences; these features carry what our lexicons
know about wording the training data never saw ("might" and "appears to" hedge, "cures" is
causal, "linked to" is correlational), so the model generalises across registers. The cue
lists are constructor parameters, so a saved model holds the exact cues it was trained with.
"""

from __future__ import annotations

import itertools
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
        lists = {name: cue_pattern(tuple(self.cue_lists[name])) for name in names}
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

    def _layout(self) -> tuple[list[str], list[tuple[str, str]]]:
        """The cue list names in column order and the ``INTERACTIONS`` pairs both lists have."""
        names = sorted(self.cue_lists or {})
        return names, [(a, b) for a, b in INTERACTIONS if a in names and b in names]


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


def _words(text: str) -> frozenset[str]:
    """The words of a space-separated list."""
    return frozenset(text.split())


CLAIM_WORDS = {
    "modal": _words(
        "may might could can would should possibly potentially potential likely probably "
        "perhaps appear appears appeared seem seems seemed"
    ),
    "association": _words(
        "associated association associations associate linked link links correlated "
        "correlation correlations correlates correlate related relationship relation "
        "predictor predictors predict predicts predicted predictive risk odds hazard higher "
        "lower greater more less common prevalent prevalence independent independently among "
        "compared"
    ),
    "reporting": _words(
        "suggest suggests suggested indicate indicates indicated show shows showed shown "
        "demonstrate demonstrates demonstrated conclude concluded support supports imply "
        "implies reveal reveals revealed found find confirm confirms confirmed provide "
        "provides evidence"
    ),
    "negation": _words("not no neither nor without cannot never failed unlikely"),
}
"""Word classes whose place in the sentence decides its claim strength, checked in this order
before ``CAUSAL_PREFIXES``."""
CAUSAL_PREFIXES = tuple(
    _words(
        "reduc increas improv caus lead led prevent decreas enhanc induc promot inhibit "
        "attenuat elevat affect effect benefit protect contribut result lower alleviat "
        "ameliorat impair worsen facilitat suppress accelerat delay restor reliev modulat "
        "help trigger mediat boost influenc role impact efficac beneficial useful safe treat"
    )
)
"""Word beginnings of causal verbs and effect nouns ("reduces", "reduction", "efficacy")."""
CLAUSE_OPENERS = frozenset({"that", "whether", "which"})
CLAIM_WORD = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")


def claim_class(word: str) -> str | None:
    """The class of a lower-case word (``CLAIM_WORDS`` or "causal"), or None."""
    for name, words in CLAIM_WORDS.items():
        if word in words:
            return name
    return "causal" if word.startswith(CAUSAL_PREFIXES) else None


class ClaimStructure(TransformerMixin, BaseEstimator):
    """Rewrite each sentence as tokens describing where its claim words sit, for a
    bag-of-tokens vectoriser downstream.

    Yu et al.'s grades hinge on the main claim's verb: "results suggest that X reduces Y" is a
    hedged causal claim, "X is associated with Y" correlational even when hedged. Per claim
    word: its class and the word itself tagged main clause or the clause a reporting word opens
    ("suggest that ..."), its neighbours and its neighbours' classes; per sentence: the order
    of the classes (bigrams, trigrams, the first four, the first one).

    Examples
    --------
    >>> ClaimStructure().fit_transform(["Data suggest that it may reduce pain."])[0].split()[:3]
    ['reporting_main', 'suggest_main', 'suggest_L_data']
    """

    def fit(self, X: Iterable[str], y: object = None) -> ClaimStructure:
        self.n_features_in_ = 1
        return self

    def transform(self, X: Iterable[str]) -> list[str]:
        return [self._describe(text) for text in X]

    @staticmethod
    def _describe(text: str) -> str:
        words = CLAIM_WORD.findall(text.lower())
        classes = [claim_class(word) for word in words]
        tokens: list[str] = []
        order: list[str] = []
        clause = "main"
        for i, (word, kind) in enumerate(zip(words, classes, strict=True)):
            previous = words[i - 1] if i else "BOS"
            if (
                word in CLAUSE_OPENERS
                and i
                and (classes[i - 1] == "reporting" or previous == "conclusion")
            ):
                clause = "sub"
                tokens.append("SUBSTART")
            if kind is None:
                continue
            following = words[i + 1] if i + 1 < len(words) else "EOS"
            left = (classes[i - 1] if i else None) or "w"
            right = (classes[i + 1] if i + 1 < len(words) else None) or "w"
            tokens += [f"{kind}_{clause}", f"{word}_{clause}"]
            tokens += [f"{word}_L_{previous}", f"{word}_R_{following}"]
            tokens += [f"{kind}_L_{left}", f"{kind}_R_{right}"]
            if not order or order[-1] != kind:
                order.append(kind)
        tokens += [f"ORDER_{a}_{b}" for a, b in itertools.pairwise(order)]
        triples = zip(order, order[1:], order[2:], strict=False)
        tokens += [f"ORDER_{a}_{b}_{c}" for a, b, c in triples]
        tokens.append("ORDER_" + ("_".join(order[:4]) or "none"))
        if order:
            tokens.append(f"FIRST_{order[0]}")
        return " ".join(tokens)
