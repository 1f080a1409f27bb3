"""The fixture site, served for real on 127.0.0.1 for each test that asks for it."""

from __future__ import annotations

import pytest
from ingest_support import Site, serve_site


@pytest.fixture
def site() -> Site:
    with serve_site() as served:
        yield served
