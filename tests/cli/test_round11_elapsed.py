"""The terminal's episode table gives a time to repair as a person reads it, not "37800 s"."""

from __future__ import annotations

import pytest

from mendkit._elapsed import elapsed


@pytest.mark.parametrize(("seconds", "shown"), [
    (0, "0 s"), (59.6, "1 min"), (45, "45 s"), (720, "12 min"), (3600, "1 h"),
    (37_800, "10 h 30 min"), (86_400, "1 day"), (3 * 86_400 + 7200, "3 days 2 h"),
])
def test_a_time_to_repair_reads_as_hours_and_days(seconds: float, shown: str) -> None:
    assert elapsed(seconds) == shown
