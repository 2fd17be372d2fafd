"""A scripted person for the terminal coach's driver: answers given in order, everything the
coach said kept (``said``, and the questions alone in ``asked``), waits counted, not slept."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mendkit.cli.main import main
from mendkit.coach.driver import NoMoreAnswers
from mendkit.coach.session import Session
from mendkit.coach.store import SessionStore


class Script:
    """Answers ``answers`` in order; a question equal to ``no_to`` (a risk check) is answered
    "no" without using an answer; runs out with ``NoMoreAnswers``."""

    def __init__(self, answers: list[str], *, no_to: str | None = None) -> None:
        self.answers = list(answers)
        self.no_to = no_to
        self.said: list[str] = []
        self.asked: list[str] = []
        self.waited = 0.0

    def ask(self, prompt: str) -> str:
        self.asked.append(prompt)
        self.said.append(prompt)
        if self.no_to is not None and prompt == self.no_to:
            return "no"
        if not self.answers:
            raise NoMoreAnswers
        return self.answers.pop(0)

    def say(self, text: str) -> None:
        self.said.append(text)

    def wait(self, seconds: float) -> None:
        """Nothing waits in a test; the time asked for is added up."""
        self.waited += seconds

    @property
    def text(self) -> str:
        return "\n".join(self.said)


def coached(tmp_path: Path, answers: list[str], capsys: pytest.CaptureFixture[str]
            ) -> tuple[Session, str]:
    """The session after ``answers`` through ``mend coach --answers``, and what it said."""
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    assert main(["coach", "--answers", str(path)]) == 0
    store = SessionStore(tmp_path / "mend-home")
    return store.load(store.ids()[-1]), capsys.readouterr().out
