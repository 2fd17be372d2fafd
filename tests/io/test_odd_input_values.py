"""Odd values inside otherwise well-formed input: half characters, numbers out of range, system
lines that look like messages, direction marks, timestamps without ``start``; and a ConvoKit
corpus written back with its own data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mendkit.cli.main import main
from mendkit.errors import FormatError, InvalidInputError
from mendkit.io import load_conversation, write_convokit


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def error_for(path: Path) -> InvalidInputError:
    with pytest.raises(InvalidInputError) as info:
        load_conversation(path)
    return info.value


# -- half a character (a lone surrogate escape) -------------------------------------------------

def test_lone_surrogate_in_json_names_the_file_line_and_field(tmp_path: Path) -> None:
    path = write(tmp_path, "surr.json",
                 '{"turns": [{"speaker": "Ana", "text": "Hello."},\n'
                 '  {"speaker": "Ben", "text": "You never listen \\ud83d"}]}')
    error = error_for(path)
    assert isinstance(error, FormatError)
    assert (error.source, error.line) == (str(path), 2)
    assert "expected turns[1].text to be whole characters" in str(error)
    assert 'a lone "\\ud83d" escape' in str(error)


def test_lone_surrogate_in_jsonl_names_the_line_and_field(tmp_path: Path) -> None:
    path = write(tmp_path, "s.jsonl",
                 '{"speaker": "Ana", "text": "hi"}\n{"speaker": "Ben", "text": "hi \\udc00"}\n')
    error = error_for(path)
    assert error.line == 2
    assert 'expected "text" to be whole characters' in str(error)


def test_a_whole_escaped_emoji_is_read(tmp_path: Path) -> None:
    path = write(tmp_path, "emoji.json", '{"turns": [{"speaker": "Ana", "text": "hi \\ud83d\\ude00"}]}')
    assert load_conversation(path).turns[0].text == "hi \U0001f600"


def test_lone_surrogate_is_an_input_error_in_the_cli(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "surr.json", '{"turns":[{"speaker":"Ana","text":"You never \\ud83d"}]}')
    assert main(["analyze", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"{path}:1: expected turns[0].text to be whole characters" in err
    assert "internal error" not in err


# -- numbers out of range -----------------------------------------------------------------------

@pytest.mark.parametrize("ts", ["nan", "inf", "1e20"])
def test_slack_ts_out_of_range_is_a_format_error(tmp_path: Path, ts: str) -> None:
    day = write(tmp_path, "c/2026-11-27.json",
                json.dumps([{"type": "message", "user": "U1", "text": "Hi.", "ts": "1764252000.1"},
                            {"type": "message", "user": "U2", "text": "You never listen.",
                             "ts": ts}]))
    error = error_for(tmp_path / "c")
    assert error.source == str(day)
    assert f'expected message 1 to have a "ts" such as "1764252192.000200", found {ts!r}' in str(
        error
    )


def test_convokit_timestamp_out_of_range_is_a_format_error(tmp_path: Path) -> None:
    write(tmp_path, "ck/utterances.jsonl",
          '{"id": "u1", "speaker": "Ana", "conversation_id": "c", "timestamp": 1e20, '
          '"text": "You never listen."}\n')
    error = error_for(tmp_path / "ck")
    assert error.line == 1
    assert '"timestamp"' in str(error) and "1e+20" in str(error)


def test_huge_integer_start_is_a_format_error(tmp_path: Path) -> None:
    big = "1" + "0" * 400
    path = write(tmp_path, "bigint.json",
                 f'{{"turns": [{{"speaker": "Ana", "text": "hi", "start": {big}}}]}}')
    error = error_for(path)
    assert "expected turns[0].start to be seconds" in str(error)
    assert len(str(error)) < len(str(path)) + 200  # the 401 digits are cut short


def test_integer_too_long_to_read_is_invalid_json(tmp_path: Path) -> None:
    huge = "1" + "0" * 5000
    path = write(tmp_path, "hugeint.json",
                 f'{{"turns": [\n{{"speaker": "Ana", "text": "hi", "start": {huge}}}]}}')
    error = error_for(path)
    assert isinstance(error, FormatError)
    assert error.line == 2
    assert str(error).startswith(f"{path}:2: expected valid JSON")


def test_integer_too_long_in_jsonl_names_the_line(tmp_path: Path) -> None:
    huge = "1" + "0" * 5000
    path = write(tmp_path, "h.jsonl",
                 f'{{"speaker": "Ana", "text": "hi"}}\n{{"speaker": "B", "text": "x", "start": {huge}}}\n')
    error = error_for(path)
    assert error.line == 2
    assert "expected one JSON object per line" in str(error)


# -- WhatsApp system lines, direction marks -----------------------------------------------------

def test_whatsapp_subject_change_with_a_colon_is_not_a_message(tmp_path: Path) -> None:
    path = write(tmp_path, "chat.txt",
                 '27/11/2026, 14:03 - Ana changed the subject from "Plans" to "Re: weekend"\n'
                 "27/11/2026, 14:04 - Ana: You always do this.\n"
                 "27/11/2026, 14:06 - Ben: I'm sorry. I was wrong.\n")
    conversation = load_conversation(path)
    assert [(t.speaker, t.text) for t in conversation.turns] == [
        ("Ana", "You always do this."), ("Ben", "I'm sorry. I was wrong.")]
    assert conversation.turns[0].start == 0.0


def test_text_speaker_names_lose_direction_marks(tmp_path: Path) -> None:
    path = write(tmp_path, "t.txt",
                 "Ana: You never listen to me.\nBen: I am sorry.\n\u200fAna: Thank you.\n")
    conversation = load_conversation(path)
    assert [s.id for s in conversation.speakers] == ["Ana", "Ben"]
    assert conversation.turns[2].speaker == "Ana"


# -- start derived from timestamps --------------------------------------------------------------

def test_jsonl_epoch_timestamps_give_start(tmp_path: Path) -> None:
    path = write(tmp_path, "ts.jsonl",
                 '{"speaker": "Ana", "text": "You never listen.", "timestamp": 1764252000}\n'
                 '{"speaker": "Ben", "text": "Sorry.", "timestamp": 1764252600}\n')
    assert [t.start for t in load_conversation(path).turns] == [0.0, 600.0]


def test_csv_iso_and_epoch_timestamps_give_start(tmp_path: Path) -> None:
    iso = write(tmp_path, "iso.csv", "speaker,text,timestamp\n"
                "Ana,Hi.,2026-11-27T14:00:00Z\nBen,Hello.,2026-11-27T14:10:30+00:00\n")
    epoch = write(tmp_path, "epoch.csv", "speaker,text,timestamp\nAna,Hi.,100\nBen,Hello.,160.5\n")
    assert [t.start for t in load_conversation(iso).turns] == [0.0, 630.0]
    assert [t.start for t in load_conversation(epoch).turns] == [0.0, 60.5]


def test_json_timestamps_leave_a_given_start_alone(tmp_path: Path) -> None:
    path = write(tmp_path, "s.json", json.dumps({"turns": [
        {"speaker": "Ana", "text": "Hi.", "start": 5, "timestamp": "2026-11-27T14:00:00"},
        {"speaker": "Ben", "text": "Hi.", "timestamp": "2026-11-27T14:10:00"}]}))
    assert [t.start for t in load_conversation(path).turns] == [5.0, None]


def test_analyze_json_has_seconds_to_repair_from_timestamps(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "ts.jsonl",
                 '{"speaker": "Ana", "text": "You never listen to me.", "timestamp": 1764252000}\n'
                 '{"speaker": "Ben", "text": "I\'m sorry, that was my fault.", '
                 '"timestamp": 1764252600}\n'
                 '{"speaker": "Ana", "text": "Thank you, I appreciate it.", '
                 '"timestamp": 1764253000}\n')
    assert main(["analyze", str(path), "--json", "--mode", "rules"]) == 0
    episode = json.loads(capsys.readouterr().out)["episodes"][0]
    assert episode["seconds_to_repair"] == 600.0


# -- Slack ------------------------------------------------------------------------------------

def test_slack_start_has_no_float_noise(tmp_path: Path) -> None:
    write(tmp_path, "c/2026-11-27.json", json.dumps([
        {"type": "message", "user": "U1", "text": "You never listen.", "ts": "1764252000.000100"},
        {"type": "message", "user": "U2", "text": "Sorry.", "ts": "1764252060.000200"}]))
    assert [t.start for t in load_conversation(tmp_path / "c").turns] == [0.0, 60.0001]


def test_slack_export_with_several_channels_points_to_mend_batch(tmp_path: Path) -> None:
    day = json.dumps([{"type": "message", "user": "U1", "text": "hi", "ts": "1764252000.000100"}])
    write(tmp_path, "sx/general/2026-11-27.json", day)
    write(tmp_path, "sx/random/2026-11-27.json", day)
    message = str(error_for(tmp_path / "sx"))
    assert "expected one channel, found 2 (general, random)" in message
    assert "`mend batch" in message
    assert "mendkit.io.iter_conversations()" in message


# -- ConvoKit written back ----------------------------------------------------------------------

def test_convokit_written_back_keeps_its_meta_and_timestamps(tmp_path: Path) -> None:
    corpus = tmp_path / "ck"
    write(tmp_path, "ck/utterances.jsonl",
          '{"id": "v1", "speaker": "carol", "conversation_id": "v1", "reply_to": null, '
          '"timestamp": 100, "text": "Whatever.", "meta": {"toxicity": 0.2}}\n'
          '{"id": "v2", "speaker": "dan", "conversation_id": "v1", "reply_to": "v1", '
          '"timestamp": 105, "text": "Can we talk about it?", "meta": {"toxicity": 0.0}}\n')
    write(tmp_path, "ck/conversations.json", '{"v1": {"meta": {"split": "train"}, "vectors": []}}')
    write(tmp_path, "ck/speakers.json",
          '{"carol": {"meta": {"age": 30}, "vectors": []}, "dan": {"meta": {}, "vectors": []}}')
    out = write_convokit(load_conversation(corpus), tmp_path / "out",
                         turn_meta=lambda c, t: {"mend_labels": [t.speaker]})
    lines = [json.loads(line) for line in (out / "utterances.jsonl").read_text().splitlines()]
    assert [(u["id"], u["timestamp"]) for u in lines] == [("v1", 100), ("v2", 105)]
    assert lines[0]["meta"]["toxicity"] == 0.2
    assert lines[1]["meta"]["mend_labels"] == ["dan"]
    assert json.loads((out / "conversations.json").read_text())["v1"]["meta"] == {"split": "train"}
    assert json.loads((out / "speakers.json").read_text())["carol"]["meta"] == {"age": 30}
    again = load_conversation(out)
    assert [(t.id, t.start, t.speaker) for t in again.turns] == [
        ("v1", 0.0, "carol"), ("v2", 5.0, "dan")]


def test_lone_surrogate_in_a_batch_fails_its_conversation_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = write(tmp_path, "corpus.jsonl",
                   '{"conversation_id": "a", "speaker": "Ana", "text": "hi \\ud83d"}\n'
                   '{"conversation_id": "b", "speaker": "Ana", "text": "You never listen."}\n')
    out = tmp_path / "out.jsonl"
    code = main(["batch", str(corpus), "--out", str(out), "--workers", "1", "--no-progress"])
    assert "internal error" not in capsys.readouterr().err
    assert code == 0  # a batch collects the errors of its conversations
    assert [json.loads(line)["conversation"]["id"] for line in out.read_text().splitlines()] == [
        "b"]
    errors = [json.loads(line) for line in (tmp_path / "out.errors.jsonl").read_text().splitlines()]
    assert [e["id"] for e in errors] == ["a"]
    assert 'expected the "text" of the object on line 1 to be whole characters' in errors[0][
        "message"]
