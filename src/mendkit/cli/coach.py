"""``mend coach``: the Healing Cycle in a plain terminal, or from a file of answers.

Keyboard only, no colour needed, works over SSH. Every step is saved under ``$MEND_HOME``; a break
or a follow-up pauses the session and ``--resume`` continues it.
"""

from __future__ import annotations

import json
import sys
import time
import uuid
from pathlib import Path

from mendkit.coach.driver import NoMoreAnswers, run, start
from mendkit.coach.machine import TERMINAL
from mendkit.coach.session import Session
from mendkit.coach.store import SessionStore
from mendkit.errors import InvalidInputError


class TerminalPrompter:
    def ask(self, prompt: str) -> str:
        print(f"\n{prompt}")
        try:
            first = input("> ")
        except EOFError:
            raise NoMoreAnswers from None
        if not first.strip().endswith(":") and ":" not in first:
            return first
        lines = [first]  # pasted messages: read until an empty line
        while True:
            try:
                line = input()
            except EOFError:
                break
            if not line.strip():
                break
            lines.append(line)
        return "\n".join(lines)

    def say(self, text: str) -> None:
        print(text)

    def wait(self, seconds: float) -> None:
        time.sleep(seconds)


class ScriptPrompter:
    """Answers from a list, in order; prompts and answers are echoed for the record."""

    def __init__(self, answers: list[str]) -> None:
        self.answers = list(answers)

    def ask(self, prompt: str) -> str:
        print(f"\n{prompt}")
        if not self.answers:
            raise NoMoreAnswers
        answer = self.answers.pop(0)
        print(f"> {answer}")
        return answer

    def say(self, text: str) -> None:
        print(text)

    def wait(self, seconds: float) -> None:
        """A scripted run does not wait."""


def read_answers(path: str) -> list[str]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise InvalidInputError(f"expected a JSON list of answers: {exc.msg}", source=path,
                                line=exc.lineno) from None
    if not isinstance(data, list) or not all(isinstance(a, (str, int, float)) for a in data):
        raise InvalidInputError('expected a JSON list of answers, e.g. ["", "yes", "Sam"]',
                                source=path)
    return [str(a) for a in data]


def latest_open(store: SessionStore) -> Session:
    sessions = [store.load(i) for i in store.ids()]
    open_ones = [s for s in sessions if s.state not in TERMINAL]
    if not open_ones:
        raise InvalidInputError("there is no coach session to resume; start one with `mend coach`")
    paths = {s.id: (store.folder / f"{s.id}.json").stat().st_mtime for s in open_ones}
    return max(open_ones, key=lambda s: paths[s.id])


def coach(home: Path, *, resume: str | None, answers: str | None, attachment: str | None,
          region: str) -> int:
    store = SessionStore(home)
    scripted = read_answers(answers) if answers else None  # a bad file fails before any session
    if resume:
        session = latest_open(store) if resume == "latest" else store.load(resume)
    else:
        session = start(uuid.uuid4().hex[:12], attachment=attachment)
        store.save(session)
    prompter = ScriptPrompter(scripted) if scripted is not None else TerminalPrompter()
    print(f"Session {session.id} (saved as you go).")
    session = run(session, prompter, store, region=region)
    if session.state not in TERMINAL:
        print(f"\nSaved. Continue with: mend coach --resume {session.id}")
    sys.stdout.flush()
    return 0
