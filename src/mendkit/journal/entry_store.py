"""Adding and reading the journal's relationships and entries: one at a time or many in one
transaction, by natural key (a coach session's id, a practice person's entry), in real time order,
and counted or read for insights without decrypting more than is needed."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.sql.expression import ColumnElement

from mendkit.errors import JournalError, NotAllowedError, NotInJournalError
from mendkit.insights import instant_order
from mendkit.journal.journal_core import JournalCore
from mendkit.journal.kinds import REL_KINDS, ref_of, validate_entry
from mendkit.journal.records import Entry, Relationship
from mendkit.journal.tables import EntryRow, RelationshipRow

_NOUN = {"coach_session": "coach session", "coach_pair": "two-person session"}


class EntryStore(JournalCore):
    """Adding and reading relationships and entries (a part of
    :class:`~mendkit.journal.opening.Journal`)."""

    # -- writing -------------------------------------------------------------------------------
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


def _owned_by(owner_id: int | None, any_person: bool) -> ColumnElement[bool]:
    """Whose entries: one person's, any person's of a practice, or (None) the single-user
    journal's."""
    if any_person:
        return EntryRow.owner_id.is_not(None)
    return EntryRow.owner_id.is_(None) if owner_id is None else EntryRow.owner_id == owner_id
