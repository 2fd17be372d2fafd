"""Round 10, re-run: the marker rules' fixes read again against new conversations. Sarcasm needs
tension before it (praise, self-mockery and a plain reason are not contempt in a warm chat); an
exception for owning an act covers only its own clause; "like I don't care" is left out only in
its hypothetical form; "the only one" is a complaint only with a sign of blame."""

from __future__ import annotations

import pytest

import mendkit
from mendkit import Conversation


def _evidence(text: str, before: str | None = None) -> list[tuple[str, str]]:
    context = (before,) if before is not None else ()
    return [(e.label, e.text)
            for e in mendkit.check(text, mode="rules", context=context).evidence]


def _labels(text: str, before: str | None = None) -> set[str]:
    return {label for label, _ in _evidence(text, before)}


# N1: friendly praise, self-mockery and plain plans are not contempt.
WARM_CHAT = [
    ("Sam", "I tried to make a cake and it came out looking like a hat lol"),
    ("Ria", "haha you're so funny 😂"),
    ("Sam", "I fixed your wifi btw, it was the router plug"),
    ("Ria", "Oh wow, you're a genius"),
    ("Sam", "Silly me for thinking the shop opened at nine, it's ten on Sundays."),
    ("Ria", "Sure, because her car is in the garage, I'll pick her up on the way."),
    ("Sam", "Perfect, see you then!"),
]


def test_a_warm_chat_has_no_contempt_and_no_episode() -> None:
    analysis = mendkit.analyze(Conversation.from_turns(WARM_CHAT), mode="rules")
    confronting = [t.index for t in analysis.turns if "rupture.confrontation" in t.labels]
    assert confronting == []
    assert analysis.episodes == ()


@pytest.mark.parametrize(("text", "before"), [
    ("Of course, because your birthday is on Saturday we'll do dinner Friday.",
     "Are we doing anything for my birthday?"),
    ("Wow, you're hilarious!", "Why did the chicken join a band? Drumsticks."),
    ("haha you're so funny 😂", "I tried to make a cake and it came out looking like a hat lol"),
])
def test_praise_and_plans_are_not_sarcasm(text: str, before: str) -> None:
    assert "rupture.confrontation" not in _labels(text, before)


# N4: excludes that hid a real denial or a real complaint.
TENSION = "You forgot to pick up Mia from school. Again."


@pytest.mark.parametrize("text", [
    "Do whatever you like I don't care.",
    "I don't care, and I do mean that.",
])
def test_a_plain_i_dont_care_is_denial(text: str) -> None:
    assert ("rupture.withdrawal", "I don't care") in _evidence(text, TENSION)


@pytest.mark.parametrize("text", [
    "I can see why you feel hurt, it looks like I don't care, and I do.",
    "You act like I don't care about this family.",
])
def test_a_hypothetical_i_dont_care_is_not_denial(text: str) -> None:
    assert "rupture.withdrawal" not in _labels(text, TENSION)


def test_owning_one_clause_does_not_hide_a_complaint_in_the_next() -> None:
    evidence = _evidence("I didn't react when you said it, but you said you'd stop doing that.")
    assert [text for label, text in evidence if label == "rupture.confrontation"] == [
        "you said you'd"]


def test_owning_an_act_when_they_spoke_is_still_no_complaint() -> None:
    labels = _labels("I cut you off when you said you were scared, and I'm sorry.")
    assert "rupture.confrontation" not in labels


# N5: grief and loneliness are feelings; score-keeping is not.
@pytest.mark.parametrize("text", [
    "I feel like I'm the only one in my family who still misses him, and it's really lonely.",
    "It feels like I'm always the one holding it together for everyone and I'm exhausted and "
    "scared.",
])
def test_a_lonely_disclosure_is_a_feeling(text: str) -> None:
    assert "repair.feeling" in _labels(text, "How are you holding up since the funeral?")


@pytest.mark.parametrize("text", [
    "You could have texted. It feels like I'm always the one making the effort.",
    "It feels like I'm always the one who has to say sorry first.",
])
def test_score_keeping_is_not_a_feeling(text: str) -> None:
    assert "repair.feeling" not in _labels(text)
