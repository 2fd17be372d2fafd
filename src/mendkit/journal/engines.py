"""Connecting to the journal's database: a SQLite (SQLCipher) engine with Mend's pragmas and its
own transactions, a PostgreSQL engine from ``MEND_DATABASE_URL``, and a first connection whose
failures are said in words (a wrong key, a full disk, a damaged file, a server out of reach).
Also SQLite's WAL checkpoints, which deleting and changing the passphrase wait for."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.exc import ArgumentError, DatabaseError
from sqlalchemy.pool import QueuePool

from mendkit.errors import JournalError
from mendkit.journal.journal_files import db_path


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


# Said with every wrong passphrase: another window may have changed it (a terminal that typed
# the right one a minute ago is otherwise told it is wrong).
_CHANGED_ELSEWHERE = ("If the passphrase was changed in another window since you last typed it "
                      "(with `mend journal rekey`, or on the settings page), use the new one.")
WRONG_PASSPHRASE = ("wrong passphrase (or not a Mend journal); nothing was changed. "
                    + _CHANGED_ELSEWHERE)


class _WrongKey(JournalError):
    """The key does not open the database (wrong passphrase, or not a Mend journal)."""


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
