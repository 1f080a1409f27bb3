"""Hashed n-gram counts built from per-word caches, for grading many sentences fast.

scikit-learn's ``HashingVectorizer`` builds and hashes every n-gram of every sentence in a
Python loop: character 2-5-grams cost about 75 us a sentence and word 1-3-grams about 20 us,
most of the grading time. Words repeat, so each distinct word is hashed once (LRU caches) and
a batch's sparse matrix is assembled with numpy:

- :class:`CharGrams` gives exactly ``HashingVectorizer(analyzer="char_wb",
  alternate_sign=False, norm=None)``'s matrix;
- :class:`WordGrams` combines its words' hashes arithmetically into an n-gram's column, so no
  n-gram string is built (the columns differ from ``HashingVectorizer``'s, the information is
  the same).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

import numpy as np
import scipy.sparse as sp
from sklearn.utils import murmurhash3_32

from auditor.strength.stateless import StatelessTransformer

WORD_CACHE_SIZE = 2**17
"""Distinct words whose hashed n-grams are kept: a MB of clinic text has a few thousand."""


def hashed_column(feature: str, n_features: int) -> int:
    """The column scikit-learn's ``FeatureHasher`` gives ``feature`` (signed 32-bit
    MurmurHash3, seed 0, absolute value modulo ``n_features``)."""
    h = murmurhash3_32(feature, seed=0, positive=False)
    if h == -(2**31):  # abs() overflows in FeatureHasher's C code; this is its defined value
        return (2**31 - 1 - (n_features - 1)) % n_features
    return abs(h) % n_features


@lru_cache(maxsize=WORD_CACHE_SIZE)
def word_char_columns(word: str, min_n: int, max_n: int, n_features: int) -> np.ndarray:
    """Hashed columns of the character n-grams of ``word`` (padded with one space each side,
    as ``char_wb`` pads it), one entry per n-gram occurrence."""
    padded = f" {word} "
    grams: list[str] = []
    for n in range(min_n, max_n + 1):
        grams += [padded[i : i + n] for i in range(max(len(padded) - n, 0) + 1)]
        if len(padded) <= n:  # a short word counts once, at its full length
            break
    return np.fromiter((hashed_column(g, n_features) for g in grams), dtype=np.int32)


def counts_matrix(rows: np.ndarray, columns: np.ndarray, shape: tuple[int, int]) -> sp.csr_matrix:
    """A CSR matrix counting each (row, column) pair (rows in ascending order)."""
    indptr = np.searchsorted(rows, np.arange(shape[0] + 1))
    data = np.ones(len(columns), dtype=np.float64)
    matrix = sp.csr_matrix((data, columns, indptr), shape=shape)
    matrix.sum_duplicates()
    return matrix


def _concatenate(arrays: Sequence[np.ndarray], dtype: type) -> np.ndarray:
    return np.concatenate(arrays) if arrays else np.zeros(0, dtype=dtype)


class CharGrams(StatelessTransformer):
    """Counts of each sentence's lower-cased, word-bounded character n-grams, hashed into
    ``n_features`` columns (the same matrix as ``HashingVectorizer(analyzer="char_wb",
    alternate_sign=False, norm=None)``).

    Examples
    --------
    >>> CharGrams(ngram_range=(3, 3), n_features=2**10).fit_transform(["ab ab"]).sum()
    np.float64(4.0)
    """

    def __init__(self, *, ngram_range: tuple[int, int] = (2, 5), n_features: int = 2**18) -> None:
        self.ngram_range = ngram_range
        self.n_features = n_features

    def transform(self, X: Iterable[str]) -> sp.csr_matrix:
        min_n, max_n = self.ngram_range
        per_word = [
            [word_char_columns(w, min_n, max_n, self.n_features) for w in text.lower().split()]
            for text in X
        ]
        lengths = [sum(len(columns) for columns in words) for words in per_word]
        rows = np.repeat(np.arange(len(per_word)), lengths)
        columns = _concatenate([c for words in per_word for c in words], np.int32)
        return counts_matrix(rows, columns, (len(per_word), self.n_features))


WORD_TOKEN = re.compile(r"\w+")
STEM_SUFFIX = re.compile(
    r"(?:ational|ization|ations|ation|ments|ment|ness|ingly|edly|ing|ies|ied|ed|es|ly|s)$"
)


def stem(word: str) -> str:
    """``word`` without a common English suffix if it is over four letters long, so "reduces",
    "reduced" and "reducing" share n-grams."""
    return STEM_SUFFIX.sub("", word) if len(word) > 4 else word


MIX = np.uint64(0x9E3779B97F4A7C15)
"""Odd 64-bit multiplier (2**64 / golden ratio) that spreads n-gram hashes over all bits."""


@lru_cache(maxsize=WORD_CACHE_SIZE)
def word_hash(word: str, stemmed: bool) -> int:
    """A word's unsigned 32-bit MurmurHash3, of its stem when ``stemmed``."""
    return murmurhash3_32(stem(word) if stemmed else word, seed=0, positive=True)


class WordGrams(StatelessTransformer):
    """Counts of each sentence's lower-cased word n-grams (words: runs of letters, digits and
    underscores), hashed into ``n_features`` columns; with ``stemmed``, of the words' stems
    (:func:`stem`), so "reduces" and "reduced" share n-grams.

    An n-gram's column mixes its words' cached hashes and its length with 64-bit multiplies,
    computed for a whole batch at once.

    Examples
    --------
    >>> grams = WordGrams(ngram_range=(1, 2)).fit_transform(["Cells reduce pain", "cells reduce"])
    >>> grams.getnnz(axis=1).tolist()
    [5, 3]
    """

    def __init__(
        self,
        *,
        ngram_range: tuple[int, int] = (1, 2),
        stemmed: bool = False,
        n_features: int = 2**18,
    ) -> None:
        self.ngram_range = ngram_range
        self.stemmed = stemmed
        self.n_features = n_features

    def transform(self, X: Iterable[str]) -> sp.csr_matrix:
        per_sentence = [WORD_TOKEN.findall(text.lower()) for text in X]
        hashes = np.fromiter(
            (word_hash(w, self.stemmed) for words in per_sentence for w in words),
            dtype=np.uint64,
        )
        sentence = np.repeat(np.arange(len(per_sentence)), [len(w) for w in per_sentence])
        rows, columns = [], []
        min_n, max_n = self.ngram_range
        gram = np.zeros(len(hashes), dtype=np.uint64)
        for n in range(1, max_n + 1):
            # gram[i] mixes the hashes of words i .. i+n-1; valid where they share a sentence
            end = len(hashes) - n + 1
            gram = gram[:end] * MIX + hashes[n - 1 :] + np.uint64(n)
            if n >= min_n and end > 0:
                same = sentence[:end] == sentence[n - 1 :]
                mixed = gram[same] * MIX
                rows.append(sentence[:end][same])
                columns.append((mixed ^ (mixed >> np.uint64(29))) % np.uint64(self.n_features))
        order_rows = _concatenate(rows, np.int64)
        order = np.argsort(order_rows, kind="stable")
        return counts_matrix(
            order_rows[order],
            _concatenate(columns, np.uint64)[order].astype(np.int32),
            (len(per_sentence), self.n_features),
        )
