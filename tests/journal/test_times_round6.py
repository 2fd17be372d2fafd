"""Round 6: a stored time with an offset is an instant. Time to repair and the order of entries
use the instant, whatever this computer's time zone is; local time only groups days and weeks and
labels what is shown. ``--when`` says plainly when it is empty or has no effect."""

from __future__ import annotations

import json
import os
import re
import time
from pathlib import Path

import pytest

from mendkit.cli.main import main


def _set_tz(name: str | None) -> None:
    if name is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = name
    time.tzset()




def _journal(*entries: list[str]) -> None:
    assert main(["journal", "init"]) == 0
    assert main(["journal", "add", "--kind", "relationship", "--name", "Sam"]) == 0
    for entry in entries:
        assert main(["journal", "add", "--rel", "1", *entry]) == 0


def _insights(capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    capsys.readouterr()
    assert main(["insights", "--rel", "1", "--json"]) == 0
    figures: dict[str, object] = json.loads(capsys.readouterr().out)
    return figures


# -- 1. time to repair across a DST change -------------------------------------------------------
@pytest.mark.parametrize("zone", ["Europe/London", "UTC", "America/New_York", "Asia/Kolkata"])
def test_time_to_repair_across_spring_forward_is_the_real_gap(
        zone: str, sqlite_env: None, capsys: pytest.CaptureFixture[str]) -> None:
    old = os.environ.get("TZ")
    _set_tz(zone)
    try:
        # 23:00 GMT to 03:00 BST on the night the clocks go forward: 3 real hours.
        _journal(["--kind", "rupture", "--text", "x", "--when", "2026-03-28T23:00+00:00"],
                 ["--kind", "repair", "--text", "sorry", "--uptake", "accepted",
                  "--when", "2026-03-29T03:00+01:00"])
        assert _insights(capsys)["median_hours_to_repair"] == 3.0
    finally:
        _set_tz(old)


def test_a_repair_40_minutes_after_a_rupture_across_fall_back_counts(
        london: None, sqlite_env: None, capsys: pytest.CaptureFixture[str]) -> None:
    # 01:30 BST, then 01:10 GMT: the wall clock goes back, the repair is 40 minutes later.
    _journal(["--kind", "rupture", "--text", "x", "--when", "2026-10-25T01:30:00+01:00"],
             ["--kind", "repair", "--text", "sorry", "--uptake", "accepted", "--by", "them",
              "--when", "2026-10-25T01:10:00+00:00"])
    figures = _insights(capsys)
    hours = figures["median_hours_to_repair"]
    assert isinstance(hours, float) and abs(hours - 40 / 60) < 1e-9
    assert figures["first_repair_by"] == {"them": 1}
    assert figures["ruptures_per_week"] == {"2026-W43": 1}  # weeks still from the local day


# -- 4. entries listed in real time order --------------------------------------------------------
def test_journal_list_orders_entries_by_instant_across_fall_back(
        london: None, sqlite_env: None, capsys: pytest.CaptureFixture[str]) -> None:
    _journal(["--kind", "rupture", "--text", "first", "--when", "2026-10-25T01:30:00+01:00"],
             ["--kind", "repair", "--text", "second", "--uptake", "accepted",
              "--when", "2026-10-25T01:10:00+00:00"])
    capsys.readouterr()
    assert main(["journal", "list", "--rel", "1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines[4:]] == ["#1", "#2"]


def test_journal_list_orders_typed_offsets_by_instant(
        sqlite_env: None, capsys: pytest.CaptureFixture[str]) -> None:
    _journal(["--kind", "checkin", "--score", "1", "--when", "2026-03-01T04:00-08:00"],  # 12:00Z
             ["--kind", "checkin", "--score", "2", "--when", "2026-03-01T06:00Z"],
             ["--kind", "checkin", "--score", "3", "--when", "2026-03-01T10:00+05:30"],  # 04:30Z
             ["--kind", "checkin", "--score", "4", "--when", "2026-03-01T10:00+23:59"])  # 28 Feb
    capsys.readouterr()
    assert main(["journal", "list", "--rel", "1"]) == 0
    ids = re.findall(r"^  #(\d+) ", capsys.readouterr().out, re.MULTILINE)
    assert ids == ["4", "3", "2", "1"]


def _web_with(entries: list[dict[str, object]], home: Path) -> object:
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from mendkit.config import Settings
    from mendkit.web import create_app

    client = TestClient(create_app(Settings(home=home, journal_kdf=(1, 8, 1))))
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/journal").text)
    assert found
    r = client.post("/journal/create", data={"csrf_token": found.group(1),
                                             "passphrase": "correct horse battery",
                                             "repeat": "correct horse battery"})
    assert r.status_code == 200
    r = client.post("/api/journal/relationships", json={"name": "Sam", "kind": "partner"})
    assert r.status_code == 201, r.text
    for entry in entries:
        r = client.post("/api/journal/entries", json={"relationship_id": 1, **entry})
        assert r.status_code == 201, r.text
    return client


def test_web_relationship_page_lists_newest_instant_first_in_local_time(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    old = os.environ.get("TZ")
    _set_tz("UTC")
    try:
        client: object = _web_with([
            {"kind": "checkin", "body": {"score": 1}, "occurred_at": "2026-03-01T04:00-08:00"},
            {"kind": "checkin", "body": {"score": 2}, "occurred_at": "2026-03-01T06:00Z"},
            {"kind": "checkin", "body": {"score": 3}, "occurred_at": "2026-03-01T10:00+05:30"},
        ], tmp_path / "home")
        page = client.get("/journal/relationships/1").text  # type: ignore[attr-defined]
    finally:
        _set_tz(old)
    # Without scripts, the server's local time labelled with its zone (round 17: a script shows
    # it in the reader's zone, from the instant in datetime).
    shown = re.findall(r'/journal/entries/(\d+)">[^<]*</a> <span class="muted"><time datetime='
                       r'"([^"]*)" data-local-time>([^<]*)</time></span>', page)
    assert [i for i, _, _ in shown] == ["1", "2", "3"]  # newest first: 12:00Z, 06:00Z, 04:30Z
    assert [when for _, _, when in shown] == ["2026-03-01 12:00 (UTC)", "2026-03-01 06:00 (UTC)",
                                              "2026-03-01 04:30 (UTC)"]
    assert [at for _, at, _ in shown] == ["2026-03-01T12:00:00Z", "2026-03-01T06:00:00Z",
                                          "2026-03-01T04:30:00Z"]


# -- 5. check-in chart labels --------------------------------------------------------------------
def test_checkin_chart_labels_each_point_with_its_local_date(tmp_path: Path) -> None:
    old = os.environ.get("TZ")
    _set_tz("UTC")
    try:
        client: object = _web_with([
            {"kind": "checkin", "body": {"score": 3}, "occurred_at": "2026-03-02T01:00+14:00"},
            {"kind": "checkin", "body": {"score": 7}, "occurred_at": "2026-03-01T20:00Z"},
            {"kind": "checkin", "body": {"score": 9}, "occurred_at": "2026-03-10T20:00Z"},
        ], tmp_path / "home")
        page = client.get("/journal/relationships/1/insights").text  # type: ignore[attr-defined]
    finally:
        _set_tz(old)
    desc = re.search(r'<desc id="chart-checkins-d">([^<]*)<', page)
    assert desc
    assert desc.group(1).endswith("oldest first: 2026-03-01: 3, 2026-03-01: 7, 2026-03-10: 9.")


# -- 9. --when that is empty or has no effect ----------------------------------------------------
def test_an_empty_when_is_refused_and_nothing_is_stored(
        sqlite_env: None, capsys: pytest.CaptureFixture[str]) -> None:
    _journal()
    capsys.readouterr()
    assert main(["journal", "add", "--kind", "rupture", "--rel", "1", "--text", "x",
                 "--when", ""]) == 1
    err = capsys.readouterr().err
    assert "--when is empty" in err and "Traceback" not in err
    assert main(["journal", "list", "--rel", "1"]) == 0
    assert "rupture" not in capsys.readouterr().out


def test_when_on_a_relationship_is_refused(sqlite_env: None,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    _journal()
    capsys.readouterr()
    for value in ("garbage", "2020-01-01"):
        assert main(["journal", "add", "--kind", "relationship", "--name", "T",
                     "--when", value]) == 1
        err = capsys.readouterr().err
        assert "--when" in err and "relationship" in err
    assert main(["journal", "list"]) == 0
    assert "T (other)" not in capsys.readouterr().out


def test_a_bad_when_names_the_option(sqlite_env: None, capsys: pytest.CaptureFixture[str]) -> None:
    _journal()
    capsys.readouterr()
    assert main(["journal", "add", "--kind", "rupture", "--rel", "1", "--text", "x",
                 "--when", "garbage"]) == 1
    err = capsys.readouterr().err
    assert "--when" in err and "'garbage'" in err


def test_an_analysis_with_both_date_and_when_is_refused(
        sqlite_env: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _journal()
    transcript = tmp_path / "session.txt"
    transcript.write_text("A: hello\nB: hi\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["journal", "add", "--kind", "analysis", "--client", "C", "--file",
                 str(transcript), "--date", "2026-03-01", "--when", "2026-03-02"]) == 1
    assert "--date or --when, not both" in capsys.readouterr().err
    assert main(["journal", "list", "--kind", "analysis", "--json"]) == 0
    assert "analysis" not in capsys.readouterr().out
