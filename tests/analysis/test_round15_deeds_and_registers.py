"""Round 15: repair in deeds, understated and formal registers, ruptures hidden in politeness.

A tester wrote families who mend by doing ("I cut some pear for you. Come and eat."), British
understatement ("I was rather short with you on Tuesday. Not my finest hour.") and formal letters
("Dear Helen, I should be glad if we might speak about ..."). A deed offered after a rupture or a
strained turn is ``reconnect`` (warmth, found by ``reconnect/warmth-deed-11``) and a reply
taking it up is reconnect too; the same words with no strain before them ("I'll give you a lift
to the station, train's at 6") are logistics. Self-blame in the speaker's own words ("That was
out of order" about one's own act, "I wasn't much help either, to be fair") is no blame. Both
modes read the same rules; the model in full mode may add a label of its own, so there the tests
ask what the rules promise.
"""

from __future__ import annotations

import pytest

import mendkit
from mendkit.model import Conversation

_MODES = ("rules", "full")
_RUPTURES = {"rupture.withdrawal", "rupture.confrontation", "rupture.invalidation"}


def _check(text: str, context: list[str], mode: str) -> mendkit.CheckResult:
    return mendkit.check(text, context=context, mode=mode)


def _labels(text: str, context: list[str], mode: str) -> set[str]:
    return set(_check(text, context, mode).labels)


def _rule_labels(text: str, context: list[str], mode: str) -> set[str]:
    """The labels a rule found (their evidence names a rule), whatever the model adds."""
    return {e.label for e in _check(text, context, mode).evidence if e.source.startswith("rule:")}


# P5: British self-blame is not blame.
_OWN_ACT = [
    ("About the house. I should've run it past you. That was out of order.", [],
     "repair.responsibility"),
    ("It was. But I wasn't much help either, to be fair.",
     ["About the house. I should've run it past you. That was out of order."],
     "repair.responsibility"),
]


@pytest.mark.parametrize("mode", _MODES)
@pytest.mark.parametrize(("text", "context", "label"), _OWN_ACT)
def test_own_act_self_blame_is_ownership_not_blame(
        text: str, context: list[str], label: str, mode: str) -> None:
    labels = _labels(text, context, mode)
    assert label in labels
    assert not labels & _RUPTURES


@pytest.mark.parametrize("mode", _MODES)
@pytest.mark.parametrize(("text", "label"), [
    ("You were out of order.", "rupture.confrontation"),
    ("to be fair, you're overreacting", "rupture.invalidation"),
    ("That was out of order, what you said to Mum.", "rupture.confrontation"),
])
def test_blame_aimed_at_the_other_still_counts(text: str, label: str, mode: str) -> None:
    assert label in _labels(text, [], mode)


# P7: repair by deed. Each offer follows a rupture or a strained turn.
_DEEDS = [
    ("I picked up your prescription on the way home. It's on the kitchen table.",
     ["You never listen to a word I say."]),
    ("Come for dinner Sunday, your mum's making biryani.", ["You never listen to a word I say."]),
    ("Beta, eat something. I made the dal you like.", ["Leave me alone, I don't want to talk."]),
    ("I'll give you a lift to the station tomorrow, seven sharp.",
     ["Forget it, I'll sort it myself like always."]),
    ("Lily. I cut some pear for you. Come and eat.", ["Forget it. I'm going to my room."]),
    ("Saw your fence came down in the wind. I've got posts in the van. Saturday?",
     ["Right. Well, you've made your choice.", "Suit yourself."]),
]


@pytest.mark.parametrize("mode", _MODES)
@pytest.mark.parametrize(("text", "context"), _DEEDS)
def test_a_deed_after_a_rupture_is_reconnect(text: str, context: list[str], mode: str) -> None:
    result = _check(text, context, mode)
    assert "reconnect" in result.labels
    assert any(e.source == "rule:reconnect/warmth-deed-11" for e in result.evidence)
    assert "rupture.withdrawal" not in result.labels


@pytest.mark.parametrize("mode", _MODES)
@pytest.mark.parametrize(("text", "context"), [
    ("I'll give you a lift to the station, train's at 6", []),
    ("I'll give you a lift to the station, train's at 6", ["What time do you need to leave?"]),
    ("I made the spreadsheet you asked for, it's in the drive.", ["Any update on the budget?"]),
    ("Come for dinner Sunday, your mum's making biryani.", ["How's work going?"]),
])
def test_the_same_offer_with_no_strain_before_it_is_logistics(
        text: str, context: list[str], mode: str) -> None:
    assert "reconnect" not in _rule_labels(text, context, mode)


_UPTAKE = [
    ("I ate it all.", ["Leave me alone.", "Made you the kheer you like. It's in the fridge."]),
    ("The biryani was perfect, tell Mum.",
     ["You never listen to a word I say.", "Come for dinner Sunday, your mum's making biryani."]),
    ("Aye, go on.", ["Suit yourself.",
                     "Saw your fence came down in the wind. I've got posts in the van. Saturday?"]),
    ("Thanks, Papa. I'll be ready.",
     ["Leave me alone, I don't want to talk.", "Your flight is at seven? I'll drop you at the airport. "
      "Be ready by four-thirty."]),
    ("Cheers.", ["Suit yourself.", "I've got posts in the van. Saturday?", "Aye, go on.",
                 "I'll bring bacon butties."]),
]


@pytest.mark.parametrize("mode", _MODES)
@pytest.mark.parametrize(("text", "context"), _UPTAKE[:3])
def test_taking_up_a_deed_is_reconnect(text: str, context: list[str], mode: str) -> None:
    assert "reconnect" in _labels(text, context, mode)


@pytest.mark.parametrize(("text", "context"), _UPTAKE[3:])
def test_thanks_or_yes_to_a_deed_is_reconnect_in_rules_mode(text: str, context: list[str]) -> None:
    """Plain thanks take the deed up; full mode's model may still veto the
    thanks (tester t3 P8, left to its own fix), so here the rules alone."""
    assert "reconnect" in _labels(text, context, "rules")


def test_a_deed_and_its_uptake_in_a_conversation() -> None:
    """The brothers' fence (tester t3, c8): the offer, the yes, the butties and the thanks."""
    conv = Conversation.from_turns([
        ("Ian", "You could've asked before you put Dad's house on the market."),
        ("Dave", "Someone had to sort it. You weren't exactly rushing."),
        ("Ian", "Right. Well, you've made your choice."),
        ("Dave", "Suit yourself."),
        ("Dave", "Saw your fence came down in the wind. I've got posts in the van. Saturday?"),
        ("Ian", "Aye, go on."),
        ("Dave", "I'll bring bacon butties."),
        ("Ian", "Cheers."),
    ])
    turns = mendkit.analyze(conv, mode="rules").turns
    assert all("reconnect" in turns[i].labels for i in (4, 5, 6, 7))


# P10: ruptures hidden in politeness.
_POLITE_RUPTURES = [
    ("Of course. Don't trouble yourself on my account.",
     ["I can't make it to your hospital appointment after all."], _RUPTURES),
    ("I shan't keep you, you're obviously very busy.", [], _RUPTURES),
    ("Fine. Do as you please.", ["I'm taking the job in Dubai."], {"rupture.withdrawal"}),
    ("No, no, you go. I'll manage on my own, as always.", ["I'm off to Jo's for the weekend."],
     _RUPTURES),
    ("It's quite all right. I'm used to it.", ["Sorry Mum, we won't make it on Sunday again."],
     _RUPTURES),
    ("Perfectly fine. Give the children my love.", ["Is something wrong? You seem upset."],
     {"rupture.withdrawal"}),
    ("Perhaps you'd like to explain that to your grandmother.", ["I'm not coming to the puja."],
     _RUPTURES),
    ("Interesting choice of words.", ["Honestly, your cooking is a bit bland."], _RUPTURES),
]


@pytest.mark.parametrize("mode", _MODES)
@pytest.mark.parametrize(("text", "context", "wanted"), _POLITE_RUPTURES)
def test_a_rupture_hidden_in_politeness(
        text: str, context: list[str], wanted: set[str], mode: str) -> None:
    assert _rule_labels(text, context, mode) & wanted


@pytest.mark.parametrize(("text", "context"), [
    ("Perfectly fine. Give the children my love.", ["How was the drive back?"]),
    ("It's quite all right, I'm used to it. The cold doesn't bother me.",
     ["Are you warm enough out there?"]),
    ("Fine. Do as you please with the spare room, I don't need it.", ["Can I use the spare room?"]),
])
def test_the_same_words_in_plain_talk_are_no_rupture(text: str, context: list[str]) -> None:
    assert not _rule_labels(text, context, "rules") & _RUPTURES


# P11: understated or formal ownership and invitations to talk.
@pytest.mark.parametrize("mode", _MODES)
@pytest.mark.parametrize(("text", "label"), [
    ("I was rather short with you on Tuesday. Not my finest hour.", "repair.responsibility"),
    ("I know I haven't been easy to live with this month.", "repair.responsibility"),
    ("I may have overdone it a touch at the wedding. Apologies.", "repair.responsibility"),
    ("Dear Helen, I should be glad if we might speak about what passed between us at "
     "Christmas, when it suits you.", "repair.acknowledge"),
    ("With respect, Auntie-ji, I would like to sit with you and understand what upset you at "
     "the wedding.", "repair.acknowledge"),
    ("Things have not been right between us since Diwali. Shall we talk?", "repair.acknowledge"),
    ("Bit of a grim evening, that. My fault mostly.", "repair.acknowledge"),
    ("Bit of a grim evening, that. My fault mostly.", "repair.responsibility"),
])
def test_understated_and_formal_repair(text: str, label: str, mode: str) -> None:
    assert label in _rule_labels(text, [], mode)


@pytest.mark.parametrize("text", [
    "Bit of a grim evening, that. The rain never stopped.",
    "The heating has not been right since the new boiler went in.",
    "I was rather short of time on Tuesday, so I took a taxi.",
])
def test_understatement_look_alikes_are_no_repair(text: str) -> None:
    assert not _rule_labels(text, [], "rules") & {"repair.responsibility", "repair.acknowledge"}


# P14: a sincere deferral to expertise is not appeasing.
@pytest.mark.parametrize("mode", _MODES)
def test_deferring_to_the_plumber_is_not_appeasing(mode: str) -> None:
    assert "rupture.withdrawal" not in _rule_labels(
        "I'm sure you know best about the plumbing, you're the plumber.", [], mode)


@pytest.mark.parametrize("mode", _MODES)
def test_you_know_best_after_a_hard_decision_still_appeases(mode: str) -> None:
    assert "rupture.withdrawal" in _rule_labels(
        "I'm sure you know best.", ["I've decided to move Mum into the home."], mode)


# Tester t4, problems 6 and 13: reaching out after a crisis turn, and "I'm busy." to a bid.
_CRISIS_TURN = ("Honestly some nights I think everyone would be better off if I just wasn't "
                "around anymore.")


@pytest.mark.parametrize("mode", _MODES)
def test_reaching_out_after_a_crisis_turn_is_no_withdrawal(mode: str) -> None:
    context = ["You're always busy when it's something I care about.",
               "Oh please, you're making a big deal out of nothing. Calm down.", _CRISIS_TURN]
    result = mendkit.check("Don't say that. Where are you right now? I'm coming over.",
                           context=context, mode=mode)
    assert "repair.acknowledge" in result.labels
    assert "rupture.withdrawal" not in result.labels


@pytest.mark.parametrize("mode", _MODES)
def test_im_busy_as_the_whole_answer_to_a_bid_is_withdrawal(mode: str) -> None:
    result = _check("I'm busy.", ["Did you read the thing I sent about the lease?"], mode)
    assert any(e.label == "rupture.withdrawal" and e.subtype == "minimal_response"
               and e.source.startswith("rule:") for e in result.evidence)


@pytest.mark.parametrize(("text", "context"), [
    ("I'm busy.", ["Are you free at three?"]),
    ("I'm busy on Friday, can we do Monday?", ["Did you read the thing I sent?"]),
])
def test_busy_as_an_answer_about_time_is_no_withdrawal(text: str, context: list[str]) -> None:
    assert "rupture.withdrawal" not in _rule_labels(text, context, "rules")
