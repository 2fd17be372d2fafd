"""The coach in the browser: one step per page, driven by the same driver as ``mend coach``.

Each submitted answer is handed to ``mendkit.coach.driver.run`` as a short script (one answer, or
two for "edit the draft, then check it"); the next question the driver asks becomes the next page.
The session is saved in the same store as ``mend coach`` uses (the journal, or files under
MEND_HOME), so a browser session can also be resumed in the terminal and the other way round.

Pages follow Post/Redirect/Get: an answer is posted with the step's *position* (how many steps the
session has taken); a position that is no longer current (a double submit, an old tab) is not
applied again. What the coach says after an answer (a context note, markers in pasted messages) is
kept in memory for the next page, under the position it belongs to.
"""

from __future__ import annotations

import re
import uuid
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from threading import Lock

from fastapi import HTTPException

from mendkit.coach import content
from mendkit.coach.driver import PAUSED, NoMoreAnswers, run, start
from mendkit.coach.machine import TERMINAL, EventType, State, allowed_events
from mendkit.coach.session import Session
from mendkit.coach.store import SessionStorage
from mendkit.errors import InvalidInputError
from mendkit.web.security import whole_number

_ID = re.compile(r"[0-9a-f]{12}")
HELP_WORDS = ("help", "resources", "?")
Clock = Callable[[], datetime]

# The driver's words where the terminal's differ from a page's (the page has buttons for choices).
QUESTIONS: Mapping[State, str] = {
    State.SAFETY_CHECK: "First: are you safe right now, including with the person this is about?",
    State.RECOGNISE_CONTEXT: "What is this relationship?",
    State.RECOGNISE_MESSAGES: "If you have the messages, paste them here, one per line as "
                              "Speaker: text. You can skip this.",
    State.REGULATE_CHECK: "How stirred up do you feel right now?",
    State.REGULATE_BREAK: "You sound flooded. Repair goes better after a pause of at least 20 "
                          "minutes. How long would you like your break to be?",
    State.REGULATE_GROUNDING: "Let's come back to the room first.",
    State.REGULATE_BREATHING: "A short breathing exercise, if you like.",
    State.OPENNESS: "Is the other person open to talking about it? If they are not, you can "
                    "still repair what you can on your side.",
    State.RESPONSIBILITY_DRAFT: "Here is a first draft from your answers. Use it as it is, or "
                                "change it.",
    State.RESPONSIBILITY_REVIEW: "What the critic noticed in your draft.",
    State.REBUILD_MESSAGE: "Here is your message. Keep it or change it. Mend never sends "
                           "anything: you choose if and when.",
    State.REBUILD_FOLLOW_UP: "In how many days should I ask how it went?",
    State.FOLLOW_UP_UPTAKE: "How did it go? Did they take it up?",
    State.FOLLOW_UP_CONNECTION: "How connected do you feel now?",
}
SKIPPABLE: frozenset[State] = frozenset(
    state for state in State if EventType.SKIP in allowed_events(state) and state not in PAUSED)
# What a page keeps of what the driver says: notes, not what the page shows in its own way
# (drafts, the critic's verdict, breathing cues, resources).
_KEPT_NOTES = frozenset(content.CONTEXT_NOTES.values()) | frozenset(
    content.ATTACHMENT_NOTES.values())
STALE_NOTE = ("That answer was for an earlier step, so it was not used again. Here is where "
              "you are now.")
# A position that is not an earlier one (ahead of the session, or none): it was never current.
NOT_CURRENT_NOTE = ("That answer was not for the step you are on, so it was not used. Here is "
                    "where you are now.")
UNCLEAR_NOTE = "That answer did not fit this question. Try once more, or skip it if you can."
ENDED = "this coach session has ended, so that answer was not used; begin a new one"
# What the driver asks or says for the terminal only: its live break timer, and "come back with
# `mend coach --resume`" when a session pauses (a page or an API client shows the return time).
WAIT_HERE = "Wait here with a timer? (yes / no)"
_TERMINAL_ONLY = re.compile(r"\s*Come back with `mend coach --resume`\.")


def question(state: State) -> str:
    return QUESTIONS.get(state, content.PROMPTS[state])


@dataclass
class _WebPrompter:
    """Takes the given answers in order; records what is said after the first one (or, with none,
    everything) and the next question asked."""

    answers: list[str]
    said: list[str] = field(default_factory=list)
    question: str = ""

    def __post_init__(self) -> None:
        self._record = not self.answers

    def ask(self, prompt: str) -> str:
        if prompt == WAIT_HERE:  # the terminal's live timer: a page counts the break down itself
            return "no"
        if not self.answers:
            self.question = prompt
            raise NoMoreAnswers
        self._record = True
        return self.answers.pop(0)

    def say(self, text: str) -> None:
        text = _TERMINAL_ONLY.sub("", text)
        if self._record and text:
            self.said.append(text)

    def wait(self, seconds: float) -> None:
        """The page paces breathing and counts the break down itself; nothing waits here."""


@dataclass(frozen=True, slots=True)
class Step:
    session: Session
    said: tuple[str, ...]
    question: str
    done: bool
    stopped: bool

    @property
    def state(self) -> State:
        return self.session.state

    @property
    def position(self) -> int:
        return position(self.session)


def position(session: Session) -> int:
    """How many steps ``session`` has taken: a page's answer is for this position only."""
    return len(session.path)


def stale_note(posted: str | None, session: Session) -> str:
    """What a page says when an answer came with ``posted`` (the form's position), which is not
    the session's position: "earlier" only when it was an earlier one."""
    at = whole_number(posted)
    return STALE_NOTE if at is not None and at < position(session) else NOT_CURRENT_NOTE


def check_id(session_id: str) -> str:
    """``session_id`` if it has the shape of a web session's id (12 hex digits), else an error."""
    if not _ID.fullmatch(session_id):
        raise InvalidInputError("a coach session id is 12 hex digits (0-9, a-f), as in the "
                                "address a new session gets")
    return session_id


def load(store: SessionStorage, session_id: str) -> Session:
    """The session with that id; 404 (as for any id the app does not have) when there is none,
    or when it is someone else's in a practice."""
    if check_id(session_id) not in store.ids():
        raise HTTPException(status_code=404, detail="no such coach session")
    return store.load(session_id)


def begin(store: SessionStorage, *, region: str, attachment: str | None = None,
          now: Clock = datetime.now) -> Step:
    """A new session, past the welcome (the start page has said it): at the safety check."""
    if attachment not in (None, "anxious", "avoidant", "disorganised"):
        raise InvalidInputError(f"unknown attachment pattern {attachment!r}")
    session = start(uuid.uuid4().hex[:12], attachment=attachment, region=region)
    store.save(session)
    return advance(store, session, [""], region=region, now=now)


def advance(store: SessionStorage, session: Session, answers: Sequence[str] | str | None, *,
            region: str, now: Clock = datetime.now) -> Step:
    """Run the driver with ``answers`` (none: only find the current question) and save.

    One answer per session at a time: ``answers`` are for ``session`` as the caller loaded it,
    so when another answer has moved the session on since (a double submit, two clients at
    once), or the session has ended, nothing is applied and a 409 says so. While a session is
    paused, the question is the driver's "continue now anyway?" and ``said`` has the return
    time."""
    script = [answers] if isinstance(answers, str) else list(answers or ())
    with session_lock(session.id):
        current = store.load(session.id)
        if not script:
            session = current
        elif current != session:
            raise HTTPException(status_code=409, detail="that answer is not for the current "
                                f"step; the session is at position {position(current)}")
        elif session.state in TERMINAL:
            raise HTTPException(status_code=409, detail=ENDED)
        if script and session.state in PAUSED:
            waited = _run(store, session, [], region=region, now=now)
            if waited.state not in PAUSED:  # its time has come: the answer was "continue now?"
                return waited
        answered = bool(script)
        step = _run(store, session, script, region=region, now=now)  # takes from ``script``
        if answered and step.state in PAUSED:  # when it continues; the question to go on early
            later = _run(store, step.session, [], region=region, now=now)
            step = replace(step, said=step.said + later.said, question=later.question)
        return step


def _run(store: SessionStorage, session: Session, script: list[str], *, region: str,
         now: Clock) -> Step:
    prompter = _WebPrompter(script)
    # The driver saves after every step it takes, the end of a break or a follow-up's day included.
    after = run(session, prompter, store, region=region, now=now)
    stopped = after.state in (State.STOPPED_CRISIS, State.STOPPED_UNSAFE)
    return Step(session=after, said=tuple(prompter.said), question=prompter.question,
                done=after.state in TERMINAL, stopped=stopped)


_answering: dict[str, Lock] = {}
_answering_lock = Lock()


def session_lock(session_id: str) -> Lock:
    """The lock that lets one answer at a time change this session (pages and API alike)."""
    with _answering_lock:
        return _answering.setdefault(session_id, Lock())


def notes(said: Sequence[str]) -> list[str]:
    """What of ``said`` a page shows as a note (the rest it shows in its own way)."""
    return [line for line in said
            if line in _KEPT_NOTES or "may have landed as" in line
            or line.startswith("I couldn't read those")]


def is_help(text: str) -> bool:
    return text.strip().lower() in HELP_WORDS


def answers_from_form(state: State, form: Mapping[str, str], grounding: Sequence[str] = ()
                      ) -> list[str]:
    """The driver's answers for what a page's form sent (buttons, a scale, text boxes)."""
    answer = form.get("answer", "").strip()[:5000]
    if form.get("skip") and state in SKIPPABLE:
        return ["skip"]
    if state in (State.REGULATE_CHECK, State.FOLLOW_UP_CONNECTION):
        level = form.get("level", "").strip()
        if state is State.REGULATE_CHECK and form.get("numb"):
            return [" ".join(x for x in ("numb", answer) if x)]
        return [" ".join(x for x in (level, answer) if x)]
    if state is State.REGULATE_GROUNDING:  # "done" (an empty answer would mean skip)
        return [" ".join(["done", *(g.strip()[:500] for g in grounding if g.strip())])]
    if state is State.RESPONSIBILITY_REVIEW and answer == "edit":
        return ["edit", form.get("draft", "").strip()[:5000]]
    if state in (State.ON_BREAK, State.AWAITING_FOLLOW_UP):
        return ["yes" if answer == "now" else "no"]
    return [answer]


@dataclass
class NoteBoard:
    """The notes for each session's next page, in memory only (the last ``size`` sessions)."""

    size: int = 256
    _items: OrderedDict[str, tuple[int, tuple[str, ...]]] = field(default_factory=OrderedDict)
    _lock: Lock = field(default_factory=Lock)

    def put(self, session_id: str, at: int, lines: Sequence[str]) -> None:
        with self._lock:
            self._items[session_id] = (at, tuple(lines))
            self._items.move_to_end(session_id)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def get(self, session_id: str, at: int) -> tuple[str, ...]:
        with self._lock:
            found = self._items.get(session_id)
        return found[1] if found and found[0] == at else ()


def due(session: Session) -> datetime | None:
    """When a paused session continues, as an aware local time (the break's end, or the start
    of the follow-up's day)."""
    return session.resumes_at()


def open_sessions(store: SessionStorage, limit: int = 5) -> tuple[list[Session], list[str]]:
    """The most recent sessions that have not ended, newest first, and why each session that
    could not be read was left out (one damaged file must not keep anyone from the coach)."""
    found: list[Session] = []
    unreadable: list[str] = []
    for session_id in reversed(store.recent()):
        if not _ID.fullmatch(session_id):
            continue
        try:
            session = store.load(session_id)
        except InvalidInputError as exc:
            unreadable.append(str(exc))
            continue
        if session.state not in TERMINAL:
            found.append(session)
            if len(found) == limit:
                break
    return found, unreadable
