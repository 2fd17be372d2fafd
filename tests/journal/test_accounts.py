"""A practice's accounts (``mendkit.journal.accounts``) on SQLite and on a real PostgreSQL."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlalchemy import text

from mendkit.errors import (
    InvalidInputError,
    JournalError,
    NotAllowedError,
    NotSignedInError,
    TooManyAttemptsError,
)
from mendkit.journal.accounts import Accounts, User, is_practice
from mendkit.journal.crypto import KdfParams
from mendkit.journal.repository import Journal

PASS = "correct horse battery staple"
CHEAP = KdfParams(time_cost=1, memory_kib=8, parallelism=1)
FAST_HASH = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
SECRET = "plum-tree-evening-42"


class FakeClock:
    def __init__(self) -> None:
        self.now = datetime(2026, 12, 4, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def journal(backend: str, home: Path) -> Iterator[Journal]:
    with Journal.create(home, PASS, url=os.environ.get("MEND_DATABASE_URL"), kdf=CHEAP) as j:
        yield j


@pytest.fixture
def accounts(journal: Journal, clock: FakeClock) -> Accounts:
    acc = Accounts(journal, hasher=FAST_HASH, clock=clock)
    assert acc.enable() is True
    return acc


@pytest.fixture
def people(accounts: Accounts) -> tuple[User, User, User, User]:
    return (accounts.add_user("robin", "therapist", SECRET),
            accounts.add_user("ash", "therapist", SECRET),
            accounts.add_user("sam", "client", SECRET),
            accounts.add_user("kit", "client", SECRET))


def test_accounts_need_practice_mode(journal: Journal) -> None:
    acc = Accounts(journal, hasher=FAST_HASH)
    assert not is_practice(journal)
    with pytest.raises(JournalError, match="mend accounts init"):
        acc.add_user("sam", "client", SECRET)
    assert acc.enable() is True and acc.enable() is False
    assert is_practice(journal)


def test_the_hash_is_argon2_and_never_the_password(accounts: Accounts, journal: Journal) -> None:
    accounts.add_user("sam", "client", SECRET)
    with journal.engine.connect() as conn:
        stored = conn.scalar(text("SELECT password_hash FROM users WHERE username = 'sam'"))
        everything = " ".join(str(v) for v in conn.execute(text("SELECT * FROM users")).one())
    assert stored.startswith("$argon2id$")
    assert SECRET not in everything


def test_a_wrong_password_an_unknown_name_and_a_disabled_account_read_the_same(
        accounts: Accounts, people: tuple[User, ...]) -> None:
    messages = []
    for name, password in (("sam", "not-the-password"), ("nobody", SECRET)):
        with pytest.raises(NotSignedInError) as caught:
            accounts.authenticate(name, password, address="10.0.0.1")
        messages.append(str(caught.value))
    accounts.disable("kit")
    with pytest.raises(NotSignedInError) as caught:
        accounts.authenticate("kit", "not-the-password", address="10.0.0.2")
    messages.append(str(caught.value))
    assert len(set(messages)) == 1
    # Only the right password learns that the account is paused (round fifteen, t4 #10).
    with pytest.raises(NotSignedInError, match="paused by your practice"):
        accounts.authenticate("kit", SECRET, address="10.0.0.2")
    assert accounts.authenticate("Sam ", SECRET, address="10.0.0.1").username == "sam"


def test_bad_usernames_roles_and_short_passwords_are_refused(accounts: Accounts) -> None:
    for args in (("S am", "client", SECRET), ("sam", "admin", SECRET), ("sam", "client", "short")):
        with pytest.raises(InvalidInputError):
            accounts.add_user(*args)
    accounts.add_user("sam", "client", SECRET)
    with pytest.raises(InvalidInputError, match="already"):
        accounts.add_user("SAM", "therapist", SECRET)


def test_a_hash_with_old_parameters_is_replaced_on_sign_in(accounts: Accounts, journal: Journal,
                                                          clock: FakeClock) -> None:
    accounts.add_user("sam", "client", SECRET)
    stronger = Accounts(journal, hasher=PasswordHasher(time_cost=2, memory_cost=16,
                                                       parallelism=1), clock=clock)
    stronger.authenticate("sam", SECRET, address="a")
    with journal.engine.connect() as conn:
        stored = conn.scalar(text("SELECT password_hash FROM users WHERE username = 'sam'"))
    assert "m=16,t=2,p=1" in stored
    assert stronger.authenticate("sam", SECRET, address="a").username == "sam"


def test_five_failures_then_429_until_the_window_passes(accounts: Accounts, clock: FakeClock,
                                                        people: tuple[User, ...]) -> None:
    for _ in range(5):
        with pytest.raises(NotSignedInError):
            accounts.authenticate("sam", "wrong password", address="10.0.0.1")
        clock.advance(minutes=1)
    # Locked now, even with the right password, and the message says when to come back.
    with pytest.raises(TooManyAttemptsError) as caught:
        accounts.authenticate("sam", SECRET, address="10.0.0.9")
    assert caught.value.retry_after == 10 * 60  # at 9:05; the first failure leaves it at 9:15
    assert "10 minutes" in str(caught.value) and "09:15" in str(caught.value)
    # One person's mistakes do not lock the others who share the address.
    assert accounts.authenticate("kit", SECRET, address="10.0.0.1").username == "kit"
    clock.advance(minutes=9, seconds=59)
    with pytest.raises(TooManyAttemptsError):
        accounts.authenticate("sam", SECRET, address="10.0.0.1")
    clock.advance(seconds=1)
    assert accounts.authenticate("sam", SECRET, address="10.0.0.1").username == "sam"


def test_sessions_expire_idle_and_end_on_sign_out(accounts: Accounts, clock: FakeClock,
                                                  journal: Journal,
                                                  people: tuple[User, ...]) -> None:
    signed = accounts.sign_in("sam", SECRET, address="a")
    assert len(signed.token) >= 43  # 32 random bytes
    with journal.engine.connect() as conn:
        stored = conn.scalar(text("SELECT token_hash FROM web_sessions"))
    assert stored != signed.token and signed.token not in stored
    clock.advance(minutes=29)
    assert accounts.session_user(signed.token).username == "sam"
    clock.advance(minutes=29)  # 29 minutes since the last request: still fine
    assert accounts.session_user(signed.token).username == "sam"
    clock.advance(minutes=31)
    with pytest.raises(NotSignedInError, match="ended"):
        accounts.session_user(signed.token)
    with pytest.raises(NotSignedInError):  # and it is gone, not merely refused
        accounts.session_user(signed.token)
    # An active session still ends after 12 hours.
    signed = accounts.sign_in("sam", SECRET, address="a")
    for _ in range(25):
        clock.advance(minutes=29)
        try:
            accounts.session_user(signed.token)
        except NotSignedInError:
            break
    assert clock.now - datetime(2026, 12, 4, 9, 0, tzinfo=UTC) >= timedelta(hours=12)
    accounts.sign_in("kit", SECRET, address="a")
    clock.advance(minutes=30)
    kept = accounts.sign_in("sam", SECRET, address="a")  # a sign-in clears abandoned sessions
    with journal.engine.connect() as conn:
        assert conn.scalar(text("SELECT count(*) FROM web_sessions")) == 1
    accounts.sign_out(kept.token)
    signed = accounts.sign_in("sam", SECRET, address="a")
    accounts.sign_out(signed.token)
    with pytest.raises(NotSignedInError):
        accounts.session_user(signed.token)
    with pytest.raises(NotSignedInError):
        accounts.session_user("")
    signed = accounts.sign_in("kit", SECRET, address="a")
    accounts.disable("kit")
    with pytest.raises(NotSignedInError):
        accounts.session_user(signed.token)


def test_entries_are_scoped_and_a_client_cannot_share_anothers(
        accounts: Accounts, journal: Journal, people: tuple[User, User, User, User]) -> None:
    robin, _, sam, kit = people
    mine = accounts.add_entry(sam, "rupture", {"what": "He left the room mid-sentence"})
    theirs = accounts.add_entry(kit, "checkin", {"score": 6})
    assert [e.entry.id for e in accounts.client_entries(sam)] == [mine.id]
    assert [e.entry.id for e in accounts.client_entries(kit)] == [theirs.id]
    # The single-user journal does not see a practice's entries.
    assert journal.entries() == [] and journal.export()["entries"] == []
    with pytest.raises(JournalError):
        journal.entry(mine.id)
    journal.add_entry("checkin", {"score": 2}, occurred_at="2026-12-01T00:00:00")
    journal.delete_all()  # deletes the single-user journal's entries, not the practice's
    assert journal.entries() == []
    assert len(accounts.client_entries(sam)) == 1
    with pytest.raises(NotAllowedError):
        accounts.share(sam, theirs.id, "robin")
    with pytest.raises(NotAllowedError):
        accounts.share(sam, 10_000, "robin")
    with pytest.raises(NotAllowedError):  # a therapist has no entries to share
        accounts.share(robin, mine.id, "robin")
    with pytest.raises(InvalidInputError):  # only with a therapist
        accounts.share(sam, mine.id, "kit")
    assert accounts.shared_with(robin) == []


def test_withdrawing_hides_the_entry_at_once(accounts: Accounts,
                                             people: tuple[User, User, User, User]) -> None:
    robin, ash, sam, _ = people
    shared = accounts.add_entry(sam, "rupture", {"what": "The silence after dinner"})
    private = accounts.add_entry(sam, "repair", {"message": "I'm sorry I shut down",
                                                 "uptake": "accepted"})
    accounts.share(sam, shared.id, "robin")
    accounts.share(sam, shared.id, "robin")  # twice is once
    assert [s.entry.id for s in accounts.shared_with(robin)] == [shared.id]
    assert accounts.shared_with(robin)[0].entry.body == {}  # the list shows no text
    assert accounts.shared_with(ash) == []
    assert accounts.read_shared(robin, shared.id).entry.body["what"] == "The silence after dinner"
    with pytest.raises(NotAllowedError):
        accounts.read_shared(robin, private.id)
    with pytest.raises(NotAllowedError):
        accounts.read_shared(ash, shared.id)
    entries = {e.entry.id: e for e in accounts.client_entries(sam)}
    assert [u.username for u in entries[shared.id].shared_with] == ["robin"]
    assert entries[private.id].shared_with == ()
    accounts.withdraw(sam, shared.id, "robin")
    assert accounts.shared_with(robin) == []
    with pytest.raises(NotAllowedError):
        accounts.read_shared(robin, shared.id)
    accounts.share(sam, shared.id, "robin")  # shared again: readable again
    assert accounts.read_shared(robin, shared.id).client.username == "sam"


def test_every_read_is_audited_and_the_client_sees_who_read_what(
        accounts: Accounts, clock: FakeClock, people: tuple[User, User, User, User]) -> None:
    robin, _, sam, kit = people
    entry = accounts.add_entry(sam, "checkin", {"score": 3})
    accounts.share(sam, entry.id, "robin")
    for _ in range(3):
        clock.advance(minutes=1)
        accounts.read_shared(robin, entry.id)
    views = accounts.views_of(sam)
    assert [(v.actor, v.entry_id) for v in views] == [("robin", entry.id)] * 3
    assert views[0].at > views[-1].at  # newest first
    assert accounts.views_of(kit) == []
    with pytest.raises(NotAllowedError):  # a failed read of an unshared entry reads nothing
        accounts.read_shared(robin, entry.id + 1)
    assert len(accounts.views_of(sam)) == 3
    actions = [line.action for line in accounts.audit(user="robin")]
    assert actions.count("read_entry") == 3 and "share" in actions


def test_client_entries_are_encrypted_on_postgres(postgres_env: None, home: Path) -> None:
    with Journal.create(home, PASS, url=os.environ["MEND_DATABASE_URL"], kdf=CHEAP) as journal:
        accounts = Accounts(journal, hasher=FAST_HASH)
        accounts.enable()
        sam = accounts.add_user("sam", "client", SECRET)
        accounts.add_entry(sam, "rupture", {"what": "quillfeather-5521"})
        with journal.engine.connect() as conn:
            raw = conn.scalar(text("SELECT body FROM entries"))
    assert "quillfeather" not in raw
