"""Round fifteen: control and manipulation in the words of therapy and repair.

A "boundary" that rules what the other may do, whom they may see, or that they be tracked is
control; a diagnosis used to set their words aside is talking down; a feeling granted and taken
back is no validation; DARVO's reversal is no admission. Real limits and a time-out with a return
stay clean. A rewrite drops the push to end the talk, and keeps every time, date and amount.
"""

from __future__ import annotations

import pytest

from mendkit.critic import critique
from mendkit.model import CheckResult

MODES = ("rules", "full")


def check(text: str, mode: str) -> CheckResult:
    return critique(text, mode=mode)  # type: ignore[arg-type]


def kinds(result: CheckResult) -> set[str]:
    return {i.kind for i in result.issues}


def repair_labels(result: CheckResult) -> set[str]:
    return {label for label in result.labels if label.startswith("repair.") or label == "reconnect"}


# 1. Therapy-speak control gets a label and an issue that names it.
CONTROL = [
    "I'm setting a boundary: you don't see your sister anymore. She's toxic and I'm protecting my "
    "peace.",
    "It's a boundary of mine that you text me back within ten minutes. If you respect me, you'll "
    "honour that.",
    "I just worry about you. That's why I need your location on at all times. It's because I care.",
]
DIAGNOSIS = [
    "You're dysregulated. When you can speak to me in a regulated way we can talk about why "
    "you're 'hurt'.",
    "My therapist says you're a narcissist, so I don't really think your side of this is worth "
    "hearing.",
]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("text", CONTROL)
def test_a_boundary_that_rules_the_other_is_named_as_control(text: str, mode: str) -> None:
    result = check(text, mode)
    assert any(e.label == "rupture.confrontation" and e.subtype == "pressure"
               and e.source.startswith("rule:") for e in result.evidence)
    if not result.risk.crisis:  # safety first: a crisis reading shows resources instead
        control = [i for i in result.issues if i.kind == "pressure"]
        assert control and "control" in control[0].message
        assert "boundary says what you will do" in control[0].suggestion.lower()
    assert not repair_labels(result)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("text", DIAGNOSIS)
def test_a_diagnosis_that_sets_their_words_aside_is_talking_down(text: str, mode: str) -> None:
    result = check(text, mode)
    assert "rupture.invalidation" in result.labels
    assert {"condescension", "dismissing"} & kinds(result)
    assert any("diagnosis" in i.message for i in result.issues)
    assert not repair_labels(result)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("text", [
    "I won't discuss this while we're shouting.",
    "I'm not going to lend money again.",
    "I need you not to read my phone.",
])
def test_a_real_limit_stays_clean(text: str, mode: str) -> None:
    result = check(text, mode)
    assert not [label for label in result.labels if label.startswith("rupture.")]
    assert not result.issues


# 2. Manipulation is not labelled as repair.
@pytest.mark.parametrize("mode", MODES)
def test_darvo_is_not_an_admission(mode: str) -> None:
    text = ("After all the sacrifices I've made, you want to sit there and tell me I hurt YOU? "
            "Unbelievable.")
    result = check(text, mode)
    assert "repair.responsibility" not in result.labels
    assert not result.components["ownership"]
    assert "rupture.invalidation" in result.labels


@pytest.mark.parametrize("mode", MODES)
def test_a_validation_taken_back_is_no_validation(mode: str) -> None:
    text = ("I hear that you feel hurt. I also think you're projecting your attachment issues "
            "onto me, and that's not my responsibility.")
    result = check(text, mode)
    assert "repair.validate" not in result.labels
    assert not result.components["validation"]
    assert result.issues


@pytest.mark.parametrize("mode", MODES)
def test_feelings_not_based_in_reality_is_invalidation_not_a_request(mode: str) -> None:
    text = ("I validate your feelings. They're just not based in reality, and I need you to do "
            "your own work on that.")
    result = check(text, mode)
    assert "rupture.invalidation" in result.labels
    assert "repair.request" not in result.labels
    assert "dismissing" in kinds(result)


@pytest.mark.parametrize("mode", MODES)
def test_good_girl_after_gaslighting_is_talking_down_not_reconnection(mode: str) -> None:
    context = ["That never happened. You're remembering it wrong, like you always do.",
               "Maybe. I'm sorry. I don't know what's wrong with me."]
    result = critique("Good girl. Love you.", mode=mode, context=context)  # type: ignore[arg-type]
    assert "reconnect" not in result.labels
    assert "condescension" in kinds(result)


@pytest.mark.parametrize("mode", MODES)
def test_refusing_to_say_where_you_were_is_withdrawal_not_a_request(mode: str) -> None:
    text = ("I'm choosing to protect my energy, which means I won't be answering questions about "
            "where I was last night.")
    result = check(text, mode)
    assert "rupture.withdrawal" in result.labels
    assert "repair.request" not in result.labels
    if not result.risk.crisis:
        assert "withdrawal" in kinds(result)


# 3. A sincere time-out with a return time is no withdrawal.
@pytest.mark.parametrize("mode", MODES)
def test_a_time_out_with_a_return_is_not_withdrawal(mode: str) -> None:
    text = ("I'm not going to discuss this while we're shouting. I'm going to take twenty "
            "minutes and then I'll come back so we can talk.")
    result = check(text, mode)
    assert "rupture.withdrawal" not in result.labels
    assert not result.issues


@pytest.mark.parametrize("mode", MODES)
def test_closing_the_talk_with_no_return_stays_withdrawal(mode: str) -> None:
    result = check("I'm not discussing this.", mode)
    assert "rupture.withdrawal" in result.labels
    assert "withdrawal" in kinds(result)


# 4. Rewrites drop the push to end the talk; the issue text fits the words.
@pytest.mark.parametrize("mode", MODES)
def test_a_rewrite_does_not_keep_can_we_drop_it(mode: str) -> None:
    text = "Okay I apologise. Can we drop it now? You're ruining the whole weekend by dwelling on it."
    result = check(text, mode)
    assert "pressure" in kinds(result)
    assert result.rewrite is None or "drop it" not in result.rewrite.lower()


@pytest.mark.parametrize("mode", MODES)
def test_counting_apologies_is_no_fair_complaint(mode: str) -> None:
    text = ("I've apologised like five times now, why are you still upset? At this point you're "
            "just punishing me.")
    result = check(text, mode)
    assert "complaint" not in kinds(result)
    assert not any("complaint is fair" in i.message for i in result.issues)
    assert "pressure" in kinds(result)
    assert result.rewrite is None or "still upset" not in result.rewrite


@pytest.mark.parametrize("mode", MODES)
def test_the_reversal_is_named_and_no_sorry_is_claimed(mode: str) -> None:
    text = ("I can't believe you'd accuse me of that after everything I do for you. I'm the one "
            "who's hurt here.")
    result = check(text, mode)
    assert result.issues
    assert not any("says sorry" in i.message for i in result.issues)
    assert any("turns their hurt round" in i.message for i in result.issues)
    assert "repair.feeling" not in result.labels


# 5. A rewrite keeps every time, date and amount exactly.
ARRANGED = [
    ("Sorry you feel that way, but I'll still be collecting them at 10am on Saturday 14 June, and "
     "the \u00a3125 for swimming is due by the 20th.",
     ["10am", "Saturday 14 June", "\u00a3125", "the 20th"]),
    ("Sorry you feel that way, but you're still dropping them at 6pm on Friday 6th.",
     ["6pm", "Friday 6th"]),
    ("I'm sorry if you were upset. Pick-up is at 3.15pm on Friday, and the trip is \u00a340.",
     ["3.15pm", "Friday", "\u00a340"]),
    ("Sorry you took it that way, though the dentist is at 4.30 on Tuesday 3rd.",
     ["4.30", "Tuesday 3rd"]),
]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("text", "kept"), ARRANGED)
def test_a_rewrite_keeps_every_time_date_and_amount(text: str, kept: list[str], mode: str) -> None:
    result = check(text, mode)
    assert result.rewrite is not None
    for words in kept:
        assert words in result.rewrite
    assert "but" not in result.rewrite.lower().split()
