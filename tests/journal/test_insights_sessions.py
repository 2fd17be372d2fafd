"""The therapist's view over analysed sessions, against values worked out by hand.

The transcripts are analysed in rules mode, whose labels are fixed by the rule files; the labels
each turn gets are written next to it, and every expected figure below follows from them.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from mendkit.cli.main import main
from mendkit.insights_sessions import session_insights

SESSION_A = """\
Therapist: How was your week?
Client: You never listen to me.
Therapist: I'm sorry. I can see why that felt unfair.
Client: Thank you. I appreciate that.
Therapist: You never do the homework we agreed on.
Client: Whatever. I don't want to talk about it.
Therapist: Okay, let's go on to next week's plan.
"""
# 1 confrontation; 2 repair; 3 reconnect -> episode 1-3 resolved.
# 4 confrontation; 5 withdrawal; no repair -> episode 4-5 unresolved, withdrawal never addressed.

SESSION_B = """\
WEBVTT

1
00:00:01.000 --> 00:00:04.000
Therapist: What would you like to talk about?

2
00:00:05.000 --> 00:00:08.000
Client: That's not fair, you always blame me.

3
00:00:09.000 --> 00:00:12.000
Therapist: You're overreacting, it's not a big deal.

4
00:00:13.000 --> 00:00:15.000
Client: Whatever.

5
00:00:16.000 --> 00:00:20.000
Therapist: I'm sorry. I can see why that felt unfair.

6
00:00:21.000 --> 00:00:22.000
Client: Fine.
"""
# 1 confrontation ("you always blame me") and invalidation (defensiveness: "that's not fair");
# 2 invalidation; 3 withdrawal; 4 repair; 5 withdrawal -> one episode 1-5,
# attempted (a repair, no uptake): its withdrawals were addressed, if not yet repaired.

SESSION_C = """\
Therapist: How are you today?
Client: Good, thanks. I went for a walk.
"""
# no rupture, no episode.


def _add(tmp: Path, name: str, text: str, date: str, client: str = "R.") -> None:
    path = tmp / name
    path.write_text(text, encoding="utf-8")
    assert main(["journal", "add", "--kind", "analysis", "--client", client, "--file", str(path),
                 "--date", date, "--mode", "rules"]) == 0


def test_sessions_cli_hand_computed(backend: str, tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["journal", "init"]) == 0
    # added out of date order, with another client in between: the view sorts and filters
    _add(tmp_path, "c.txt", SESSION_C, "2026-03-16")
    _add(tmp_path, "a.txt", SESSION_A, "2026-03-02")
    _add(tmp_path, "other.txt", SESSION_A, "2026-03-03", client="Someone else")
    _add(tmp_path, "b.vtt", SESSION_B, "2026-03-09")
    capsys.readouterr()
    assert main(["insights", "--client", "R.", "--json"]) == 0
    got = json.loads(capsys.readouterr().out)

    assert got["client"] == "R."
    assert [s["date"] for s in got["sessions"]] == ["2026-03-02", "2026-03-09", "2026-03-16"]
    a, b, c = got["sessions"]
    assert a["turns"] == 7 and b["turns"] == 6 and c["turns"] == 2
    assert a["ruptures_by_type"] == {"withdrawal": 1, "confrontation": 2, "invalidation": 0}
    assert b["ruptures_by_type"] == {"withdrawal": 2, "confrontation": 1, "invalidation": 2}
    assert c["ruptures_by_type"] == {"withdrawal": 0, "confrontation": 0, "invalidation": 0}
    assert [s["ruptures"] for s in got["sessions"]] == [3, 4, 0]
    assert (a["episodes"], a["resolved"], a["attempted"], a["unresolved"]) == (2, 1, 0, 1)
    assert (b["episodes"], b["resolved"], b["attempted"], b["unresolved"]) == (1, 0, 1, 0)
    assert a["repaired_share"] == pytest.approx(0.5) and a["attempted_share"] == 0.0
    assert b["repaired_share"] == 0.0 and b["attempted_share"] == pytest.approx(1.0)
    assert c["repaired_share"] is None and c["episodes"] == 0

    assert got["ruptures"] == 7
    assert got["ruptures_by_type"] == {"withdrawal": 3, "confrontation": 3, "invalidation": 2}
    assert got["episodes"] == 3
    assert got["repaired_share"] == pytest.approx(1 / 3)
    assert got["attempted_share"] == pytest.approx(1 / 3)
    # only A's withdrawal (turn 5) was never addressed; B's were in an episode with a repair
    assert got["withdrawal_unaddressed"] == [{
        "date": "2026-03-02", "turn": 5, "speaker": "Client",
        "text": "Whatever. I don't want to talk about it."}]
    # ruptures 3, 4, 0 over sessions 0, 1, 2: slope -3 / 2; a repaired share in only two
    # sessions (0.5, 0.0) is no trend
    assert got["trend"]["ruptures_per_session_slope"] == pytest.approx(-1.5)
    assert got["trend"]["repaired_share_slope"] is None
    assert got["crisis_sessions"] == []
    assert got["modes"] == ["rules"]

    assert main(["insights", "--client", "R."]) == 0
    out = capsys.readouterr().out
    assert "Whatever. I don't want to talk about it." in out
    assert "2026-03-02, turn 5" in out
    assert out.count("not therapy") == 1


def test_unknown_client_is_an_input_error(backend: str, capsys: pytest.CaptureFixture[str]
                                          ) -> None:
    assert main(["journal", "init"]) == 0
    assert main(["insights", "--client", "Nobody"]) == 1
    assert "no analysed sessions for client 'Nobody'" in capsys.readouterr().err


def test_bad_transcript_fails_before_anything_is_stored(sqlite_env: None, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]
                                                        ) -> None:
    assert main(["journal", "init"]) == 0
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    assert main(["journal", "add", "--kind", "analysis", "--client", "R.", "--file", str(bad),
                 "--mode", "rules"]) == 1
    assert "bad.json" in capsys.readouterr().err
    assert main(["journal", "add", "--kind", "analysis", "--client", "R.", "--file",
                 str(bad), "--date", "yesterday", "--mode", "rules"]) == 1
    assert main(["journal", "list", "--kind", "analysis", "--json"]) == 0
    assert "analysis" not in capsys.readouterr().out


@dataclass(frozen=True)
class E:
    kind: str
    occurred_at: str
    body: Mapping[str, Any]


def _turn(i: int, *labels: str, speaker: str = "C") -> dict[str, Any]:
    return {"index": i, "speaker": speaker, "text": f"turn {i}", "labels": list(labels)}


def test_pure_figures_on_hand_written_analyses() -> None:
    two_labels = {"turns": [_turn(0, "rupture.withdrawal", "rupture.invalidation"),
                            _turn(1, "rupture.withdrawal"), _turn(2)],
                  "episodes": [{"start_turn": 0, "end_turn": 1, "status": "unresolved",
                                "labels": ["rupture.withdrawal", "rupture.invalidation"],
                                "rupture_turns": [0, 1]}],
                  "safety": {"crisis": True}, "mode": "full"}
    quiet = {"turns": [_turn(0)], "episodes": [], "mode": "rules"}
    got = session_insights([
        E("analysis", "2026-05-02", {"client": "x", "analysis": quiet}),
        E("rupture", "2026-05-01", {"what": "not a session"}),
        E("analysis", "2026-05-01T09:00:00+02:00", {"client": "x", "analysis": two_labels}),
    ])
    first, second = got["sessions"]
    assert first["date"] == "2026-05-01T09:00:00+02:00" and second["date"] == "2026-05-02"
    assert first["ruptures"] == 2  # turn 0 has two labels but is one rupture turn
    assert first["ruptures_by_type"] == {"withdrawal": 2, "confrontation": 0, "invalidation": 1}
    assert [m["turn"] for m in got["withdrawal_unaddressed"]] == [0, 1]
    assert got["crisis_sessions"] == ["2026-05-01T09:00:00+02:00"]
    assert got["modes"] == ["full", "rules"]
    # two sessions are no trend
    assert got["trend"] == {"ruptures_per_session_slope": None, "repaired_share_slope": None}
    assert got["repaired_share"] == 0.0


def test_no_sessions() -> None:
    got = session_insights([])
    assert got["sessions"] == [] and got["repaired_share"] is None
    assert got["trend"] == {"ruptures_per_session_slope": None, "repaired_share_slope": None}
