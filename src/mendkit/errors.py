"""Mend's exceptions, in one small tree.

    MendError
     ├── InvalidInputError (also ValueError)   bad user input: a file, a line, an argument
     │    └── FormatError                       a file that is not in the format it claims or seems
     ├── RulesError (also ValueError)           a rule data file is malformed (a packaging bug)
     ├── ConfigError (also ValueError)          a setting has a value Mend cannot use
     ├── JournalError                          the journal cannot be opened or written
     │    ├── JournalLockedError                the journal is there but not unlocked (web app)
     │    └── NotInJournalError (also LookupError) no relationship or entry with that id
     └── AccessError                           a practice's accounts: who may do what
          ├── NotSignedInError                  no valid session, or a wrong username or password
          ├── NotAllowedError (also PermissionError) signed in, but not allowed (or not shared)
          └── TooManyAttemptsError              too many failed sign-ins; ``retry_after`` seconds

The CLI maps ``InvalidInputError`` and ``ConfigError`` to exit code 1 and anything else to 2, in one
place (``mendkit.cli.main``); the web app maps them to HTTP statuses in ``mendkit.web.app``.
Messages say what was expected, what was found and what to do.
"""

from __future__ import annotations

from typing import Final


class MendError(Exception):
    """Base class of every error Mend raises on purpose."""


class InvalidInputError(MendError, ValueError):
    """The input cannot be used. ``source`` and ``line`` say where, when known."""

    def __init__(self, message: str, *, source: str | None = None, line: int | None = None) -> None:
        self.source = source
        self.line = line
        self.reason = message
        where = ""
        if source is not None:
            where = f"{source}:{line}: " if line is not None else f"{source}: "
        super().__init__(where + message)


class FormatError(InvalidInputError):
    """A conversation file does not follow the format it was read as."""


class RulesError(MendError, ValueError):
    """A rule data file is malformed."""


class ConfigError(MendError, ValueError):
    """A setting has a value Mend cannot use."""


class JournalError(MendError):
    """The journal cannot be opened, read or written (wrong passphrase, read-only, full disk)."""


class JournalLockedError(JournalError):
    """The journal exists but has not been unlocked with its passphrase in this process."""


class NotInJournalError(JournalError, LookupError):
    """No relationship or entry with that id in the journal."""


class AccessError(MendError):
    """A practice's accounts refused something (the web app answers 401, 403 or 429)."""


NOT_SIGNED_IN: Final = "Sign in to see this page."  # no session at all (the JSON API words it its own way)


class NotSignedInError(AccessError):
    """No valid session (none, expired, idle too long, logged out) or a failed sign-in."""


class NotAllowedError(AccessError, PermissionError):
    """Signed in, but this user may not do or see that (another's entry, a withdrawn share)."""


class TooManyAttemptsError(AccessError):
    """Too many failed sign-ins for a username or an address; try again after ``retry_after``."""

    def __init__(self, message: str, *, retry_after: int) -> None:
        self.retry_after = retry_after
        super().__init__(message)
