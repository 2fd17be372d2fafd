"""A practice's people: practice mode switched on, accounts added, listed, paused, given a new
password and deleted (leaving a tombstone that the audit log still names)."""

from __future__ import annotations

import re

from sqlalchemy import delete, select

from mendkit._unicode import has_lone_surrogate
from mendkit.errors import InvalidInputError, JournalError
from mendkit.journal.account_core import (
    _DELETED_NAME,
    _TOMBSTONE,
    AccountsCore,
    _iso,
    _normal,
    _token_hash,
)
from mendkit.journal.account_records import User, _user
from mendkit.journal.practice_mode import _mark_practice, is_practice
from mendkit.journal.tables import (
    EntryRow,
    MetaRow,
    RelationshipRow,
    ShareRow,
    UserRow,
    WebSessionRow,
)

ROLES = ("therapist", "client")
MIN_PASSWORD = 10  # characters that are not spaces
MAX_PASSWORD = 1024  # what the sign-in form takes
_USERNAME = re.compile(r"[a-z0-9][a-z0-9._-]{1,63}")


def _check_new_password(password: str) -> None:
    if has_lone_surrogate(password):
        raise InvalidInputError("the password is not valid Unicode text; type it again")
    if len(password) > MAX_PASSWORD:
        raise InvalidInputError(f"a password can have at most {MAX_PASSWORD} characters (the "
                                f"sign-in form takes no more), got {len(password)}")
    visible = "".join(_normal(password).split())
    if len(visible) < MIN_PASSWORD:
        raise InvalidInputError(f"a password needs at least {MIN_PASSWORD} characters that are "
                                "not spaces")
    if len(set(visible)) == 1:
        raise InvalidInputError("a password of one character repeated is easy to guess; a few "
                                "unrelated words are easy to remember and hard to guess")


class AccountUsers(AccountsCore):
    """Practice mode and the accounts (a part of
    :class:`~mendkit.journal.practice_accounts.Accounts`)."""

    # -- practice mode and users -----------------------------------------------------------
    def enable(self) -> bool:
        """Mark the journal as a practice's; False if it already was."""
        if is_practice(self.journal):
            return False
        with self.journal.transaction() as s:
            s.merge(MetaRow(key="practice", value="on"))
        _mark_practice(self.journal)
        return True

    def require_practice(self) -> None:
        if not is_practice(self.journal):
            raise JournalError("this journal is not set up for a practice; run "
                               "`mend accounts init` first")

    def add_user(self, username: str, role: str, password: str, *, actor: User | None = None
                 ) -> User:
        self.require_practice()
        username = username.strip().lower()
        if not _USERNAME.fullmatch(username):
            raise InvalidInputError("a username is 2-64 characters: lowercase letters, digits, "
                                    f"dot, dash or underscore, got {username!r}")
        if role not in ROLES:
            raise InvalidInputError(f"role must be therapist or client, got {role!r}")
        _check_new_password(password)
        hashed = self.hasher.hash(_normal(password))
        with self.journal.transaction() as s:
            if s.scalar(select(UserRow.id).where(UserRow.username == username)) is not None:
                raise InvalidInputError(f"there is already an account named {username!r}")
            row = UserRow(username=username, role=role, password_hash=hashed,
                          created_at=_iso(self.clock()), disabled=False)
            s.add(row)
            s.flush()
            self._audit(s, actor, "add_user", subject_id=row.id)
            return _user(row)

    def users(self, *, role: str | None = None) -> list[User]:
        query = (select(UserRow).where(UserRow.username.not_like(f"{_TOMBSTONE}%"))
                 .order_by(UserRow.username))
        if role is not None:
            query = query.where(UserRow.role == role)
        with self.journal.transaction() as s:
            return [_user(r) for r in s.scalars(query)]

    def user(self, username: str) -> User:
        with self.journal.transaction() as s:
            return _user(self._user_row(s, username))

    def disable(self, username: str, *, actor: User | None = None) -> bool:
        """No more sign-ins; any open web sessions end now. Their entries and trail stay. False
        (and nothing recorded) if the account was already disabled."""
        with self.journal.transaction() as s:
            row = self._user_row(s, username)
            if row.disabled:
                return False
            row.disabled = True
            s.execute(delete(WebSessionRow).where(WebSessionRow.user_id == row.id))
            self._audit(s, actor, "disable_user", subject_id=row.id)
            return True

    def enable_user(self, username: str, *, actor: User | None = None) -> bool:
        """Let a disabled account sign in again; False (and nothing recorded) if it was not
        disabled."""
        with self.journal.transaction() as s:
            row = self._user_row(s, username)
            if not row.disabled:
                return False
            row.disabled = False
            self._audit(s, actor, "enable_user", subject_id=row.id)
            return True

    def set_password(self, username: str, password: str, *, actor: User | None = None,
                     keep_token: str | None = None) -> User:
        """Give the account a new password (an administrator's reset, or its owner's change).
        Every open session of the account ends, but the one whose token is ``keep_token`` (the
        browser the owner changed it from)."""
        _check_new_password(password)
        hashed = self.hasher.hash(_normal(password))
        with self.journal.transaction() as s:
            row = self._user_row(s, username)
            row.password_hash = hashed
            ended = delete(WebSessionRow).where(WebSessionRow.user_id == row.id)
            if keep_token is not None:
                ended = ended.where(WebSessionRow.token_hash != _token_hash(keep_token))
            s.execute(ended)
            self._audit(s, actor, "set_password", subject_id=row.id)
            user = _user(row)
        self.limiter.succeeded(user.username)  # the old password's failures no longer count
        return user

    def delete_user(self, username: str, *, actor: User | None = None) -> tuple[User, int]:
        """Delete the account for good with everything that is theirs: their entries (and coach
        sessions), their relationships, whatever they shared or was shared with them, and their
        sessions; the name is free again. The audit log keeps its lines and gains a
        ``delete_user`` one, naming them "NAME [deleted]". Returns the account as it was and how
        many entries went with it.

        The row itself stays as a tombstone (no name, no password, disabled): the audit log
        refers to people by id, and SQLite would give a deleted last id to the next account.

        What their entries and relationships held is then overwritten as in
        :meth:`~mendkit.journal.entry_sharing.EntrySharing.delete_entry` (only the tables that
        lost rows are rewritten; :class:`~mendkit.journal.journal_edits.DeletedButKept` when
        another program kept SQLite from it, the account deleted all the same)."""
        with self.journal.transaction() as s:
            row = self._user_row(s, username)
            user = _user(row)
            s.execute(delete(ShareRow).where((ShareRow.client_id == row.id)
                                             | (ShareRow.therapist_id == row.id)))
            owned = select(EntryRow.id).where(EntryRow.owner_id == row.id)
            s.execute(delete(ShareRow).where(ShareRow.entry_id.in_(owned)))
            gone = s.execute(delete(EntryRow).where(EntryRow.owner_id == row.id))
            rels = s.execute(delete(RelationshipRow).where(RelationshipRow.owner_id == row.id))
            s.execute(delete(WebSessionRow).where(WebSessionRow.user_id == row.id))
            row.username = f"{_TOMBSTONE}{row.id}"
            row.password_hash = _TOMBSTONE  # no password matches it
            row.disabled = True
            s.merge(MetaRow(key=f"{_DELETED_NAME}{row.id}", value=user.username))
            self._audit(s, actor, "delete_user", subject_id=user.id)
            entries = int(getattr(gone, "rowcount", 0) or 0)
            freed = [table for table, n in (("entries", entries),
                                            ("relationships", getattr(rels, "rowcount", 0)))
                     if n]
        if freed:
            self.journal._overwrite_freed(f"the account {user.username} was deleted with "
                                          "everything that was theirs", *freed)
        return user, entries
