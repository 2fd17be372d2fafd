"""Round 18: short dismissive replies after the other raised a hurt, asked to talk or made a harsh
remark ("Aight. Whatever.", "fine it's fine it's whatever", "can we just talk about something
else", "mm hmm yeah sure okay") are withdrawal in both modes, read from context as "Fine." after a
harsh remark is. After a neutral plan the same words agree, and a change of topic that gives a
reason and a return ("for a sec, the kids are here") is no withdrawal."""

from __future__ import annotations

import pytest

import mendkit
from mendkit.labels import is_rupture

WITHDRAWAL = "rupture.withdrawal"
MODES = ("rules", "full")

HURT = "It really hurt when you laughed at my idea in front of everyone."
BID = "Can we talk about what happened last night? I felt really alone."
HARSH = "You're useless, you never do anything right."
GRIEF = "I was really hurt when you didn't come to Gran's funeral."
PLAN = "Let's get pizza at seven and then watch the film."


def reply(before: str, text: str, mode: str) -> set[str]:
    conversation = mendkit.Conversation.from_turns([("Ana", before), ("Ben", text)])
    return set(mendkit.analyze(conversation, mode=mode).turns[-1].labels)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("before", "text"), [
    (HURT, "Aight. Whatever."),
    (HARSH, "Aight. Whatever."),
    (BID, "aight"),
    (BID, "fine it's fine it's whatever"),
    (GRIEF, "can we just talk about something else"),
    (HURT, "Can we just talk about something else?"),
    (BID, "mm hmm yeah sure okay"),
    (HURT, "ight whatever"),
])
def test_a_dismissive_reply_to_a_hurt_or_a_bid_is_withdrawal(before: str, text: str,
                                                             mode: str) -> None:
    assert WITHDRAWAL in reply(before, text, mode)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("before", "text"), [
    (PLAN, "mm hmm yeah sure okay"),
    (PLAN, "Aight."),
    (PLAN, "aight sounds good"),
    (GRIEF, "can we talk about something else for a sec, the kids are here"),
    (GRIEF, "Can we talk about something else for now? The kids are listening. I promise we'll "
            "come back to it tonight."),
    ("What shall we talk about at the meeting?", "Can we talk about something else besides the "
                                                 "budget?"),
])
def test_the_same_words_agree_or_pause_elsewhere(before: str, text: str, mode: str) -> None:
    assert not {label for label in reply(before, text, mode) if is_rupture(label)}
