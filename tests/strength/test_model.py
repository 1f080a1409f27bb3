"""The model learns from our corpus, grades held-out sentences well, and is reproducible."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from sklearn.dummy import DummyClassifier
from sklearn.metrics import f1_score

from auditor.lexicon import load_lexicons
from auditor.strength.model import cues_sha256, strength_cues, train_model

HELD_OUT_FLOOR = 0.7
"""Macro-F1 floor on held-out rows: far above chance (about 0.25 for four balanced classes)."""


def test_held_out_sentences_are_graded_well_above_chance(split, trained):
    train, test = split
    grades = trained.grade(test.sentences)
    predicted = [g.label for g in grades]
    macro_f1 = f1_score(test.labels, predicted, average="macro")
    majority = DummyClassifier().fit(train.sentences, train.labels).predict(test.sentences)
    assert macro_f1 >= HELD_OUT_FLOOR
    assert macro_f1 > f1_score(test.labels, majority, average="macro") + 0.4


def test_every_grade_is_a_label_with_a_probability(trained):
    grades = trained.grade(["Our stem cells reverse MS.", "Book a consultation today.", ""])
    assert all(g.label in (0, 1, 2, 3) and 0.0 <= g.probability <= 1.0 for g in grades)
    assert all(g.probability >= 0.25 for g in grades)  # the best of four classes
    assert trained.grade([]) == []


def test_obvious_cases_get_the_grade_the_guide_gives(trained):
    grades = trained.grade(
        [
            "Our stem cell injections reverse multiple sclerosis.",
            "Stem cell injections may help some people with knee pain.",
            "Patients who had the injection were more likely to report less pain.",
            "Our clinic is open from nine to five on weekdays.",
        ]
    )
    assert [g.label for g in grades] == [3, 2, 1, 0]


def test_metadata_records_data_versions_and_seed(split, trained):
    meta = trained.metadata
    assert meta.data_sha256 == split[0].sha256 and meta.data_rows == len(split[0].sentences)
    assert meta.labels == [0, 1, 2, 3] and meta.seed == 0
    assert meta.sklearn and meta.skops and meta.auditor


def test_same_data_and_seed_give_the_same_predictions(corpus, cues, split, subset):
    rows = np.flatnonzero(np.arange(len(corpus.sentences)) % 3 == 0)
    small = subset(corpus, rows)
    first, second = train_model(small, cues, seed=7), train_model(small, cues, seed=7)
    held_out = split[1].sentences
    assert first.grade(held_out) == second.grade(held_out)


def test_cues_come_from_the_lexicons_and_their_fingerprint_covers_word_classes(cues):
    lexicon = load_lexicons()
    assert list(cues.word_classes) == [c.lower() for c in lexicon.claim_word_classes]
    assert "reduc*" in cues.word_classes["causal"] and "to" in cues.word_classes["purpose"]
    assert set(cues.neighbour_only) == {"purpose", "auxiliary"}
    assert "may" in cues.cue_lists["hedge"] and "not" in cues.cue_lists["negation"]
    fewer = replace(cues, word_classes={**cues.word_classes, "need": ["needed"]})
    reordered = replace(cues, word_classes=dict(reversed(list(cues.word_classes.items()))))
    digests = {cues_sha256(c) for c in (cues, fewer, reordered)}
    assert len(digests) == 3 and cues_sha256(cues) == cues_sha256(strength_cues(lexicon))
