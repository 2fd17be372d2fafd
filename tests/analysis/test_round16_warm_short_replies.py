"""Round 16: warm short replies, filler bubbles and plain words in full mode (testers t1 P18,
t3 P10, t5 P6).

Where the rules read warmth or acceptance and the model vetoed it ("Haha noted 🙈", "aw ❤️" after an
apology), the model adds no withdrawal or confrontation of its own; where a rule's clear repair
stands (a validation, an apology, a request), it adds no confrontation. A lone filler bubble ("like", the
first part of a split message) carries none of the model's ruptures. Warm praise after a repair
("You're grand Sio, you're doing the heavy lifting") is reconnection. A confrontation a rule found
beside a repair still stands.
"""

from __future__ import annotations

import pytest

import mendkit
from mendkit.labels import is_rupture
from mendkit.model import TurnAnalysis

CONFRONTATION, RECONNECT, RESPONSIBILITY = ("rupture.confrontation", "reconnect",
                                            "repair.responsibility")


def _last(turns: list[tuple[str, str]], mode: str = "full") -> TurnAnalysis:
    return mendkit.analyze(mendkit.Conversation.from_turns(turns), mode=mode).turns[-1]


def _ruptures(turn: TurnAnalysis) -> list[str]:
    return [label for label in turn.labels if is_rupture(label)]


FAMILY = [  # t3's family chat, the morning after
    ("Arjun", "Dad, I'm sorry too. I was rude to you last night, and you were right that I should "
              "have been honest."),
    ("Dad", "Thank you for saying that. I'm sorry I went for you in front of everyone, I was upset "
            "on Nani's behalf. I shouldn't have called you shameful."),
    ("Arjun", "Thanks Dad. Means a lot."),
    ("Mum", "My boys 🥹 Sunday dinner at ours, everyone. No excuses this time Arjun 😉"),
    ("Arjun", "Haha noted 🙈"),
]
WEDDING = [  # t3's wedding group
    ("Dita", "Don't do the sarcastic thing Eli, just pay me back."),
    ("Bea", "I'm honestly too tired for this, I'm muting the group for an hour"),
    ("Eli", "Fine."),
    ("Carl", "Bea, Gus, I'm sorry. I was being a brat about a table at your wedding. Table 9 is "
             "fine. Honestly."),
    ("Dita", "aw ❤️"),
]
SIBLINGS = [  # t3's siblings
    ("Ciara", "Thanks Sio. I didn't realise how much you were carrying on your own, I should have "
              "asked. I'll book flights for the 17th ❤️"),
    ("Siobhan", "❤️ thank you"),
    ("Siobhan", "And Declan, sorry for the dig earlier."),
    ("Declan", "You're grand Sio, you're doing the heavy lifting"),
]
SPLIT = [  # t1's couple: a thought sent in bubbles
    ("Jaden", "u good? you left me on seen for like 4 hours lol"),
    ("Priya", "yeah"),
    ("Jaden", "ok cool"),
    ("Jaden", "like"),
]


@pytest.mark.parametrize("turns", [FAMILY, WEDDING, SIBLINGS, SPLIT],
                         ids=["haha-noted", "aw-heart", "youre-grand", "filler"])
def test_warm_and_filler_bubbles_carry_no_rupture(turns: list[tuple[str, str]]) -> None:
    assert _ruptures(_last(turns)) == []


@pytest.mark.parametrize("mode", ["rules", "full"])
def test_youre_grand_after_an_apology_reconnects(mode: str) -> None:
    assert RECONNECT in _last(SIBLINGS, mode).labels


THERAPY = [  # t5: a therapist believing a client with no word for a feeling
    ("Dr Ade", "How did you feel when your manager moved your desk without asking?"),
    ("Sam", "I don't know what I feel. I know my chest was tight and I couldn't eat lunch."),
    ("Dr Ade", "That's useful information. Tight chest, no appetite. Can we stay with that?"),
    ("Sam", "Yes. I'm not avoiding the question. I genuinely do not have a word for it."),
    ("Dr Ade", "I believe you. Sometimes the body knows before the words do."),
]


def test_no_model_confrontation_beside_a_clear_validation() -> None:
    turn = _last(THERAPY)
    assert CONFRONTATION not in turn.labels
    assert any(not is_rupture(label) for label in turn.labels)


def test_a_rule_found_confrontation_beside_an_apology_stands() -> None:
    turn = _last([("Ana", "You forgot the school run again."),
                  ("Sam", "I'm sorry I was late. You never listen though.")])
    assert CONFRONTATION in turn.labels and RESPONSIBILITY in turn.labels


def test_a_cold_reply_after_a_jab_still_withdraws() -> None:
    turn = _last([("Ana", "You forgot the school run again. You never think of anyone else."),
                  ("Sam", "k")])
    assert "rupture.withdrawal" in turn.labels
