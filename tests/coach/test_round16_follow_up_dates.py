"""Round 16 (t6 P2): a coach follow-up answered before its day is dated when it was answered, its
due day kept beside it, so that Insights never calls Mend's own date a typo and counts the
repair in its weekly figures."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from test_round12_coach_follow import Script
from test_round14_rebuild_trust import EVERYDAY, NOW, Clock

from mendkit.coach.driver import FOLLOW_UPS, run, start
from mendkit.coach.store import SessionStore
from mendkit.insights import coach_repair_rows, insights_from_rows


def _answered_early(tmp_path: Path) -> dict[str, object]:
    store, clock = SessionStore(tmp_path), Clock()
    waiting = run(start("r16early"), Script([*EVERYDAY, "", "", "3"]), store, now=clock,
                  mode="rules")
    assert waiting.answers["rebuild_follow_up"].startswith("2026-12-10")
    done = run(waiting, Script(["yes", "partly", "5", "no"]), store, now=clock, mode="rules")
    return done.to_dict()


def test_a_follow_up_answered_early_is_dated_when_it_was_answered(tmp_path: Path) -> None:
    body = _answered_early(tmp_path)
    follow_up = body["answers"][FOLLOW_UPS][0]  # type: ignore[index]
    answered = datetime.fromisoformat(follow_up["at"])
    assert answered.date() == NOW.date()
    assert follow_up["due"].startswith("2026-12-10")


def test_insights_count_it_and_say_nothing_of_a_typo(tmp_path: Path) -> None:
    rows = coach_repair_rows([_answered_early(tmp_path)], "Alex")
    assert [(kind, at[:10]) for kind, at, _ in rows] == [("repair", "2026-12-07")]
    figures = insights_from_rows(rows)
    assert figures["entries_out_of_range"] == 0
    assert figures["repair_attempts"] == 1


def test_an_older_session_dated_on_a_future_due_day_is_not_left_in_the_future() -> None:
    """Sessions saved before this round hold only the due day: one still to come is counted as
    answered by now, not as a typo of the person's."""
    body = {"id": "old1", "answers": {
        "recognise_who": "Alex", "rebuild_message": "I'm sorry I forgot you.",
        "rebuild_follow_up": "2999-01-01T00:00+00:00",
        FOLLOW_UPS: [{"at": "2999-01-01T00:00+00:00", "uptake": "partly", "connection": 5}]}}
    rows = coach_repair_rows([body], "Alex", now=NOW.astimezone())
    assert [at[:10] for _, at, _ in rows] == ["2026-12-07"]
    assert insights_from_rows(rows)["entries_out_of_range"] == 0
