"""How many failed sign-ins a practice allows, per account and per address, before it pauses
them: :class:`LoginLimiter`, in the memory of one ``mend serve`` process, with a clock that the
tests pass in."""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from mendkit.errors import TooManyAttemptsError

MAX_FAILURES = 5  # failed sign-ins per username ...
MAX_ADDRESS_FAILURES = 50  # ... and per address (many people may share one: a loopback, a proxy) ...
FAILURE_WINDOW = timedelta(minutes=15)  # ... within this window
BUSY_RETRY_AFTER = 2  # seconds: sign-ins sent together that waited too long for each other


Clock = Callable[[], datetime]


def _utcnow() -> datetime:
    return datetime.now(UTC)


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
