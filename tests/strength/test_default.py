"""The default model is trained on first use, cached by its inputs, and reloaded from cache."""

from __future__ import annotations

import pytest

from auditor.errors import AuditorError
from auditor.strength.default import (
    CACHE_ENV,
    cache_dir,
    chosen_model,
    default_model,
    default_model_path,
)
from auditor.strength.model import ARCHITECTURE
from auditor.strength.persistence import save_model


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    default_model.cache_clear()
    yield tmp_path
    default_model.cache_clear()


def test_first_use_trains_and_caches_then_later_uses_load_the_file(fresh_cache, split):
    built = default_model()
    files = list(fresh_cache.glob("claim-strength-*.zip"))
    assert len(files) == 1 and cache_dir() == fresh_cache
    stamp = files[0].stat().st_mtime_ns
    default_model.cache_clear()
    loaded = default_model()
    assert files[0].stat().st_mtime_ns == stamp  # read, not rebuilt
    assert loaded.metadata == built.metadata
    assert loaded.grade(split[1].sentences) == built.grade(split[1].sentences)
    assert built.metadata.data_rows >= 1500


def test_a_damaged_cache_file_is_rebuilt(fresh_cache):
    default_model()
    (cached,) = fresh_cache.glob("claim-strength-*.zip")
    cached.write_bytes(b"damaged")
    default_model.cache_clear()
    assert default_model().grade(["Our cells cure arthritis."])[0].label == 3
    assert cached.read_bytes()[:2] == b"PK"


def test_the_cache_file_name_changes_with_the_pipeline_architecture(monkeypatch):
    current = default_model_path("data", "cues")
    monkeypatch.setattr("auditor.strength.default.ARCHITECTURE", ARCHITECTURE + 1)
    assert default_model_path("data", "cues") != current
    monkeypatch.setattr("auditor.strength.default.ARCHITECTURE", ARCHITECTURE)
    assert default_model_path("data", "cues") == current


def test_the_strength_model_setting_chooses_the_default_model_or_a_file(trained, tmp_path):
    assert chosen_model(None) is default_model()
    path = save_model(trained, tmp_path / "mine.zip")
    assert chosen_model(str(path)).metadata == trained.metadata
    with pytest.raises(AuditorError) as missing:
        chosen_model(str(tmp_path / "absent.zip"))
    assert missing.value.code == "E120"
