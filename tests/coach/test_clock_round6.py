"""The coach's clock: a break lasts as long as it was set for, whatever the time zone on resume;
a paused session whose time carries an offset resumes (terminal and page alike); the follow-up
opens from the start of the day the coach promised, and the terminal and the page say that day."""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from test_cli_coach_edges import TO_CHECK, TO_FOLLOW_UP
from test_driver import Script

from mendkit.cli.main import main
from mendkit.coach import State
from mendkit.coach.driver import run, start
from mendkit.coach.store import SessionStore

# 27 Nov 2026, 18:00 UTC: the moment each break or follow-up below is set.
START = datetime(2026, 11, 27, 18, 0, tzinfo=UTC)


def set_zone(name: str) -> None:
    os.environ["TZ"] = name
    time.tzset()


@pytest.fixture
def zone() -> Iterator[Callable[[str], None]]:
    """Changes this process's local time zone (as travel or a laptop would), put back after."""
    old = os.environ.get("TZ")
    try:
        yield set_zone
    finally:
        if old is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = old
        time.tzset()


def at(instant: datetime) -> Callable[[], datetime]:
    """A clock that reads like ``datetime.now()``: the local wall time of ``instant``, no offset."""
    return lambda: instant.astimezone().replace(tzinfo=None)


def _write_session(home: Path, session_id: str, state: str, answers: dict[str, object]) -> None:
    folder = home / "coach" / "sessions"
    folder.mkdir(parents=True, exist_ok=True)
    path = [["welcome", "begin"], ["regulate_break", "break_set"]] if state == "on_break" else []
    (folder / f"{session_id}.json").write_text(json.dumps(
        {"format": 1, "id": session_id, "state": state,
         "answers": {"recognise_who": "Sam", "recognise_context": "partner", **answers},
         "path": path, "settings": {"region": "default"}}), encoding="utf-8")


def _answers(tmp_path: Path, answers: list[str]) -> str:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    return str(path)


# ---- 3: a break lasts the minutes it was set for, whatever the zone on resume ----

@pytest.mark.parametrize("elsewhere", ["America/New_York", "Asia/Tokyo"])
def test_a_twenty_minute_break_lasts_twenty_minutes_after_a_time_zone_change(
        tmp_path: Path, zone: Callable[[str], None], elsewhere: str) -> None:
    store = SessionStore(tmp_path)
    zone("UTC")
    paused = run(start("z1"), Script([*TO_CHECK, "9", "20", "no"]), store, now=at(START))
    assert paused.state is State.ON_BREAK
    zone(elsewhere)
    script = Script(["no"])
    early = run(store.load("z1"), script, store, now=at(START + timedelta(minutes=1)))
    assert early.state is State.ON_BREAK  # one real minute in, not over (Tokyo) nor 5 h (New York)
    back = (START + timedelta(minutes=20)).astimezone()
    assert f"This session continues at {back:%H:%M}." in script.said  # today: no date
    later = run(store.load("z1"), Script(["3"]), store, now=at(START + timedelta(minutes=21)))
    assert later.state is not State.ON_BREAK


def test_a_new_break_is_stored_with_its_offset(tmp_path: Path, zone: Callable[[str], None]
                                               ) -> None:
    zone("Asia/Kolkata")
    store = SessionStore(tmp_path)
    paused = run(start("z2"), Script([*TO_CHECK, "9", "30", "no"]), store, now=at(START))
    assert paused.answers["regulate_break"] == "2026-11-28T00:00+05:30"


def test_the_live_timer_counts_real_minutes(tmp_path: Path, zone: Callable[[str], None]) -> None:
    zone("America/New_York")
    script = Script([*TO_CHECK, "9", "20", "yes", "2"])
    run(start("z3"), script, SessionStore(tmp_path), now=at(START))
    assert script.waited == 20 * 60


def test_an_old_break_without_an_offset_is_still_local_time(
        home: Path, tmp_path: Path, zone: Callable[[str], None],
        capsys: pytest.CaptureFixture[str]) -> None:
    zone("Asia/Tokyo")
    local = datetime.now() + timedelta(hours=2)  # what older Mend stored
    _write_session(home, "aaaaaaaaaaaa", "on_break",
                   {"regulate_check": 9, "regulate_break": local.isoformat(timespec="minutes")})
    assert main(["coach", "--resume", "aaaaaaaaaaaa", "--answers",
                 _answers(tmp_path, ["no"])]) == 0
    day = "" if local.date() == datetime.now().date() else f" on {local:%d %b}"  # today: none
    assert f"This session continues at {local:%H:%M}{day}." in capsys.readouterr().out
    assert SessionStore(home).load("aaaaaaaaaaaa").state is State.ON_BREAK


# ---- 2: a paused session whose time has an offset is never an internal error ----

@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("MEND_HOME", str(home))
    monkeypatch.setenv("MEND_PASSPHRASE", "")
    return home


def test_the_cli_resumes_a_break_whose_time_has_an_offset(
        home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _write_session(home, "abc123abc123", "on_break",
                   {"regulate_check": 9, "regulate_break": "2030-01-01T12:00+00:00"})
    assert main(["coach", "--resume", "abc123abc123", "--answers",
                 _answers(tmp_path, ["no"])]) == 0
    captured = capsys.readouterr()
    back = datetime(2030, 1, 1, 12, 0, tzinfo=UTC).astimezone()
    assert f"This session continues at {back:%H:%M on %d %b}." in captured.out
    assert "internal error" not in captured.err


def test_the_cli_ends_a_break_whose_offset_time_has_passed(
        home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _write_session(home, "abc123abc124", "on_break",
                   {"regulate_check": 9, "regulate_break": "2020-01-01T12:00-08:00"})
    assert main(["coach", "--resume", "abc123abc124", "--answers",
                 _answers(tmp_path, ["3"])]) == 0
    assert "internal error" not in capsys.readouterr().err
    assert SessionStore(home).load("abc123abc124").state \
        is not State.ON_BREAK


@pytest.mark.parametrize("value", ["0001-01-01T00:00+14:00", "9999-12-31T23:59-14:00"])
def test_a_break_time_out_of_range_is_a_clear_error(
        home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], value: str) -> None:
    _write_session(home, "abc123abc125", "on_break", {"regulate_break": value})
    assert main(["coach", "--resume", "abc123abc125", "--answers",
                 _answers(tmp_path, ["no"])]) == 1
    err = capsys.readouterr().err
    assert f'"regulate_break" is "{value}"' in err
    assert "abc123abc125.json" in err and "internal error" not in err


def test_the_page_shows_a_break_whose_time_has_an_offset(home: Path) -> None:
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from mendkit.config import Settings
    from mendkit.web import create_app

    _write_session(home, "abc123abc123", "on_break",
                   {"regulate_check": 9, "regulate_break": "2030-01-01T12:00+00:00"})
    app = create_app(Settings(home=home))
    app.state.coach_clock = at(datetime(2030, 1, 1, 11, 30, tzinfo=UTC))
    page = TestClient(app).get("/coach/abc123abc123")
    assert page.status_code == 200
    back = datetime(2030, 1, 1, 12, 0, tzinfo=UTC).astimezone()
    assert f">{back:%H:%M}</time>" in page.text
    assert 'data-countdown="1800"' in page.text


# ---- 6: the follow-up opens from the start of the day it promises ----

def test_the_follow_up_opens_on_the_morning_of_its_day(tmp_path: Path,
                                                       zone: Callable[[str], None]) -> None:
    zone("Europe/London")
    store = SessionStore(tmp_path)
    evening = datetime(2026, 11, 27, 18, 0)  # Friday, local time
    paused = run(start("f6"), Script([*TO_FOLLOW_UP, "1"]), store, now=lambda: evening)
    assert paused.state is State.AWAITING_FOLLOW_UP
    script = Script(["no"])
    late = run(store.load("f6"), script, store, now=lambda: datetime(2026, 11, 27, 23, 30))
    assert late.state is State.AWAITING_FOLLOW_UP
    assert "This session continues on Saturday 28 November." in script.said
    script = Script([])
    run(store.load("f6"), script, store, now=lambda: datetime(2026, 11, 28, 8, 0))
    assert any(s.startswith("How did it go?") for s in script.said)


def test_an_old_follow_up_time_opens_from_the_start_of_its_day(
        home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    today = datetime.now().date()  # older Mend stored local wall time
    _write_session(home, "abc123abc126", "awaiting_follow_up",
                   {"rebuild_follow_up": f"{today.isoformat()}T23:59"})
    assert main(["coach", "--resume", "abc123abc126", "--answers",
                 _answers(tmp_path, ["partly", "7"])]) == 0
    assert "How did it go?" in capsys.readouterr().out
    saved = SessionStore(home).load("abc123abc126")
    assert saved.state is State.DONE and saved.answers["follow_up_uptake"] == "partly"


def test_the_terminal_names_the_follow_up_day_as_the_page_does(
        tmp_path: Path, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["coach", "--answers", _answers(tmp_path, [*TO_FOLLOW_UP, "1"])]) == 0
    day = datetime.now().date() + timedelta(days=1)  # the local calendar day
    assert f"I'll ask how it went on {day:%A %d %B}." in capsys.readouterr().out


def test_the_page_promises_the_day_the_follow_up_opens(home: Path) -> None:
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from mendkit.config import Settings
    from mendkit.web import create_app

    _write_session(home, "abc123abc127", "awaiting_follow_up",
                   {"rebuild_follow_up": "2026-11-28T18:00"})
    app = create_app(Settings(home=home))
    app.state.coach_clock = lambda: datetime(2026, 11, 27, 20, 0)
    client = TestClient(app)
    page = client.get("/coach/abc123abc127").text
    assert re.search(r"I'll ask how it went <time datetime=\"2026-11-28T00:00:00[^\"]*\">"
                     r"on Saturday 28 November</time>", page), page
    app.state.coach_clock = lambda: datetime(2026, 11, 28, 7, 0)
    assert "How did it go?" in client.get("/coach/abc123abc127").text
