"""Round 15: accepting an apology plainly, and a limit set calmly with a time frame.

"it's fine, honestly", "it's ok miss" or "no worries x" answering an apology take it up
(reconnect), in both modes; after a harsh remark a flat "Fine." still moves away, and "no
worries, I'll do it myself then" is no acceptance. "please just leave me alone for tonight" said
calmly, with a time, is a limit (repair.request, the Gottman "I need to calm down" repair: a break
with a return time), while "I hate you. Just leave me alone!" at the end of a fight shuts the
other out (withdrawal).
"""

from __future__ import annotations

import pytest

import mendkit
from mendkit.model import TurnAnalysis

WITHDRAWAL, INVALIDATION = "rupture.withdrawal", "rupture.invalidation"
RECONNECT, REQUEST = "reconnect", "repair.request"


def _reply(before: str, reply: str, mode: str) -> TurnAnalysis:
    conversation = mendkit.Conversation.from_turns([("Ana", before), ("Sam", reply)])
    return mendkit.analyze(conversation, mode=mode).turns[1]


@pytest.mark.parametrize("mode", ["rules", "full"])
@pytest.mark.parametrize(("before", "reply"), [
    ("Sorry I was late, Sam", "it's fine, honestly"),
    ("Sorry I was late, Sam", "it's fine"),
    ("Sorry I was late, Sam", "no worries x"),
    ("Sorry I was late, Sam", "all good x"),
    ("Sorry miss, I forgot my homework", "no worries :)"),
    ("Sorry I was short with you in class, Jay.", "it's ok miss"),
    ("I'm really sorry I snapped at you earlier, that wasn't fair.", "it's fine, honestly"),
    ("I'm really sorry I snapped at you earlier, that wasn't fair.", "no worries x"),
])
def test_a_plain_acceptance_of_an_apology_reconnects(before: str, reply: str, mode: str) -> None:
    turn = _reply(before, reply, mode)
    assert RECONNECT in turn.labels
    assert WITHDRAWAL not in turn.labels and INVALIDATION not in turn.labels


@pytest.mark.parametrize("mode", ["rules", "full"])
def test_a_flat_fine_after_a_harsh_remark_still_withdraws(mode: str) -> None:
    turn = _reply("You're useless, you never do anything right.", "Fine.", mode)
    assert WITHDRAWAL in turn.labels and RECONNECT not in turn.labels


@pytest.mark.parametrize("mode", ["rules", "full"])
@pytest.mark.parametrize("reply", ["no worries, I'll do it myself then",
                                   "no worries x I'll just do it all myself as usual"])
def test_no_worries_with_a_dig_is_no_acceptance(reply: str, mode: str) -> None:
    turn = _reply("Sorry, I can't help with the move after all", reply, mode)
    assert RECONNECT not in turn.labels


@pytest.mark.parametrize("before", ["Here's the file.", "Meeting moved to 3."])
def test_no_worries_without_an_apology_is_no_reconnect(before: str) -> None:
    assert RECONNECT not in _reply(before, "no worries x", "rules").labels


@pytest.mark.parametrize("mode", ["rules", "full"])
@pytest.mark.parametrize(("before", "reply"), [
    ("Can we talk about what happened?", "please just leave me alone for tonight"),
    ("Are you okay? You've been quiet.", "I need you to leave me alone for a bit, we can talk tomorrow"),
    ("Do you want to talk about it?",
     "Leave me alone for tonight please, I'll come and find you in the morning."),
])
def test_leave_me_alone_with_a_time_frame_is_a_limit(before: str, reply: str, mode: str) -> None:
    turn = _reply(before, reply, mode)
    assert REQUEST in turn.labels
    assert any(e.subtype == "boundary" for e in turn.evidence if e.label == REQUEST)
    assert WITHDRAWAL not in turn.labels


@pytest.mark.parametrize("mode", ["rules", "full"])
@pytest.mark.parametrize("reply", ["I hate you. Just leave me alone!", "leave me alone",
                                   "Shut up and leave me alone for tonight!"])
def test_leave_me_alone_slammed_at_the_end_of_a_fight_withdraws(reply: str, mode: str) -> None:
    turn = _reply("You always do this, you're so selfish.", reply, mode)
    assert WITHDRAWAL in turn.labels
    assert REQUEST not in turn.labels
