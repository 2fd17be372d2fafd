"""Round 10, unlocking a journal that another tab has already unlocked: the passphrase is still
checked. A wrong one gets the same 400 and words as when the journal is locked, and the open
journal stays open for the other tabs; a right one leads on as before."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("sqlcipher3")

from fastapi.testclient import TestClient

from mendkit.config import Settings
from mendkit.web import create_app

CHEAP_KDF = (1, 8, 1)  # argon2id time_cost, memory_kib, parallelism: tests only
PASS = "correct horse battery"
WRONG = "not my passphrase"
WRONG_WORDS = "That passphrase did not open the journal. Nothing was changed"


@pytest.fixture
def opened(tmp_path: Path) -> Iterator[tuple[TestClient, str]]:
    """A client whose app has a new journal, unlocked, with one relationship; and its token."""
    with TestClient(create_app(Settings(home=tmp_path / "home", journal_kdf=CHEAP_KDF))) as client:
        found = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/journal").text)
        assert found
        token = found.group(1)
        r = client.post("/journal/create", data={"csrf_token": token, "passphrase": PASS,
                                                 "repeat": PASS})
        assert r.status_code == 200
        r = client.post("/api/journal/relationships", json={"name": "Lee", "kind": "partner"})
        assert r.status_code == 201
        yield client, token


def _unlock(client: TestClient, token: str, passphrase: str, next_path: str = ""
            ) -> tuple[int, str, str]:
    r = client.post("/journal/unlock", follow_redirects=False,
                    data={"csrf_token": token, "passphrase": passphrase, "next": next_path})
    return r.status_code, r.headers.get("location", ""), r.text


def test_a_wrong_passphrase_is_refused_while_the_journal_is_open(
        opened: tuple[TestClient, str]) -> None:
    client, token = opened
    status, location, page = _unlock(client, token, WRONG, "/journal/relationships/1")
    assert (status, location) == (400, "")
    assert WRONG_WORDS in page
    # The other tabs go on: the journal is still open, with what it holds.
    r = client.get("/api/journal/relationships")
    assert r.status_code == 200 and [rel["name"] for rel in r.json()] == ["Lee"]
    assert "Lee" in client.get("/journal").text


def test_the_same_words_whether_the_journal_is_open_or_locked(
        opened: tuple[TestClient, str]) -> None:
    client, token = opened
    status_open, _, page_open = _unlock(client, token, WRONG)
    client.post("/journal/lock", data={"csrf_token": token})
    status_locked, _, page_locked = _unlock(client, token, WRONG)
    assert status_open == status_locked == 400

    def error_of(page: str) -> str:
        found = re.search(r"That passphrase did not open the journal[^<]*", page)
        assert found, page
        return found.group(0)

    assert error_of(page_open) == error_of(page_locked)
    assert client.get("/api/journal/relationships").status_code == 423  # still locked


def test_the_right_passphrase_still_leads_on_while_the_journal_is_open(
        opened: tuple[TestClient, str]) -> None:
    client, token = opened
    status, location, _ = _unlock(client, token, PASS, "/journal/relationships/1")
    assert (status, location) == (303, "/journal/relationships/1")
    assert client.get("/api/journal/relationships").status_code == 200
