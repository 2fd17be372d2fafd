"""Round 12 (workplace re-run #2): in the terminal's episode table, an episode that holds a crisis
sign and was repaired must not read as "the risk is resolved". Its status cell is marked and a note
under the table says what the status is about; ``--json`` keeps the documented status."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from mendkit.cli.main import main

CRISIS_DM = (
    "Jen: Marcus sorry to message late. I can't keep doing this. Honestly I've been thinking "
    "everyone would be better off without me.\n"
    "Marcus: Jen, thank you for telling me. I'm worried about you and I'm calling you right now. "
    "Are you safe?\n"
    "Jen: thanks. i'm ok for tonight\n")
QUARREL = """Ana: You never listen to me.
Ben: You're right, I'm sorry. I kept talking over you.
Ana: Thank you, I appreciate that.
"""
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    assert main(argv) == 0
    return _ANSI.sub("", capsys.readouterr().out)


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _after_episodes(out: str) -> list[str]:
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip().startswith("Episodes"))
    return lines[start:]


def _row(lines: list[str], turns: str) -> str:
    return next(line for line in lines if re.match(rf"[│|\s•]*(?:turns )?{turns}\b", line.strip(" │")))


def _note(lines: list[str]) -> str:
    """The note under the episodes: the lines that start with the marker, joined."""
    start = next((i for i, line in enumerate(lines) if line.lstrip().startswith("*")), None)
    if start is None:
        return ""
    return " ".join(line.strip() for line in lines[start:] if not line.startswith("Mend is"))


def test_a_repaired_crisis_episode_is_marked_in_the_table(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = _run(["analyze", str(_write(tmp_path, "dm.txt", CRISIS_DM)), "--mode", "rules"], capsys)
    lines = _after_episodes(out)
    row = _row(lines, "0-2")
    assert re.search(r"resolved ?\*", row), row  # not a bare "resolved"
    note = _note(lines)
    assert "crisis sign" in note
    assert "not mean" in note and "risk" in note  # the status is no word on the risk
    assert "box at the top" in note


def test_the_narrow_list_marks_it_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("COLUMNS", "50")
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    out = _run(["analyze", str(_write(tmp_path, "dm.txt", CRISIS_DM)), "--mode", "rules"], capsys)
    lines = _after_episodes(out)
    assert re.search(r"status resolved ?\*", " ".join(lines)), lines
    assert "crisis sign" in " ".join(lines[2:])


def test_json_keeps_the_documented_status(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    out = _run(["analyze", str(_write(tmp_path, "dm.txt", CRISIS_DM)), "--mode", "rules",
                "--json"], capsys)
    (ep,) = json.loads(out)["episodes"]
    assert ep["status"] == "resolved"
    assert "risk.crisis" in ep["labels"]


def test_an_episode_with_no_crisis_is_not_marked(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    out = _run(["analyze", str(_write(tmp_path, "q.txt", QUARREL)), "--mode", "rules"], capsys)
    lines = _after_episodes(out)
    row = _row(lines, "0-2")
    assert "resolved" in row and "*" not in row
    assert _note(lines) == ""
    assert "crisis" not in "\n".join(lines)
