"""Signing in and out of a practice: a password checked (about as slowly for an unknown name as
for a wrong password, within the limiter's pauses), a web session made, refreshed and ended when
it is idle or too old."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select

from mendkit.errors import NOT_SIGNED_IN, NotSignedInError, TooManyAttemptsError
from mendkit.journal.account_core import AccountsCore, _iso, _normal, _parse, _token_hash
from mendkit.journal.account_records import SignedIn, User, _user
from mendkit.journal.tables import AuditRow, UserRow, WebSessionRow

SESSION_IDLE = timedelta(minutes=30)  # signed out after this long without a request
SESSION_MAX = timedelta(hours=12)  # and after this long in any case
_WRONG = "That username and password do not match an account here."
# Said only after the right password: it tells nothing to someone who does not know it.
PAUSED = "This account is paused by your practice. Please contact them."


class AccountSessions(AccountsCore):
    """Signing in, web sessions and signing out (a part of
    :class:`~mendkit.journal.practice_accounts.Accounts`)."""

    # -- signing in ------------------------------------------------------------------------
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
