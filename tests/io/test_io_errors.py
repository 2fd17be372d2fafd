"""Bad input raises InvalidInputError naming the file, the line, what was expected and found."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mendkit.errors import FormatError, InvalidInputError
from mendkit.io import iter_conversations, load_conversation

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "conversations"


def error_for(path: Path, **options: object) -> InvalidInputError:
    with pytest.raises(InvalidInputError) as info:
        load_conversation(path, **options)  # type: ignore[arg-type]
    return info.value


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_binary_file() -> None:
    error = error_for(FIXTURES / "binary.bin", format="text")
    assert error.source == str(FIXTURES / "binary.bin")
    assert "looks like a binary file, not a conversation" in str(error)
    assert str(error).startswith(str(FIXTURES / "binary.bin"))


def test_binary_file_is_refused_before_detection() -> None:
    assert "binary" in str(error_for(FIXTURES / "binary.bin"))


def test_utf16_without_bom_gets_a_hint(tmp_path: Path) -> None:
    path = tmp_path / "chat.txt"
    path.write_bytes("Ana: hi\nBen: hello\n".encode("utf-16-le"))
    assert "--encoding utf-16-le" in str(error_for(path))
    assert load_conversation(path, encoding="utf-16-le").turns[1].text == "hello"


def test_empty_file() -> None:
    error = error_for(FIXTURES / "empty.txt")
    assert error.source == str(FIXTURES / "empty.txt")
    assert "empty" in str(error)


def test_blank_lines_only(tmp_path: Path) -> None:
    assert "empty" in str(error_for(write(tmp_path, "blank.txt", "\n  \n\n")))


def test_json_with_no_turns(tmp_path: Path) -> None:
    error = error_for(write(tmp_path, "none.json", '{"turns": []}'))
    assert isinstance(error, FormatError)
    assert "no turns found" in str(error)


def test_truncated_vtt_names_the_last_timing_line() -> None:
    error = error_for(FIXTURES / "truncated.vtt")
    assert isinstance(error, FormatError)
    assert (error.source, error.line) == (str(FIXTURES / "truncated.vtt"), 12)
    assert f"{FIXTURES / 'truncated.vtt'}:12:" in str(error)
    assert "truncated" in str(error)


def test_malformed_vtt_time_line(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.vtt", "WEBVTT\n\n1\n00:00:01.000 --> 00:00:0x.000\nAna: hi\n")
    error = error_for(path)
    assert error.line == 4
    assert "expected a cue timing line like '00:00:01.000 --> 00:00:04.000'" in str(error)
    assert "00:00:0x.000" in str(error)


def test_vtt_cut_inside_a_timing_line(tmp_path: Path) -> None:
    text = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nAna: hi\n\n2\n00:00:03.0"
    path = write(tmp_path, "cut.vtt", text)
    assert error_for(path).line == 7


def test_vtt_without_header(tmp_path: Path) -> None:
    error = error_for(write(tmp_path, "x.vtt", "00:00:01.000 --> 00:00:02.000\nAna: hi\n"))
    assert error.line == 1
    assert "WEBVTT" in str(error)


def test_vtt_first_cue_without_a_speaker(tmp_path: Path) -> None:
    path = write(tmp_path, "auto.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nhello there\n")
    error = error_for(path)
    assert error.line == 4
    assert "name its speaker" in str(error)


def test_srt_first_cue_without_a_speaker(tmp_path: Path) -> None:
    path = write(tmp_path, "x.srt", "1\n00:00:01,000 --> 00:00:02,000\nwhere were you\n")
    error = error_for(path)
    assert (error.line, "Name: " in str(error)) == (3, True)


def test_srt_truncated_at_the_end(tmp_path: Path) -> None:
    text = "1\n00:00:01,000 --> 00:00:02,000\nAna: hi\n\n2\n00:00:03,000 --> 00:00:04,000\n"
    path = write(tmp_path, "x.srt", text)
    assert error_for(path).line == 6


def test_malformed_json_gives_line_and_column() -> None:
    error = error_for(FIXTURES / "bad.json")
    assert isinstance(error, FormatError)
    assert error.line == 5
    assert "column 3" in str(error)
    assert str(error).startswith(f"{FIXTURES / 'bad.json'}:5: expected valid JSON")


def test_json_turn_without_speaker(tmp_path: Path) -> None:
    document = {"turns": [{"speaker": "A", "text": "x"}, {"text": "y"}]}
    path = write(tmp_path, "t.json", json.dumps(document))
    error = error_for(path)
    assert "turns[1]" in str(error)
    assert '"speaker"' in str(error)


def test_json_lines_named_json_gets_a_hint(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    path.write_bytes((FIXTURES / "turns.jsonl").read_bytes())
    error = error_for(path)
    assert error.line == 2
    assert "--format jsonl" in str(error)


def test_jsonl_bad_line(tmp_path: Path) -> None:
    text = '{"speaker": "A", "text": "x"}\n\n{"speaker": "B", "text": \n'
    path = write(tmp_path, "t.jsonl", text)
    error = error_for(path)
    assert error.line == 3
    assert "one JSON object per line" in str(error)


def test_jsonl_bad_start(tmp_path: Path) -> None:
    path = write(tmp_path, "t.jsonl", '{"speaker": "A", "text": "x", "start": "soon"}\n')
    error = error_for(path)
    assert error.line == 1
    assert "'soon'" in str(error)


def test_jsonl_conversation_that_comes_back(tmp_path: Path) -> None:
    rows = [("a", "A"), ("b", "B"), ("a", "A")]
    path = write(tmp_path, "t.jsonl", "".join(
        json.dumps({"conversation_id": c, "speaker": s, "text": "x"}) + "\n" for c, s in rows
    ))
    with pytest.raises(FormatError) as info:
        list(iter_conversations(path))
    assert info.value.line == 3
    assert "'a'" in str(info.value)


def test_several_conversations_where_one_is_expected() -> None:
    error = error_for(FIXTURES / "corpus.jsonl")
    assert "iter_conversations" in str(error)
    assert "slack_export" in str(error_for(FIXTURES / "slack_export"))
    assert "several" in str(error_for(FIXTURES / "convokit_corpus"))


def test_csv_missing_columns(tmp_path: Path) -> None:
    path = write(tmp_path, "t.csv", "who,what\nAna,hello\n")
    error = error_for(path)
    assert error.line == 1
    assert "speaker column" in str(error)
    assert "'who'" in str(error)


def test_csv_short_row(tmp_path: Path) -> None:
    path = write(tmp_path, "t.csv", "text,speaker,start\nhello,Ana,1\nhi\n")
    error = error_for(path)
    assert error.line == 3
    assert "expected 3 fields" in str(error)


def test_text_line_before_any_speaker_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, "t.txt", "\nSession 4, notes\nAna: hi\n")
    error = error_for(path, format="text")
    assert error.line == 2
    assert "'Speaker: text'" in str(error)
    assert "'Session 4, notes'" in str(error)


def test_invalid_utf8_names_the_line_and_suggests_an_encoding() -> None:
    error = error_for(FIXTURES / "cp1252.txt")
    assert error.line == 1
    assert "--encoding cp1252" in str(error)
    assert str(error).startswith(f"{FIXTURES / 'cp1252.txt'}:1:")


def test_invalid_utf8_late_in_a_long_file(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_bytes(b"Ana: fine\n" * 5000 + b"Ben: na\xefve\n")
    assert error_for(path).line == 5001


def test_whatsapp_impossible_date(tmp_path: Path) -> None:
    text = "[30/01/2026, 10:00:00] A: hi\n[31/02/2026, 10:00:00] B: no\n"
    path = write(tmp_path, "chat.txt", text)
    error = error_for(path)
    assert error.line == 2
    assert "valid date" in str(error)


def test_whatsapp_text_before_the_first_message(tmp_path: Path) -> None:
    path = write(tmp_path, "chat.txt", "Chat with Ana\n[30/01/2026, 10:00:00] A: hi\n")
    error = error_for(path, format="whatsapp")
    assert error.line == 1


def test_slack_day_file_with_bad_json(tmp_path: Path) -> None:
    channel = tmp_path / "export" / "general"
    channel.mkdir(parents=True)
    (channel / "2026-11-27.json").write_text('[{"ts": "1.0", "text": "hi",}]', encoding="utf-8")
    with pytest.raises(FormatError) as info:
        load_conversation(tmp_path / "export")
    assert info.value.source == str(channel / "2026-11-27.json")
    assert info.value.line == 1


def test_convokit_utterance_without_speaker(tmp_path: Path) -> None:
    text = '{"id": "1", "conversation_id": "1", "text": "x"}\n'
    path = write(tmp_path, "utterances.jsonl", text)
    error = error_for(path)
    assert (error.line, '"speaker"' in str(error)) == (1, True)


def test_missing_file_unknown_format_and_encoding(tmp_path: Path) -> None:
    assert "no such file" in str(error_for(tmp_path / "nope.txt"))
    assert "unknown format" in str(error_for(FIXTURES / "couple.txt", format="docx"))
    assert "unknown encoding" in str(error_for(FIXTURES / "couple.txt", encoding="klingon"))


def test_a_folder_that_is_neither_slack_nor_convokit(tmp_path: Path) -> None:
    assert "Slack export" in str(error_for(tmp_path))


def test_errors_are_value_errors() -> None:
    with pytest.raises(ValueError, match="binary"):
        load_conversation(FIXTURES / "binary.bin")


def test_text_in_a_mostly_non_ascii_encoding_is_not_called_binary(tmp_path: Path) -> None:
    path = tmp_path / "ru.txt"
    path.write_bytes("Аня: Ты опять опоздал.\nБорис: Прости меня.\n".encode("cp1251"))
    error = error_for(path, format="text")
    assert (error.line, "--encoding" in str(error)) == (1, True)
    assert load_conversation(path, encoding="cp1251").turns[1].speaker == "Борис"


DEEP = "[" * 100_000  # deeper than the json module can read: a RecursionError inside it


@pytest.mark.parametrize("name", ["deep.json", "deep.txt", "deep"])
def test_json_nested_too_deep_is_a_clear_error(tmp_path: Path, name: str) -> None:
    error = error_for(write(tmp_path, name, DEEP + "\n"))
    assert isinstance(error, FormatError)
    assert error.source == str(tmp_path / name)


@pytest.mark.parametrize("name", ["chat.jsonl", "utterances.jsonl"])
def test_a_json_line_nested_too_deep_names_its_line(tmp_path: Path, name: str) -> None:
    first = (json.dumps({"id": "1", "conversation_id": "c", "speaker": "Ana", "text": "hi"})
             if name == "utterances.jsonl" else json.dumps({"speaker": "Ana", "text": "hi"}))
    error = error_for(write(tmp_path, name, first + "\n" + DEEP + "\n"))
    assert isinstance(error, FormatError)
    assert (error.line, "nested too deep" in str(error)) == (2, True)


def test_a_csv_message_longer_than_the_csv_modules_default_field_is_read(tmp_path: Path) -> None:
    long_text = "I keep going over it, " * 10_000  # 220,000 characters: over csv's 131,072
    path = write(tmp_path, "long.csv", f'speaker,text\nAna,"{long_text}"\nBen,ok\n')
    turns = load_conversation(path).turns
    # all of it, less the space at its end (readers trim a turn's outer space)
    assert (turns[0].text, turns[1].text) == (long_text.rstrip(), "ok")


def test_a_csv_field_over_the_limit_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import csv

    from mendkit.io import csvfile

    monkeypatch.setattr(csvfile, "FIELD_LIMIT", 1_000)
    previous = csv.field_size_limit(1_000)
    try:
        path = write(tmp_path, "long.csv", 'speaker,text\nAna,hi\nBen,"' + "x" * 2_000 + '"\n')
        error = error_for(path)
    finally:
        csv.field_size_limit(previous)
    assert isinstance(error, FormatError)
    assert (error.line, "field larger than field limit" in str(error)) == (3, True)


def test_a_csv_quote_left_open_is_an_error_not_one_long_message(tmp_path: Path) -> None:
    text = 'speaker,text\nAlex,"You never listen\nSam,Fine.\nAlex,Where did you go?\n'
    error = error_for(write(tmp_path, "open.csv", text))
    assert isinstance(error, FormatError)
    assert (error.line, "closing quote" in str(error)) == (2, True)


def test_a_csv_message_over_several_lines_in_quotes_is_still_one_turn(tmp_path: Path) -> None:
    text = 'speaker,text\nAlex,"You never\nlisten, do you ""really""?"\nSam,Fine.\n'
    turns = load_conversation(write(tmp_path, "multi.csv", text)).turns
    assert [t.text for t in turns] == ['You never\nlisten, do you "really"?', "Fine."]
