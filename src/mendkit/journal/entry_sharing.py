"""A client's own entries and what they share: saved with the crisis signs Mend read in them,
listed, shared with one therapist at a time and withdrawn, deleted and exported; and what a
therapist may read of them, every read and every refusal written to the audit log."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any, NoReturn

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from mendkit.errors import InvalidInputError, NotAllowedError
from mendkit.journal.account_core import AccountsCore, _an_id, _iso, _require_role
from mendkit.journal.account_records import (
    _SIGNS,
    ClientEntry,
    CrisisSigns,
    SharedEntry,
    SignsReader,
    User,
    _entry,
    _user,
)
from mendkit.journal.kinds import validate_entry
from mendkit.journal.records import Entry
from mendkit.journal.tables import EntryRow, ShareRow, UserRow

# What a client keeps in the web app: what they write, and an analysis of a conversation they ran.
CLIENT_KINDS = ("rupture", "repair", "checkin", "analysis")


class EntrySharing(AccountsCore):
    """A client's entries and shares, and a therapist's reads (a part of
    :class:`~mendkit.journal.practice_accounts.Accounts`)."""

    # -- a client's entries and shares -----------------------------------------------------
    def add_entry(self, client: User, kind: str, body: Mapping[str, Any], *,
                  occurred_at: str | None = None, signs: CrisisSigns | None = None) -> Entry:
        """Save a client's entry; ``signs``, what Mend's safety reading found in it, is kept
        with it (in its encrypted body), so that lists show it without reading again."""
        _require_role(client, "client")
        if kind not in CLIENT_KINDS:
            raise InvalidInputError(f"an entry here is one of {', '.join(CLIENT_KINDS)}")
        validate_entry(kind, body)
        kept = {k: v for k, v in body.items() if k != _SIGNS}
        payload = json.dumps(kept if signs is None else {**kept, _SIGNS: signs.to_dict()},
                             ensure_ascii=False, sort_keys=True)
        when = occurred_at or _iso(self.clock())
        with self.journal.transaction() as s:
            row = EntryRow(kind=kind, relationship_id=None, occurred_at=when, owner_id=client.id,
                           body=self.journal.cipher.encrypt(payload))
            s.add(row)
            s.flush()
            return _entry(row, json.loads(payload))

    def fill_signs(self, read: SignsReader, entry_ids: Iterable[int]) -> int:
        """Read and keep the signs of those of these client entries saved before signs were
        kept (read once, on the first list that shows them); how many were read."""
        wanted = sorted({_an_id(i) for i in entry_ids} - {0})
        if not wanted:
            return 0
        cipher = self.journal.cipher
        with self.journal.transaction() as s:
            rows = s.scalars(select(EntryRow).where(EntryRow.id.in_(wanted),
                                                    EntryRow.owner_id.is_not(None),
                                                    EntryRow.kind.in_(CLIENT_KINDS))).all()
            bodies = [(r.id, r.kind, json.loads(cipher.decrypt(r.body))) for r in rows]
        missing = [(i, kind, body) for i, kind, body in bodies
                   if CrisisSigns.from_body(body) is None]
        found = {i: read(kind, body) for i, kind, body in missing}  # no transaction held
        with self.journal.transaction() as s:
            for entry_id, signs in found.items():
                row = s.get(EntryRow, entry_id)
                if row is None:
                    continue  # deleted meanwhile
                body = json.loads(cipher.decrypt(row.body))
                body[_SIGNS] = signs.to_dict()
                row.body = cipher.encrypt(json.dumps(body, ensure_ascii=False, sort_keys=True))
        return len(found)

    def client_entries(self, client: User) -> list[ClientEntry]:
        """The client's own entries, newest first, each with whom it is shared now."""
        _require_role(client, "client")
        decrypt = self.journal.cipher.decrypt
        with self.journal.transaction() as s:
            # Only what a client keeps here: their coach sessions are theirs too, but are not
            # entries to list or share.
            rows = s.scalars(select(EntryRow).where(EntryRow.owner_id == client.id,
                                                    EntryRow.kind.in_(CLIENT_KINDS))
                             .order_by(EntryRow.occurred_at.desc(), EntryRow.id.desc())).all()
            shares: dict[int, list[User]] = {}
            for share, therapist in s.execute(
                    select(ShareRow, UserRow).join(UserRow, UserRow.id == ShareRow.therapist_id)
                    .where(ShareRow.client_id == client.id, ShareRow.withdrawn_at.is_(None))
                    .order_by(UserRow.username)):
                shares.setdefault(share.entry_id, []).append(_user(therapist))
            found = []
            for r in rows:
                body = json.loads(decrypt(r.body))
                found.append(ClientEntry(entry=_entry(r, body), signs=CrisisSigns.from_body(body),
                                         shared_with=tuple(shares.get(r.id, ()))))
            return found

    def share(self, client: User, entry_id: int, therapist: str) -> None:
        """Let ``therapist`` (a username) read this entry, which must be the client's own."""
        _require_role(client, "client")
        entry_id = _an_id(entry_id)
        with self.journal.transaction() as s:
            self._own_entry(s, client, entry_id)
            target = s.scalars(select(UserRow).where(UserRow.username == therapist.strip().lower(),
                                                     UserRow.role == "therapist",
                                                     UserRow.disabled.is_(False))).first()
            if target is None:
                raise InvalidInputError(f"no therapist named {therapist!r} here")
            if self._active_share(s, entry_id, target.id) is None:
                s.add(ShareRow(entry_id=entry_id, client_id=client.id, therapist_id=target.id,
                               granted_at=_iso(self.clock()), withdrawn_at=None))
                self._audit(s, client, "share", entry_id=entry_id, subject_id=target.id)

    def withdraw(self, client: User, entry_id: int, therapist: str) -> bool:
        """Stop sharing this entry with ``therapist``; their next request no longer sees it.
        False when it was not shared with them (nothing changed, nothing audited)."""
        _require_role(client, "client")
        entry_id = _an_id(entry_id)
        with self.journal.transaction() as s:
            self._own_entry(s, client, entry_id, "You can stop sharing only your own entries.")
            target = s.scalar(select(UserRow.id)
                              .where(UserRow.username == therapist.strip().lower()))
            share = None if target is None else self._active_share(s, entry_id, target)
            if share is None:
                return False
            share.withdrawn_at = _iso(self.clock())
            self._audit(s, client, "withdraw", entry_id=entry_id, subject_id=target)
            return True

    def own_entry(self, client: User, entry_id: int,
                  refusal: str = "That is not one of your entries.") -> ClientEntry:
        """One of the client's own entries (refused in the same words when it is not, or is
        not there), with whom it is shared now."""
        _require_role(client, "client")
        entry_id = _an_id(entry_id)
        with self.journal.transaction() as s:
            row = self._own_entry(s, client, entry_id, refusal)
            body = json.loads(self.journal.cipher.decrypt(row.body))
            shared = s.scalars(select(UserRow).join(ShareRow, ShareRow.therapist_id == UserRow.id)
                               .where(ShareRow.entry_id == entry_id,
                                      ShareRow.withdrawn_at.is_(None))
                               .order_by(UserRow.username)).all()
            return ClientEntry(entry=_entry(row, body), signs=CrisisSigns.from_body(body),
                               shared_with=tuple(_user(t) for t in shared))

    def delete_entry(self, client: User, entry_id: int) -> None:
        """Delete one of the client's own entries for good, and every share of it (a therapist
        no longer sees it, from their next request). The audit log gains a ``delete_entry``
        line (who, which entry), never what it said; earlier lines about it stay.

        What it held is then overwritten as the one-person journal's deletes are (the journal's
        ``_overwrite_freed``): on PostgreSQL the entries' table is rewritten; on SQLite the WAL
        is emptied into the file, and :class:`~mendkit.journal.journal_edits.DeletedButKept`
        says when another program kept it from that (the entry is deleted all the same)."""
        _require_role(client, "client")
        entry_id = _an_id(entry_id)
        with self.journal.transaction() as s:
            row = self._own_entry(s, client, entry_id, "You can delete only your own entries.")
            s.execute(delete(ShareRow).where(ShareRow.entry_id == entry_id))
            s.delete(row)
            self._audit(s, client, "delete_entry", entry_id=entry_id, subject_id=client.id)
        self.journal._overwrite_freed(f"entry {entry_id} was deleted", "entries")

    def export_of(self, client: User) -> dict[str, Any]:
        """Everything the client keeps on their Practice page, decrypted, as plain JSON values
        (for a download made in memory: nothing is written to disk). The export is audited
        (``export_entries``), as a read of their words is."""
        found = self.client_entries(client)
        with self.journal.transaction() as s:
            self._audit(s, client, "export_entries", subject_id=client.id)
        return {"account": client.username, "exported_at": _iso(self.clock()),
                "entries": [{"id": e.entry.id, "kind": e.entry.kind,
                             "occurred_at": e.entry.occurred_at, "body": dict(e.entry.body),
                             "shared_with": [t.username for t in e.shared_with]}
                            for e in found]}

    @staticmethod
    def _own_entry(s: Session, client: User, entry_id: int,
                   refusal: str = "You can share only your own entries.") -> EntryRow:
        row = s.get(EntryRow, entry_id)
        if row is None or row.owner_id != client.id or row.kind not in CLIENT_KINDS:
            raise NotAllowedError(refusal)
        return row

    @staticmethod
    def _active_share(s: Session, entry_id: int, therapist_id: int) -> ShareRow | None:
        return s.scalars(select(ShareRow).where(
            ShareRow.entry_id == entry_id, ShareRow.therapist_id == therapist_id,
            ShareRow.withdrawn_at.is_(None))).first()

    # -- a therapist's view ----------------------------------------------------------------
    def shared_with(self, therapist: User) -> list[SharedEntry]:
        """What clients share with this therapist now: kinds, times, clients and the crisis signs
        kept with each, no text (a read of the text is :meth:`read_shared`, which is audited)."""
        _require_role(therapist, "therapist")
        decrypt = self.journal.cipher.decrypt
        with self.journal.transaction() as s:
            found = s.execute(
                select(ShareRow, EntryRow, UserRow)
                .join(EntryRow, EntryRow.id == ShareRow.entry_id)
                .join(UserRow, UserRow.id == ShareRow.client_id)
                .where(ShareRow.therapist_id == therapist.id, ShareRow.withdrawn_at.is_(None))
                .order_by(UserRow.username, EntryRow.occurred_at.desc(), EntryRow.id.desc())
            ).all()
            return [SharedEntry(entry=_entry(e, {}), client=_user(c), granted_at=sh.granted_at,
                                signs=CrisisSigns.from_body(json.loads(decrypt(e.body))))
                    for sh, e, c in found]

    def read_shared(self, therapist: User, entry_id: int) -> SharedEntry:
        """The entry, if it is shared with this therapist right now; the read is audited in the
        same transaction (no read without its audit line). A refused one is audited too
        (``read_entry_refused``), and refused in the same words whether or not it exists."""
        _require_role(therapist, "therapist")
        entry_id = _an_id(entry_id)
        with self.journal.transaction() as s:
            found = s.execute(
                select(ShareRow, EntryRow, UserRow)
                .join(EntryRow, EntryRow.id == ShareRow.entry_id)
                .join(UserRow, UserRow.id == ShareRow.client_id)
                .where(ShareRow.therapist_id == therapist.id, ShareRow.entry_id == entry_id,
                       ShareRow.withdrawn_at.is_(None))).first()
            if found is not None:
                share, entry, client = found
                body = json.loads(self.journal.cipher.decrypt(entry.body))
                self._audit(s, therapist, "read_entry", entry_id=entry_id, subject_id=client.id)
                return SharedEntry(entry=_entry(entry, body), client=_user(client),
                                   granted_at=share.granted_at,
                                   signs=CrisisSigns.from_body(body))
        self.refuse_read(therapist, entry_id)

    def may_read(self, therapist: User, entry_id: int) -> None:
        """Whether the entry is shared with this therapist now, without reading it (a HEAD
        request): nothing is audited when it is; a refusal is, as in :meth:`read_shared`."""
        _require_role(therapist, "therapist")
        entry_id = _an_id(entry_id)
        with self.journal.transaction() as s:
            if self._active_share(s, entry_id, therapist.id) is not None:
                return
        self.refuse_read(therapist, entry_id)

    def refuse_read(self, actor: User, entry_id: int,
                    refusal: str = "That entry is not shared with you.") -> NoReturn:
        """Write a refused attempt to open an entry to the audit log (who, which id, whose entry
        it is, if it is one), then refuse it in words that do not say whether it exists."""
        entry_id = _an_id(entry_id)
        with self.journal.transaction() as s:
            owner = s.scalar(select(EntryRow.owner_id).where(EntryRow.id == entry_id))
            self._audit(s, actor, "read_entry_refused", entry_id=entry_id, subject_id=owner)
        raise NotAllowedError(refusal)
