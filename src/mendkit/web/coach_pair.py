"""Two-person mode in the browser: the same answers, store and exchange as ``mend coach --pair``.

One person starts (and gets a join code), the other joins with the code in their own browser;
each answers ``mendkit.coach.pair.QUESTIONS`` privately and chooses per answer whether to share
it; the exchange lays out only what each shared. A browser holds its *seat* (which code, which
person) as a random token in an HttpOnly cookie; the server keeps the seats in memory, so someone
who only knows the code can join once and can read only what was shared, never the other's
private answers. In a practice a place is also its account's: signed in again (after signing
out, or in another browser), a person gets their seat back. Every answer, and the name the other
person will see, passes the safety gate first: signs of crisis or abuse stop the two-person mode
for that person and show resources, as in the terminal; "help" shows resources and asks the
same question again, and an empty answer is asked again (it is never saved as an answer).
"""

from __future__ import annotations

import secrets
from collections import OrderedDict
from dataclasses import dataclass, field, replace
from threading import Lock

from mendkit.coach.pair import (
    QUESTIONS,
    PairAnswers,
    new_code,
    not_the_starter,
    person_name,
    screen,
)
from mendkit.coach.store import PairStorage, check_pair
from mendkit.errors import InvalidInputError

SEAT_COOKIE = "mend_pair"


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

    def add(self, seat: Seat) -> tuple[str, Seat]:
        """A new token for ``seat`` and the seat as kept (stopped if its place was)."""
        token = secrets.token_urlsafe(24)
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


def start(store: PairStorage, name: str) -> Seat:
    """A new two-person session: a fresh code, and the first person's (still empty) answers. An
    empty or blank name raises ``InvalidInputError``: the other person sees it."""
    name = person_name(name)
    with _seating:
        code = new_code()
        while store.exists(code):
            code = new_code()
        store.save(code, "first", PairAnswers(name=name))
    return Seat(code=code, role="first")


def join(store: PairStorage, code: str, name: str) -> Seat:
    code = normal_code(code)
    name = person_name(name)
    with _seating:
        if not store.exists(code):
            raise InvalidInputError(f"there is no two-person session with the code {code}; "
                                    "check the code with the person who started it")
        if store.load(code, "second") is not None:
            raise InvalidInputError(f"someone has already joined {code}; each code is for two "
                                    "people")
        not_the_starter(name, store.load(code, "first"))
        store.save(code, "second", PairAnswers(name=name))
    return Seat(code=code, role="second")


def next_question(answers: PairAnswers) -> tuple[str, str] | None:
    """The first question not yet answered (key, text), or None when all are."""
    return next(((k, q) for k, q in QUESTIONS if k not in answers.answers), None)


def answer(store: PairStorage, seat: Seat, key: str, text: str, *, share: bool) -> str:
    """Save one answer: ``""`` when saved, ``"repeat"`` when that question already has this
    answer (a double submit is not applied twice), ``"stale"`` for other text for a question that
    is not the current one (a tab the session moved on from: nothing is saved), else what
    :func:`screen` found (``"help"``, ``"empty"``, ``"crisis"``, ``"unsafe"``), and then nothing
    is saved."""
    mine = store.load(seat.code, seat.role)
    if mine is None:
        raise InvalidInputError("your answers for this code are not here any more")
    current = next_question(mine)
    text = text.strip()[:5000]
    if current is None or current[0] != key:
        return "repeat" if mine.answers.get(key) == text else "stale"
    if found := screen(text):
        return found
    store.save(seat.code, seat.role, PairAnswers(
        name=mine.name, answers={**mine.answers, key: text}, shared={**mine.shared, key: share}))
    return ""


def other_role(role: str) -> str:
    return "second" if role == "first" else "first"
