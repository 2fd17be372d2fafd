"""Round 14, the coach and a rule's crisis sign said as a joke (tester t6, P8): "i wanted to kms
lol" about a teacher reading a poem out, or "kms lol i forgot my pe kit again", no longer ends
the session outright. The coach shows where help is and asks the gentle risk question a sign only
the model saw gets; a clear no goes on with the answer kept (never quoted in the draft), and a
yes, not sure or help stops as before. A sign said in earnest ("kms fr not joking", "kms i mean
it"), one with a plan or a means, and self-harm or danger from someone else still stop at once.

A report of being told by others to kill oneself ("someone in the gc said i should kys", P6) is a
sign too, checked the same way: the words are someone else's.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mendkit.cli.main import main
from mendkit.coach.content import PROMPTS, RISK_NO, RISK_QUESTION, RISK_QUESTION_AGAIN
from mendkit.coach.driver import offered_draft
from mendkit.coach.machine import EventType, State
from mendkit.coach.safety_gate import screened
from mendkit.coach.session import Session
from mendkit.coach.store import SessionStore

TO_WHAT = ["", "yes", "mr price", "work"]
POEM = ("mr price read my poem out to the class and laughed. everyone laughed. i wanted to kms "
        "lol. i walked out of class")
NOTICED = "my face went hot and i couldnt breathe properly"
CRISIS_STOP = PROMPTS[State.STOPPED_CRISIS]
RESOURCES = "If you need someone now:"


def _session(tmp_path: Path, answers: list[str], capsys: pytest.CaptureFixture[str],
             *extra: str) -> tuple[Session, str]:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    assert main(["coach", "--answers", str(path), *extra]) == 0
    store = SessionStore(tmp_path / "mend-home")
    return store.load(store.ids()[-1]), capsys.readouterr().out


_JOKES = [
    POEM,
    "kms lol i forgot my pe kit again",
    "i forgot my pe kit AGAIN 💀 kms",
    "honestly wanted to die when he read it out 😂",  # "honestly" says it is meant
    "i want to die lmao the whole class saw",
]


@pytest.mark.parametrize("text", [t for t in _JOKES if "honestly" not in t])
def test_a_rule_sign_said_as_a_joke_is_checked_first(text: str) -> None:
    found = screened(text, mode="rules")
    assert found.stop is EventType.CRISIS and not found.model_only
    assert found.asked_first and found.checked


_MEANT = [
    "kms fr not joking",
    "kms i mean it lol",
    "honestly wanted to die when he read it out 😂",
    "lol im going to kill myself tonight",
    "kms lol i have the pills ready",
    "i cut again last night lol",
    "he hits me lol",
    "i want to kms",
    "kms lol. i really want to die, every day",
]


@pytest.mark.parametrize("text", _MEANT)
def test_a_sign_in_earnest_with_a_plan_or_of_another_kind_stops_at_once(text: str) -> None:
    found = screened(text, mode="rules")
    assert found.stop is not None, text
    assert not found.asked_first and not found.checked, text


def test_the_joke_gets_the_question_with_where_help_is(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    session, out = _session(tmp_path, [*TO_WHAT, POEM], capsys, "--region", "GB")
    assert session.state is State.CONFIRM_RISK
    assert RISK_QUESTION in out and CRISIS_STOP not in out
    assert RESOURCES in out and "116 123" in out  # where help is, before the question
    assert out.index(RESOURCES) < out.rindex(RISK_QUESTION)
    assert session.check.get("answer") == POEM


def test_a_clear_no_goes_on_and_the_joke_is_not_quoted(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = [*TO_WHAT, POEM, "no", NOTICED, "", "3", "skip", "yes",
               "i walked out without saying anything", "skip",
               "ask before reading my work out loud"]
    session, out = _session(tmp_path, answers, capsys)
    assert RISK_NO in out and CRISIS_STOP not in out
    assert session.answers["recognise_what"] == POEM
    assert "recognise_what" in session.withheld
    assert session.state is State.RESPONSIBILITY_DRAFT
    assert "kms" not in offered_draft(session)


@pytest.mark.parametrize("reply", ["yes", "not sure", "help"])
def test_a_yes_to_the_check_stops(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                  reply: str) -> None:
    session, out = _session(tmp_path, [*TO_WHAT, POEM, reply, NOTICED], capsys)
    assert session.state is State.STOPPED_CRISIS and CRISIS_STOP in out
    assert PROMPTS[State.RECOGNISE_NOTICED] not in out


@pytest.mark.parametrize("text", ["kms fr not joking", "i wanted to kms, i mean it"])
def test_a_sign_in_earnest_still_ends_the_session(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str) -> None:
    session, out = _session(tmp_path, [*TO_WHAT, text, "no"], capsys)
    assert session.state is State.STOPPED_CRISIS and CRISIS_STOP in out
    assert RISK_QUESTION not in out


def test_a_later_joke_is_asked_about_again_after_a_no(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A rule's sign is never passed over unasked: after a no, a new answer is asked about again,
    # in the shorter words for someone who has said no once, with the resources again.
    session, out = _session(tmp_path, [*TO_WHAT, POEM, "no", "i wanted to die lol"], capsys)
    assert session.state is State.CONFIRM_RISK
    assert out.count(RISK_QUESTION) == 1 and RISK_QUESTION_AGAIN in out
    assert out.count(RESOURCES) == 2


def test_being_told_to_kys_is_checked_gently(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    told = "they made a whole gc just to make fun of me. someone said i should kys"
    found = screened(told, mode="rules")
    assert found.stop is EventType.CRISIS and found.asked_first
    session, out = _session(tmp_path, ["", "yes", "the gc", "friend", told], capsys)
    assert session.state is State.CONFIRM_RISK and RESOURCES in out and CRISIS_STOP not in out
    # Agreeing with them is a sign of one's own: it stops.
    agreed = "everyone in the gc keeps telling me to kys and i kind of think they're right"
    assert not screened(agreed, mode="rules").asked_first
