"""The unlocked journal, held in this process's memory only.

In local single-user mode the journal is unlocked once with its passphrase; the opened
:class:`~mendkit.journal.repository.Journal` (and with it the derived key) lives here until "Lock"
or the end of the process. It is never written to a cookie or a file. Every use goes through
:meth:`JournalVault.use`, which holds a lock, so "Lock" never pulls the journal from under a request.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from mendkit.errors import JournalError, JournalLockedError
from mendkit.journal.kinds import check_passphrase_length

if TYPE_CHECKING:
    from mendkit.journal.crypto import KdfParams
    from mendkit.journal.repository import Journal

Status = Literal["missing", "locked", "open", "unavailable"]
LOCKED_MESSAGE = "The journal is locked. Unlock it with your passphrase first (on the Journal page)."
CHANGED_MESSAGE = ("The journal's passphrase was changed elsewhere (by `mend journal rekey`). "
                   "Nothing was saved with the old one, and everything saved before is safe. "
                   "Unlock it with the new passphrase on the Journal page.")


class JournalVault:
    """Create, unlock, use and lock the one journal of this app (SQLite under ``home``, or
    PostgreSQL at ``url``)."""

    def __init__(self, home: Path, *, url: str | None = None,
                 kdf: tuple[int, int, int] | None = None) -> None:
        self.home = home
        self.url = url
        self._kdf = kdf
        self._journal: Journal | None = None
        self._key_file: tuple[int, int, int] | None = None  # the key file when it was opened
        self._lock = threading.RLock()
        self._seen = False
        # True once another process changed the passphrase while the journal was open here (it
        # was locked then), until it is unlocked again.
        self.changed_elsewhere = False
        self.problem = ""  # why the status is "unavailable" (say, PostgreSQL cannot be reached)
        # Called each time the journal is locked (by a person, at shutdown, or because another
        # process changed its passphrase): the web app forgets its cached results there.
        self.on_lock: list[Callable[[], None]] = []

    # -- what is there -------------------------------------------------------------------------
    @property
    def on_postgres(self) -> bool:
        return bool(self.url)

    def exists(self) -> bool:
        if self.url:  # one query per page is enough; a journal, once there, stays there
            self._seen = self._seen or _postgres_has_journal(self.url)
            return self._seen
        from mendkit.journal.repository import db_path

        return db_path(self.home).exists()

    def encrypted(self) -> bool:
        """False only for a SQLite journal created with the explicit "no encryption" choice."""
        if self.url:
            return True
        from mendkit.journal.crypto import Sidecar
        from mendkit.journal.repository import sidecar_path

        side = sidecar_path(self.home)
        return not side.exists() or Sidecar.read(side).encrypted

    def status(self) -> Status:
        """Never raises, so every page can show it; "unavailable" comes with :attr:`problem`."""
        with self._lock:
            self._forget_if_rekeyed()
            if self._journal is not None:
                return "open"
            try:
                if not self.exists():
                    return "missing"
                return "locked" if self.encrypted() else "open"
            except JournalError as exc:
                self.problem = str(exc)
                return "unavailable"

    # -- opening and closing -------------------------------------------------------------------
    def create(self, passphrase: str | None, repeat: str | None = None) -> None:
        """A new journal; ``passphrase=None`` is the explicit "no encryption" choice (SQLite)."""
        from mendkit.journal.repository import Journal

        if passphrase is not None:
            check_new_passphrase(passphrase, repeat)
        elif self.url:
            raise JournalError("a journal on PostgreSQL always needs a passphrase")
        with self._lock:
            if self.exists():
                if self.url or passphrase is None or self.encrypted():
                    raise JournalError("there is already a journal here; unlock it instead")
                # An unencrypted journal: replaced by an encrypted one only while it is empty
                # (Journal.create checks, and says what to do otherwise).
                self.lock()
            self._journal = Journal.create(self.home, passphrase, url=self.url,
                                           kdf=self._kdf_params())
            self._opened_now()

    def unlock(self, passphrase: str) -> None:
        """Open the journal with its passphrase. A wrong one raises and changes nothing."""
        from mendkit.journal.repository import Journal

        if not passphrase:
            raise JournalError("type the journal's passphrase to unlock it")
        with self._lock:
            self._forget_if_rekeyed()
            if self._journal is None:
                if not self.exists():
                    raise JournalError("there is no journal yet; create one first")
                self._journal = Journal.open(self.home, passphrase, url=self.url)
                self._opened_now()
                return
        # Already open (unlocked in another tab): the passphrase is checked all the same, by
        # opening the journal with it, outside the lock so that the other tabs go on meanwhile.
        # A wrong one raises as above, and the open journal stays open.
        checked = Journal.open(self.home, passphrase, url=self.url)
        with self._lock:
            if self.opened() is None:  # locked meanwhile: this passphrase opens it again
                self._journal = checked
                self._opened_now()
                return
        checked.close()

    def lock(self) -> None:
        """Forget the opened journal and its key."""
        with self._lock:
            if self._journal is not None:
                self._journal.close()
                self._journal = None
            for forget in self.on_lock:
                forget()

    def notice_rekey(self) -> None:
        """Lock the journal now if another process changed its passphrase (a cheap look at the
        key file; for pages that do not otherwise open the journal)."""
        with self._lock:
            self._forget_if_rekeyed()

    def opened(self) -> Journal | None:
        """The open journal or None, without waiting for the lock or touching a file (a hint:
        only :meth:`use` may work with it)."""
        return self._journal

    @contextmanager
    def use(self) -> Iterator[Journal]:
        """The open journal, for one operation; raises :class:`JournalLockedError` if locked."""
        with self._lock:
            if self._forget_if_rekeyed() or (self._journal is None and self.changed_elsewhere):
                raise JournalLockedError(CHANGED_MESSAGE)
            if self._journal is None:
                if not self.exists():
                    raise JournalLockedError("There is no journal yet. Create one on the "
                                             "Journal page first.")
                if self.encrypted():
                    raise JournalLockedError(LOCKED_MESSAGE)
                from mendkit.journal.repository import Journal

                self._journal = Journal.open(self.home, None)
                self._opened_now()
            journal = self._journal
            try:
                yield journal
            except Exception as exc:
                if self._rekeyed_under(exc):
                    raise JournalLockedError(CHANGED_MESSAGE) from None
                if not isinstance(exc, JournalError):
                    raise
                # On PostgreSQL a write under a key changed elsewhere is refused (the journal
                # found out itself), and a read fails to decrypt (asked here, on that error
                # only): say so in the same words as on SQLite, and forget the old key.
                from mendkit.journal.repository import DatabaseUnreachableError

                if (self.url and not isinstance(exc, DatabaseUnreachableError)
                        and not journal.key_is_current() and self._forget_if_rekeyed()):
                    raise JournalLockedError(CHANGED_MESSAGE) from None
                raise

    def change_passphrase(self, current: str, new: str, repeat: str) -> None:
        """Rekey the SQLite journal: the current passphrase must be right; the journal stays open."""
        from mendkit.journal.repository import Journal

        if self.url:
            raise JournalError("changing the passphrase works on the SQLite journal only for now")
        check_new_passphrase(new, repeat)
        with self.use() as journal:
            if not self.encrypted():
                raise JournalError("this journal is not encrypted; export it, delete it and "
                                   "create a new one with a passphrase")
            Journal.open(self.home, current).close()  # raises on a wrong current passphrase
            if new == current:
                raise JournalError("choose a new passphrase: this one is the same as the current "
                                   "one, so nothing was changed")
            journal.rekey(self.home, new, self._kdf_params())
            self._journal = Journal.open(self.home, new)
            self._opened_now()

    def _opened_now(self) -> None:
        self._key_file = self.key_file()
        self.changed_elsewhere = False

    def key_file(self) -> tuple[int, int, int] | None:
        """The SQLite journal's key file as it is now (a passphrase change replaces it); None on
        PostgreSQL or when there is none."""
        if self.url:
            return None
        from mendkit.journal.repository import sidecar_path

        try:
            found = sidecar_path(self.home).stat()
        except OSError:
            return None
        return found.st_ino, found.st_mtime_ns, found.st_size

    def _forget_if_rekeyed(self) -> bool:
        """Lock the journal if another process changed its passphrase since it was opened (its
        connections hold the old key, which opens nothing now); True if it did."""
        if self._journal is None:
            return False
        if self.url:
            if not self._journal.key_changed:  # set by a write that found out (no query here)
                return False
        elif self.key_file() == self._key_file:
            return False
        self.lock()
        self.changed_elsewhere = True
        return True

    def _rekeyed_under(self, exc: Exception) -> bool:
        """Whether ``exc`` is SQLCipher's wrong-key error ("file is not a database") on the
        open SQLite journal because another process is changing or has changed its passphrase:
        the pages are under the new key a moment before the new key file is in place, which
        :meth:`_forget_if_rekeyed` looks at. If so, lock the journal (True)."""
        if self.url or self._journal is None or not _wrong_key(exc):
            return False
        from mendkit.journal.repository import key_change_under_way

        if self.key_file() == self._key_file and not key_change_under_way(self.home):
            return False  # the key is the journal's: the file itself is damaged, say so
        self.lock()
        self.changed_elsewhere = True
        return True

    def _kdf_params(self) -> KdfParams | None:
        if self._kdf is None:
            return None
        from mendkit.journal.crypto import KdfParams

        t, m, p = self._kdf
        return KdfParams(time_cost=t, memory_kib=m, parallelism=p)


def _wrong_key(exc: BaseException) -> bool:
    """Whether SQLCipher refused the key (its words: "file is not a database"), raised as it
    is or as the JournalError a failed write becomes."""
    seen: BaseException | None = exc
    for _ in range(4):  # the error, and the database errors it was raised from
        if seen is None:
            return False
        if "file is not a database" in str(getattr(seen, "orig", None) or seen):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def check_new_passphrase(passphrase: str, repeat: str | None) -> None:
    check_passphrase_length(passphrase)
    if repeat is not None and repeat != passphrase:
        raise JournalError("the two passphrases are not the same; type it again twice")


def _postgres_has_journal(url: str) -> bool:
    from sqlalchemy import inspect, text
    from sqlalchemy.exc import SQLAlchemyError

    from mendkit.journal.repository import postgres_engine

    engine = postgres_engine(url)  # a URL Mend cannot use: why, in words
    try:
        with engine.connect() as conn:
            if not inspect(conn).has_table("journal_meta"):
                return False
            found = conn.execute(text("SELECT 1 FROM journal_meta WHERE key = 'kdf'")).first()
            return found is not None
    except SQLAlchemyError as exc:
        # The driver's words (a wrong password, refused, no such database), which never hold
        # the password; SQLAlchemy's would add the statement and a link.
        reason = " ".join(str(getattr(exc, "orig", None) or exc.__class__.__name__).split())
        raise JournalError(f"cannot reach the journal's database: {reason}") from None
    finally:
        engine.dispose()
