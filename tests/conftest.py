"""Shared test setup: every test gets its own MEND_HOME; the network is blocked (pyproject addopts:
pytest-socket allows loopback only), so a hidden download fails loudly."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from web_kit import app, client, home, opened  # noqa: F401 (the web tests' fixtures: see web_kit)

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "mend-home"
    monkeypatch.setenv("MEND_HOME", str(folder))
    monkeypatch.delenv("MEND_REGION", raising=False)
    return folder


@pytest.fixture
def umask_022() -> Iterator[None]:
    """The common umask (new files readable by all), put back after the test: what Mend makes
    private, it makes so itself."""
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)



@pytest.fixture
def ctrl_c_as_python_starts_it() -> Iterator[None]:
    """SIGINT raises KeyboardInterrupt, as in a new process, put back after the test: a test
    before may have left it ignored (as ``mend`` does once its command is over), and so does a
    test run started in the background of a shell (``pytest ... &``)."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
