"""A practice's accounts over the journal: users, sign-in, web sessions, shares and the audit log.

A journal is in *practice mode* once ``mend accounts init`` has marked it (on PostgreSQL or
SQLite); only then does the web app offer a sign-in. Therapists and clients sign in with their own
passwords (argon2id through argon2-cffi's ``PasswordHasher``); the server holds the journal's key.
A client's entries carry their ``owner_id`` and are never part of the single-user journal. A client
shares one entry with one therapist at a time and can withdraw it; a therapist reads only what is
shared with them at that moment, and every such read is written to the audit log, which the client
can see.

The clock, the password hasher and the sign-in limiter are injected (the tests pass a fake clock
and a cheap hasher). Every method is one transaction.

    >>> accounts = Accounts(journal)                           # doctest: +SKIP
    >>> accounts.add_user("sam", "client", "a long passphrase") # doctest: +SKIP

This module gathers the names of the accounts' parts: :class:`Accounts`
(:mod:`~mendkit.journal.practice_accounts`), made of the people
(:mod:`~mendkit.journal.account_users`), signing in (:mod:`~mendkit.journal.account_sessions`), a
client's entries and a therapist's reads (:mod:`~mendkit.journal.entry_sharing`) and the audit log
(:mod:`~mendkit.journal.audit_trail`) over :mod:`~mendkit.journal.account_core`; the records they
hand back (:mod:`~mendkit.journal.account_records`), the sign-in limiter
(:mod:`~mendkit.journal.login_limiter`) and practice mode (:mod:`~mendkit.journal.practice_mode`).
"""

from __future__ import annotations

from mendkit.journal.account_records import (
    AuditLine,
    ClientEntry,
    CrisisSigns,
    SharedEntry,
    SignedIn,
    SignsReader,
    User,
)
from mendkit.journal.account_sessions import PAUSED, SESSION_IDLE, SESSION_MAX
from mendkit.journal.account_users import MAX_PASSWORD, MIN_PASSWORD, ROLES
from mendkit.journal.entry_sharing import CLIENT_KINDS
from mendkit.journal.login_limiter import (
    BUSY_RETRY_AFTER,
    FAILURE_WINDOW,
    MAX_ADDRESS_FAILURES,
    MAX_FAILURES,
    Clock,
    LoginLimiter,
)
from mendkit.journal.practice_accounts import Accounts
from mendkit.journal.practice_mode import is_practice, known_practice

__all__ = ["BUSY_RETRY_AFTER", "CLIENT_KINDS", "FAILURE_WINDOW", "MAX_ADDRESS_FAILURES",
           "MAX_FAILURES", "MAX_PASSWORD", "MIN_PASSWORD", "PAUSED", "ROLES", "SESSION_IDLE",
           "SESSION_MAX", "Accounts", "AuditLine", "ClientEntry", "Clock", "CrisisSigns",
           "LoginLimiter", "SharedEntry", "SignedIn", "SignsReader", "User", "is_practice",
           "known_practice"]
