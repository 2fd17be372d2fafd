"""Round ten: the terminal says when Mend could not read a message or turns (not in English)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mendkit.cli.main import main

GERMAN = "Er schreit mich jeden Tag an, und ich weiß nicht, was ich tun soll."


def test_check_shows_the_resources_and_no_score_for_a_message_it_cannot_read(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", GERMAN]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "Mend could not read all of this" in out
    assert "Mend reads English only" in out and out.count("Mend reads English only") == 1
    assert "Samaritans" in out  # the resources, gently
    assert "Repair quality" not in out and "Missing:" not in out


def test_check_of_english_shows_no_such_box(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "I'm sorry I snapped at you last night."]) == 0
    out = capsys.readouterr().out
    assert "could not read" not in out and "Repair quality" in out


def test_analyze_names_the_turns_it_cannot_read(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "chat.txt"
    path.write_text("Anna: Du hörst mir nie zu. Immer geht es nur um dich.\n"
                    "Ben: I'm sorry, I was wrong to shout at you.\n"
                    "Anna: Ich kann nicht mehr. Du bist nie zu Hause.\n", encoding="utf-8")
    assert main(["analyze", str(path)]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "Mend could not read all of this" in out and "turns 0 and 2" in out
