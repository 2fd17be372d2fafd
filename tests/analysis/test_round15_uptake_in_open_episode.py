"""Round 15 (tester t2, problem 7): thanks a few turns after a repair, once the other has answered
it, is reconnection and takes the repair up, from either party."""

from __future__ import annotations

import pytest

import mendkit
from mendkit.model import Conversation

MISSED = [
    ("Sam", "Where are you? We've been waiting at the station since 4."),
    ("Sam", "It's 4.45. Jack is asking where you are."),
    ("Alex", "Oh no. I had it as next Saturday. I'm so sorry."),
    ("Sam", "Unbelievable. It's written in the shared calendar in capital letters."),
    ("Sam", "He packed his bag himself this morning. He was so excited."),
    ("Alex", "I know. I messed up and I let him down, and I left you standing there with him. "
             "I'm sorry."),
    ("Sam", "Sorry doesn't help him much right now."),
    ("Alex", "You're right, it doesn't. You have every reason to be annoyed."),
    ("Alex", "Could I ring him now and explain it myself? And I can collect him tomorrow at 10 "
             "instead, if that works for you."),
    ("Sam", "He's upset. Give him half an hour."),
    ("Alex", "Ok. I'll ring at 5.30."),
    ("Alex", "From now on I'll confirm every handover by text the night before, so this can't "
             "happen again."),
    ("Sam", "Fine."),
    ("Sam", "He's ready for your call now."),
    ("Alex", "Thank you."),
    ("Sam", "He's much happier after talking to you. Tomorrow 10am is fine."),
    ("Alex", "Thanks for letting me ring him. I really appreciate it."),
    ("Sam", "See you at 10."),
]


def test_full_mode_reads_late_thanks_as_uptake() -> None:
    analysis = mendkit.analyze(Conversation.from_turns(MISSED), mode="full")
    assert "reconnect" in analysis.turns[16].labels
    episode = next(e for e in analysis.episodes if e.start_turn <= 5 <= e.end_turn)
    assert episode.status == "resolved"
    assert 16 in episode.reconnect_turns


@pytest.mark.parametrize("mode", ["rules", "full"])
def test_the_repairers_thanks_for_the_others_answer_takes_it_up(mode: str) -> None:
    turns = [("Sam", "You forgot the handover again? Unbelievable."),
             ("Alex", "I'm sorry, I messed up. Could I ring him now and explain?"),
             ("Sam", "He's ready for your call now."),
             ("Alex", "Thank you for understanding.")]
    episode = mendkit.analyze(Conversation.from_turns(turns), mode=mode).episodes[0]
    assert episode.status == "resolved"
    assert episode.reconnect_turns == (3,)


@pytest.mark.parametrize("mode", ["rules", "full"])
def test_the_repairers_thanks_after_a_rupture_takes_nothing_up(mode: str) -> None:
    turns = [("Sam", "You forgot the handover again? Unbelievable."),
             ("Alex", "I'm sorry, I messed up. Could I ring him now and explain?"),
             ("Sam", "Whatever. You always do this."),
             ("Alex", "Thank you for understanding.")]
    episode = mendkit.analyze(Conversation.from_turns(turns), mode=mode).episodes[0]
    assert episode.status != "resolved"
