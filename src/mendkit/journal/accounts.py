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
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
import threading
import time
import unicodedata
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, NoReturn

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, inspect, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from mendkit._files import atomic_write
from mendkit._unicode import has_lone_surrogate
from mendkit.errors import (
    NOT_SIGNED_IN,
    InvalidInputError,
    JournalError,
    NotAllowedError,
    NotSignedInError,
    TooManyAttemptsError,
)
from mendkit.journal.kinds import validate_entry
from mendkit.journal.repository import Entry, Journal, postgres_engine, practice_marker_path
from mendkit.journal.tables import (
    AuditRow,
    EntryRow,
    MetaRow,
    RelationshipRow,
    ShareRow,
    UserRow,
    WebSessionRow,
)

__all__ = ["CLIENT_KINDS", "PAUSED", "ROLES", "Accounts", "AuditLine", "ClientEntry",
           "CrisisSigns", "LoginLimiter", "SharedEntry", "SignedIn", "User", "is_practice",
           "known_practice"]

ROLES = ("therapist", "client")
# What a client keeps in the web app: what they write, and an analysis of a conversation they ran.
CLIENT_KINDS = ("rupture", "repair", "checkin", "analysis")
MIN_PASSWORD = 10  # characters that are not spaces
MAX_PASSWORD = 1024  # what the sign-in form takes
SESSION_IDLE = timedelta(minutes=30)  # signed out after this long without a request
SESSION_MAX = timedelta(hours=12)  # and after this long in any case
MAX_FAILURES = 5  # failed sign-ins per username ...
MAX_ADDRESS_FAILURES = 50  # ... and per address (many people may share one: a loopback, a proxy) ...
FAILURE_WINDOW = timedelta(minutes=15)  # ... within this window
BUSY_RETRY_AFTER = 2  # seconds: sign-ins sent together that waited too long for each other
_MAX_ROWS = 2**31 - 1  # more lines than any journal holds
_USERNAME = re.compile(r"[a-z0-9][a-z0-9._-]{1,63}")
_TOMBSTONE = "~"  # a deleted account's row: its name is "~ID" (no typed name can be), no password
_DELETED_NAME = "deleted_user:"  # journal_meta key: the name a deleted account had, for the audit
_WRONG = "That username and password do not match an account here."
# Said only after the right password: it tells nothing to someone who does not know it.
PAUSED = "This account is paused by your practice. Please contact them."
_SIGNS = "mend_safety"  # an entry body's key for what Mend's safety reading found at save time

Clock = Callable[[], datetime]


def _utcnow() -> datetime:
    return datetime.now(UTC)


def _iso(at: datetime) -> str:
    """Fixed width, UTC, so that stored times sort and compare as text."""
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _parse(text: str) -> datetime:
    return datetime.fromisoformat(text)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


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


class LoginLimiter:
    """At most ``max_failures`` failed sign-ins per username, and ``max_address_failures`` per
    address, within ``window``; then :class:`TooManyAttemptsError` until the oldest failure leaves
    the window. In memory (one ``mend serve`` process), thread-safe.

    The address's limit is the higher one: everyone behind one proxy, or on the loopback, shares
    an address, and one person's mistyped passwords must not lock everyone else out; it is there
    to stop one address trying many names.

    A sign-in whose password is still being checked counts as a failure until it is known (so
    that guesses sent together cannot pass the limit); a sign-in that finds the limit reached
    only by such attempts waits (up to ``wait`` seconds) for them to be known, instead of being
    refused as if they had failed: correct sign-ins sent together from one address all pass."""

    def __init__(self, clock: Clock = _utcnow, *, max_failures: int = MAX_FAILURES,
                 max_address_failures: int = MAX_ADDRESS_FAILURES,
                 window: timedelta = FAILURE_WINDOW, wait: float = 10.0) -> None:
        self.clock = clock
        self.max_failures = max_failures
        self.max_address_failures = max_address_failures
        self.window = window
        self.wait = wait
        self._failures: dict[str, deque[datetime]] = {}
        self._checking: dict[str, int] = {}  # per key: reserved attempts not yet known
        self._lock = threading.Lock()
        self._known = threading.Condition(self._lock)  # notified when an attempt is known

    def _limits(self, username: str, address: str) -> tuple[tuple[str, int], tuple[str, int]]:
        """The two keys an attempt counts under, each with its limit."""
        return ((f"u:{username}", self.max_failures),
                (f"a:{address}", self.max_address_failures))

    def _recent(self, key: str, now: datetime) -> deque[datetime]:
        found = self._failures.setdefault(key, deque())
        while found and now - found[0] >= self.window:
            found.popleft()
        return found

    def check(self, username: str, address: str) -> None:
        """Raise :class:`TooManyAttemptsError` if a sign-in now would be over the limit (no
        attempt is taken: :meth:`reserve` takes one)."""
        now = self.clock()
        with self._lock:
            self._refuse_if_full(username, address, now)

    def reserve(self, username: str, address: str) -> datetime:
        """Take one attempt before a password is checked, or raise :class:`TooManyAttemptsError`.
        It counts as a failure until :meth:`succeeded` gives it back, so sign-ins sent together
        cannot all pass the limit while none has failed yet. The returned stamp names it."""
        deadline = time.monotonic() + self.wait
        with self._known:
            while True:
                now = self.clock()
                if not self._full_of_unknown(username, address, now):
                    break
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TooManyAttemptsError(
                        "Too many sign-ins at once from here, so this one was not tried. Try "
                        "again in a moment.", retry_after=BUSY_RETRY_AFTER)
                self._known.wait(left)
            self._refuse_if_full(username, address, now)
            self._record(username, address, now)
            for key in (f"u:{username}", f"a:{address}"):
                self._checking[key] = self._checking.get(key, 0) + 1
        return now

    def _full_of_unknown(self, username: str, address: str, now: datetime) -> bool:
        """Whether a key is at the limit only because of attempts still being checked."""
        full = False
        for key, limit in self._limits(username, address):
            count = len(self._recent(key, now))
            if count - self._checking.get(key, 0) >= limit:
                return False  # real failures: refused with the real wait
            full = full or count >= limit
        return full

    def _known_now(self, username: str, address: str) -> None:
        """A reserved attempt is known (it passed, failed, or was given back): those waiting on
        it look again. Called with the lock held."""
        for key in (f"u:{username}", f"a:{address}"):
            left = self._checking.get(key, 0) - 1
            if left > 0:
                self._checking[key] = left
            else:
                self._checking.pop(key, None)
        self._known.notify_all()

    def failed_attempt(self, username: str, address: str) -> None:
        """A reserved attempt's password was wrong: it stays counted as a failure."""
        with self._lock:
            self._known_now(username, address)

    def release(self, username: str, address: str, attempt: datetime) -> None:
        """Give back an attempt whose password was never checked (the journal failed first)."""
        with self._lock:
            for key in (f"u:{username}", f"a:{address}"):
                self._forget(key, attempt)
            self._known_now(username, address)

    def _refuse_if_full(self, username: str, address: str, now: datetime) -> None:
        waits = []
        for key, limit in self._limits(username, address):
            recent = self._recent(key, now)
            if len(recent) >= limit:
                waits.append((self.window - (now - recent[0]), key.startswith("u:")))
        if waits:
            wait, of_account = max(waits)
            seconds = max(1, int(wait.total_seconds() + 0.999))
            minutes = (seconds + 59) // 60
            # Whoever reads this may not be who mistyped: it says what is paused, not who failed.
            paused = ("Signing in to this account is paused after several unsuccessful tries"
                      if of_account else "Signing in from this computer or network is paused "
                      "after many unsuccessful tries")
            raise TooManyAttemptsError(
                f"{paused}. Try again in {minutes} minute{'s' if minutes != 1 else ''} (after "
                f"{_hhmm(now + wait)} UTC).", retry_after=seconds)

    def failed(self, username: str, address: str) -> None:
        now = self.clock()
        with self._lock:
            self._record(username, address, now)

    def _record(self, username: str, address: str, now: datetime) -> None:
        if len(self._failures) > 10_000:  # many names tried: forget what left the window
            stale = [k for k, v in self._failures.items()
                     if not v or now - v[-1] >= self.window]
            for key in stale:
                del self._failures[key]
        for key in (f"u:{username}", f"a:{address}"):
            self._recent(key, now).append(now)

    def _forget(self, key: str, attempt: datetime) -> None:
        found = self._failures.get(key)
        if found is not None and attempt in found:
            found.remove(attempt)

    def forgive_before(self, username: str, when: datetime) -> bool:
        """Forget the username's failures from before ``when`` (a new password was set then);
        True if any were forgotten."""
        with self._lock:
            found = self._failures.get(f"u:{username}")
            if not found or found[0] >= when:
                return False
            kept = deque(at for at in found if at >= when)
            self._failures[f"u:{username}"] = kept
            return True

    def succeeded(self, username: str, address: str | None = None,
                  attempt: datetime | None = None) -> None:
        """The username's failures are forgiven; the address's reserved ``attempt`` given back."""
        with self._lock:
            self._failures.pop(f"u:{username}", None)
            if address is not None and attempt is not None:
                self._forget(f"a:{address}", attempt)
                self._known_now(username, address)


def _hhmm(at: datetime) -> str:
    return at.astimezone(UTC).strftime("%H:%M")


def is_practice(journal: Journal) -> bool:
    """Whether ``mend accounts init`` has made this journal a practice's. A SQLite practice
    journal opened here gets its marker if it lacks one (made before markers existed)."""
    with journal.engine.connect() as conn:
        found = conn.scalar(select(MetaRow.value).where(MetaRow.key == "practice")) == "on"
    if found:
        _mark_practice(journal)
    return found


def _mark_practice(journal: Journal) -> None:
    """Leave the plain marker beside a SQLite practice journal (see :func:`known_practice`)."""
    if journal.path is not None:
        marker = practice_marker_path(journal.path.parent)
        if not marker.exists():
            atomic_write(marker, "This Mend journal serves a practice (mend accounts init).\n")


def known_practice(home: Path, url: str | None) -> bool:
    """Whether the journal is a practice's, known without its key: PostgreSQL keeps the mark in
    plain text; an encrypted SQLite file has a marker beside it from ``mend accounts init`` (or
    from the first :func:`is_practice` after, for a practice made before the marker existed)."""
    if not url:
        return practice_marker_path(home).exists()
    try:
        engine = postgres_engine(url)
    except JournalError:
        return False  # opening the journal says what is wrong with the URL
    try:
        with engine.connect() as conn:
            if not inspect(conn).has_table(MetaRow.__tablename__):
                return False
            return conn.scalar(select(MetaRow.value).where(MetaRow.key == "practice")) == "on"
    except SQLAlchemyError:
        return False  # opening the journal says why it cannot be reached
    finally:
        engine.dispose()


def _shown(name: str, limit: int = 64) -> str:
    """A name as typed, quoted, for a message: cut short if it is longer than any account's."""
    return repr(name) if len(name) <= limit else f"{name[:limit]!r}... ({len(name)} characters)"


def _normal(password: str) -> str:
    """The password as stored and compared: NFKC (NIST SP 800-63B), so that an accent typed as
    one character or as two signs in alike."""
    return unicodedata.normalize("NFKC", password)


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


class Accounts:
    """Users, sessions, shares and the audit log of one practice journal."""

    def __init__(self, journal: Journal, *, hasher: PasswordHasher | None = None,
                 clock: Clock = _utcnow, limiter: LoginLimiter | None = None) -> None:
        self.journal = journal
        self.hasher = hasher or PasswordHasher()
        self.clock = clock
        self.limiter = limiter or LoginLimiter(clock)
        self._dummy: str | None = None

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

    def _password_set_at(self, username: str) -> datetime | None:
        """When the account was last given a new password (its latest ``set_password`` line)."""
        with self.journal.transaction() as s:
            row = s.scalars(select(UserRow).where(UserRow.username == username)).first()
            if row is None:
                return None
            at = s.scalars(select(AuditRow.at).where(
                AuditRow.subject_id == row.id, AuditRow.action == "set_password")
                .order_by(AuditRow.id.desc()).limit(1)).first()
        return None if at is None else _parse(at)

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
        refers to people by id, and SQLite would give a deleted last id to the next account."""
        with self.journal.transaction() as s:
            row = self._user_row(s, username)
            user = _user(row)
            s.execute(delete(ShareRow).where((ShareRow.client_id == row.id)
                                             | (ShareRow.therapist_id == row.id)))
            owned = select(EntryRow.id).where(EntryRow.owner_id == row.id)
            s.execute(delete(ShareRow).where(ShareRow.entry_id.in_(owned)))
            gone = s.execute(delete(EntryRow).where(EntryRow.owner_id == row.id))
            s.execute(delete(RelationshipRow).where(RelationshipRow.owner_id == row.id))
            s.execute(delete(WebSessionRow).where(WebSessionRow.user_id == row.id))
            row.username = f"{_TOMBSTONE}{row.id}"
            row.password_hash = _TOMBSTONE  # no password matches it
            row.disabled = True
            s.merge(MetaRow(key=f"{_DELETED_NAME}{row.id}", value=user.username))
            self._audit(s, actor, "delete_user", subject_id=user.id)
            return user, int(getattr(gone, "rowcount", 0) or 0)

    @staticmethod
    def _user_row(s: Session, username: str) -> UserRow:
        row = s.scalars(select(UserRow).where(UserRow.username == username.strip().lower())
                        ).first()
        if row is None or row.username.startswith(_TOMBSTONE):
            raise InvalidInputError(f"no account named {_shown(username)}")
        return row

    # -- signing in ------------------------------------------------------------------------
    def authenticate(self, username: str, password: str, *, address: str,
                     by: User | None = None, failed: str = "sign_in_failed") -> User:
        """The user if the password is theirs. The same message and about the same time for an
        unknown name and a wrong password; a disabled account's right password is told that the
        account is paused (:data:`PAUSED`). Rehashes an old-parameter hash.
        A failure is audited as ``failed``, by ``by`` (a signed-in person checking their own
        password before changing it) or by no one (a sign-in).

        The attempt is taken from the limiter before the (slow, on purpose) password check, and
        no transaction is open during it: other requests write meanwhile, and sign-ins sent
        together wait for nothing but the hasher."""
        username = username.strip().lower()
        try:
            attempt = self.limiter.reserve(username, address)
        except TooManyAttemptsError:
            # Paused for this account: a new password set since (by an administrator, perhaps
            # from the command line, which cannot reach this process's memory) forgives it.
            reset = self._password_set_at(username)
            if reset is None or not self.limiter.forgive_before(username, reset):
                raise
            attempt = self.limiter.reserve(username, address)
        checked = False
        try:
            with self.journal.transaction() as s:
                row = s.scalars(select(UserRow).where(UserRow.username == username)).first()
                found = None if row is None else (row.id, row.password_hash, bool(row.disabled))
            stored = found[1] if found is not None else self._dummy_hash()
            normal = _normal(password)
            ok = self._verify(stored, normal)
            raw = not ok and normal != password and self._verify(stored, password)
            checked = True
            if (ok or raw) and found is not None and found[2]:
                # The right password for a paused account: said plainly, and no failure (the
                # attempt is given back), so the person is not sent on into the pause for tries.
                with self.journal.transaction() as s:
                    self._audit(s, by, "sign_in_paused", subject_id=found[0])
                raise NotSignedInError(PAUSED)
            if not (ok or raw) or found is None or found[2]:
                with self.journal.transaction() as s:
                    self._audit(s, by, failed,
                                subject_id=found[0] if found is not None else None)
                raise NotSignedInError(_WRONG)
            # A hash of the password as typed (before NFKC), or with old parameters.
            rehashed = (self.hasher.hash(normal)
                        if raw or self.hasher.check_needs_rehash(stored) else None)
            with self.journal.transaction() as s:
                row = s.get(UserRow, found[0])
                if row is None or row.disabled or row.password_hash != stored:
                    raise NotSignedInError(_WRONG)  # disabled or given a new password meanwhile
                if rehashed is not None:
                    row.password_hash = rehashed
                user = _user(row)
        except NotSignedInError as exc:
            if str(exc) == PAUSED:
                self.limiter.release(username, address, attempt)
            else:
                self.limiter.failed_attempt(username, address)  # it stays counted as a failure
            raise
        except BaseException:
            if not checked:
                self.limiter.release(username, address, attempt)
            else:  # checked, then the journal failed: counted as a failure, as before
                self.limiter.failed_attempt(username, address)
            raise
        self.limiter.succeeded(username, address, attempt)
        return user

    def _verify(self, stored: str, password: str) -> bool:
        try:
            return self.hasher.verify(stored, password)
        except (VerificationError, InvalidHashError, UnicodeEncodeError):
            return False

    def _dummy_hash(self) -> str:
        if self._dummy is None:
            self._dummy = self.hasher.hash(secrets.token_urlsafe(16))
        return self._dummy

    def sign_in(self, username: str, password: str, *, address: str) -> SignedIn:
        user = self.authenticate(username, password, address=address)
        token = secrets.token_urlsafe(32)  # 32 random bytes
        now = self.clock()
        expires = now + SESSION_MAX
        self.end_idle_sessions()
        with self.journal.transaction() as s:
            s.add(WebSessionRow(token_hash=_token_hash(token), user_id=user.id,
                                created_at=_iso(now), last_seen_at=_iso(now),
                                expires_at=_iso(expires)))
            self._audit(s, user, "sign_in", subject_id=user.id)
        return SignedIn(token=token, user=user, expires_at=expires)

    def session_user(self, token: str | None) -> User:
        """Whose session this is; refreshes its idle timer. Expired or idle ones are removed."""
        if not token:
            raise NotSignedInError(NOT_SIGNED_IN)
        now = self.clock()
        with self.journal.transaction() as s:
            found = s.execute(select(WebSessionRow, UserRow)
                              .join(UserRow, UserRow.id == WebSessionRow.user_id)
                              .where(WebSessionRow.token_hash == _token_hash(token))).first()
            if found is None:
                raise NotSignedInError(NOT_SIGNED_IN)
            session, user = found
            if (user.disabled or now >= _parse(session.expires_at)
                    or now - _parse(session.last_seen_at) >= SESSION_IDLE):
                s.delete(session)
                self._audit(s, None, "session_ended", subject_id=user.id)
                ended = True
            else:
                session.last_seen_at = _iso(now)
                ended = False
            result = _user(user)
        if ended:
            raise NotSignedInError("Your session has ended. Sign in again.")
        return result

    def sign_out(self, token: str | None) -> None:
        """End the session of ``token`` (written to the audit log); no such session: nothing."""
        if not token:
            return
        with self.journal.transaction() as s:
            session = s.scalars(select(WebSessionRow)
                                .where(WebSessionRow.token_hash == _token_hash(token))).first()
            if session is None:
                return
            user = s.get(UserRow, session.user_id)
            s.delete(session)
            if user is not None:
                self._audit(s, _user(user), "sign_out", subject_id=user.id)

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
        line (who, which entry), never what it said; earlier lines about it stay."""
        _require_role(client, "client")
        entry_id = _an_id(entry_id)
        with self.journal.transaction() as s:
            row = self._own_entry(s, client, entry_id, "You can delete only your own entries.")
            s.execute(delete(ShareRow).where(ShareRow.entry_id == entry_id))
            s.delete(row)
            self._audit(s, client, "delete_entry", entry_id=entry_id, subject_id=client.id)

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

    # -- the audit log ---------------------------------------------------------------------
    def _audit(self, s: Session, actor: User | None, action: str, *, entry_id: int | None = None,
               subject_id: int | None = None) -> None:
        s.add(AuditRow(at=_iso(self.clock()), actor_id=actor.id if actor else None,
                       action=action, entry_id=entry_id, subject_id=subject_id))

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

    def end_idle_sessions(self) -> int:
        """Remove sessions past their expiry or idle timeout; how many."""
        now = self.clock()
        with self.journal.transaction() as s:
            ended = s.scalars(select(WebSessionRow).where(
                (WebSessionRow.expires_at <= _iso(now))
                | (WebSessionRow.last_seen_at <= _iso(now - SESSION_IDLE)))).all()
            for session in ended:
                s.delete(session)
                self._audit(s, None, "session_ended", subject_id=session.user_id)
            return len(ended)


def _require_role(user: User, role: str) -> None:
    if user.role != role:
        raise NotAllowedError(f"This is for {role}s only.")


def _user(row: UserRow) -> User:
    return User(id=row.id, username=row.username, role=row.role, created_at=row.created_at,
                disabled=bool(row.disabled))


def _entry(row: EntryRow, body: Mapping[str, Any]) -> Entry:
    """The entry as its readers see it: what was written (the kept signs are the entry's
    ``signs``, not its words)."""
    return Entry(id=row.id, kind=row.kind, relationship_id=row.relationship_id,
                 occurred_at=row.occurred_at, body={k: v for k, v in body.items() if k != _SIGNS})


_MAX_ID = 2**31 - 1  # entry ids are 32-bit integers on PostgreSQL


def _an_id(entry_id: int) -> int:
    """The id to look up: one past what the journal's ids can be is no one's entry (0), answered
    as any other id that is not theirs, never as a database error."""
    return entry_id if 0 < entry_id <= _MAX_ID else 0
