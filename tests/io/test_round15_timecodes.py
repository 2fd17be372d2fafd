"""Round 15: minutes past 59 as ``MM:SS`` (``60:12``) and ``H:MM:SS`` with a fraction in the readers
that take times, and a clear error for a time that is none (``12:75``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import mendkit
from mendkit.errors import FormatError
from mendkit.io._times import parse_seconds, parse_timecode


@pytest.mark.parametrize(("value", "seconds"), [
    ("60:12", 3612.0), ("61:00.5", 3660.5), ("125:03", 7503.0), ("1:02:03.5", 3723.5),
    ("01:02:03,25", 3723.25), ("59:59", 3599.0),
])
def test_timecodes_past_an_hour_and_with_fractions(value: str, seconds: float) -> None:
    assert parse_timecode(value) == seconds
    assert parse_seconds(value) == seconds


@pytest.mark.parametrize("value", ["12:75", "1:75:03", "1:02:60", "00:60"])
def test_nonsense_times_are_not_times(value: str) -> None:
    assert parse_timecode(value) is None


def _write(tmp_path: Path, name: str, body: str) -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


def test_text_transcript_reads_minutes_past_59(tmp_path: Path) -> None:
    path = _write(tmp_path, "t.txt", "[00:05] Ana: hi\n[60:12] Ben: hello\n[1:02:03.5] Ana: bye\n")
    turns = mendkit.load_conversation(path).turns
    assert [(t.speaker, t.start) for t in turns] == [("Ana", 5.0), ("Ben", 3612.0),
                                                     ("Ana", 3723.5)]


def test_csv_and_json_read_minutes_past_59(tmp_path: Path) -> None:
    csv = _write(tmp_path, "t.csv", "speaker,start,text\nAna,00:05,hi\nBen,60:12,hello\n"
                 "Ana,1:02:03.5,bye\n")
    assert [t.start for t in mendkit.load_conversation(csv).turns] == [5.0, 3612.0, 3723.5]
    doc = _write(tmp_path, "t.json", json.dumps({"turns": [
        {"speaker": "Ana", "text": "hi", "start": "60:12"},
        {"speaker": "Ben", "text": "hello", "start": "1:02:03.5"}]}))
    assert [t.start for t in mendkit.load_conversation(doc).turns] == [3612.0, 3723.5]


@pytest.mark.parametrize(("name", "body"), [
    ("bad.txt", "[00:05] Ana: hi\n[12:75] Ben: hello\n"),
    ("bad.csv", "speaker,start,text\nAna,00:05,hi\nBen,12:75,hello\n"),
    ("bad.json", json.dumps({"turns": [{"speaker": "Ana", "text": "hi", "start": "12:75"}]})),
])
def test_a_time_with_75_seconds_is_a_clear_error(tmp_path: Path, name: str, body: str) -> None:
    with pytest.raises(FormatError) as caught:
        mendkit.load_conversation(_write(tmp_path, name, body))
    message = str(caught.value)
    assert "12:75" in message and "59" in message and name in message
