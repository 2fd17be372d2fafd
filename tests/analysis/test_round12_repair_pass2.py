"""Round 12, second pass: what the re-run testers found the first pass missed. A threat that uses
the words of a promise ("I will make sure you never work here again") is no commitment; a
work-register "that one's on me" owns a fault; acting on the other's point ("you had a point ...
I'll push the launch") validates and commits; texting spellings of sorry ("sry", "srry", "soz")
and a name after sorry ("I'm sorry Nan, I should ring more") still make an apology; pride said
right after a repair is reconnection in the forms families use ("Your dad and I are so proud of
you", "proud of u bro"), while praise or thanks with nothing before them stays plain praise."""

from __future__ import annotations

import pytest

import mendkit
from mendkit.model import Conversation


def check_labels(text: str, *context: str) -> set[str]:
    return set(mendkit.check(text, mode="rules", context=list(context)).labels)


def subtypes(text: str, *context: str) -> set[tuple[str, str | None]]:
    result = mendkit.check(text, mode="rules", context=list(context))
    return {(e.label, e.subtype) for e in result.evidence}


# 1. A threat in the words of a promise is not a commitment.

@pytest.mark.parametrize("text", [
    "If you take this to HR I will make sure you never work in this valley again.",
    "If you go over my head again, I'll make sure you regret it.",
    "Tell anyone about this and I will make sure you never see the kids again.",
    "I'll make sure nobody in this industry ever hires you.",
    "Keep pushing me and I'm going to make sure you lose your job.",
    "If you call HR, I'll make sure you don't get a reference anywhere.",
    "Unless you drop the complaint, I will make sure you never get promoted here.",
    "Walk out on me and I'll make sure you don't see a penny.",
])
def test_a_threat_is_not_a_commitment(text: str) -> None:
    result = mendkit.check(text, mode="rules")
    assert "repair.request" not in result.labels
    assert not result.components["request"]


def test_a_threat_after_a_row_is_not_a_commitment_either() -> None:
    labels = check_labels("Go to the union and I'll make sure you never work in this town again.",
                          "You took credit for my report in front of everyone.")
    assert "repair.request" not in labels


def test_a_retaliation_threat_does_not_resolve_the_episode() -> None:
    analysis = mendkit.analyze(Conversation.from_turns([
        ("Dana", "You put my name on a plan I never agreed to. I'm raising it."),
        ("Mark", "If you take this to HR I will make sure you never work in this valley again."),
        ("Dana", "ok"),
    ], id="t"), mode="rules")
    assert "repair.request" not in analysis.turns[1].labels
    assert all(e.status != "resolved" for e in analysis.episodes)


@pytest.mark.parametrize("text", [
    "I'll make sure you never have to chase me for the numbers again.",
    "If you ever feel left out again, tell me, and I'll make sure you're included.",
    "I will make sure you don't have to deal with this on your own.",
    "If you text me when you land, I'll make sure you don't wait at the airport.",
])
def test_a_promise_to_look_after_the_other_is_still_a_commitment(text: str) -> None:
    assert "repair.request" in check_labels(text)


# 2. "That one's on me" and other work-register ownership.

@pytest.mark.parametrize("text", [
    "That one's on me, I misread the spec.",
    "ok that one is on me",
    "That one was on me. Sorry team.",
    "The mix-up with the invoices is on me.",
    "The delay was on me, not the team.",
])
def test_that_one_is_on_me_owns_a_fault(text: str) -> None:
    assert ("repair.responsibility", "admission") in subtypes(text)


@pytest.mark.parametrize("text", [
    "This one's on me, put your wallet away.",
    "Put your card away, that one's on me.",
    "The next round is on me.",
    "Dinner's on me tonight.",
])
def test_paying_for_something_is_not_ownership(text: str) -> None:
    assert "repair.responsibility" not in check_labels(text)


# 3. Acting on the other's point validates it and commits to something.

@pytest.mark.parametrize("text", [
    "You had a point about the timeline; I'll push the launch a week.",
    "You were right about the budget, I'll move the review to Thursday.",
    "You've got a point. I'll cut the intro down to five minutes.",
    "Point taken, I'll loop you in before anything goes to the client.",
])
def test_agreeing_and_acting_on_it_is_validation_and_a_commitment(text: str) -> None:
    labels = check_labels(text)
    assert {"repair.validate", "repair.request"} <= labels
    assert ("repair.request", "commitment") in subtypes(text)


@pytest.mark.parametrize("text", [
    "You had a point about the timeline.",
    "you made a fair point about the rota",
])
def test_you_had_a_point_is_agreement(text: str) -> None:
    assert ("repair.validate", "agreement") in subtypes(text)


@pytest.mark.parametrize("text", [
    "You're right, I'll just do everything myself then.",
    "You had a point, I'll give you that.",
    "Fine, you're right, I'll shut up then.",
    "You're right, I'll leave you to it.",
])
def test_a_sulk_or_an_idiom_after_agreeing_is_no_commitment(text: str) -> None:
    assert "repair.request" not in check_labels(text)


# 4. Texting spellings of sorry.

@pytest.mark.parametrize("text", [
    "sry for being a brat earlier",
    "srry i snapped at u",
    "soz for ghosting u all week",
    "im srry i was so rude to ur friends",
    "sry mum, i shouldnt have said that",
])
def test_texting_spellings_of_sorry_still_apologise(text: str) -> None:
    assert "repair.responsibility" in check_labels(text)


@pytest.mark.parametrize("text", [
    "sry for being a brat earlier",
    "sorry mum for snapping at you",
])
def test_sorry_for_a_hurtful_act_without_im_stands_in_full_mode(text: str) -> None:
    assert "repair.responsibility" in mendkit.check(text, mode="full").labels


@pytest.mark.parametrize("text", [
    "sry running late",
    "soz wrong chat",
    "sry to hear that",
    "srry, train delayed, 10 mins",
])
def test_a_politeness_sry_is_not_ownership(text: str) -> None:
    assert "repair.responsibility" not in check_labels(text)


# 5. A name after sorry, then what one should do more.

@pytest.mark.parametrize("text", [
    "I'm sorry Nan, I should ring more.",
    "Sorry Jess, I should listen more.",
    "I'm so sorry Mum, I should visit more often.",
    "sorry dad i should call u more",
])
def test_an_apology_to_someone_by_name_with_what_one_owes_is_ownership(text: str) -> None:
    assert "repair.responsibility" in check_labels(text)


@pytest.mark.parametrize("text", [
    "I'm sorry Nan, I should go, the bus is here.",
    "Sorry Jess, I should be going.",
    "You should ring more.",
    "Sorry Mum, I should be home by six.",
])
def test_a_polite_sorry_or_a_should_about_the_other_is_not(text: str) -> None:
    assert "repair.responsibility" not in check_labels(text)


def test_a_grandchilds_apology_resolves_the_family_episode() -> None:
    analysis = mendkit.analyze(Conversation.from_turns([
        ("Nan", "You never ring me anymore. I could be lying on the floor for days."),
        ("Tom", "I'm sorry Nan, I should ring more. I love you."),
        ("Nan", "Love you too sweetheart. Proud of you, you know."),
    ], id="t"), mode="rules")
    assert "repair.responsibility" in analysis.turns[1].labels
    assert "reconnect" in analysis.turns[2].labels


def test_a_promise_to_ring_that_answers_the_complaint_is_a_commitment() -> None:
    labels = check_labels("Relax everyone lol, I'll ring tonight Nan",
                          "You never ring me anymore, I could be lying on the floor for days.")
    assert "repair.request" in labels


# 6. Pride and thanks: reconnection after a repair, plain praise without one.

@pytest.mark.parametrize(("text", "before"), [
    ("Your dad and I are so proud of you, sweetheart.",
     ["I'm sorry I lied about the party, Mum. That was wrong of me."]),
    ("proud of u bro fr", ["sorry for being a brat earlier, that wasn't fair on u"]),
    ("We're all so proud of you, love.", ["I'm sorry I shouted at Nan, I was out of order."]),
    ("Proud of you, you know.", ["I'm sorry Nan, I should ring more."]),
])
def test_pride_right_after_a_repair_is_reconnection(text: str, before: list[str]) -> None:
    assert "reconnect" in check_labels(text, *before)


@pytest.mark.parametrize(("text", "before"), [
    ("Your dad and I are so proud of you, sweetheart.", []),
    ("proud of u bro fr", ["passed my driving test!!"]),
    ("Mum you're a legend, thank you for sorting the car", []),
    ("Wow, we're so proud of you for finally doing the dishes.",
     ["I'm sorry I left the kitchen in a state."]),
])
def test_praise_or_thanks_with_no_rupture_or_repair_before_it_is_plain_praise(
    text: str, before: list[str]
) -> None:
    assert "reconnect" not in check_labels(text, *before)


def test_thanks_and_a_legend_after_a_parents_apology_is_reconnection() -> None:
    assert "reconnect" in check_labels(
        "Mum you're a legend, thank you for sorting the car",
        "Sorry I was so short with you about the car yesterday, love. It's all sorted now.")
