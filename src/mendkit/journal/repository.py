"""The repository the rest of Mend uses: open or create a journal, add, list, export, delete.

SQLite: ``$MEND_HOME/journal.db`` encrypted with SQLCipher (raw 256-bit key from argon2id), WAL
mode, secure_delete on, a busy timeout for concurrent readers. PostgreSQL: ``MEND_DATABASE_URL``;
free text is encrypted with AES-GCM by :class:`~mendkit.journal.crypto.TextCipher`.
Every write is one transaction. The single-user journal is the rows without an owner
(``owner_id`` NULL); what a practice's people own (client entries, ``mendkit.journal.accounts``;
coach sessions and two-person answers, ``mendkit.journal.stores``) is never listed, exported or
deleted here.

This module gathers the journal's names from its parts: :class:`Journal` itself and opening it
(:mod:`~mendkit.journal.opening`), adding and reading (:mod:`~mendkit.journal.entry_store`),
correcting one entry or relationship (:mod:`~mendkit.journal.journal_edits`), export, import,
delete and backup (:mod:`~mendkit.journal.whole_journal`, checked by
:mod:`~mendkit.journal.import_checks`), changing the passphrase (:mod:`~mendkit.journal.rekeying`),
transactions (:mod:`~mendkit.journal.journal_core`), connecting (:mod:`~mendkit.journal.engines`),
the files in ``$MEND_HOME`` (:mod:`~mendkit.journal.journal_files`) and the records it hands back
(:mod:`~mendkit.journal.records`).
"""

from __future__ import annotations

from mendkit.journal.engines import WRONG_PASSPHRASE, DatabaseUnreachableError, postgres_engine
from mendkit.journal.journal_core import PASSPHRASE_CHANGED, PassphraseChangedError, _write_error
from mendkit.journal.journal_edits import DeletedButKept
from mendkit.journal.journal_files import db_path, practice_marker_path, sidecar_path
from mendkit.journal.opening import Journal
from mendkit.journal.records import Entry, Relationship
from mendkit.journal.rekeying import _rekey_lock, key_change_under_way

__all__ = [
    "PASSPHRASE_CHANGED", "WRONG_PASSPHRASE", "DatabaseUnreachableError", "DeletedButKept", "Entry",
    "Journal", "PassphraseChangedError", "Relationship", "_rekey_lock", "_write_error", "db_path",
    "key_change_under_way", "postgres_engine", "practice_marker_path", "sidecar_path",
]
