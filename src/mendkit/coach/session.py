"""A coach session: its state, the person's answers and the path taken, as an immutable value
that serialises to JSON and resumes exactly where it stopped."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, time
from typing import Any

from mendkit.coach.machine import GOAL_EVENTS, Event, EventType, State, advance
from mendkit.errors import InvalidInputError

FORMAT_VERSION = 1
# An event's meta at the risk check, kept in ``Session.check``: where help is has been shown in
# full during this check (later re-asks point to it instead of listing it again).
RESOURCES_SHOWN = "resources_shown"
# A risk check's event meta, kept in ``Session.check``: only the learned model saw the sign (no
# rule's), so a clear no to it covers later such signs of the same kind (``risk_check.declined``).
MODEL_ONLY = "model_only"


@dataclass(frozen=True, slots=True, kw_only=True)
class Session:
    """``apply(event)`` returns the next session; the answer to a step is kept under its state."""

    id: str
    state: State = State.WELCOME
    answers: Mapping[str, Any] = field(default_factory=dict)
    path: tuple[tuple[str, str], ...] = ()  # (state, event type) taken so far
    settings: Mapping[str, Any] = field(default_factory=dict)  # context, attachment pattern...
    # While a sign only the model saw is checked with the person (``CONFIRM_RISK``): the step it
    # came at ("at"), the answer held back ("answer") and the stop a yes leads to ("stop").
    check: Mapping[str, Any] = field(default_factory=dict)
    # The steps whose answer the person kept through that check (the model saw a sign, they said
    # no): the coach goes on with it, but never quotes it in the message to the other person.
    withheld: tuple[str, ...] = ()

    def apply(self, event: Event) -> Session:
        """The session after ``event`` (raises ``InvalidTransition``; this session is unchanged).

        ``CHECK_RISK`` holds its answer back in ``check``; ``NO_RISK`` goes back to the step the
        check was asked at (the driver then takes the held answer there)."""
        if event.type is EventType.NO_RISK and self.state is State.CONFIRM_RISK:
            event = Event(EventType.NO_RISK, self.check.get("at"))
        target = advance(self.state, event)
        if (event.type is EventType.NOT_THAT and self.state is State.OPENNESS
                and (State.REGULATE_CHECK.value, EventType.SKIP.value) in self.path
                and State.REGULATE_CHECK.value not in self.answers):
            # A story read as a death is checked before the 0-10 (round 19); when it is not a
            # death after all, the 0-10 it went past is asked now, then the openness question.
            target = State.REGULATE_CHECK
        check: Mapping[str, Any] = {}
        if event.type is EventType.CHECK_RISK:
            check = {"at": self.state.value, "answer": event.value,
                     "stop": str(event.meta.get("stop", EventType.CRISIS.value))}
            if event.meta.get(MODEL_ONLY):
                check = {**check, MODEL_ONLY: True}
        elif event.type is EventType.RISK_UNCLEAR:
            check = self.check
        if event.meta.get(RESOURCES_SHOWN) and event.type in (EventType.CHECK_RISK,
                                                               EventType.RISK_UNCLEAR):
            check = {**check, RESOURCES_SHOWN: True}  # where help is: shown in full once
        withheld = self.withheld
        if event.type is EventType.NO_RISK and self.state is State.CONFIRM_RISK:
            at = str(event.value.value if isinstance(event.value, State) else event.value)
            withheld = withheld if at in withheld else (*withheld, at)
        answers = dict(self.answers)
        if event.value is not None and (event.type in (
            EventType.ANSWER, EventType.CALM, EventType.FLOODED, EventType.NUMB,
            EventType.BREAK_SET, EventType.EDIT, EventType.ACCEPT, EventType.IGNORE,
            EventType.ASK_AGAIN,
        ) or event.type in GOAL_EVENTS):  # the goal is kept as the openness step's answer
            answers[self.state.value] = event.value
        return replace(self, state=target, answers=answers, check=check, withheld=withheld,
                       path=(*self.path, (self.state.value, event.type.value)))

    def goal(self) -> str:
        """What this session is for: ``"repair"`` (the Healing Cycle), or the goal chosen at the
        openness question when repair is not it (``"grief"``, ``"no_contact"``, ``"ending"``,
        ``"boundary"``: the values of ``GOAL_EVENTS``)."""
        said = self.answers.get(State.OPENNESS.value)
        return str(said) if said in {e.value for e in GOAL_EVENTS} else "repair"

    def held_answer(self) -> str:
        """The answer held back while a sign only the model saw is checked (``""`` for none)."""
        return str(self.check.get("answer") or "")

    def resumes_at(self) -> datetime | None:
        """When this paused session continues, as an aware local time: the end of its break, or
        the start of its follow-up's day. None when it is not paused or has no readable time."""
        key = next(iter(_TIMES.get(self.state, ())), None)
        value = self.answers.get(key) if key else None
        if not value:
            return None
        try:
            return _due(self.state, str(value))
        except (ValueError, OverflowError, OSError):
            return None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"format": FORMAT_VERSION, "id": self.id, "state": self.state.value,
                                "answers": dict(self.answers),
                                "path": [list(p) for p in self.path],
                                "settings": dict(self.settings)}
        if self.check:
            data["check"] = dict(self.check)
        if self.withheld:
            data["withheld"] = list(self.withheld)
        return data

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=1)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, source: str | None = None) -> Session:
        """The session ``data`` describes; ``InvalidInputError`` (naming ``source``) when a field
        is missing or of the wrong kind."""

        def bad(what: str) -> InvalidInputError:
            return InvalidInputError(f"a coach session's {what}", source=source)

        if data.get("format") != FORMAT_VERSION:
            raise bad(f"{_field(data, 'format')}; expected {FORMAT_VERSION}")
        try:
            state = State(str(data.get("state")))
        except ValueError:
            raise bad(f"{_field(data, 'state')}; expected one of the coach's steps, "
                      f"such as {State.RECOGNISE_WHO.value!r}") from None
        session_id, answers = data.get("id"), data.get("answers", {})
        path, settings = data.get("path", []), data.get("settings", {})
        if not isinstance(session_id, str) or not session_id:
            raise bad(f"{_field(data, 'id')}; expected text")
        if not isinstance(answers, dict):
            raise bad(f"answers are {_kind(answers)}; expected an object of answers by step")
        if not isinstance(settings, dict):
            raise bad(f"settings are {_kind(settings)}; expected an object")
        if not isinstance(path, (list, tuple)) or not all(
                isinstance(p, (list, tuple)) and len(p) == 2 and all(isinstance(x, str) for x in p)
                for p in path):
            raise bad("path is not a list of [step, event] pairs")
        check = data.get("check", {})  # sessions saved before the risk check have none
        if not isinstance(check, dict):
            raise bad(f"check is {_kind(check)}; expected an object")
        withheld = data.get("withheld", [])  # sessions saved before it have none
        if not isinstance(withheld, list) or not all(isinstance(w, str) for w in withheld):
            raise bad(f"{_field(data, 'withheld')}; expected a list of steps")
        if state is State.CONFIRM_RISK and not _checked_at(check.get("at")):
            raise bad(f"check {_field(check, 'at')}; expected the step the risk check was "
                      "asked at, such as 'recognise_what'")
        for key in _TIMES.get(state, ()):
            value = answers.get(key)
            if value is not None and not _is_time(state, value):
                raise bad(f"answer {_field(answers, key)}; expected a date and time such as "
                          "'2026-11-27T18:30+00:00'")
        return cls(id=session_id, state=state, answers=dict(answers),
                   path=tuple((str(a), str(b)) for a, b in path), settings=dict(settings),
                   check=dict(check), withheld=tuple(withheld))

    @classmethod
    def from_json(cls, text: str, *, source: str | None = None) -> Session:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InvalidInputError(f"a coach session is not valid JSON: {exc.msg}",
                                    source=source, line=exc.lineno) from None
        if not isinstance(data, dict):
            raise InvalidInputError("expected a coach session object", source=source)
        return cls.from_dict(data, source=source)


# The answers a paused session needs to know when it continues.
_TIMES: dict[State, tuple[str, ...]] = {State.ON_BREAK: ("regulate_break",),
                                        State.AWAITING_FOLLOW_UP: ("rebuild_follow_up",)}


def local_time(value: str) -> datetime:
    """``value`` (ISO 8601) as an aware local time. A time with an offset is that instant, so a
    change of time zone between pause and resume changes nothing; one without (as sessions saved
    before offsets were stored have) is this computer's local wall time.

    Raises ``ValueError`` for text that is not a time, ``OverflowError`` (or ``OSError``) for one
    that has no local time (the year 1 at +14:00)."""
    return datetime.fromisoformat(value).astimezone()


def _due(state: State, value: str) -> datetime:
    """When a session paused in ``state`` with ``value`` continues: a break at its time; a
    follow-up from the start of its day, in the time zone it was set in (local time for one with
    no offset), so it opens on the day the coach promised, not at the minute it was set."""
    if state is not State.AWAITING_FOLLOW_UP:
        return local_time(value)
    set_at = datetime.fromisoformat(value)
    return datetime.combine(set_at.date(), time(), tzinfo=set_at.tzinfo).astimezone()


def _is_time(state: State, value: object) -> bool:
    if not isinstance(value, str):
        return False
    try:
        _due(state, value)
    except (ValueError, OverflowError, OSError):
        return False
    return True


def _checked_at(value: object) -> bool:
    """Whether ``value`` names a step a risk check can be asked at."""
    try:
        advance(State.CONFIRM_RISK, Event(EventType.NO_RISK, value))
    except ValueError:
        return False
    return True


def _kind(value: object) -> str:
    return {list: "a list", str: "text", type(None): "null"}.get(type(value), type(value).__name__)


def _field(data: Mapping[str, Any], key: str) -> str:
    """``"format" is missing`` or ``"format" is 7``: a field as the JSON spells it."""
    if key not in data:
        return f'"{key}" is missing'
    return f'"{key}" is {json.dumps(data[key], ensure_ascii=False, default=str)[:80]}'

