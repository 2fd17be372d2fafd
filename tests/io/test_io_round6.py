"""Readers, sixth hunt: a WhatsApp export whose clock goes back (a daylight-saving change), ISO
basic dates (``20260301``) in a CSV or JSON ``timestamp``, and a file name that is not UTF-8."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mendkit.cli.main import main
from mendkit.io import load_conversation

RUPTURE = "You never listen to me, you're so selfish."
REPAIR = "I'm sorry, you're right, I hurt you. I understand why you're upset."
UPTAKE = "Thank you, I appreciate that. I love you."


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def analysed(path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    assert main(["analyze", str(path), "--json", "--mode", "rules"]) == 0
    result: dict[str, object] = json.loads(capsys.readouterr().out)
    return result


# -- 1. a WhatsApp export whose clock goes back ----------------------------------------------------
def test_a_clock_put_back_in_a_whatsapp_export_keeps_the_order_and_never_goes_negative(
        tmp_path: Path) -> None:
    # The clocks went back at 02:00: Ben's reply came 7 minutes after Ana's message, not before.
    path = write(tmp_path, "wa_dst.txt",
                 f"26/10/2025, 01:55 - Ana: {RUPTURE}\n"
                 f"26/10/2025, 01:02 - Ben: {REPAIR}\n"
                 f"26/10/2025, 01:04 - Ana: {UPTAKE}\n")
    turns = load_conversation(path).turns
    assert [t.speaker for t in turns] == ["Ana", "Ben", "Ana"]  # the export's order is kept
    # The times as exported are kept; "start" never goes back: the step back counts as no time.
    assert [t.timestamp for t in turns] == [
        "2025-10-26T01:55:00", "2025-10-26T01:02:00", "2025-10-26T01:04:00"]
    assert [t.start for t in turns] == [0.0, 0.0, 120.0]


def test_a_repair_after_a_clock_change_in_a_whatsapp_export_still_counts(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "wa_dst.txt",
                 f"26/10/2025, 01:55 - Ana: {RUPTURE}\n"
                 f"26/10/2025, 01:02 - Ben: {REPAIR}\n"
                 f"26/10/2025, 01:04 - Ana: {UPTAKE}\n")
    result = analysed(path, capsys)
    assert all(t["start"] >= 0 for t in result["turns"])  # type: ignore[attr-defined,index]
    [episode] = result["episodes"]  # type: ignore[misc]
    assert episode["status"] == "resolved"
    assert episode["repair_turns"] == [1]
    assert episode["seconds_to_repair"] == 0.0


def test_times_after_a_step_back_are_measured_on_from_there(tmp_path: Path) -> None:
    path = write(tmp_path, "wa.txt",
                 "[01/03/2026, 10:00:00] Ana: one\n"
                 "[01/03/2026, 10:30:00] Ben: two\n"
                 "[01/03/2026, 10:10:00] Ana: three\n"  # a phone's clock set right
                 "[01/03/2026, 10:15:30] Ben: four\n"
                 "[02/03/2026, 09:00:00] Ana: five\n")
    starts = [t.start for t in load_conversation(path).turns]
    assert starts == [0.0, 1800.0, 1800.0, 2130.0, 2130.0 + 81870.0]  # 10:15:30 to 09:00


# -- 2. ISO basic dates in a timestamp ------------------------------------------------------------
def test_an_iso_basic_date_in_a_csv_timestamp_is_a_date_not_epoch_seconds(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "t2.csv",
                 "speaker,text,timestamp\n"
                 f'Ana,"{RUPTURE}",20260301\n'
                 f'Ben,"{REPAIR}",20260302\n')
    assert [t.start for t in load_conversation(path).turns] == [0.0, 86400.0]
    [episode] = analysed(path, capsys)["episodes"]  # type: ignore[misc]
    assert episode["seconds_to_repair"] == 86400.0


def test_an_iso_basic_date_string_in_json_is_a_date(tmp_path: Path) -> None:
    path = write(tmp_path, "t2.json", json.dumps({"turns": [
        {"speaker": "Ana", "text": RUPTURE, "timestamp": "20260301"},
        {"speaker": "Ben", "text": REPAIR, "timestamp": "20260303T120000"},
    ]}))
    assert [t.start for t in load_conversation(path).turns] == [0.0, 2.5 * 86400]


def test_epoch_seconds_in_a_csv_timestamp_still_work(tmp_path: Path) -> None:
    path = write(tmp_path, "epoch.csv",
                 "speaker,text,timestamp\nAna,hi,1772323200\nBen,yo,1772323260.5\n")
    assert [t.start for t in load_conversation(path).turns] == [0.0, 60.5]


# -- 3. a file name that is not UTF-8 --------------------------------------------------------------
NOT_UTF8 = "na\udcffme"  # how Python reads the byte 0xFF in a file name


@pytest.mark.parametrize(("suffix", "text"), [
    (".txt", "Ana: You never listen.\nBen: Fine.\n"),
    (".json", '{"turns": [{"speaker": "Ana", "text": "You never listen."}]}'),
    (".jsonl", '{"speaker": "Ana", "text": "You never listen."}\n'),
    (".csv", "speaker,text\nAna,You never listen.\n"),
    (".vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nAna: You never listen.\n"),
    (".txt", "27/11/2026, 14:03 - Ana: You never listen.\n"),
])
def test_a_file_name_that_is_not_utf8_is_written_with_whole_characters(
        suffix: str, text: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, NOT_UTF8 + suffix, text)
    conversation = load_conversation(path)
    assert conversation.id == "na\ufffdme"
    assert conversation.source == str(tmp_path / ("na\ufffdme" + suffix))
    assert main(["analyze", str(path), "--json", "--mode", "rules"]) == 0
    out = capsys.readouterr().out
    assert "\\udc" not in out and "\udcff" not in out
    assert json.loads(out)["conversation"]["id"] == "na\ufffdme"


def test_a_slack_channel_folder_that_is_not_utf8_is_named_with_whole_characters(
        tmp_path: Path) -> None:
    channel = tmp_path / NOT_UTF8
    channel.mkdir()
    write(channel, "2026-03-01.json",
          json.dumps([{"type": "message", "user": "U1", "text": "You never listen.",
                       "ts": "1772323200.000100"}]))
    conversation = load_conversation(channel)
    assert conversation.id == "na\ufffdme"
    assert conversation.source == str(tmp_path / "na\ufffdme")


def test_a_convokit_corpus_folder_that_is_not_utf8_is_named_with_whole_characters(
        tmp_path: Path) -> None:
    corpus = tmp_path / NOT_UTF8
    corpus.mkdir()
    write(corpus, "utterances.jsonl",
          json.dumps({"id": "u1", "conversation_id": "c1", "speaker": "Ana",
                      "text": "You never listen.", "reply_to": None, "timestamp": None}) + "\n")
    conversation = load_conversation(corpus)
    assert conversation.id == "c1"
    assert conversation.source == str(tmp_path / "na\ufffdme" / "utterances.jsonl")
