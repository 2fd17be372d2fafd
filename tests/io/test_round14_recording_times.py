"""Round fourteen: ``M:SS`` times of a recording that start at 1:00 or later (``1:05 Ana: ...``,
as Otter and others export a transcript) are seconds into the recording, not clock times; a
pasted chat's clock times (``10:42 Ana: ...``) stay clock times, and a file that could be either
is read as it was before."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mendkit.cli.main import main
from mendkit.io import load_conversation

MINUTE = 60.0
RECORDING = (
    "1:05 Ana: You never listen to me.\n"
    "1:40 Ben: Whatever.\n"
    "12:03 Ana: I'm sorry I snapped at you. You were right.\n"
)


def _starts(tmp_path: Path, text: str) -> list[float | None]:
    path = tmp_path / "transcript.txt"
    path.write_text(text, encoding="utf-8")
    return [turn.start for turn in load_conversation(path).turns]


def test_minutes_and_seconds_from_a_minute_in_are_seconds_since_the_start(tmp_path: Path) -> None:
    assert _starts(tmp_path, RECORDING) == [65.0, 100.0, 723.0]


def test_an_otter_layout_from_a_minute_in_is_read_the_same(tmp_path: Path) -> None:
    text = ("Ana  1:05\nYou never listen to me.\n\nBen  1:40\nWhatever.\n\n"
            "Ana  12:03\nI'm sorry I snapped at you.\n")
    assert _starts(tmp_path, text) == [65.0, 100.0, 723.0]


def test_the_json_gives_seconds_into_the_recording_and_to_the_repair(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "transcript.txt"
    path.write_text(RECORDING, encoding="utf-8")
    assert main(["analyze", str(path), "--json", "--mode", "rules"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert [turn["start"] for turn in result["turns"]] == [65.0, 100.0, 723.0]
    (episode,) = result["episodes"]
    assert episode["repair_turns"] == [2]
    assert episode["seconds_to_repair"] == 723.0 - 65.0


def test_a_pasted_chat_keeps_its_clock_times(tmp_path: Path) -> None:
    text = "10:42 Ana: where are you\n10:58 Ben: sorry, on my way\n"
    assert _starts(tmp_path, text) == [0.0, 16 * MINUTE]


@pytest.mark.parametrize(("text", "starts"), [
    # Could be either, and never reaches ten minutes in: a chat's, as before.
    ("1:15 Ana: did you book it\n1:20 Ben: not yet\n1:42 Ana: ok\n",
     [0.0, 5 * MINUTE, 27 * MINUTE]),
    # Goes back: no recording's times do (a chat past noon on a 12-hour phone).
    ("1:05 Ana: hi\n1:40 Ben: hey\n12:03 Ana: ok\n1:10 Ben: sorry\n",
     [0.0, 35 * MINUTE, 35 * MINUTE + 10 * 60 * MINUTE + 23 * MINUTE,
      35 * MINUTE + 10 * 60 * MINUTE + 23 * MINUTE + 67 * MINUTE]),
    # Starts later than a recording's first minutes: a chat's, as before.
    ("3:05 Ana: hi\n3:40 Ben: hey\n12:03 Ana: ok\n", [0.0, 35 * MINUTE, 538 * MINUTE]),
])
def test_a_file_that_could_be_a_chat_is_read_as_before(
        tmp_path: Path, text: str, starts: list[float]) -> None:
    assert _starts(tmp_path, text) == starts


def test_receipts_make_it_a_chat_whatever_its_times(tmp_path: Path) -> None:
    text = "Ana 1:05\nyou never listen\n\nBen 1:40\nwhatever\nRead 1:41\n\nAna 12:03\nsorry\n"
    assert _starts(tmp_path, text) == [0.0, 35 * MINUTE, 658 * MINUTE]
