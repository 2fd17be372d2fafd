"""Round 15 (tester t7): the crisis families added this round, re-tested in other words.

Leverage threats in another order ("just know when they find me it's on you"), grooming of a
16-year-old told across sentences ("he's 24. I'm 16 but he says age is just a number"), an ex's
"I know where you live now", threats in a fight ("picking your teeth up off the floor"), grief
letters that hint at joining the dead, and plain passive wishes are crisis signs in both modes.
Their everyday look-alikes (a new job in Melbourne, "the last time you'll hear from me about the
parking", "shan't be around much longer tonight, I'm shattered", Mike catching a fall on the ice, a
surprise party) stay clear.
"""

from __future__ import annotations

import pytest

import mendkit
from mendkit.analysis.pipeline import Mode, analyze_turn
from mendkit.model import Conversation
from mendkit.models.classifier import available

MODES: list[Mode] = ["rules", pytest.param("full", marks=pytest.mark.skipif(
    not available(), reason="this build has no model files"))]  # type: ignore[list-item]


def _crisis(text: str, mode: Mode) -> tuple[bool, tuple[str, ...]]:
    risk = mendkit.check(text, mode=mode).risk
    return risk.crisis, risk.kinds


SIGNS: list[tuple[str, str]] = [
    # 1. suicide threatened as leverage, in other orders and words
    ("just know when they find me it's on you.", "suicide"),
    ("fine go to your sister's. just remember you chose this when you get the call from the "
     "hospital", "suicide"),
    ("u break up with me and ill make sure u regret it forever, ill be gone and its ur fault",
     "suicide"),
    ("If you break up with me I'll be gone and it's your fault.", "suicide"),
    ("Block me then. Won't matter by tomorrow, you won't have me to block.", "suicide"),
    # 2. grooming of a 16-year-old, the ages and the sign in different sentences
    ("I'm 16 and my coach says we have a special relationship and I can't tell anyone.",
     "abuse_danger"),
    ("I'm 16 but he says age is just a number", "abuse_danger"),
    ("just Ryan. he's 24. I'm 16 but he says age is just a number", "abuse_danger"),
    ("He's 24. I'm 16. He says not to tell my mum about us.", "abuse_danger"),
    # 3. an ex's threats
    ("I know where you live now, Kayleigh. Moving didn't change anything.", "abuse_danger"),
    ("I know where you live now.", "abuse_danger"),
    ("I've been parked outside your new place every night this week. You can't hide from me.",
     "abuse_danger"),
    ("She thinks she can just replace me. She'll find out what happens to people who cross me.",
     "harm_to_others"),
    # 4. threats in a fight
    ("One more word and you'll be picking your teeth up off the floor.", "abuse_danger"),
    ("You think last time was bad? Go on, open your mouth to the police.", "abuse_danger"),
    ("Next time you disrespect me in front of my mates I won't stop.", "abuse_danger"),
    # 6. grief letters that hint at joining the dead
    ("Jamie, I miss you every second. There's no point staying here without you. Wait for me.",
     "suicide"),
    ("Nan, I wish I'd gone with you. I'm going to make that right soon.", "suicide"),
    ("Dad, I'm writing because I'm coming to see you. Save me a seat, it won't be long now.",
     "suicide"),
    ("To my little brother in heaven: I'm tired of being the one left behind. I'll see you soon, "
     "properly this time.", "suicide"),
    # 7. plain passive wishes and goodbyes rules mode missed
    ("I pray every night that I just don't wake up. It would be a mercy for everyone.", "suicide"),
    ("I keep hoping a bus hits me on the way to work so it's all over.", "suicide"),
    ("I've given Bella to my neighbour and left my bank card on the table. I'm going somewhere I "
     "won't come back from.", "suicide"),
    ("I won't be needing any of my stuff soon, you can have it all.", "suicide"),
    ("If I lose this job too I don't know what I'll do, I really don't think I can keep doing "
     "this life.", "suicide"),
]

LOOK_ALIKES = [
    # the tester's look-alikes of each family
    "If you walk out before the end of the film it's on you when you don't know who the killer is.",
    "If you leave me to do the whole presentation alone I'll kill you, haha. See you at 9.",
    "It's on you if they find me asleep at my desk tomorrow, you kept me up till 3 with that boxset.",
    "Fine, go to your sister's, just remember you chose this when the lasagne's gone by the time "
    "you're back.",
    "You chose to skip the gym, don't blame me when your knees hurt.",
    "I know where you live now! Just got your new address from your mum, housewarming card is on "
    "its way.",
    "I know where you live now, I'll send the wedding invite",
    "The cat knows where the treats live now, nothing in that cupboard is safe.",
    "Ready or not, you can't hide from me in hide and seek, I always win.",
    "Honestly scared of what I might do to my hair if the salon doesn't reopen soon.",
    "I don't trust myself alone with that cheesecake tonight, take it to work tomorrow please.",
    "I don't know what I'll do to myself if I eat another mince pie.",
    "I'm going away for good! Got the job in Melbourne, flights booked for March.",
    "I'm going away for good, to Spain, the sun is calling!",
    "This is the last time you'll hear from me about the parking, I promise.",
    "Leaving the team for good after this season, my knees can't take it anymore.",
    "He's 17 and I'm 16, we've been going out since year 11 and our mums are friends.",
    "I'm 16 and my coach says I'm ready for the regional squad!",
    "My nephew is 17 and just passed his driving test, don't tell my mum I let him drive to Tesco.",
    "I'm 16 and I got a Saturday job at the garden centre, my manager is 24 and really nice.",
    "My son is 16 and his tutor is 24, she's brilliant with his maths.",
    "I'm 16. My sister is 24 and she says not to tell mum about the tattoo.",
    "I'm 17 and age is just a number when it comes to learning the piano.",
    "You tell anyone the ending and you'll regret it, I haven't seen it yet!",
    "You tell anyone about the party and you'll regret it, it's a surprise!",
    "Last time was nothing, wait till you see this year's fireworks.",
    "Next time you beat me at Mario Kart I'm throwing the controller out the window.",
    "Next time you make lasagne I won't stop eating it.",
    "Mike grabbed my arm just as I slipped on the ice, probably saved me a broken wrist.",
    "Tom threw a surprise party and locked me out of the kitchen so I wouldn't see the cake.",
    "I shan't be around much longer tonight, I'm shattered.",
    "Nan, I wish I'd gone with you to Blackpool that summer. I'm going to make that right soon, "
    "booked a trip for June.",
    "Dad, I'm coming to see you at the care home on Sunday. Save me a seat at lunch, it won't be "
    "long now.",
    "I won't be needing my winter coat soon, it's 25 degrees in Lisbon.",
    "I pray every night that the baby doesn't wake up before six.",
]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("text", "kind"), SIGNS)
def test_the_new_crisis_families_in_other_words_are_signs(text: str, kind: str,
                                                         mode: Mode) -> None:
    crisis, kinds = _crisis(text, mode)
    assert crisis, text
    if mode == "rules":
        assert kind in kinds, (text, kinds)


@pytest.mark.parametrize("mode", ["rules"])
@pytest.mark.parametrize("text", LOOK_ALIKES)
def test_look_alikes_of_the_new_families_are_no_signs(text: str, mode: Mode) -> None:
    assert not _crisis(text, mode)[0], text


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("text", [
    "I'm going away for good! Got the job in Melbourne, flights booked for March.",
    "This is the last time you'll hear from me about the parking, I promise.",
    "Tom threw a surprise party and locked me out of the kitchen so I wouldn't see the cake.",
    "I shan't be around much longer tonight, I'm shattered.",
    "Leaving the team for good after this season, my knees can't take it anymore.",
])
def test_the_worst_false_alarms_are_gone_in_both_modes(text: str, mode: Mode) -> None:
    # (Mike catching a fall on the ice is clear of the rules; full mode's model still reads it.)
    assert not _crisis(text, mode)[0], text


@pytest.mark.parametrize("mode", MODES)
def test_the_reversed_leverage_threat_in_a_conversation_is_a_sign(mode: Mode) -> None:
    turns = [("Jess", "I'm staying at Amy's tonight, I need some space."),
             ("Liam", "fine. go."),
             ("Liam", "just know when they find me it's on you."),
             ("Jess", "Liam please don't say that. Are you safe?")]
    safety = mendkit.analyze(Conversation.from_turns(turns), mode=mode).safety
    assert 2 in safety.turns and "suicide" in safety.kinds


@pytest.mark.parametrize("mode", MODES)
def test_grooming_split_over_two_turns_is_a_sign(mode: Mode) -> None:
    turns = [("Ella", "who was that guy you were messaging"),
             ("Mia", "just Ryan. he's 24. I'm 16 but he says age is just a number"),
             ("Mia", "he says not to tell my mum about us cos she wouldn't understand"),
             ("Ella", "that's weird mia")]
    safety = mendkit.analyze(Conversation.from_turns(turns), mode=mode).safety
    assert safety.crisis and "abuse_danger" in safety.kinds


@pytest.mark.parametrize("mode", MODES)
def test_shattered_at_the_bridge_club_is_no_crisis(mode: Mode) -> None:
    turns = [("Priya", "How was the bridge club?"),
             ("Ken", "We called it a day early, Doris's hip was playing up after the operation."),
             ("Priya", "Oh no. Is she alright?"),
             ("Ken", "She's fine, just stiff. I shan't be around much longer tonight though, "
                     "I'm shattered."),
             ("Priya", "Sleep well!")]
    assert not mendkit.analyze(Conversation.from_turns(turns), mode=mode).safety.crisis


def test_scared_of_what_i_might_do_to_myself_is_self_harm_not_harm_to_others() -> None:
    _, kinds = _crisis("honestly scared of what I might do to myself when everyone's asleep",
                       "rules")
    assert kinds == ("self_harm",)


def test_a_bare_grab_by_name_shows_no_injury_evidence() -> None:
    result = mendkit.check("Mike grabbed my arm.", mode="rules")
    assert result.risk.crisis
    sources = {e.source for e in analyze_turn(0, "A", "Mike grabbed my arm.").evidence}
    assert "rule:crisis/abuse-named-01" in sources
    assert "rule:crisis/weak-injury-01" not in sources
