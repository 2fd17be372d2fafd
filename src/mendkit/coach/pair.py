"""Two-person mode: each person answers privately, then Mend lays out a structured exchange.

The questions follow the structure of processing a regrettable incident (feelings, each one's
reality, triggers, what each takes responsibility for, one thing each will do next time), in Mend's
own words. Each answer carries its own choice to share: the exchange shows only shared answers, so
neither person sees the other's private notes unless they chose to share them.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from mendkit.coach.machine import EventType
from mendkit.coach.safety_gate import gate
from mendkit.errors import InvalidInputError

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
_ALPHABET: Final = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread
HELP_WORDS: Final = ("help", "resources", "?")


def screen(text: str) -> str:
    """What a typed answer (or name) asks for before it is saved: ``"help"`` (resources, then
    the same question), ``"empty"`` (the question again), ``"crisis"`` or ``"unsafe"`` (stop:
    the safety gate saw those signs), or ``""`` (save it)."""
    text = text.strip()
    if not text:
        return "empty"
    if text.lower() in HELP_WORDS:  # as at every step of the one-person coach
        return "help"
    stop = gate(text[:5000])
    if stop is None:
        return ""
    return "unsafe" if stop is EventType.ABUSE else "crisis"


NAME_NEEDED: Final = "please type your first name; the other person will see it"


def person_name(name: str) -> str:
    """The name the other person will see, trimmed to 60 characters; an empty or blank one
    raises ``InvalidInputError`` (a place with no name shows the other person nothing)."""
    name = name.strip()[:60].strip()
    if not name:
        raise InvalidInputError(NAME_NEEDED)
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


def yes_or_no(text: str) -> bool | None:
    """True for yes, False for no (and for "not sure" or "maybe": the careful answer), None for
    anything else ("I thought...", ""): ask again. Read by whole words, as the coach reads them.

    >>> yes_or_no("Yes please"), yes_or_no("nope"), yes_or_no("not sure"), yes_or_no("I thought")
    (True, False, False, None)
    """
    from mendkit.coach.driver import yes_or_no as read  # noqa: PLC0415 (driver imports this)

    answer = read(text)
    if answer is None and re.search(r"\b(?:maybe|perhaps|possibly)\b", text.lower()):
        return False
    return None if answer is None else answer == "yes"


def new_code() -> str:
    """A short join code, easy to read aloud."""
    return "".join(secrets.choice(_ALPHABET) for _ in range(6))


STOPS: Final = ("crisis", "unsafe")  # what ``screen`` says when the safety gate stops


@dataclass(frozen=True, slots=True, kw_only=True)
class PairAnswers:
    """One person's answers. ``stopped`` is ``"crisis"`` or ``"unsafe"`` after the safety gate
    stopped their answering: the next run checks in with them before any more questions."""

    name: str
    answers: Mapping[str, str] = field(default_factory=dict)
    shared: Mapping[str, bool] = field(default_factory=dict)
    stopped: str = ""

    @property
    def complete(self) -> bool:
        return all(key in self.answers for key, _ in QUESTIONS)

    def to_dict(self) -> dict[str, Any]:
        out = {"name": self.name, "answers": dict(self.answers), "shared": dict(self.shared)}
        return {**out, "stopped": self.stopped} if self.stopped else out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> PairAnswers:
        stopped = str(data.get("stopped") or "")
        return cls(name=str(data["name"]), answers=dict(data.get("answers", {})),
                   shared={k: bool(v) for k, v in data.get("shared", {}).items()},
                   stopped=stopped if stopped in STOPS or not stopped else "crisis")


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
