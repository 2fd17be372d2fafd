"""Round eleven: in `mend analyze`'s readable view a crisis sign names its turns and who spoke
them, in words that fit a therapist reading a client's transcript, and the summary counts it;
`--json` keeps its contract."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from mendkit.cli.main import main

SESSION = """Therapist: How has your week been?
Client: Not great. Work was hard.
Therapist: Tell me more about that.
Client: I keep thinking everyone would be better off without me.
Therapist: That sounds really heavy.
Client: I've started saving up my sleeping pills in a drawer.
"""


def _flat(text: str) -> str:
    """The output as one line of words (the box's borders and wrapping taken out)."""
    return re.sub(r"\s+", " ", re.sub(r"[│╭╮╰╯─]", " ", text))


@pytest.fixture
def session(tmp_path: Path) -> Path:
    path = tmp_path / "s7.txt"
    path.write_text(SESSION)
    return path


def test_the_alert_names_the_turns_and_their_speaker(
        session: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", str(session), "--mode", "rules"]) == 0
    out = _flat(capsys.readouterr().out)
    assert "Turn 3 (Client) and turn 5 (Client) may speak of suicide" in out
    # addressed to whoever reads it, not assuming the reader is the one at risk
    assert "If you might act on thoughts of hurting yourself" not in out
    assert "call or text 988" in out  # the resources are still offered


def test_the_summary_counts_the_crisis_turns(
        session: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", str(session), "--mode", "rules"]) == 0
    out = _flat(capsys.readouterr().out)
    assert "2 turns with a possible crisis sign (3, 5)" in out


def test_each_crisis_turn_is_marked_where_it_is(
        session: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", str(session), "--mode", "rules"]) == 0
    lines = capsys.readouterr().out.splitlines()
    at = [n for n, line in enumerate(lines) if "saving up my sleeping pills in a drawer" in line]
    assert at
    after = " ".join(lines[at[0]:at[0] + 3])
    assert "possible crisis sign" in after.lower()
    quiet = next(n for n, line in enumerate(lines) if "That sounds really heavy" in line)
    assert "crisis" not in lines[quiet + 1].lower()


def test_json_keeps_its_contract(session: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", str(session), "--mode", "rules", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data["safety"]) == {"crisis", "turns", "kinds", "message", "resources"}
    assert data["safety"]["turns"] == [3, 5]
    assert "summary" in data and "crisis" not in data["summary"]


def test_no_alert_and_no_count_without_a_crisis(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "calm.txt"
    path.write_text("A: Can we talk about this morning?\nB: Yes, I'm sorry I snapped.\n")
    assert main(["analyze", str(path), "--mode", "rules"]) == 0
    out = capsys.readouterr().out.lower()
    assert "crisis sign" not in out and "may speak of" not in out
