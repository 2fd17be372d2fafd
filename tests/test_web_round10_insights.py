"""Round 10, the web Insights page: the same trend words as the terminal, no trend from too few
check-ins, and a check-in chart with a time axis that leaves out the times the figures leave out."""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("sqlcipher3")

from fastapi.testclient import TestClient

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def opened(opened: TestClient) -> TestClient:
    """The shared client with a new journal, unlocked, here with one relationship (id 1)."""
    r = opened.post("/api/journal/relationships", json={"name": "Lee", "kind": "partner"})
    assert r.status_code == 201
    return opened


def _checkins(client: TestClient, points: list[tuple[str, int]]) -> None:
    for when, score in points:
        r = client.post("/api/journal/entries", json={
            "kind": "checkin", "relationship_id": 1, "occurred_at": when, "body": {"score": score}})
        assert r.status_code == 201, r.text


def _page(client: TestClient) -> str:
    r = client.get("/journal/relationships/1/insights")
    assert r.status_code == 200
    return r.text


def _chart(html: str, chart_id: str) -> ET.Element:
    found = re.search(rf'<svg[^>]*id="{chart_id}".*?</svg>', html, re.S)
    assert found, f"no {chart_id} on the page"
    return ET.fromstring(found.group(0))


# -- 1. one rule for the trend's words ---------------------------------------------------------------
def test_a_slow_climb_over_months_is_rising_on_the_page_as_in_the_terminal(
        opened: TestClient) -> None:
    _checkins(opened, [("2025-10-01T12:00", 2), ("2025-11-30T12:00", 4), ("2026-01-29T12:00", 5),
                       ("2026-03-30T12:00", 6), ("2026-05-29T12:00", 8), ("2026-07-28T12:00", 9)])
    html = _page(opened)
    assert "Your check-ins are rising (+0.16 points a week)." in html
    assert "steady" not in html


@pytest.mark.parametrize(("per_day", "sentence"), [
    (-0.01, "Your check-ins are falling (-0.07 points a week)."),
    (0.03, "Your check-ins are rising (+0.21 points a week)."),
    (0.0004, "Your check-ins are steady (+0.00 points a week)."),
    (-0.0004, "Your check-ins are steady (+0.00 points a week)."),
])
def test_steady_only_when_the_rate_shown_is_zero(per_day: float, sentence: str) -> None:
    from mendkit.cli.render import _trend
    from mendkit.web.journal_services import describe

    figures = {"ruptures": 0, "ruptures_per_week": {}, "repair_attempts": 0,
               "median_hours_to_repair": None, "first_repair_by": {}, "recurring_triggers": [],
               "patterns": {}, "connection_slope_per_day": per_day,
               "connection_per_week": {"2026-W10": 5.0}}
    assert sentence in describe(figures)
    terminal = _trend(per_day, "points", per="a week", scale=7.0)
    assert sentence == f"Your check-ins are {terminal}."


# -- 2. no trend from two check-ins --------------------------------------------------------------------
def test_two_check_ins_say_there_is_not_enough_data_for_a_trend(opened: TestClient) -> None:
    _checkins(opened, [("2026-11-01T12:00", 3), ("2026-11-05T12:00", 9)])
    html = _page(opened)
    assert "points a week" not in html
    assert ("Not enough check-ins yet to show a trend: it takes at least 3, over a week or "
            "more.") in html
    assert opened.get("/api/journal/insights/1").json()["connection_slope_per_day"] is None


# -- 5. the chart leaves out what the figures leave out -------------------------------------------------
def test_the_check_in_chart_leaves_out_times_outside_1900_to_today(opened: TestClient) -> None:
    from mendkit.web.app import state_of

    with state_of(opened.app).vault.use() as journal:  # type: ignore[arg-type]
        for when, score in (("0001-01-01T00:00", 0), ("2026-10-01T12:00", 6),
                            ("2026-11-01T12:00", 6), ("9999-12-31T00:00", 10)):
            journal.add_entry("checkin", {"score": score}, occurred_at=when, relationship_id=1)
    html = _page(opened)
    assert "2 entries have a time outside 1900 to today" in html
    chart = _chart(html, "chart-checkins")
    desc = chart.find(f"{SVG}desc")
    assert desc is not None and desc.text is not None
    assert "0001" not in desc.text and "9999" not in desc.text
    assert [c.findtext(f"{SVG}title") for c in chart.iter(f"{SVG}circle")] == [
        "2026-10-01: 6", "2026-11-01: 6"]
    table = html[html.index('id="chart-checkins-h"'):]
    rows = re.findall(r'<th scope="row">([^<]+)</th>', table)
    assert rows == ["2026-10-01", "2026-11-01"]


# -- 6. a time axis ----------------------------------------------------------------------------------
def test_the_check_in_chart_places_points_by_their_dates(opened: TestClient) -> None:
    days = [("2026-01-01", 0, 2), ("2026-01-02", 1, 3), ("2026-01-03", 2, 2), ("2026-11-01", 304, 8)]
    _checkins(opened, [(f"{d}T12:00", score) for d, _, score in days])
    chart = _chart(_page(opened), "chart-checkins")
    xs = [float(c.get("cx", "0")) for c in chart.iter(f"{SVG}circle")]
    assert len(xs) == 4
    width = xs[-1] - xs[0]
    assert width > 300
    for x, (_, day, _) in zip(xs, days, strict=True):
        assert x - xs[0] == pytest.approx(width * day / 304, abs=0.2)
    labels = [(float(t.get("x", "0")), t.text) for t in chart.iter(f"{SVG}text")
              if t.get("text-anchor") == "middle" and re.fullmatch(r"\d{4}-\d\d-\d\d", t.text or "")]
    assert labels[0] == (pytest.approx(xs[0], abs=0.2), "2026-01-01")
    assert labels[-1] == (pytest.approx(xs[-1], abs=0.2), "2026-11-01")
    assert [x for x, _ in labels] == sorted(x for x, _ in labels)
    assert [d for _, d in labels] == sorted(d or "" for _, d in labels)
    assert all(b - a > 60 for (a, _), (b, _) in itertools.pairwise(labels))


def test_a_line_chart_of_labels_that_are_not_dates_stays_evenly_spaced() -> None:
    from mendkit.web.charts import line_chart

    root = ET.fromstring(str(line_chart("l", "t", "d", [("a", 1), ("b", 2), ("c", 3)])))
    xs = [float(c.get("cx", "0")) for c in root.iter(f"{SVG}circle")]
    assert xs[1] - xs[0] == pytest.approx(xs[2] - xs[1])
