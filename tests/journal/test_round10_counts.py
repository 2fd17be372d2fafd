"""Round 10, the Journal page left running: it counts each relationship's entries in the database
(one GROUP BY), without decrypting and parsing every entry ever saved, so it stays fast however
many long analyses the journal holds; the counts and their order are what they were."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("sqlcipher3")

from fastapi.testclient import TestClient
from sqlalchemy import update

from mendkit.config import Settings
from mendkit.errors import JournalError
from mendkit.journal.crypto import KdfParams
from mendkit.journal.repository import Journal
from mendkit.journal.tables import EntryRow
from mendkit.web import create_app

PASS = "correct horse battery staple"
CHEAP = KdfParams(time_cost=1, memory_kib=8, parallelism=1)


def _new_journal(home: Path) -> Journal:
    return Journal.create(home, PASS, url=os.environ.get("MEND_DATABASE_URL"), kdf=CHEAP)


def test_entries_are_counted_per_relationship_without_reading_a_body(backend: str, home: Path
                                                                     ) -> None:
    with _new_journal(home) as journal:
        lee = journal.add_relationship("Lee", "partner")
        sam = journal.add_relationship("Sam", "friend")
        quiet = journal.add_relationship("Quiet", "family")
        for _ in range(3):
            journal.add_entry("rupture", {"what": "dinner plans"}, occurred_at="2026-01-02",
                              relationship_id=lee.id)
        journal.add_entry("checkin", {"score": 7}, occurred_at="2026-01-03",
                          relationship_id=sam.id)
        journal.add_entry("checkin", {"score": 5}, occurred_at="2026-01-04")  # no relationship
        expected = {lee.id: 3, sam.id: 1}
        by_listing: dict[int, int] = {}
        for e in journal.entries():
            if e.relationship_id is not None:
                by_listing[e.relationship_id] = by_listing.get(e.relationship_id, 0) + 1
        assert by_listing == expected
        # Every body unreadable now: listing the entries fails, counting them does not.
        with journal.transaction() as s:
            s.execute(update(EntryRow).values(body="not a body"))
        with pytest.raises((ValueError, JournalError)):
            journal.entries()
        assert journal.entry_counts() == expected
        assert quiet.id not in journal.entry_counts()


def test_a_practice_persons_entries_are_not_counted_in_the_single_user_journal(
        postgres_env: None, home: Path) -> None:
    from test_accounts import FAST_HASH, SECRET

    from mendkit.journal.accounts import Accounts

    with _new_journal(home) as journal:
        mine = journal.add_relationship("Lee", "partner")
        journal.add_entry("rupture", {"what": "late"}, occurred_at="2026-01-02",
                          relationship_id=mine.id)
        accounts = Accounts(journal, hasher=FAST_HASH)
        accounts.enable()
        sam = accounts.add_user("sam", "client", SECRET)
        accounts.add_entry(sam, "checkin", {"score": 3})
        assert journal.entry_counts() == {mine.id: 1}
        assert len(journal.entries()) == 1


# -- the page ------------------------------------------------------------------------------------
def test_the_journal_page_shows_each_relationships_count_without_listing_every_entry(
        backend: str, home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = create_app(Settings(home=home, database_url=os.environ.get("MEND_DATABASE_URL"),
                              journal_kdf=(1, 8, 1)))
    with TestClient(app) as client:  # which closes the journal's connections at the end
        _shows_counts(client, monkeypatch)


def _shows_counts(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/journal").text)
    assert token
    r = client.post("/journal/create", data={"csrf_token": token.group(1), "passphrase": PASS,
                                             "repeat": PASS})
    assert r.status_code == 200
    for name in ("Lee", "Sam", "Quiet"):
        assert client.post("/api/journal/relationships",
                           json={"name": name, "kind": "partner"}).status_code == 201
    for rel, count in ((1, 2), (2, 1)):
        for _ in range(count):
            assert client.post("/api/journal/entries", json={
                "kind": "checkin", "relationship_id": rel, "occurred_at": "2026-01-02",
                "body": {"score": 6}}).status_code == 201

    def no_listing(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the Journal page read every entry to count them")

    monkeypatch.setattr(Journal, "entries", no_listing)
    r = client.get("/journal")
    assert r.status_code == 200
    shown = re.findall(r'relationships/\d+">([^<]+)</a> <span class="muted">\(partner, (\d+) '
                       r"entr(y|ies)\)", r.text)
    assert shown == [("Lee", "2", "ies"), ("Sam", "1", "y"), ("Quiet", "0", "ies")]


# -- unlocking a journal that is open already (the rest is in tests/test_web_round10_vault.py) ----
def test_a_wrong_passphrase_is_refused_on_an_open_postgres_journal(postgres_env: None,
                                                                   home: Path) -> None:
    app = create_app(Settings(home=home, database_url=os.environ["MEND_DATABASE_URL"],
                              journal_kdf=(1, 8, 1)))
    with TestClient(app) as client:
        token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/journal").text)
        assert token
        data = {"csrf_token": token.group(1), "passphrase": PASS, "repeat": PASS}
        assert client.post("/journal/create", data=data).status_code == 200
        r = client.post("/journal/unlock", follow_redirects=False,
                        data={"csrf_token": token.group(1), "passphrase": "not my passphrase"})
        assert r.status_code == 400
        assert "That passphrase did not open the journal. Nothing was changed" in r.text
        assert client.get("/api/journal/relationships").status_code == 200  # still open
        r = client.post("/journal/unlock", follow_redirects=False,
                        data={"csrf_token": token.group(1), "passphrase": PASS})
        assert (r.status_code, r.headers["location"]) == (303, "/journal")
        assert client.get("/api/journal/relationships").status_code == 200
