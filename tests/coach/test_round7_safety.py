"""Round 7, the coach's safety handling: a threat from the other person puts the user in danger
(the abuse stop, with a safety plan), an injury someone else caused is abuse rather than self-harm,
and in two-person mode every free-text reply passes the gate and a crisis stop lasts to the next
run."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from mendkit.cli.main import main
from mendkit.coach.machine import EventType
from mendkit.coach.safety_gate import gate

TO_MESSAGES = ["", "yes", "Sam", "partner", "We argued about money.", "I felt scared."]
ABUSE_STOP = "Your safety comes first, so Mend won't coach a repair with someone who may harm"
SAFETY_PLAN = "Some things that can help you stay safe:"


def _answers(tmp_path: Path, answers: list[str], name: str = "answers.json") -> str:
    path = tmp_path / name
    path.write_text(json.dumps(answers), encoding="utf-8")
    return str(path)


def _session_state(home: Path) -> str:
    files = list((home / "coach" / "sessions").glob("*.json"))
    assert len(files) == 1
    return str(json.loads(files[0].read_text(encoding="utf-8"))["state"])


# Bug 1: a threat FROM the other person means the user is in danger.

@pytest.mark.parametrize("pasted", [
    "Sam: Next time I'll break your arm.\nMe: Please stop.",
    "Sam: You'll be sorry if you tell anyone. I'm going to kill you.\nMe: Please stop.",
    # A threat to the user comes first even when the line also shows Sam's own suicide signs.
    "Sam: If you leave I'll hurt you and then kill myself.\nMe: Please stop.",
    "Sam: My dad said he'll kill you if you come round. I want to die.\nMe: I'm scared.",
])
def test_a_threat_from_the_other_person_gives_the_abuse_stop_and_a_safety_plan(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], pasted: str) -> None:
    home = tmp_path / "mend-home"
    assert main(["coach", "--answers", _answers(tmp_path, [*TO_MESSAGES, pasted, "x"])]) == 0
    out = capsys.readouterr().out
    assert ABUSE_STOP in out
    assert SAFETY_PLAN in out
    assert "Sam may not be safe" not in out
    assert "If you are worried about Sam" not in out
    assert _session_state(home) == "stopped_unsafe"


def test_the_other_persons_own_suicide_signs_are_still_about_them(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pasted = "Sam: If you leave me I'll kill myself\nMe: Please don't say that."
    assert main(["coach", "--answers", _answers(tmp_path, [*TO_MESSAGES, pasted, "x"])]) == 0
    out = capsys.readouterr().out
    assert "Something in these messages suggests Sam may not be safe." in out
    assert ABUSE_STOP not in out


# Bug 4 (the gate): injuries someone else caused are abuse, not self-harm.

@pytest.mark.parametrize("text", [
    "He grabbed my arm so hard it left bruises.",
    "He choked me last night and I have marks on my neck.",
    "She threw a plate at me and I needed stitches.",
    "Sam shoved me against the wall and said next time he'd break my arm.",
])
def test_abuse_with_an_injury_word_is_the_abuse_stop(text: str) -> None:
    assert gate(text) is EventType.ABUSE


@pytest.mark.parametrize("text", [
    "I cut my arm again last night.",
    "He hits me and I want to kill myself.",
])
def test_explicit_self_harm_or_suicide_is_still_a_crisis(text: str) -> None:
    assert gate(text) is EventType.CRISIS


def test_the_coach_gives_the_safety_plan_for_an_injury_from_a_partner(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = ["", "yes", "Sam", "partner",
               "Sam shoved me against the wall and said next time he'd break my arm.", "x"]
    assert main(["coach", "--answers", _answers(tmp_path, answers)]) == 0
    out = capsys.readouterr().out
    assert ABUSE_STOP in out and SAFETY_PLAN in out
    assert "Repair can wait." not in out


# Bug 7: two-person mode.

def _start_unfinished(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """Ana answers the first question only; returns the code."""
    assert main(["coach", "--pair", "--answers",
                 _answers(tmp_path, ["Ana", "yes", "hurt and alone", "yes"], "start.json")]) == 0
    return re.search(r"code is ([A-Z0-9]{6})",  # type: ignore[union-attr]
                     capsys.readouterr().out).group(1)


def test_the_carry_on_answer_passes_the_safety_gate(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _start_unfinished(tmp_path, capsys)
    answers = _answers(tmp_path, ["no, I just want to die tonight", "Alex"], "p3.json")
    assert main(["coach", "--pair", "--answers", answers]) == 0
    out = capsys.readouterr().out
    assert "Repair can wait." in out
    assert "If you need someone now:" in out or "Who can help" in out
    assert "Your first name" not in out
    assert "two-person code is" not in out


def test_help_at_the_carry_on_question_shows_resources_and_asks_again(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = _start_unfinished(tmp_path, capsys)
    answers = _answers(tmp_path, ["help", "yes"], "help.json")
    assert main(["coach", "--pair", "--region", "US", "--answers", answers]) == 0
    out = capsys.readouterr().out
    assert "988" in out
    assert out.count("Carry on with them?") == 2
    assert f"Carrying on with Ana's answers for {code}" in out


def test_after_a_crisis_stop_the_next_pair_run_checks_in_first(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = _start_unfinished(tmp_path, capsys)
    stop = _answers(tmp_path, ["yes", "I keep thinking I should just kill myself"], "stop.json")
    assert main(["coach", "--pair", "--answers", stop]) == 0
    assert "Repair can wait." in capsys.readouterr().out
    # The next run does not carry on with the questions: it checks in, with the resources.
    again = _answers(tmp_path, ["no"], "again.json")
    assert main(["coach", "--pair", "--region", "US", "--answers", again]) == 0
    out = capsys.readouterr().out
    assert "stopped so that you could get support first" in out
    assert "988" in out
    assert "How did it look from where you stood?" not in out
    assert "Carry on with them?" not in out
    # It checks in again next time; once the person says they are ready, it carries on.
    ready = _answers(tmp_path, ["yes", "my side of it"], "ready.json")
    assert main(["coach", "--pair", "--answers", ready]) == 0
    out = capsys.readouterr().out
    assert "stopped so that you could get support first" in out
    assert f"Carrying on with Ana's answers for {code}" in out
    assert "How did it look from where you stood?" in out


def test_a_crisis_at_the_check_in_stops_again(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _start_unfinished(tmp_path, capsys)
    stop = _answers(tmp_path, ["yes", "I keep thinking I should just kill myself"], "stop.json")
    assert main(["coach", "--pair", "--answers", stop]) == 0
    capsys.readouterr()
    worse = _answers(tmp_path, ["I want to die tonight", "more"], "worse.json")
    assert main(["coach", "--pair", "--answers", worse]) == 0
    out = capsys.readouterr().out
    assert "Repair can wait." in out
    assert "How did it look from where you stood?" not in out


def test_a_crisis_stop_of_the_person_who_joined_lasts_too(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = _start_unfinished(tmp_path, capsys)
    stop = _answers(tmp_path, ["Ben", "I want to end my life"], "ben.json")
    assert main(["coach", "--join", code, "--answers", stop]) == 0
    assert "Repair can wait." in capsys.readouterr().out
    again = _answers(tmp_path, ["no"], "ben2.json")
    assert main(["coach", "--join", code, "--answers", again]) == 0
    out = capsys.readouterr().out
    assert "stopped so that you could get support first" in out
    assert "How did you feel during it?" not in out


# Round 7 re-check N3: the other person's own danger signs stay about them, even when their line
# also tells of abuse; only a threat aimed at the person using Mend gives them the abuse stop.

@pytest.mark.parametrize("pasted", [
    "Sam: My dad hits me and I want to die.\nMe: I'm here.",
    "Sam: My dad hits me.\nMe: I'm here.",
    "Sam: I'm going to kill him, I swear.\nMe: Please calm down.",
    "Sam: If you tell anyone he'll kill me.\nMe: I won't.",
])
def test_danger_to_the_other_person_is_the_stop_about_them(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], pasted: str) -> None:
    home = tmp_path / "mend-home"
    assert main(["coach", "--answers", _answers(tmp_path, [*TO_MESSAGES, pasted, "x"])]) == 0
    out = capsys.readouterr().out
    assert "Something in these messages suggests Sam may not be safe." in out
    assert "Who can help, for Sam or for you:" in out
    assert ABUSE_STOP not in out
    assert SAFETY_PLAN not in out
    assert _session_state(home) == "stopped_crisis"
