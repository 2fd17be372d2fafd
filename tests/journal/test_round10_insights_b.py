"""Round 10 (re-run), the connection trend: a steep real change is shown as steep, never as "not
enough check-ins", and a calendar week across a DST change counts as a week, in the terminal, the
JSON, the chart title and the web page alike."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from mendkit.cli.main import main
from mendkit.insights import relationship_insights
from mendkit.insights_charts import chart_svg

SVG = "{http://www.w3.org/2000/svg}"
CHEAP_KDF = (1, 8, 1)  # argon2id time_cost, memory_kib, parallelism: tests only
PASS = "correct horse battery"


@dataclass(frozen=True)
class E:
    kind: str
    occurred_at: str
    body: Mapping[str, Any]




@pytest.fixture
def journal(sqlite_env: None, monkeypatch: pytest.MonkeyPatch,
            capsys: pytest.CaptureFixture[str]) -> None:
    """A new journal with one relationship (id 1), wide enough that no table row wraps."""
    monkeypatch.setenv("COLUMNS", "200")
    assert main(["journal", "init"]) == 0
    assert main(["journal", "add", "--kind", "relationship", "--name", "Lee"]) == 0
    capsys.readouterr()


@pytest.fixture
def opened(tmp_path: Path) -> Any:
    """A web client whose app has a new journal, unlocked, with one relationship (id 1)."""
    pytest.importorskip("fastapi")
    pytest.importorskip("sqlcipher3")
    from fastapi.testclient import TestClient

    from mendkit.config import Settings
    from mendkit.web import create_app

    client = TestClient(create_app(Settings(home=tmp_path / "home", journal_kdf=CHEAP_KDF)))
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/journal").text)
    assert found
    r = client.post("/journal/create", data={"csrf_token": found.group(1), "passphrase": PASS,
                                             "repeat": PASS})
    assert r.status_code == 200 and "Your journal is ready" in r.text
    r = client.post("/api/journal/relationships", json={"name": "Lee", "kind": "partner"})
    assert r.status_code == 201
    return client


def _cli(capsys: pytest.CaptureFixture[str], points: list[tuple[str, int]]
         ) -> tuple[str, dict[str, Any]]:
    """The insights table and the --json figures after adding these check-ins."""
    for when, score in points:
        assert main(["journal", "add", "--rel", "1", "--kind", "checkin", "--score", str(score),
                     "--when", when]) == 0
    capsys.readouterr()
    assert main(["insights", "--rel", "1"]) == 0
    out = capsys.readouterr().out
    assert main(["insights", "--rel", "1", "--json"]) == 0
    return out, json.loads(capsys.readouterr().out)


def _web(client: Any, points: list[tuple[str, int]]) -> tuple[str, dict[str, Any]]:
    """The Insights page and the API's figures after adding these check-ins."""
    for when, score in points:
        r = client.post("/api/journal/entries", json={
            "kind": "checkin", "relationship_id": 1, "occurred_at": when, "body": {"score": score}})
        assert r.status_code == 201, r.text
    r = client.get("/journal/relationships/1/insights")
    assert r.status_code == 200
    return r.text, client.get("/api/journal/insights/1").json()


def _title(points: list[tuple[str, int]]) -> str:
    figures = relationship_insights([E("checkin", when, {"score": s}) for when, s in points])
    title = ET.fromstring(chart_svg(figures, "connection_trend")).find(f"{SVG}title")
    assert title is not None and title.text is not None
    return title.text


# -- A. a steep change over a week is steep, not "not enough check-ins" ------------------------------
JUMP = [("2026-11-01T12:00", 1), ("2026-11-02T12:00", 1), ("2026-11-07T12:00", 10),
        ("2026-11-08T12:00", 10)]
DROP = [(when, 11 - score) for when, score in JUMP]


def test_four_check_ins_that_jump_over_a_week_are_rising_sharply_in_the_terminal(
        journal: None, capsys: pytest.CaptureFixture[str]) -> None:
    out, figures = _cli(capsys, JUMP)
    assert "rising sharply (more than 10 points a week)" in out
    assert "not enough data" not in out
    # the rate is not measured, so none is given as if it were; the limit it passed is
    assert figures["connection_slope_per_day"] is None
    assert figures["connection_steep"] == {"direction": "rising", "more_than_per_week": 10.0}


def test_a_steep_fall_is_falling_sharply_in_the_terminal_and_the_chart(
        journal: None, capsys: pytest.CaptureFixture[str]) -> None:
    out, figures = _cli(capsys, DROP)
    assert "falling sharply (more than 10 points a week)" in out
    assert figures["connection_steep"] == {"direction": "falling", "more_than_per_week": 10.0}
    assert _title(DROP) == ("Connection check-ins (mean score per week), falling sharply (more "
                            "than 10 points a week)")


def test_over_a_longer_span_the_limit_said_is_the_one_the_line_passed() -> None:
    # 5, twenty 0s, twenty 10s, 5 over two weeks: the line climbs 11 points a week, more than the
    # whole scale over the two weeks (5 points a week)
    points = ([("2026-03-01T00:00", 5)]
              + [(f"2026-03-06T12:{m:02d}", 0) for m in range(20)]
              + [(f"2026-03-09T12:{m:02d}", 10) for m in range(20)]
              + [("2026-03-15T00:00", 5)])
    assert _title(points).endswith(", rising sharply (more than 5 points a week)")


def test_the_web_page_calls_a_steep_change_steep_and_never_too_few_check_ins(opened: Any) -> None:
    html, figures = _web(opened, JUMP)
    assert "Your check-ins are rising sharply (more than 10 points a week)." in html
    assert "Not enough check-ins" not in html
    assert figures["connection_steep"] == {"direction": "rising", "more_than_per_week": 10.0}


def test_too_few_check_ins_are_still_not_enough_and_not_steep(
        journal: None, capsys: pytest.CaptureFixture[str]) -> None:
    out, figures = _cli(capsys, [("2026-11-01T12:00", 1), ("2026-11-08T12:00", 10)])
    assert "not enough data yet" in out and "sharply" not in out
    assert figures["connection_steep"] is None


# -- B. a calendar week across a DST change is a week ---------------------------------------------
SPRING = [("2026-03-22T12:00", 3), ("2026-03-25T12:00", 5), ("2026-03-29T12:00", 7)]


def test_a_calendar_week_across_the_spring_change_gives_a_trend_in_the_terminal(
        london: None, journal: None, capsys: pytest.CaptureFixture[str]) -> None:
    out, figures = _cli(capsys, SPRING)
    assert "not enough data" not in out
    assert re.search(r"rising \(\+\d\.\d\d points a week\)", out)
    assert figures["connection_slope_per_day"] is not None
    assert re.search(r", trend \+\d\.\d\d a week$", _title(SPRING))


def test_a_calendar_week_across_the_spring_change_gives_a_trend_on_the_web_page(
        london: None, opened: Any) -> None:
    html, figures = _web(opened, SPRING)
    assert "Not enough check-ins" not in html
    assert re.search(r"Your check-ins are rising \(\+\d\.\d\d points a week\)\.", html)
    assert figures["connection_slope_per_day"] is not None


@pytest.mark.parametrize("last", [
    "2026-10-25T11:00",  # autumn: a week by the clock, 11:00 on the wall
    "2026-10-25T12:00",  # autumn: a week on the wall, a week and an hour by the clock
])
def test_a_week_across_the_autumn_change_still_gives_a_trend(london: None, last: str) -> None:
    points = [("2026-10-18T12:00", 3), ("2026-10-21T12:00", 5), (last, 7)]
    assert re.search(r", trend \+\d\.\d\d a week$", _title(points))


def test_less_than_a_week_across_the_spring_change_is_still_too_short(london: None) -> None:
    # 6 days 22 hours on the wall, 6 days 21 hours by the clock
    points = [("2026-03-22T12:00", 3), ("2026-03-25T12:00", 5), ("2026-03-29T10:00", 7)]
    figures = relationship_insights([E("checkin", when, {"score": s}) for when, s in points])
    assert figures["connection_slope_per_day"] is None and figures["connection_steep"] is None
    assert _title(points).endswith(", not enough data for a trend yet")
