"""The journal the rest of Mend uses: :class:`Journal`, created once and then opened with its key
(on SQLite or PostgreSQL). Its parts: adding and reading (:mod:`~mendkit.journal.entry_store`),
correcting one entry or relationship (:mod:`~mendkit.journal.journal_edits`), the whole journal
at once (:mod:`~mendkit.journal.whole_journal`) and changing the passphrase
(:mod:`~mendkit.journal.rekeying`), over :mod:`~mendkit.journal.journal_core`."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import inspect, select
from sqlalchemy.exc import DBAPIError

from mendkit._files import make_private, open_private, private_folder
from mendkit.errors import JournalError
from mendkit.journal.crypto import KdfParams, PlainText, Sidecar, TextCipher, derive_key, new_salt
from mendkit.journal.engines import (
    _CHANGED_ELSEWHERE,
    _connect,
    _NoRoom,
    _open_on_a_full_disk,
    _sqlite_engine,
    _WrongKey,
    postgres_engine,
)
from mendkit.journal.entry_store import EntryStore
from mendkit.journal.journal_core import _Cipher, _sidecar_from_text, _Tx
from mendkit.journal.journal_edits import JournalEdits
from mendkit.journal.journal_files import (
    _companions,
    _full_or,
    _os_reason,
    _remove_empty_plain,
    _remove_unfinished,
    db_path,
    practice_marker_path,
    sidecar_path,
)
from mendkit.journal.rekeying import Rekeying, _drop_unused_pending, _finish_rekey, _pending_sidecars
from mendkit.journal.schema import upgrade
from mendkit.journal.tables import MetaRow
from mendkit.journal.whole_journal import WholeJournal


class Journal(EntryStore, JournalEdits, WholeJournal, Rekeying):
    """A journal opened with its key. Use :meth:`create` once, then :meth:`open`."""

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
