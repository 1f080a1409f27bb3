"""Labelled claim-strength sentences: read, check and fingerprint a training CSV.

The default training data is our own corpus (corpus/strength/sentences.csv). A wheel carries
it as ``auditor/data/strength/sentences.csv``; a source checkout reads it from ``corpus/``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from auditor.errors import AuditorError

STRENGTH_LABELS = (0, 1, 2, 3)
STRENGTH_NAMES = {0: "no relationship", 1: "correlational", 2: "hedged causal", 3: "direct causal"}
PACKAGED_DATA = Path("data") / "strength" / "sentences.csv"
CORPUS_DATA = Path("corpus") / "strength" / "sentences.csv"


@dataclass(frozen=True)
class StrengthData:
    """Sentences with their 0-3 labels, and the sha256 of the file they came from."""

    sentences: list[str]
    labels: np.ndarray
    sha256: str
    source: str


def default_data_path() -> Path:
    """The training CSV shipped in the wheel, or the source checkout's corpus copy."""
    package = Path(__file__).resolve().parent.parent
    for candidate in (package / PACKAGED_DATA, package.parent / CORPUS_DATA):
        if candidate.is_file():
            return candidate
    raise AuditorError(
        "E123", path=package / PACKAGED_DATA, problem="the default training data is not installed"
    )


def read_strength_data(
    path: str | Path, *, text_column: str = "sentence", label_column: str = "label"
) -> StrengthData:
    """Read a CSV of sentences labelled 0-3; every problem is one coded line naming the file."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise AuditorError("E123", path=path, problem=exc.strerror or str(exc)) from exc
    try:
        frame = pd.read_csv(path, dtype={text_column: str}, keep_default_na=False)
    except (ValueError, UnicodeDecodeError, pd.errors.ParserError) as exc:
        problem = f"not a readable CSV ({str(exc).splitlines()[0]})"
        raise AuditorError("E123", path=path, problem=problem) from exc
    missing = [c for c in (text_column, label_column) if c not in frame.columns]
    if missing:
        problem = f"missing column(s) {', '.join(missing)}; found {', '.join(map(str, frame))}"
        raise AuditorError("E123", path=path, problem=problem)
    labels = pd.to_numeric(frame[label_column], errors="coerce")
    bad = frame.index[~labels.isin(STRENGTH_LABELS)]
    if len(bad):
        row = int(bad[0])
        problem = (
            f"row {row + 2}: label {str(frame[label_column].iloc[row])!r} is not one of 0, 1, 2, 3"
            f" ({len(bad)} bad row(s))"
        )
        raise AuditorError("E123", path=path, problem=problem)
    empty = frame.index[frame[text_column].str.strip().eq("")]
    if len(empty):
        raise AuditorError("E123", path=path, problem=f"row {int(empty[0]) + 2}: empty sentence")
    present = set(labels.astype(int))
    if present != set(STRENGTH_LABELS):
        absent = ", ".join(str(label) for label in STRENGTH_LABELS if label not in present)
        raise AuditorError("E123", path=path, problem=f"no sentence labelled {absent}")
    return StrengthData(
        sentences=frame[text_column].tolist(),
        labels=labels.astype(int).to_numpy(),
        sha256=hashlib.sha256(raw).hexdigest(),
        source=str(path),
    )
