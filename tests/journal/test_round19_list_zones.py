"""Round 19 (t2 #14): `mend journal list` with entries written in two time zones shows every
time in one zone, with its offset, in the order the entries happened."""

from __future__ import annotations

import re

import pytest

from mendkit.cli.main import main


def _add(*args: str) -> None:
    assert main(["journal", "add", *args]) == 0


def _entry_lines(out: str) -> list[str]:
    return [line for line in out.splitlines() if re.match(r"\s+#\d+\s", line)]


def test_a_repair_in_london_after_a_rupture_in_sydney(
        sqlite_env: None, london: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["journal", "init"]) == 0
    _add("--kind", "relationship", "--name", "Priya", "--type", "partner")
    # The rupture at 08:00 in Sydney is 21:00 the evening before in London; the repair, written
    # in London at 22:00 that evening, came an hour later, though its text sorts first.
    _add("--kind", "rupture", "--rel", "1", "--text", "Missed our call",
         "--when", "2026-11-03T08:00:00+11:00")
    _add("--kind", "repair", "--rel", "1", "--text", "Sorry I missed it", "--uptake",
         "accepted", "--when", "2026-11-02T22:00:00+00:00")
    _add("--kind", "checkin", "--rel", "1", "--score", "7", "--when", "2026-11-03T09:00:00")
    capsys.readouterr()
    assert main(["journal", "list"]) == 0
    lines = _entry_lines(capsys.readouterr().out)
    assert len(lines) == 3
    assert "rupture" in lines[0] and "repair" in lines[1] and "check-in" in lines[2]
    assert "2026-11-02 21:00 (UTC+00:00)" in lines[0]  # Sydney's 08:00, in London's time
    assert "2026-11-02 22:00 (UTC+00:00)" in lines[1]
    assert "2026-11-03 09:00 (UTC+00:00)" in lines[2]  # typed with no zone: this computer's
    capsys.readouterr()
    assert main(["journal", "show", "1"]) == 0  # show keeps the time as it was written
    assert "2026-11-03 08:00:00 (UTC+11:00)" in capsys.readouterr().out


def test_the_json_list_stays_in_real_time_order(  # a guard: it was already
        sqlite_env: None, london: None, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    assert main(["journal", "init"]) == 0
    _add("--kind", "rupture", "--text", "late", "--when", "2026-11-03T08:00:00+11:00")
    _add("--kind", "rupture", "--text", "later", "--when", "2026-11-02T22:00:00+00:00")
    capsys.readouterr()
    assert main(["journal", "list", "--json"]) == 0
    entries = json.loads(capsys.readouterr().out)["entries"]
    assert [e["body"]["what"] for e in entries] == ["late", "later"]
