"""Round 17 (fixer f6, item 2): two-person mode checks a sign only the model saw with the person
whose answer it was, privately, as the one-person coach does, and stops for both only on a yes
(or not sure, or help) or on a rule's sign. Before, any sign the model alone saw in an everyday
answer ("I've had enough" of the socks) stopped the whole session for both people.

Through ``mend coach --pair`` / ``--join`` with a file of answers, as a person would run it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mendkit.cli.main import main
from mendkit.coach.content import PROMPTS, RISK_AGAIN, RISK_QUESTION
from mendkit.coach.machine import State
from mendkit.coach.pair import QUESTIONS
from mendkit.coach.store import PairStore

# An everyday answer the shipped model reads as a crisis with no rule behind it (round 14's).
SOCKS = "My husband leaves his socks everywhere and I've had enough"
RULE_SIGN = "I want to kill myself tonight"
CRISIS_STOP = PROMPTS[State.STOPPED_CRISIS]
PAUSED = "This two-person session has been paused"


def _file(tmp_path: Path, name: str, answers: list[str]) -> str:
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    return str(path)


def _all(words: str) -> list[str]:
    return [w for key, _ in QUESTIONS for w in (f"{words} {key}", "yes")]


def _code(home: Path) -> str:
    (code,) = [p.name for p in (home / "coach" / "pairs").iterdir()]
    return code


def _dana(tmp_path: Path, capsys: pytest.CaptureFixture[str], answers: list[str]
          ) -> tuple[str, str]:
    assert main(["coach", "--pair", "--answers",
                 _file(tmp_path, "dana", ["Dana", "yes", *answers])]) == 0
    return _code(tmp_path / "mend-home"), capsys.readouterr().out


def _sam(tmp_path: Path, capsys: pytest.CaptureFixture[str], code: str) -> str:
    assert main(["coach", "--join", code, "--answers",
                 _file(tmp_path, "sam", ["Sam", "yes", *_all("sam")])]) == 0
    return capsys.readouterr().out


def test_a_no_to_the_check_keeps_the_answer_and_the_session_goes_on_for_both(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _dana(tmp_path, capsys, [SOCKS, "no", "no", *_all("dana")[2:]])
    assert out.count(RISK_QUESTION) == 1
    assert CRISIS_STOP not in out
    dana = PairStore(tmp_path / "mend-home").load(code, "first")
    assert dana is not None and not dana.stopped and dana.complete
    assert dana.answers["feelings"] == SOCKS and dana.shared["feelings"] is False
    said = _sam(tmp_path, capsys, code)
    assert PAUSED not in said
    assert main(["coach", "--exchange", code]) == 0
    shown = capsys.readouterr().out
    assert "Dana: (kept private)" in shown and SOCKS not in shown  # the check is hers alone
    assert RISK_QUESTION not in said + shown


@pytest.mark.parametrize("reply", ["yes", "not sure", "help"])
def test_a_yes_to_the_check_stops_for_both(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], reply: str) -> None:
    code, out = _dana(tmp_path, capsys, [SOCKS, reply])
    assert RISK_QUESTION in out and CRISIS_STOP in out
    dana = PairStore(tmp_path / "mend-home").load(code, "first")
    assert dana is not None and dana.stopped == "crisis" and dana.answers == {}
    said = _sam(tmp_path, capsys, code)
    assert PAUSED in said and "How did you feel" not in said


def test_an_unclear_reply_is_asked_again_never_taken_as_a_no(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _dana(tmp_path, capsys, [SOCKS, "the socks", "yes"])
    assert RISK_AGAIN in out and out.count(RISK_QUESTION) == 2
    dana = PairStore(tmp_path / "mend-home").load(code, "first")
    assert dana is not None and dana.stopped == "crisis" and dana.answers == {}


def test_a_rule_sign_still_stops_at_once_with_no_check(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _dana(tmp_path, capsys, [RULE_SIGN, "no"])
    assert CRISIS_STOP in out and RISK_QUESTION not in out
    dana = PairStore(tmp_path / "mend-home").load(code, "first")
    assert dana is not None and dana.stopped == "crisis" and dana.answers == {}
    assert PAUSED in _sam(tmp_path, capsys, code)


def test_a_sign_of_its_own_in_the_reply_stops(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _dana(tmp_path, capsys, [SOCKS, "no, but I want to kill myself"])
    assert CRISIS_STOP in out
    dana = PairStore(tmp_path / "mend-home").load(code, "first")
    assert dana is not None and dana.stopped == "crisis"
