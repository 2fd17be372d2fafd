"""Round thirteen: replies typed with misspellings and textspeak (the misspelling report, problem
2). At the coach's risk check only a clear no goes on: a misspelled hedge ("not shure", "not rly",
"i dont no" for "I don't know") is a "not sure" and stops, and a line that is no answer to the
question ("u never care", a pasted chat) is asked again, never taken as a no. Elsewhere the
same misspelled "I don't know" is a "not sure" too, in the one-person coach and in two-person
mode alike."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mendkit.cli.main import main
from mendkit.coach import pair
from mendkit.coach.content import PROMPTS, RISK_AGAIN, RISK_NO, RISK_QUESTION
from mendkit.coach.machine import State
from mendkit.coach.replies import declines, hedged, risk_reply, yes_or_no
from mendkit.coach.session import Session

# The ordinary answer the shipped model reads as a crisis, with no rule (as in round eleven).
# Since round sixteen it ends "I've had enough": a sign only the model saw is asked about only
# when worth asking (``safety_gate.worth_asking``), and these words could tell of despair.
SOCKS = "My husband leaves his socks everywhere and I've had enough"
TO_WHAT = ["", "yes", "Sam", "partner"]
NOTICED = "I felt tired and he went quiet"
CRISIS_STOP = PROMPTS[State.STOPPED_CRISIS]

# The tester's replies that were read as a plain no, and a few more written for this test.
MISSPELLED_UNSURE = ["i dont no", "dont no tbh", "i dont no tbh", "idk tbh", "i dnt kno",
                     "not shure", "not shure tbh", "nt sure", "im not shure", "dunno",
                     "i duno", "no clue", "no idea tbh"]
MISSPELLED_HEDGES = ["not realy", "not relly", "not rly", "not rlly", "no not rly",
                     "nah not rly", "kinda", "kinda ngl", "sorta", "prolly not", "i gues not",
                     "dont think so", "i dnt think so", "somtimes", "a lil bit", "mayb",
                     "no but sometimes", "no, but kind of", "nope but i think about it"]
# Lines that are no answer to the question: asked once more, then the careful stop.
NOT_AN_ANSWER = ["u never care", "i never said that", "im sorry the bus was late",
                 "Me: ur late agian u never care\nLena: im sorry the bus was late\nMe: whatevr",
                 "no one cares", "nobody listens to me", "what do you mean"]
# A clear no (to "are you thinking of hurting yourself or someone else, or is someone hurting
# or threatening you?").
CLEAR_NO = ["no", "No.", "nope", "nah", "n", "noo", "no never", "never", "no thanks",
            "no I'm not", "no im not", "no, I'm safe", "no im ok", "nah im good", "no, just annoyed",
            "No, I'm just a bit annoyed", "nope, just tired", "I'm ok", "im fine", "I'm safe",
            "all good", "not at all", "of course not", "definitely not", "no way", "hell no",
            "nothing like that", "no, nobody is hurting me", "not me", "non", "nein"]
# Not a no, whatever words of "no" they have: a doubt, a yes, or a fine state denied.
NOT_A_NO = ["I'm not ok", "im not safe", "no, I'm not ok", "no, im not fine", "not good",
            "no and yes", "no... well yes", "no but he scares me", "ya", "yes", "yeah kinda"]


@pytest.mark.parametrize("reply", MISSPELLED_UNSURE)
def test_a_misspelled_i_dont_know_is_not_sure(reply: str) -> None:
    assert yes_or_no(reply) == "not sure"
    assert yes_or_no(reply, safety=True) == "not sure"
    assert risk_reply(reply) == "not sure"


@pytest.mark.parametrize("reply", MISSPELLED_HEDGES)
def test_a_misspelled_hedge_at_the_risk_check_is_not_sure(reply: str) -> None:
    assert risk_reply(reply) == "not sure"


@pytest.mark.parametrize("reply", ["not realy", "not rly", "no not rly", "kinda", "prolly not",
                                   "i gues not", "somtimes"])
def test_a_misspelled_hedge_is_a_hedge(reply: str) -> None:
    assert hedged(reply)


@pytest.mark.parametrize("reply", NOT_AN_ANSWER)
def test_a_line_that_is_no_answer_is_no_clear_no(reply: str) -> None:
    assert risk_reply(reply) is None


@pytest.mark.parametrize("reply", CLEAR_NO)
def test_a_clear_no_is_a_no_at_the_risk_check(reply: str) -> None:
    assert risk_reply(reply) == "no"


@pytest.mark.parametrize("reply", NOT_A_NO)
def test_a_doubt_a_yes_or_a_fine_state_denied_is_not_a_no(reply: str) -> None:
    assert risk_reply(reply) != "no"


@pytest.mark.parametrize("reply", ["i dont no", "dont no tbh", "not shure", "not realy",
                                   "not relly", "not rly", "no not rly", "not shure tbh"])
def test_a_misspelled_hedge_to_the_coach_risk_check_stops(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], reply: str) -> None:
    session = _run(tmp_path, [*TO_WHAT, SOCKS, reply, NOTICED])
    out = capsys.readouterr().out
    assert RISK_QUESTION in out
    assert session.state is State.STOPPED_CRISIS and CRISIS_STOP in out
    assert RISK_NO not in out and PROMPTS[State.RECOGNISE_NOTICED] not in out


@pytest.mark.parametrize("reply", ["u never care", NOT_AN_ANSWER[3]])
def test_a_line_that_is_no_answer_is_asked_again_and_never_taken_as_a_no(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], reply: str) -> None:
    # Since round fourteen: asked again, with where help is, until a clear answer (not ended).
    session = _run(tmp_path, [*TO_WHAT, SOCKS, reply, reply, NOTICED])
    out = capsys.readouterr().out
    assert RISK_AGAIN in out and RISK_NO not in out
    assert session.state is State.CONFIRM_RISK and CRISIS_STOP not in out
    assert PROMPTS[State.RECOGNISE_MESSAGES] not in out


@pytest.mark.parametrize("reply", ["no im ok", "nope", "I'm ok"])
def test_a_clear_no_to_the_coach_risk_check_goes_on(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], reply: str) -> None:
    session = _run(tmp_path, [*TO_WHAT, SOCKS, reply, NOTICED])
    assert RISK_NO in capsys.readouterr().out
    assert session.state is State.RECOGNISE_MESSAGES


@pytest.mark.parametrize("reply", ["i dont no", "not shure", "dunno tbh"])
def test_two_person_mode_reads_a_misspelled_i_dont_know_as_the_careful_answer(
        reply: str) -> None:
    assert pair.yes_or_no(reply) is False
    assert pair.safety_reply(reply) == "unsafe"


def test_a_misspelled_i_dont_know_is_no_refusal_of_an_offer() -> None:
    assert not declines("i dont no")
    assert declines("no thanks")


def _run(tmp_path: Path, answers: list[str]) -> Session:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    assert main(["coach", "--answers", str(path)]) == 0
    files = list((tmp_path / "mend-home" / "coach" / "sessions").glob("*.json"))
    assert len(files) == 1
    return Session.from_json(files[0].read_text(encoding="utf-8"))
