"""Round 10: marker rules read against a fresh set of hand-labelled conversations. Owning an act
"when you told me" is an admission, not a complaint; an apology that names the fault is not
appeasing; "it looks like I don't care, and I do" is not denial; a sympathy "sorry that happened"
is not an apology; a complaint dressed as a feeling is not a feeling; spans cover the phrase."""

from __future__ import annotations

import pytest

import mendkit


def _evidence(text: str, before: str | None = None) -> list[tuple[str, str]]:
    context = (before,) if before is not None else ()
    return [(e.label, e.text)
            for e in mendkit.check(text, mode="rules", context=context).evidence]


def _labels(text: str, before: str | None = None) -> set[str]:
    return {label for label, _ in _evidence(text, before)}


# Bug 1: the speaker owning the act is not complaining about the other.
@pytest.mark.parametrize("text", [
    "I think I changed the subject right when you told me something painful about your dad. "
    "I'm sorry.",
    "You're right. I moved on too fast when you told me about your dad, and that wasn't okay.",
    "I cut you off when you said you were scared, and I'm sorry.",
    "I laughed when you told me about the interview. That was unkind.",
])
def test_owning_ones_own_act_when_they_spoke_is_no_complaint(text: str) -> None:
    labels = _labels(text)
    assert "rupture.confrontation" not in labels
    assert "repair.responsibility" in labels


@pytest.mark.parametrize("text", [
    "You changed the subject when you told me about it.",
    "When you said that in front of everyone, I wanted to disappear.",
])
def test_a_when_you_complaint_still_counts(text: str) -> None:
    assert "rupture.confrontation" in _labels(text)


# Bug 3: an apology naming its fault is not appeasing; "it looks like I don't care" is not denial.
@pytest.mark.parametrize("text", [
    "You're right. I'm sorry. I forgot our anniversary and then I got defensive instead of "
    "listening.",
    "You're right, I'm sorry. I snapped at you and you didn't deserve it.",
])
def test_an_apology_that_owns_something_specific_is_not_appeasing(text: str) -> None:
    labels = _labels(text, "You never listen. You forgot again.")
    assert "rupture.withdrawal" not in labels
    assert "repair.responsibility" in labels


def test_stacked_placating_is_still_appeasing() -> None:
    assert "rupture.withdrawal" in _labels("You're right, I'm sorry, I'm the worst.",
                                           "You never listen. You forgot again.")


@pytest.mark.parametrize("text", [
    "I can see why you feel hurt, it looks like I don't care, and I do.",
    "It might seem like I don't care, but I really do.",
    "I know it sounds like I don't care. I do.",
])
def test_saying_one_does_care_is_not_denial(text: str) -> None:
    assert "rupture.withdrawal" not in _labels(text, "You never listen. You forgot again.")


def test_a_plain_i_dont_care_is_still_denial() -> None:
    assert "rupture.withdrawal" in _labels("I don't care.", "You forgot again.")


# Bug 5: sympathy is not ownership.
@pytest.mark.parametrize("text", [
    "Ugh, that's awful. I'm sorry that happened.",
    "I'm so sorry that happened to you.",
    "I'm really sorry that she said that to you.",
    "Oh no, I'm sorry to hear that.",
])
def test_a_sympathy_sorry_is_not_an_apology(text: str) -> None:
    assert "repair.responsibility" not in _labels(text,
                                                   "My boss yelled at me in front of everyone.")


@pytest.mark.parametrize("text", ["I'm sorry that I yelled.", "I'm sorry that happened, it was "
                                  "my fault."])
def test_an_apology_with_that_still_counts(text: str) -> None:
    assert "repair.responsibility" in _labels(text)


# Bug 2: a complaint dressed as a feeling, a worried complaint, and an appeasing junior.
@pytest.mark.parametrize(("text", "before"), [
    ("You could have texted. It feels like I'm always the one making the effort.", None),
    ("It feels like I'm the only one who ever cleans up.", None),
    ('"Ok"? I was worried sick. I called you six times.', "ok"),
    ("I was worried sick, you didn't answer all night.", None),
])
def test_a_complaint_dressed_as_a_feeling_is_not_a_feeling(text: str, before: str | None) -> None:
    assert "repair.feeling" not in _labels(text, before)


@pytest.mark.parametrize("text", ["I was worried about you.",
                                  "I feel like I'm failing at this."])
def test_a_plain_feeling_still_counts(text: str) -> None:
    assert "repair.feeling" in _labels(text)


def test_an_appeasing_sorry_to_bother_you_is_not_a_commitment() -> None:
    labels = _labels("Sorry to bother you, I'll fix it.",
                     "This deck is a mess. Did you even check it? Honestly, sloppy work.")
    assert "repair.request" not in labels


# Bug 7: rejecting the therapy is confrontation.
@pytest.mark.parametrize("text", [
    "Honestly, I don't see the point of these worksheets. I'm not sure this is helping.",
    "I'm not sure this therapy is helping me at all.",
    "I don't see the point of these sessions.",
])
def test_rejecting_the_therapy_is_confrontation(text: str) -> None:
    assert "rupture.confrontation" in _labels(text)


def test_doubting_a_plan_is_no_confrontation() -> None:
    assert "rupture.confrontation" not in _labels("I'm not sure this bus goes to the station.")


# Bug 9: commitments. (The sarcasm rule written for it was taken out again: in full mode a
# rupture only the model saw counted as tension, so friendly banter read as contempt.)
@pytest.mark.parametrize("text", [
    "I'm putting our anniversary in my calendar with a reminder so this doesn't happen again.",
    "I'll try to come by for dessert around 3.",
    "I've set a reminder so it won't happen again.",
])
def test_a_commitment_is_a_request(text: str) -> None:
    assert "repair.request" in _labels(text, "I'm sorry I missed lunch, I should have called.")


# Bug 10: spans cover the marker phrase; behaviour is not a feeling; warmth is not a feeling.
@pytest.mark.parametrize(("text", "label", "span"), [
    ("I waited up for your call last night until 2am.", "rupture.confrontation",
     "I waited up for your call"),
    ("Hey. I'm sorry I got defensive.", "repair.responsibility", "I'm sorry I got defensive"),
    ("Can we do a rota? I'll take dishes Monday to Thursday.", "repair.request",
     "Can we do a rota"),
])
def test_a_span_covers_the_marker_phrase(text: str, label: str, span: str) -> None:
    assert (label, span) in _evidence(text)


@pytest.mark.parametrize("text", ["Hey. I'm sorry I got defensive.",
                                  "I got really defensive, didn't I."])
def test_getting_defensive_is_behaviour_not_a_feeling(text: str) -> None:
    assert "repair.feeling" not in _labels(text)


def test_i_feel_defensive_is_still_a_feeling() -> None:
    assert "repair.feeling" in _labels("I notice I feel defensive right now.")


@pytest.mark.parametrize("text", ["You mean a lot to me.", "You mean the world to me, you know."])
def test_you_mean_a_lot_to_me_is_warmth_not_a_feeling(text: str) -> None:
    labels = _labels(text, "I'm sorry I snapped at you earlier, that wasn't fair.")
    assert "reconnect" in labels
    assert "repair.feeling" not in labels
