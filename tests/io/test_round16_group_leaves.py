"""Round 16 (tester t3): WhatsApp's "Nadia left" is no message and no turn, but it is kept as
the conversation's ``left`` (who, after which turn), for iOS and Android exports, so a leave
right after a fight is not dropped silently; "You left" and those who never spoke are not kept."""

from __future__ import annotations

from pathlib import Path

from mendkit.io import load_conversation
from mendkit.model import Conversation, Leave

ANDROID = """02/03/2026, 12:24 - Ines: Any news from the ward?
02/03/2026, 12:25 - Orla: Oh now you're interested.
02/03/2026, 12:26 - Ines: Forget it.
02/03/2026, 12:26 - Ines left
02/03/2026, 12:30 - Pat: Lads.
02/03/2026, 12:31 - Kit left
02/03/2026, 12:40 - Pat added Ines
02/03/2026, 12:41 - Ines: I'm back.
"""
IOS = """[3/2/26, 7:14:03 PM] Dorm 4B: \u200eMessages and calls are end-to-end encrypted.
[3/2/26, 7:14:30 PM] Nadia: Looks fun. Wish I'd known.
[3/2/26, 7:15:01 PM] Grace: don't make it a thing Nadia
[3/2/26, 7:15:30 PM] Nadia: ok
[3/2/26, 7:15:40 PM] Dorm 4B: \u200eNadia left
[3/2/26, 7:16:00 PM] Dorm 4B: \u200eYou left
[3/2/26, 7:20:51 PM] Luis: did Nadia just leave??
"""


def _read(tmp_path: Path, text: str) -> Conversation:
    path = tmp_path / "chat.txt"
    path.write_text(text, encoding="utf-8")
    return load_conversation(path)


def test_an_android_leave_is_kept_after_the_message_before_it(tmp_path: Path) -> None:
    conversation = _read(tmp_path, ANDROID)
    assert [t.text for t in conversation.turns] == [
        "Any news from the ward?", "Oh now you're interested.", "Forget it.", "Lads.", "I'm back."]
    # Kit never spoke: nothing of theirs to place.
    assert conversation.left == (Leave(speaker="Ines", after_turn=2),)


def test_an_ios_leave_under_the_groups_name_is_kept_and_you_left_is_not(tmp_path: Path) -> None:
    conversation = _read(tmp_path, IOS)
    assert [t.speaker for t in conversation.turns] == ["Nadia", "Grace", "Nadia", "Luis"]
    assert conversation.left == (Leave(speaker="Nadia", after_turn=2),)


def test_a_conversations_leaves_go_through_its_json_and_only_when_there_are_some(
        tmp_path: Path) -> None:
    conversation = _read(tmp_path, IOS)
    data = conversation.to_dict()
    assert data["left"] == [{"speaker": "Nadia", "after_turn": 2}]
    assert Conversation.from_dict(data) == conversation
    assert "left" not in Conversation.from_turns([("Ana", "hi")]).to_dict()
