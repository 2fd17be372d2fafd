"""What the web app's tests share (through ``tests/conftest.py``, for every test): a folder for
MEND_HOME that is new for each test, an app there, a TestClient of it, and that client with a
new journal, unlocked. A test file that needs another app (a clock, a region) overrides
``app`` or ``client`` with its own fixture of that name.

FastAPI is imported only when a fixture is used: a test of the command line pays nothing."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from fastapi import FastAPI
    from fastapi.testclient import TestClient

CHEAP_KDF = (1, 8, 1)  # argon2id time_cost, memory_kib, parallelism: tests only
PASS = "correct horse battery"


def token(client: TestClient, page: str = "/journal") -> str:
    """The CSRF token of ``page``'s form."""
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get(page).text)
    assert found
    return found.group(1)


def open_journal(client: TestClient) -> TestClient:
    """``client``, once its app has a new journal, unlocked (with passphrase ``PASS``)."""
    r = client.post("/journal/create", data={"csrf_token": token(client), "passphrase": PASS,
                                             "repeat": PASS})
    assert r.status_code == 200 and "Your journal is ready" in r.text
    return client


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """MEND_HOME of the test's app: a folder of its own (not made yet; the app makes it)."""
    return tmp_path / "home"


@pytest.fixture
def app(home: Path) -> FastAPI:
    """The web app on ``home``, with a cheap KDF (which counts only once a journal is made)."""
    from mendkit.config import Settings
    from mendkit.web import create_app

    return create_app(Settings(home=home, journal_kdf=CHEAP_KDF))


@pytest.fixture
def client(app: FastAPI) -> TestClient:
    from fastapi.testclient import TestClient

    return TestClient(app)


@pytest.fixture
def opened(client: TestClient) -> TestClient:
    """``client`` with a new journal, unlocked."""
    return open_journal(client)
