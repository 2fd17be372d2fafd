"""Insights against values worked out by hand on a small journal."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pytest

from mendkit.cli.main import main
from mendkit.insights import relationship_insights


@dataclass(frozen=True)
class E:
    kind: str
    occurred_at: str
    body: Mapping[str, Any]


DATA = [
    E("checkin", "2026-03-09T00:00:00", {"score": 8}),
    E("rupture", "2026-03-02T10:00:00", {"what": "He forgot the dinner again and the dishes",
                                         "labels": ["criticism"]}),
    E("repair", "2026-03-02T14:00:00", {"message": "sorry", "uptake": "accepted", "by": "me"}),
    E("rupture", "2026-03-04T09:00:00", {"what": "Dinner plans cancelled",
                                         "labels": ["rupture.invalidation.defensiveness",
                                                    "criticism"]}),
    E("repair", "2026-03-05T09:00:00", {"message": "can we talk", "uptake": "partly", "by": "them"}),
    E("repair", "2026-03-05T10:00:00", {"message": "again", "uptake": "rejected", "by": "me"}),
    E("rupture", "2026-03-10T08:00:00", {"what": "dishes piled up", "labels": ["stonewalling"]}),
    E("checkin", "2026-03-01T00:00:00", {"score": 4}),
    E("checkin", "2026-03-05T00:00:00", {"score": 6}),
]


def test_hand_computed_figures() -> None:
    got = relationship_insights(DATA)
    assert got["ruptures"] == 3
    # 2 March and 4 March are in ISO week 10, 10 March in week 11
    assert got["ruptures_per_week"] == {"2026-W10": 2, "2026-W11": 1}
    assert got["repair_attempts"] == 3
    assert got["uptake"] == {"accepted": 1, "partly": 1, "not_yet": 0, "rejected": 1}
    assert got["uptake_ratio"] == pytest.approx(0.5)  # (1 + 0.5) / 3
    assert got["median_hours_to_repair"] == pytest.approx(14.0)  # median of 4 h and 24 h
    assert got["first_repair_by"] == {"me": 1, "them": 1}
    assert got["recurring_triggers"] == [{"word": "dinner", "ruptures": 2},
                                         {"word": "dishes", "ruptures": 2}]
    assert got["patterns"] == {"criticism": 2, "contempt": 0, "defensiveness": 1,
                               "stonewalling": 1}
    assert got["connection_slope_per_day"] == pytest.approx(0.5)  # 4, 6, 8 over 0, 4, 8 days


def test_empty_relationship() -> None:
    got = relationship_insights([])
    assert got["uptake_ratio"] is None and got["median_hours_to_repair"] is None
    assert got["connection_slope_per_day"] is None


def test_insights_cli_json(backend: str, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    assert main(["journal", "init"]) == 0
    assert main(["journal", "add", "--kind", "relationship", "--name", "Ana"]) == 0
    for e in DATA:
        args = ["journal", "add", "--kind", e.kind, "--rel", "1", "--when", e.occurred_at]
        if e.kind == "rupture":
            args += ["--text", e.body["what"]] + [f"--label={x}" for x in e.body["labels"]]
        elif e.kind == "repair":
            args += ["--text", e.body["message"], "--uptake", e.body["uptake"],
                     "--by", e.body["by"]]
        else:
            args += ["--score", str(e.body["score"])]
        assert main(args) == 0
    capsys.readouterr()
    assert main(["insights", "--rel", "1", "--json"]) == 0
    got = json.loads(capsys.readouterr().out)
    assert got["relationship"] == {"id": 1, "name": "Ana"}
    assert got["uptake_ratio"] == pytest.approx(0.5)
    assert got["median_hours_to_repair"] == pytest.approx(14.0)
    assert main(["insights", "--rel", "1"]) == 0
    assert "Uptake" in capsys.readouterr().out


def test_insights_summary_in_words(sqlite_env: None, monkeypatch: pytest.MonkeyPatch,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("COLUMNS", "200")  # one line per sentence, whatever the terminal
    assert main(["journal", "init"]) == 0
    assert main(["journal", "add", "--kind", "relationship", "--name", "Ana"]) == 0
    for when, text, labels in (("2026-03-02T10:00", "forgot the dinner", ["criticism"]),
                               ("2026-03-04T09:00", "dinner plans cancelled",
                                ["criticism", "rupture.withdrawal.stonewalling"])):
        assert main(["journal", "add", "--kind", "rupture", "--rel", "1", "--text", text,
                     "--when", when, *[f"--label={x}" for x in labels]]) == 0
    assert main(["journal", "add", "--kind", "repair", "--rel", "1", "--text", "sorry",
                 "--uptake", "partly", "--when", "2026-03-02T12:00"]) == 0
    capsys.readouterr()
    assert main(["insights", "--rel", "1"]) == 0
    out = capsys.readouterr().out
    assert "2, in 1 week (2026-W10)" in out  # one week: no "most"
    assert "0.50 (accepted, plus half of partly, per attempt)" in out
    assert "2 hours (median)" in out
    assert "Patterns you marked: criticism (2 ruptures), stonewalling (1 rupture)." in out
    assert "Words that keep coming up in ruptures: dinner (2 ruptures)." in out
    assert "not enough data yet" in out  # no check-ins
    assert out.count("It is not therapy") == 1


def test_times_outside_what_mend_accepts_are_left_out_of_the_weeks_and_named() -> None:
    """Years 1, 999 and 9999 came from an earlier Mend's free-text times: they are counted, but
    no week or trend is drawn from them, and they are named."""
    times = ("9999-12-31T23:59:00", "2026-03-02T10:00:00", "0999-06-01T00:00:00",
             "0001-01-01T00:00:00")
    got = relationship_insights([E("rupture", at, {"what": "x"}) for at in times]
                                + [E("checkin", at, {"score": 5}) for at in times])
    assert got["ruptures"] == 4
    assert got["ruptures_per_week"] == {"2026-W10": 1}
    assert got["connection_per_week"] == {"2026-W10": 5.0}
    assert got["entries_out_of_range"] == 6
    assert sorted(got["out_of_range_times"]) == sorted(set(times) - {"2026-03-02T10:00:00"})
