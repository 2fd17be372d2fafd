"""Correcting the single-user journal one entry or one relationship at a time: delete, rename,
link, and then overwrite the old copies of what changed (SQLite's WAL emptied into the file;
PostgreSQL's tables rewritten)."""

from __future__ import annotations

import json
from collections.abc import Mapping

from sqlalchemy import delete, select, text, update
from sqlalchemy.orm import Session

from mendkit.errors import JournalError, NotInJournalError
from mendkit.insights import said_name
from mendkit.journal.engines import _checkpoint
from mendkit.journal.journal_core import JournalCore
from mendkit.journal.kinds import relationship_fields
from mendkit.journal.records import Entry, Relationship
from mendkit.journal.tables import EntryRow, RelationshipRow

_CHECKPOINT_WAIT_MS = 10000  # how long delete waits for other readers to let go of old pages
# The tables whose old copies a change may leave (by name: never text from elsewhere in SQL).
_TABLES = {"entries": "entries", "relationships": "relationships"}


class DeletedButKept(JournalError):
    """``delete_all`` deleted everything (running it again finishes), or ``delete_entry``,
    ``delete_relationship`` or ``rename_relationship`` made its change, but another connection
    kept SQLite from overwriting the old copies of the pages in the file and its WAL."""


class JournalEdits(JournalCore):
    """Deleting, renaming and linking one entry or relationship, and overwriting what it held (a
    part of :class:`~mendkit.journal.opening.Journal`)."""

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
        self._overwrite_freed(f"entry {entry_id} was deleted", "entries")
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
        self._overwrite_freed(f"relationship {relationship_id} was deleted with its entries",
                              "entries", "relationships")
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
            # Only the name changed: the sessions linked above keep the bodies they had.
            self._overwrite_freed(f"relationship {relationship_id} was renamed", "relationships")
        return old, Relationship(id=old.id, name=name, kind=old.kind, notes=old.notes)

    def link_entry(self, entry_id: int, relationship_id: int) -> None:
        """Save an entry of the single-user journal under a relationship (both must exist)."""
        with self._tx() as s:
            self._relationship_row(s, relationship_id)
            row = s.get(EntryRow, entry_id) if self._fits(entry_id) else None
            if row is None or row.owner_id is not None:
                raise NotInJournalError(f"no entry with id {entry_id}; nothing was changed")
            row.relationship_id = relationship_id

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

    def _overwrite_freed(self, done: str, *tables: str) -> None:
        """After a delete or a rename: overwrite the old copies of what changed. On SQLite,
        secure_delete has zeroed it in the new pages; the WAL is copied into the file and emptied,
        so that no older page (in the file or the WAL) still holds it. On PostgreSQL the
        ``tables`` that changed are rewritten, and only those (their free text is sealed with
        the journal's key either way, but a passphrase known later would open an old copy).

        A plain VACUUM is not enough there: it frees a dead row's space in its page without
        overwriting it, so a deleted name or entry can stay in the table's file until new rows
        happen to fill that space (tests/journal/test_round17_pg_overwrite.py). VACUUM FULL
        writes the table anew, without the dead rows, and removes the old file."""
        if self.path is None:
            with self.engine.connect() as conn:
                conn.execution_options(isolation_level="AUTOCOMMIT").execute(
                    text(f"VACUUM FULL {', '.join(_TABLES[t] for t in tables)}"))
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
