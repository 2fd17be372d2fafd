"""What every part of the journal stands on: :class:`JournalCore` (its engine, its cipher, its
transactions and the lookups by id its parts share), the transaction that says a failed write in
plain words (:class:`_Tx`), and the records of ``journal_meta``."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import Engine, select
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from mendkit.errors import JournalError, JournalLockedError, NotInJournalError
from mendkit.journal.crypto import KdfParams, Sidecar
from mendkit.journal.tables import MetaRow, RelationshipRow


class _Cipher(Protocol):
    def encrypt(self, text: str) -> str: ...
    def decrypt(self, token: str) -> str: ...
    def decrypt_many(self, tokens: list[str]) -> list[str]: ...


_LARGEST_ID = 2**63 - 1  # SQLite's largest integer key
_LARGEST_POSTGRES_ID = 2**31 - 1  # the journal's id columns on PostgreSQL are integer (int4)


class JournalCore:
    """The engine, the cipher and the transactions of a :class:`~mendkit.journal.opening.Journal`,
    and the lookups by id that its parts share."""

    def __init__(self, engine: Engine, cipher: _Cipher, *, path: Path | None = None,
                 check: str | None = None) -> None:
        self.engine = engine
        self.path = path
        self._cipher = cipher
        # PostgreSQL: the key check this journal's key wrote (journal_meta "check"); every write
        # first makes sure that it is still the journal's (see _still_current).
        self._check = check
        self.key_changed = False  # True once a write found the passphrase changed elsewhere
        # Writes begin IMMEDIATE on SQLite: a second writer waits (busy timeout) for the first
        # instead of failing when it read before it wrote.
        self._sessions = sessionmaker(engine.execution_options(mend_write=True),
                                      expire_on_commit=False)
        self._reads = sessionmaker(engine, expire_on_commit=False)

    # -- writing -------------------------------------------------------------------------------
    def _tx(self) -> _Tx:
        return _Tx(self._sessions, self._still_current if self._check is not None else None)

    def transaction(self) -> _Tx:
        """A session in one write transaction; a database error becomes :class:`JournalError`.
        On PostgreSQL it first makes sure that this journal's key is still the journal's."""
        return self._tx()

    def _still_current(self, s: Session) -> None:
        """Refuse a write on PostgreSQL when the journal's passphrase was changed elsewhere since
        it was opened here (`mend journal rekey` while `mend serve` runs): what it wrote under
        the old key no passphrase could read. The key check is read with a share lock, which
        ``_rekey_columns``'s exclusive lock waits for (and which waits for it): a rekey cannot
        slip in between this check and the commit. One small read by primary key."""
        stored = s.execute(select(MetaRow.value).where(MetaRow.key == "check")
                           .with_for_update(read=True)).scalar()
        if stored != self._check:
            self.key_changed = True
            raise PassphraseChangedError(PASSPHRASE_CHANGED)

    def key_is_current(self) -> bool:
        """Whether this journal's key still opens it (False on PostgreSQL after a passphrase
        change elsewhere; a database that cannot be asked counts as current)."""
        if self._check is None:
            return True
        if not self.key_changed:
            try:
                with self.engine.connect() as conn:
                    stored = conn.scalar(select(MetaRow.value).where(MetaRow.key == "check"))
            except (DBAPIError, JournalError):
                return True
            self.key_changed = stored != self._check
        return not self.key_changed

    # -- reading -------------------------------------------------------------------------------
    def _read(self) -> _Tx:
        return _Tx(self._reads)

    def _fits(self, row_id: int) -> bool:
        """Whether an id is one the journal's keys can hold (a larger one names nothing)."""
        largest = _LARGEST_ID if self.path is not None else _LARGEST_POSTGRES_ID
        return 0 < row_id <= largest

    def _relationship_row(self, s: Session, relationship_id: int) -> RelationshipRow:
        row = s.get(RelationshipRow, relationship_id) if self._fits(relationship_id) else None
        if row is None or row.owner_id is not None:
            raise NotInJournalError(f"no relationship with id {relationship_id}; nothing was "
                                    "changed")
        return row


def _meta(s: Session, key: str) -> str:
    row = s.get(MetaRow, key)
    if row is None:
        raise JournalError(f"the journal's {key!r} record is missing; is this a Mend journal?")
    return row.value


def _sidecar_from_text(raw: str) -> Sidecar:
    d = json.loads(raw)
    return Sidecar(salt=bytes.fromhex(d["salt"]), params=KdfParams(
        time_cost=d["time_cost"], memory_kib=d["memory_kib"], parallelism=d["parallelism"]))


PASSPHRASE_CHANGED = ("The journal's passphrase was changed elsewhere (by `mend journal rekey`) "
                      "since it was opened here, so nothing of this change was saved; everything "
                      "saved before is safe. Open the journal again with the new passphrase.")


class PassphraseChangedError(JournalLockedError):
    """The journal's passphrase was changed by another process since it was opened here: the
    key held here opens nothing now, so nothing may be written with it."""


class _Tx:
    """A session in one transaction; database errors become JournalError (nothing half-saved).
    ``guard`` runs first, in the transaction (``Journal._still_current``)."""

    def __init__(self, factory: sessionmaker[Session],
                 guard: Callable[[Session], None] | None = None) -> None:
        self._factory = factory
        self._guard = guard

    def __enter__(self) -> Session:
        self._cm = self._factory.begin()
        session = self._cm.__enter__()
        if self._guard is not None:
            try:
                self._guard(session)
            except BaseException as exc:
                self.__exit__(type(exc), exc, exc.__traceback__)  # rolled back; errors in words
                raise
        return session

    def __exit__(self, et: Any, ev: Any, tb: Any) -> None:
        try:
            self._cm.__exit__(et, ev, tb)
        except DBAPIError as exc:
            raise JournalError(_write_error(exc)) from None
        if isinstance(ev, DBAPIError):
            raise JournalError(_write_error(ev)) from None


def _write_error(exc: DBAPIError) -> str:
    """A failed write in plain words: why, that nothing saved before is lost, and what to do."""
    reason = str(exc.orig)
    advice = "try again"
    if "database is locked" in reason or "database is busy" in reason:
        why = f"another Mend process kept it busy for too long ({reason})"
        advice = "try again in a moment"
    elif "disk is full" in reason or "disk I/O error" in reason:
        why = f"the disk is full, or the journal's file cannot grow ({reason})"
        advice = "free some space, and try again"
    elif "readonly" in reason or "read-only" in reason:
        why = f"the journal is read-only ({reason})"
        advice = "fix the permissions of the journal's folder and files, and try again"
    elif isinstance(exc, IntegrityError):
        why = f"it conflicts with what is already there ({reason})"
    else:
        why = reason
    return (f"the journal could not be written: {why}. Nothing of this change was saved; "
            f"everything saved before is safe. {advice[0].upper()}{advice[1:]}.")
