"""Round 5 of the coach's words: a crisis in the other person's pasted messages is named as theirs,
the stop says once that things may not be safe, the composer leaves out non-answers and says
"you" to the person it is for, and two-person mode asks again when "share?" is not yes or no."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mendkit.cli.main import main
from mendkit.coach.composer import DraftParts, compose
from mendkit.coach.pair import QUESTIONS

TO_MESSAGES = ["", "yes", "Sam", "partner", "We argued about money.", "Sam went quiet."]


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """The MEND_HOME every test gets (tests/conftest.py)."""
    return tmp_path / "mend-home"


def _answers(tmp_path: Path, answers: list[str], name: str = "answers.json") -> str:
    path = tmp_path / name
    path.write_text(json.dumps(answers), encoding="utf-8")
    return str(path)


def _session(home: Path) -> dict[str, object]:
    files = list((home / "coach" / "sessions").glob("*.json"))
    assert len(files) == 1
    data: dict[str, object] = json.loads(files[0].read_text(encoding="utf-8"))
    return data


# Section 1: a crisis signal in the other person's messages is about them, not the user.

def test_a_crisis_in_the_other_persons_messages_is_named_as_theirs(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pasted = "Sam: I just want to die honestly\nMe: ok"
    assert main(["coach", "--answers", _answers(tmp_path, [*TO_MESSAGES, pasted])]) == 0
    out = capsys.readouterr().out
    assert "Something in these messages suggests Sam may not be safe." in out
    assert "What you wrote sounds like you may not be safe" not in out
    assert "thoughts of hurting yourself" not in out
    assert "call or text 988" in out  # the resources are still there, for helping Sam
    assert "Anywhere" not in out


def test_a_resumed_stop_still_names_the_other_person(
        tmp_path: Path, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pasted = "Sam: I just want to die honestly\nMe: ok"
    main(["coach", "--answers", _answers(tmp_path, [*TO_MESSAGES, pasted])])
    session = _session(home)
    assert session["state"] == "stopped_crisis"
    capsys.readouterr()
    assert main(["coach", "--resume", str(session["id"])]) == 0
    out = capsys.readouterr().out
    assert "Sam may not be safe" in out
    assert "so that you could get support first" not in out


def test_a_crisis_in_my_own_pasted_line_is_still_about_me(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pasted = "Sam: you never listen\nMe: I want to kill myself"
    assert main(["coach", "--answers", _answers(tmp_path, [*TO_MESSAGES, pasted])]) == 0
    out = capsys.readouterr().out
    assert "Repair can wait" in out
    assert "Sam may not be safe" not in out
    assert "thoughts of hurting yourself" in out


# Section 16 (wording only): the stop says once, calmly, that things may not be safe.

def test_the_crisis_stop_does_not_say_not_safe_twice(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = [*TO_MESSAGES[:5], "I want to kill myself"]
    assert main(["coach", "--answers", _answers(tmp_path, answers)]) == 0
    out = capsys.readouterr().out
    assert "Repair can wait" in out
    assert out.count("not safe") == 1
    assert out.count("You deserve support") == 1


def test_the_unsafe_stop_does_not_say_not_safe_twice(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["coach", "--answers", _answers(tmp_path, ["", "no"])]) == 0
    out = capsys.readouterr().out
    assert out.count("won't coach a repair") == 1
    # since round 19 a plain "no" speaks to both: danger from someone, or one's own thoughts
    assert out.count("deserve support") == 1
    assert out.count("If you are in danger") == 1


# Section 3: non-answers are left out; answers that do not fit a template are not glued to it.

def test_non_answers_are_left_out_of_the_draft() -> None:
    draft = compose(DraftParts(other="Sam", situation="the dishes", my_part="nothing",
                               regret="nothing really", feeling="I don't know",
                               request="nothing"))
    assert draft == "Can we talk about the dishes? I understand why you were upset."


def test_i_dont_know_and_not_at_all_are_left_out() -> None:
    draft = compose(DraftParts(other="Jo", situation="our fight", my_part="I don't know",
                               regret="not at all", request="I don't know."))
    assert draft == "Can we talk about our fight? I understand why you were upset."


def test_a_commitment_about_the_other_person_is_not_glued_after_i_will() -> None:
    draft = compose(DraftParts(other="Jo", situation="our fight", my_part="I hung up",
                               commitment="Jo should call me"))
    assert "I will" not in draft
    assert "jo" not in draft
    assert "I'm sorry that I hung up." in draft


def test_a_wish_for_them_to_know_something_is_said_not_asked() -> None:
    draft = compose(DraftParts(other="Sam", situation="Sam said I never help around the house",
                               my_part="I yelled at Sam",
                               request="I want Sam to know I care about our home"))
    assert "Could you I" not in draft
    assert draft.endswith("I want you to know I care about our home.")


# Section 4: "my part" is said to the person the message is for.

def test_my_part_names_the_recipient_as_you() -> None:
    draft = compose(DraftParts(other="Mum", context="family",
                               situation="Mum criticised my cooking at Christmas",
                               my_part="I shouted at Mum", feeling="sad",
                               request="Mum to stop criticising my cooking"))
    assert "I'm sorry that I shouted at you." in draft
    assert "Mum" not in draft


def test_my_part_with_the_name_in_the_middle_says_you() -> None:
    draft = compose(DraftParts(other="Alex", situation="Yesterday Alex forgot my birthday",
                               my_part="I gave Alex the silent treatment", feeling="hurt"))
    assert "I'm sorry that I gave you the silent treatment." in draft


# Section 13: "Share this answer?" asks again for anything but yes or no.

def test_share_asks_again_until_yes_or_no(tmp_path: Path, home: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    flat = ["Alex", "yes", "hurt", "I thought you forgot on purpose", "yes"]
    for _ in QUESTIONS[1:]:
        flat += ["my words", "no"]
    assert main(["coach", "--pair", "--answers", _answers(tmp_path, flat)]) == 0
    out = capsys.readouterr().out
    assert "Please answer yes or no." in out
    first = json.loads(next((home / "coach" / "pairs").glob("*/first.json"))
                       .read_text(encoding="utf-8"))
    assert first["answers"]["feelings"] == "hurt"
    assert first["shared"]["feelings"] is True
    assert first["answers"]["reality"] == "my words"
    assert "I thought you forgot on purpose" not in json.dumps(first)
