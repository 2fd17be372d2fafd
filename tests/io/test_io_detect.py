"""Format detection (extension, folder layout, sniffing, override), stdin and the public API."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

import mendkit.io
from mendkit.errors import InvalidInputError
from mendkit.io import FORMATS, detect_format, load_conversation

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "conversations"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("zoom.vtt", "vtt"), ("teams.vtt", "vtt"), ("session.srt", "srt"), ("turns.json", "json"),
        ("turns.jsonl", "jsonl"), ("turns.csv", "csv"), ("couple.txt", "text"),
        ("chat_ios.txt", "whatsapp"), ("chat_android.txt", "whatsapp"),
        ("slack_export", "slack"), ("slack_export/general", "slack"),
        ("convokit_corpus", "convokit"), ("convokit_corpus/utterances.jsonl", "convokit"),
    ],
)
def test_detect_by_extension_and_folder(name: str, expected: str) -> None:
    path = FIXTURES / name
    head = path.read_text(encoding="utf-8")[:8192] if path.is_file() else ""
    assert detect_format(path, head) == expected


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        ("zoom.vtt", "vtt"), ("teams.vtt", "vtt"), ("session.srt", "srt"), ("turns.json", "json"),
        ("turns.jsonl", "jsonl"), ("turns.csv", "csv"), ("couple.txt", "text"),
        ("timed.txt", "text"), ("chat_ios.txt", "whatsapp"), ("chat_android.txt", "whatsapp"),
    ],
)
def test_detect_by_sniffing_without_a_telling_extension(
    tmp_path: Path, fixture: str, expected: str
) -> None:
    content = (FIXTURES / fixture).read_bytes()
    for name in ("transcript", "transcript.log"):
        path = tmp_path / name
        path.write_bytes(content)
        assert detect_format(path, content.decode("utf-8")) == expected
        assert load_conversation(path).format == expected


def test_single_line_json_sniffs_as_json_or_jsonl() -> None:
    assert detect_format(None, '{"turns": [{"speaker": "A", "text": "x"}]}') == "json"
    assert detect_format(None, '{"speaker": "A", "text": "x"}') == "jsonl"


def test_txt_with_a_vtt_inside_is_read_as_vtt(tmp_path: Path) -> None:
    path = tmp_path / "zoom_export.txt"
    path.write_bytes((FIXTURES / "zoom.vtt").read_bytes())
    assert load_conversation(path).format == "vtt"


def test_format_override_beats_the_extension(tmp_path: Path) -> None:
    path = tmp_path / "notes.json"
    path.write_text("Ana: This isn't JSON at all.\nBen: No, it isn't.\n", encoding="utf-8")
    conversation = load_conversation(path, format="text")
    assert conversation.format == "text"
    assert conversation.turns[1].text == "No, it isn't."


def test_unrecognisable_content_asks_for_format(tmp_path: Path) -> None:
    path = tmp_path / "mystery"
    path.write_text("just some words\nwithout any speakers\n", encoding="utf-8")
    with pytest.raises(InvalidInputError, match="--format") as info:
        load_conversation(path)
    assert str(path) in str(info.value)


def test_stdin_with_a_binary_buffer(monkeypatch: pytest.MonkeyPatch) -> None:
    data = (FIXTURES / "chat_android.txt").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    conversation = load_conversation("-")
    assert conversation.format == "whatsapp"
    assert conversation.source == "<stdin>"
    assert conversation.id == "stdin"
    assert len(conversation.turns) == 4


def test_stdin_larger_than_the_sniffed_head(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = [f"{'Ana' if i % 2 else 'Ben'}: message number {i} " + "x" * 40 for i in range(2000)]
    data = ("\r\n".join(lines) + "\r\n").encode("utf-8-sig")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    conversation = load_conversation("-")
    assert [t.text for t in conversation.turns] == [line.split(": ", 1)[1] for line in lines]


def test_stdin_as_a_plain_text_stream(monkeypatch: pytest.MonkeyPatch) -> None:
    vtt = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nAna: Hi.\n"
    monkeypatch.setattr(sys, "stdin", io.StringIO(vtt))
    conversation = load_conversation("-")
    assert conversation.format == "vtt"
    assert [(t.speaker, t.text, t.start) for t in conversation.turns] == [("Ana", "Hi.", 1.0)]


def test_stdin_utf16(monkeypatch: pytest.MonkeyPatch) -> None:
    data = (FIXTURES / "utf16.txt").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    assert [t.speaker for t in load_conversation("-").turns] == ["Mira", "Owen"]


def test_stdin_errors_name_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Ana: ok\nBen: caf\xe9\n")))
    with pytest.raises(InvalidInputError, match=r"^<stdin>:2: .*--encoding"):
        load_conversation("-")


def test_public_api_is_sorted_complete_and_formats_are_named() -> None:
    assert mendkit.io.__all__ == sorted(mendkit.io.__all__)
    public = {n for n in dir(mendkit.io) if not n.startswith("_")}
    module = type(mendkit.io)
    functions = {
        n for n in public
        if callable(getattr(mendkit.io, n)) and not isinstance(getattr(mendkit.io, n), module)
    }
    assert functions <= set(mendkit.io.__all__)
    assert FORMATS == (
        "text", "vtt", "srt", "json", "jsonl", "csv", "whatsapp", "slack", "convokit",
    )


def test_iter_conversations_reads_stdin_once(monkeypatch: pytest.MonkeyPatch) -> None:
    data = (FIXTURES / "session.srt").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    conversations = list(mendkit.io.iter_conversations("-"))
    assert [len(c.turns) for c in conversations] == [4]


def test_iter_conversations_from_jsonl_on_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    data = (FIXTURES / "corpus.jsonl").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    assert [c.id for c in mendkit.io.iter_conversations("-")] == ["c1", "c2"]
