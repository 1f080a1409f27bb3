"""The wheel ships the lexicons, the report templates and the claim-strength training data
inside the package, so any install finds them."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_wheel_contains_lexicons_templates_and_training_data(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(REPO)],
        check=True,
    )
    [wheel] = tmp_path.glob("auditor-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {
        "auditor/lexicons/" + p.relative_to(REPO / "lexicons").as_posix()
        for p in (REPO / "lexicons").rglob("*.yml")
    }
    assert expected and expected <= names
    assert "auditor/cli/__init__.py" in names
    templates = {
        "auditor/report/templates/" + p.name
        for p in (REPO / "auditor" / "report" / "templates").iterdir()
    }
    assert templates and templates <= names
    assert "auditor/data/strength/sentences.csv" in names
