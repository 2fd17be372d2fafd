"""Round 12 (workplace re-run #8a): Slack's special mentions read as Slack shows them.

``<!date^1794300000^{date_short}|Nov 15>`` is a date, shown as its fallback text ("Nov 15"), not a
mention ("@Nov 15"); ``<!subteam^S51|@platform-team>`` is a user group whose label already has its
"@" ("@platform-team", not "@@platform-team")."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mendkit.io import load_conversation

USERS = [{"id": "U1", "name": "dana", "real_name": "Dana Whitfield"},
         {"id": "U2", "name": "sam", "real_name": "Sam Ortiz"}]
T0 = 1793610000.0


def _channel(root: Path, *texts: str) -> Path:
    """An export at ``root`` with one channel, ``team``, whose messages are ``texts`` in turn."""
    (root / "team").mkdir(parents=True)
    (root / "users.json").write_text(json.dumps(USERS), encoding="utf-8")
    messages = [{"type": "message", "user": f"U{1 + n % 2}", "text": text,
                 "ts": f"{T0 + 60 * n:.6f}"} for n, text in enumerate(texts)]
    (root / "team" / "2026-11-02.json").write_text(json.dumps(messages), encoding="utf-8")
    return root / "team"


def _texts(root: Path, *texts: str) -> list[str]:
    return [turn.text for turn in load_conversation(_channel(root, *texts)).turns]


@pytest.mark.parametrize(("markup", "shown"), [
    ("Launch is <!date^1794300000^{date_short}|Nov 15>, please be ready.",
     "Launch is Nov 15, please be ready."),
    ("Due <!date^1794300000^{date_long_pretty} at {time}|Sunday, November 15th at 9:00 AM>.",
     "Due Sunday, November 15th at 9:00 AM."),
    ("cc <!subteam^S51|@platform-team> can you look?", "cc @platform-team can you look?"),
    ("cc <!subteam^S51|platform-team> can you look?", "cc @platform-team can you look?"),
    ("<!here> standup moved", "@here standup moved"),
    ("<!channel|@channel> heads up", "@channel heads up"),
    ("thanks <@U2>!", "thanks @Sam Ortiz!"),
    ("thanks <@U2|@sam>!", "thanks @sam!"),
])
def test_special_mentions_read_as_slack_shows_them(tmp_path: Path, markup: str, shown: str) -> None:
    assert _texts(tmp_path / "x", markup) == [shown]


def test_a_date_with_no_fallback_text_is_still_a_date(tmp_path: Path) -> None:
    (text,) = _texts(tmp_path / "x", "Launch is <!date^1794300000^{date_short}> then.")
    assert "@" not in text
    assert text.startswith("Launch is 2026-") and text.endswith(" then.")
