"""Round twelve: the terminal view of `mend analyze` keeps a multi-line turn under its speaker
(its continuation lines, and on a terminal its wrapped lines, are indented under the turn's text,
never flush left where they read as unattributed lines), and a reply (a Slack thread reply, say)
says which turn it answers, unless every turn simply answers the one before it."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

import pytest

from mendkit.cli.main import main

GROUP = """[12/04/2026, 19:02:11] Mum: Sunday lunch at ours, 1pm! Raj can you bring dessert?
[12/04/2026, 19:10:02] Priya: Can't make it, sorry. Work thing.
[12/04/2026, 19:11:30] Mum: Again? That's the third Sunday in a row Priya.
[12/04/2026, 19:20:44] Priya: Ok I'm going to say this once.
I work 60 hours a week.
Every time I can't come I get guilt tripped in front of everyone.
It makes me not want to open this chat.
[12/04/2026, 19:35:51] Mum: Priya, I was out of line. I'm sorry love.
"""
CONTINUED = ("I work 60 hours a week.",
             "Every time I can't come I get guilt tripped in front of everyone.",
             "It makes me not want to open this chat.")
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _shown(argv: list[str], capsys: pytest.CaptureFixture[str]) -> list[str]:
    assert main(argv) == 0
    return _ANSI.sub("", capsys.readouterr().out).splitlines()


@pytest.fixture
def group(tmp_path: Path) -> Path:
    path = tmp_path / "family.txt"
    path.write_text(GROUP, encoding="utf-8")
    return path


def _column(line: str, words: str) -> int:
    assert words in line, line
    return line.index(words)


def test_continuation_lines_are_indented_under_the_turn_in_a_pipe(
        group: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = _shown(["analyze", str(group), "--mode", "rules"], capsys)
    first = next(i for i, line in enumerate(lines) if "Ok I'm going to say this once." in line)
    assert re.match(r"\s*3 Priya: Ok I'm going", lines[first])
    where = _column(lines[first], "Ok I'm going")
    for offset, words in enumerate(CONTINUED, start=1):
        line = lines[first + offset]
        assert line.strip() == words  # the line as it was written, nothing else on it
        assert _column(line, words) == where  # under the turn's first words, not flush left


def test_continuation_and_wrapped_lines_are_indented_on_a_terminal(
        group: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("COLUMNS", "50")
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    lines = _shown(["analyze", str(group), "--mode", "rules"], capsys)
    first = next(i for i, line in enumerate(lines) if "Ok I'm going" in line)
    where = _column(lines[first], "Ok I'm going")
    turn: list[str] = [lines[first]]
    for line in lines[first + 1:]:
        if re.match(r"\s*\d+ \w+:", line) or line.lstrip().startswith("["):
            break  # the next turn, or this turn's labels
        turn.append(line)
    assert len(turn) > 1 + len(CONTINUED)  # the 50 columns wrapped the longest line
    for line in turn[1:]:
        assert line[:where].strip() == "", line  # every line under the turn's text
        assert line[where] != " ", line
    assert " ".join(" ".join(line[where:] for line in turn).split()) == " ".join(
        ["Ok I'm going to say this once.", *CONTINUED])
    assert all(len(line) <= 50 for line in lines[:first + len(turn)])


def test_a_wrapped_turn_of_a_long_name_on_a_narrow_terminal_keeps_every_word(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "chat.txt"
    path.write_text("Alexandra Thompson-Whitfield: I hear you. Thank you for telling me.\n"
                    "that matters to me\nBen: Thanks.\n", encoding="utf-8")
    monkeypatch.setenv("COLUMNS", "40")
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    lines = _shown(["analyze", str(path), "--mode", "rules"], capsys)
    text = " ".join(" ".join(lines).split())
    assert "Alexandra Thompson-Whitfield" in text
    assert "I hear you. Thank you for telling me. that matters to me" in text
    at = next(i for i, line in enumerate(lines) if "matters" in line)
    assert lines[at].startswith(" ")  # still under the turn


def _message(user: str, text: str, at: float, **extra: Any) -> dict[str, Any]:
    return {"type": "message", "user": user, "text": text, "ts": f"{1793610000 + at:.6f}",
            **extra}


def _channel(tmp_path: Path, messages: list[dict[str, Any]]) -> Path:
    export = tmp_path / "acme"
    (export / "design").mkdir(parents=True)
    (export / "users.json").write_text(json.dumps(
        [{"id": uid, "name": name.lower(), "real_name": name}
         for uid, name in (("U1", "Dana"), ("U2", "Sam"), ("U3", "Lee"))]), encoding="utf-8")
    (export / "design" / "2026-11-02.json").write_text(json.dumps(messages), encoding="utf-8")
    return export / "design"


def _turn_line(lines: list[str], words: str) -> str:
    return next(line for line in lines if words in line)


def test_a_slack_thread_reply_names_the_turn_it_answers(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    parent = _message("U1", "Can someone review the deck before Friday?", 0)
    channel = _channel(tmp_path, [
        parent,
        _message("U2", "Lunch at noon, anyone?", 30),
        _message("U3", "I'll take a look after lunch.", 60, thread_ts=parent["ts"]),
        _message("U1", "Thank you, that helps a lot.", 90, thread_ts=parent["ts"]),
    ])
    lines = _shown(["analyze", str(channel), "--mode", "rules"], capsys)
    assert "reply to turn 0" in _turn_line(lines, "I'll take a look")
    assert "reply to turn 0" in _turn_line(lines, "that helps a lot")
    assert "reply" not in _turn_line(lines, "review the deck")
    assert "reply" not in _turn_line(lines, "Lunch at noon")


def test_a_reply_whose_parent_is_not_shown_says_so(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A thread under a bot's message (left out of the turns): the reply is still marked as
    one, rather than read as an answer to the turn above it."""
    alert = _message("U9", "Deploy failed on main", 0, bot_id="B1")
    channel = _channel(tmp_path, [
        alert,
        _message("U2", "Who broke the build again?", 30),
        _message("U1", "Looking into it now.", 60, thread_ts=alert["ts"]),
    ])
    lines = _shown(["analyze", str(channel), "--mode", "rules"], capsys)
    marked = _turn_line(lines, "Looking into it now.")
    assert "reply to" in marked and "not shown" in marked
    assert "reply" not in _turn_line(lines, "Who broke the build")


def test_a_plain_chain_of_replies_shows_no_markers(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Where every turn answers the one before it (a ConvoKit dialogue, say), the order says it
    all: no turn is marked."""
    path = tmp_path / "chain.json"
    texts = ("You never call me back.", "I'm sorry, I've been swamped.", "I miss you, that's all.")
    path.write_text(json.dumps({"id": "chain", "turns": [
        {"speaker": "AB"[n % 2], "text": text, "id": f"u{n}",
         "reply_to": f"u{n - 1}" if n else None} for n, text in enumerate(texts)]}),
        encoding="utf-8")
    lines = _shown(["analyze", str(path), "--mode", "rules"], capsys)
    assert not any("reply to" in line for line in lines)
