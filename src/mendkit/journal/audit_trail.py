"""A practice's audit log read back: the whole trail or one person's lines, newest first (a
deleted account named "NAME [deleted]"), who read a client's entries, and the command line's own
actions written to it."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from mendkit.errors import InvalidInputError
from mendkit.journal.account_core import _DELETED_NAME, AccountsCore, _require_role
from mendkit.journal.account_records import AuditLine, User
from mendkit.journal.tables import AuditRow, MetaRow, UserRow

_MAX_ROWS = 2**31 - 1  # more lines than any journal holds


class AuditTrail(AccountsCore):
    """The audit log (a part of :class:`~mendkit.journal.practice_accounts.Accounts`)."""

    # -- the audit log ---------------------------------------------------------------------
    def record(self, action: str) -> None:
        """Write a command-line action on the whole journal (``delete_journal``,
        ``rekey_journal``) to the audit log."""
        with self.journal.transaction() as s:
            self._audit(s, None, action)

    def audit(self, *, user: str | None = None, limit: int | None = None) -> list[AuditLine]:
        """The trail, newest first; with ``user``, the lines where they acted or were concerned."""
        with self.journal.transaction() as s:
            query = select(AuditRow).order_by(AuditRow.at.desc(), AuditRow.id.desc())
            if user is not None:
                uids = self._audited_ids(s, user)
                query = query.where(AuditRow.actor_id.in_(uids) | AuditRow.subject_id.in_(uids))
            # A limit past any journal's size means all (and would not fit the database's integer).
            if limit is not None and limit < _MAX_ROWS:
                query = query.limit(limit)
            rows = s.scalars(query).all()
            names = dict(s.execute(select(UserRow.id, UserRow.username)).all())
            for key, name in s.execute(select(MetaRow.key, MetaRow.value)
                                       .where(MetaRow.key.like(f"{_DELETED_NAME}%"))):
                names[int(key.removeprefix(_DELETED_NAME))] = f"{name} [deleted]"
            return [AuditLine(at=r.at, actor=names.get(r.actor_id) if r.actor_id else None,
                              action=r.action, entry_id=r.entry_id,
                              subject=names.get(r.subject_id) if r.subject_id else None)
                    for r in rows]

    @classmethod
    def _audited_ids(cls, s: Session, username: str) -> list[int]:
        """The accounts a name stands for in the audit log: the account of that name now, and
        any deleted one that had it (their lines stay, naming them "NAME [deleted]")."""
        name = username.strip().lower()
        gone = [int(key.removeprefix(_DELETED_NAME)) for key in s.scalars(
            select(MetaRow.key).where(MetaRow.key.like(f"{_DELETED_NAME}%"),
                                      MetaRow.value == name))]
        try:
            return [cls._user_row(s, username).id, *gone]
        except InvalidInputError:
            if not gone:
                raise
            return gone

    def views_of(self, client: User) -> list[AuditLine]:
        """Who read which of this client's entries, and when (newest first)."""
        _require_role(client, "client")
        with self.journal.transaction() as s:
            rows = s.execute(select(AuditRow, UserRow.username)
                             .join(UserRow, UserRow.id == AuditRow.actor_id)
                             .where(AuditRow.subject_id == client.id,
                                    AuditRow.action == "read_entry")
                             .order_by(AuditRow.at.desc(), AuditRow.id.desc())).all()
            gone = {int(k.removeprefix(_DELETED_NAME)): f"{v} [deleted]" for k, v in s.execute(
                select(MetaRow.key, MetaRow.value).where(MetaRow.key.like(f"{_DELETED_NAME}%")))}
            return [AuditLine(at=r.at, actor=gone.get(r.actor_id or 0, name), action=r.action,
                              entry_id=r.entry_id, subject=client.username) for r, name in rows]
