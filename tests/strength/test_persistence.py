"""Saved models load back identical; anything that is not our model is refused, never run."""

from __future__ import annotations

import json
import os
import zipfile

import pytest
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import FunctionTransformer
from skops.io import dumps

from auditor.errors import AuditorError
from auditor.strength.persistence import METADATA, MODEL, load_model, read_metadata, save_model


@pytest.fixture(scope="module")
def saved(trained, tmp_path_factory):
    return save_model(trained, tmp_path_factory.mktemp("models") / "strength.zip")


def rewrite(source, target, *, metadata=None, model=None):
    """Copy a saved model, replacing its metadata fields and/or its skops member."""
    with zipfile.ZipFile(source) as archive:
        meta = json.loads(archive.read(METADATA))
        blob = archive.read(MODEL)
    meta.update(metadata or {})
    with zipfile.ZipFile(target, "w") as archive:
        archive.writestr(METADATA, json.dumps(meta))
        archive.writestr(MODEL, model if model is not None else blob)
    return target


def refused(path) -> AuditorError:
    with pytest.raises(AuditorError) as error:
        load_model(path)
    assert str(path) in str(error.value) and "\n" not in str(error.value)
    return error.value


def test_round_trip_keeps_predictions_and_metadata(trained, saved, split):
    loaded = load_model(saved)
    assert loaded.metadata == trained.metadata == read_metadata(saved)
    held_out = split[1].sentences
    assert loaded.grade(held_out) == trained.grade(held_out)


def test_save_is_atomic_and_leaves_no_temporary_file(saved):
    assert [p.name for p in saved.parent.iterdir()] == [saved.name]


def test_a_file_from_another_scikit_learn_is_refused(saved, tmp_path):
    path = rewrite(saved, tmp_path / "old.zip", metadata={"sklearn": "0.24.2"})
    error = refused(path)
    assert error.code == "E121" and "0.24.2" in str(error) and "auditor train" in str(error)


@pytest.mark.parametrize(
    "metadata",
    [{"format": "someone-elses-model"}, {"format_version": 9}, {"labels": "many"}, {"extra": 1}],
)
def test_metadata_not_of_our_format_is_refused(saved, tmp_path, metadata):
    assert refused(rewrite(saved, tmp_path / "tampered.zip", metadata=metadata)).code == "E120"


def test_a_crafted_model_with_a_dangerous_type_is_refused_before_it_is_built(saved, tmp_path):
    marker = tmp_path / "ran"
    crafted = Pipeline(
        [("run", FunctionTransformer(os.system, kw_args={"command": f"touch {marker}"}))]
    )
    path = rewrite(saved, tmp_path / "crafted.zip", model=dumps(crafted))
    error = refused(path)
    assert error.code == "E122" and "system" in str(error)
    assert not marker.exists()


@pytest.mark.parametrize(
    "content",
    [b"not a model at all", b"\x80\x04\x95pickle-like bytes", b""],
)
def test_a_file_that_is_not_a_model_is_one_clear_error(tmp_path, content):
    path = tmp_path / "model.zip"
    path.write_bytes(content)
    error = refused(path)
    assert error.code == "E120" and "not a zip archive" in str(error)


def test_a_zip_without_our_members_or_with_a_damaged_model_is_refused(saved, tmp_path):
    other = tmp_path / "other.zip"
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("readme.txt", "hello")
    assert "needs metadata.json and model.skops" in str(refused(other))
    damaged = rewrite(saved, tmp_path / "damaged.zip", model=b"PK\x03\x04 broken")
    assert refused(damaged).code == "E120"


def test_a_missing_file_is_refused(tmp_path):
    assert refused(tmp_path / "absent.zip").code == "E120"
