"""Round 17: what a practice deletes is overwritten as the one-person journal's deletes are. A
client deleting their own entry, and an account deleted with everything that was theirs, leave no
old copy of the text in PostgreSQL's table files (the tables that changed are rewritten, and only
those), nor in SQLite's file or its WAL (secure_delete, then the WAL emptied into the file).

A withdrawn share deletes nothing (the entry stays the client's, and a share holds no text), so
it has nothing to overwrite.

The PostgreSQL files are read as ``test_round17_pg_overwrite`` reads them."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from practice_kit import make_practice, practice_app, signed_in, token
from sqlalchemy import text
from test_accounts import CHEAP, FAST_HASH, PASS, SECRET
from test_round17_pg_overwrite import _files, _node, _stored

from mendkit.journal import journal_edits
from mendkit.journal.accounts import Accounts
from mendkit.journal.repository import DeletedButKept, Journal

WHEN = "2026-03-01T10:00:00+00:00"
GONE = "client-wrote-this-in-anger-5521"
KEPT = "kept-entry-about-the-dishes-7781"


@contextmanager
def _practice(passphrase: str | None = PASS) -> Iterator[tuple[Journal, Accounts]]:
    home = Path(os.environ["MEND_HOME"])
    with Journal.create(home, passphrase, url=os.environ.get("MEND_DATABASE_URL"),
                        kdf=CHEAP) as journal:
        accounts = Accounts(journal, hasher=FAST_HASH)
        accounts.enable()
        for name, role in (("robin", "therapist"), ("sam", "client"), ("kit", "client")):
            accounts.add_user(name, role, SECRET)
        yield journal, accounts


def _write(accounts: Accounts, who: str, what: str, size: int = 10) -> int:
    return accounts.add_entry(accounts.user(who), "rupture", {"what": what + " " + "x" * size},
                              occurred_at=WHEN).id


# -- PostgreSQL ------------------------------------------------------------------------------------
def test_a_clients_deleted_entry_leaves_no_copy_in_the_tables_files(postgres_env: None) -> None:
    with _practice() as (journal, accounts):
        sam = accounts.user("sam")
        ids = [_write(accounts, "sam", f"words {n}", size) for n, size in
               enumerate((10, 10, 4000))]  # the last is stored in TOAST
        accounts.share(sam, ids[1], "robin")
        gone = [_stored(journal, "entries", "body", i) for i in ids[1:]]
        kept = _stored(journal, "entries", "body", ids[0])
        assert all(piece in _files(journal) for piece in (*gone, kept))
        relationships = _node(journal, "relationships")
        for entry_id in reversed(ids[1:]):  # the last row first: its space is left as a gap
            accounts.delete_entry(sam, entry_id)
        blob = _files(journal)
        assert [piece in blob for piece in gone] == [False, False]
        assert kept in blob
        assert _node(journal, "relationships") == relationships  # only what changed is rewritten
        assert [e.entry.id for e in accounts.client_entries(sam)] == [ids[0]]


def test_a_deleted_account_leaves_no_copy_of_its_entries(postgres_env: None) -> None:
    with _practice() as (journal, accounts):
        mine = [_write(accounts, "sam", "sams words"), _write(accounts, "sam", "more", 4000)]
        theirs = _write(accounts, "kit", "kits words")
        gone = [_stored(journal, "entries", "body", i) for i in mine]
        kept = _stored(journal, "entries", "body", theirs)
        user, n = accounts.delete_user("sam")
        assert (user.username, n) == ("sam", 2)
        blob = _files(journal)
        assert [piece in blob for piece in gone] == [False, False]
        assert kept in blob


def test_an_account_with_nothing_of_its_own_rewrites_nothing(postgres_env: None) -> None:
    with _practice() as (journal, accounts):
        _write(accounts, "kit", "kits words")
        before = (_node(journal, "entries"), _node(journal, "relationships"))
        accounts.delete_user("robin")
        assert (_node(journal, "entries"), _node(journal, "relationships")) == before


# -- SQLite (no encryption, where the text would be readable) ---------------------------------------
def _sqlite_blob(home: Path) -> bytes:
    return b"".join(p.read_bytes() for p in home.glob("journal.db*"))


def test_sqlite_keeps_no_copy_of_a_deleted_entry_or_account(sqlite_env: None, home: Path) -> None:
    with _practice(None) as (_journal, accounts):
        first = _write(accounts, "sam", GONE, 3000)  # spills onto an overflow page
        _write(accounts, "kit", KEPT)
        second = _write(accounts, "kit", "kit-deletes-this-later-4471")
        _write(accounts, "sam", "sam-account-text-9912")
        blob = _sqlite_blob(home)
        assert GONE.encode() in blob and b"sam-account-text-9912" in blob  # readable before
        accounts.delete_entry(accounts.user("sam"), first)
        accounts.delete_entry(accounts.user("kit"), second)
        accounts.delete_user("sam")
        blob = _sqlite_blob(home)  # the journal still open: its WAL is there to read
        for gone in (GONE, "kit-deletes-this-later-4471", "sam-account-text-9912"):
            assert gone.encode() not in blob, gone
        assert KEPT.encode() in blob


def test_another_reader_is_named_after_the_delete_is_done(
        sqlite_env: None, home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(journal_edits, "_CHECKPOINT_WAIT_MS", 50)
    with _practice(None) as (_journal, accounts):
        sam = accounts.user("sam")
        entry = _write(accounts, "sam", GONE)
        other = sqlite3.connect(home / "journal.db")
        try:
            other.execute("BEGIN")
            other.execute("SELECT count(*) FROM entries").fetchone()  # holds the old pages
            with pytest.raises(DeletedButKept, match=f"entry {entry} was deleted, but another"):
                accounts.delete_entry(sam, entry)
        finally:
            other.close()
        assert accounts.client_entries(sam) == []  # deleted all the same


def test_the_practice_page_deletes_even_while_another_program_reads(
        sqlite_env: None, home: Path, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    """A client cannot close the other program: the page says it was deleted (it was), and the
    server's log says what is left for whoever runs it."""
    monkeypatch.setattr(journal_edits, "_CHECKPOINT_WAIT_MS", 50)
    make_practice(home)
    with Journal.open(home, PASS) as journal:
        entry = _write(Accounts(journal, hasher=FAST_HASH), "sam", GONE)
    with practice_app(home) as client, Journal.open(home, PASS) as reader:
        browser = signed_in(client, "sam")
        csrf = token(browser, "/practice/client")
        with reader.engine.connect() as held:
            held.execute(text("SELECT count(*) FROM entries")).scalar()  # holds the old pages
            r = browser.post(f"/practice/entries/{entry}/delete", data={"csrf_token": csrf},
                             follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == "/practice/client?saved=deleted"
        assert GONE not in browser.get("/practice/client").text
    assert f"entry {entry} was deleted, but another program" in caplog.text
