"""Coach sessions: answers are kept, sessions round-trip through JSON and resume where they were."""

from __future__ import annotations

from pathlib import Path

import pytest

from mendkit import InvalidInputError
from mendkit.coach import Event, EventType, InvalidTransition, Session, State
from mendkit.coach.store import SessionStore

E = EventType

WALK = [
    Event(E.BEGIN), Event(E.SAFE), Event(E.ANSWER, "my manager"), Event(E.ANSWER, "work"),
    Event(E.ANSWER, "She said my report wasn't what she asked for."),
    Event(E.SKIP), Event(E.SKIP), Event(E.FLOODED, 8), Event(E.BREAK_SET, "2026-11-27T18:30"),
    Event(E.BREAK_OVER), Event(E.CALM, 4), Event(E.EXERCISE_DONE), Event(E.OPEN, "yes"),
    Event(E.ANSWER, "I went quiet and said 'understood'."),
]


def walk(events: list[Event]) -> Session:
    session = Session(id="s1")
    for event in events:
        session = session.apply(event)
    return session


def test_a_walk_keeps_answers_and_path() -> None:
    session = walk(WALK)
    assert session.state is State.RESPONSIBILITY_REGRET
    assert session.answers["recognise_who"] == "my manager"
    assert session.answers["regulate_check"] == 4  # the latest check after the break
    assert session.answers["regulate_break"] == "2026-11-27T18:30"
    assert session.path[0] == ("welcome", "begin")
    assert len(session.path) == len(WALK)


def test_an_invalid_event_leaves_the_session_as_it_was() -> None:
    session = walk(WALK[:3])
    with pytest.raises(InvalidTransition):
        session.apply(Event(E.ACCEPT))
    assert session.state is State.RECOGNISE_CONTEXT


def test_sessions_round_trip_and_resume_exactly(tmp_path: Path) -> None:
    store = SessionStore(tmp_path)
    half = walk(WALK[:8])
    store.save(half)
    resumed = store.load("s1")
    assert resumed == half
    assert resumed.apply(Event(E.BREAK_SET, "19:00")).state is State.ON_BREAK
    assert store.ids() == ["s1"]


def test_saving_leaves_no_temporary_files(tmp_path: Path) -> None:
    store = SessionStore(tmp_path)
    for i in range(3):
        store.save(walk(WALK[: i + 1]))
    assert [p.name for p in store.folder.iterdir()] == ["s1.json"]


@pytest.mark.parametrize("bad", ["", "../etc", "a/b", "x" * 65])
def test_unsafe_session_ids_are_refused(tmp_path: Path, bad: str) -> None:
    with pytest.raises(InvalidInputError):
        SessionStore(tmp_path).save(Session(id=bad))


def test_a_corrupt_or_unknown_session_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InvalidInputError, match="no coach session"):
        SessionStore(tmp_path).load("nope")
    with pytest.raises(InvalidInputError, match="not valid JSON"):
        Session.from_json("{")
    with pytest.raises(InvalidInputError, match="state"):
        Session.from_dict({"format": 1, "id": "x", "state": "flying"})
