"""Round 9: reported words in a clause that hangs on another end at its comma ("When you said I
was lazy, I felt small" says a feeling now); the rules' new non-apology and always/never cases."""

from __future__ import annotations

import pytest

import mendkit


def _evidence(text: str) -> dict[str, str]:
    return {e.label: e.text for e in mendkit.check(text, mode="rules").evidence}


@pytest.mark.parametrize(("text", "feeling"), [
    ("When you said I was lazy, I felt really small.", "I felt really small"),
    ("when you told me you were leaving, i felt sick", "i felt sick"),
    ("When you said I was lazy I felt really small.", "I felt really small"),  # no comma
])
def test_a_feeling_after_a_when_clause_is_the_speakers_own(text: str, feeling: str) -> None:
    assert _evidence(text).get("repair.feeling") == feeling


@pytest.mark.parametrize("text", [
    "She told me I felt really small back then.",
    "He said I feel ignored by you, which is rich.",
])
def test_a_plain_report_still_reports(text: str) -> None:
    assert "repair.feeling" not in _evidence(text)


def test_standing_by_what_one_said_takes_the_apology_back() -> None:
    result = mendkit.check("I'm sorry for my part in this but i stand by what i said",
                           mode="rules")
    assert "rupture.invalidation" in result.labels
    assert "repair.responsibility" not in result.labels


def test_you_never_deserved_that_is_not_a_verdict_on_them() -> None:
    result = mendkit.check("I was wrong. You never deserved that. I'm sorry.", mode="rules")
    assert "rupture.confrontation" not in result.labels
    assert not [i for i in result.issues if i.kind == "always_never"]


@pytest.mark.parametrize("text", ["You never deserved me.",
                                  "You never deserved that, you never do anything right anyway."])
def test_a_verdict_next_to_never_deserved_is_still_one(text: str) -> None:
    assert "rupture.confrontation" in mendkit.check(text, mode="rules").labels


@pytest.mark.parametrize(("text", "asks"), [("Can you call me next time?", True),
                                                ("Could you text me first from now on?", True),
                                                ("How would you do it next time?", False)])
def test_a_could_you_for_next_time_is_a_request(text: str, asks: bool) -> None:
    assert ("repair.request" in mendkit.check(text, mode="rules").labels) is asks


@pytest.mark.parametrize(("text", "crisis"), [("I made a plan for dinner.", False),
                                               ("I've got a plan to apologise to her tomorrow.",
                                                False),
                                               ("I have a plan.", True),
                                               ("I made a plan for tonight.", True),
                                               ("I have a plan to end it.", True)])
def test_an_everyday_plan_is_not_a_crisis_plan(text: str, crisis: bool) -> None:
    assert mendkit.check(text, mode="rules").risk.crisis is crisis
