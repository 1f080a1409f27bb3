"""The default claim-strength model: built from our corpus on first use and cached.

No model binary lives in the repository: the first call trains one from the shipped training
CSV (a few seconds, fixed seed) and saves it under ``$AUDITOR_CACHE_DIR`` (default
``~/.cache/auditor``). The file name is keyed by everything the model depends on (training-data
sha256, the sha256 of the cue lists and claim word classes it reads from the lexicons, seed,
pipeline architecture, scikit-learn, skops and auditor versions), so an upgrade or a data or
lexicon change builds a new one and a cached model always matches the installed libraries.
``auditor train --data corpus/strength/sentences.csv --out MODEL`` builds the same model.
"""

from __future__ import annotations

import hashlib
import os
from functools import cache
from pathlib import Path

import sklearn
import skops

from auditor import __version__
from auditor.errors import AuditorError
from auditor.lexicon import load_lexicons
from auditor.strength.data import default_data_path, read_strength_data
from auditor.strength.model import (
    ARCHITECTURE,
    SEED,
    StrengthModel,
    cues_sha256,
    strength_cues,
    train_model,
)
from auditor.strength.persistence import load_model, save_model

CACHE_ENV = "AUDITOR_CACHE_DIR"


def cache_dir() -> Path:
    """``$AUDITOR_CACHE_DIR``, or ``~/.cache/auditor``."""
    configured = os.environ.get(CACHE_ENV)
    return Path(configured) if configured else Path.home() / ".cache" / "auditor"


def default_model_path(data_sha256: str, cues_digest: str) -> Path:
    key = "\n".join(
        [
            data_sha256,
            cues_digest,
            str(SEED),
            str(ARCHITECTURE),
            sklearn.__version__,
            skops.__version__,
            __version__,
        ]
    )
    return cache_dir() / f"claim-strength-{hashlib.sha256(key.encode()).hexdigest()[:20]}.zip"


@cache
def default_model() -> StrengthModel:
    """The model built from the shipped data and the built-in lexicons' cues, loaded once per
    process; trained and cached on first use, or when the cached file cannot be read."""
    data_path = default_data_path()
    cues = strength_cues(load_lexicons())
    data_sha256 = hashlib.sha256(data_path.read_bytes()).hexdigest()
    path = default_model_path(data_sha256, cues_sha256(cues))
    try:
        return load_model(path)
    except AuditorError:
        model = train_model(read_strength_data(data_path), cues)
        save_model(model, path)
        return model
