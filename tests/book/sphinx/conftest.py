"""sphinx.testing finds its projects here: ``@pytest.mark.sphinx("html", testroot="x")`` builds a copy of
``roots/test-x/`` in pytest's temporary folder, never in the working tree."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return Path(__file__).resolve().parent / "roots"
