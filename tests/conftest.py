"""Shared fixtures: one real pipeline per test session (building it takes about a second)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from auditor import Auditor
from auditor.strength.default import CACHE_ENV

from ingest_support import Site, serve_site

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO.parent / "shared" / "seeds"
SHARED_DATA = REPO.parent / "shared" / "data"


def pytest_configure(config):
    """Keep the claim-strength model cache (trained on first use) inside the repo's build/,
    never in ``~/.cache``; subprocesses and workers started by tests inherit it."""
    os.environ.setdefault(CACHE_ENV, str(REPO / "build" / "auditor-cache"))


@pytest.fixture(scope="session")
def auditor() -> Auditor:
    return Auditor()


@pytest.fixture(scope="session")
def seeds() -> dict[str, str]:
    """The five seed articles, keyed by their three-digit prefix ("000" ... "004")."""
    if not SEEDS.is_dir():
        pytest.skip(f"seed articles not found at {SEEDS} (they live in shared/, beside the repo)")
    return {p.name[:3]: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}


@pytest.fixture
def site() -> Site:
    """The fixture site (tests/fixtures/site), served for real on 127.0.0.1 for one test."""
    with serve_site() as served:
        yield served
