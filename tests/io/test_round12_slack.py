"""Round twelve, Slack exports: bots without a subtype, time order, block quotes, a lone day file.

Each export here is built by hand, as Slack writes one: ``users.json``, ``channels.json`` and a
folder per channel of ``YYYY-MM-DD.json`` day files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import mendkit
from mendkit.cli.main import main
from mendkit.io import iter_conversations, load_conversation, slack

USERS = [
    {"id": "U1", "name": "dana", "real_name": "Dana Whitfield",
     "profile": {"real_name": "Dana Whitfield", "display_name": "Dana (Head of Product)"}},
    {"id": "U2", "name": "sam", "real_name": "Sam Ortiz",
     "profile": {"real_name": "Sam Ortiz", "display_name": "sam"}},
    {"id": "U9", "name": "retrobot", "real_name": "Retro Bot", "is_bot": True,
     "profile": {"real_name": "Retro Bot", "display_name": ""}},
]
DAY = 86400.0
T0 = 1793610000.0


def _message(user: str, text: str, at: float, **extra: Any) -> dict[str, Any]:
    return {"type": "message", "user": user, "text": text, "ts": f"{T0 + at:.6f}", **extra}


def _export(root: Path, channels: dict[str, dict[str, list[dict[str, Any]]]]) -> Path:
    """An export at ``root``: channel -> day -> messages."""
    root.mkdir(parents=True)
    (root / "users.json").write_text(json.dumps(USERS), encoding="utf-8")
    (root / "channels.json").write_text(json.dumps([{"id": f"C{n}", "name": name}
                                                    for n, name in enumerate(channels)]),
                                        encoding="utf-8")
    for name, days in channels.items():
        (root / name).mkdir()
        for day, messages in days.items():
            (root / name / f"{day}.json").write_text(json.dumps(messages), encoding="utf-8")
    return root


def _one(root: Path, messages: list[dict[str, Any]]) -> Path:
    """An export with one channel, ``team``, whose one day holds ``messages``."""
    return _export(root, {"team": {"2026-11-02": messages}}) / "team"


# -- 4: bots and apps are not people --------------------------------------------------------------

def test_messages_from_bots_and_apps_without_a_subtype_are_skipped(tmp_path: Path) -> None:
    channel = _one(tmp_path / "sx", [
        _message("U1", "Can we look at the numbers today?", 0),
        _message("U9", "Reminder: retro at 3pm", 60),  # users.json says is_bot
        _message("U7", "PR #12 merged by peter", 120, bot_id="B7"),  # bot_id, unknown user
        _message("U8", "Standup in 5 minutes", 180, app_id="A8"),  # an app's message
        _message("USLACKBOT", "You asked me to remind you to file the report.", 200),
        _message("U2", "Sure, after lunch.", 240),
    ])
    conversation = load_conversation(channel)
    assert [(t.speaker, t.text) for t in conversation.turns] == [
        ("Dana Whitfield", "Can we look at the numbers today?"),
        ("Sam Ortiz", "Sure, after lunch."),
    ]
    assert [s.id for s in conversation.speakers] == ["Dana Whitfield", "Sam Ortiz"]


def test_a_bot_message_with_a_kept_subtype_is_still_a_bot(tmp_path: Path) -> None:
    channel = _one(tmp_path / "sx", [
        _message("U1", "Release notes are up.", 0),
        _message("U9", "build.log", 30, subtype="file_share"),
        _message("U2", "Thanks!", 60),
    ])
    assert [t.speaker for t in load_conversation(channel).turns] == ["Dana Whitfield", "Sam Ortiz"]


# -- 5: turns in the order they were posted ---------------------------------------------------------

def _threaded(root: Path) -> Path:
    parent = _message("U1", "TPS reports are due Friday, cover sheets please", 0,
                      thread_ts=f"{T0:.6f}", reply_count=2)
    return _export(root, {"eng": {
        "2026-11-02": [parent,
                       _message("U2", "I'm sorry I missed the cover sheet, that's on me.", 3600),
                       _message("U1", "thanks Sam, appreciate it", 3900)],
        "2026-11-04": [_message("U1", "You never read the cover sheets. This is unacceptable.",
                                2 * DAY, thread_ts=f"{T0:.6f}"),
                       _message("U2", "fine.", 2 * DAY + 120, thread_ts=f"{T0:.6f}")],
    }}) / "eng"


def test_thread_replies_come_where_they_were_posted_and_keep_their_parent(tmp_path: Path) -> None:
    turns = load_conversation(_threaded(tmp_path / "sx")).turns
    assert [t.start for t in turns] == [0.0, 3600.0, 3900.0, 2 * DAY, 2 * DAY + 120]
    assert [t.text for t in turns][-2:] == [
        "You never read the cover sheets. This is unacceptable.", "fine."]
    assert [t.reply_to for t in turns] == [None, None, None, turns[0].id, turns[0].id]


def test_a_thread_reply_two_days_later_is_not_in_an_episode_of_the_first_day(
        tmp_path: Path) -> None:
    analysis = mendkit.analyze(_threaded(tmp_path / "sx"), mode="rules")
    late = next(e for e in analysis.episodes if 3 in e.rupture_turns)
    assert late.start_turn == 3  # opens at the day-3 reply, and holds nothing from day 1
    assert all(turn >= 3 for turn in (*late.rupture_turns, *late.repair_turns,
                                      *late.reconnect_turns))


# -- 9: a block quote is someone else's words -------------------------------------------------------

def test_block_quoted_lines_are_left_out_of_the_posters_words(tmp_path: Path) -> None:
    channel = _one(tmp_path / "sx", [
        _message("U1", "You never listen to anyone on this team.", 0),
        _message("U2", "&gt; You never listen to anyone on this team.\n"
                       "I hear you, and I'd like to talk about it today.", 60),
        _message("U2", "The review said this, word for word:\n"
                       "&gt;&gt;&gt;You never listen.\nThis is pathetic.", 120),
        _message("U1", "Revenue went up: 3 &gt; 2, and &lt;3 for the team", 180),
    ])
    texts = [t.text for t in load_conversation(channel).turns]
    assert texts[1] == "I hear you, and I'd like to talk about it today."
    assert texts[3] == "Revenue went up: 3 > 2, and <3 for the team"  # not a quote: mid-line
    assert texts[2] == "The review said this, word for word:"  # ">>>" quotes all that follows


def test_a_quoted_put_down_is_not_the_quoters_rupture(tmp_path: Path) -> None:
    channel = _one(tmp_path / "sx", [
        _message("U1", "Can you send the deck?", 0),
        _message("U2", "&gt; you're useless and lazy\n"
                       "That's what the client wrote. I'm sorry you had to read it.", 60),
    ])
    analysis = mendkit.analyze(channel, mode="rules")
    quoting = analysis.turns[1]
    assert not any(label.startswith("rupture.") for label in quoting.labels)
    for evidence in quoting.evidence:  # offsets point into the text shown
        assert quoting.text[evidence.start:evidence.end] == evidence.text


def test_a_message_that_is_only_a_quote_keeps_the_words_as_a_quotation(tmp_path: Path) -> None:
    channel = _one(tmp_path / "sx", [
        _message("U1", "Per my last message, the numbers are wrong.", 0),
        _message("U2", "&gt; you never finish anything\n&gt; this is pathetic", 60),
    ])
    conversation = load_conversation(channel)
    assert conversation.turns[1].text == "\u201cyou never finish anything\u201d\n" \
        "\u201cthis is pathetic\u201d"
    analysis = mendkit.analyze(conversation, mode="rules")
    assert "rupture.confrontation" not in analysis.turns[1].labels  # quoted, not said


def test_a_quoted_crisis_is_still_seen(tmp_path: Path) -> None:
    channel = _one(tmp_path / "sx", [
        _message("U1", "Checking in after yesterday.", 0),
        _message("U2", "&gt; I want to kill myself", 60),
    ])
    assert mendkit.analyze(channel, mode="rules").safety.crisis


# -- 1: one day file on its own ---------------------------------------------------------------------

def _ops(root: Path) -> Path:
    return _export(root, {"ops": {"2026-11-04": [
        _message("U1", "<@U2> the pick list was wrong AGAIN. See <https://x.test/p|the list>.", 0),
        _message("U9", "Reminder: retro at 3pm", 30),
        _message("U2", "Understood.", 60),
    ]}}) / "ops" / "2026-11-04.json"


def test_read_slack_reads_a_day_file_with_the_exports_users(tmp_path: Path) -> None:
    day = _ops(tmp_path / "sx")
    assert slack.is_day_file(day)
    conversation = slack.read_slack(day)
    assert conversation.format == "slack"
    assert [(t.speaker, t.text) for t in conversation.turns] == [
        ("Dana Whitfield", "@Sam Ortiz the pick list was wrong AGAIN. See the list."),
        ("Sam Ortiz", "Understood."),
    ]
    assert [c.turns for c in slack.iter_slack(day)] == [conversation.turns]


def test_a_mend_json_document_named_by_date_is_not_a_slack_day(tmp_path: Path) -> None:
    document = tmp_path / "2026-11-04.json"
    document.write_text(json.dumps({"turns": [{"speaker": "Ana", "text": "hi"}]}),
                        encoding="utf-8")
    listed = tmp_path / "s" / "2026-11-05.json"
    listed.parent.mkdir()
    listed.write_text(json.dumps([{"speaker": "Ana", "text": "hi"}]), encoding="utf-8")
    assert not slack.is_day_file(document)
    assert not slack.is_day_file(listed)
    assert load_conversation(document).turns[0].speaker == "Ana"


def test_mend_analyze_reads_one_day_file_as_slack(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    day = _ops(tmp_path / "sx")
    assert main(["analyze", str(day), "--json", "--mode", "rules"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["conversation"]["speakers"] == ["Dana Whitfield", "Sam Ortiz"]
    assert result["turns"][0]["text"].startswith("@Sam Ortiz the pick list")
    assert [c.id for c in iter_conversations(day)] == ["2026-11-04"]


def test_a_user_field_that_is_not_a_string_is_no_bot_and_no_crash(tmp_path: Path) -> None:
    channel = _one(tmp_path / "sx", [
        _message("U1", "Morning.", 0),
        {**_message("U2", "Morning!", 60), "user": {"id": "U2"},
         "user_profile": {"real_name": "Sam Ortiz"}},
    ])
    assert [t.speaker for t in load_conversation(channel).turns] == ["Dana Whitfield", "Sam Ortiz"]
