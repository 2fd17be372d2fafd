"""A break lasts at least the minutes chosen: its return time, said to the minute, is rounded up
(a 20-minute break chosen at 18:00:40 used to end at 18:20, 19 minutes and 20 seconds later)."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from coach.test_driver import UP_TO_CHECK, Script
from mendkit.coach import State
from mendkit.coach.driver import run, start
from mendkit.coach.store import SessionStore


def test_a_break_chosen_part_way_through_a_minute_ends_after_the_whole_break(
        tmp_path: Path) -> None:
    chosen = datetime(2026, 11, 27, 18, 0, 40)
    paused = run(start("r1"), Script([*UP_TO_CHECK, "9", "20", "no"]), SessionStore(tmp_path),
                 now=lambda: chosen)
    assert paused.state is State.ON_BREAK
    back = datetime.fromisoformat(paused.answers["regulate_break"])
    assert back == datetime(2026, 11, 27, 18, 21).astimezone()
    assert back - chosen.astimezone() >= timedelta(minutes=20)


def test_a_break_chosen_on_the_minute_is_not_lengthened(tmp_path: Path) -> None:
    chosen = datetime(2026, 11, 27, 18, 0)
    paused = run(start("r2"), Script([*UP_TO_CHECK, "9", "20", "no"]), SessionStore(tmp_path),
                 now=lambda: chosen)
    assert datetime.fromisoformat(paused.answers["regulate_break"]) \
        == datetime(2026, 11, 27, 18, 20).astimezone()
