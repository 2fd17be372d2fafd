"""Round 18: the critic counts a request said as a wish ("I'd like you to ...", "I'd like her to
...", "What I'd love is for us to ..."), in both modes, and no wish that asks for nothing ("I'd
like you to know I'm sorry"); and an issue is shown once, not once per rule that found it."""

from __future__ import annotations

import pytest

import mendkit
from mendkit.critic import MISSING_NOTE

WISHES = [
    "I'm sorry I snapped at you. I'd like you to tell me when you need space.",
    "I'd like you to tell me when you need space.",
    "I'd like her to call me before she comes over.",
    "I'm sorry I got so upset. I'd like him to ask me before he borrows the car.",
    "What I'd love is for us to have dinner together on Sundays.",
    "What I'd really like is for you to check in with me when plans change.",
    "I would love it if we could walk together after dinner.",
    "I'd prefer that you text me if you're running late.",
]


@pytest.mark.parametrize("mode", ["full", "rules"])
@pytest.mark.parametrize("text", WISHES)
def test_a_wish_that_asks_for_something_is_a_request(text: str, mode: str) -> None:
    result = mendkit.check(text, mode=mode)  # type: ignore[arg-type]
    assert result.components["request"]
    assert not any(n.startswith(MISSING_NOTE) and "request" in n for n in result.notes)


def test_the_request_raises_the_score() -> None:
    plain = mendkit.check("I'm sorry I snapped at you.", mode="rules").repair_quality
    asked = mendkit.check("I'm sorry I snapped at you. I'd like you to tell me when you need "
                          "space.", mode="rules").repair_quality
    assert asked > plain


@pytest.mark.parametrize("text", [
    "I'd like you to know how sorry I am.",
    "I'd like you to know I'm sorry.",
    "I'd like her to understand that I was scared.",
    "I'd love for you to grow up for once.",
    "I appreciate you so much.",
    "I love you to bits.",
    "I'd like you to send me the report by Friday.",
    "I want you to know I'm sorry.",
])
@pytest.mark.parametrize("mode", ["full", "rules"])
def test_a_wish_that_asks_for_no_change_is_no_request(text: str, mode: str) -> None:
    assert not mendkit.check(text, mode=mode).components["request"]  # type: ignore[arg-type]


NO_THEN_PUSH = [
    ("No, I don't want to come over tonight.",
     "come on, just come over. don't be like that, you're being so uptight"),
    ("Not tonight, I'm tired.", "Come on, just come over. Don't be like that."),
]


@pytest.mark.parametrize("mode", ["full", "rules"])
@pytest.mark.parametrize(("before", "text"), NO_THEN_PUSH)
def test_pressure_past_a_no_is_one_issue_over_all_its_words(before: str, text: str,
                                                            mode: str) -> None:
    result = mendkit.check(text, context=[before], mode=mode)  # type: ignore[arg-type]
    said = [(i.kind, i.message) for i in result.issues]
    assert len(said) == len(set(said)), said
    pressure = [i for i in result.issues if i.kind == "pressure"]
    assert len(pressure) == 1
    flagged = text[pressure[0].start:pressure[0].end].lower()
    assert "come over" in flagged and "be like that" in flagged


def test_words_that_press_are_not_also_called_a_fair_complaint() -> None:
    text = "Come on, just one drink, don't be boring, you said you'd think about it"
    result = mendkit.check(text, context=["No, I don't want to go out tonight."], mode="rules")
    spans = [(i.start, i.end) for i in result.issues]
    assert not any(a < d and c < b for n, (a, b) in enumerate(spans) for c, d in spans[n + 1:])
    assert "pressure" in [i.kind for i in result.issues]


def test_two_verdicts_in_two_sentences_stay_two_issues() -> None:
    result = mendkit.check("You always interrupt. You never help.", mode="rules")
    assert [i.kind for i in result.issues].count("always_never") == 2
