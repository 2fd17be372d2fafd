"""Round 7 re-run (N6): the model refuses, where a value is made, what it cannot hold honestly: a
conversation id that is not a str, a speaker listed twice, an empty speaker, a NumPy index it
misnamed, and ranges that end before they start. Valid values still round-trip exactly."""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pytest

import mendkit
from mendkit import Conversation, InvalidInputError, Turn
from mendkit.model import Episode, Evidence

EPISODE: dict[str, Any] = {"start_turn": 1, "end_turn": 3, "labels": ["rupture.withdrawal"],
                           "severity": "minor", "status": "resolved", "rupture_turns": [1],
                           "repair_turns": [2], "reconnect_turns": [3], "initiator": "Ana",
                           "taken_up": True, "turns_to_repair": 1, "seconds_to_repair": None}
EVIDENCE: dict[str, Any] = {"label": "rupture.confrontation", "subtype": None, "start": 0,
                            "end": 9, "text": "You never", "source": "rule:x", "score": 0.85}


@pytest.mark.parametrize("bad", [b"x", None, 5, 0])
def test_a_conversation_id_that_is_not_a_str_is_refused(bad: object) -> None:
    with pytest.raises(InvalidInputError, match=r"expected the conversation's id as a str, got "):
        Conversation(id=bad, turns=(Turn(index=0, speaker="A", text="hi"),))  # type: ignore[arg-type]


def test_from_dict_refuses_an_id_that_is_not_a_str_and_reads_a_missing_one() -> None:
    with pytest.raises(InvalidInputError, match=r'"id" as a str, got 5'):
        Conversation.from_dict({"id": 5, "turns": []})
    assert Conversation.from_dict({"turns": []}).id == "conversation"


@pytest.mark.parametrize("speakers", [
    [{"id": "Ana", "name": "Ana X"}, "Ana"],
    ["Ana", " Ana "],
    ["Ana", "Ana"],
])
def test_a_speaker_listed_twice_is_refused(speakers: list[Any]) -> None:
    data = {"speakers": speakers, "turns": [{"speaker": "Ana", "text": "You never listen"}]}
    with pytest.raises(InvalidInputError, match=r'speakers.*"Ana" is listed twice'):
        Conversation.from_dict(data)


def test_a_speaker_listed_twice_in_the_constructor_is_refused_naming_the_source() -> None:
    with pytest.raises(InvalidInputError, match=r'^chat\.json: .*"Ana" is listed twice'):
        Conversation(id="c", turns=(Turn(index=0, speaker="Ana", text="hi"),), source="chat.json",
                     speakers=(mendkit.Speaker(id="Ana"), mendkit.Speaker(id="Ana", name="A")))


@pytest.mark.parametrize("speaker", ["", "   "])
def test_an_empty_speaker_is_refused_where_the_turn_is_made(speaker: str) -> None:
    with pytest.raises(InvalidInputError, match=r"expected turn 0's speaker to be a name"):
        Turn(index=0, speaker=speaker, text="x")


@pytest.mark.parametrize("speaker_id", ["", "  "])
def test_an_empty_speaker_id_is_refused(speaker_id: str) -> None:
    with pytest.raises(InvalidInputError, match=r"expected a speaker's id to be a name"):
        mendkit.Speaker(id=speaker_id)


def test_a_numpy_index_is_a_plain_int() -> None:
    turn = Turn(index=np.int64(0), speaker="A", text="x")  # type: ignore[arg-type]
    assert type(turn.index) is int and turn.index == 0
    c = Conversation.from_turns([turn])
    assert json.loads(json.dumps(c.to_dict()))["turns"][0]["index"] == 0


@pytest.mark.parametrize("bad", [True, 1.0, "0", -1])
def test_an_index_that_is_not_a_whole_number_from_zero_is_refused(bad: object) -> None:
    with pytest.raises(InvalidInputError, match=r"expected a turn's index as an int of 0 or more"):
        Turn(index=bad, speaker="A", text="x")  # type: ignore[arg-type]


def test_a_turn_ending_before_it_starts_is_refused() -> None:
    with pytest.raises(InvalidInputError, match=r"expected turn 0's end \(2\.0\) to be at or "
                                                r"after its start \(5\.0\)"):
        Turn(index=0, speaker="A", text="x", start=5, end=2)
    with pytest.raises(InvalidInputError, match=r"end \(2\.0\) to be at or after"):
        Conversation.from_dict({"turns": [{"speaker": "A", "text": "x", "start": 5, "end": 2}]})
    assert Turn(index=0, speaker="A", text="x", start=2, end=2).end == 2.0


@pytest.mark.parametrize(("change", "message"), [
    ({"start": 3, "end": -1}, r'expected evidence with "end" as a whole number of at least '
                              r'"start" \(3\), got -1'),
    ({"start": 5, "end": 2}, r'"end" as a whole number of at least "start" \(5\), got 2'),
    ({"start": -2, "end": 2}, r'expected evidence with "start" as a whole number of 0 or more, '
                              r"got -2"),
])
def test_evidence_with_a_backwards_or_negative_span_is_refused(change: dict[str, int],
                                                               message: str) -> None:
    with pytest.raises(InvalidInputError, match=message):
        Evidence.from_dict({**EVIDENCE, **change})
    with pytest.raises(InvalidInputError, match=message):
        Evidence(**{**EVIDENCE, **change})


@pytest.mark.parametrize(("change", "message"), [
    ({"start_turn": 3, "end_turn": 1},
     r'expected an episode with "end_turn" as a whole number of at least "start_turn" \(3\), '
     r"got 1"),
    ({"start_turn": -1}, r'expected an episode with "start_turn" as a whole number of 0 or '
                         r"more, got -1"),
])
def test_an_episode_ending_before_it_starts_is_refused(change: dict[str, int],
                                                       message: str) -> None:
    with pytest.raises(InvalidInputError, match=message):
        Episode.from_dict({**EPISODE, **change})


def test_valid_values_still_round_trip_and_analyze_json_is_unchanged() -> None:
    c = Conversation.from_dict({
        "id": "c1", "speakers": [{"id": "Ana", "name": "Ana X"}, "Ben"],
        "turns": [{"speaker": "Ana", "text": "You never listen", "start": 0, "end": 2.5},
                  {"speaker": "Ben", "text": "I'm sorry, I was wrong.", "start": 3, "end": 3}]})
    assert Conversation.from_dict(c.to_dict()) == c
    a = mendkit.analyze(c, mode="rules")
    d = a.to_dict()
    assert d["conversation"] == {"id": "c1", "speakers": ["Ana", "Ben"]}
    assert d["turns"][0]["evidence"][0]["start"] == 0
    assert mendkit.Analysis.from_dict(d).to_dict() == d
    assert Episode.from_dict(EPISODE).to_dict() == EPISODE
    assert Evidence.from_dict(EVIDENCE).to_dict() == EVIDENCE


@pytest.mark.parametrize("item", [3, None])
def test_a_pair_that_is_not_a_pair_is_named_in_plain_english(item: object) -> None:
    with pytest.raises(InvalidInputError, match=r"item 0 is (an int|None)$"):
        Conversation.from_turns([item])  # type: ignore[list-item]
