"""Later life in the rules (round 18, tester t1): long marriages, caring, dementia, elder abuse.

A widower's loss of purpose ("There's no point to me since your mother died"), an abuse report about
a parent sent in capitals, and a reported murder-suicide threat are crisis signs; a carer's fear of
saying "something I can't take back", a day out "for both of us" and "Mum will kill us both if we're
late" are not. Polite coldness after being overruled ("Do as you see fit.") is withdrawal; a carer's
snap at a confused wife is confrontation, and her muddled "I'm sorry" afterwards is not an apology
for something done. A sarcastic "I'll tell Mum you're too busy. Again." is no commitment."""

from __future__ import annotations

import pytest

import mendkit
from mendkit.model import Conversation
from mendkit.models.classifier import available

CRISIS = "risk.crisis"

SIGNS = [
    ("There's no point to me since your mother died. I just sit here.", "suicide"),
    ("theres no point to me since your mother went. ive given the tools to Robbie", "suicide"),
    ("THERES NO POINT TO ME NOW YOUR DAD IS GONE", "suicide"),
    ("What's the point of me now she's gone?", "suicide"),
    ("If it weren't for the dog I'd have ended it after the funeral.", "suicide"),
    ("if it wasnt for the grandkids i wouldnt still be here", "suicide"),
    ("THE NEW GIRL HIT MUM WITH THE HAIRBRUSH I SAW IT ON THE CAMERA", "abuse_danger"),
    ("the night carer slapped dad when he wouldn't eat his tea", "abuse_danger"),
    ("Your father says if they put me in that home he'll take us both out first. He means it.",
     "harm_to_others"),
    ("HE SAYS HELL TAKE US BOTH OUT BEFORE THEY MOVE ME", "harm_to_others"),
]

NEAR_MISSES = [
    "I feel so worn out and I'm scared I'll say something I can't take back. Could you take Dad on "
    "Tuesdays and Thursdays?",
    "I need to walk away before I SAY SOMETHING I CANT TAKE BACK",
    "There's no point in me going to the meeting if you've already decided.",
    "What's the point of me cooking for one? I'll get a ready meal.",
    "If it weren't for the traffic I'd have gone to the match.",
    "The new girl hit it off with Mum straight away.",
    "The carer pushed Mum round the garden in her wheelchair.",
    "Mum hit the jackpot at bingo!",
    "Your father says he'll take us both out for lunch first, then the garden centre.",
    "Mum will kill us both if we're late for Sunday dinner.",
    "I've given the good china to Karen as we've downsized to the bungalow and there's no room.",
]


@pytest.mark.parametrize(("text", "kind"), SIGNS)
def test_a_later_life_crisis_sign_is_found_by_the_rules(text: str, kind: str) -> None:
    result = mendkit.check(text, mode="rules")
    assert result.risk.crisis
    assert kind in result.risk.kinds
    assert result.risk.resources


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_a_later_life_near_miss_raises_no_crisis_in_rules_mode(text: str) -> None:
    result = mendkit.check(text, mode="rules")
    assert not result.risk.crisis
    assert CRISIS not in result.labels


@pytest.mark.skipif(not available(), reason="needs the shipped model")
@pytest.mark.parametrize("text", [SIGNS[0][0], SIGNS[6][0], SIGNS[8][0]])
def test_the_testers_missed_signs_are_found_in_full_mode_too(text: str) -> None:
    assert mendkit.check(text, mode="full").risk.crisis


def test_the_widower_turn_is_a_crisis_in_the_conversation() -> None:
    conv = Conversation.from_turns([
        ("Sophie", "Dad, you've said no to every visit since the funeral. I'm worried about you."),
        ("Ted", "nothing love. theres no point to me since your mother went. ive given the tools "
                "to Robbie and the watch is for you"),
    ])
    analysis = mendkit.analyze(conv, mode="rules")
    assert analysis.safety.crisis
    assert 1 in analysis.safety.turns


@pytest.mark.parametrize(("text", "before"), [
    ("Do as you see fit.", "Mum, we've decided to sell the house and you'll move into the annexe."),
    ("Don't trouble yourself about me. You've your own life.", None),
    ("I shan't ring again, you're obviously very busy.", None),
])
def test_polite_coldness_is_withdrawal_in_rules_mode(text: str, before: str | None) -> None:
    result = mendkit.check(text, mode="rules", context=(before,) if before else ())
    assert "rupture.withdrawal" in result.labels


def test_do_as_you_see_fit_to_a_plain_question_is_not_withdrawal() -> None:
    result = mendkit.check("Do as you see fit.", mode="rules",
                           context=("Shall I put the roses at the front or the back?",))
    assert "rupture.withdrawal" not in result.labels


def test_the_carers_snap_and_the_confused_apology_in_rules_mode() -> None:
    conv = Conversation.from_turns([
        ("Jean", "Is Susan coming today?"),
        ("Alan", "For God's sake Jean, I've told you ten times! Are you doing this on purpose?"),
        ("Jean", "I don't know. I'm sorry. I don't know."),
        ("Alan", "No, love, I'm sorry. That wasn't fair, it's not your fault. I'm just very tired."),
    ])
    turns = mendkit.analyze(conv, mode="rules").turns
    assert "rupture.confrontation" in turns[1].labels
    assert "repair.responsibility" not in turns[2].labels
    assert "rupture.withdrawal" in turns[2].labels
    assert "repair.responsibility" in turns[3].labels  # Alan's own apology still counts


def test_a_sarcastic_promise_is_not_a_commitment() -> None:
    result = mendkit.check("Right. I'll tell Mum you're too busy. Again.", mode="rules",
                           context=("You chose to move back. Nobody asked you to.",))
    assert "repair.request" not in result.labels
    assert "rupture.confrontation" in result.labels


def test_a_motive_pinned_on_the_other_is_confrontation() -> None:
    result = mendkit.check("You want to put her in a home so you don't have to deal with her.",
                           mode="rules")
    assert "rupture.confrontation" in result.labels
