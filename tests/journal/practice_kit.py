"""A practice for web tests: a journal with accounts, its app, and signed-in browsers (on SQLite or
PostgreSQL, whichever ``MEND_DATABASE_URL`` the journal's fixtures set)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from test_accounts import CHEAP, FAST_HASH, PASS, SECRET

from mendkit.config import Settings
from mendkit.journal.accounts import Accounts
from mendkit.journal.repository import Journal
from mendkit.web import create_app
from mendkit.web.accounts import Practice

PEOPLE = (("robin", "therapist"), ("ash", "therapist"), ("sam", "client"), ("kit", "client"))


def url() -> str | None:
    return os.environ.get("MEND_DATABASE_URL")


def make_practice(home: Path, people: Sequence[tuple[str, str]] = PEOPLE) -> None:
    """A new journal in practice mode with these (username, role) accounts, password SECRET."""
    with Journal.create(home, PASS, url=url(), kdf=CHEAP) as j:
        accounts = Accounts(j, hasher=FAST_HASH)
        accounts.enable()
        for name, role in people:
            accounts.add_user(name, role, SECRET)


@contextmanager
def practice_app(home: Path, clock: Any = None) -> Iterator[TestClient]:
    app = create_app(Settings(home=home, database_url=url()))
    app.state.mend_practice = (Practice(hasher=FAST_HASH) if clock is None
                               else Practice(hasher=FAST_HASH, clock=clock))
    with TestClient(app) as client:
        yield client


def token(client: TestClient, page: str = "/login") -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get(page).text)
    assert found
    return found.group(1)


def signed_in(client: TestClient, name: str) -> TestClient:
    """A browser of its own (its own cookies) on the same app, signed in as ``name``."""
    browser = TestClient(client.app)
    r = browser.post("/login", data={"csrf_token": token(browser), "username": name,
                                     "password": SECRET}, follow_redirects=False)
    assert r.status_code == 303, r.text
    return browser
