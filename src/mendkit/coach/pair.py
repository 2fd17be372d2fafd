"""Two-person mode: each person answers privately, then Mend lays out a structured exchange.

The questions follow the structure of processing a regrettable incident (feelings, each one's
reality, triggers, what each takes responsibility for, one thing each will do next time), in Mend's
own words. Each answer carries its own choice to share: the exchange shows only shared answers, so
neither person sees the other's private notes unless they chose to share them.
"""

from __future__ import annotations

import secrets
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any, Final

from mendkit.analysis.language import looks_unreadable
from mendkit.coach.content import PROMPTS, RISK_QUESTION
from mendkit.coach.machine import EventType, State
from mendkit.coach.replies import MAYBE, hedged, is_help, risk_reply
from mendkit.coach.replies import yes_or_no as read
from mendkit.coach.risk_check import checked_texts, said_no_before
from mendkit.coach.risk_words import may_tell_of_risk
from mendkit.coach.safety_gate import screened, worth_asking
from mendkit.errors import InvalidInputError
from mendkit.journal.kinds import has_visible

QUESTIONS: Final = (
    ("feelings", "How did you feel during it? Feelings only, not why."),
    ("reality", "How did it look from where you stood? Your side, as you saw it."),
    ("triggers", "Did anything from before (a memory, an old hurt, stress) make it hit harder?"),
    ("responsibility", "What was your part? What do you regret?"),
    ("next_time", "One thing you will do differently next time?"),
)
TITLES: Final = {"feelings": "Feelings", "reality": "Each one's reality", "triggers": "Triggers",
                 "responsibility": "What each takes responsibility for",
                 "next_time": "One thing each will do next time"}
# Asked of each person, privately, before the questions, as the one-person coach asks it first:
# a "no" (or "not sure") stops, as a sign of danger does. Repair with the other person is wrong
# when someone is unsafe, and goes well only when both are calm (so CALM_FIRST comes first).
SAFETY_KEY: Final = "safe"
SAFETY_QUESTION: Final = PROMPTS[State.SAFETY_CHECK]
SAFETY_AGAIN: Final = ("Please answer yes or no. If you are not sure you are safe, answer no: "
                       "your safety comes first.")
CALM_FIRST: Final = ("Do this only when you both feel calm. If either of you still feels stirred "
                     "up, take a break of at least 20 minutes first, and come back to it then.")
_ALPHABET: Final = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread


MAX_ANSWER: Final = 5000  # characters; the page's textarea has the same maxlength


def typed(text: str) -> str:
    """An answer as it is measured, screened and saved: trimmed, each line break one ``\\n``
    (a browser sends each as CRLF, but its ``maxlength`` counts it as one character).

    >>> typed(" one\\r\\ntwo\\r ")
    'one\\ntwo'
    """
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def screen(text: str, question: str | None = None, *, asked: PairAnswers | None = None) -> str:
    """What a typed answer (or name) asks for before it is saved: ``"help"`` (resources, then
    the same question), ``"empty"`` (the question again), ``"crisis"`` or ``"unsafe"`` (stop:
    the safety gate saw those signs), ``"long"`` (over ``MAX_ANSWER`` characters: the question
    again, as an answer is never cut), ``"check"`` (only the learned model saw a sign in this
    answer to ``question``: ask the person ``RISK_CHECK``, privately, before anything stops;
    see ``risk_check_reply``), or ``""`` (save it). The gate reads the whole text, so whatever
    is saved has been read, and a stop wins over the length. "Help" is heard as the one-person
    coach hears it, in any case and the languages it knows ("Hilfe!").

    As in the one-person coach (``risk_check._reply``), a sign only the model saw is asked
    about when it is worth asking (``safety_gate.worth_asking``, read with ``question``), and
    passes when it is not; a rule's sign always stops, for both people, but one in what the
    person says they said to someone else about others being better off
    (``safety_gate.reported_words``), which is asked about too. Without ``question``
    (a name, shown to the other person) any sign stops, as before. A sign only the model saw
    that the person ``asked`` already said a clear no about (the same words, or the same kind
    with no new word of death or a means: ``risk_check.said_no_before``) is not asked again.

    >>> screen("¡Ayuda!"), screen("  ")
    ('help', 'empty')
    """
    text = typed(text)
    if not text:
        return "empty"
    if is_help(text):
        return "help"
    found = screened(text)
    # What the person says they said to someone else, about others being better off ("I said
    # they'd be better off if he didn't bother"): asked about, as in the one-person coach.
    reported = question is not None and bool(found.reported) and not found.asked_first
    if found.stop is not None and not (question is not None and found.model_only) and not reported:
        return _stop_kind(found.stop)
    if len(text) > MAX_ANSWER:
        return "long"  # never saved: a sign in the shorter answer is read when it comes
    if found.stop is not None and question is not None and (
            reported or worth_asking(text, question)):
        if asked is not None and found.model_only and not reported and said_no_before(
                text, found.stop, frozenset(asked.declined), checked_texts(asked.checked)):
            return ""
        return "check"
    return ""


def _stop_kind(stop: EventType) -> str:
    return "unsafe" if stop is EventType.ABUSE else "crisis"


# The risk check two-person mode asks when only the model saw a sign in an answer: the one-person
# coach's question, asked of the person whose answer it was, on their own screen.
RISK_CHECK: Final = f"{RISK_QUESTION} (yes / no / not sure)"
RISK_KEY: Final = "risk"  # the risk check's place among a person's questions (the web's form)


def risk_check_reply(text: str, held: str) -> str:
    """What an answer to ``RISK_CHECK`` about the answer ``held`` asks for, read as the
    one-person coach reads it (``risk_check._confirm``): ``""`` for a clear no (``held`` is
    saved, and the questions go on), ``"crisis"`` or ``"unsafe"`` (stop, for both people) for a
    yes, a not sure, "help", or an answer with a sign of its own (the stop ``held`` called for,
    or the answer's own rule sign), else ``"again"`` (empty, or neither: asked again, never taken
    as a no).

    >>> [risk_check_reply(t, "I'm going to end it") for t in ("no im ok", "not sure", "hm")]
    ['', 'crisis', 'again']
    """
    text = typed(text)
    stop = screened(typed(held)).stop
    kind = _stop_kind(stop) if stop is not None else "crisis"
    if not text:
        return "again"
    if is_help(text):
        return kind
    found = screened(text)
    if found.stop is not None and not (found.model_only and not may_tell_of_risk(text)) and not (
            found.reported and not found.asked_first):
        return kind if found.model_only else _stop_kind(found.stop)
    unreadable = looks_unreadable(text)
    answer = risk_reply(text) if not unreadable else None
    if hedged(text):
        answer = "not sure"
    if answer == "no":
        return ""
    if answer in ("yes", "not sure") or (unreadable and MAYBE.search(text.lower())):
        return kind
    return "again"


def safety_reply(text: str) -> str:
    """What a reply to ``SAFETY_QUESTION`` asks for: ``""`` (yes: the questions begin),
    ``"unsafe"`` (no, not sure or maybe: safety first, so the stop with the safety plan, as in
    the one-person coach), ``"crisis"`` or ``"unsafe"`` when the safety gate saw those signs,
    ``"help"``, ``"unreadable"`` (in a language Mend cannot read: it says so with the
    resources, as the one-person coach does, and asks again), or ``"again"`` (empty, or neither
    yes nor no: ``SAFETY_AGAIN``, then the question again). A yes is read as strictly as at the
    one-person coach's safety question.

    >>> [safety_reply(t) for t in ("yes", "no", "not sure", "help", "I thought")]
    ['', 'unsafe', 'unsafe', 'help', 'again']
    """
    found = screen(text)
    if found in (*STOPS, "help"):
        return found
    answer = yes_or_no(typed(text), safety=True) if not found else None
    if answer is not False and not found and looks_unreadable(typed(text)):
        return "unreadable"  # a no Mend knows ("non, j'ai peur") takes the safety path at once
    if answer is None:
        return "again"
    return "" if answer else "unsafe"


def too_long(text: str) -> str:
    """What to tell someone whose answer ``text`` is over ``MAX_ANSWER`` characters."""
    return (f"that answer is {len(typed(text)):,} characters long, and an answer can be at "
            f"most {MAX_ANSWER:,} characters, so it was not saved; please shorten it and try "
            "again")


NAME_NEEDED: Final = "please type your first name; the other person will see it"


# Characters that turn the direction of the text around them: in a name, they can make it show
# as another name, or garble the line it is shown in.
_BIDI_CONTROLS: Final = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                                  "\u2066\u2067\u2068\u2069")


def person_name(name: str) -> str:
    """The name the other person will see, trimmed to 60 characters; an empty or blank one
    raises ``InvalidInputError`` (a place with no name shows the other person nothing), as does
    one with nothing visible (only zero-width characters, say), and one with control characters,
    line breaks or text-direction controls (as for a journal's names).

    >>> person_name("  Dana K ")
    'Dana K'
    """
    name = name.strip()[:60].strip()
    if not has_visible(name):
        raise InvalidInputError(NAME_NEEDED)
    found = dict.fromkeys(f"U+{ord(ch):04X}" for ch in name
                          if unicodedata.category(ch) in ("Cc", "Zl", "Zp")
                          or ch in _BIDI_CONTROLS)
    if found:
        raise InvalidInputError("a name cannot hold control or text-direction characters or "
                                f"line breaks (it has {', '.join(found)}); please type it again "
                                "without them")
    return name


def same_name(one: str, other: str) -> bool:
    """Whether two names are the same name, whatever their case and spacing.

    >>> same_name(" dana ", "Dana"), same_name("Dana K", "Dana")
    (True, False)
    """
    return " ".join(one.split()).casefold() == " ".join(other.split()).casefold()


def not_the_starter(name: str, first: PairAnswers | None) -> None:
    """Raises ``InvalidInputError`` when ``name``, joining, is the name of the person who started
    the code: each code is for two people, and a code joined by the one who started it locks the
    other out (and shows each person's answers under one name)."""
    if first is not None and same_name(name, first.name):
        raise InvalidInputError(
            f"{first.name} started this code, so it is for the other person: if you are "
            f"{first.name}, give the code to them. If you are someone else with the same name, "
            f"add an initial (for example {first.name} K)")


def yes_or_no(text: str, *, safety: bool = False) -> bool | None:
    """True for yes, False for no (and for "not sure" or "maybe": the careful answer), None for
    anything else ("I thought...", ""): ask again. Read by whole words, as the coach reads them
    (strictly at the ``safety`` question).

    >>> yes_or_no("Yes please"), yes_or_no("nope"), yes_or_no("not sure"), yes_or_no("I thought")
    (True, False, False, None)
    """
    answer = read(text, safety=safety)
    if answer is None and MAYBE.search(text.lower()):
        return False
    return None if answer is None else answer == "yes"


def new_code() -> str:
    """A short join code, easy to read aloud."""
    return "".join(secrets.choice(_ALPHABET) for _ in range(6))


STOPS: Final = ("crisis", "unsafe")  # what ``screen`` says when the safety gate stops
JOIN_WINDOW: Final = timedelta(hours=24)  # a code no one has joined by then opens nothing


def join_expired(first: PairAnswers, now: datetime | None = None) -> bool:
    """Whether the code of the session that ``first`` started can no longer be joined: it was
    started more than ``JOIN_WINDOW`` before ``now``. Answers saved before codes expired (no
    ``started``) keep their place."""
    try:
        started = datetime.fromisoformat(first.started)
    except ValueError:
        return False
    if started.tzinfo is None:
        started = started.replace(tzinfo=UTC)
    return (now or datetime.now(UTC)) - started > JOIN_WINDOW


def not_open(code: str) -> InvalidInputError:
    """The one answer for a code that opens nothing to join (none such, already joined, or
    expired), in the browser and the terminal alike: it tells someone outside nothing."""
    return InvalidInputError(
        f"there is no two-person session open to join with the code {code}: it may be "
        "mistyped, someone may have already joined it, or it may have been started more "
        f"than {JOIN_WINDOW.total_seconds() / 3600:.0f} hours ago. Check the code with "
        "the person who started it")


EXPIRED: Final = (f"No one joined within {JOIN_WINDOW.total_seconds() / 3600:.0f} hours, so "
                  "this code no longer opens the session. To answer together, start a new "
                  "session and give its code to the other person.")


@dataclass(frozen=True, slots=True, kw_only=True)
class PairAnswers:
    """One person's answers. ``stopped`` is ``"crisis"`` or ``"unsafe"`` after the safety gate
    stopped their answering: the session pauses for both people, and the next run checks in
    with them before any more questions. ``started`` (ISO, UTC) is when the first person started
    the session: a code no one has joined expires (``JOIN_WINDOW``). ``safe`` is True once the
    person answered yes to ``SAFETY_QUESTION``: until then they are asked it, before any
    question.
    ``seat_hash`` is the SHA-256 (hex) of the token that the browser holding this place keeps
    in its cookie, so that browser gets its place back after Mend restarts; the token itself is
    never kept. ``checking`` holds an answer in which only the model saw a sign (``"key"``,
    ``"answer"``, ``"share"``) while the person is asked ``RISK_CHECK`` (in the browser, where
    the question is a page of its own): a clear no saves it, a yes stops; it is never shown to
    the other person. ``declined`` (the kinds of stop, ``"crisis"`` or ``"abuse"``) and
    ``checked`` (the answers themselves) remember each clear no to ``RISK_CHECK``
    (``said_no``), so that a later sign only the model saw of the same kind is not asked
    about again (``screen``), as in the one-person coach."""

    name: str
    answers: Mapping[str, str] = field(default_factory=dict)
    shared: Mapping[str, bool] = field(default_factory=dict)
    stopped: str = ""
    started: str = ""
    seat_hash: str = ""
    safe: bool = False
    checking: Mapping[str, Any] = field(default_factory=dict)
    declined: tuple[str, ...] = ()
    checked: tuple[str, ...] = ()

    @property
    def complete(self) -> bool:
        return all(key in self.answers for key, _ in QUESTIONS)

    def said_no(self, held: str) -> PairAnswers:
        """These answers, remembering a clear no to ``RISK_CHECK`` about the answer ``held``."""
        stop = screened(typed(held)).stop
        kind = stop.value if stop is not None else EventType.CRISIS.value
        return replace(self, declined=tuple(sorted({*self.declined, kind})),
                       checked=(*self.checked, typed(held)))

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name, "answers": dict(self.answers),
                               "shared": dict(self.shared)}
        if self.started:
            out["started"] = self.started
        if self.seat_hash:
            out["seat_hash"] = self.seat_hash
        if self.safe:
            out["safe"] = True
        if self.checking:
            out["checking"] = dict(self.checking)
        if self.declined:
            out["declined"], out["checked"] = list(self.declined), list(self.checked)
        return {**out, "stopped": self.stopped} if self.stopped else out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> PairAnswers:
        """The answers as :meth:`to_dict` wrote them; ``InvalidInputError`` says what is not."""
        if not isinstance(data, Mapping) or not isinstance(data.get("name"), str):
            raise InvalidInputError('expected two-person answers: a JSON object with a "name"')
        for key in ("answers", "shared"):
            if not isinstance(data.get(key, {}), Mapping):
                raise InvalidInputError(f'expected "{key}" to be a JSON object, got '
                                        f"{type(data[key]).__name__}")
        stopped = str(data.get("stopped") or "")
        checking = data.get("checking") or {}
        if not isinstance(checking, Mapping) or not all(
                isinstance(checking.get(k), str) for k in ("key", "answer")):
            checking = {}
        return cls(name=str(data["name"]), answers=dict(data.get("answers", {})),
                   shared={k: bool(v) for k, v in data.get("shared", {}).items()},
                   stopped=stopped if stopped in STOPS or not stopped else "crisis",
                   started=str(data.get("started") or ""),
                   seat_hash=str(data.get("seat_hash") or ""),
                   safe=data.get("safe") is True,
                   checking={"key": str(checking["key"]), "answer": checking["answer"],
                             "share": checking.get("share") is True} if checking else {},
                   declined=_strings(data.get("declined")), checked=_strings(data.get("checked")))


def _strings(value: object) -> tuple[str, ...]:
    """A saved list of strings (anything else is no memory at all)."""
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return ()
    return tuple(value)


def paused(one: PairAnswers | None, other: PairAnswers | None) -> bool:
    """Whether the session of these two places is paused: either person was stopped by the
    safety gate. Then neither is asked for more answers, and the exchange is offered to no one."""
    return any(person is not None and person.stopped for person in (one, other))


PAUSED: Final = ("This two-person session has been paused, and it will not go on for now. Your "
                 "answers so far are kept, and nothing more is needed from you.")


def exchange(first: PairAnswers, second: PairAnswers) -> list[tuple[str, list[tuple[str, str]]]]:
    """The structured exchange: per section, each person's shared answer (or a note)."""
    sections = []
    for key, _ in QUESTIONS:
        rows = []
        for person in (first, second):
            if not str(person.answers.get(key, "")).strip():  # an empty answer says nothing
                rows.append((person.name, "(not answered)"))
            elif person.shared.get(key, False):
                rows.append((person.name, person.answers[key]))
            else:
                rows.append((person.name, "(kept private)"))
        sections.append((TITLES[key], rows))
    return sections
