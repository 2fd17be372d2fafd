"""The coach in the browser: one question per page, driven by the same driver as ``mend coach``.

Each submitted answer is handed to ``mendkit.coach.driver.run`` as a one-answer script; the next
question the driver asks (and what it says on the way) becomes the next page. The session is saved
by the driver in the same store as ``mend coach`` uses (the journal, or files under MEND_HOME), so a
browser session can also be resumed in the terminal and the other way round.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field

from mendkit.coach.driver import NoMoreAnswers, run, start
from mendkit.coach.machine import TERMINAL, State
from mendkit.coach.session import Session
from mendkit.coach.store import SessionStorage
from mendkit.errors import InvalidInputError

_ID = re.compile(r"[0-9a-f]{12}")


@dataclass
class _WebPrompter:
    """Takes at most one answer; records what is said after it and the next question asked."""

    answer: str | None
    said: list[str] = field(default_factory=list)
    question: str = ""
    _used: bool = False

    def ask(self, prompt: str) -> str:
        if self.answer is None or self._used:
            self.question = prompt
            raise NoMoreAnswers
        self._used = True
        return self.answer

    def say(self, text: str) -> None:
        if self._used or self.answer is None:
            self.said.append(text)

    def wait(self, seconds: float) -> None:
        """The page paces breathing with CSS; nothing waits on the server."""


@dataclass(frozen=True, slots=True)
class Step:
    session: Session
    said: tuple[str, ...]
    question: str
    done: bool
    stopped: bool


def load(store: SessionStorage, session_id: str) -> Session:
    if not _ID.fullmatch(session_id):
        raise InvalidInputError("no such coach session")
    if session_id not in store.ids():
        raise InvalidInputError("no such coach session")
    return store.load(session_id)


def begin(store: SessionStorage, *, region: str, attachment: str | None = None) -> Step:
    if attachment not in (None, "anxious", "avoidant", "disorganised"):
        raise InvalidInputError(f"unknown attachment pattern {attachment!r}")
    session = start(uuid.uuid4().hex[:12], attachment=attachment, region=region)
    store.save(session)
    return advance(store, session, None, region=region)


def advance(store: SessionStorage, session: Session, answer: str | None, *, region: str) -> Step:
    prompter = _WebPrompter(answer)
    after = run(session, prompter, store, region=region)
    stopped = after.state in (State.STOPPED_CRISIS, State.STOPPED_UNSAFE)
    return Step(session=after, said=tuple(prompter.said), question=prompter.question,
                done=after.state in TERMINAL, stopped=stopped)
