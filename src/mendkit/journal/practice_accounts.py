"""A practice's accounts, the class the rest of Mend uses: :class:`Accounts`, made of its parts:
the people (:mod:`~mendkit.journal.account_users`), signing in
(:mod:`~mendkit.journal.account_sessions`), a client's entries and a therapist's reads
(:mod:`~mendkit.journal.entry_sharing`) and the audit log (:mod:`~mendkit.journal.audit_trail`),
over :mod:`~mendkit.journal.account_core`."""

from __future__ import annotations

from mendkit.journal.account_sessions import AccountSessions
from mendkit.journal.account_users import AccountUsers
from mendkit.journal.audit_trail import AuditTrail
from mendkit.journal.entry_sharing import EntrySharing


class Accounts(AccountUsers, AccountSessions, EntrySharing, AuditTrail):
    """Users, sessions, shares and the audit log of one practice journal."""
