"""Round 16 (tester t3): the readable view of a group chat says who each episode is between (a
"between" column, for three or more speakers only) and shows WhatsApp's "Nadia left" after the
turn it followed and beside the episode; ``--json`` carries ``between`` and ``left``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mendkit.cli.main import main

GROUP = """02/03/2026, 12:24 - Ines: Any news from the ward?
02/03/2026, 12:25 - Orla: Oh now you're interested. You never bother coming in, Ines.
02/03/2026, 12:26 - Pat: Lads. Not now.
02/03/2026, 12:27 - Orla: Don't 'lads' me Pat. You never visit either.
02/03/2026, 12:28 - Ines: Forget it. You'll have it your way like always.
02/03/2026, 12:28 - Ines left
02/03/2026, 12:40 - Pat: ok
"""
PAIR = """Ana: You never listen to me.
Ben: You are right, I am sorry I was on my phone. That was not fair on you.
Ana: Thank you for saying that.
"""


def _analyze(tmp_path: Path, text: str, capsys: pytest.CaptureFixture[str],
             *extra: str) -> str:
    path = tmp_path / "chat.txt"
    path.write_text(text, encoding="utf-8")
    assert main(["analyze", str(path), "--mode", "rules", *extra]) == 0
    return capsys.readouterr().out


def test_a_group_chats_episodes_say_who_they_are_between_and_who_left(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "160")
    out = _analyze(tmp_path, GROUP, capsys)
    lines = out.splitlines()
    forget = next(i for i, line in enumerate(lines) if "Forget it." in line)
    assert "Ines left the group." in " ".join(lines[forget + 1:forget + 3])
    flat = " ".join(out.split())
    assert "between" in flat
    assert "Orla and Ines (Ines left the group)" in flat
    assert "Orla and Pat" in flat


def test_a_group_chats_json_has_between_and_left(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    episodes = json.loads(_analyze(tmp_path, GROUP, capsys, "--json"))["episodes"]
    by_pair = {tuple(e["between"]): e for e in episodes}
    assert by_pair[("Orla", "Ines")]["left"] == [{"speaker": "Ines", "after_turn": 4}]
    assert "left" not in by_pair[("Orla", "Pat")]


def test_a_two_person_view_has_no_between_column(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "160")
    out = _analyze(tmp_path, PAIR, capsys)
    assert "between" not in out and "repair by" in out
