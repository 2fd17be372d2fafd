"""Round 7: the domain model checks what it is given where it is made, keeps its JSON round trip
exact, and says plainly when a value cannot be hashed."""

from __future__ import annotations

import datetime
import json
from typing import Any

import numpy as np
import pytest

import mendkit
from mendkit import Conversation, InvalidInputError, Turn
from mendkit.model import Analysis, CheckResult, Episode, Evidence, Safety

REPAIRED = [("Ana", "You never listen."), ("Ben", "Fine."),
            ("Ben", "I'm sorry, I was wrong to shut down."), ("Ana", "Thank you, I appreciate that.")]


@pytest.mark.parametrize(("data", "message"), [
    (["Ana: hi"], "expected a conversation as an object, got list"),
    (None, "expected a conversation as an object, got NoneType"),
    ({"turns": [{"speaker": "A", "text": "hi"}], "speakers": 3},
     'expected a conversation with "speakers" as a list, got 3'),
    ({"turns": [{"speaker": "A", "text": "hi"}], "speakers": "Ana"},
     'expected a conversation with "speakers" as a list, got \'Ana\''),
])
def test_conversation_from_dict_refuses_what_is_not_a_conversation(data: Any,
                                                                   message: str) -> None:
    with pytest.raises(InvalidInputError, match=message):
        Conversation.from_dict(data)


def test_a_speaker_list_missing_someone_who_speaks_is_completed() -> None:
    c = Conversation.from_dict({"speakers": ["Ana"],
                                "turns": [{"speaker": "Ben", "text": "You never listen"}]})
    assert [s.id for s in c.speakers] == ["Ana", "Ben"]
    a = mendkit.analyze(c, mode="rules")
    assert a.speakers == ("Ana", "Ben")
    built = Conversation(id="c", turns=(Turn(index=0, speaker="Ben", text="hi"),),
                         speakers=(mendkit.Speaker(id="Ana"),))
    assert [s.id for s in built.speakers] == ["Ana", "Ben"]


@pytest.mark.parametrize("starts", [["0", "5", "10", "20"], [True, False, True, False],
                                    [datetime.datetime(2020, 1, 1, 0, 0, i) for i in range(4)]])
def test_a_turn_time_that_is_not_a_number_is_refused_where_the_turn_is_made(
        starts: list[Any]) -> None:
    with pytest.raises(InvalidInputError, match="expected turn 0's start to be a number of "
                                                f"seconds, got {type(starts[0]).__name__}"):
        Turn(index=0, speaker="Ana", text="hi", start=starts[0])


@pytest.mark.parametrize("kind", [np.int64, np.float32])
def test_numpy_turn_times_become_plain_floats_so_the_analysis_writes_as_json(kind: Any) -> None:
    c = Conversation.from_turns([Turn(index=i, speaker=s, text=t, start=kind(i * 5), end=kind(i * 5 + 1))
                                 for i, (s, t) in enumerate(REPAIRED)])
    assert all(type(t.start) is float and type(t.end) is float for t in c.turns)
    data = json.loads(json.dumps(mendkit.analyze(c, mode="rules").to_dict()))
    assert data["turns"][1]["start"] == 5.0


def test_the_round_trip_keeps_speakers_with_spaces_and_an_empty_id() -> None:
    c = Conversation.from_turns([(" Ana ", "You never listen"), ("Ben", "Fine.")])
    assert Conversation.from_dict(c.to_dict()) == c
    a = mendkit.analyze(Conversation.from_dict(c.to_dict()), mode="rules")
    assert set(a.summary["by_speaker"]) == set(a.speakers) == {c.turns[0].speaker, "Ben"}
    empty = Conversation(id="", turns=())
    assert Conversation.from_dict(empty.to_dict()) == empty


def _analysis(**turn: Any) -> dict[str, Any]:
    return {"mend_version": "1", "conversation": {"id": "c"},
            "turns": [{"index": 0, "speaker": "A", "text": "x", **turn}], "episodes": [],
            "safety": {"crisis": False}}


@pytest.mark.parametrize(("call", "message"), [
    (lambda: Analysis.from_dict(_analysis(labels=[1])), '"labels" as a list of str'),
    (lambda: Analysis.from_dict(_analysis(labels=[{}])), '"labels" as a list of str'),
    (lambda: Analysis.from_dict(_analysis(scores={"a": "nan"})), '"scores.a" as a finite number'),
    (lambda: Analysis.from_dict(_analysis(start="soon")), '"start" as a finite number'),
    (lambda: Evidence.from_dict({"label": "a", "subtype": None, "start": float("inf"), "end": 1,
                                 "text": "x", "source": "s"}), '"start" as a whole number'),
    (lambda: Safety.from_dict({"crisis": "false"}), '"crisis" as true or false'),
    (lambda: Episode.from_dict({"start_turn": 1.7, "end_turn": 3, "severity": "minor",
                                "status": "resolved"}), '"start_turn" as a whole number'),
    (lambda: Episode.from_dict({"start_turn": 1, "end_turn": 3, "severity": "minor",
                                "status": "resolved", "taken_up": "false"}),
     '"taken_up" as true or false'),
    (lambda: CheckResult.from_dict({"text": "x", "repair_quality": 7,
                                    "risk": {"crisis": False}}),
     '"repair_quality" as a number from 0 to 1'),
])
def test_from_dict_refuses_wrong_values_naming_the_key(call: Any, message: str) -> None:
    with pytest.raises(InvalidInputError, match=message):
        call()


def test_wrong_turns_get_messages_that_show_what_was_wrong() -> None:
    with pytest.raises(InvalidInputError, match=r"expected Turn objects; the item at position 0 "
                                                r"is a tuple \(use Conversation.from_turns"):
        Conversation(id="c", turns=[("Ana", "hi")])  # type: ignore[list-item]
    with pytest.raises(InvalidInputError, match="expected a turn's index as an int of 0 or more, got '0'"):
        Conversation(id="c", turns=(Turn(index="0", speaker="Ana", text="hi"),))  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match=r"expected an iterable of \(speaker, text\) "
                                                "pairs or turns, got int"):
        Conversation.from_turns(5)  # type: ignore[arg-type]


def test_results_holding_dicts_say_plainly_that_they_cannot_be_hashed() -> None:
    result = mendkit.check("sorry", mode="rules")
    analysis = mendkit.analyze(Conversation.from_turns([("A", "hi")]), mode="rules")
    for value in (result, analysis, analysis.turns[0]):
        assert type(value).__hash__ is None
        with pytest.raises(TypeError, match="unhashable type"):
            hash(value)
