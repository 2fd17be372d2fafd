"""What every part of a practice's accounts stands on: :class:`AccountsCore` (the journal, the
password hasher, the clock and the sign-in limiter, an account's row by name, a line of the audit
log), and the small rules they share: times as stored, a token's hash, a name as a message shows
it, a password as compared, a role required, and the ids that can name an entry."""

from __future__ import annotations

import hashlib
import unicodedata
from datetime import UTC, datetime

from argon2 import PasswordHasher
from sqlalchemy import select
from sqlalchemy.orm import Session

from mendkit.errors import InvalidInputError, NotAllowedError
from mendkit.journal.account_records import User
from mendkit.journal.login_limiter import Clock, LoginLimiter, _utcnow
from mendkit.journal.opening import Journal
from mendkit.journal.tables import AuditRow, UserRow

_TOMBSTONE = "~"  # a deleted account's row: its name is "~ID" (no typed name can be), no password
_DELETED_NAME = "deleted_user:"  # journal_meta key: the name a deleted account had, for the audit


def _iso(at: datetime) -> str:
    """Fixed width, UTC, so that stored times sort and compare as text."""
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _parse(text: str) -> datetime:
    return datetime.fromisoformat(text)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _shown(name: str, limit: int = 64) -> str:
    """A name as typed, quoted, for a message: cut short if it is longer than any account's."""
    return repr(name) if len(name) <= limit else f"{name[:limit]!r}... ({len(name)} characters)"


def _normal(password: str) -> str:
    """The password as stored and compared: NFKC (NIST SP 800-63B), so that an accent typed as
    one character or as two signs in alike."""
    return unicodedata.normalize("NFKC", password)


class AccountsCore:
    """The journal, the hasher, the clock and the limiter of
    :class:`~mendkit.journal.practice_accounts.Accounts`, and what its parts share."""

    def __init__(self, journal: Journal, *, hasher: PasswordHasher | None = None,
                 clock: Clock = _utcnow, limiter: LoginLimiter | None = None) -> None:
        self.journal = journal
        self.hasher = hasher or PasswordHasher()
        self.clock = clock
        self.limiter = limiter or LoginLimiter(clock)
        self._dummy: str | None = None

    @staticmethod
    def _user_row(s: Session, username: str) -> UserRow:
        row = s.scalars(select(UserRow).where(UserRow.username == username.strip().lower())
                        ).first()
        if row is None or row.username.startswith(_TOMBSTONE):
            raise InvalidInputError(f"no account named {_shown(username)}")
        return row

    def _audit(self, s: Session, actor: User | None, action: str, *, entry_id: int | None = None,
               subject_id: int | None = None) -> None:
        s.add(AuditRow(at=_iso(self.clock()), actor_id=actor.id if actor else None,
                       action=action, entry_id=entry_id, subject_id=subject_id))


def _require_role(user: User, role: str) -> None:
    if user.role != role:
        raise NotAllowedError(f"This is for {role}s only.")


_MAX_ID = 2**31 - 1  # entry ids are 32-bit integers on PostgreSQL


def _an_id(entry_id: int) -> int:
    """The id to look up: one past what the journal's ids can be is no one's entry (0), answered
    as any other id that is not theirs, never as a database error."""
    return entry_id if 0 < entry_id <= _MAX_ID else 0
