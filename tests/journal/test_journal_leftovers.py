"""Leftovers of the journal's fixes: notes on what insights leave out (analyses Mend cannot read,
times it cannot read, ruptures older than the web chart's weeks), the charts folder checked before
anything is printed, check-ins of any shape, the entries API's kinds, sign-out and the two-person
seat, who owns a two-person place, `mend correct --help`, and `mend journal list`'s filters."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient
from practice_kit import make_practice, practice_app, signed_in, token
from test_accounts import CHEAP, PASS, SECRET

from mendkit.cli.main import main
from mendkit.config import Settings
from mendkit.journal.repository import Journal
from mendkit.web import create_app


@pytest.fixture
def analysis(tmp_path: Path) -> dict[str, Any]:
    """What `mend analyze --json` writes for a short talk."""
    from mendkit.api import analyze, load_conversation

    talk = tmp_path / "talk.txt"
    talk.write_text("A: You never listen to me.\nB: Whatever.\n", encoding="utf-8")
    return analyze(load_conversation(str(talk)), mode="rules").to_dict()


def _journal(home: Path) -> Journal:
    return Journal.create(home, PASS, kdf=CHEAP)


def _unchecked(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let bodies of any shape in, as an old `mend journal import` did (``Journal.add_entry``
    lives in ``entry_store``: the name it looks up is there)."""
    monkeypatch.setattr("mendkit.journal.entry_store.validate_entry", lambda kind, body: None)


@pytest.fixture
def passphrase(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MEND_PASSPHRASE", PASS)
    monkeypatch.delenv("MEND_DATABASE_URL", raising=False)


# -- 1: `mend insights --client` says which sessions it left out ---------------------------------
def test_insights_for_a_client_note_the_sessions_whose_analysis_cannot_be_read(
        passphrase: None, home: Path, analysis: dict[str, Any],
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    with _journal(home) as j:
        j.add_entry("analysis", {"client": "R.", "analysis": analysis},
                    occurred_at="2026-11-01")
        _unchecked(monkeypatch)
        j.add_entry("analysis", {"client": "R.", "analysis": {"turns": "nope"}},
                    occurred_at="2026-11-05")
        j.add_entry("analysis", {"client": "R.", "analysis": None}, occurred_at="2026-11-12")
    assert main(["insights", "--client", "R."]) == 0
    err = capsys.readouterr().err
    assert ("note: 2 analysed sessions (2026-11-05, 2026-11-12) hold an analysis Mend cannot "
            "read; they are left out of these figures.") in err
    assert main(["insights", "--client", "R.", "--json"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["unreadable_sessions"] == ["2026-11-05", "2026-11-12"]
    assert "2 analysed sessions" in captured.err  # on stderr: the JSON stays clean


def test_insights_for_a_client_whose_sessions_all_read_print_no_note(
        passphrase: None, home: Path, analysis: dict[str, Any],
        capsys: pytest.CaptureFixture[str]) -> None:
    with _journal(home) as j:
        j.add_entry("analysis", {"client": "R.", "analysis": analysis},
                    occurred_at="2026-11-01")
    assert main(["insights", "--client", "R."]) == 0
    assert "note:" not in capsys.readouterr().err


# -- 2: a charts folder that cannot be made fails before anything is printed -----------------
def test_a_charts_folder_that_cannot_be_made_is_refused_before_any_figure_is_printed(
        passphrase: None, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with _journal(home) as j:
        j.add_relationship("Boss", "colleague", "")
        j.add_entry("rupture", {"what": "deadline", "labels": []}, occurred_at="2026-11-02T10:00",
                    relationship_id=1)
    assert main(["insights", "--rel", "1", "--charts", "/proc/no-such/charts"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "/proc/no-such/charts" in captured.err
    assert "cannot make a folder for the charts there (" in captured.err
    assert "Traceback" not in captured.err


def test_the_charts_folder_is_made_when_missing(passphrase: None, home: Path, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    with _journal(home) as j:
        j.add_relationship("Boss", "colleague", "")
        j.add_entry("rupture", {"what": "deadline", "labels": []}, occurred_at="2026-11-02T10:00",
                    relationship_id=1)
    charts = tmp_path / "a" / "b" / "charts"
    assert main(["insights", "--rel", "1", "--charts", str(charts)]) == 0
    assert (charts / "ruptures_per_week.svg").is_file()


# -- 3 and 4: the web Insights page --------------------------------------------------------------
@pytest.fixture
def web(passphrase: None, home: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(home=home))) as client:
        yield client


def _unlocked(web: TestClient) -> TestClient:
    found = re.search(r'name="csrf_token" value="([^"]+)"', web.get("/journal").text)
    assert found
    r = web.post("/journal/unlock", data={"csrf_token": found.group(1), "passphrase": PASS},
                 follow_redirects=False)
    assert r.status_code == 303, r.text
    return web


def _rel_with(home: Path, entries: list[tuple[str, dict[str, Any], str]]) -> None:
    with _journal(home) as j:
        j.add_relationship("Boss", "colleague", "")
        for kind, body, when in entries:
            j.add_entry(kind, body, occurred_at=when, relationship_id=1)


def test_web_insights_say_how_many_ruptures_the_weekly_chart_leaves_out(
        web: TestClient, home: Path) -> None:
    _rel_with(home, [("rupture", {"what": "old grudge", "labels": []}, "1900-01-01T10:00"),
                     *(("rupture", {"what": f"deadline {i}", "labels": []},
                        f"2026-12-0{i}T10:00") for i in (1, 2, 3))])
    html = _unlocked(web).get("/journal/relationships/1/insights").text
    assert "4 ruptures recorded, in 2 different weeks." in html
    assert ("The chart and table show the last 104 weeks; 1 earlier rupture is not in them."
            in html)
    assert "A bar for each of the last 104 weeks" in html
    assert "A bar for each week with a rupture" not in html
    rows = re.findall(r'<th scope="row">(\d+-W\d+)</th><td>(\d+)</td>', html)
    assert len(rows) == 104 and rows[-1] == ("2026-W49", "3")


def test_web_insights_without_earlier_ruptures_have_no_note(web: TestClient, home: Path) -> None:
    _rel_with(home, [("rupture", {"what": f"deadline {i}", "labels": []},
                      f"2026-11-0{i}T10:00") for i in (2, 9)])
    html = _unlocked(web).get("/journal/relationships/1/insights").text
    assert "A bar for each of the last 2 weeks" in html
    assert "earlier rupture" not in html


def test_web_insights_say_which_times_they_cannot_read(web: TestClient, home: Path) -> None:
    _rel_with(home, [("rupture", {"what": "borrowed car", "labels": []}, "last tuesday"),
                     ("rupture", {"what": "car again", "labels": []}, "the day after")])
    html = _unlocked(web).get("/journal/relationships/1/insights").text
    assert "different weeks" not in html
    assert "2 ruptures recorded." in html
    assert ("2 entries have a time Mend cannot read (“last tuesday”, “the day after”)"
            in html)


def test_web_insights_count_the_weeks_of_the_ruptures_with_a_time(web: TestClient, home: Path
                                                                   ) -> None:
    _rel_with(home, [("rupture", {"what": "borrowed car", "labels": []}, "last tuesday"),
                     ("rupture", {"what": "car again", "labels": []}, "2026-11-02T10:00"),
                     ("rupture", {"what": "car once more", "labels": []}, "2026-11-03T10:00")])
    html = _unlocked(web).get("/journal/relationships/1/insights").text
    assert "3 ruptures recorded; the 2 with a time Mend can read are all in one week." in html
    assert "1 entry has a time Mend cannot read (“last tuesday”)" in html


def test_web_insights_leave_out_check_ins_without_a_number_score(
        web: TestClient, home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _unchecked(monkeypatch)
    _rel_with(home, [("checkin", {"score": "seven"}, "2026-11-01T10:00"),
                     ("checkin", {}, "2026-11-02T10:00"),
                     ("checkin", {"score": None}, "2026-11-03T10:00"),
                     ("checkin", {"score": float("inf")}, "2026-11-04T10:00"),
                     ("checkin", {"score": True}, "2026-11-05T10:00"),
                     ("checkin", {"score": 6}, "2026-11-06T10:00")])
    r = _unlocked(web).get("/journal/relationships/1/insights")
    assert r.status_code == 200
    assert "Connection scores from 0 to 10, oldest first: 2026-11-06: 6." in r.text


# -- 5: the entries API names the kinds ----------------------------------------------------------
def test_the_entries_api_refuses_an_unknown_kind_naming_the_kinds(web: TestClient, home: Path
                                                                  ) -> None:
    _rel_with(home, [("rupture", {"what": "deadline", "labels": []}, "2026-11-02T10:00")])
    client = _unlocked(web)
    r = client.get("/api/journal/entries", params={"kind": "bogus"})
    assert r.status_code == 400
    error = r.json()["error"]
    assert "'bogus'" in error and "rupture" in error and "checkin" in error
    r = client.get("/api/journal/entries", params={"kind": "rupture"})
    assert r.status_code == 200 and [e["body"]["what"] for e in r.json()] == ["deadline"]


# -- 6: signing out drops the two-person seat ----------------------------------------------------
@pytest.fixture
def practice(passphrase: None, home: Path) -> Iterator[TestClient]:
    make_practice(home)
    with practice_app(home) as client:
        yield client


def test_signing_out_drops_the_two_person_seat(practice: TestClient) -> None:
    browser = signed_in(practice, "sam")
    r = browser.post("/coach/pair", data={"csrf_token": token(browser, "/coach/pair"),
                                          "name": "Sam"}, follow_redirects=False)
    assert r.status_code == 303
    code = r.headers["location"].rsplit("/", 1)[-1]
    assert "Before the questions" in browser.get(f"/coach/pair/{code}").text  # their place
    assert "mend_pair" in browser.cookies
    r = browser.post("/logout", data={"csrf_token": token(browser, "/practice/client")},
                     follow_redirects=False)
    assert r.status_code == 303
    dropped = [c for c in r.headers.get_list("set-cookie") if c.startswith("mend_pair=")]
    assert dropped and "Path=/coach/pair" in dropped[0] and "Max-Age=0" in dropped[0]
    assert "mend_pair" not in browser.cookies
    r = browser.post("/login", data={"csrf_token": token(browser), "username": "kit",
                                     "password": SECRET})
    assert r.status_code == 200, r.text
    assert "Before the questions" not in browser.get(f"/coach/pair/{code}").text


# -- 7: who owns a two-person place ------------------------------------------------------------
def test_a_pair_store_knows_which_places_are_its_person_s(passphrase: None, home: Path) -> None:
    from mendkit.coach.pair import PairAnswers
    from mendkit.journal.accounts import Accounts
    from mendkit.journal.stores import JournalPairStore

    make_practice(home)
    with Journal.open(home, PASS) as j:
        users = {u.username: u.id for u in Accounts(j).users()}
        sam = JournalPairStore(j, owner_id=users["sam"])
        kit = JournalPairStore(j, owner_id=users["kit"])
        sam.save("ABC234", "first", PairAnswers(name="Sam"))
        kit.save("ABC234", "second", PairAnswers(name="Kit"))
        assert sam.owns("ABC234", "first") and not sam.owns("ABC234", "second")
        assert kit.owns("ABC234", "second") and not kit.owns("ABC234", "first")
        assert not sam.owns("XYZ567", "first")
        assert sam.load("ABC234", "second") is not None  # the other's answers are still found


# -- 8: `mend correct --help` says where corrections go ------------------------------------------
def test_correct_help_says_corrections_go_to_the_journal_when_there_is_one(
        capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["correct", "--help"])
    assert exit_.value.code == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "in the journal when there is one" in out
    assert "$MEND_HOME/corrections.jsonl" in out


# -- 9: `mend journal list --kind/--rel` lists only what the filters ask for ---------------------
def test_journal_list_with_filters_lists_only_matching_entries_and_their_relationship(
        passphrase: None, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("MEND_JOURNAL_KDF", "1,8,1")
    assert main(["journal", "init"]) == 0
    assert main(["journal", "add", "--kind", "relationship", "--name", "Sam", "--type",
                 "partner"]) == 0
    assert main(["journal", "add", "--kind", "relationship", "--name", "Kim", "--type",
                 "friend"]) == 0
    assert main(["journal", "add", "--kind", "repair", "--rel", "1", "--text", "Sorry",
                 "--uptake", "partly"]) == 0
    assert main(["journal", "add", "--kind", "rupture", "--rel", "2", "--text", "late"]) == 0
    capsys.readouterr()
    assert main(["journal", "list", "--kind", "repair", "--rel", "1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[:2] == ["Relationships:", "  1  Sam (partner)"]
    assert len(lines) == 5 and lines[4].startswith("  #1 ") and "repair" in lines[4]
    assert main(["journal", "list", "--rel", "2"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[:2] == ["Relationships:", "  2  Kim (friend)"]
    assert len(lines) == 5 and lines[4].startswith("  #2 ") and "rupture" in lines[4]
    assert main(["journal", "list", "--kind", "rupture"]) == 0
    out = capsys.readouterr().out
    assert "Kim" in out and "Sam" not in out and "repair" not in out
    assert main(["journal", "list"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 7  # no filter: everything
