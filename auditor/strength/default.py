"""The default claim-strength model: built from our corpus on first use and cached.

No model binary lives in the repository: the first call trains one from the shipped training
CSV (a few seconds, fixed seed) and saves it under ``$AUDITOR_CACHE_DIR`` (default
``~/.cache/auditor``). The file name is keyed by everything the model depends on (training-data
sha256, the sha256 of the cue lists and claim word classes it reads from the lexicons, seed,
pipeline architecture, scikit-learn, skops and auditor versions), so an upgrade or a data or
lexicon change builds a new one and a cached model always matches the installed libraries.
``auditor train --data corpus/strength/sentences.csv --out MODEL`` builds the same model.

The opt-in model with the fine-tuned encoder (``default_model(encoder=True)``, the ``encoder``
extra) is built and cached the same way, under a key that also covers the torch and
transformers versions, the encoder weights' sha256 and the encoder's training recipe; building
it takes minutes, once. :func:`chosen_model` maps the ``strength_model`` setting to a model.
"""

from __future__ import annotations

import hashlib
import os
import sys
from functools import cache
from pathlib import Path

import sklearn
import skops

from auditor import __version__
from auditor.errors import AuditorError
from auditor.lexicon import load_lexicons
from auditor.strength.data import default_data_path, read_strength_data
from auditor.strength.encoder import RECIPE, WEIGHTS_SHA256, library_versions
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
ENCODER = "encoder"
"""The ``strength_model`` setting that chooses the default model with the encoder."""


def cache_dir() -> Path:
    """``$AUDITOR_CACHE_DIR``, or ``~/.cache/auditor``."""
    configured = os.environ.get(CACHE_ENV)
    return Path(configured) if configured else Path.home() / ".cache" / "auditor"


def default_model_path(data_sha256: str, cues_digest: str, *, encoder: bool = False) -> Path:
    key = [
        data_sha256,
        cues_digest,
        str(SEED),
        str(ARCHITECTURE),
        sklearn.__version__,
        skops.__version__,
        __version__,
    ]
    if not encoder:
        return _cached("claim-strength", key)
    versions = library_versions()
    key += [versions["torch"], versions["transformers"], WEIGHTS_SHA256, str(RECIPE)]
    return _cached("claim-strength-encoder", key)


@cache
def default_model(encoder: bool = False) -> StrengthModel:
    """The model built from the shipped data and the built-in lexicons' cues (with the
    fine-tuned encoder if ``encoder``), loaded once per process; trained and cached on first
    use, or when the cached file cannot be read."""
    data_path = default_data_path()
    cues = strength_cues(load_lexicons())
    data_sha256 = hashlib.sha256(data_path.read_bytes()).hexdigest()
    path = default_model_path(data_sha256, cues_sha256(cues), encoder=encoder)
    try:
        return load_model(path)
    except AuditorError:
        if encoder:
            print(
                "auditor: fine-tuning the claim-strength encoder once (a few minutes on a "
                f"laptop); cached in {path}",
                file=sys.stderr,
            )
        model = train_model(read_strength_data(data_path), cues, encoder=encoder)
        save_model(model, path)
        return model


def chosen_model(choice: str | None) -> StrengthModel:
    """The model a ``strength_model`` setting names: ``None`` the default one, ``"encoder"``
    the default one with the encoder, anything else a model file (checked by
    :func:`load_model`)."""
    if choice is None:
        return default_model()
    if choice == ENCODER:
        return default_model(encoder=True)
    return load_model(choice)


def _cached(prefix: str, key: list[str]) -> Path:
    digest = hashlib.sha256("\n".join(key).encode()).hexdigest()[:20]
    return cache_dir() / f"{prefix}-{digest}.zip"
