"""Round 11 (second pass), the coach and disclosures of harm: an answer saying the other person
physically harms or threatens the writer ("he grabs my wrist so hard it leaves bruises", "gf keeps
slapping me") stops the repair coaching at once, whatever the model scored; a hedged reply to the
risk check ("not really", "kind of") is a "not sure" and stops; and an abuse stop speaks of danger
from someone else and leads with the abuse line, in the terminal, on the web and in two-person
mode."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mendkit.analysis.safety import crisis_message, resources_for
from mendkit.cli.main import main
from mendkit.coach.content import PROMPTS, RISK_NO, RISK_QUESTION
from mendkit.coach.driver import offered_draft, stop_kinds, stop_words
from mendkit.coach.machine import EventType, State
from mendkit.coach.replies import hedged
from mendkit.coach.safety_gate import fears_or_blames_self, gate
from mendkit.coach.session import Session

TO_WHAT = ["", "yes", "Sam", "partner"]
# Since round sixteen it ends "I've had enough": a sign only the model saw is asked about only
# when worth asking (``safety_gate.worth_asking``), and these words could tell of despair.
SOCKS = "My husband leaves his socks everywhere and I've had enough"
NOTICED = "I got loud, he went quiet"
ABUSE_STOP = PROMPTS[State.STOPPED_UNSAFE]
ABUSE_WORDS = crisis_message(["abuse_danger"])
SUICIDE_WORDS = crisis_message(["suicide"])


def _run(tmp_path: Path, answers: list[str], *extra: str) -> Session:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    assert main(["coach", "--answers", str(path), *extra]) == 0
    files = list((tmp_path / "mend-home" / "coach" / "sessions").glob("*.json"))
    assert len(files) == 1
    return Session.from_json(files[0].read_text(encoding="utf-8"))


HARM = [
    "he grabs my wrist so hard it leaves bruises whenever i try to leave the room",
    "gf keeps slapping me when she's drunk",
    "hes gonna hurt me bad one day i just know it",
    "my boyfriend hit me last night",
    "she pushed me into the wall",
    "he chokes me when we argue",
    "He always grabs my arm when I try to walk away",
    "my husband has been hitting me",
    "you slapped me in front of the kids",
    "bf punched me",
    "he shoved me and I fell",
    "she's going to hurt me if I leave",
    "he threatened to hurt me",
    "he kicked me",
    "my partner keeps pushing me against the wall",
]


@pytest.mark.parametrize("text", HARM)
def test_harm_from_the_other_person_stops_the_repair(text: str) -> None:
    assert gate(text, mode="rules") is EventType.ABUSE


@pytest.mark.parametrize("text", [
    "he hit me up last night to talk",
    "she pushed me to apply for the job",
    "he grabbed me a coffee on the way home",
    "they hit me with a surprise party",
    "she hit me with that joke again",
    "he really pushes my buttons",
    "she pushed me away when I tried to talk",
    "he kicked me out of the group chat",
    "my sister beat me at chess again",
    "he hurt my feelings",
    "she hurt me when she said I was lazy",
    "my wife is going to kill me for forgetting the milk",
    "he threw me a birthday party",
    "she hit me back with a long text",
    "he shook me up with that news",
    "he grabbed my hand and we laughed",
    "she grabbed me by surprise with a hug",
])
def test_ordinary_near_misses_are_no_sign_of_harm(text: str) -> None:
    # The coach's own reading of harm from the other person; the crisis rules have their own
    # exclusions (some of these are their false alarms, reported to the rules' owner).
    assert not fears_or_blames_self(text)


@pytest.mark.parametrize("reply", ["not really", "Not really.", "i guess not", "kind of",
                                   "sort of", "idk", "maybe not", "not exactly",
                                   "i don't think so", "no, not really", "kinda", "probably not",
                                   "sometimes"])
def test_hedged_replies_are_not_a_no(reply: str) -> None:
    assert hedged(reply)


@pytest.mark.parametrize("reply", ["no", "nope", "nah", "n", "no I'm fine", "no, just annoyed",
                                   "No, I'm just a bit annoyed", "nope, just tired",
                                   "no, he just kind of sulks"])
def test_a_plain_no_is_no_hedge(reply: str) -> None:
    assert not hedged(reply)


@pytest.mark.parametrize("reply", ["not really", "kind of", "i guess not", "i don't think so"])
def test_a_hedged_reply_to_the_risk_check_stops(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str],
                                                reply: str) -> None:
    session = _run(tmp_path, [*TO_WHAT, SOCKS, reply, NOTICED])
    out = capsys.readouterr().out
    assert RISK_QUESTION in out
    assert session.state is State.STOPPED_CRISIS
    assert RISK_NO not in out and PROMPTS[State.RECOGNISE_NOTICED] not in out


def test_a_plain_no_to_the_risk_check_still_goes_on(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    session = _run(tmp_path, [*TO_WHAT, SOCKS, "no, just annoyed", NOTICED])
    assert RISK_NO in capsys.readouterr().out
    assert session.state is State.RECOGNISE_MESSAGES


# The tester's scripts (C_wrist_notreally, C_slap_no): the disclosure must never reach a draft.
REST = [NOTICED, "", "6", "skip", "yes", "I raised my voice and said he never helps", "skip",
        "I'd like us to share the dishes", "", "keep", "keep", "keep", "keep"]


@pytest.mark.parametrize(("disclosure", "reply"), [
    ("he grabs my wrist so hard it leaves bruises whenever i try to leave the room", "not really"),
    ("he grabs my wrist so hard it leaves bruises whenever i try to leave the room", "no"),
    ("gf keeps slapping me when she's drunk", "no"),
    ("hes gonna hurt me bad one day i just know it", "no"),
])
def test_a_disclosure_stops_and_never_reaches_the_draft(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], disclosure: str, reply: str) -> None:
    session = _run(tmp_path, [*TO_WHAT, disclosure, reply, *REST])
    out = capsys.readouterr().out
    assert session.state is State.STOPPED_UNSAFE
    assert ABUSE_STOP in out
    assert RISK_QUESTION not in out  # the coach's own reading stops it, no question first
    assert offered_draft(session) == "" or "wrist" not in offered_draft(session)
    for word in ("wrist", "slapping", "hurt me bad"):
        assert f"about {word}" not in out and f"You grab my {word}" not in out


def test_an_abuse_stop_speaks_of_danger_from_someone_else(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    session = _run(tmp_path, [*TO_WHAT, "gf keeps slapping me when she's drunk"], "--region",
                   "GB")
    out = capsys.readouterr().out
    assert session.state is State.STOPPED_UNSAFE
    assert ABUSE_WORDS in out and SUICIDE_WORDS not in out
    abuse_line, crisis_line = (resources_for("GB", ["abuse_danger"])[1].contact,
                               resources_for("GB")[1].contact)
    assert abuse_line in out and crisis_line in out
    assert out.index(abuse_line) < out.index(crisis_line)


def test_stop_words_and_kinds_follow_the_stop() -> None:
    assert stop_kinds(State.STOPPED_UNSAFE) == ("abuse_danger",)
    assert stop_words(State.STOPPED_UNSAFE)[1] == ABUSE_WORDS
    assert stop_words(State.STOPPED_CRISIS)[1] == crisis_message()
