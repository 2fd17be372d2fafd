"""Round 12: repair and reconnect labels read what the words do. Contempt in the words of
validation ("no wonder she left"), a mock apology ("I'm SO sorry my problems are boring you"), a
manager's demand, a transcriber's "(laughs)", laughing at someone's worry, an announcement ("I'm
going to say this once") and the "not mad, just disappointed" reproach are not repair; a
work-register admission, and the apologies and praise of teenagers and parents, are."""

from __future__ import annotations

import pytest

import mendkit
from mendkit.model import Conversation


def check_labels(text: str, *context: str) -> set[str]:
    return set(mendkit.check(text, mode="rules", context=list(context)).labels)


def conversation(*turns: tuple[str, str]) -> mendkit.Analysis:
    return mendkit.analyze(Conversation.from_turns(list(turns), id="t"), mode="rules")


# 1. "No wonder" in contempt is not validation.

@pytest.mark.parametrize("text", [
    "Yeah, no wonder nobody wants to work with you.",
    "Yeah, you're a real catch. No wonder she left.",
    "No wonder she left.",
    "and honestly no wonder your ex got tired of you",
    "Look at you, keeping accounts like an auditor. No wonder my mother finds you cold.",
    "no wonder you're still single",
])
def test_no_wonder_in_contempt_is_not_validation(text: str) -> None:
    result = mendkit.check(text, mode="rules")
    assert "repair.validate" not in result.labels
    assert not result.components["validation"]


def test_no_wonder_in_contempt_inside_a_conversation_is_not_validation() -> None:
    analysis = conversation(
        ("Sam", "I tried, okay? I'm doing my best."),
        ("Alex", "Your best is pathetic and honestly no wonder your ex got tired of you"),
    )
    assert "repair.validate" not in analysis.turns[-1].labels


@pytest.mark.parametrize("text", [
    "No wonder you're upset, that sounds awful.",
    "That sounds horrible. No wonder you've gone so quiet.",
    "oh Lou. that's so much to be carrying by yourself, no wonder you went quiet.",
    "I didn't put those two together. No wonder it scares you.",
])
def test_no_wonder_that_makes_sense_of_a_feeling_still_validates(text: str) -> None:
    assert "repair.validate" in check_labels(text)


# 2. A mock apology is not ownership.

@pytest.mark.parametrize("text", [
    "Oh I'm SO sorry my problems are boring you.",
    "I'm so sorry my problems are boring you.",
    "Well I'm sorry I'm such a burden to you.",
    "sorry I'm not perfect like you",
    "So sorry for wasting your precious time.",
])
def test_a_mock_apology_is_not_ownership(text: str) -> None:
    result = mendkit.check(text, mode="rules")
    assert "repair.responsibility" not in result.labels
    assert not result.components["ownership"]


@pytest.mark.parametrize("text", [
    "I'm sorry my joke landed so badly.",
    "I'm so sorry my comment upset you, that was thoughtless.",
    "I'm sorry I was short with you.",
])
def test_a_real_apology_about_what_one_did_is_still_ownership(text: str) -> None:
    assert "repair.responsibility" in check_labels(text)


# 3. A manager's demand is not a repair request.

@pytest.mark.parametrize("text", [
    "Going forward, please respond within the hour.",
    "Hi Sam, per my last message, I still need the vendor list. Going forward, please respond "
    "within the hour.",
    "Going forward, please double-check before anything goes out.",
    "From now on, please reply within 30 minutes.",
])
def test_a_demand_with_a_deadline_is_not_a_repair_request(text: str) -> None:
    result = mendkit.check(text, mode="rules")
    assert "repair.request" not in result.labels
    assert not result.components["request"]


@pytest.mark.parametrize("text", [
    "From now on, please tell me before you book anything for both of us.",
    "Going forward, could you give me a heads-up when the plan changes?",
    "In future, please ask me first.",
])
def test_a_request_about_how_to_do_things_together_still_counts(text: str) -> None:
    assert "repair.request" in check_labels(text)


# 4. A work-register admission with a fix.

def test_my_miss_with_a_fix_is_ownership_and_a_commitment() -> None:
    result = mendkit.check("That was my miss, I'll send the corrected numbers by noon.",
                           mode="rules")
    assert {"repair.responsibility", "repair.request"} <= set(result.labels)
    subtypes = {(e.label, e.subtype) for e in result.evidence}
    assert ("repair.responsibility", "admission") in subtypes
    assert ("repair.request", "commitment") in subtypes
    assert result.components["ownership"] and result.components["request"]


@pytest.mark.parametrize("text", [
    "I'll send the corrected numbers by noon.",
    "Did you miss my email?",
    "I miss my mum.",
])
def test_task_talk_and_missing_someone_are_not_admissions(text: str) -> None:
    assert "repair.responsibility" not in check_labels(text)


# 5. A transcriber's "(laughs)" is not warmth; chat "*hugs*" may be; a complaint is no acceptance.

@pytest.mark.parametrize(("text", "before"), [
    ("(laughs) it's fine i'm fine it's whatever",
     ["he grabbed my arm again last night i'm scared to go home",
      "That sounds really frightening, and it makes sense you're scared."]),
    ("(laughs) okay", ["I'm sorry, that was unfair of me."]),
    ("[laughs] yeah sure", ["I'm sorry I snapped at you. I was out of line."]),
    ("this job is killing me too (laughs) but that's just work",
     ["I hear you, that sounds exhausting."]),
])
def test_a_transcribed_laugh_is_not_warmth(text: str, before: list[str]) -> None:
    assert "reconnect" not in check_labels(text, *before)


def test_a_chat_hug_after_an_apology_is_still_warmth() -> None:
    assert "reconnect" in check_labels("*hugs*", "I'm sorry I was a grump earlier, that wasn't fair.")


def test_being_laughed_at_is_a_complaint_not_an_acceptance() -> None:
    text = "see you're laughing at me that's exactly what i mean"
    assert "reconnect" not in check_labels(text, "I'm sorry, I didn't mean it like that.")


def test_that_is_exactly_what_i_meant_after_a_repair_is_still_acceptance() -> None:
    assert "reconnect" in check_labels(
        "Yes. That's exactly what I meant.",
        "I'm sorry. So you felt like I wasn't on your side, and I should have been.")


# 6. Teenagers' and parents' apologies and praise.

@pytest.mark.parametrize(("text", "before"), [
    ("sorry i called u a boomer", []),
    ("sorry i called u a boomer 😭", ["You called me a boomer in front of your friends, that hurt."]),
    ("sorry for calling you a boomer", []),
    ("sorry mum i was being a brat. love u", []),
    ("sorry mum 😅 love u", ["Be nice to your mother."]),
])
def test_a_teenagers_apology_is_ownership(text: str, before: list[str]) -> None:
    assert "repair.responsibility" in check_labels(text, *before)


@pytest.mark.parametrize(("text", "before"), [
    ("I'm proud of you, I should say it more", []),
    ("love you too, proud of you kiddo", []),
    ("love you too, proud of you kiddo", ["sorry i called u a boomer"]),
    ("ty for the ride mom ❤️", ["I'm sorry I shouted at you this morning."]),
    ("thank you so much mum", ["I'm sorry I shouted at you this morning."]),
])
def test_a_parents_praise_and_a_childs_thanks_after_a_repair_are_reconnection(
    text: str, before: list[str]
) -> None:
    assert "reconnect" in check_labels(text, *before)


@pytest.mark.parametrize("text", [
    "I'm so proud of you, the results are brilliant.",
    "Oh I'm so proud of you for finally turning up.",
])
def test_praise_alone_or_sarcastic_pride_is_not_reconnection(text: str) -> None:
    assert "reconnect" not in check_labels(text)


def test_a_family_episode_with_a_teenagers_apology_and_a_parents_praise_is_resolved() -> None:
    analysis = conversation(
        ("Mom", "Your report card came today. We need to talk about the C in chemistry."),
        ("Jess", "ur not my boss"),
        ("Jess", "ok boomer"),
        ("Mom", "I was out of line yesterday shouting about your grades, I'm sorry love."),
        ("Jess", "its fine"),
        ("Jess", "sorry i called u a boomer 😭"),
        ("Mom", "Haha I've been called worse. Can we sit down Sunday and make a study plan?"),
        ("Jess", "bet"),
        ("Mom", "I'm proud of you, I should say it more."),
    )
    assert "repair.responsibility" in analysis.turns[5].labels
    assert "reconnect" in analysis.turns[8].labels
    assert [e.status for e in analysis.episodes] == ["resolved"]


# 7. Laughing at someone's worry is not warmth.

def test_laughing_off_a_parents_worry_is_not_warmth() -> None:
    result = mendkit.check("😂😂", mode="rules",
                           context=["I'm really worried about you, you've seemed so down lately."])
    assert "reconnect" not in result.labels


def test_laughing_along_after_an_apology_is_still_warmth() -> None:
    assert "reconnect" in check_labels(
        "😂😂", "I'm sorry I laughed at your cardigan, that was mean.")


# 8. Saying or telling is not a commitment.

def test_an_announcement_in_a_complaint_is_not_a_commitment() -> None:
    analysis = conversation(
        ("Priya", "Can't make it, sorry. Work thing."),
        ("Mum", "Again? That's the third Sunday in a row Priya."),
        ("Dad", "Your mother cooked for two days last time and you cancelled an hour before."),
        ("Priya", "Ok I'm going to say this once.\nI work 60 hours a week.\nEvery time I can't "
                  "come I get guilt tripped in front of everyone."),
        ("Mum", "Priya, I was out of line. I'm sorry love, I shouldn't have called you out."),
        ("Priya", "Thank you Mum. I miss you too ❤️"),
    )
    assert "repair.request" not in analysis.turns[3].labels
    assert [e.initiator for e in analysis.episodes] == ["Mum"]


def test_saying_something_next_time_is_still_a_commitment() -> None:
    assert "repair.request" in check_labels(
        "Okay. I'll say something next time instead of going quiet.",
        "I'm sorry I snapped, that wasn't fair on you.")


# 9. The reproach "not mad, just disappointed" and a guilt-trip "burden" are not feelings shared.

@pytest.mark.parametrize("text", [
    "I'm not mad, I'm just disappointed.",
    "I'm not angry. I'm just disappointed in you.",
    "I'm disappointed in you.",
    "Well I'm sorry I'm such a burden to you.",
    "Oh I'm such a burden, aren't I.",
])
def test_a_reproach_or_a_guilt_trip_is_not_a_feeling_shared(text: str) -> None:
    result = mendkit.check(text, mode="rules")
    assert "repair.feeling" not in result.labels
    assert not result.components["feeling"]


@pytest.mark.parametrize("text", [
    "I'm not angry, I'm just hurt.",
    "I'm not mad at you, I'm scared.",
    "I feel like such a burden to everyone lately.",
])
def test_a_feeling_under_the_anger_is_still_a_feeling(text: str) -> None:
    assert "repair.feeling" in check_labels(text)
