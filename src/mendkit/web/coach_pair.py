"""Two-person mode in the browser: the same answers, store and exchange as ``mend coach --pair``.

One person starts (and gets a join code), the other joins with the code in their own browser;
each answers ``mendkit.coach.pair.QUESTIONS`` privately and chooses per answer whether to share
it; the exchange lays out only what each shared. A browser holds its *seats* (which code, which
person) as random tokens in a lasting HttpOnly cookie, one per session, so starting or joining
another session keeps the first, and closing the browser loses none. The server keeps the seats
in memory, and the SHA-256 of each seat's token with that person's answers (never the token), so
after Mend restarts a browser whose token matches gets its place back. Someone who only knows
the code can join once and can read only what was shared, never the other's private answers.
In a practice a place is also its account's: signed in again (after signing out, or in another
browser), a person gets their seat back. Every answer, and the name the other
person will see, passes the safety gate first: signs of crisis or abuse stop the two-person mode
for that person and show resources, as in the terminal, and the stop is kept with their answers,
so the session pauses for both (the other person gets a calm note, with nothing of why, and is
asked for nothing more); "help" shows resources and asks the same question again, and an empty
answer is asked again (it is never saved as an answer). A code no one has joined expires after
``JOIN_WINDOW``, and codes that open nothing are counted: too many, and joining waits (the
limits are generous: a code is one of about a billion, so they still make guessing hopeless). A
place whose answers cannot be read raises ``InvalidInputError`` naming where they are
(:func:`read`), never a server error.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import secrets
from collections import OrderedDict, deque
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from threading import Lock
from typing import Final

from mendkit.coach.pair import (
    JOIN_WINDOW,  # noqa: F401 (the web's callers and tests find it here too)
    QUESTIONS,
    RISK_CHECK,
    RISK_KEY,
    SAFETY_KEY,
    SAFETY_QUESTION,
    STOPS,
    PairAnswers,
    join_expired,
    new_code,
    not_open,
    not_the_starter,
    paused,
    person_name,
    risk_check_reply,
    safety_reply,
    screen,
    typed,
)
from mendkit.coach.store import PairStorage, check_pair
from mendkit.errors import InvalidInputError

SEAT_COOKIE = "mend_pair"
SEATS_PER_BROWSER: Final = 20  # the most recent seats a browser's cookie holds
_SEAT_ENTRY = re.compile(r"([A-Z0-9]{6}):([A-Za-z0-9_-]{16,64})")


def new_token() -> str:
    """A fresh seat token: what a browser keeps; the server keeps its :func:`token_hash`."""
    return secrets.token_urlsafe(24)


def token_hash(token: str) -> str:
    """The SHA-256 (hex) of a seat token, as kept with that place's answers."""
    return hashlib.sha256(token.encode()).hexdigest()


def seats_in(cookie: str | None) -> list[tuple[str, str]]:
    """The (code, token) pairs of a seat cookie, the oldest first; what cannot be one is skipped.

    >>> seats_in("ABC234:" + "t" * 32 + ".nonsense")
    [('ABC234', 'tttttttttttttttttttttttttttttttt')]
    """
    return [(m[1], m[2]) for part in (cookie or "").split(".")
            if (m := _SEAT_ENTRY.fullmatch(part))]


def seat_cookie(cookie: str | None, code: str, token: str) -> str:
    """A seat cookie's value with the seat ``token`` for ``code`` added (it replaces an older
    seat for the same code), keeping the others: at most ``SEATS_PER_BROWSER``, the most
    recent."""
    held = [(c, t) for c, t in seats_in(cookie) if c != code] + [(code, token)]
    return ".".join(f"{c}:{t}" for c, t in held[-SEATS_PER_BROWSER:])


def read(store: PairStorage, code: str, role: str) -> PairAnswers | None:
    """``store.load(code, role)``; answers that cannot be read (a damaged or hand-edited file)
    raise ``InvalidInputError`` naming where they are and what to do, so one damaged place never
    turns into a server error."""
    try:
        return store.load(code, role)
    except (ValueError, OSError) as exc:
        folder = getattr(store, "folder", None)
        where = (str(folder / code / f"{role}.json") if folder is not None
                 else f"the journal's two-person answers {code}/{role}")
        why = (exc.reason if isinstance(exc, InvalidInputError)
               else f"line {exc.lineno}: not valid JSON: {exc.msg}"
               if isinstance(exc, json.JSONDecodeError)
               else getattr(exc, "strerror", None) or str(exc))
        raise InvalidInputError(
            f"the two-person session {code} could not be read: {where} is damaged ({why}). "
            "Fix or delete that file to use this code again; your other sessions are not "
            "affected") from None


@dataclass(frozen=True, slots=True)
class Seat:
    code: str
    role: str  # "first" or "second"
    stopped: str = ""  # "crisis" or "unsafe" once an answer showed those signs


@dataclass
class Seats:
    """Seats by token, in memory only (the last ``size``). A stop belongs to the place (code and
    role), so a seat given back to the same person stays stopped."""

    size: int = 512
    _items: OrderedDict[str, Seat] = field(default_factory=OrderedDict)
    _stops: OrderedDict[tuple[str, str], str] = field(default_factory=OrderedDict)
    _lock: Lock = field(default_factory=Lock)

    def add(self, seat: Seat, token: str = "") -> tuple[str, Seat]:
        """The token for ``seat`` (``token``, or a new one) and the seat as kept (stopped if its
        place was)."""
        token = token or new_token()
        with self._lock:
            if stopped := self._stops.get((seat.code, seat.role), ""):
                seat = replace(seat, stopped=stopped)
            self._items[token] = seat
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return token, seat

    def get(self, token: str | None) -> Seat | None:
        with self._lock:
            return self._items.get(token or "")

    def find(self, store: PairStorage, code: str, token: str) -> Seat | None:
        """The seat of ``token`` in ``code``'s session: from memory, or else (after a restart,
        or once it left memory) the place whose answers keep the hash of ``token``."""
        seat = self.get(token)
        if seat is not None:
            return seat if seat.code == code else None
        digest = token_hash(token)
        unreadable: InvalidInputError | None = None
        for role in ("first", "second"):
            try:
                mine = read(store, code, role)
            except InvalidInputError as exc:  # the other place may still be this token's
                unreadable = exc
                continue
            if mine is not None and mine.seat_hash and hmac.compare_digest(mine.seat_hash,
                                                                           digest):
                return self.add(Seat(code=code, role=role, stopped=mine.stopped), token)[1]
        if unreadable is not None:
            raise unreadable
        return None

    def stop(self, token: str, kind: str) -> None:
        with self._lock:
            if token in self._items:
                seat = self._items[token] = replace(self._items[token], stopped=kind)
                self._stops[(seat.code, seat.role)] = kind
                while len(self._stops) > self.size:
                    self._stops.popitem(last=False)


def normal_code(code: str) -> str:
    code = code.strip().upper()
    check_pair(code, "first")
    return code


def name_stop(name: str) -> str:
    """``"crisis"`` or ``"unsafe"`` when a name shows those signs (it is shown to the other
    person, so it passes the gate like any answer), else ``""``."""
    found = screen(name)
    return found if found in ("crisis", "unsafe") else ""


# Taking a seat is check-then-save: one at a time, so two joins at once cannot both get "second".
_seating = Lock()


SEAT_LIFE: Final = timedelta(days=30)  # how long a browser keeps its seats since it last used one
# Codes that open nothing, per WRONG_JOIN_WAIT, in all and from any one client (its address).
# Generous, so that typos on a shared computer never lock the real partner out: at 200 tries
# per 10 minutes, finding one of the 32**6 (about a billion) codes by trying is still hopeless.
WRONG_JOINS_ALLOWED: Final = 200
WRONG_JOINS_PER_CLIENT: Final = 50
WRONG_JOIN_WAIT: Final = timedelta(minutes=10)


def _clock() -> datetime:
    return datetime.now(UTC)


def start(store: PairStorage, name: str, *, token: str = "") -> Seat:
    """A new two-person session: a fresh code, and the first person's (still empty) answers,
    which keep the hash of the seat ``token`` when one is given. An empty or blank name raises
    ``InvalidInputError``: the other person sees it."""
    name = person_name(name)
    with _seating:
        code = new_code()
        while store.exists(code):
            code = new_code()
        store.save(code, "first", PairAnswers(name=name, started=_clock().isoformat(),
                                              seat_hash=token_hash(token) if token else ""))
    return Seat(code=code, role="first")


class _WrongJoins:
    """When codes that open nothing were tried, by place (a home folder or a journal): past
    ``WRONG_JOINS_ALLOWED`` of them within ``WRONG_JOIN_WAIT``, every join there waits, so a
    code (one of about a billion) cannot be found by trying."""

    def __init__(self) -> None:
        self._tries: dict[str, deque[datetime]] = {}
        self._lock = Lock()

    def _recent(self, place: str, now: datetime) -> deque[datetime]:
        tries = self._tries.setdefault(place, deque())
        while tries and now - tries[0] >= WRONG_JOIN_WAIT:
            tries.popleft()
        return tries

    def check(self, place: str, allowed: int = WRONG_JOINS_ALLOWED) -> None:
        now = _clock()
        with self._lock:
            tries = self._recent(place, now)
            if len(tries) >= allowed:
                minutes = max(1, -(-int((tries[0] + WRONG_JOIN_WAIT - now).total_seconds()) // 60))
                raise InvalidInputError(
                    "too many codes that do not open a session were tried lately (by anyone, "
                    "not necessarily you), so to keep every session safe from guessing, "
                    f"joining waits for now; please try again in {minutes} minute"
                    f"{'' if minutes == 1 else 's'}. A right code will work then")

    def add(self, place: str) -> None:
        now = _clock()
        with self._lock:
            self._recent(place, now).append(now)
            if len(self._tries) > 1024:  # places with no recent tries are forgotten
                self._tries = {k: v for k, v in self._tries.items() if self._recent(k, now)}


_wrong_joins = _WrongJoins()


def _place(store: PairStorage) -> str:
    """Where ``store`` keeps its answers: wrong joins are counted per place."""
    journal = getattr(store, "journal", None)
    return str(getattr(store, "folder", None) or getattr(journal, "path", None) or id(store))


def expired(first: PairAnswers) -> bool:
    """Whether the code of the session ``first`` started can no longer be joined."""
    return join_expired(first, _clock())


def join(store: PairStorage, code: str, name: str, *, client: str | None = None,
         token: str = "") -> Seat:
    """The second place of ``code``'s session, for ``name`` (its answers keep the hash of the
    seat ``token`` when one is given). A code that opens nothing (none such, already joined, or
    not joined within ``JOIN_WINDOW``) gets the same answer, so a code tells someone outside the
    session nothing; and after too many of them, joining waits: past ``WRONG_JOINS_ALLOWED`` in
    all, or past ``WRONG_JOINS_PER_CLIENT`` from one ``client`` (its address)."""
    code = normal_code(code)
    name = person_name(name)
    place = _place(store)
    counted = [(place, WRONG_JOINS_ALLOWED)]
    if client:
        counted.append((f"{place}\0{client}", WRONG_JOINS_PER_CLIENT))
    for key, allowed in counted:
        _wrong_joins.check(key, allowed)
    with _seating:
        first = read(store, code, "first")
        if first is None or read(store, code, "second") is not None or expired(first):
            for key, _ in counted:
                _wrong_joins.add(key)
            raise not_open(code)
        not_the_starter(name, first)
        store.save(code, "second", PairAnswers(
            name=name, seat_hash=token_hash(token) if token else ""))
    return Seat(code=code, role="second")


def next_question(answers: PairAnswers) -> tuple[str, str] | None:
    """The first question not yet answered (key, text), or None when all are. Before any, the
    safety question (``SAFETY_KEY``), until the person has answered it yes; while an answer
    waits on the risk check (``PairAnswers.checking``), that check (``RISK_KEY``)."""
    if not answers.safe and not answers.complete:
        return SAFETY_KEY, SAFETY_QUESTION
    if answers.checking:
        return RISK_KEY, RISK_CHECK
    return next(((k, q) for k, q in QUESTIONS if k not in answers.answers), None)


def answer(store: PairStorage, seat: Seat, key: str, text: str, *, share: bool) -> str:
    """Save one answer: ``""`` when saved, ``"repeat"`` when that question already has this
    answer (a double submit is not applied twice), ``"stale"`` for other text for a question that
    is not the current one (a tab the session moved on from: nothing is saved), ``"paused"`` when
    the other person was stopped by the safety gate (the session is paused for both),
    ``"safety_first"`` for an answer to a question while the safety question is still open (a
    page from before it, nothing saved), else what
    :func:`screen` found (``"help"``, ``"empty"``, ``"crisis"``, ``"unsafe"``, ``"long"``: over
    ``MAX_ANSWER`` characters, never cut; on the safety question, what
    :func:`~mendkit.coach.pair.safety_reply` found, ``"again"`` included, and a yes is kept as
    ``safe``), and then nothing is saved. A stop is kept with the
    answers, so it pauses the session for the other person too. The text is measured and saved
    as :func:`~mendkit.coach.pair.typed` gives it (a browser's CRLF is one line break).

    ``"check"``: only the model saw a sign in the answer, which waits (``checking``) while
    this person alone is asked the risk check (``RISK_KEY``); their reply to it gives ``""``
    (a clear no: the answer is saved as given), ``"crisis"`` or ``"unsafe"`` (a stop, for both),
    or ``"risk_again"`` (neither: asked again). An answer to another question meanwhile
    (an older page) gives ``"check"`` and is not saved."""
    mine = read(store, seat.code, seat.role)
    if mine is None:
        raise InvalidInputError("your answers for this code are not here any more")
    if mine.stopped:
        return mine.stopped
    text = typed(text)
    on_hold = paused(None, read(store, seat.code, other_role(seat.role)))
    current = next_question(mine)
    if not on_hold and current is not None and current[0] == SAFETY_KEY and key != SAFETY_KEY:
        return "safety_first"  # a question's answer from an older page: nothing answered yet
    if current is not None and current[0] == RISK_KEY:
        return _risk_answer(store, seat, mine, key, text, on_hold=on_hold)
    if not on_hold and (current is None or current[0] != key):
        if (key == SAFETY_KEY and mine.safe) or key == RISK_KEY:  # answered: a double submit
            return "repeat"
        return "repeat" if mine.answers.get(key) == text else "stale"
    # Paused or not, signs of crisis or abuse get their stop screen; on the safety question,
    # so does a "no".
    found = safety_reply(text) if key == SAFETY_KEY else screen(text, dict(QUESTIONS).get(key),
                                                                  asked=mine)
    if found in STOPS:
        store.save(seat.code, seat.role, replace(mine, stopped=found))
        return found
    if on_hold:
        return "paused"
    if found == "check":  # the answer waits while this person alone is asked
        store.save(seat.code, seat.role, replace(
            mine, checking={"key": key, "answer": text, "share": share}))
        return found
    if found:
        return found
    if key == SAFETY_KEY:
        store.save(seat.code, seat.role, replace(mine, safe=True))
        return ""
    store.save(seat.code, seat.role, replace(
        mine, answers={**mine.answers, key: text}, shared={**mine.shared, key: share}))
    return ""


def _risk_answer(store: PairStorage, seat: Seat, mine: PairAnswers, key: str, text: str, *,
                 on_hold: bool) -> str:
    """``answer`` at the risk check: see there."""
    if key != RISK_KEY:
        return "check"  # an older page's answer: the check comes first, nothing is saved
    held = mine.checking
    found = risk_check_reply(text, str(held["answer"]))
    if found in STOPS:  # the held answer is neither saved nor shared
        store.save(seat.code, seat.role, replace(mine, stopped=found, checking={}))
        return found
    if found:
        return "risk_again"
    if on_hold:
        return "paused"
    asked = str(held["key"])
    store.save(seat.code, seat.role, replace(
        mine.said_no(str(held["answer"])), checking={},
        answers={**mine.answers, asked: str(held["answer"])},
        shared={**mine.shared, asked: held.get("share") is True}))
    return ""


def other_role(role: str) -> str:
    return "second" if role == "first" else "first"
