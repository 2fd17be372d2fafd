"""Round 15 (tester t3): older people's formal, understated words for not wanting to go on.

"I have rather outstayed my welcome in this world", "I shan't be around to trouble you much longer,
dear", "I've had a good innings. I think it's time I called it a day" are passive suicidal
ideation as a widowed man of 84 writes it; "It would be a mercy if I simply didn't wake up one
morning" is a wish not to wake. Everyday look-alikes stay clear: a party outstayed, a taxi
waiting, a dog's good innings, a day at the office called to an end, rain that should stop.
"""

from __future__ import annotations

import pytest

import mendkit
from mendkit.model import Conversation

_MODES = ("rules", "full")

_SIGNS = [
    "I have rather outstayed my welcome in this world.",
    "I have been thinking, since your mother passed, that I have rather outstayed my welcome.",
    "I shan't be around to trouble you much longer, dear.",
    "I've had a good innings. I think it's time I called it a day, love.",
    "It would be a mercy if I simply didn't wake up one morning.",
    "I feel I've outstayed my welcome on this earth.",
    "I won't be here to bother you much longer.",
    "It would be a blessing if I didn't wake up tomorrow.",
]

_CLEAR = [
    "I've outstayed my welcome at the party, off home",
    "I shan't be around much longer, the taxi's here",
    "a good innings for the old dog",
    "time I called it a day at the office",
    "it would be a mercy if the rain stopped",
    "I think I've outstayed my welcome, I'll get my coat and let you two catch up.",
    "He had a good innings, ninety-one and sharp to the end.",
    "I've had a good innings at this firm. Time I called it a day and let the young ones take over.",
    "It would be a mercy if the baby didn't wake up before seven.",
]


@pytest.mark.parametrize("mode", _MODES)
@pytest.mark.parametrize("text", _SIGNS)
def test_understated_wishes_not_to_go_on_are_suicide_signs(text: str, mode: str) -> None:
    risk = mendkit.check(text, mode=mode).risk
    assert risk.crisis, text
    assert "suicide" in risk.kinds, (text, risk.kinds)


@pytest.mark.parametrize("mode", _MODES)
@pytest.mark.parametrize("text", _CLEAR)
def test_everyday_look_alikes_raise_no_crisis_rule(text: str, mode: str) -> None:
    risk = mendkit.check(text, mode=mode).risk
    if mode == "rules":
        assert not risk.crisis, (text, risk.kinds)
    assert not risk.kinds, (text, risk.kinds)  # no crisis rule fired


def test_the_widowers_hint_is_flagged_in_his_conversation() -> None:
    conversation = Conversation.from_turns([
        ("Helen", "Dad, how are you keeping? You sounded tired on the phone."),
        ("Arthur", "Oh, I manage. The house is very quiet."),
        ("Arthur", "I have been thinking, since your mother passed, that I have rather outstayed "
                   "my welcome."),
        ("Helen", "Don't say that, Dad. What do you mean?"),
    ])
    safety = mendkit.analyze(conversation, mode="rules").safety
    assert 2 in safety.turns
    assert "suicide" in safety.kinds
