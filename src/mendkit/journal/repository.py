"""The repository the rest of Mend uses: open or create a journal, add, list, export, delete.

SQLite: ``$MEND_HOME/journal.db`` encrypted with SQLCipher (raw 256-bit key from argon2id), WAL
mode, secure_delete on, a busy timeout for concurrent readers. PostgreSQL: ``MEND_DATABASE_URL``;
free text is encrypted with AES-GCM by :class:`~mendkit.journal.crypto.TextCipher`.
Every write is one transaction. The single-user journal is the rows without an owner
(``owner_id`` NULL); what a practice's people own (client entries, ``mendkit.journal.accounts``;
coach sessions and two-person answers, ``mendkit.journal.stores``) is never listed, exported or
deleted here.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import secrets
import sqlite3
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import Engine, create_engine, delete, event, func, inspect, select, text, update
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.exc import ArgumentError, DatabaseError, DBAPIError, IntegrityError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool
from sqlalchemy.sql.expression import ColumnElement

from mendkit._files import (
    atomic_write,
    lock_now,
    make_private,
    open_private,
    private_folder,
)
from mendkit._unicode import has_lone_surrogate
from mendkit.coach.session import Session as CoachSession
from mendkit.corrections import Correction
from mendkit.errors import (
    InvalidInputError,
    JournalError,
    JournalLockedError,
    NotAllowedError,
    NotInJournalError,
)
from mendkit.insights import instant_order, said_name
from mendkit.journal.backup import write_backup
from mendkit.journal.crypto import (
    KdfParams,
    PlainText,
    Sidecar,
    TextCipher,
    derive_key,
    new_salt,
)
from mendkit.journal.kinds import (
    REL_KINDS,
    ref_of,
    relationship_fields,
    stored_when,
    validate_entry,
)
from mendkit.journal.schema import upgrade
from mendkit.journal.tables import EntryRow, MetaRow, RelationshipRow


@dataclass(frozen=True, slots=True, kw_only=True)
class Relationship:
    id: int
    name: str
    kind: str
    notes: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Entry:
    id: int
    kind: str
    relationship_id: int | None
    occurred_at: str
    body: Mapping[str, Any]


class _Cipher(Protocol):
    def encrypt(self, text: str) -> str: ...
    def decrypt(self, token: str) -> str: ...
    def decrypt_many(self, tokens: list[str]) -> list[str]: ...


def db_path(home: Path) -> Path:
    return home / "journal.db"


def sidecar_path(home: Path) -> Path:
    return home / "journal.db.kdf.json"


def practice_marker_path(home: Path) -> Path:
    """A plain file that says the encrypted journal beside it serves a practice, so that
    ``mend serve`` can tell without the key (``mendkit.journal.accounts.known_practice``)."""
    return home / "journal.db.practice"


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


def _companions(path: Path) -> tuple[Path, Path]:
    """SQLite's write-ahead log and shared-memory index beside the journal."""
    return path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")


def _os_reason(exc: OSError) -> str:
    if exc.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
        return "the disk is full; free some space, and try again"
    return exc.strerror or str(exc)


def _full_or(reason: str) -> str:
    """An SQLite error in words, saying so plainly when the disk is full."""
    if "disk is full" in reason:
        return f"the disk is full ({reason}); free some space, and try again"
    return reason


def _remove_unfinished(home: Path) -> None:
    """Remove what a failed ``Journal.create`` wrote (the journal and its key file)."""
    path = db_path(home)
    for made in (path, *_companions(path), sidecar_path(home)):
        with contextlib.suppress(OSError):  # nothing more to do; init says what went wrong
            made.unlink(missing_ok=True)


def _sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; nothing to do on Windows)."""
    if sys.platform == "win32":  # pragma: no cover - Windows
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _checkpoint(conn: Connection) -> bool:
    """Copy the whole WAL into the database file and empty it; False if readers kept it."""
    row = conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").first()
    return row is not None and row[0] == 0


def _is_damage(reason: str) -> bool:
    return "malformed" in reason or "database corrupt" in reason


def _damage_message(path: Path) -> str:
    return (f"{path}: the journal file is damaged (a malformed page); nothing was changed. "
            "Restore it from a backup made with `mend journal backup`")


def _checkpoint_hard(conn: Connection) -> None:
    """:func:`_checkpoint`, tried again while readers keep it from finishing (each try waits up
    to the busy timeout). Safe either way: the WAL holds every committed page until then."""
    for _ in range(30):
        if _checkpoint(conn):
            return


def _sqlite_engine(path: Path, key: bytes | None, *, alone: bool = False) -> Engine:
    # A pool that lends each connection to one thread at a time, for both drivers: the web app
    # serves requests from many threads at once. (SQLAlchemy's default for SQLCipher is a
    # SingletonThreadPool, which shares connections between threads and closes one thread's
    # connection under another: a practice's server crashed under a few concurrent requests.)
    pooled: dict[str, Any] = {"poolclass": QueuePool,
                              "connect_args": {"check_same_thread": False}}
    if alone:  # an exclusive lock is held per connection: one connection, or they block
        pooled = {**pooled, "pool_size": 1, "max_overflow": 0}
    if key is None:
        engine = create_engine(URL.create("sqlite", database=str(path)), **pooled)
    else:
        # SQLCipher's raw-key form: PRAGMA key = "x'<64 hex>'" (no second, slower KDF).
        engine = create_engine(URL.create("sqlite+pysqlcipher", password=f"x'{key.hex()}'",
                                          database=str(path)), **pooled)

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn: Any, _record: Any) -> None:
        # The driver's own transaction handling leaves DDL outside transactions; ours (below)
        # makes every transaction, a schema upgrade included, all or nothing.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        if key is not None:
            cur.execute("PRAGMA cipher_log_level = NONE")  # a wrong key: our message, not its log
        cur.execute("PRAGMA busy_timeout = 10000")
        if alone:  # no shared-memory file to make (see _open_on_a_full_disk)
            cur.execute("PRAGMA locking_mode = EXCLUSIVE")
        cur.execute("SELECT count(*) FROM sqlite_master")  # fails here on a wrong key
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA secure_delete = ON")
        cur.execute("PRAGMA foreign_keys = ON")
        # 32 MiB of decrypted pages kept in this process (the default 2 MiB makes every read of
        # a large journal decrypt it again from disk); the file on disk is unchanged.
        cur.execute("PRAGMA cache_size = -32768")
        cur.close()

    @event.listens_for(engine, "handle_error")
    def _damaged(context: Any) -> None:
        if _is_damage(str(context.original_exception)):
            raise JournalError(_damage_message(path)) from None

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        options = conn.get_execution_options()
        if options.get("isolation_level") == "AUTOCOMMIT":
            return
        conn.exec_driver_sql("BEGIN IMMEDIATE" if options.get("mend_write") else "BEGIN")

    return engine


class Journal:
    """A journal opened with its key. Use :meth:`create` once, then :meth:`open`."""

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

    # -- opening -------------------------------------------------------------------------------
    @classmethod
    def create(cls, home: Path, passphrase: str | None, *, url: str | None = None,
               kdf: KdfParams | None = None) -> Journal:
        """A new journal. ``passphrase=None`` on SQLite means no encryption (explicit opt-out)."""
        kdf = kdf or KdfParams()
        if url:
            if not passphrase:
                raise JournalError("a PostgreSQL journal needs MEND_JOURNAL_KEY or a passphrase")
            engine = _connect(postgres_engine, url)
            salt = new_salt()
            if "journal_meta" in inspect(engine).get_table_names():
                with engine.connect() as conn:
                    exists = conn.scalar(select(MetaRow.key).where(MetaRow.key == "kdf"))
                if exists:
                    engine.dispose()
                    raise JournalError("this database already holds a Mend journal")
            upgrade(engine)
            cipher = TextCipher(derive_key(passphrase, salt, kdf))
            journal = cls(engine, cipher, check=cipher.encrypt("mend-journal"))
            with _Tx(journal._sessions) as s:  # no key check yet to compare with
                sidecar = Sidecar(salt=salt, params=kdf)
                s.add(MetaRow(key="kdf", value=sidecar.to_json()))
                s.add(MetaRow(key="check", value=journal._check))
            return journal
        path = db_path(home)
        if (path.exists() or sidecar_path(home).exists()) and not (
                passphrase is not None and _remove_empty_plain(home)):
            raise JournalError(f"{path}: a journal is already there")
        private_folder(home)
        practice_marker_path(home).unlink(missing_ok=True)  # left from a journal removed by hand
        salt = new_salt()
        key = derive_key(passphrase, salt, kdf) if passphrase is not None else None
        try:
            Sidecar(salt=salt, params=kdf, encrypted=key is not None).write(sidecar_path(home))
            # Made empty and private first: SQLite writes into it, and gives its WAL and
            # shared-memory files the same mode.
            os.close(open_private(path, os.O_WRONLY | os.O_EXCL))
            engine = _connect(lambda: _sqlite_engine(path, key))
            try:
                upgrade(engine)
            except BaseException as exc:
                engine.dispose()
                failed = exc.__context__  # what the schema's upgrade turned into its words
                if isinstance(exc, JournalError) and isinstance(failed, DBAPIError):
                    raise JournalError(f"{home}: the journal could not be created: "
                                       f"{_full_or(str(failed.orig))}; nothing was kept"
                                       ) from None
                raise
        except BaseException as exc:
            _remove_unfinished(home)  # so that `mend journal init` can simply be run again
            if isinstance(exc, OSError):
                raise JournalError(f"{home}: the journal could not be created "
                                   f"({_os_reason(exc)}); nothing was kept") from None
            raise
        return cls(engine, PlainText(), path=path)

    @classmethod
    def open(cls, home: Path, passphrase: str | None, *, url: str | None = None) -> Journal:
        if url:
            engine = _connect(postgres_engine, url)
            try:
                rows: dict[str, str] = {}
                if "journal_meta" in inspect(engine).get_table_names():
                    with engine.connect() as conn:
                        rows = dict(conn.execute(select(MetaRow.key, MetaRow.value)).all())
                if "kdf" not in rows:
                    raise JournalError("no Mend journal in that database; run `mend journal init`")
                side = _sidecar_from_text(rows["kdf"])
                if not passphrase:
                    raise JournalError("this journal needs MEND_JOURNAL_KEY or a passphrase")
                cipher = TextCipher(derive_key(passphrase, side.salt, side.params))
                try:
                    checked = cipher.decrypt(rows["check"])
                except JournalError:
                    checked = ""
                if checked != "mend-journal":
                    raise JournalError("the journal key does not match this database (wrong "
                                       "passphrase or MEND_JOURNAL_KEY); nothing was changed. "
                                       + _CHANGED_ELSEWHERE)
                upgrade(engine)
            except BaseException:
                engine.dispose()
                raise
            return cls(engine, cipher, check=rows["check"])
        path = db_path(home)
        if not path.exists():
            raise JournalError(f"{path}: no journal yet; run `mend journal init`")
        for made in (path, *_companions(path)):  # a journal made before Mend kept them private
            make_private(made)
        side = Sidecar.read(sidecar_path(home))
        key = None
        if side.encrypted:
            if not passphrase:
                raise JournalError("this journal is encrypted; give the passphrase "
                                   "(prompt or MEND_PASSPHRASE)")
            key = derive_key(passphrase, side.salt, side.params)
        try:
            engine = _connect(lambda: _sqlite_engine(path, key))
        except _WrongKey:
            if key is None or passphrase is None:
                raise
            engine = _finish_rekey(home, passphrase)
        except _NoRoom:
            engine = _open_on_a_full_disk(home, key)
        else:
            if key is not None and _pending_sidecars(home):
                _drop_unused_pending(home, engine)
        try:
            upgrade(engine)
        except BaseException:
            engine.dispose()
            raise
        return cls(engine, PlainText(), path=path)

    def close(self) -> None:
        self.engine.dispose()

    @property
    def cipher(self) -> _Cipher:
        """How free text is kept: AES-GCM on PostgreSQL, as is on SQLite (the file is encrypted)."""
        return self._cipher

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

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

    def add_relationship(self, name: str, kind: str, notes: str = "", *, id: int | None = None
                         ) -> Relationship:
        if kind not in REL_KINDS:
            raise JournalError(f"relationship kind must be one of {', '.join(REL_KINDS)}")
        if not name.strip():
            raise JournalError("a relationship needs a name or pseudonym")
        with self._tx() as s:
            row = RelationshipRow(id=id, name=self._cipher.encrypt(name), kind=kind,
                                  notes=self._cipher.encrypt(notes))
            s.add(row)
            s.flush()
            return Relationship(id=row.id, name=name, kind=kind, notes=notes)

    def add_entry(self, kind: str, body: Mapping[str, Any], *, occurred_at: str,
                  relationship_id: int | None = None, id: int | None = None) -> Entry:
        validate_entry(kind, body)
        payload = json.dumps(dict(body), ensure_ascii=False, sort_keys=True)
        with self._tx() as s:
            if relationship_id is not None and s.get(RelationshipRow, relationship_id) is None:
                raise NotInJournalError(f"no relationship with id {relationship_id}")
            row = EntryRow(id=id, kind=kind, relationship_id=relationship_id,
                           occurred_at=occurred_at, body=self._cipher.encrypt(payload),
                           ref=ref_of(kind, body))
            s.add(row)
            s.flush()
            return Entry(id=row.id, kind=kind, relationship_id=relationship_id,
                         occurred_at=occurred_at, body=json.loads(payload))

    def add_entries(self, items: list[tuple[str, Mapping[str, Any], str, int | None]]) -> int:
        """Many entries (kind, body, occurred_at, relationship_id) in one transaction."""
        rows = []
        for kind, body, occurred_at, rel in items:
            validate_entry(kind, body)
            payload = json.dumps(dict(body), ensure_ascii=False, sort_keys=True)
            rows.append(EntryRow(kind=kind, relationship_id=rel, occurred_at=occurred_at,
                                 body=self._cipher.encrypt(payload), ref=ref_of(kind, body)))
        with self._tx() as s:
            s.add_all(rows)
        return len(rows)

    def put(self, kind: str, body: Mapping[str, Any], *, occurred_at: str,
            owner_id: int | None = None, relationship_id: int | None = None) -> Entry:
        """Add or replace the entry with this body's natural key (``ref_of``): one transaction.

        ``owner_id`` is the practice's person whose entry it is (None: the single-user journal's);
        replacing someone else's entry raises :class:`~mendkit.errors.NotAllowedError`.
        ``relationship_id`` saves it under that relationship (None keeps the one it has)."""
        return self.put_many([(kind, body, occurred_at)], owner_id=owner_id,
                             relationship_id=relationship_id)[0]

    def put_many(self, items: list[tuple[str, Mapping[str, Any], str]], *,
                 owner_id: int | None = None, relationship_id: int | None = None
                 ) -> list[Entry]:
        """Several :meth:`put` (kind, body, occurred_at) in one transaction: all or nothing."""
        done: list[Entry] = []
        with self._tx() as s:
            if relationship_id is not None:
                self._relationship_row(s, relationship_id)
            for kind, body, occurred_at in items:
                validate_entry(kind, body)
                payload = json.dumps(dict(body), ensure_ascii=False, sort_keys=True)
                ref = ref_of(kind, body)
                row = None if ref is None else s.scalars(
                    select(EntryRow).where(EntryRow.kind == kind, EntryRow.ref == ref)).first()
                if row is None:
                    row = EntryRow(kind=kind, relationship_id=None, ref=ref, body="",
                                   occurred_at=occurred_at, owner_id=owner_id)
                    s.add(row)
                elif row.owner_id != owner_id:
                    raise NotAllowedError(f"that {_NOUN.get(kind, kind + ' entry')} is someone "
                                          "else's; nothing was changed")
                row.body = self._cipher.encrypt(payload)
                row.occurred_at = occurred_at
                if relationship_id is not None:
                    row.relationship_id = relationship_id
                s.flush()
                done.append(Entry(id=row.id, kind=kind, relationship_id=row.relationship_id,
                                  occurred_at=occurred_at, body=json.loads(payload)))
        return done

    def keyed(self, kind: str, ref: str, *, owner_id: int | None = None,
              any_person: bool = False) -> Entry | None:
        """The entry of ``kind`` with this natural key, if there is one and it is ``owner_id``'s
        (None: the single-user journal's; ``any_person``: any person's of a practice)."""
        with self.engine.connect() as conn:
            found = conn.execute(select(EntryRow.id, EntryRow.relationship_id,
                                        EntryRow.occurred_at, EntryRow.body)
                                 .where(EntryRow.kind == kind, EntryRow.ref == ref,
                                        _owned_by(owner_id, any_person))).first()
        if found is None:
            return None
        return Entry(id=found.id, kind=kind, relationship_id=found.relationship_id,
                     occurred_at=found.occurred_at, body=json.loads(self._cipher.decrypt(found.body)))

    def refs(self, kind: str, *, owner_id: int | None = None, any_person: bool = False
             ) -> list[str]:
        """The natural keys of ``kind`` whose entries are ``owner_id``'s (as :meth:`keyed`), the
        least recently written first."""
        with self.engine.connect() as conn:
            return [r for r in conn.scalars(select(EntryRow.ref)
                                            .where(EntryRow.kind == kind,
                                                   _owned_by(owner_id, any_person))
                                            .order_by(EntryRow.occurred_at, EntryRow.id))
                    if r is not None]

    # -- reading -------------------------------------------------------------------------------
    def relationships(self) -> list[Relationship]:
        with self._read() as s:
            rows = s.scalars(select(RelationshipRow).where(RelationshipRow.owner_id.is_(None))
                             .order_by(RelationshipRow.id)).all()
            return [Relationship(id=r.id, name=self._cipher.decrypt(r.name), kind=r.kind,
                                 notes=self._cipher.decrypt(r.notes)) for r in rows]

    def entries(self, *, kind: str | None = None, relationship_id: int | None = None
                ) -> list[Entry]:
        """The entries in real time order: a time with an offset sorts by its instant, not its
        text (``10:00+05:30`` before ``06:00Z``); equal times, and times no one can read (last),
        in the order they were added."""
        query = select(EntryRow.id, EntryRow.kind, EntryRow.relationship_id, EntryRow.occurred_at,
                       EntryRow.body).where(EntryRow.owner_id.is_(None)).order_by(EntryRow.id)
        if kind is not None:
            query = query.where(EntryRow.kind == kind)
        if relationship_id is not None:
            query = query.where(EntryRow.relationship_id == relationship_id)
        decrypt = self._cipher.decrypt
        with self.engine.connect() as conn:  # plain rows, no ORM objects: fast for insights
            rows = sorted(conn.execute(query), key=lambda row: instant_order(row[3]))
        return [Entry(id=i, kind=k, relationship_id=rel, occurred_at=at,
                      body=json.loads(decrypt(body))) for i, k, rel, at, body in rows]

    def entry_counts(self) -> dict[int, int]:
        """How many entries each relationship has, ``{relationship_id: count}`` (a relationship
        with none is left out), counted by the database: no body is read or decrypted, so a
        journal of long saved analyses counts as fast as a small one."""
        query = (select(EntryRow.relationship_id, func.count())
                 .where(EntryRow.owner_id.is_(None), EntryRow.relationship_id.is_not(None))
                 .group_by(EntryRow.relationship_id))
        with self.engine.connect() as conn:
            return {rel: n for rel, n in conn.execute(query) if rel is not None}

    def insight_rows(self, relationship_id: int, kinds: tuple[str, ...] = ("rupture", "repair",
                     "checkin")) -> list[tuple[str, str, dict[str, Any]]]:
        """``(kind, occurred_at, body)`` of one relationship's entries of these kinds, in id order.

        The fast read behind ``mend insights``: one query of the three columns needed, the bodies
        decrypted in one pass (one AES-GCM key object on PostgreSQL) and parsed as one JSON array.
        """
        query = (select(EntryRow.kind, EntryRow.occurred_at, EntryRow.body)
                 .where(EntryRow.relationship_id == relationship_id, EntryRow.kind.in_(kinds))
                 .order_by(EntryRow.id))
        with self.engine.connect() as conn:
            rows = conn.execute(query).all()
        bodies = self._cipher.decrypt_many([r[2] for r in rows])
        try:
            parsed = json.loads("[" + ",".join(bodies) + "]")  # bodies are JSON objects we wrote
        except json.JSONDecodeError:
            parsed = [json.loads(b) for b in bodies]  # names the broken one
        return [(k, at, b) for (k, at, _), b in zip(rows, parsed, strict=True)]

    def entry(self, entry_id: int) -> Entry:
        with self._read() as s:
            r = s.get(EntryRow, entry_id) if self._fits(entry_id) else None
            if r is None or r.owner_id is not None:
                raise JournalError(f"no entry with id {entry_id}")
            return Entry(id=r.id, kind=r.kind, relationship_id=r.relationship_id,
                         occurred_at=r.occurred_at, body=json.loads(self._cipher.decrypt(r.body)))

    def _read(self) -> _Tx:
        return _Tx(self._reads)

    # -- correcting: one entry, one relationship -----------------------------------------------
    def relationship(self, relationship_id: int) -> Relationship:
        """One relationship of the single-user journal; :class:`NotInJournalError` names the id."""
        with self._read() as s:
            row = self._relationship_row(s, relationship_id)
            return Relationship(id=row.id, name=self._cipher.decrypt(row.name), kind=row.kind,
                                notes=self._cipher.decrypt(row.notes))

    def relationship_entry_ids(self, relationship_id: int) -> list[int]:
        """The ids of what deleting this relationship deletes with it: its entries, and the coach
        sessions saved with no relationship whose "who" is its name (insights count those as
        its own; see :func:`mendkit.insights.coach_repair_rows`)."""
        with self._read() as s:
            row = self._relationship_row(s, relationship_id)
            return self._belonging(s, row)

    def delete_entry(self, entry_id: int) -> Entry:
        """Delete one entry of the single-user journal for good, and overwrite what it held
        (:meth:`_overwrite_freed`). Returns the entry as it was. An unknown id (or a practice
        person's entry) is :class:`NotInJournalError`, and nothing is deleted."""
        with self._tx() as s:
            row = s.get(EntryRow, entry_id) if self._fits(entry_id) else None
            if row is None or row.owner_id is not None:
                raise NotInJournalError(f"no entry with id {entry_id}; nothing was deleted")
            gone = Entry(id=row.id, kind=row.kind, relationship_id=row.relationship_id,
                         occurred_at=row.occurred_at,
                         body=json.loads(self._cipher.decrypt(row.body)))
            s.delete(row)
        self._overwrite_freed(f"entry {entry_id} was deleted")
        return gone

    def delete_relationship(self, relationship_id: int) -> tuple[Relationship, int]:
        """Delete one relationship with its entries (as :meth:`relationship_entry_ids`) for good,
        and overwrite what they held. Returns the relationship as it was and how many entries
        went with it; the other relationships are not touched."""
        with self._tx() as s:
            row = self._relationship_row(s, relationship_id)
            rel = Relationship(id=row.id, name=self._cipher.decrypt(row.name), kind=row.kind,
                               notes=self._cipher.decrypt(row.notes))
            ids = self._belonging(s, row)
            if ids:
                s.execute(delete(EntryRow).where(EntryRow.id.in_(ids)))
            s.delete(row)
        self._overwrite_freed(f"relationship {relationship_id} was deleted with its entries")
        return rel, len(ids)

    def rename_relationship(self, relationship_id: int, name: str) -> tuple[Relationship,
                                                                           Relationship]:
        """Give a relationship a new name (the old one is overwritten in the file). Coach
        sessions saved with no relationship that named it are linked to it first, so that its
        insights count them as before. Returns the relationship before and after."""
        name = relationship_fields(name)[0]
        with self._tx() as s:
            row = self._relationship_row(s, relationship_id)
            old = Relationship(id=row.id, name=self._cipher.decrypt(row.name), kind=row.kind,
                               notes=self._cipher.decrypt(row.notes))
            sessions = self._belonging(s, row, sessions_only=True)
            if sessions:
                s.execute(update(EntryRow).where(EntryRow.id.in_(sessions))
                          .values(relationship_id=row.id))
            row.name = self._cipher.encrypt(name)
        if name != old.name:
            self._overwrite_freed(f"relationship {relationship_id} was renamed")
        return old, Relationship(id=old.id, name=name, kind=old.kind, notes=old.notes)

    def link_entry(self, entry_id: int, relationship_id: int) -> None:
        """Save an entry of the single-user journal under a relationship (both must exist)."""
        with self._tx() as s:
            self._relationship_row(s, relationship_id)
            row = s.get(EntryRow, entry_id) if self._fits(entry_id) else None
            if row is None or row.owner_id is not None:
                raise NotInJournalError(f"no entry with id {entry_id}; nothing was changed")
            row.relationship_id = relationship_id

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

    def _belonging(self, s: Session, row: RelationshipRow, *, sessions_only: bool = False
                   ) -> list[int]:
        """Ids of the relationship's own entries (unless ``sessions_only``), and of the coach
        sessions with no relationship whose "who" is its name."""
        ids = [] if sessions_only else list(s.scalars(
            select(EntryRow.id).where(EntryRow.relationship_id == row.id)))
        want = said_name(self._cipher.decrypt(row.name))
        loose = s.execute(select(EntryRow.id, EntryRow.body).where(
            EntryRow.kind == "coach_session", EntryRow.relationship_id.is_(None),
            EntryRow.owner_id.is_(None))).all()
        for entry_id, body in loose:
            answers = json.loads(self._cipher.decrypt(body)).get("answers")
            if want and isinstance(answers, Mapping) and said_name(
                    answers.get("recognise_who")) == want:
                ids.append(entry_id)
        return sorted(ids)

    def _overwrite_freed(self, done: str) -> None:
        """After a delete or a rename: overwrite the old copies of what changed. On SQLite,
        secure_delete has zeroed it in the new pages; the WAL is copied into the file and emptied,
        so that no older page (in the file or the WAL) still holds it. On PostgreSQL the tables
        are rewritten (their free text is sealed with the journal's key either way)."""
        if self.path is None:
            with self.engine.connect() as conn:
                conn.execution_options(isolation_level="AUTOCOMMIT").execute(
                    text("VACUUM FULL entries, relationships"))
            return
        with self.engine.connect() as raw:
            conn = raw.execution_options(isolation_level="AUTOCOMMIT")
            conn.exec_driver_sql(f"PRAGMA busy_timeout = {_CHECKPOINT_WAIT_MS}")
            try:
                emptied = _checkpoint(conn)
            finally:
                conn.exec_driver_sql("PRAGMA busy_timeout = 10000")
        if not emptied:
            raise DeletedButKept(
                f"{done}, but another program still has the journal open, so an older copy of "
                f"what was there remains in {self.path.name}-wal until it lets go. Close Mend "
                "wherever it has the journal open (`mend serve`, another `mend` command): the "
                "last one to close overwrites it")

    # -- export, import, delete ----------------------------------------------------------------
    def export(self) -> dict[str, Any]:
        """Everything, as one consistent snapshot (one read transaction)."""
        decrypt = self._cipher.decrypt
        with self.engine.connect() as raw:
            conn = raw.execution_options(isolation_level="REPEATABLE READ") \
                if self.path is None else raw
            with conn.begin():
                rels = conn.execute(select(RelationshipRow.id, RelationshipRow.name,
                                           RelationshipRow.kind, RelationshipRow.notes)
                                    .where(RelationshipRow.owner_id.is_(None))
                                    .order_by(RelationshipRow.id)).all()
                rows = conn.execute(select(EntryRow.id, EntryRow.kind, EntryRow.relationship_id,
                                           EntryRow.occurred_at, EntryRow.body)
                                    .where(EntryRow.owner_id.is_(None))
                                    .order_by(EntryRow.id)).all()
        return {"format": "mend-journal/1",
                "relationships": [{"id": i, "name": decrypt(n), "kind": k, "notes": decrypt(o)}
                                  for i, n, k, o in rels],
                "entries": [{"id": i, "kind": k, "relationship_id": rel,
                             "occurred_at": _exported_when(at), "body": json.loads(decrypt(body))}
                            for i, k, rel, at, body in rows]}

    def import_(self, data: Mapping[str, Any], *, source: str | None = None,
                warnings: list[str] | None = None) -> tuple[int, int]:
        """Read an export into this (empty) journal, all in one transaction.

        A malformed export is refused before anything is written, with a message that names
        ``source`` (the file, when there is one) and the place: ``relationships[0] has no "kind"``.
        An entry's time that is not an ISO date and time (an older Mend kept ``--when`` as
        typed: ``yesterday``) is refused too, unless the caller passes a ``warnings`` list: then
        the text is kept as it was, as in the journal it was exported from, and a warning naming
        the entry is added to the list, so that an upgraded journal's export imports back.
        """
        where = f"{source}: " if source else ""

        def wrong(message: str) -> JournalError:
            return JournalError(where + message)

        if not isinstance(data, Mapping):
            raise wrong('expected a Mend journal export object ("format": "mend-journal/1"), '
                        f"found {_a_json(data)}")
        if has_lone_surrogate(data):
            raise wrong("the export holds half of a character (a lone surrogate such as "
                        "\\ud83d, as when an emoji is cut in two); nothing was imported")
        if data.get("format") != "mend-journal/1":
            raise wrong('expected a Mend journal export ("format": "mend-journal/1")')
        encrypt = self._cipher.encrypt
        largest = _LARGEST_ID if self.path is not None else _LARGEST_POSTGRES_ID
        rels = []
        rel_ids: dict[Any, str] = {}
        for place, r in _items(data, "relationships", wrong):
            _fields(r, place, ("id", "name", "kind"), wrong)
            if r["kind"] not in REL_KINDS:
                raise wrong(f'{place}: "kind" should be one of {", ".join(REL_KINDS)}, '
                            f"found {r['kind']!r}")
            for name in ("name", "notes"):
                if not isinstance(r.get(name, ""), str):
                    raise wrong(f'{place}: "{name}" should be text, found {_a_json(r[name])}')
            if not r["name"].strip():
                raise wrong(f'{place}: "name" is empty; a relationship needs a name or pseudonym')
            rel_id = _whole(r, "id", place, wrong, largest)
            _once(rel_ids, rel_id, place, f'"id" {rel_id}', wrong)
            rels.append(RelationshipRow(id=rel_id, name=encrypt(r["name"]),
                                        kind=r["kind"], notes=encrypt(r.get("notes", ""))))
        known = {r.id for r in rels}
        entries = []
        entry_ids: dict[Any, str] = {}
        refs: dict[Any, str] = {}
        for place, e in _items(data, "entries", wrong):
            _fields(e, place, ("id", "kind", "relationship_id", "occurred_at", "body"), wrong)
            if not isinstance(e["body"], Mapping):
                raise wrong(f'{place}: "body" should be an object, found {_a_json(e["body"])}')
            if not isinstance(e["occurred_at"], str):
                raise wrong(f'{place}: "occurred_at" should be a date and time as text, found '
                            f"{_a_json(e['occurred_at'])}")
            as_typed = None
            try:
                occurred_at = stored_when(e["occurred_at"])
            except JournalError:
                occurred_at = _legacy_when(e["occurred_at"], place, wrong, warnings,
                                           fits=self.path is not None or None,
                                           kind=e["kind"])
                if occurred_at != e["occurred_at"]:
                    as_typed = e["occurred_at"]
            rel = None if e["relationship_id"] is None else _whole(e, "relationship_id", place,
                                                                   wrong, largest)
            if rel is not None and rel not in known:
                raise wrong(f'{place}: "relationship_id" {rel} is none of the export\'s '
                            "relationships")
            try:
                validate_entry(e["kind"], e["body"])
                _readable_body(e["kind"], e["body"])
            except (JournalError, InvalidInputError) as exc:
                raise wrong(f"{place}: {exc}") from None
            entry_id = _whole(e, "id", place, wrong, largest)
            _once(entry_ids, entry_id, place, f'"id" {entry_id}', wrong)
            ref = ref_of(e["kind"], e["body"])
            if ref is not None:
                what = (f"coach session {ref!r}" if e["kind"] == "coach_session" else
                        f"{_NOUN.get(e['kind'], e['kind'])} {ref!r}")
                _once(refs, (e["kind"], ref), place, what, wrong)
            body = dict(e["body"])
            if as_typed is not None and e["kind"] in _OPEN_BODIES:
                body["when_as_typed"] = as_typed
            payload = json.dumps(body, ensure_ascii=False, sort_keys=True)
            entries.append(EntryRow(id=entry_id, kind=e["kind"],
                                    relationship_id=rel, occurred_at=occurred_at,
                                    body=encrypt(payload), ref=ref))
        with self._tx() as s:
            s.add_all(rels)
            s.flush()
            s.add_all(entries)
            s.flush()
            if self.path is None:  # PostgreSQL: the id sequences continue after the imported ids
                for table in ("relationships", "entries"):
                    # (the last id used, not the next: the largest id fits, and its next
                    # would not)
                    s.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                   f"COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM {table}"))
        return len(rels), len(entries)

    def delete_all(self) -> None:
        """Delete every entry and relationship of the single-user journal (a practice's client
        entries stay), overwrite the freed pages, shrink the file."""
        with self._tx() as s:
            s.execute(delete(EntryRow).where(EntryRow.owner_id.is_(None)))
            s.execute(delete(RelationshipRow).where(RelationshipRow.owner_id.is_(None)))
        if self.path is not None:
            with self.engine.connect() as raw:
                conn = raw.execution_options(isolation_level="AUTOCOMMIT")
                conn.execute(text("VACUUM"))
                # Until the WAL is copied into the file and emptied, the file's old pages and
                # the WAL's older frames still hold what was deleted.
                conn.exec_driver_sql(f"PRAGMA busy_timeout = {_CHECKPOINT_WAIT_MS}")
                try:
                    emptied = _checkpoint(conn)
                finally:
                    conn.exec_driver_sql("PRAGMA busy_timeout = 10000")
            if not emptied:
                raise DeletedButKept(
                    "everything was deleted from the journal, but another program still has the "
                    "journal open, so older copies of what was deleted remain in "
                    f"{self.path.name} and {self.path.name}-wal until it lets go. Close Mend "
                    "wherever it has the journal open (`mend serve`, another `mend` command), "
                    "then run `mend journal delete --all` again to finish")
        else:
            with self.engine.connect() as conn:
                conn.execution_options(isolation_level="AUTOCOMMIT").execute(
                    text("VACUUM FULL"))

    def backup(self, dest: Path) -> None:
        """A consistent copy, encrypted with the same passphrase as the journal: on SQLite an
        SQLCipher copy of the file; on PostgreSQL the export sealed with AES-GCM
        (``mendkit.journal.backup``). Either way with ``FILE.kdf.json`` beside it."""
        if self.path is None:
            if not isinstance(self._cipher, TextCipher):
                raise JournalError("this journal has no key to seal a backup with")
            with self._read() as s:
                kdf = _sidecar_from_text(_meta(s, "kdf"))
            write_backup(dest, self.export(), self._cipher, kdf)
            return
        try:
            # Made empty and private first (VACUUM INTO writes into an empty file): the copy is
            # the whole journal, plaintext when the journal is not encrypted.
            os.close(open_private(dest, os.O_WRONLY | os.O_EXCL))
        except FileExistsError:
            raise JournalError(f"{dest}: already exists") from None
        except OSError as exc:
            raise JournalError(f"{dest}: the backup could not be written ({_os_reason(exc)})"
                               ) from None
        try:
            with self.engine.connect() as raw:
                conn = raw.execution_options(isolation_level="AUTOCOMMIT")
                conn.execute(text("VACUUM INTO :dest"), {"dest": str(dest)})
            side = sidecar_path(self.path.parent)
            atomic_write(dest.with_name(dest.name + ".kdf.json"), side.read_bytes())
        except BaseException:
            dest.unlink(missing_ok=True)
            raise

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


_NOUN = {"coach_session": "coach session", "coach_pair": "two-person session"}


def _owned_by(owner_id: int | None, any_person: bool) -> ColumnElement[bool]:
    """Whose entries: one person's, any person's of a practice, or (None) the single-user
    journal's."""
    if any_person:
        return EntryRow.owner_id.is_not(None)
    return EntryRow.owner_id.is_(None) if owner_id is None else EntryRow.owner_id == owner_id


def _exported_when(stored: str) -> str:
    """An entry's time as an export writes it: normalised as an import reads it (an earlier
    ``mend journal add`` stored ``--when`` as typed, `` 2026-11-20``), so that an export of any
    journal Mend wrote imports back; a time no version of Mend can read is left as it is."""
    try:
        return stored_when(stored)
    except JournalError:
        return stored


def _legacy_when(value: str, place: str, wrong: _Wrong, warnings: list[str] | None, *,
                 fits: bool | None, kind: str) -> str:
    """An imported entry's time that no ISO reading understands, kept (with a warning in
    ``warnings``) so that an upgraded journal's export imports back; refused without
    ``warnings``, or when empty.

    SQLite does not hold a text column to its width (``fits``), and an older Mend stored
    ``--when`` there whole, of any length: so is it kept. PostgreSQL holds
    ``EntryRow.occurred_at`` to its 40 characters: a longer time is cut to them, and the whole
    text is kept in the entry's body as ``when_as_typed`` (where its kind's body has room)."""
    expected = (f'{place}: "occurred_at" should be an ISO date and time (like 2026-01-31T18:30), '
                f"found {value!r}")
    if warnings is None:
        raise wrong(expected)
    if not value.strip():
        raise wrong(expected + " (empty)")
    if fits or len(value) <= _WHEN_WIDTH:
        warnings.append(f"{place}: the time {value!r} is not an ISO date and time (an older "
                        "Mend kept it as typed); it was kept as written, and insights leave "
                        "that entry out of the figures over time")
        return value
    cut = value[:_WHEN_WIDTH]
    kept = ("the whole text is kept in the entry as \"when_as_typed\""
            if kind in _OPEN_BODIES else "the whole text is the one quoted here")
    warnings.append(f"{place}: the time {value!r} is not an ISO date and time (an older Mend "
                    f"kept it as typed), and this journal holds at most {_WHEN_WIDTH} characters "
                    f"of it: it was kept as {cut!r}, {kept}, and insights leave that entry out "
                    "of the figures over time")
    return cut


# Entry kinds whose body may hold a field of its own (a correction's or a coach session's
# reader refuses one it does not know).
_OPEN_BODIES = ("rupture", "repair", "checkin", "analysis")
_WHEN_WIDTH = 40  # EntryRow.occurred_at is String(40)


def _a_json(value: object) -> str:
    """What a JSON value is, in words: ``a list``, ``a string``, ``null``."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, (list, tuple)):
        return "a list"
    return "an object"


_Wrong = Callable[[str], JournalError]


def _items(data: Mapping[str, Any], key: str, wrong: _Wrong
           ) -> list[tuple[str, Mapping[str, Any]]]:
    """The objects of an export's list ``key``, each with its place (``entries[3]``)."""
    if key not in data:
        raise wrong(f'the export has no "{key}" list')
    items = data[key]
    if not isinstance(items, list):
        raise wrong(f"{key}: expected a list, found {_a_json(items)}")
    found = []
    for i, item in enumerate(items):
        if not isinstance(item, Mapping):
            raise wrong(f"{key}[{i}]: expected an object, found {_a_json(item)}")
        found.append((f"{key}[{i}]", item))
    return found


def _fields(item: Mapping[str, Any], place: str, names: tuple[str, ...], wrong: _Wrong
            ) -> None:
    missing = [f'"{name}"' for name in names if name not in item]
    if missing:
        listed = ", ".join(missing[:-1]) + " or " + missing[-1] if len(missing) > 1 else missing[0]
        raise wrong(f"{place} has no {listed}")


_LARGEST_ID = 2**63 - 1  # SQLite's largest integer key
_LARGEST_POSTGRES_ID = 2**31 - 1  # the journal's id columns on PostgreSQL are integer (int4)


def _whole(item: Mapping[str, Any], name: str, place: str, wrong: _Wrong,
           largest: int = _LARGEST_ID) -> int:
    """An id in an export: a whole number the journal's keys can hold (up to ``largest``)."""
    value = item[name]
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= largest:
        raise wrong(f'{place}: "{name}" should be a whole number from 1 to {largest}, '
                    f"found {value!r}")
    return value


def _once(seen: dict[Any, str], key: Any, place: str, what: str, wrong: _Wrong) -> None:
    """Refuse a second use of ``key`` in an export (``what`` says what is repeated)."""
    if key in seen:
        raise wrong(f"{place}: {what} is used twice (also {seen[key]}); nothing was imported")
    seen[key] = place


def _readable_body(kind: str, body: Mapping[str, Any]) -> None:
    """Refuse a coach session or correction that the coach or ``mend train`` could not read
    back, with their readers' own words (``InvalidInputError``)."""
    if kind == "coach_session":
        CoachSession.from_dict(body)
    elif kind == "correction":
        Correction.from_dict(dict(body))


def _meta(s: Session, key: str) -> str:
    row = s.get(MetaRow, key)
    if row is None:
        raise JournalError(f"the journal's {key!r} record is missing; is this a Mend journal?")
    return row.value


def _sidecar_from_text(raw: str) -> Sidecar:
    d = json.loads(raw)
    return Sidecar(salt=bytes.fromhex(d["salt"]), params=KdfParams(
        time_cost=d["time_cost"], memory_kib=d["memory_kib"], parallelism=d["parallelism"]))


def _remove_empty_plain(home: Path) -> bool:
    """Remove an unencrypted journal that holds nothing, so that an encrypted one can take its
    place (the way to protect a journal created without encryption: export it, delete
    everything, create it again with a passphrase, import the export). False for any other
    journal; an unencrypted one that holds something, or is open elsewhere, is refused in words."""
    path, side = db_path(home), sidecar_path(home)
    try:
        if not path.is_file() or Sidecar.read(side).encrypted:
            return False
    except JournalError:
        return False
    tables = ("entries", "relationships", "users")
    conn = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        try:
            # Exclusive: refused while any other connection has the file open (`mend serve`).
            conn.execute("PRAGMA locking_mode = EXCLUSIVE")
            conn.execute("BEGIN EXCLUSIVE")
            names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            held = sum(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                       for t in tables if t in names)
        except sqlite3.Error as exc:
            raise JournalError(f"{path}: the journal here is not encrypted, and it cannot be "
                               f"replaced right now ({exc}); close Mend wherever it has the "
                               "journal open, and try again") from None
        if held:
            raise JournalError(f"{path}: the journal here is not encrypted and still holds "
                               "entries, so nothing was changed. To protect it, export it, delete "
                               "everything, create it again with a passphrase, and import the "
                               "export (`mend journal import FILE`)")
        for extra in ("-wal", "-shm"):
            path.with_name(path.name + extra).unlink(missing_ok=True)
        path.unlink()
    finally:
        conn.close()
    side.unlink()
    practice_marker_path(home).unlink(missing_ok=True)
    _sync_folder(home)
    return True


def _open_on_a_full_disk(home: Path, key: bytes | None) -> Engine:
    """Open the journal when its folder has no room for SQLite's shared-memory file, so that it
    can still be read (and exported elsewhere): with this process alone holding it (exclusive
    locking keeps SQLite's WAL index in memory), one connection at a time."""
    path = db_path(home)
    try:
        return _connect(lambda: _sqlite_engine(path, key, alone=True))
    except _NoRoom as exc:
        raise JournalError(f"cannot open the journal: the disk that holds {home} is full "
                           f"({exc}); even reading the journal needs a little room beside it. "
                           "Free some space, and try again") from None


class _NoRoom(JournalError):
    """SQLite could not make or grow a file beside the journal (a full disk, mostly)."""


_CHECKPOINT_WAIT_MS = 10000  # how long delete waits for other readers to let go of old pages


class DeletedButKept(JournalError):
    """``delete_all`` deleted everything (running it again finishes), or ``delete_entry``,
    ``delete_relationship`` or ``rename_relationship`` made its change, but another connection
    kept SQLite from overwriting the old copies of the pages in the file and its WAL."""


# Said with every wrong passphrase: another window may have changed it (a terminal that typed
# the right one a minute ago is otherwise told it is wrong).
_CHANGED_ELSEWHERE = ("If the passphrase was changed in another window since you last typed it "
                      "(with `mend journal rekey`, or on the settings page), use the new one.")
WRONG_PASSPHRASE = ("wrong passphrase (or not a Mend journal); nothing was changed. "
                    + _CHANGED_ELSEWHERE)


class _WrongKey(JournalError):
    """The key does not open the database (wrong passphrase, or not a Mend journal)."""


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


class DatabaseUnreachableError(JournalError):
    """The journal's PostgreSQL server cannot be reached (stopped, restarted, network down) after
    the journal was opened; the web app answers 503."""


def _unreachable_in_words(engine: Engine) -> None:
    """Once a PostgreSQL journal is open, a lost or refused connection becomes
    :class:`DatabaseUnreachableError` in words, on every read and write (no traceback, and a read
    is not said to be a failed write). The pool still drops the dead connection: once the server
    is back, the next request works."""

    @event.listens_for(engine, "handle_error")
    def _unreachable(context: Any) -> None:
        # A lost connection, or a new one refused (not a deadlock or a timeout, which are
        # psycopg OperationalErrors too).
        if context.is_disconnect or context.connection is None:
            reason = " ".join(str(context.original_exception).split())
            raise DatabaseUnreachableError(
                f"the journal's database cannot be reached right now ({reason}). Everything "
                "saved before is safe; if this was a change, it was not saved. Try again once "
                "the database is back.") from None


def postgres_engine(url: str) -> Engine:
    """An engine for ``MEND_DATABASE_URL`` (not connected yet). A URL Mend cannot use is a
    :class:`JournalError` that says why (never with its password)."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise JournalError(_NOT_A_URL) from None
    except ValueError:  # SQLAlchemy reads the port as a number, and nothing else fails so
        host = url.split("://", 1)[-1].rsplit("@", 1)[-1]  # never the password
        port = host.split("/", 1)[0].split("?", 1)[0].rpartition(":")[2]
        raise JournalError(f"{_NOT_A_URL}; the port {port!r} is not a number") from None
    try:
        return create_engine(parsed)
    except ArgumentError:
        raise JournalError(_NOT_A_URL) from None
    except ImportError as exc:  # a driver that is not installed: Mend uses psycopg (3) only
        if isinstance(exc, ModuleNotFoundError) and (exc.name or "").split(".")[0] == "psycopg":
            raise  # the supported driver, not installed: the caller names the extra
        raise JournalError(f"{_NOT_A_URL}; only postgresql+psycopg is supported, not "
                           f"{parsed.drivername}") from None


def _connect(factory: Any, *args: Any) -> Engine:
    engine: Engine = factory(*args)
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except DatabaseError as exc:
        engine.dispose()
        msg = str(exc.orig)
        if "not a database" in msg:
            raise _WrongKey(WRONG_PASSPHRASE) from None
        if "readonly" in msg or "read-only" in msg:
            raise JournalError(f"the journal is read-only: {msg}") from None
        if "disk I/O error" in msg or "disk is full" in msg:
            raise _NoRoom(msg) from None
        if _is_damage(msg):
            raise JournalError(f"the journal file is damaged ({msg}); nothing was changed. "
                               "Restore it from a backup") from None
        raise JournalError(f"cannot open the journal: {msg}") from None
    if engine.dialect.name == "postgresql":
        _unreachable_in_words(engine)
    return engine


_NOT_A_URL = ("MEND_DATABASE_URL is not a database URL (expected "
              "postgresql+psycopg://user:password@host:port/db)")


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
