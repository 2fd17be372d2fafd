"""Round 14, insights polish (tester t4, P11), on a journal like the tester's: a hurt partner's
twelve weeks about Sam, one rupture in each of six weeks, the latest with no repair yet.

1. no "most" week when weeks tie;
2. the relationship's own name (and its possessives) and function words are not triggers;
3. ruptures still without a repair attempt are named, with the date, on every surface;
4. a half (0.625, 12.25 hours, 1 of 8) rounds up, the same on every surface.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from mendkit.cli import render
from mendkit.cli.main import main
from mendkit.insights import insights_from_rows, trend_words

RUPTURES = [
    ("2026-09-15T21:00:00", "Found the messages on Sam's phone: an eight-month affair"),
    ("2026-09-29T22:00:00", "Sam said she needs me to forgive her so we can move on; I called "
                            "her a liar and a coward"),
    ("2026-10-13T20:30:00", "Sam's phone buzzed at dinner and she turned it face down; I went "
                            "cold and left the room"),
    ("2026-10-27T21:00:00", "Sam came home late without texting, phone off; I accused her of "
                            "seeing her again"),
    ("2026-11-10T19:00:00", "Anniversary dinner: Sam said can we have one night without the "
                            "affair, and I felt dismissed"),
    ("2026-12-04T21:00:00", "Sam’s phone buzzed late at night with a number I didn't know; I "
                            "checked her phone while she slept"),
]
# 8 attempts: 4 accepted, 2 partly, 1 not yet, 1 rejected -> (4 + 1) / 8 = 0.625
REPAIRS = [
    ("2026-09-16T08:00:00", "them", "accepted"), ("2026-09-22T19:00:00", "them", "partly"),
    ("2026-09-30T20:00:00", "them", "accepted"), ("2026-10-06T20:00:00", "me", "rejected"),
    ("2026-10-14T07:30:00", "them", "partly"), ("2026-10-28T09:00:00", "them", "not_yet"),
    ("2026-11-11T08:00:00", "them", "accepted"), ("2026-11-24T20:00:00", "me", "accepted"),
]


def _rows() -> list[tuple[str, str, dict[str, object]]]:
    return ([("rupture", at, {"what": what, "labels": ["rupture.confrontation"]})
             for at, what in RUPTURES]
            + [("repair", at, {"message": "a repair", "by": by, "uptake": up})
               for at, by, up in REPAIRS])


def _terminal(data: dict[str, object], capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.MonkeyPatch.context() as patch:  # as a terminal shows it (round 19: a pipe's
        patch.setattr(sys.stdout, "isatty", lambda: True)  # table has no borders)
        patch.delenv("TERM", raising=False)
        render.insights({"relationship": {"id": 1, "name": "Sam"}, **data}, footer="")
    out = re.sub(r"\x1b\[[0-9;]*m", "", capsys.readouterr().out)  # a terminal's styles
    return " ".join(out.split())


@pytest.fixture
def wide(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "250")


# -- 1. a "most" week only when one week has more than every other ------------------------------
def test_one_rupture_in_each_week_names_no_busiest_week(
        wide: None, capsys: pytest.CaptureFixture[str]) -> None:
    out = _terminal(insights_from_rows(_rows(), names=["Sam"]), capsys)
    assert "most in" not in out
    assert "│ 6, in 6 weeks (one in each) │" in out


@pytest.mark.parametrize(("whens", "row"), [
    # two weeks tie for most: no week is named
    (["2026-03-02T10:00", "2026-03-03T10:00", "2026-03-09T10:00", "2026-03-10T10:00",
      "2026-03-16T10:00"], "│ 5, in 3 weeks │"),
    # one week has more than every other
    (["2026-03-02T10:00", "2026-03-09T10:00", "2026-03-10T10:00"],
     "│ 3, in 2 weeks (most in 2026-W11: 2) │"),
    (["2026-03-02T10:00", "2026-03-03T10:00", "2026-03-09T10:00", "2026-03-10T10:00"],
     "│ 4, in 2 weeks (2 in each) │"),
    (["2026-03-02T10:00", "2026-03-03T10:00"], "│ 2, in 1 week (2026-W10) │"),
])
def test_busiest_week_named_only_when_it_stands_out(
        wide: None, capsys: pytest.CaptureFixture[str], whens: list[str], row: str) -> None:
    out = _terminal(insights_from_rows([("rupture", at, {"what": "x"}) for at in whens]), capsys)
    assert row in out


# -- 2. triggers: not the relationship's own name, not function words -----------------------------
def test_the_relationships_name_and_function_words_are_not_triggers() -> None:
    got = insights_from_rows(_rows(), names=["Sam"])
    # worked by hand from the six descriptions, without "sam's"/"sam’s" and "without"
    assert got["recurring_triggers"] == [
        {"word": "phone", "ruptures": 4}, {"word": "affair", "ruptures": 2},
        {"word": "buzzed", "ruptures": 2}, {"word": "dinner", "ruptures": 2},
        {"word": "late", "ruptures": 2}, {"word": "night", "ruptures": 2}]


def test_a_name_that_is_the_only_recurring_word_leaves_no_trigger() -> None:
    whats = ["Came home after drinking at Tom's and lied that it was two beers; Alex smelled it",
             "Alex asked where I'd been; I snapped stop checking up on me",
             "Skipped the Thursday meeting and didn't tell Alex; she found out from Tom",
             "Work party: Alex watched every drink I held; I said she was treating me like a "
             "child"]
    rows = [("rupture", f"2026-10-0{i + 1}T20:00", {"what": w}) for i, w in enumerate(whats)]
    assert insights_from_rows(rows, names=["Alex"])["recurring_triggers"] == []
    # without the name, the figures are as before: the name is a word like any other
    assert insights_from_rows(rows)["recurring_triggers"] == [{"word": "alex", "ruptures": 4}]


@pytest.mark.parametrize(("name", "whats"), [
    ("James", ["James' car was parked across the drive", "James's car again, parked badly",
               "James' bike parked where James's car was"]),
    ("Aunt May", ["May's comments about the wedding", "Aunt May's comments at lunch",
                  "the wedding and aunt again"]),
])
def test_possessives_and_every_word_of_the_name_are_left_out(name: str, whats: list[str]) -> None:
    rows = [("rupture", f"2026-10-0{i + 1}T20:00", {"what": w}) for i, w in enumerate(whats)]
    words = {t["word"] for t in insights_from_rows(rows, names=[name])["recurring_triggers"]}
    assert words & {"james", "james'", "james's", "aunt", "may's"} == set()
    assert words  # the content words still come through ("parked", "comments", "wedding")


def test_function_words_shared_by_entries_are_not_triggers() -> None:
    whats = ["He left without saying anything, again, before dinner was over",
             "She went out without telling me anything before we could talk; where was she",
             "Nobody asked where anything was, ever, after everything that happened"]
    rows = [("rupture", f"2026-10-0{i + 1}T20:00", {"what": w}) for i, w in enumerate(whats)]
    assert insights_from_rows(rows)["recurring_triggers"] == []


# -- 3. ruptures still without a repair ------------------------------------------------------------
def test_the_latest_rupture_with_no_repair_after_it_is_counted() -> None:
    got = insights_from_rows(_rows(), names=["Sam"])
    assert got["unrepaired_ruptures"] == 1
    assert got["unrepaired_since"] == "2026-12-04T21:00:00"


def test_every_rupture_after_the_last_repair_counts_and_none_when_repaired() -> None:
    rows = [("rupture", "2026-03-02T10:00", {"what": "a"}),
            ("repair", "2026-03-03T10:00", {"uptake": "accepted"}),
            ("rupture", "2026-03-10T10:00", {"what": "b"}),
            ("rupture", "2026-03-12T10:00", {"what": "c"})]
    got = insights_from_rows(rows)
    assert (got["unrepaired_ruptures"], got["unrepaired_since"]) == (2, "2026-03-10T10:00")
    got = insights_from_rows([*rows, ("repair", "2026-03-13T09:00", {"uptake": "not_yet"})])
    assert (got["unrepaired_ruptures"], got["unrepaired_since"]) == (0, None)


def test_the_terminal_says_so_in_a_plain_line(wide: None,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    out = _terminal(insights_from_rows(_rows(), names=["Sam"]), capsys)
    assert "The latest rupture, on 2026-12-04, has no repair attempt after it yet." in out
    rows = [("rupture", "2026-03-10T10:00", {"what": "b"}),
            ("rupture", "2026-03-12T10:00", {"what": "c"})]
    out = _terminal(insights_from_rows(rows), capsys)
    assert "The last 2 ruptures, since 2026-03-10, have no repair attempt after them yet." in out
    rows.append(("repair", "2026-03-12T12:00", {"uptake": "partly"}))
    assert "no repair attempt" not in _terminal(insights_from_rows(rows), capsys)


# -- 4. a half rounds up, on every surface ---------------------------------------------------------
def test_a_half_rounds_up_in_the_terminal(wide: None, capsys: pytest.CaptureFixture[str]) -> None:
    out = _terminal(insights_from_rows(_rows(), names=["Sam"]), capsys)
    assert "0.63 (accepted, plus half of partly, per attempt)" in out
    # time to repair: the median of 12 h and 12.5 h is 12.25 h
    rows = [("rupture", "2026-03-02T00:00", {"what": "a"}),
            ("repair", "2026-03-02T12:00", {"uptake": "accepted"}),
            ("rupture", "2026-03-09T00:00", {"what": "b"}),
            ("repair", "2026-03-09T12:30", {"uptake": "accepted"})]
    assert "about 12 hours (median)" in _terminal(insights_from_rows(rows), capsys)


def test_a_half_rounds_up_in_the_trend_words() -> None:
    assert trend_words(0.125) == ("rising", 0.13)
    assert trend_words(-0.125) == ("falling", -0.13)
    assert trend_words(-0.004) == ("steady", 0.0)


def test_a_session_share_of_one_in_eight_reads_13_percent(
        wide: None, capsys: pytest.CaptureFixture[str]) -> None:
    data = {"client": "C1", "sessions": [
        {"date": "2026-03-02", "turns": 40, "episodes": 8, "resolved": 1, "attempted": 0,
         "unresolved": 7, "repaired_share": 0.125,
         "ruptures_by_type": {"withdrawal": 1, "confrontation": 1, "invalidation": 1}}],
        "episodes": 8, "repaired_share": 0.125,
        "trend": {"ruptures_per_session_slope": None, "repaired_share_slope": None},
        "crisis_sessions": [], "withdrawal_unaddressed": [], "modes": ["rules"]}
    render.session_insights(data, footer="")
    out = " ".join(capsys.readouterr().out.split())
    assert "1 (13%)" in out and "13% repaired within the session" in out


def test_the_chart_title_rounds_as_the_terminal() -> None:
    pytest.importorskip("matplotlib")
    from mendkit.insights_charts import chart_svg

    svg = chart_svg(insights_from_rows(_rows(), names=["Sam"]), "repair_uptake")
    assert "uptake ratio 0.63" in svg and "0.62" not in svg


# -- every surface: the CLI (terminal and --json) and the web page, from a real journal -----------
def _add_everything() -> None:
    assert main(["journal", "init"]) == 0
    assert main(["journal", "add", "--kind", "relationship", "--name", "Sam"]) == 0
    for at, what in RUPTURES:
        assert main(["journal", "add", "--kind", "rupture", "--rel", "1", "--when", at,
                     "--text", what, "--label=rupture.confrontation"]) == 0
    for at, by, up in REPAIRS:
        assert main(["journal", "add", "--kind", "repair", "--rel", "1", "--when", at,
                     "--text", "a repair", "--by", by, "--uptake", up]) == 0


def test_the_cli_figures(sqlite_env: None, wide: None,
                         capsys: pytest.CaptureFixture[str]) -> None:
    _add_everything()
    capsys.readouterr()
    assert main(["insights", "--rel", "1", "--json"]) == 0
    got = json.loads(capsys.readouterr().out)
    assert "sam's" not in {t["word"] for t in got["recurring_triggers"]}
    assert "without" not in {t["word"] for t in got["recurring_triggers"]}
    assert (got["unrepaired_ruptures"], got["unrepaired_since"]) == (1, "2026-12-04T21:00:00")
    assert got["uptake_ratio"] == pytest.approx(0.625)  # the figure itself is not rounded
    assert main(["insights", "--rel", "1"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "most in" not in out and "sam's" not in out and "without (" not in out
    assert "0.63 (accepted" in out
    assert "The latest rupture, on 2026-12-04, has no repair attempt after it yet." in out


def test_the_web_page_and_api(tmp_path: Path) -> None:
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from mendkit.config import Settings
    from mendkit.web import create_app

    client = TestClient(create_app(Settings(home=tmp_path / "home", journal_kdf=(1, 8, 1))))
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/journal").text)
    assert found
    pw = "correct horse battery"
    assert client.post("/journal/create", data={"csrf_token": found.group(1), "passphrase": pw,
                                                "repeat": pw}).status_code == 200
    assert client.post("/api/journal/relationships",
                       json={"name": "Sam", "kind": "partner"}).status_code == 201
    for kind, at, body in _rows():
        r = client.post("/api/journal/entries", json={"kind": kind, "relationship_id": 1,
                                                      "occurred_at": at, "body": body})
        assert r.status_code == 201, r.text
    api = client.get("/api/journal/insights/1").json()
    assert (api["unrepaired_ruptures"], api["unrepaired_since"]) == (1, "2026-12-04T21:00:00")
    assert [t["word"] for t in api["recurring_triggers"]] == [
        "phone", "affair", "buzzed", "dinner", "late", "night"]
    html = client.get("/journal/relationships/1/insights").text
    assert "About 63% of the repair attempts landed" in html
    assert "The latest rupture, on 2026-12-04, has no repair attempt after it yet." in html
    assert "sam&#39;s" not in html.lower() and "“without”" not in html
