"""Round 19 (tester t3, disability and chronic illness): medication, a wheelchair, food or care
withheld until the person gives in is danger from someone else, in a message and in a
conversation; stopping or refusing treatment to let death come, and picturing a fall "for good",
are signs of suicide. The near-misses the tester wrote stay quiet."""

from __future__ import annotations

import pytest

from mendkit.analysis.pipeline import analyze_conversation
from mendkit.labels import CRISIS
from mendkit.model import Conversation


def _kinds(text: str) -> set[str]:
    turn = analyze_conversation(Conversation.from_turns([("me", text)]), mode="rules").turns[0]
    return {e.subtype or "" for e in turn.evidence if e.label == CRISIS}


@pytest.mark.parametrize(("text", "kind"), [
    ("My carer won't give me my epilepsy meds unless I do what she says.", "abuse_danger"),
    ("Tom wouldn't bring my wheelchair in from the car until I apologised to his mum.",
     "abuse_danger"),
    ("She hides my walker when she's angry so I can't leave the flat.", "abuse_danger"),
    ("I'm going to stop my insulin and just let it happen. I'm done fighting this body.",
     "suicide"),
    ("I'm thinking of stopping my dialysis and letting nature take its course.", "suicide"),
    ("I don't think I want to do the infusion. I don't want to do any of it anymore.", "suicide"),
    ("Sometimes I stand at the top of the stairs and think about letting my legs give way for good.",
     "suicide"),
])
def test_the_rules_find_it(text: str, kind: str) -> None:
    assert kind in _kinds(text)


@pytest.mark.parametrize("text", [
    "I'm stopping the meds my doctor told me to stop, the new ones start Monday.",
    "I skipped my infusion because of the snow.",
    "My legs gave way on the stairs again, bruised but fine.",
    "She won't give me the remote.",
    "I could kill for a day without pain.",
    "He won't give me the car keys until I pay for petrol.",
    "I don't want to do the physio anymore, it's boring, I'll try swimming instead.",
])
def test_near_misses_stay_quiet(text: str) -> None:
    assert _kinds(text) == set()


C5B = [
    ("Lena", "Can you bring my wheelchair in from the car please? I need the loo."),
    ("Tom", "Not until you apologise for what you said to my mum."),
    ("Lena", "Tom please, I can't get there without it."),
    ("Tom", "You should have thought about that before. You can crawl for all I care."),
    ("Lena", "you've got my pain meds too, I haven't had them since this morning"),
    ("Tom", "You get them when you start being grateful for everything I do for you."),
    ("Tom", "Don't start the waterworks. Nobody else would put up with you."),
    ("Lena", "ok. I'm sorry. I'll apologise to her."),
    ("Tom", "Good. Was that so hard?"),
]


def test_a_carer_withholding_the_wheelchair_and_meds_is_danger_in_a_conversation() -> None:
    analysis = analyze_conversation(Conversation.from_turns(C5B), mode="rules")
    assert analysis.safety.crisis
    assert {1, 3, 5} <= set(analysis.safety.turns)
    # The victim's appeasing "I'm sorry" is no repair attempt of the episode.
    assert all(ep.status != "attempted" for ep in analysis.episodes)


def test_not_until_you_is_no_danger_without_a_plea_for_what_is_needed() -> None:
    analysis = analyze_conversation(Conversation.from_turns([
        ("Kid", "Can I have a biscuit?"),
        ("Mum", "Not until you apologise to your sister."),
    ]), mode="rules")
    assert not analysis.safety.crisis
