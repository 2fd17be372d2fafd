"""Round 17 (tester t3, dating): pressure after a "no" is a confrontation (pressure) in both
modes and stops the model's "request" reading; the person holding the no sets a boundary, never a
rupture; fading after an invitation is withdrawal while ordinary slow replies stay clean; the hurt
partner in a cruel break-up is not contemptuous; and a few smaller labels."""

from __future__ import annotations

import pytest

import mendkit
from mendkit.model import Conversation

CONFRONTATION = "rupture.confrontation"
WITHDRAWAL = "rupture.withdrawal"
INVALIDATION = "rupture.invalidation"
REQUEST = "repair.request"
RESPONSIBILITY = "repair.responsibility"
RECONNECT = "reconnect"
RUPTURES = {CONFRONTATION, WITHDRAWAL, INVALIDATION}
MODES = ("rules", "full")

PRESSURE_CHAT = [
    ("Kai", "you should come over tonight"),
    ("Lena", "not tonight, I'm tired and I have an early start"),
    ("Kai", "come on, just come over. I'll make it worth your while"),
    ("Lena", "I said no, I really just want to sleep"),
    ("Kai", "you're being so uptight. we've been on like 5 dates, what are you waiting for"),
    ("Lena", "I'm not comfortable with this. please stop pushing"),
    ("Kai", "whatever. don't bother replying then"),
]


@pytest.mark.parametrize("mode", MODES)
def test_pushing_past_a_no_is_pressure_and_no_request(mode: str) -> None:
    turns = mendkit.analyze(Conversation.from_turns(PRESSURE_CHAT), mode=mode).turns
    for index in (2, 4):
        assert CONFRONTATION in turns[index].labels, turns[index]
        assert "pressure" in turns[index].subtypes(CONFRONTATION)
        assert REQUEST not in turns[index].labels


@pytest.mark.parametrize("mode", MODES)
def test_holding_the_no_is_a_boundary_not_a_rupture(mode: str) -> None:
    turns = mendkit.analyze(Conversation.from_turns(PRESSURE_CHAT), mode=mode).turns
    for index in (3, 5):
        assert REQUEST in turns[index].labels, turns[index]
        assert "boundary" in turns[index].subtypes(REQUEST)
        assert not RUPTURES & set(turns[index].labels), turns[index]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("text", "context"), [
    ("come on, just come over. you owe me after dinner", ["I said no. I don't want to"]),
    ("come on, just come over. don't be like that", []),
    ("you said you liked me so why won't you sleep with me", []),
    ("if you go out with them tonight don't bother coming back", []),
])
def test_sexual_pressure_and_ultimatums_are_pressure(mode: str, text: str, context: list[str]) -> None:
    result = mendkit.check(text, context=context, mode=mode)
    assert CONFRONTATION in result.labels
    assert REQUEST not in result.labels
    assert RECONNECT not in result.labels
    assert any(e.label == CONFRONTATION and e.subtype == "pressure" for e in result.evidence)


@pytest.mark.parametrize("mode", MODES)
def test_the_critic_names_the_no_not_minimising(mode: str) -> None:
    result = mendkit.check("come on, just come over. don't be like that", mode=mode)
    assert INVALIDATION not in result.labels
    assert any("limit they set" in issue.message for issue in result.issues)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("text", [
    "I'm not ready for that and I need you to respect it",
    "please stop pushing",
])
def test_a_boundary_alone_is_a_request(mode: str, text: str) -> None:
    result = mendkit.check(text, mode=mode)
    assert REQUEST in result.labels
    assert not RUPTURES & set(result.labels)


@pytest.mark.parametrize(("text", "context"), [
    ("no worries, another time! sleep well", ["not tonight, I'm tired and I have an early start"]),
    ("come on, just come over. I'll make it worth your while", ["what are you up to tonight?"]),
    ("you owe me half for the meal", []),
    ("if you go to the shop don't bother coming back without milk", []),
])
def test_no_pressure_without_a_no(text: str, context: list[str]) -> None:
    assert CONFRONTATION not in mendkit.check(text, context=context, mode="rules").labels


FADE_CHAT = [
    ("Priya", "I had a really nice time on saturday, would you want to do the climbing gym thing "
              "next week?"),
    ("Tom", "haha maybe"),
    ("Priya", "hey, how's your week going?"),
    ("Tom", "busy"),
    ("Priya", "fair enough! let me know if you want to grab that coffee sometime"),
    ("Priya", "hey, I'm getting the sense you're not that into this, which is totally ok. I'd "
              "just rather know"),
    ("Tom", "lol sorry been crazy. u up?"),
]


@pytest.mark.parametrize("mode", MODES)
def test_fading_after_an_invitation_is_withdrawal(mode: str) -> None:
    turns = mendkit.analyze(Conversation.from_turns(FADE_CHAT), mode=mode).turns
    for index in (1, 3, 6):
        assert WITHDRAWAL in turns[index].labels, turns[index]
    assert RECONNECT not in turns[6].labels
    assert RESPONSIBILITY not in turns[6].labels


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("text", "context"), [
    ("haha maybe", ["I had a really nice time on saturday, would you want to do the climbing gym "
                    "thing next week?"]),
    ("busy", ["hey, how's your week going?"]),
    ("maybe, I'll let you know", ["sure, how about sunday?"]),
])
def test_a_brush_off_to_a_bid_is_withdrawal_in_check(mode: str, text: str, context: list[str]) -> None:
    assert WITHDRAWAL in mendkit.check(text, context=context, mode=mode).labels


SLOW_BUT_REAL = [
    ("Maya", "hey! had such a good time last night 😊 still thinking about that dessert"),
    ("Maya", "are we still on for thursday?"),
    ("Maya", "no worries if you're slammed, just lmk"),
    ("Jordan", "sorry was at work all day! yes thursday works, 7?"),
    ("Maya", "7 is perfect"),
    ("Jordan", "would you want to try the climbing gym after?"),
    ("Maya", "yep def"),
    ("Jordan", "how's your week going?"),
    ("Maya", "busy but good! you?"),
    ("Jordan", "ooh yes"),
]


@pytest.mark.parametrize("mode", MODES)
def test_ordinary_slow_replies_stay_clean(mode: str) -> None:
    turns = mendkit.analyze(Conversation.from_turns(SLOW_BUT_REAL), mode=mode).turns
    assert not any(RUPTURES & set(turn.labels) for turn in turns), [t.labels for t in turns]
    for text in ("u up?", "sorry for the slow reply, crazy week. yes let's do friday",
                 "maybe", "busy"):
        assert not RUPTURES & set(mendkit.check(text, mode=mode).labels), text


@pytest.mark.parametrize("mode", MODES)
def test_hurt_after_a_cruel_message_is_not_contempt(mode: str) -> None:
    result = mendkit.check(
        "wow. ok. I didn't realise you felt like that",
        context=["you're boring, you're clingy and frankly a bit pathetic. nobody wants to date "
                 "someone that desperate"], mode=mode)
    assert CONFRONTATION not in result.labels


@pytest.mark.parametrize("text", [
    "you're honestly the most boring person I've ever dated. bye",
    "nobody is ever going to put up with you, good luck",
])
def test_cruel_break_up_lines_are_confrontation_in_rules_mode(text: str) -> None:
    result = mendkit.check(text, mode="rules")
    assert CONFRONTATION in result.labels
    assert "contempt" in {e.subtype for e in result.evidence}


def test_a_late_sorry_is_politeness_not_repair() -> None:
    assert RESPONSIBILITY not in mendkit.check("running 10 min late, sorry!!", mode="rules").labels


@pytest.mark.parametrize("text", [
    "thank you for telling me that, it means a lot",
    "that's really sweet. see you saturday x",
])
def test_warm_replies_are_reconnect(text: str) -> None:
    assert RECONNECT in mendkit.check(text, mode="rules").labels
