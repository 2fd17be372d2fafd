"""Round 10, insights over a long-lived journal: one rule for a trend's words, no trend from too
few check-ins or sessions, a rupture counted once per pattern, whole words as triggers, and the
CLI's table saying what the web page says."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from mendkit.cli.main import main
from mendkit.insights import insights_from_rows, relationship_insights
from mendkit.insights_charts import chart_svg
from mendkit.insights_sessions import session_insights

SVG = "{http://www.w3.org/2000/svg}"


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


def _add(*args: str) -> None:
    assert main(["journal", "add", "--rel", "1", *args]) == 0


def _insights(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    capsys.readouterr()
    assert main(["insights", "--rel", "1", *args]) == 0
    return capsys.readouterr().out


def _checkins(points: list[tuple[str, int]]) -> list[E]:
    return [E("checkin", when, {"score": score}) for when, score in points]


# -- 1. one rule for "steady", "rising" and "falling" ----------------------------------------------
SLOW_CLIMB = [("2025-10-01T12:00", 2), ("2025-11-30T12:00", 4), ("2026-01-29T12:00", 5),
              ("2026-03-30T12:00", 6), ("2026-05-29T12:00", 8), ("2026-07-28T12:00", 9)]


def test_a_slow_climb_over_months_is_rising_in_the_table_and_the_chart(
        journal: None, capsys: pytest.CaptureFixture[str]) -> None:
    for when, score in SLOW_CLIMB:
        _add("--kind", "checkin", "--score", str(score), "--when", when)
    out = _insights(capsys)
    assert "rising (+0.16 points a week)" in out
    figures = relationship_insights(_checkins(SLOW_CLIMB))
    title = ET.fromstring(chart_svg(figures, "connection_trend")).find(f"{SVG}title")
    assert title is not None and title.text is not None
    assert title.text.endswith("trend +0.16 a week")


def test_the_trend_words_never_call_a_printed_change_steady() -> None:
    from mendkit.insights import trend_words

    assert trend_words(0.16 / 7, scale=7.0) == ("rising", 0.16)
    assert trend_words(-0.01, scale=7.0) == ("falling", -0.07)
    assert trend_words(0.0004, scale=7.0) == ("steady", 0.0)
    assert trend_words(-0.0004, scale=7.0) == ("steady", 0.0)  # no "-0.00"
    assert trend_words(None) is None


# -- 2. no trend from two check-ins, or from a fit steeper than the scale ---------------------------
@pytest.mark.parametrize("points", [
    [("2026-11-01T12:00", 3), ("2026-11-05T12:00", 9)],  # two check-ins: "+10.00 a week"
    [("2026-03-02T08:00", 0), ("2026-03-06T08:00", 10)],  # two check-ins at the ends of the scale
    [("2026-03-01T12:00", 3), ("2026-03-02T12:00", 6), ("2026-03-04T12:00", 9)],  # three days
])
def test_too_few_check_ins_or_too_short_a_span_give_no_trend(points: list[tuple[str, int]]) -> None:
    figures = relationship_insights(_checkins(points))
    assert figures["connection_slope_per_day"] is None
    title = ET.fromstring(chart_svg(figures, "connection_trend")).find(f"{SVG}title")
    assert title is not None
    assert title.text == ("Connection check-ins (mean score per week), not enough data for a "
                          "trend yet")


def test_three_check_ins_over_more_than_a_week_give_a_measured_trend() -> None:
    figures = relationship_insights(_checkins(
        [("2026-03-01T12:00", 4), ("2026-03-05T12:00", 6), ("2026-03-09T12:00", 8)]))
    assert figures["connection_slope_per_day"] == pytest.approx(0.5)


def test_a_fit_steeper_than_the_whole_scale_is_not_shown_as_the_largest_rate() -> None:
    # Twenty check-ins of 0, then twenty of 10 three days later, between two 5s two weeks apart
    # (an import could hold that): the line through them climbs 11 points a week, more than the
    # scale allows over two weeks; the clamp's limit is not a measurement.
    points = ([("2026-03-01T00:00", 5)]
              + [(f"2026-03-06T12:{m:02d}", 0) for m in range(20)]
              + [(f"2026-03-09T12:{m:02d}", 10) for m in range(20)]
              + [("2026-03-15T00:00", 5)])
    figures = relationship_insights(_checkins(points))
    assert figures["connection_slope_per_day"] is None


def test_the_cli_says_not_enough_data_for_two_check_ins(
        journal: None, capsys: pytest.CaptureFixture[str]) -> None:
    _add("--kind", "checkin", "--score", "3", "--when", "2026-11-01T12:00")
    _add("--kind", "checkin", "--score", "9", "--when", "2026-11-05T12:00")
    out = _insights(capsys)
    assert "not enough data yet" in out and "points a week" not in out
    assert json.loads(_insights(capsys, "--json"))["connection_slope_per_day"] is None


def test_two_sessions_give_no_trend() -> None:
    session = {"turns": [{"index": 0, "speaker": "C", "text": "Whatever.",
                          "labels": ["rupture.withdrawal"]}],
               "episodes": [{"start_turn": 0, "end_turn": 0, "status": "resolved",
                             "labels": ["rupture.withdrawal"], "rupture_turns": [0]}]}
    quiet = {"turns": [], "episodes": []}
    two = session_insights([E("analysis", "2026-03-01", {"client": "C", "analysis": session}),
                            E("analysis", "2026-03-08", {"client": "C", "analysis": quiet})])
    assert two["trend"] == {"ruptures_per_session_slope": None, "repaired_share_slope": None}
    three = session_insights([E("analysis", f"2026-03-{d:02d}", {"client": "C", "analysis": a})
                              for d, a in ((1, session), (8, quiet), (15, quiet))])
    assert three["trend"]["ruptures_per_session_slope"] == pytest.approx(-0.5)
    assert three["trend"]["repaired_share_slope"] is None  # only one session had an episode


# -- 3. a label given twice ------------------------------------------------------------------------
def test_a_label_given_twice_is_stored_once_and_counted_once(
        journal: None, capsys: pytest.CaptureFixture[str]) -> None:
    _add("--kind", "rupture", "--text", "eye roll", "--label", "contempt", "--label",
         "rupture.confrontation.contempt", "--label", "contempt", "--when", "2026-11-13T10:00")
    capsys.readouterr()
    assert main(["journal", "list", "--rel", "1", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed["entries"][0]["body"]["labels"] == ["rupture.confrontation.contempt"]
    assert "contempt (1 rupture)" in _insights(capsys)
    assert json.loads(_insights(capsys, "--json"))["patterns"]["contempt"] == 1


def test_an_imported_rupture_with_a_label_twice_counts_once_per_pattern() -> None:
    figures = insights_from_rows([
        ("rupture", "2026-11-13T10:00", {"what": "eye roll",
                                          "labels": ["contempt", "rupture.confrontation.contempt",
                                                     "criticism"]}),
        ("rupture", "2026-11-14T10:00", {"what": "again", "labels": ["contempt"]}),
    ])
    assert figures["patterns"] == {"criticism": 1, "contempt": 2, "defensiveness": 0,
                                   "stonewalling": 0}


# -- 4. whole words as triggers --------------------------------------------------------------------
def test_triggers_are_whole_words_in_any_alphabet_and_either_apostrophe() -> None:
    texts = ["Discusión por el dinero", "Otra discusión, sin dinero", "She didn’t call back",
             "He wasn’t listening, didn’t answer", "Réunion annulée", "Encore une réunion annulée"]
    figures = relationship_insights([E("rupture", f"2026-11-{i + 1:02d}T10:00", {"what": t})
                                     for i, t in enumerate(texts)])
    words = [t["word"] for t in figures["recurring_triggers"]]
    assert words == ["annulée", "dinero", "discusión", "réunion"]


# -- 7. ruptures without a readable time -----------------------------------------------------------
def test_the_table_says_how_many_ruptures_the_weeks_count(
        sqlite_env: None, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        tmp_path: Path) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    export = tmp_path / "untimed.json"
    export.write_text(json.dumps({
        "format": "mend-journal/1",
        "relationships": [{"id": 1, "kind": "partner", "name": "Weird", "notes": ""}],
        "entries": [
            {"id": 1, "kind": "rupture", "relationship_id": 1, "occurred_at": "last tuesday",
             "body": {"what": "money fight", "labels": []}},
            {"id": 2, "kind": "rupture", "relationship_id": 1, "occurred_at": "0001-01-01T00:00",
             "body": {"what": "money typo", "labels": []}},
            {"id": 3, "kind": "rupture", "relationship_id": 1, "occurred_at": "2026-05-01T10:00",
             "body": {"what": "money again", "labels": []}}]}), encoding="utf-8")
    assert main(["journal", "init"]) == 0
    assert main(["journal", "import", str(export)]) == 0
    out = _insights(capsys)
    assert "3, in 1 week" not in out
    assert "3; 1 of them has a time Mend can read, in 2026-W18" in out


# -- 8. a pattern seen once has not come back ------------------------------------------------------
def test_the_cli_does_not_call_a_pattern_seen_once_one_that_comes_back(
        journal: None, capsys: pytest.CaptureFixture[str]) -> None:
    _add("--kind", "rupture", "--text", "door slam", "--label", "contempt",
         "--when", "2026-11-13T10:00")
    out = _insights(capsys)
    assert "come back" not in out.replace("Words that keep coming up", "")
    assert "Patterns you marked: contempt (1 rupture)." in out


# -- 9. saved analyses linked to the relationship --------------------------------------------------
def test_the_cli_mentions_saved_analyses_kept_with_the_relationship(
        journal: None, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    transcript = tmp_path / "s1.txt"
    transcript.write_text("Therapist: How was your week?\nClient: Whatever. It does not matter.\n",
                          encoding="utf-8")
    _add("--kind", "analysis", "--client", "C2", "--file", str(transcript), "--date",
         "2026-03-01", "--mode", "rules")
    out = " ".join(_insights(capsys).split())
    assert ("1 saved analysis of a conversation is kept with this relationship. These figures do "
            "not count what it found") in out
    assert json.loads(_insights(capsys, "--json"))["saved_analyses"] == 1
