"""Round 14, the coach's risk check in a long session: once the person has answered a clear "no",
the same words are not asked about again; a new answer with a sign only the model saw is asked
about again, in a shorter wording that says why (the re-run tester: "everyone would be better off
if I killed myself" passed unasked after a "no"). After a second no the answer is kept as one
checked. A rule's sign still stops at once, before and after a "no". An unclear answer (a
number, a word meant for another question) is asked once more; after that, where help is is
shown with the question again: the session is not ended, and goes on only after a clear no.
Yes, not sure, help or an answer with signs of its own still stop."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach_kit import coached
from mendkit.coach.content import (
    PROMPTS,
    RISK_AGAIN,
    RISK_NO,
    RISK_QUESTION,
    RISK_QUESTION_AGAIN,
)
from mendkit.coach.machine import State

# Ordinary answers the shipped model reads as a crisis, with no rule behind it (the first is
# round eleven's; the second is a betrayed partner's, from the round-14 tester). Since round
# sixteen such a sign is asked about only when worth asking (``safety_gate.worth_asking``): the
# first ends "I've had enough", which could tell of despair; the second is asked about at the
# steps where the model still reads it as a crisis after their question.
SOCKS = "My husband leaves his socks everywhere and I've had enough"
AFFAIR = ("Three weeks ago I found out Sam had an affair for eight months. Tonight she said she "
          "needs me to forgive her so we can move on, and I called her a liar and a coward and "
          "went to the spare room.")
# A sign no rule reads that the model does, even read after "What happened?".
PILLS = "I've started counting how many pills are in the cupboard"
TO_WHAT = ["", "yes", "Sam", "partner"]
NOTICED = "I felt tired and he went quiet"
CRISIS_STOP = PROMPTS[State.STOPPED_CRISIS]
RESOURCES = "If you need someone now:"




def test_the_model_reads_these_answers_as_a_crisis_sign_with_no_rule() -> None:
    from mendkit.coach.safety_gate import screen
    for text in (SOCKS, AFFAIR):
        stop, model_only = screen(text, mode="full")
        assert stop is not None and model_only, text


def test_after_a_clear_no_a_new_model_only_sign_is_asked_again_then_kept_as_checked(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Since round eighteen "new" means a new kind: words of a means (or death) that the answer
    # they said no about did not have; the same misreading again (AFFAIR) is not asked about.
    session, out = coached(tmp_path, [*TO_WHAT, SOCKS, "no", PILLS, "no", ""], capsys)
    assert out.count(RISK_QUESTION) == 1 and out.count(RISK_QUESTION_AGAIN) == 1
    assert session.state is State.REGULATE_CHECK  # went on past the noticed step
    assert session.answers["recognise_noticed"] == PILLS
    # Kept as an answer the check passed: quoted only when it passes every screen.
    assert "recognise_noticed" in session.withheld and "recognise_what" in session.withheld


def test_after_a_clear_no_the_same_kind_of_model_only_sign_is_kept_unasked(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    session, out = coached(tmp_path, [*TO_WHAT, SOCKS, "no", AFFAIR, ""], capsys)
    assert out.count(RISK_QUESTION) == 1 and RISK_QUESTION_AGAIN not in out
    assert session.state is State.REGULATE_CHECK
    assert session.answers["recognise_noticed"] == AFFAIR
    assert "recognise_noticed" in session.withheld  # kept as checked: quoted only if it passes


def test_before_any_no_the_model_only_sign_is_still_checked(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    session, out = coached(tmp_path, [*TO_WHAT, PILLS], capsys)
    assert session.state is State.CONFIRM_RISK and RISK_QUESTION in out


@pytest.mark.parametrize("sign", ["I want to kill myself", "sometimes I think everyone would be "
                                  "better off without me", "he hits me when he drinks"])
def test_a_rule_sign_after_a_no_still_stops_at_once(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], sign: str) -> None:
    session, out = coached(tmp_path, [*TO_WHAT, SOCKS, "no", sign, "no"], capsys)
    assert session.state in (State.STOPPED_CRISIS, State.STOPPED_UNSAFE)
    assert out.count(RISK_QUESTION) == 1  # no question: a rule's sign stops
    assert RISK_QUESTION_AGAIN not in out
    assert PROMPTS[State.RECOGNISE_MESSAGES] not in out


@pytest.mark.parametrize("reply", ["4", "skip", "keep", "angry"])
def test_an_unclear_answer_is_asked_again_and_never_ends_thecoached(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], reply: str) -> None:
    session, out = coached(tmp_path, [*TO_WHAT, SOCKS, reply, reply], capsys)
    assert session.state is State.CONFIRM_RISK
    assert out.count(RISK_QUESTION) == 3 and out.count(RISK_AGAIN) == 2
    assert RESOURCES in out  # after the second, where help is
    assert out.index(RESOURCES) > out.index(RISK_AGAIN)
    assert CRISIS_STOP not in out and PROMPTS[State.RECOGNISE_NOTICED] not in out
    assert session.check.get("answer") == SOCKS  # nothing the person wrote is lost


def test_after_unclear_answers_a_clear_no_goes_on(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    session, out = coached(tmp_path, [*TO_WHAT, SOCKS, "4", "0", "no", NOTICED], capsys)
    assert RISK_NO in out and CRISIS_STOP not in out
    assert session.state is State.RECOGNISE_MESSAGES
    assert session.answers["recognise_what"] == SOCKS


@pytest.mark.parametrize("then", ["yes", "not sure", "help", "maybe", "I want to kill myself"])
def test_after_an_unclear_answer_a_yes_or_a_sign_still_stops(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], then: str) -> None:
    session, out = coached(tmp_path, [*TO_WHAT, SOCKS, "4", then, NOTICED], capsys)
    assert session.state is State.STOPPED_CRISIS and CRISIS_STOP in out
    assert PROMPTS[State.RECOGNISE_NOTICED] not in out
