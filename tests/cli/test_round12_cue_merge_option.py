"""Round twelve: `mend analyze` reads consecutive cues by one speaker as one turn, says so in
`--help`, and `--no-merge` keeps one turn per cue."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from mendkit.cli.main import main

ZOOM = """WEBVTT

1
00:00:05.000 --> 00:00:10.000
Therapist: can you say more about that

2
00:00:21.233 --> 00:00:25.833
Client: like everybody would just be better off

3
00:00:26.333 --> 00:00:29.600
Client: without me you know
"""


@pytest.fixture
def zoom(tmp_path: Path) -> Path:
    path = tmp_path / "session.vtt"
    path.write_text(ZOOM, encoding="utf-8")
    return path


def _analysis(argv: list[str], capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    assert main(argv) == 0
    result: dict[str, object] = json.loads(capsys.readouterr().out)
    return result


def test_analyze_reads_a_split_sentence_as_one_turn_and_sees_the_crisis(
        zoom: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = _analysis(["analyze", str(zoom), "--json", "--mode", "rules"], capsys)
    turns = result["turns"]
    assert isinstance(turns, list)
    assert [t["text"] for t in turns] == [
        "can you say more about that",
        "like everybody would just be better off without me you know"]
    assert turns[1]["start"] == 21.233
    safety = result["safety"]
    assert isinstance(safety, dict)
    assert safety["crisis"] is True and safety["turns"] == [1]


def test_no_merge_keeps_one_turn_per_cue(zoom: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = _analysis(["analyze", str(zoom), "--json", "--mode", "rules", "--no-merge"], capsys)
    turns = result["turns"]
    assert isinstance(turns, list)
    assert [t["start"] for t in turns] == [5.0, 21.233, 26.333]
    merged = _analysis(["analyze", str(zoom), "--json", "--mode", "rules", "--merge"], capsys)
    assert isinstance(merged["turns"], list) and len(merged["turns"]) == 2


def test_analyze_help_says_what_merging_does(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["analyze", "--help"])
    shown = re.sub(r"\s+", " ", capsys.readouterr().out)
    assert "--merge, --no-merge" in shown or "--merge/--no-merge" in shown
    assert "consecutive" in shown and "same speaker" in shown and "one turn per cue" in shown
