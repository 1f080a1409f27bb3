"""The cached n-gram counters give the counts scikit-learn's HashingVectorizer defines."""

from __future__ import annotations

import re

import numpy as np
from sklearn.feature_extraction.text import HashingVectorizer

from auditor.strength.ngrams import CharGrams, WordGrams, stem

SENTENCES = [
    "Stem cells may reduce pain in 80% of patients.",
    "",
    "a",
    "  Whitespace\tand\nnewlines  ",
    "Ünïcode wörds, and n't or don't",
    "Reduces reduced REDUCING",
]


def test_char_grams_equal_hashing_vectorizer_char_wb(corpus):
    sentences = SENTENCES + corpus.sentences[:300]
    for ngram_range in ((3, 5), (2, 5), (1, 2)):
        expected = HashingVectorizer(
            analyzer="char_wb",
            ngram_range=ngram_range,
            n_features=2**18,
            alternate_sign=False,
            norm=None,
        ).transform(sentences)
        got = CharGrams(ngram_range=ngram_range, n_features=2**18).fit_transform(sentences)
        assert got.shape == expected.shape and (got != expected).nnz == 0


def test_word_grams_count_each_n_gram_of_each_sentence():
    grams = WordGrams(ngram_range=(1, 3), n_features=2**20).fit_transform(SENTENCES)
    words = [len(re.findall(r"\w+", s)) for s in SENTENCES]
    # n words make n unigrams, n-1 bigrams and n-2 trigrams
    assert grams.sum(axis=1).A1.tolist() == [sum(max(n - k, 0) for k in range(3)) for n in words]
    repeated = WordGrams(ngram_range=(1, 1)).fit_transform(["pain pain pain"])
    assert repeated.nnz == 1 and repeated.data.tolist() == [3.0]


def test_n_grams_never_cross_sentences_and_order_matters():
    grams = WordGrams(ngram_range=(2, 2), n_features=2**20)
    together = grams.fit_transform(["cells reduce", "pain today"])
    assert together.sum() == 2  # "reduce pain" spans two sentences: not counted
    forward, backward = grams.transform(["cells reduce", "reduce cells"])
    assert forward.indices.tolist() != backward.indices.tolist()
    assert WordGrams().fit_transform([]).shape == (0, 2**18)


def test_stemmed_word_grams_share_inflections():
    grams = WordGrams(ngram_range=(1, 2), stemmed=True).fit_transform(SENTENCES[-1:] * 2)
    assert stem("reduces") == stem("reduced") == stem("reducing") == "reduc"
    assert grams.nnz == 4 and np.allclose(grams[0].toarray(), grams[1].toarray())
    assert stem("pain") == "pain"  # words of four letters or fewer are kept whole
