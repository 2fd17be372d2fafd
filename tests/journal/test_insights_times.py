"""Times in the figures: the default "now" and a typed --when are in one frame (local wall time),
and a stored time Mend cannot read is left out of the figures over time, never a crash."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from mendkit.cli.main import main
from mendkit.insights import insights_from_rows


@pytest.fixture(params=["Pacific/Auckland", "America/Los_Angeles"])
def zone(request: pytest.FixtureRequest) -> Iterator[str]:
    """This process's local time zone for one test (east and west of UTC)."""
    old = os.environ.get("TZ")
    os.environ["TZ"] = str(request.param)
    time.tzset()
    try:
        yield str(request.param)
    finally:
        if old is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = old
        time.tzset()


def test_default_now_and_a_typed_local_time_are_half_an_hour_apart(
        zone: str, sqlite_env: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["journal", "init"]) == 0
    assert main(["journal", "add", "--kind", "relationship", "--name", "Sam"]) == 0
    assert main(["journal", "add", "--kind", "rupture", "--rel", "1", "--text", "she yelled"]) == 0
    later = (datetime.now() + timedelta(minutes=30)).strftime("%Y-%m-%dT%H:%M")
    assert main(["journal", "add", "--kind", "repair", "--rel", "1", "--text", "sorry I yelled",
                 "--uptake", "accepted", "--when", later]) == 0
    capsys.readouterr()
    assert main(["insights", "--rel", "1", "--json"]) == 0
    hours = json.loads(capsys.readouterr().out)["median_hours_to_repair"]
    assert hours is not None and abs(hours - 0.5) < 1 / 60


def test_times_with_an_offset_are_compared_as_local_time(zone: str) -> None:
    # The rupture stored in UTC (as older versions' default "now" was), the repair typed as a
    # local wall time two hours after it.
    local = datetime(2026, 3, 2, 10, 0, tzinfo=UTC).astimezone().replace(tzinfo=None)
    rows = [("rupture", "2026-03-02T10:00:00+00:00", {"what": "x"}),
            ("repair", (local + timedelta(hours=2)).isoformat(),
             {"message": "sorry", "uptake": "accepted"})]
    got = insights_from_rows(rows)
    assert got["median_hours_to_repair"] == 2.0
    assert got["first_repair_by"] == {"me": 1}


@pytest.mark.parametrize("bad", ["last tuesday", 12345, "", None])
def test_an_unreadable_stored_time_is_left_out_of_the_figures_over_time(bad: object) -> None:
    rows = [("rupture", bad, {"what": "dinner forgotten", "labels": ["criticism"]}),
            ("rupture", "2026-03-02T10:00", {"what": "dinner cancelled"}),
            ("repair", "2026-03-02T11:00", {"message": "sorry", "uptake": "accepted"}),
            ("checkin", bad, {"score": 3})]
    got = insights_from_rows(rows)  # type: ignore[arg-type]
    assert got["ruptures"] == 2  # still counted
    assert got["patterns"]["criticism"] == 1
    assert got["recurring_triggers"] == [{"word": "dinner", "ruptures": 2}]
    assert got["ruptures_per_week"] == {"2026-W10": 1}
    assert got["median_hours_to_repair"] == 1.0
    assert got["connection_per_week"] == {}
    assert got["entries_without_a_time"] == 2


def test_insights_on_a_journal_with_an_unreadable_time_says_so(
        sqlite_env: None, capsys: pytest.CaptureFixture[str]) -> None:
    from sqlalchemy import text

    from mendkit.config import Settings
    from mendkit.journal.repository import Journal

    assert main(["journal", "init"]) == 0
    assert main(["journal", "add", "--kind", "relationship", "--name", "A"]) == 0
    assert main(["journal", "add", "--kind", "rupture", "--rel", "1", "--text", "x",
                 "--when", "2026-03-02T10:00"]) == 0
    assert main(["journal", "add", "--kind", "rupture", "--rel", "1", "--text", "y",
                 "--when", "2026-03-03T10:00"]) == 0
    # As an import from before imports checked dates could have stored it.
    with Journal.open(Settings.from_env().home, os.environ["MEND_PASSPHRASE"]) as journal, \
            journal.engine.begin() as conn:
        conn.execute(text("UPDATE entries SET occurred_at = 'last tuesday' WHERE id = 1"))
    capsys.readouterr()
    assert main(["insights", "--rel", "1"]) == 0
    out, err = capsys.readouterr()
    assert "Ruptures" in out and "2" in out
    assert "1 entry has a time Mend cannot read ('last tuesday')" in err
    assert main(["insights", "--rel", "1", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["entries_without_a_time"] == 1
