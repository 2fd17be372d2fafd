"""Round 16: a tapback written into the chat as a message ("Loved “im sorry…”", "Reacted 😂 to
“…”") is read as the reaction alone, so the reactor is never credited with the quoted words'
labels (a "Laughed at" a crisis was a crisis of the one who laughed; a "Laughed at" an apology
was an apology)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import mendkit
from mendkit.io import load_conversation
from mendkit.models.classifier import available

CHAT = [
    "Lily: u never listen to me and ur honestly so selfish",
    "Sam: Emphasized \u201cu never listen to me and ur honestly so selfish\u201d",
    "Lily: im sorry i said that. i was tired and took it out on u",
    "Sam: Loved \u201cim sorry i said that. i was tired and took it out on u\u201d",
    "Lily: sometimes i just want to kms fr. not joking",
    "Sam: Laughed at \u201csometimes i just want to kms fr. not joking\u201d",
    "Lily: Reacted \U0001f622 to \u201cLaughed at \u201csometimes i just want to kms fr.\u201d\u201d",
    'Sam: Sam reacted \u2764\ufe0f to "sorry I was so weird earlier"',
    "Lily: Loved an image",
    "Sam: reacted \U0001f44d to your message",
    "Lily: Removed a heart from \u201cim sorry\u201d",
    "Sam: I loved \u201cDune\u201d, the ending got me",
]


def _texts(path: Path) -> list[tuple[str, str]]:
    return [(t.speaker, t.text) for t in load_conversation(path).turns]


def test_plain_text_reactions_are_their_emoji(tmp_path: Path) -> None:
    path = tmp_path / "chat.txt"
    path.write_text("\n".join(CHAT) + "\n", encoding="utf-8")
    assert [text for _, text in _texts(path)] == [
        "u never listen to me and ur honestly so selfish", "\u203c\ufe0f",
        "im sorry i said that. i was tired and took it out on u", "\u2764\ufe0f",
        "sometimes i just want to kms fr. not joking", "\U0001f602", "\U0001f622", "\u2764\ufe0f",
        "\u2764\ufe0f", "\U0001f44d",
        # the reaction taken back is dropped; a person's own sentence stays as written
        "I loved \u201cDune\u201d, the ending got me",
    ]


def test_whatsapp_and_json_reactions_are_their_emoji(tmp_path: Path) -> None:
    chat = tmp_path / "chat.txt"
    chat.write_text("[3/4/26, 9:00:00 PM] Noah: shit. i fell asleep. im so sorry\n"
                    "[3/4/26, 9:01:00 PM] Ava: Laughed at \u201cshit. i fell asleep. im so sorry\u201d\n",
                    encoding="utf-8")
    assert _texts(chat)[1] == ("Ava", "\U0001f602")
    doc = tmp_path / "chat.json"
    doc.write_text(json.dumps({"turns": [
        {"speaker": "Noah", "text": "im so sorry"},
        {"speaker": "Ava", "text": "Liked \u201cim so sorry\u201d"},
    ]}), encoding="utf-8")
    assert _texts(doc)[1] == ("Ava", "\U0001f44d")


@pytest.mark.parametrize("mode", ["rules", "full"])
def test_the_reactor_is_not_credited_with_the_quoted_words(tmp_path: Path, mode: str) -> None:
    if mode == "full" and not available():
        pytest.skip("the shipped model is not installed")
    path = tmp_path / "chat.txt"
    path.write_text("\n".join(CHAT[:7]) + "\n"
                    "Noah: shit. i fell asleep. im so sorry\n"
                    "Ava: Laughed at \u201cshit. i fell asleep. im so sorry\u201d\n",
                    encoding="utf-8")
    analysis = mendkit.analyze(path, mode=mode).to_dict()
    turns = analysis["turns"]
    assert analysis["safety"]["turns"] == [4]  # Lily's crisis, not Sam's laugh at it
    for index in (1, 3, 5, 6, 8):  # the reactions
        assert not any(label.startswith(("repair.", "risk.")) for label in turns[index]["labels"])
        assert all(e["text"] in turns[index]["text"] for e in turns[index]["evidence"])
