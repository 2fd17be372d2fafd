"""Round twelve: ``mend batch`` over a folder that holds several Slack exports (and other
transcripts) reads each export as Slack, one conversation a channel."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from mendkit.batch.inputs import count_conversations, read_items
from mendkit.cli.main import main

T0 = 1793610000.0


def _batch(*args: str) -> int:
    return main(["batch", *args, "--no-progress", "--workers", "1"])


def _lines(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _message(user: str, text: str, at: float, **extra: Any) -> dict[str, Any]:
    return {"type": "message", "user": user, "text": text, "ts": f"{T0 + at:.6f}", **extra}


def _export(root: Path, people: dict[str, str],
            channels: dict[str, list[dict[str, Any]]]) -> Path:
    root.mkdir(parents=True)
    (root / "users.json").write_text(json.dumps(
        [{"id": uid, "name": name.lower(), "real_name": name, "profile": {"real_name": name}}
         for uid, name in people.items()]
        + [{"id": "UBOT", "name": "bot", "real_name": "Helper", "is_bot": True}]),
        encoding="utf-8")
    (root / "channels.json").write_text(json.dumps([{"name": name} for name in channels]),
                                        encoding="utf-8")
    for name, messages in channels.items():
        (root / name).mkdir()
        (root / name / "2026-11-02.json").write_text(json.dumps(messages), encoding="utf-8")
    return root


def _workspaces(folder: Path) -> Path:
    _export(folder / "acme", {"U1": "Dana Whitfield", "U2": "Sam Ortiz"}, {
        "proj-atlas": [
            _message("U1", "<@U2> the client numbers are wrong again.", 0),
            _message("UBOT", "set the channel topic: Q4 refresh", 30, subtype="channel_topic"),
            _message("UBOT", "Reminder: retro at 3pm", 60),
            _message("U2", "That's on me, I'll fix them by noon.", 120),
        ],
        "general": [_message("U2", "Lunch at noon?", 0), _message("U1", "Sure!", 60)],
    })
    _export(folder / "globex", {"U1": "Ana Lopez", "U3": "Ben Park"}, {
        "general": [_message("U1", "Standup moved to 10.", 0),
                    _message("U3", "Thanks for the heads-up.", 60, bot_id=None)],
    })
    (folder / "notes.txt").write_text("Ana: You never listen.\nBen: I'm sorry.\n", encoding="utf-8")
    return folder


def test_a_folder_of_slack_exports_is_read_one_conversation_a_channel(tmp_path: Path) -> None:
    folder = _workspaces(tmp_path / "exports")
    out = tmp_path / "all.jsonl"
    assert _batch(str(folder), "--out", str(out)) == 0
    results = {r["conversation"]["id"]: r for r in _lines(out)}
    # Channel names repeat across workspaces ("general"): a channel is named by its path.
    assert list(results) == ["acme/proj-atlas", "acme/general", "globex/general", "notes"]
    atlas = results["acme/proj-atlas"]
    assert atlas["conversation"]["speakers"] == ["Dana Whitfield", "Sam Ortiz"]
    assert [t["text"] for t in atlas["turns"]] == [
        "@Sam Ortiz the client numbers are wrong again.", "That's on me, I'll fix them by noon."]
    assert results["globex/general"]["conversation"]["speakers"] == ["Ana Lopez", "Ben Park"]
    assert _lines(tmp_path / "all.errors.jsonl") == []  # users.json and channels.json are no turns
    assert count_conversations(folder) == 4


def test_one_broken_channel_fails_alone(tmp_path: Path) -> None:
    folder = _workspaces(tmp_path / "exports")
    (folder / "acme" / "general" / "2026-11-03.json").write_text("[{", encoding="utf-8")
    items = list(read_items(folder))
    assert [(item.id, item.error is None) for item in items] == [
        ("acme/proj-atlas", True), ("acme/general", False), ("globex/general", True),
        ("notes", True)]
    assert "2026-11-03.json" in (items[1].error or "")


def test_an_export_whose_users_cannot_be_read_is_one_error(tmp_path: Path) -> None:
    folder = _workspaces(tmp_path / "exports")
    (folder / "globex" / "users.json").write_text("{not json", encoding="utf-8")
    items = list(read_items(folder))
    assert [item.id for item in items] == ["acme/proj-atlas", "acme/general", "globex", "notes"]
    assert "users.json" in (items[2].error or "")


def test_a_lone_channel_folder_inside_a_folder_is_read_as_slack(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "team" / "ops").mkdir(parents=True)
    (folder / "team" / "ops" / "2026-11-02.json").write_text(json.dumps([
        _message("U1", "Shipping window is 2-4pm", 0, user_profile={"real_name": "Marcus Reed"}),
        _message("U2", "ok", 60, user_profile={"real_name": "Jen Holloway"}),
    ]), encoding="utf-8")
    (items,) = [list(read_items(folder))]
    assert [item.id for item in items] == ["team/ops"]
    conversation = items[0].conversation
    assert conversation is not None and conversation.format == "slack"
    assert [t.speaker for t in conversation.turns] == ["Marcus Reed", "Jen Holloway"]


def test_transcripts_named_by_date_are_still_transcripts(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    sessions = folder / "client-a" / "sessions"
    sessions.mkdir(parents=True)
    for day in ("2026-01-05", "2026-01-12"):
        (sessions / f"{day}.json").write_text(json.dumps(
            {"turns": [{"speaker": "Ana", "text": "You never listen."},
                       {"speaker": "Ben", "text": "I'm sorry."}]}), encoding="utf-8")
    items = list(read_items(folder))
    assert [(item.id, item.error) for item in items] == [("2026-01-05", None),
                                                         ("2026-01-12", None)]
