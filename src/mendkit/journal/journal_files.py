"""The journal's files in ``$MEND_HOME``: where the database, its key file and the practice marker
are, SQLite's companion files beside it, a rename made durable, and removing what an unfinished
``Journal.create`` wrote or an empty unencrypted journal that an encrypted one replaces."""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
import sys
from pathlib import Path

from mendkit.errors import JournalError
from mendkit.journal.crypto import Sidecar


def db_path(home: Path) -> Path:
    return home / "journal.db"


def sidecar_path(home: Path) -> Path:
    return home / "journal.db.kdf.json"


def practice_marker_path(home: Path) -> Path:
    """A plain file that says the encrypted journal beside it serves a practice, so that
    ``mend serve`` can tell without the key (``mendkit.journal.accounts.known_practice``)."""
    return home / "journal.db.practice"


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
