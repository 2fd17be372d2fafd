"""Readers, fifth hunt: a wrong --encoding, speaker names with "/", "," or "|", iOS WhatsApp group
system lines, quoted contact names, out-of-range times, UTF-16 errors at the right line, Python
values in messages, CSV headers with spaces and Excel's "sep=" line, and --format slack on stdin."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from mendkit.cli.main import main
from mendkit.errors import InvalidInputError
from mendkit.io import load_conversation


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def error_for(path: Path | str, **options: object) -> InvalidInputError:
    with pytest.raises(InvalidInputError) as info:
        load_conversation(path, **options)  # type: ignore[arg-type]
    return info.value


def pairs(path: Path) -> list[tuple[str, str]]:
    return [(t.speaker, t.text) for t in load_conversation(path).turns]


# -- 1. a wrong --encoding -------------------------------------------------------------------------
def test_utf16_without_a_bom_named_plainly_is_a_clear_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "be.txt"
    path.write_bytes("Ana: hi\nBen: yo\n".encode("utf-16-be"))
    error = error_for(path, encoding="utf-16")
    assert "byte-order mark" in str(error)
    assert "--encoding utf-16-le or utf-16-be" in str(error)
    assert main(["analyze", str(path), "--encoding", "utf-16", "--mode", "rules"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"mend: error: {path}: ")
    assert "internal error" not in err
    assert load_conversation(path, encoding="utf-16-be").turns[1].text == "yo"


@pytest.mark.parametrize("encoding", ["utf-32", "utf-16"])
def test_utf_without_a_bom_on_stdin_is_a_clear_error(
        encoding: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Ana: hi\nBen: yo\n")))
    assert "byte-order mark" in str(error_for("-", encoding=encoding))


@pytest.mark.parametrize("encoding", ["rot13", "base64", "hex", "idna", "zlib"])
def test_an_encoding_that_is_not_a_text_codec_is_refused(
        encoding: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "small.txt", "Ana: hi\nBen: yo\n")
    error = error_for(path, encoding=encoding)
    assert f"{encoding!r} is not a text encoding" in str(error)
    assert main(["analyze", str(path), "--encoding", encoding, "--mode", "rules"]) == 1
    assert "internal error" not in capsys.readouterr().err


# -- 2. speaker names with "/", "," or "|" in cue formats ------------------------------------------
def test_vtt_speakers_with_pronouns_commas_and_company_tags(tmp_path: Path) -> None:
    path = write(tmp_path, "zoom.vtt", (
        "WEBVTT\n\n1\n00:00:02.340 --> 00:00:05.120\nDana Whitfield (she/her): I did send it.\n\n"
        "2\n00:00:06.000 --> 00:00:08.000\nWhitfield, Sam: You sent it at midnight.\n\n"
        "3\n00:00:09.000 --> 00:00:10.000\nLee | Acme Corp: Let us slow down.\n"
    ))
    assert pairs(path) == [
        ("Dana Whitfield (she/her)", "I did send it."),
        ("Whitfield, Sam", "You sent it at midnight."),
        ("Lee | Acme Corp", "Let us slow down."),
    ]


def test_srt_speaker_written_last_name_first(tmp_path: Path) -> None:
    path = write(tmp_path, "s.srt", (
        "1\n00:00:01,000 --> 00:00:02,000\nSam: Hello\n\n"
        "2\n00:00:03,000 --> 00:00:04,000\nWhitfield, Dana: I did send it.\n"
    ))
    assert pairs(path) == [("Sam", "Hello"), ("Whitfield, Dana", "I did send it.")]


def test_cue_prose_with_a_question_is_still_not_a_speaker(tmp_path: Path) -> None:
    path = write(tmp_path, "q.vtt", (
        "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nSam: Hello\n\n"
        "00:00:03.000 --> 00:00:04.000\nAnd you know what? fine: go\n"
    ))
    assert pairs(path) == [("Sam", "Hello And you know what? fine: go")]


def test_plain_text_speaker_with_pronouns_or_a_slash(tmp_path: Path) -> None:
    path = write(tmp_path, "t.txt", "Ana (she/her): hi\nMom/Dad: you never call\n")
    assert pairs(path) == [("Ana (she/her)", "hi"), ("Mom/Dad", "you never call")]


def test_plain_text_prose_with_a_comma_is_not_a_speaker(tmp_path: Path) -> None:
    path = write(tmp_path, "t.txt", "Ana: I said it\nand then, honestly: whatever\n")
    assert pairs(path) == [("Ana", "I said it\nand then, honestly: whatever")]


# -- 3. iOS WhatsApp group system lines ------------------------------------------------------------
def test_ios_group_system_lines_are_skipped(tmp_path: Path) -> None:
    path = write(tmp_path, "iosgrp.txt", (
        "[12/01/2024, 10:00:00] Family: \u200eMessages and calls are end-to-end encrypted.\n"
        "[12/01/2024, 10:00:01] Family: \u200eAna created group \u201cFamily\u201d\n"
        "[12/01/2024, 10:00:02] Family: \u200eAna added Ben\n"
        "[12/01/2024, 10:01:00] Ana: Hello all\n"
        "[12/01/2024, 10:02:00] Ben: Hi \u200e<This message was edited>\n"
        "[12/01/2024, 10:05:00] Family: \u200eBen changed this group\u2019s icon\n"
        "[12/01/2024, 10:08:00] Family: \u200eAna left\n"
    ))
    conversation = load_conversation(path)
    assert [(t.speaker, t.text) for t in conversation.turns] == [("Ana", "Hello all"), ("Ben", "Hi")]
    assert [s.id for s in conversation.speakers] == ["Ana", "Ben"]


# -- 4. a contact name with quotes -----------------------------------------------------------------
def test_whatsapp_contact_with_quotes_in_the_name_is_kept(tmp_path: Path) -> None:
    path = write(tmp_path, "quoted.txt", (
        '1/1/24, 10:00 - Robert "Bob" Smith: You never listen\nand you never will\n'
        "1/1/24, 10:01 - Ana: I am sorry\n"
        '1/1/24, 10:02 - Ana changed the subject from "Plans" to "Re: weekend"\n'
        '1/1/24, 10:03 - Ana changed the group description to "Note: be kind"\n'
    ))
    assert pairs(path) == [
        ('Robert "Bob" Smith', "You never listen\nand you never will"),
        ("Ana", "I am sorry"),
    ]


# -- 5. out-of-range minutes or seconds ------------------------------------------------------------
@pytest.mark.parametrize(("line", "message"), [
    ("1/1/24, 10:75 - Ana: hola", "expected minutes from 00 to 59, found 75"),
    ("1/1/24, 23:59:99 - Ana: hola", "expected seconds from 00 to 59, found 99"),
    ("[1/1/24, 10:61:00] Ana: hola", "expected minutes from 00 to 59, found 61"),
])
def test_whatsapp_minutes_and_seconds_out_of_range(tmp_path: Path, line: str, message: str) -> None:
    error = error_for(write(tmp_path, "bad.txt", line + "\n"))
    assert message in str(error)
    assert error.line == 1


# -- 6. UTF-16 decoding errors at the right line ---------------------------------------------------
def test_utf16_bad_code_unit_is_reported_at_its_line(tmp_path: Path) -> None:
    data = "".join(f"Ana: line {i}\n" for i in range(1, 501)).encode("utf-16")
    data += b"\x00\xd8" + "\nBen: after\n".encode("utf-16-le")
    path = tmp_path / "late.txt"
    path.write_bytes(data)
    error = error_for(path)
    assert error.line == 501
    assert "half of a surrogate pair" in str(error)
    assert "--encoding" not in str(error)


def test_utf16_bad_code_unit_in_a_small_file(tmp_path: Path) -> None:
    path = tmp_path / "lone.txt"
    path.write_bytes(b"\xff\xfeA\x00n\x00a\x00:\x00 \x00h\x00i\x00\n\x00\x00\xd8\n\x00")
    assert error_for(path).line == 2


# -- 7. non-string speakers and Python values in messages ------------------------------------------
def test_convokit_speaker_that_is_an_object_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "ck"
    folder.mkdir()
    write(folder, "utterances.jsonl",
          '{"id":"u1","speaker":{"name":"a"},"conversation_id":"c","text":"x"}\n')
    error = error_for(folder)
    assert error.line == 1
    assert "expected" in str(error) and "a string" in str(error)
    assert "{'name'" not in str(error)


def test_convokit_conversation_id_that_is_a_list_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "ck"
    folder.mkdir()
    write(folder, "utterances.jsonl",
          '{"id":"u1","speaker":"a","conversation_id":["c"],"text":"x"}\n')
    error = error_for(folder)
    assert "conversation_id" in str(error) and "a string" in str(error)


def test_messages_show_json_values_not_python_ones(tmp_path: Path) -> None:
    folder = tmp_path / "ck"
    folder.mkdir()
    write(folder, "utterances.jsonl",
          '{"id":"u1","speaker":"a","conversation_id":"c","text":null}\n')
    assert "None" not in str(error_for(folder))
    bad = write(tmp_path, "bool.json",
                json.dumps({"turns": [{"speaker": "Ana", "text": "hi", "start": True}]}))
    message = str(error_for(bad))
    assert "True" not in message and "true" in message
    slack = tmp_path / "sl" / "general"
    slack.mkdir(parents=True)
    write(slack, "2024-01-01.json", '[{"type":"message","user":"U1","text":"hi"}]')
    assert "None" not in str(error_for(tmp_path / "sl"))


# -- 8. CSV headers with spaces, and Excel's sep= line ---------------------------------------------
def test_csv_start_time_header_with_a_space(tmp_path: Path) -> None:
    path = write(tmp_path, "otter.csv", (
        "Speaker,Start Time,End Time,Text\nAna,00:00:01,00:00:03,hi\nBen,00:00:04,00:00:05,yo\n"
    ))
    assert [(t.start, t.end) for t in load_conversation(path).turns] == [(1.0, 3.0), (4.0, 5.0)]


def test_csv_excel_sep_line_sets_the_delimiter(tmp_path: Path) -> None:
    path = tmp_path / "sep.csv"
    path.write_bytes(b"sep=;\r\nspeaker;text\r\nAna;hi, there\r\nBen;yo\r\n")
    assert pairs(path) == [("Ana", "hi, there"), ("Ben", "yo")]


# -- 9. --format slack on stdin --------------------------------------------------------------------
def test_slack_format_on_stdin_says_stdin(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("Ana: hi\n"))
    assert main(["analyze", "-", "--format", "slack", "--mode", "rules"]) == 1
    err = capsys.readouterr().err
    assert "<stdin>: a Slack export must be a folder; it cannot be read from stdin" in err


# -- apiweb 6. "turns" that is not a list ----------------------------------------------------------
def test_json_turns_that_is_an_object_says_so(tmp_path: Path) -> None:
    message = str(error_for(write(tmp_path, "x.json", '{"turns": {}}')))
    assert 'found "turns" as an object' in message
    assert "without" not in message
