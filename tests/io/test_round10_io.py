"""Round ten: conversations and messages from people who do not write in English."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from mendkit.cli.main import main
from mendkit.io import load_conversation


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("placeholder", [
    "<Multimedia omitido>", "Se eliminó este mensaje.", "<Médias omis>",
    "Ce message a été supprimé", "<Medien ausgeschlossen>", "Diese Nachricht wurde gelöscht.",
    "<Mídia oculta>", "Mensagem apagada", "<Media omessi>", "Questo messaggio è stato eliminato",
    "<Media weggelaten>", "Dit bericht is verwijderd",
])
def test_a_whatsapp_placeholder_in_another_language_is_not_a_turn(
        tmp_path: Path, placeholder: str) -> None:
    path = _write(tmp_path, "chat.txt",
                  "12/03/2024, 10:15 - Ana: Nunca me escuchas.\n"
                  f"12/03/2024, 10:16 - Luis: {placeholder}\n"
                  "12/03/2024, 10:17 - Luis: Lo siento.\n")
    conversation = load_conversation(path)
    assert [(t.speaker, t.text) for t in conversation.turns] == [
        ("Ana", "Nunca me escuchas."), ("Luis", "Lo siento.")]


def test_a_message_that_mentions_a_placeholder_is_still_a_turn(tmp_path: Path) -> None:
    path = _write(tmp_path, "chat.txt",
                  "12/03/2024, 10:15 - Ana: Why did you write Mensagem apagada to me?\n")
    assert [t.text for t in load_conversation(path).turns] == [
        "Why did you write Mensagem apagada to me?"]


def test_the_full_width_colon_of_cjk_input_names_the_speaker(tmp_path: Path) -> None:
    path = _write(tmp_path, "chat.txt", "小明：你从来不听我说话。\n小红： 我很忙。\n")
    conversation = load_conversation(path)
    assert [(t.speaker, t.text) for t in conversation.turns] == [
        ("小明", "你从来不听我说话。"), ("小红", "我很忙。")]


def _stdin_bytes(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    stream = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", errors="surrogateescape")
    monkeypatch.setattr(sys, "stdin", stream)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_check_reads_a_message_with_a_wide_byte_order_mark_from_stdin(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        encoding: str) -> None:
    message = "I'm sorry, it was my fault."
    data = ("\ufeff" + message).encode(encoding) if encoding.endswith("-be") \
        else message.encode(encoding)
    _stdin_bytes(monkeypatch, data)
    assert main(["check", "-", "--json", "--mode", "rules"]) == 0
    assert json.loads(capsys.readouterr().out)["text"] == message


def test_a_broken_utf16_message_on_stdin_is_a_clear_error(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    _stdin_bytes(monkeypatch, b"\xff\xfeA\x00\x00\xd8")  # a lone half of a character at the end
    assert main(["check", "-"]) == 1
    err = capsys.readouterr().err
    assert "not valid UTF-16 text" in err and "internal error" not in err


# The re-run's findings.
@pytest.mark.parametrize("line", ["我昨天跟他说，你为什么总是这样：我受够了。", "真的吗？他说：我很忙。"])
def test_a_cjk_prose_line_with_a_colon_continues_the_turn(tmp_path: Path, line: str) -> None:
    path = _write(tmp_path, "chat.txt", f"小明：你从来不听我说话。\n{line}\n小红：我很忙！\n")
    conversation = load_conversation(path)
    assert [t.speaker for t in conversation.turns] == ["小明", "小红"]
    assert line in conversation.turns[0].text


@pytest.mark.parametrize("placeholder", ["<Без медиафайлов>", "<Medya dahil edilmedi>",
                                         "<Media tidak disertakan>", "Pesan ini telah dihapus",
                                         "Данное сообщение удалено", "Bu mesaj silindi"])
def test_more_whatsapp_placeholders_are_not_turns(tmp_path: Path, placeholder: str) -> None:
    path = _write(tmp_path, "chat.txt", "12/03/2024, 10:15 - Ana: Ты меня не слушаешь.\n"
                  f"12/03/2024, 10:16 - Luis: {placeholder}\n12/03/2024, 10:17 - Luis: <3\n"
                  "12/03/2024, 10:18 - Ana: <sigh>\n")
    assert [t.text for t in load_conversation(path).turns] == [
        "Ты меня не слушаешь.", "<3", "<sigh>"]


def test_utf16_without_a_byte_order_mark_on_stdin_is_named(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    _stdin_bytes(monkeypatch, "I'm sorry, it was my fault.".encode("utf-16-le"))
    assert main(["check", "-"]) == 1
    err = capsys.readouterr().err
    assert "UTF-16 text without a byte-order mark" in err and "binary" not in err
