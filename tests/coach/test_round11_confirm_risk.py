"""Round 11, the coach's risk check: a crisis sign only the learned model saw (no rule matched) is
checked with the person before the coach stops (VERA-MH: detect, then confirm the risk). "No"
goes on with the answer kept; "yes", "not sure", "help" or an answer with signs of its own stop
with the resources (a second unclear answer shows them and asks again, since round fourteen); a
rule's sign still stops at once, with no question."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mendkit.cli.main import main
from mendkit.coach.content import PROMPTS, RISK_NO, RISK_QUESTION
from mendkit.coach.driver import offered_draft
from mendkit.coach.machine import Event, EventType, InvalidTransition, State, advance
from mendkit.coach.session import Session

# The tester's ordinary answer that the shipped model reads as a crisis (0.99), with no rule.
# Since round sixteen it ends "I've had enough": a sign only the model saw is asked about only
# when worth asking (``safety_gate.worth_asking``), and these words could tell of despair.
SOCKS = "My husband leaves his socks everywhere and I've had enough"
TO_WHAT = ["", "yes", "Sam", "partner"]
NOTICED = "I felt tired and he went quiet"
CRISIS_STOP = PROMPTS[State.STOPPED_CRISIS]
RESOURCES = "If you need someone now:"


def _run(tmp_path: Path, answers: list[str], *extra: str) -> Session:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    assert main(["coach", "--answers", str(path), *extra]) == 0
    files = list((tmp_path / "mend-home" / "coach" / "sessions").glob("*.json"))
    assert len(files) == 1
    return Session.from_json(files[0].read_text(encoding="utf-8"))


def test_a_sign_only_the_model_saw_is_checked_before_anything_stops(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    session = _run(tmp_path, [*TO_WHAT, SOCKS])
    out = capsys.readouterr().out
    assert session.state is State.CONFIRM_RISK
    assert RISK_QUESTION in out
    assert CRISIS_STOP not in out


def test_no_goes_on_and_keeps_the_answer(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    session = _run(tmp_path, [*TO_WHAT, SOCKS, "no", NOTICED])
    out = capsys.readouterr().out
    assert RISK_NO in out and CRISIS_STOP not in out
    assert session.state is State.RECOGNISE_MESSAGES  # the next questions were asked
    assert session.answers["recognise_what"] == SOCKS
    assert session.answers["recognise_noticed"] == NOTICED
    assert session.check == {}


def test_the_kept_answer_is_not_quoted_in_the_draft(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Since round twelve an answer kept through the check with a clear "no" is quoted only when
    # it passes every screen of the draft (threats, fear of the other person, self-blame for
    # their harm, contempt): a plain complaint about socks does, so the apology and the account
    # are not cut from the message (test_round12_draft_screen guards the disclosures that stay out).
    answers = [*TO_WHAT, SOCKS, "no", NOTICED, "", "3", "skip", "yes",
               "I snapped at him about it", "skip", "I'd like us to share the tidying"]
    session = _run(tmp_path, answers)
    out = capsys.readouterr().out
    assert session.state is State.RESPONSIBILITY_DRAFT
    draft = offered_draft(session)
    assert "socks" in draft and draft in out and "tidying" in draft
    assert "checked with you" not in out


@pytest.mark.parametrize("reply", ["yes", "not sure", "help", "maybe"])
def test_yes_not_sure_or_help_stop_with_the_resources(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], reply: str) -> None:
    session = _run(tmp_path, [*TO_WHAT, SOCKS, reply, NOTICED])
    out = capsys.readouterr().out
    assert session.state is State.STOPPED_CRISIS
    assert CRISIS_STOP in out and RESOURCES.split(":", maxsplit=1)[0] in out
    assert PROMPTS[State.RECOGNISE_NOTICED] not in out


def test_an_unclear_answer_is_asked_once_more_then_shows_the_resources(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Since round fourteen a second unclear answer shows where help is and asks again: the
    # session is not ended (and does not go on) until a clear answer.
    session = _run(tmp_path, [*TO_WHAT, SOCKS, "what do you mean", "I don't get it"])
    out = capsys.readouterr().out
    assert out.count(RISK_QUESTION) == 3
    assert session.state is State.CONFIRM_RISK and CRISIS_STOP not in out
    assert RESOURCES in out


def test_an_answer_to_the_check_with_signs_of_its_own_stops(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    session = _run(tmp_path, [*TO_WHAT, SOCKS, "no, but he hits me when he drinks"])
    assert session.state is State.STOPPED_UNSAFE
    assert "Some things that can help you stay safe:" in capsys.readouterr().out


def test_a_rule_sign_still_stops_at_once(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    session = _run(tmp_path, [*TO_WHAT, "I want to kill myself", "no"])
    out = capsys.readouterr().out
    assert session.state is State.STOPPED_CRISIS
    assert RISK_QUESTION not in out and CRISIS_STOP in out


def test_a_no_to_the_safety_question_still_stops_at_once(tmp_path: Path) -> None:
    assert _run(tmp_path, ["", "no"]).state is State.STOPPED_UNSAFE


def test_resume_in_the_middle_of_the_check(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    first = _run(tmp_path, [*TO_WHAT, SOCKS])
    assert first.state is State.CONFIRM_RISK
    capsys.readouterr()
    session = _run(tmp_path, ["no", NOTICED], "--resume", first.id)
    out = capsys.readouterr().out
    assert RISK_QUESTION in out and RISK_NO in out
    assert session.answers["recognise_what"] == SOCKS
    assert session.state is State.RECOGNISE_MESSAGES


def test_a_session_saved_before_the_check_still_loads() -> None:
    old = {"format": 1, "id": "abc123abc123", "state": "recognise_what",
           "answers": {"recognise_who": "Sam"}, "path": [["welcome", "begin"]], "settings": {}}
    session = Session.from_dict(old)
    assert session.check == {} and session.state is State.RECOGNISE_WHAT
    assert "check" not in session.to_dict()


def test_the_check_survives_saving_and_no_returns_to_its_step() -> None:
    session = Session(id="abc123abc123", state=State.RECOGNISE_WHAT).apply(
        Event(EventType.CHECK_RISK, SOCKS, {"stop": "crisis"}))
    again = Session.from_json(session.to_json())
    assert again.state is State.CONFIRM_RISK and again.held_answer() == SOCKS
    back = again.apply(Event(EventType.NO_RISK, "no"))
    assert back.state is State.RECOGNISE_WHAT and back.check == {}


def test_no_risk_goes_back_only_to_a_step_a_check_can_come_from() -> None:
    assert advance(State.CONFIRM_RISK, Event(EventType.NO_RISK, "openness")) is State.OPENNESS
    for value in ("x", "done", "stopped_crisis", "confirm_risk", None):
        with pytest.raises(InvalidTransition):
            advance(State.CONFIRM_RISK, Event(EventType.NO_RISK, value))
    with pytest.raises(InvalidTransition):
        advance(State.RECOGNISE_WHAT, Event(EventType.NO_RISK, "recognise_what"))
