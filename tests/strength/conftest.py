"""Fixtures for the claim-strength tests: a private model cache, our corpus, a trained model.

The default model is trained on first use and cached under ``$AUDITOR_CACHE_DIR``, which
tests/conftest.py points inside the repo's build/ folder.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from sklearn.model_selection import train_test_split

from auditor.lexicon import load_lexicons
from auditor.strength.data import StrengthData, default_data_path, read_strength_data
from auditor.strength.model import StrengthCues, StrengthModel, strength_cues, train_model


def subset_of(data: StrengthData, rows) -> StrengthData:
    rows = np.asarray(rows)
    return replace(data, sentences=[data.sentences[i] for i in rows], labels=data.labels[rows])


@pytest.fixture(scope="session")
def subset():
    """``subset(data, rows)``: the labelled sentences at ``rows``."""
    return subset_of


@pytest.fixture(scope="session")
def corpus() -> StrengthData:
    return read_strength_data(default_data_path())


@pytest.fixture(scope="session")
def cues() -> StrengthCues:
    return strength_cues(load_lexicons())


@pytest.fixture(scope="session")
def split(corpus) -> tuple[StrengthData, StrengthData]:
    """A stratified 75/25 split of our corpus: (train, held out)."""
    train, test = train_test_split(
        np.arange(len(corpus.sentences)), test_size=0.25, stratify=corpus.labels, random_state=1
    )
    return subset_of(corpus, train), subset_of(corpus, test)


@pytest.fixture(scope="session")
def trained(split, cues) -> StrengthModel:
    return train_model(split[0], cues)
