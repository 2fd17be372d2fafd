"""Insights on the edges: entry bodies of any shape, check-ins close together, long time spans."""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from mendkit.cli.main import main
from mendkit.errors import InvalidInputError
from mendkit.insights import relationship_insights
from mendkit.insights_charts import chart_svg, write_charts
from mendkit.insights_sessions import session_insights

SVG = "{http://www.w3.org/2000/svg}"


@dataclass(frozen=True)
class E:
    kind: str
    occurred_at: str
    body: Mapping[str, Any]


GOOD = {"turns": [{"index": 0, "speaker": "C", "text": "Whatever.",
                   "labels": ["rupture.withdrawal"]}],
        "episodes": [{"start_turn": 0, "end_turn": 0, "status": "unresolved",
                      "labels": ["rupture.withdrawal"], "rupture_turns": [0]}],
        "mode": "rules"}

# Bodies an old `mend journal import` let in (it checked only that the keys were there).
BAD_ANALYSES: list[Any] = [
    {"turns": "nope"},
    {"turns": [{"index": 0, "labels": ["rupture.withdrawal"]}],
     "episodes": [{"status": "unresolved", "labels": ["rupture.withdrawal"]}]},
    {"turns": [{"index": "x"}]},
    {"turns": [None]},
    {"turns": [{"index": 0, "labels": [None]}]},
    {"turns": [{"index": True}]},
    {"turns": [], "episodes": [{"status": "resolved", "labels": 5}]},
    {"turns": [], "episodes": "none"},
    {"turns": [], "safety": "no"},
    "not an object",
    None,
    [],
]


def test_session_insights_leave_out_analyses_they_cannot_read() -> None:
    entries = [E("analysis", "2026-11-01", {"client": "C", "analysis": GOOD})]
    entries += [E("analysis", f"2026-11-{i + 2:02d}", {"client": "C", "analysis": bad})
                for i, bad in enumerate(BAD_ANALYSES)]
    entries.append(E("analysis", "2026-12-01", {"client": "C"}))  # no analysis at all
    got = session_insights(entries)
    assert [s["date"] for s in got["sessions"]] == ["2026-11-01"]
    assert got["ruptures_by_type"] == {"withdrawal": 1, "confrontation": 0, "invalidation": 0}
    assert [m["turn"] for m in got["withdrawal_unaddressed"]] == [0]
    assert got["unreadable_sessions"] == [f"2026-11-{i + 2:02d}" for i in range(len(BAD_ANALYSES))
                                          ] + ["2026-12-01"]


def test_insights_client_does_not_crash_on_a_stored_analysis(
        sqlite_env: None, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from mendkit.journal.repository import Journal

    assert main(["journal", "init"]) == 0
    # As an older import stored them: the journal's own checks are skipped.
    # (``Journal.add_entry`` lives in ``entry_store``: the name it looks up is there.)
    monkeypatch.setattr("mendkit.journal.entry_store.validate_entry", lambda kind, body: None)
    journal = Journal.open(Path(os.environ["MEND_HOME"]), os.environ["MEND_PASSPHRASE"])
    try:
        journal.add_entry("analysis", {"client": "C", "analysis": GOOD}, occurred_at="2026-11-01")
        for bad in BAD_ANALYSES:
            journal.add_entry("analysis", {"client": "C", "analysis": bad},
                              occurred_at="2026-11-05")
    finally:
        journal.close()
    capsys.readouterr()
    assert main(["insights", "--client", "C", "--json"]) == 0
    got = json.loads(capsys.readouterr().out)
    assert len(got["sessions"]) == 1 and len(got["unreadable_sessions"]) == len(BAD_ANALYSES)
    assert main(["insights", "--client", "C"]) == 0
    captured = capsys.readouterr()
    assert "internal error" not in captured.err
    assert "Whatever." in captured.out


def test_relationship_insights_read_bodies_of_any_shape() -> None:
    got = relationship_insights([
        E("rupture", "2026-11-02T10:00", {"what": None, "labels": [None, "criticism"]}),
        E("rupture", "2026-11-03T10:00", {"what": 5, "labels": 7}),
        E("rupture", "2026-11-04T10:00", {}),
        E("repair", "2026-11-02T11:00", {"message": "sorry", "uptake": "accepted", "by": 5}),
        E("repair", "2026-11-03T11:00", {"message": "sorry", "uptake": ["x"], "by": "them"}),
        E("repair", "2026-11-04T11:00", {"message": "sorry"}),
        E("checkin", "2026-11-01T10:00", {"score": "lots"}),
        E("checkin", "2026-11-02T10:00", {"score": None}),
        E("checkin", "2026-11-03T10:00", {"score": float("nan")}),
        E("checkin", "2026-11-04T10:00", {"score": 6}),
    ])
    assert got["ruptures"] == 3 and got["repair_attempts"] == 3
    assert got["patterns"]["criticism"] == 1
    assert got["uptake"] == {"accepted": 1, "partly": 0, "not_yet": 0, "rejected": 0}
    # only "me" (the default) and "them" reach out; a stored 5 is not a person
    assert got["first_repair_by"] == {"me": 1, "them": 1}
    assert got["connection_per_week"] == {"2026-W45": 6.0}


@pytest.mark.parametrize(("times", "scores"), [
    (("2026-12-01T08:00", "2026-12-01T20:00"), (3, 7)),  # one day: "+56 points a week"
    (("2026-03-02T19:00", "2026-03-02T19:10"), (7, 5)),  # ten minutes: "-2016 points a week"
    (tuple(f"2026-03-02T19:{m:02d}" for m in range(60)), tuple(m % 11 for m in range(60))),
])
def test_no_connection_trend_from_check_ins_close_together(times: tuple[str, ...],
                                                           scores: tuple[int, ...]) -> None:
    got = relationship_insights([E("checkin", t, {"score": s})
                                 for t, s in zip(times, scores, strict=True)])
    assert got["connection_slope_per_day"] is None
    title = ET.fromstring(chart_svg(got, "connection_trend")).find(f"{SVG}title")
    assert title is not None
    assert title.text == ("Connection check-ins (mean score per week), not enough data for a "
                          "trend yet")


def test_the_weekly_trend_never_exceeds_the_scale() -> None:
    # 0 then 10 four days apart: the least-squares line rises 17.5 points a week. Two check-ins
    # are no trend, and the scale's limit is never shown as if it were measured (round 10).
    got = relationship_insights([E("checkin", "2026-03-02T08:00", {"score": 0}),
                                 E("checkin", "2026-03-06T08:00", {"score": 10})])
    assert got["connection_slope_per_day"] is None


def test_cli_says_not_enough_data_for_a_trend_within_one_day(
        sqlite_env: None, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    assert main(["journal", "init"]) == 0
    assert main(["journal", "add", "--kind", "relationship", "--name", "Dad"]) == 0
    for when, score in (("2026-12-01T08:00", "3"), ("2026-12-01T20:00", "7")):
        assert main(["journal", "add", "--kind", "checkin", "--rel", "1", "--score", score,
                     "--when", when]) == 0
    capsys.readouterr()
    assert main(["insights", "--rel", "1"]) == 0
    out = capsys.readouterr().out
    assert "points a week" not in out and "not enough data yet" in out


def _bar_ids(svg: str) -> list[str]:
    root = ET.fromstring(svg)
    return [g.get("id", "") for g in root.iter(f"{SVG}g")
            if g.get("id", "").startswith("ruptures_per_week-bar-ruptures-")]


def test_recent_weeks_count_what_is_left_out() -> None:
    from mendkit.insights import recent_weeks

    weeks, earlier = recent_weeks({"1900-W01": 1, "2026-W49": 3}, most=3)
    assert weeks == [("2026-W47", 0), ("2026-W48", 0), ("2026-W49", 3)]
    assert earlier == 1
    assert recent_weeks({"2026-W47": 2, "2026-W49": 1}) == (
        [("2026-W47", 2), ("2026-W48", 0), ("2026-W49", 1)], 0)
    assert recent_weeks({}) == ([], 0)


def test_ruptures_per_week_chart_over_a_century_is_bounded_and_shows_every_rupture() -> None:
    figures = relationship_insights(
        [E("rupture", "1900-01-01", {"what": "old grudge"})]
        + [E("rupture", f"2026-12-0{i}T10:00", {"what": f"deadline {i}"}) for i in (1, 2, 3)])
    svg = chart_svg(figures, "ruptures_per_week")
    bars = _bar_ids(svg)
    assert 2 <= len(bars) <= 106  # at most two years of weeks, and one bar for the earlier ones
    assert len(svg) < 300_000
    assert "before 2024-W" in svg  # the bar of the older ruptures says what it holds


def test_write_charts_into_a_folder_it_cannot_make(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    figures = relationship_insights([])
    with pytest.raises(InvalidInputError, match="charts"):
        write_charts(figures, tmp_path / "a-file" / "charts")
