"""Round twelve: plain-text exports of speech-to-text services (Otter.ai's ``Name  0:05`` line
over the text, Rev's ``Name (00:00:05): text``) are read with their times, plain ``Speaker: text``
files are read as before, and a malformed VTT timing line is named at its own line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mendkit.cli.main import main
from mendkit.errors import FormatError, InvalidInputError
from mendkit.io import load_conversation


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _pairs(path: Path) -> list[tuple[str, str, float | None]]:
    return [(t.speaker, t.text, t.start) for t in load_conversation(path).turns]


OTTER = """Speaker 1  00:00:05
hey so um i noticed you didn't come to my birthday thing

Speaker 2  00:00:11
oh yeah sorry i was busy

Dr. Ana Ruiz  01:02:03
let's meet again at
10:30

Speaker 2  1:02:09
okay
see you then


Transcribed by https://otter.ai
"""


def test_an_otter_export_is_read_with_its_times(tmp_path: Path) -> None:
    assert _pairs(_write(tmp_path, "otter.txt", OTTER)) == [
        ("Speaker 1", "hey so um i noticed you didn't come to my birthday thing", 5.0),
        ("Speaker 2", "oh yeah sorry i was busy", 11.0),
        # a text line that is a clock time ("10:30") is text, not a speaker
        ("Dr. Ana Ruiz", "let's meet again at\n10:30", 3723.0),
        # Otter's closing credit is not said by anyone
        ("Speaker 2", "okay\nsee you then", 3729.0),
    ]


def test_an_otter_export_with_minutes_and_seconds(tmp_path: Path) -> None:
    path = _write(tmp_path, "m.txt", "Speaker 1  0:05\nso um we need to talk\n\n"
                                     "Speaker 2  0:09\nokay\n")
    assert _pairs(path) == [("Speaker 1", "so um we need to talk", 5.0),
                            ("Speaker 2", "okay", 9.0)]


def test_an_otter_text_line_ending_in_a_time_is_not_a_new_speaker(tmp_path: Path) -> None:
    path = _write(tmp_path, "o.txt", "Speaker 1  0:05\nwe said we would leave at 10:30\n"
                                     "Can you make it by 11:00\n\nSpeaker 2  0:12\nyes\n")
    assert _pairs(path) == [
        ("Speaker 1", "we said we would leave at 10:30\nCan you make it by 11:00", 5.0),
        ("Speaker 2", "yes", 12.0),
    ]


def test_an_otter_export_without_blank_lines(tmp_path: Path) -> None:
    path = _write(tmp_path, "o.txt", "Speaker 1  0:05\nMeet me at 10:30\nSpeaker 2  0:09\nok\n"
                                     "Speaker 1  0:12\nfine\n")
    assert _pairs(path) == [("Speaker 1", "Meet me at 10:30", 5.0), ("Speaker 2", "ok", 9.0),
                            ("Speaker 1", "fine", 12.0)]


def test_rev_lines_with_the_time_after_the_name(tmp_path: Path) -> None:
    path = _write(tmp_path, "rev.txt", "Speaker 1 (00:00:05): so um we need to talk\n"
                                       "Speaker 2 (00:00:09): okay\n"
                                       "Speaker 1 (01:12): you never listen\n")
    assert _pairs(path) == [("Speaker 1", "so um we need to talk", 5.0),
                            ("Speaker 2", "okay", 9.0),
                            ("Speaker 1", "you never listen", 72.0)]


def test_rev_paragraphs_with_the_text_under_the_name(tmp_path: Path) -> None:
    path = _write(tmp_path, "rev.txt", "Ana Ruiz (00:05):\nYou never listen.\n\n"
                                       "Ben (00:09):\nI'm sorry. That's on me.\n")
    assert _pairs(path) == [("Ana Ruiz", "You never listen.", 5.0),
                            ("Ben", "I'm sorry. That's on me.", 9.0)]


def test_plain_speaker_text_files_are_read_as_before(tmp_path: Path) -> None:
    # In a 'Speaker: text' file a line shaped like an Otter header is a continuation line.
    path = _write(tmp_path, "plain.txt", "Ana: Meet me at the station\nTomorrow  10:30\n"
                                         "[00:00:09] Ben: Fine.\nBen (she/her): okay\n")
    assert _pairs(path) == [("Ana", "Meet me at the station\nTomorrow  10:30", None),
                            ("Ben", "Fine.", 9.0),
                            ("Ben (she/her)", "okay", None)]


@pytest.mark.parametrize("first", ["see you at 10:30", "hello there", "Speaker 1 0:05:99"])
def test_a_file_that_starts_with_no_speaker_is_still_an_error_at_line_1(
        tmp_path: Path, first: str) -> None:
    path = _write(tmp_path, "x.txt", f"{first}\nAna: hi\n")
    with pytest.raises(FormatError) as info:
        load_conversation(path)
    assert (info.value.source, info.value.line) == (str(path), 1)
    message = str(info.value)
    assert "'Speaker: text'" in message and "found a line without a speaker" in message
    assert "Otter" in message  # says which other shapes Mend reads


def test_a_title_with_a_time_over_speaker_lines_is_not_an_otter_speaker(tmp_path: Path) -> None:
    path = _write(tmp_path, "notes.txt", "Call with Sam  10:30\nAna: hi\nSam: hello\n")
    with pytest.raises(FormatError) as info:
        load_conversation(path)
    assert info.value.line == 1 and "'Call with Sam  10:30'" in str(info.value)


def test_an_otter_header_with_no_text_after_it_is_an_empty_turn_not_a_crash(
        tmp_path: Path) -> None:
    path = _write(tmp_path, "o.txt", "Speaker 1  0:05\nhi\n\nSpeaker 2  0:09\n")
    assert _pairs(path) == [("Speaker 1", "hi", 5.0), ("Speaker 2", "", 9.0)]


def test_the_cli_reads_an_otter_export(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, "otter.txt", OTTER)
    assert main(["analyze", str(path), "--json", "--mode", "rules"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["conversation"]["speakers"] == ["Speaker 1", "Speaker 2", "Dr. Ana Ruiz"]
    assert [t["start"] for t in result["turns"]] == [5.0, 11.0, 3723.0, 3729.0]


BAD_ARROW = """WEBVTT

00:00:01.000 --> 00:00:03.000
Speaker 1: hi

00:00:04.000 -> 00:00:06.000
Speaker 2: you never listen
"""


def test_a_malformed_vtt_timing_arrow_is_named_at_its_own_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "bad.vtt", BAD_ARROW)
    with pytest.raises(InvalidInputError) as info:
        load_conversation(path)
    assert info.value.line == 6
    message = str(info.value)
    assert "timing line" in message and "'00:00:04.000 -> 00:00:06.000'" in message
    assert "you never listen" not in message


@pytest.mark.parametrize("timing", ["00:00:04.000 -> 00:00:06.000", "00:00:04.000 00:00:06.000",
                                    "00:00:04.000 —> 00:00:06.000"])
def test_a_malformed_timing_line_after_a_cue_id_is_named_at_its_own_line(
        tmp_path: Path, timing: str) -> None:
    path = _write(tmp_path, "bad.srt", "1\n00:00:01,000 --> 00:00:03,000\nAna: hi\n\n"
                                       f"2\n{timing}\nBen: you never listen\n")
    with pytest.raises(InvalidInputError) as info:
        load_conversation(path)
    assert info.value.line == 6
    assert repr(timing) in str(info.value)


def test_a_cue_with_no_timing_line_still_names_its_text(tmp_path: Path) -> None:
    path = _write(tmp_path, "x.srt", "1\n00:00:01,000 --> 00:00:03,000\nAna: hi\n\n"
                                     "2\nBen: you never listen\n")
    with pytest.raises(InvalidInputError) as info:
        load_conversation(path)
    assert info.value.line == 6
    assert "'Ben: you never listen'" in str(info.value)


def test_an_otter_export_piped_on_stdin_is_sniffed_as_text() -> None:
    from mendkit.io.detect import sniff

    assert sniff("Speaker 1  0:05\nyou never listen\n\nSpeaker 2  0:09\nsorry\n") == "text"
    assert sniff("see you at 10:30\nok\n") is None  # a sentence and a time is not a speaker line
