"""Changing the journal's passphrase: SQLCipher's ``PRAGMA rekey`` under a lock file on SQLite,
every encrypted column sealed again under the new key on PostgreSQL; and, on opening, finishing a
change that was cut off after its new key was committed, or removing the key files of one that
died before."""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, select, text, update
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import sessionmaker

from mendkit._files import lock_now, open_private
from mendkit.errors import JournalError
from mendkit.journal.crypto import KdfParams, Sidecar, TextCipher, derive_key, new_salt
from mendkit.journal.engines import (
    WRONG_PASSPHRASE,
    _checkpoint,
    _checkpoint_hard,
    _connect,
    _sqlite_engine,
    _WrongKey,
)
from mendkit.journal.journal_core import (
    PASSPHRASE_CHANGED,
    JournalCore,
    PassphraseChangedError,
    _meta,
    _sidecar_from_text,
    _Tx,
)
from mendkit.journal.journal_files import _sync_folder, db_path, sidecar_path
from mendkit.journal.tables import EntryRow, MetaRow, RelationshipRow


def _pending_sidecars(home: Path) -> list[Path]:
    """Key files a passphrase change wrote and has not switched to yet (``.kdf.json*.new``)."""
    return sorted(home.glob("journal.db.kdf.json*.new"))


def key_change_under_way(home: Path) -> bool:
    """Whether a passphrase change has written its new key file and not yet switched to it:
    from just before SQLCipher's ``PRAGMA rekey`` until the rename (or a crash in between)."""
    return bool(_pending_sidecars(home))


@contextmanager
def _rekey_lock(home: Path) -> Iterator[bool]:
    """Hold ``journal.db.rekey.lock`` while it is free (True), or yield False when another
    process holds it. The operating system lets it go when its holder dies.

    The holder removes the file before letting it go, so that none is left in MEND_HOME. That is
    safe because a lock counts only on the file the name still names: one taken on a file that
    was removed meanwhile (opened just before its holder removed it) is let go and taken again
    on the file that is there now. A holder killed before removing it leaves it, harmlessly."""
    path = home / "journal.db.rekey.lock"
    while True:
        handle = os.fdopen(open_private(path, os.O_RDWR | os.O_APPEND), "a+b")
        try:
            lock_now(handle.fileno())
        except OSError:
            handle.close()
            yield False
            return
        if _names_it(path, handle.fileno()):
            break
        handle.close()  # a file removed by the holder before: lock the one there now
    try:
        yield True
    finally:
        # While still held: a newcomer then makes and locks a new file. (Windows does not
        # remove a file that is open: there it is left, harmlessly.)
        with contextlib.suppress(OSError):
            path.unlink()
        handle.close()


def _names_it(path: Path, fd: int) -> bool:
    """Whether ``path`` still names the open file ``fd``."""
    try:
        there = path.stat()
    except FileNotFoundError:
        return False
    mine = os.fstat(fd)
    return (there.st_dev, there.st_ino) == (mine.st_dev, mine.st_ino)


class Rekeying(JournalCore):
    """Changing the passphrase (a part of :class:`~mendkit.journal.opening.Journal`)."""

    def rekey(self, home: Path, new_passphrase: str, kdf: KdfParams | None = None) -> None:
        """Change the passphrase: SQLCipher's PRAGMA rekey on SQLite; on PostgreSQL every
        encrypted column re-encrypted under the new key, in one transaction."""
        if self.path is None:
            self._rekey_columns(new_passphrase, kdf)
            return
        old = Sidecar.read(sidecar_path(home))
        if not old.encrypted:
            raise JournalError("this journal is not encrypted; export it and init a new one")
        with _rekey_lock(home) as mine:
            if not mine:
                raise JournalError("another `mend journal rekey` is changing the passphrase right "
                                   "now; nothing was changed. Let it finish, then open the "
                                   "journal with the passphrase it set")
            self._rekey_locked(home, new_passphrase, kdf or old.params)

    def _rekey_locked(self, home: Path, new_passphrase: str, params: KdfParams) -> None:
        """The switch, under the rekey lock. A crash at any point leaves a journal that one of
        the two passphrases opens: until the new key is committed the old key file is right;
        after, the pending key file is, and :meth:`open` finishes the switch."""
        assert self.path is not None
        self.engine.dispose()  # connections opened before the lock may predate another rekey
        try:
            raw = self.engine.connect()
        except DatabaseError:
            raise JournalError("the passphrase was changed by another process meanwhile; "
                               "nothing was changed") from None
        with raw:
            conn = raw.execution_options(isolation_level="AUTOCOMMIT")
            for stale in _pending_sidecars(home):  # left by a rekey that died before its commit
                stale.unlink(missing_ok=True)
            # The WAL emptied into the file: the file and an empty WAL under the old key.
            if not _checkpoint(conn):
                raise JournalError("the journal is in use by another Mend process; close it and "
                                   "try again (nothing was changed)")
            side = Sidecar(salt=new_salt(), params=params)
            key = derive_key(new_passphrase, side.salt, side.params)
            pending = sidecar_path(home).with_name(
                f"journal.db.kdf.json.{os.getpid()}-{secrets.token_hex(4)}.new")
            side.write(pending)
            _sync_folder(home)
            # One transaction: every page under the new key, committed into the WAL at once.
            conn.exec_driver_sql(f"PRAGMA rekey = \"x'{key.hex()}'\"")
            _checkpoint_hard(conn)  # the whole file under the new key, the WAL empty
        pending.replace(sidecar_path(home))
        _sync_folder(home)
        self.engine.dispose()
        self.engine = _sqlite_engine(self.path, key)
        self._sessions = sessionmaker(self.engine.execution_options(mend_write=True),
                                      expire_on_commit=False)
        self._reads = sessionmaker(self.engine, expire_on_commit=False)

    def _rekey_columns(self, new_passphrase: str, kdf: KdfParams | None) -> None:
        old = self._cipher
        if not isinstance(old, TextCipher):
            raise JournalError("this journal has no key to change")
        with _Tx(self._sessions) as s:  # checks the key itself, once it holds the lock
            # Writers wait until the new key is in place; readers see the old rows until then.
            s.execute(text("LOCK TABLE journal_meta, relationships, entries IN EXCLUSIVE MODE"))
            if _meta(s, "check") != self._check:
                self.key_changed = True
                raise PassphraseChangedError(PASSPHRASE_CHANGED)
            side = _sidecar_from_text(_meta(s, "kdf"))
            side = Sidecar(salt=new_salt(), params=kdf or side.params)
            new = TextCipher(derive_key(new_passphrase, side.salt, side.params))
            rels = [{"id": i, "name": new.encrypt(old.decrypt(n)),
                     "notes": new.encrypt(old.decrypt(o))}
                    for i, n, o in s.execute(select(RelationshipRow.id, RelationshipRow.name,
                                                    RelationshipRow.notes))]
            if rels:
                s.execute(update(RelationshipRow), rels)
            bodies = [{"id": i, "body": new.encrypt(old.decrypt(b))}
                      for i, b in s.execute(select(EntryRow.id, EntryRow.body))]
            if bodies:
                s.execute(update(EntryRow), bodies)
            s.execute(update(MetaRow).where(MetaRow.key == "kdf").values(value=side.to_json()))
            check = new.encrypt("mend-journal")
            s.execute(update(MetaRow).where(MetaRow.key == "check").values(value=check))
        self._cipher, self._check = new, check


def _finish_rekey(home: Path, passphrase: str) -> Engine:
    """Open a journal whose passphrase change was interrupted after its new key was committed.

    The database is then under the key of a pending key file (``.kdf.json*.new``): the one the
    passphrase opens becomes the key file (unless a rekey is still running: it does so itself).
    """
    path = db_path(home)
    for pending in _pending_sidecars(home):
        try:
            side = Sidecar.read(pending)
        except JournalError:
            continue
        key = derive_key(passphrase, side.salt, side.params)
        try:
            engine = _connect(_sqlite_engine, path, key)
        except _WrongKey:
            continue
        with _rekey_lock(home) as mine:
            if mine and pending.exists():
                with engine.connect() as raw:
                    conn = raw.execution_options(isolation_level="AUTOCOMMIT")
                    _checkpoint_hard(conn)
                pending.replace(sidecar_path(home))
                _sync_folder(home)
                for stale in _pending_sidecars(home):
                    stale.unlink(missing_ok=True)
        return engine
    if _pending_sidecars(home):  # a change under way, or cut off after its new key was used
        raise _WrongKey("this passphrase does not open the journal: its passphrase was just "
                        "changed (by `mend journal rekey`). If you gave the old passphrase, "
                        "use the new one (try again in a moment if the change is still under "
                        "way); nothing was changed")
    raise _WrongKey(WRONG_PASSPHRASE)


def _drop_unused_pending(home: Path, engine: Engine) -> None:
    """Remove key files of passphrase changes that died before their commit: the key file
    opened the journal, so none of them is in use (unless a rekey runs now: then keep them)."""
    with _rekey_lock(home) as mine:
        if not mine:
            return
        try:
            with engine.connect() as conn:  # still under the key file's key, now under the lock
                conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").all()
        except DatabaseError:
            return
        for stale in _pending_sidecars(home):
            stale.unlink(missing_ok=True)
