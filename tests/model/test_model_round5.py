"""Round 5: a conversation's turns are numbered 0..n-1 in order, and turn times are finite."""

from __future__ import annotations

import json
import math

import pytest

import mendkit
from mendkit import Conversation, InvalidInputError, Turn
from mendkit.analysis.episodes import find_episodes
from mendkit.model import TurnAnalysis


def test_turn_indices_that_skip_are_refused_naming_the_first_wrong_one() -> None:
    data = {"turns": [{"index": 5, "speaker": "Ana", "text": "You never listen."},
                      {"index": 9, "speaker": "Ben", "text": "I am sorry I snapped at you."}]}
    with pytest.raises(InvalidInputError, match=r"expected turn indices 0 to 1 in order; the "
                                                r"turn at position 0 has index 5"):
        Conversation.from_dict(data)


def test_one_based_turns_are_refused_rather_than_analysed_wrongly() -> None:
    turns = (Turn(index=1, speaker="A", text="You never listen.", start=0.0),
             Turn(index=2, speaker="B", text="I am sorry I snapped at you.", start=30.0))
    with pytest.raises(InvalidInputError, match="the turn at position 0 has index 1") as caught:
        Conversation(id="x", turns=turns)
    assert "from_turns" in str(caught.value)  # says how to number them
    # from_turns renumbers them, and the conversation then analyses as the 0-based one does
    numbered = Conversation.from_turns(turns)
    assert [t.index for t in numbered.turns] == [0, 1]


def test_episodes_read_turns_by_their_index_not_their_position() -> None:
    def ta(index: int, speaker: str, label: str, start: float) -> TurnAnalysis:
        return TurnAnalysis(index=index, speaker=speaker, text="-", labels=(label,),
                            scores={label: 0.9}, start=start)

    numbered_from_one = [ta(1, "A", "rupture.confrontation", 0.0),
                         ta(2, "B", "repair.responsibility", 30.0),
                         ta(3, "A", "reconnect", 60.0)]
    episode, = find_episodes(numbered_from_one)
    assert episode.status == "resolved" and episode.reconnect_turns == (3,)
    assert episode.seconds_to_repair == 30.0


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
@pytest.mark.parametrize("key", ["start", "end"])
def test_a_turn_time_that_is_not_finite_is_refused(key: str, bad: float) -> None:
    with pytest.raises(InvalidInputError, match=rf'expected "{key}" to be a finite number of '
                                                rf"seconds, got {bad!r}"):
        Conversation.from_dict({"turns": [{"speaker": "A", "text": "You never listen.",
                                           key: bad}]})
    with pytest.raises(InvalidInputError, match=rf"turn 0's {key} to be a finite number"):
        Turn(index=0, speaker="A", text="You never listen.", **{key: bad})


def test_finite_times_still_give_json_that_parses_strictly() -> None:
    c = Conversation.from_dict({"turns": [{"speaker": "A", "text": "You never listen.",
                                           "start": 1, "end": 2.5}]})
    out = json.dumps(mendkit.analyze(c, mode="rules").to_dict(), allow_nan=False)
    assert json.loads(out)["turns"][0]["start"] == 1.0
