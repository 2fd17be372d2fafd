"""The whole single-user journal at once: export it as one consistent snapshot, import an export
into an empty journal (checked by :mod:`mendkit.journal.import_checks`), delete everything and
overwrite it, and make an encrypted backup."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select, text

from mendkit._files import atomic_write, open_private
from mendkit._unicode import has_lone_surrogate
from mendkit.errors import InvalidInputError, JournalError
from mendkit.journal.backup import write_backup
from mendkit.journal.crypto import TextCipher
from mendkit.journal.engines import _checkpoint
from mendkit.journal.entry_store import _NOUN
from mendkit.journal.import_checks import (
    _OPEN_BODIES,
    _a_json,
    _exported_when,
    _fields,
    _items,
    _legacy_when,
    _once,
    _readable_body,
    _whole,
)
from mendkit.journal.journal_core import (
    _LARGEST_ID,
    _LARGEST_POSTGRES_ID,
    JournalCore,
    _meta,
    _sidecar_from_text,
)
from mendkit.journal.journal_edits import _CHECKPOINT_WAIT_MS, DeletedButKept
from mendkit.journal.journal_files import _os_reason, sidecar_path
from mendkit.journal.kinds import REL_KINDS, ref_of, stored_when, validate_entry
from mendkit.journal.tables import EntryRow, RelationshipRow


class WholeJournal(JournalCore):
    """Export, import, delete everything and back up (a part of
    :class:`~mendkit.journal.opening.Journal`)."""

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
