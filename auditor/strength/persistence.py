"""Save and load claim-strength models without pickle.

A model file is a zip archive of two members: ``metadata.json`` (:class:`ModelMetadata`) and
``model.skops`` (the Pipeline in skops format, which rebuilds objects from a JSON description
and never runs pickle). Loading checks, in order, before any object is rebuilt:

1. the file is one of ours (a zip with both members and metadata of our format);
2. it was built with the installed scikit-learn's major.minor version, and a model with the
   fine-tuned encoder with the installed torch and transformers major.minor versions (the
   ``encoder`` extra, which must be installed);
3. every type it names is a type our Pipeline holds (skops' defaults for scikit-learn and numpy
   plus :data:`TRUSTED_TYPES`); anything else, a crafted ``os.system`` for instance, is refused.

Each failure is one coded line naming the file. Writes are atomic (temporary file + rename),
so parallel workers never read a half-written file.
"""

from __future__ import annotations

import io
import json
import os
import tempfile
import zipfile
from pathlib import Path

import sklearn
from pydantic import ValidationError
from sklearn.pipeline import Pipeline
from skops.io import dumps, get_untrusted_types, loads

from auditor.errors import AuditorError
from auditor.strength.data import STRENGTH_LABELS
from auditor.strength.encoder import library_versions
from auditor.strength.model import WITH_ENCODER, ModelMetadata, StrengthModel

METADATA = "metadata.json"
MODEL = "model.skops"
TRUSTED_TYPES = [
    "auditor.strength.encoder.EncoderClassifier",
    "auditor.strength.features.LexiconFeatures",
    "auditor.strength.ngrams.CharGrams",
    "auditor.strength.ngrams.WordGrams",
    "auditor.strength.structure.ClaimStructure",
    "sklearn.calibration._CalibratedClassifier",
    "sklearn.calibration._SigmoidCalibration",
    "sklearn.metrics._classification.f1_score",
    "sklearn.metrics._scorer._Scorer",
    "sklearn.model_selection._split.StratifiedKFold",
    "sklearn.utils._bunch.Bunch",
]
"""Types beyond skops' defaults that a model built by :func:`build_pipeline` holds."""


def save_model(model: StrengthModel, path: str | Path) -> Path:
    """Write ``model`` to ``path`` atomically; return the path."""
    path = Path(path)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(METADATA, model.metadata.model_dump_json(indent=2))
        archive.writestr(MODEL, dumps(model.pipeline, compression=zipfile.ZIP_DEFLATED))
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(buffer.getvalue())
        os.chmod(temporary, 0o644)  # mkstemp makes it private; a model file is not a secret
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def read_metadata(path: str | Path) -> ModelMetadata:
    """The metadata of a model file, without rebuilding the model."""
    return _open(Path(path))[0]


def load_model(path: str | Path) -> StrengthModel:
    """Load a model saved by :func:`save_model`, refusing anything else (see the module doc)."""
    path = Path(path)
    metadata, blob = _open(path)
    if _major_minor(metadata.sklearn) != _major_minor(sklearn.__version__):
        raise AuditorError("E121", path=path, built=metadata.sklearn, installed=sklearn.__version__)
    if metadata.architecture == WITH_ENCODER:
        _check_encoder_libraries(path, metadata)
    try:
        # reads the type names only; nothing is constructed until every name is trusted
        unexpected = sorted(set(get_untrusted_types(data=blob)) - set(TRUSTED_TYPES))
        if unexpected:
            raise AuditorError("E122", path=path, types=", ".join(unexpected))
        pipeline = loads(blob, trusted=TRUSTED_TYPES)
    except AuditorError:
        raise
    except Exception as exc:  # skops raises many kinds on a damaged archive
        problem = f"damaged model: {str(exc).splitlines()[0]}"
        raise AuditorError("E120", path=path, problem=problem) from exc
    if not isinstance(pipeline, Pipeline) or list(pipeline.classes_) != list(STRENGTH_LABELS):
        raise AuditorError("E120", path=path, problem="not a 0-3 claim-strength Pipeline")
    return StrengthModel(pipeline=pipeline, metadata=metadata)


def _open(path: Path) -> tuple[ModelMetadata, bytes]:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if not {METADATA, MODEL} <= names:
                raise AuditorError("E120", path=path, problem=f"needs {METADATA} and {MODEL}")
            metadata = ModelMetadata.model_validate(json.loads(archive.read(METADATA)))
            return metadata, archive.read(MODEL)
    except OSError as exc:
        raise AuditorError("E120", path=path, problem=exc.strerror or str(exc)) from exc
    except zipfile.BadZipFile as exc:
        raise AuditorError("E120", path=path, problem="not a zip archive") from exc
    except (ValueError, ValidationError) as exc:
        problem = f"bad {METADATA}: {str(exc).splitlines()[0]}"
        raise AuditorError("E120", path=path, problem=problem) from exc


def _check_encoder_libraries(path: Path, metadata: ModelMetadata) -> None:
    installed = library_versions(path)
    built = {"torch": metadata.torch, "transformers": metadata.transformers}
    if any(_major_minor(built[name] or "") != _major_minor(installed[name]) for name in built):
        raise AuditorError(
            "E125",
            path=path,
            built_torch=metadata.torch,
            built_transformers=metadata.transformers,
            **installed,
        )


def _major_minor(version: str) -> tuple[str, ...]:
    return tuple(version.split(".")[:2])
