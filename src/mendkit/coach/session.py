"""A coach session: its state, the person's answers and the path taken, as an immutable value
that serialises to JSON and resumes exactly where it stopped."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from mendkit.coach.machine import Event, EventType, State, advance
from mendkit.errors import InvalidInputError

FORMAT_VERSION = 1


@dataclass(frozen=True, slots=True, kw_only=True)
class Session:
    """``apply(event)`` returns the next session; the answer to a step is kept under its state."""

    id: str
    state: State = State.WELCOME
    answers: Mapping[str, Any] = field(default_factory=dict)
    path: tuple[tuple[str, str], ...] = ()  # (state, event type) taken so far
    settings: Mapping[str, Any] = field(default_factory=dict)  # context, attachment pattern...

    def apply(self, event: Event) -> Session:
        """The session after ``event`` (raises ``InvalidTransition``; this session is unchanged)."""
        target = advance(self.state, event)
        answers = dict(self.answers)
        if event.value is not None and event.type in (
            EventType.ANSWER, EventType.CALM, EventType.FLOODED, EventType.NUMB,
            EventType.BREAK_SET, EventType.EDIT, EventType.ACCEPT,
        ):
            answers[self.state.value] = event.value
        return replace(self, state=target, answers=answers,
                       path=(*self.path, (self.state.value, event.type.value)))

    def to_dict(self) -> dict[str, Any]:
        return {"format": FORMAT_VERSION, "id": self.id, "state": self.state.value,
                "answers": dict(self.answers), "path": [list(p) for p in self.path],
                "settings": dict(self.settings)}

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=1)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Session:
        if data.get("format") != FORMAT_VERSION:
            raise InvalidInputError(
                f"expected a coach session of format {FORMAT_VERSION}, got {data.get('format')!r}")
        try:
            state = State(data["state"])
        except (KeyError, ValueError):
            raise InvalidInputError(f"unknown coach state {data.get('state')!r}") from None
        return cls(id=str(data["id"]), state=state, answers=dict(data.get("answers", {})),
                   path=tuple((str(a), str(b)) for a, b in data.get("path", ())),
                   settings=dict(data.get("settings", {})))

    @classmethod
    def from_json(cls, text: str) -> Session:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InvalidInputError(f"a coach session is not valid JSON: {exc.msg}") from None
        if not isinstance(data, dict):
            raise InvalidInputError("expected a coach session object")
        return cls.from_dict(data)
