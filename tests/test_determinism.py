"""The same input gives the same report, whatever Python's hash seed (set and dict orders)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests_support import CORPUS


def _reports(seed: str) -> list[dict]:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    command = [sys.executable, "-m", "auditor", "audit", str(CORPUS / "docs"), "-f", "jsonl"]
    output = subprocess.run(
        [*command, "--workers", "1"], env=env, capture_output=True, text=True, check=True
    ).stdout
    return [json.loads(line) for line in output.splitlines()]


def test_reports_do_not_depend_on_the_hash_seed():
    first, second = _reports("1"), _reports("2")
    assert len(first) == len(second) > 0
    assert first == second
