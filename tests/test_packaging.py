"""The wheel ships the lexicons inside the package, so any install finds them."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_wheel_contains_every_lexicon_file(tmp_path):
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
