"""Shared test setup: every test gets its own MEND_HOME; the network is blocked (pyproject addopts:
pytest-socket allows loopback only), so a hidden download fails loudly."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "mend-home"
    monkeypatch.setenv("MEND_HOME", str(home))
    monkeypatch.delenv("MEND_REGION", raising=False)
    return home


@pytest.fixture
def umask_022() -> Iterator[None]:
    """The common umask (new files readable by all), put back after the test: what Mend makes
    private, it makes so itself."""
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)

