"""Round eighteen, a legacy ``--encoding`` among files of mixed encodings: a byte-order mark
always says how a file is encoded, and a text that is valid UTF-8 stays UTF-8, so that one
``--encoding cp1252`` for a folder of transcripts never turns its UTF-8 files into mojibake."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from mendkit.errors import InvalidInputError
from mendkit.io import load_conversation

UTF8_LINE = "Zoë: I’m sorry I snapped at you, that’s on me.\n"


def _pairs(path: Path | str, encoding: str | None) -> list[tuple[str, str]]:
    return [(t.speaker, t.text) for t in load_conversation(path, encoding=encoding).turns]


def test_a_utf8_file_read_with_a_legacy_encoding_stays_utf8(tmp_path: Path) -> None:
    path = tmp_path / "utf8plain.txt"
    path.write_bytes(UTF8_LINE.encode("utf-8"))
    assert _pairs(path, "cp1252") == [("Zoë", "I’m sorry I snapped at you, that’s on me.")]


def test_a_legacy_file_is_still_read_in_the_encoding_given(tmp_path: Path) -> None:
    path = tmp_path / "cp1252.txt"
    path.write_bytes("Renée: I’m sorry.\nBo: Thank you.\n".encode("cp1252"))
    assert _pairs(path, "cp1252") == [("Renée", "I’m sorry."), ("Bo", "Thank you.")]
    with pytest.raises(InvalidInputError, match="--encoding"):
        load_conversation(path)


@pytest.mark.parametrize("codec", ["utf-16", "utf-8-sig", "utf-32"])
def test_a_byte_order_mark_wins_over_the_encoding_given(tmp_path: Path, codec: str) -> None:
    path = tmp_path / "marked.txt"
    path.write_bytes("Ana: You never listen.\r\nBen: I’m sorry.\r\n".encode(codec))
    expected = [("Ana", "You never listen."), ("Ben", "I’m sorry.")]
    assert _pairs(path, None) == expected
    for given in ("cp1252", "latin-1", "utf-16-le", "utf-8"):
        assert _pairs(path, given) == expected


def test_a_json_document_in_utf8_with_an_emoji_reads_with_a_legacy_encoding(
        tmp_path: Path) -> None:
    path = tmp_path / "emoji.json"
    # 0x8d (in the UTF-8 of the emoji) is a byte cp1252 has no character for.
    path.write_text('{"turns": [{"speaker": "Ama", "text": "Sorry 🤦\u200d♀️ my bad"}]}',
                    encoding="utf-8")
    assert _pairs(path, "cp1252") == [("Ama", "Sorry 🤦\u200d♀️ my bad")]


def test_each_line_is_utf8_where_it_can_be_so_on_stdin_too(monkeypatch: pytest.MonkeyPatch) -> None:
    data = UTF8_LINE.encode("utf-8") + "Renée: Thank you.\n".encode("cp1252")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert _pairs("-", "cp1252") == [("Zoë", "I’m sorry I snapped at you, that’s on me."),
                                     ("Renée", "Thank you.")]


def test_utf16_without_a_mark_is_still_read_as_given(tmp_path: Path) -> None:
    # Plain ASCII in UTF-16 is valid UTF-8 byte for byte: the given encoding must rule here.
    path = tmp_path / "le.txt"
    path.write_bytes("Ana: hi\nBen: yo\n".encode("utf-16-le"))
    assert _pairs(path, "utf-16-le") == [("Ana", "hi"), ("Ben", "yo")]
