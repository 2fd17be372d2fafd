"""What a practice's accounts hand back: a user, a new web session, the crisis signs kept with a
client's entry, an entry as its client and as a therapist see it, and a line of the audit log."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from mendkit.journal.records import Entry
from mendkit.journal.tables import EntryRow, UserRow

_SIGNS = "mend_safety"  # an entry body's key for what Mend's safety reading found at save time


@dataclass(frozen=True, slots=True, kw_only=True)
class User:
    id: int
    username: str
    role: str
    created_at: str
    disabled: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class SignedIn:
    """A new web session: ``token`` goes in the cookie; only its hash is stored."""

    token: str
    user: User
    expires_at: datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class CrisisSigns:
    """What Mend's safety reading found in a client's entry when it was saved: whether there is
    a possible crisis sign, and of which kinds (``suicide``, ``abuse_danger``...; none known when
    only the model saw it). Kept in the entry's (encrypted) body, so a list needs no reading."""

    crisis: bool
    kinds: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"crisis": self.crisis, "kinds": list(self.kinds)}

    @classmethod
    def from_body(cls, body: Mapping[str, Any]) -> CrisisSigns | None:
        """The signs kept in ``body``; None for an entry saved before they were kept."""
        found = body.get(_SIGNS)
        if not isinstance(found, Mapping):
            return None
        kinds = found.get("kinds")
        return cls(crisis=bool(found.get("crisis")),
                   kinds=tuple(str(k) for k in kinds) if isinstance(kinds, list) else ())


SignsReader = Callable[[str, Mapping[str, Any]], CrisisSigns]  # (kind, body) -> its signs


@dataclass(frozen=True, slots=True, kw_only=True)
class ClientEntry:
    """One of a client's own entries, and the therapists it is shared with now. ``signs``: None
    for an entry saved before they were kept (see :meth:`Accounts.fill_signs`)."""

    entry: Entry
    shared_with: tuple[User, ...]
    signs: CrisisSigns | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class SharedEntry:
    """An entry shared with a therapist (``entry.body`` is empty in listings; a read fills it).
    ``signs`` as in :class:`ClientEntry`."""

    entry: Entry
    client: User
    granted_at: str
    signs: CrisisSigns | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class AuditLine:
    at: str
    actor: str | None  # a username; None for the command line, or a failed web sign-in
    action: str
    entry_id: int | None
    subject: str | None  # the user it concerns (the owner of the entry read, the user added)


def _user(row: UserRow) -> User:
    return User(id=row.id, username=row.username, role=row.role, created_at=row.created_at,
                disabled=bool(row.disabled))


def _entry(row: EntryRow, body: Mapping[str, Any]) -> Entry:
    """The entry as its readers see it: what was written (the kept signs are the entry's
    ``signs``, not its words)."""
    return Entry(id=row.id, kind=row.kind, relationship_id=row.relationship_id,
                 occurred_at=row.occurred_at, body={k: v for k, v in body.items() if k != _SIGNS})
