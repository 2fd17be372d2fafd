"""The journal in the web app through FastAPI's TestClient: create, unlock and lock; relationships
and entries with their validation; insights and charts; save an analysis; export, delete and a
new passphrase; the JSON API; CSRF on every form; ``mend serve`` with MEND_PASSPHRASE."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("sqlcipher3")

from fastapi.testclient import TestClient

from mendkit.config import Settings
from mendkit.journal.repository import Journal, db_path, sidecar_path
from mendkit.web import create_app
from web_kit import CHEAP_KDF, PASS, token

EXAMPLE = (Path(__file__).resolve().parent.parent / "src/mendkit/examples/workplace.txt").read_text()
def alert(html: str) -> str:
    found = re.search(r'role="alert"[^>]*>([^<]*)<', html)
    assert found, "no error message on the page"
    return found.group(1)


def add_rel(client: TestClient, name: str = "Sam", kind: str = "partner") -> int:
    r = client.post("/journal/relationships", data={"csrf_token": token(client), "name": name,
                                                    "kind": kind, "notes": "met at work"})
    assert r.status_code == 200, r.text
    return int(str(r.url).rsplit("/", 1)[1])


def add_entry(client: TestClient, rel: int, **fields: object) -> tuple[int, str]:
    r = client.post(f"/journal/relationships/{rel}/entries",
                    data={"csrf_token": token(client), **fields})  # type: ignore[arg-type]
    return r.status_code, r.text


# -- create, unlock, lock --------------------------------------------------------------------------
def test_without_a_journal_the_page_offers_to_create_one(client: TestClient, home: Path) -> None:
    html = client.get("/journal").text
    assert "Create your journal" in html and 'name="no_encryption"' in html
    assert 'type="password"' in html and '<label for="repeat">' in html
    r = client.get("/journal/relationships/1")
    assert r.status_code == 200 and "Create your journal" in r.text  # redirected to the door
    r = client.get("/api/journal/relationships")
    assert r.status_code == 423 and "no journal yet" in r.json()["error"].lower()
    assert not home.exists() or not db_path(home).exists()


@pytest.mark.parametrize(("passphrase", "repeat", "message"), [
    ("short", "short", "at least 8 characters"),
    ("long enough words", "long enough wordz", "not the same"),
    ("", "", "at least 8 characters"),
])
def test_a_bad_new_passphrase_is_refused_and_creates_nothing(
        client: TestClient, home: Path, passphrase: str, repeat: str, message: str) -> None:
    r = client.post("/journal/create", data={"csrf_token": token(client),
                                             "passphrase": passphrase, "repeat": repeat})
    assert r.status_code == 400 and message in alert(r.text)
    assert not db_path(home).exists() and not sidecar_path(home).exists()


def test_create_gives_an_encrypted_journal_held_open_in_memory(opened: TestClient,
                                                                home: Path) -> None:
    add_rel(opened, "Rosalind Plaintextcheck")
    side = json.loads(sidecar_path(home).read_text())
    assert side["encrypted"] is True and "key" not in side
    assert b"Rosalind" not in db_path(home).read_bytes()
    for cookie in opened.cookies.jar:
        assert PASS not in (cookie.value or "")  # nothing of the key in a cookie
    assert not any(PASS in p.read_text(errors="ignore") for p in home.iterdir() if p.is_file())
    html = opened.get("/journal").text
    assert "Lock the journal" in html and "Rosalind Plaintextcheck" in html
    r = opened.post("/journal/create", data={"csrf_token": token(opened), "passphrase": PASS,
                                             "repeat": PASS})
    assert r.status_code == 400  # one journal only


def test_the_no_encryption_choice_is_explicit_and_warned(client: TestClient, home: Path) -> None:
    r = client.post("/journal/create", data={"csrf_token": token(client), "no_encryption": "yes"})
    assert r.status_code == 200
    assert json.loads(sidecar_path(home).read_text())["encrypted"] is False
    assert "not encrypted" in r.text and "Lock the journal" not in r.text
    add_rel(client, "Plain Name")
    assert b"Plain Name" in db_path(home).read_bytes() or b"Plain Name" in (
        home / "journal.db-wal").read_bytes()


def test_lock_forgets_the_journal_and_unlock_needs_the_right_passphrase(opened: TestClient,
                                                                        home: Path) -> None:
    rel = add_rel(opened)
    r = opened.post("/journal/lock", data={"csrf_token": token(opened)})
    assert r.status_code == 200 and "Unlock your journal" in r.text and "is locked" in r.text
    assert opened.get("/api/journal/relationships").status_code == 423
    assert "Unlock your journal" in opened.get(f"/journal/relationships/{rel}").text
    before = sidecar_path(home).read_bytes(), db_path(home).read_bytes()
    r = opened.post("/journal/unlock", data={"csrf_token": token(opened), "passphrase": "wrong one!"})
    assert r.status_code == 400 and "did not open the journal. Nothing was changed" in alert(r.text)
    assert (sidecar_path(home).read_bytes(), db_path(home).read_bytes()) == before
    assert opened.get("/api/journal/relationships").status_code == 423
    r = opened.post("/journal/unlock", data={"csrf_token": token(opened), "passphrase": PASS})
    assert r.status_code == 200 and "Sam" in r.text
    assert [x["name"] for x in opened.get("/api/journal/relationships").json()] == ["Sam"]


def test_a_new_app_starts_locked(opened: TestClient, home: Path) -> None:
    add_rel(opened)
    fresh = TestClient(create_app(Settings(home=home, journal_kdf=CHEAP_KDF)))
    assert "Unlock your journal" in fresh.get("/journal").text
    assert fresh.get("/api/journal/entries").status_code == 423


@pytest.mark.parametrize("path", [
    "/journal/create", "/journal/unlock", "/journal/lock", "/journal/relationships",
    "/journal/relationships/1/entries", "/journal/delete", "/journal/passphrase",
    "/analyse/0123456789abcdef01234567/save",
])
def test_every_journal_form_refuses_a_missing_or_wrong_token(opened: TestClient, path: str) -> None:
    rel = add_rel(opened)
    assert rel == 1
    for data in ({}, {"csrf_token": "x" * 43}):
        r = opened.post(path, data={**data, "passphrase": PASS, "name": "Eve", "kind": "checkin",
                                    "score": "5", "confirm": "DELETE"})
        assert r.status_code == 403, (path, r.status_code)
    assert opened.get("/api/journal/relationships").json()[0]["name"] == "Sam"
    assert opened.get("/api/journal/entries").json() == []


# -- relationships and entries ---------------------------------------------------------------------
def test_relationship_form_validates_and_keeps_what_was_typed(opened: TestClient) -> None:
    r = opened.post("/journal/relationships", data={"csrf_token": token(opened), "name": "  ",
                                                    "kind": "partner", "notes": "my notes"})
    assert r.status_code == 400 and "needs a name or a pseudonym" in alert(r.text)
    assert "my notes" in r.text
    r = opened.post("/journal/relationships", data={"csrf_token": token(opened), "name": "Jo",
                                                    "kind": "nemesis"})
    assert r.status_code == 400 and "must be one of" in alert(r.text)
    assert opened.get("/api/journal/relationships").json() == []


@pytest.mark.parametrize(("fields", "message"), [
    ({"kind": "rupture", "what": "   "}, "what happened cannot be empty"),
    ({"kind": "rupture", "what": "x", "severity": "9"}, "severity is a whole number 1-5"),
    ({"kind": "repair", "message": "Sorry", "uptake": ""}, "uptake must be one of"),
    ({"kind": "repair", "message": "", "uptake": "accepted"}, "the repair message cannot be empty"),
    ({"kind": "repair", "message": "Sorry", "uptake": "accepted", "by": "cat"}, "me or them"),
    ({"kind": "checkin", "score": "11"}, "whole number 0-10, got 11"),
    ({"kind": "checkin", "score": "lots"}, "a check-in score is a whole number"),
    ({"kind": "checkin", "score": "5", "when": "last tuesday"}, "expected a date and time"),
    ({"kind": "coach_session", "id": "x"}, "rupture, repair or checkin"),
])
def test_entry_forms_validate_with_clear_messages(opened: TestClient, fields: dict[str, str],
                                                  message: str) -> None:
    rel = add_rel(opened)
    status, html = add_entry(opened, rel, **fields)
    assert status == 400 and message in alert(html)
    assert opened.get("/api/journal/entries").json() == []


def test_rupture_repair_checkin_are_stored_listed_and_shown(opened: TestClient) -> None:
    rel = add_rel(opened)
    status, html = add_entry(opened, rel, kind="rupture", what="He said I never listen",
                             severity="3", labels=["criticism", "stonewalling"],
                             when="2026-03-02T19:30")
    assert status == 200 and "Saved to your journal" in html
    add_entry(opened, rel, kind="repair", message="I'm sorry I snapped", uptake="partly",
              by="them", when="2026-03-02T21:00")
    add_entry(opened, rel, kind="checkin", score="6", when="2026-03-03T08:00")
    entries = opened.get("/api/journal/entries", params={"relationship_id": rel}).json()
    assert [e["kind"] for e in entries] == ["rupture", "repair", "checkin"]
    assert entries[0]["body"] == {"what": "He said I never listen", "severity": 3, "labels": [
        "rupture.confrontation.criticism", "rupture.withdrawal.stonewalling"]}
    assert entries[0]["occurred_at"] == "2026-03-02T19:30:00"
    assert entries[1]["body"] == {"message": "I'm sorry I snapped", "uptake": "partly",
                                  "by": "them"}
    page = opened.get(f"/journal/relationships/{rel}").text
    assert "Rupture: He said I never listen" in page and "connection 6 out of 10" in page
    shown = opened.get(f"/journal/entries/{entries[1]['id']}").text
    assert "partly accepted" in shown and "they did" in shown and "Sam" in shown
    assert opened.get("/journal/entries/999").status_code == 404
    assert opened.get(f"/journal/entries/{10**30}").status_code == 404
    assert opened.get("/journal/relationships/999").status_code == 404
    assert add_entry(opened, 999, kind="checkin", score="5")[0] == 404


def test_insights_page_says_the_figures_in_words_with_accessible_charts(opened: TestClient) -> None:
    rel = add_rel(opened)
    for day, what in ((2, "Dinner plans fell through again"), (9, "Dinner: late again")):
        add_entry(opened, rel, kind="rupture", what=what, labels=["criticism"],
                  when=f"2026-03-{day:02d}T19:00")
        add_entry(opened, rel, kind="repair", message="Sorry", uptake="accepted",
                  when=f"2026-03-{day:02d}T21:00")
    add_entry(opened, rel, kind="repair", message="Can we talk?", uptake="rejected", by="them",
              when="2026-03-10T09:00")
    for day, score in ((3, 4), (6, 5), (10, 7)):
        add_entry(opened, rel, kind="checkin", score=str(score), when=f"2026-03-{day:02d}T08:00")
    r = opened.get(f"/journal/relationships/{rel}/insights")
    assert r.status_code == 200
    html = r.text
    assert "2 ruptures recorded, in 2 different weeks." in html
    assert "3 repair attempts: 2 accepted, 1 turned down." in html
    assert "About 67% of the repair attempts landed" in html
    assert "the first repair came 2 hours after a rupture" in html
    assert "“dinner” (2)" in html and "criticism 2×" in html
    assert "Your check-ins are rising (+3.03 points a week)." in html
    # Three charts, each drawn wide and for a phone (round 17: the style sheet shows one).
    assert html.count('<svg class="chart" ') == 3 and html.count('<svg class="chart narrow" ') == 3
    assert html.count('role="img"') == 6
    for chart in ("chart-weeks", "chart-uptake", "chart-checkins"):
        assert f'aria-labelledby="{chart}-t {chart}-d"' in html
        assert f'<title id="{chart}-t">' in html and f'<desc id="{chart}-d">' in html
    assert html.count("<table>") == 3 and '<th scope="row">2026-W10</th><td>1</td>' in html
    assert " style=" not in html and "<style" not in html and "<script>" not in html
    assert "unsafe-inline" not in r.headers["content-security-policy"]
    api = opened.get(f"/api/journal/insights/{rel}").json()
    assert api["ruptures"] == 2 and api["uptake"]["rejected"] == 1
    assert api["relationship"] == {"id": rel, "name": "Sam", "kind": "partner"}


def test_insights_of_an_empty_relationship_say_so_without_charts(opened: TestClient) -> None:
    html = opened.get(f"/journal/relationships/{add_rel(opened)}/insights").text
    assert "No ruptures recorded yet." in html and "<svg" not in html and "No charts yet" in html


# -- save an analysis ----------------------------------------------------------------------------
def _analyse(client: TestClient) -> str:
    r = client.post("/analyse", data={"csrf_token": token(client, "/analyse"), "text": EXAMPLE,
                                      "mode": "rules"})
    assert r.status_code == 200
    return str(r.url).rsplit("/", 1)[1].split("?")[0]


def test_save_an_analysis_to_the_journal(client: TestClient, home: Path) -> None:
    key = _analyse(client)
    assert "Create it</a>" in client.get(f"/analyse/{key}").text  # no journal yet: a link
    client.post("/journal/create", data={"csrf_token": token(client), "passphrase": PASS,
                                         "repeat": PASS})
    rel = add_rel(client, "Team lead", "colleague")
    page = client.get(f"/analyse/{key}").text
    assert '<label for="client">' in page and f'<option value="{rel}">Team lead</option>' in page
    r = client.post(f"/analyse/{key}/save", data={"csrf_token": token(client), "client": " ",
                                                  "relationship": str(rel)})
    assert "Type a name or pseudonym" in r.text
    assert client.get("/api/journal/entries").json() == []
    r = client.post(f"/analyse/{key}/save", data={"csrf_token": token(client), "client": "A.",
                                                  "relationship": str(rel)})
    assert r.status_code == 200 and "Saved to your journal" in r.text
    [entry] = client.get("/api/journal/entries", params={"kind": "analysis"}).json()
    exported = client.get(f"/analyse/{key}/export.json").json()
    assert entry["body"] == {"client": "A.", "analysis": exported}
    assert entry["relationship_id"] == rel
    shown = client.get(f"/journal/entries/{entry['id']}").text
    assert "Analysis for A." in shown and f"{len(exported['turns'])} turns" in shown
    client.post("/journal/lock", data={"csrf_token": token(client)})
    # Locked, the saved analysis is no longer readable at its address (round 9)
    assert client.get(f"/analyse/{key}").status_code == 404


# -- export, delete, new passphrase ----------------------------------------------------------------
def _fill(client: TestClient) -> int:
    rel = add_rel(client)
    add_entry(client, rel, kind="rupture", what="Forgot, \"again\"; sorry", when="2026-03-02T19:30")
    add_entry(client, rel, kind="checkin", score="4", when="2026-03-03T08:00")
    return rel


def test_export_json_and_csv_hold_everything(opened: TestClient, home: Path) -> None:
    rel = _fill(opened)
    r = opened.get("/journal/export.json")
    assert r.status_code == 200 and "attachment" in r.headers["content-disposition"]
    assert r.headers["cache-control"] == "no-store"
    data = r.json()
    assert data["format"] == "mend-journal/1"
    assert data["relationships"] == [{"id": rel, "name": "Sam", "kind": "partner",
                                      "notes": "met at work"}]
    assert [e["body"] for e in data["entries"]] == [
        {"what": 'Forgot, "again"; sorry', "severity": None, "labels": []}, {"score": 4}]
    rows = list(csv.reader(io.StringIO(opened.get("/journal/export.csv").text)))
    assert rows[:3] == [["Relationships"], ["id", "name", "type", "notes"],
                        [str(rel), "Sam", "partner", "met at work"]]
    assert rows[3:5] == [[], ["Entries"]] and rows[5][-1] == "details_json"
    assert rows[6][2:5] == ["Sam", "rupture", 'Forgot, "again"; sorry']
    assert json.loads(rows[6][-1])["what"] == 'Forgot, "again"; sorry'
    assert len(rows) == 8
    assert opened.get("/journal/export.xml").status_code == 400
    opened.post("/journal/lock", data={"csrf_token": token(opened)})
    assert "Unlock your journal" in opened.get("/journal/export.json").text


def test_delete_everything_needs_the_word_and_then_empties_the_journal(opened: TestClient,
                                                                       home: Path) -> None:
    _fill(opened)
    settings = opened.get("/about").text
    assert "Delete everything" in settings and "type DELETE" in settings
    r = opened.post("/journal/delete", data={"csrf_token": token(opened), "confirm": "delete"})
    assert r.status_code == 400 and "Nothing was deleted" in alert(r.text)
    assert len(opened.get("/api/journal/entries").json()) == 2
    r = opened.post("/journal/delete", data={"csrf_token": token(opened), "confirm": "DELETE"})
    assert r.status_code == 200 and "Everything in the journal is deleted" in r.text
    assert opened.get("/api/journal/relationships").json() == []
    assert opened.get("/api/journal/entries").json() == []
    with Journal.open(home, PASS) as journal:  # read back from the file, not the open handle
        assert journal.relationships() == [] and journal.entries() == []


def test_change_the_passphrase(opened: TestClient, home: Path) -> None:
    _fill(opened)
    new = "a brand new passphrase"
    r = opened.post("/journal/passphrase", data={"csrf_token": token(opened), "current": "nope nope",
                                                 "new": new, "repeat": new})
    assert r.status_code == 400 and "current passphrase is not right" in alert(r.text)
    r = opened.post("/journal/passphrase", data={"csrf_token": token(opened), "current": PASS,
                                                 "new": new, "repeat": new + "x"})
    assert r.status_code == 400 and "not the same" in alert(r.text)
    Journal.open(home, PASS).close()  # still the old one
    r = opened.post("/journal/passphrase", data={"csrf_token": token(opened), "current": PASS,
                                                 "new": new, "repeat": new})
    assert r.status_code == 200 and "The passphrase is changed" in r.text
    assert len(opened.get("/api/journal/entries").json()) == 2  # still open, same entries
    opened.post("/journal/lock", data={"csrf_token": token(opened)})
    r = opened.post("/journal/unlock", data={"csrf_token": token(opened), "passphrase": PASS})
    assert r.status_code == 400
    r = opened.post("/journal/unlock", data={"csrf_token": token(opened), "passphrase": new})
    assert r.status_code == 200 and "Sam" in r.text


def test_settings_page_sends_you_to_unlock_when_locked(client: TestClient) -> None:
    assert "There is no journal yet" in client.get("/about").text
    client.post("/journal/create", data={"csrf_token": token(client), "passphrase": PASS,
                                         "repeat": PASS})
    client.post("/journal/lock", data={"csrf_token": token(client)})
    html = client.get("/about").text
    assert "The journal is locked" in html and "/journal/delete" not in html
    assert "Region for help resources" in html and "not therapy" in html


# -- the JSON API --------------------------------------------------------------------------------
def test_journal_api_adds_lists_validates_and_is_in_the_schema(opened: TestClient) -> None:
    r = opened.post("/api/journal/relationships", json={"name": "Kim", "kind": "friend"})
    assert r.status_code == 201 and r.json()["id"] == 1
    assert opened.post("/api/journal/relationships", json={"name": "", "kind": "friend"}
                       ).status_code == 422
    r = opened.post("/api/journal/entries", json={"kind": "checkin", "relationship_id": 1,
                                                  "body": {"score": 11}})
    assert r.status_code == 400 and "0-10" in r.json()["error"]
    r = opened.post("/api/journal/entries", json={"kind": "repair", "relationship_id": 1,
                                                  "body": {"message": "Sorry", "uptake": "sure"}})
    assert r.status_code == 400 and "uptake must be one of" in r.json()["error"]
    r = opened.post("/api/journal/entries", json={"kind": "checkin", "relationship_id": 7,
                                                  "body": {"score": 5}})
    assert r.status_code == 404 and "no relationship 7" in r.json()["error"]
    r = opened.post("/api/journal/entries", json={"kind": "rupture", "relationship_id": 1,
                                                  "occurred_at": "2026-03-02T19:30",
                                                  "body": {"what": "Left me on read"}})
    assert r.status_code == 201 and r.json()["body"]["what"] == "Left me on read"
    r = opened.post("/api/journal/entries", content="kind=checkin",
                    headers={"content-type": "application/x-www-form-urlencoded"})
    assert r.status_code in (415, 422)
    assert [e["kind"] for e in opened.get("/api/journal/entries",
                                          params={"kind": "rupture"}).json()] == ["rupture"]
    assert opened.get("/api/journal/entries", params={"relationship_id": 9}).status_code == 404
    assert opened.get("/api/journal/insights/1").json()["ruptures"] == 1
    assert opened.get("/api/journal/insights/2").status_code == 404
    paths = opened.get("/openapi.json").json()["paths"]
    assert {"/api/journal/relationships", "/api/journal/entries",
            "/api/journal/insights/{relationship_id}"} <= set(paths)
    assert "423" in paths["/api/journal/entries"]["get"]["responses"]
    opened.post("/journal/lock", data={"csrf_token": token(opened)})
    for method, path in (("get", "/api/journal/entries"), ("get", "/api/journal/insights/1"),
                         ("post", "/api/journal/relationships")):
        r = getattr(opened, method)(path, **({"json": {"name": "X"}} if method == "post" else {}))
        assert r.status_code == 423 and "locked" in r.json()["error"], path


# -- mend serve ----------------------------------------------------------------------------------
def test_serve_unlocks_with_mend_passphrase_and_refuses_other_hosts(
        home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import uvicorn

    from mendkit.cli.main import main

    monkeypatch.setenv("MEND_HOME", str(home))
    monkeypatch.setenv("MEND_JOURNAL_KDF", "1,8,1")
    apps: list[object] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **_: apps.append(app))
    Journal.create(home, PASS).close()
    monkeypatch.setenv("MEND_PASSPHRASE", "not it at all")
    assert main(["serve"]) == 1 and not apps
    assert "wrong passphrase" in capsys.readouterr().err
    monkeypatch.setenv("MEND_PASSPHRASE", PASS)
    assert main(["serve"]) == 0
    app = apps[-1]
    local = TestClient(app, base_url="http://127.0.0.1:8765")  # type: ignore[arg-type]
    assert local.get("/api/journal/relationships").json() == []  # unlocked at start
    assert TestClient(app, base_url="http://localhost:8765").get("/journal").status_code == 200  # type: ignore[arg-type]
    rebound = TestClient(app, base_url="http://attacker.example")  # type: ignore[arg-type]
    assert rebound.get("/api/journal/relationships").status_code == 400


def test_settings_read_the_kdf_and_database_url() -> None:
    from mendkit.config import parse_kdf
    from mendkit.errors import ConfigError

    s = Settings.from_env({"MEND_HOME": "/x", "MEND_JOURNAL_KDF": "2,1024,1",
                           "MEND_DATABASE_URL": "postgresql+psycopg://u@h/db"})
    assert s.journal_kdf == (2, 1024, 1) and s.database_url == "postgresql+psycopg://u@h/db"
    assert Settings.from_env({"MEND_HOME": "/x"}).journal_kdf is None
    for bad in ("1,2", "a,b,c", "0,8,1"):
        with pytest.raises(ConfigError, match="MEND_JOURNAL_KDF"):
            parse_kdf(bad)


def test_recent_weeks_fills_quiet_weeks_across_a_new_year() -> None:
    from mendkit.insights import recent_weeks

    def every_week(per_week: dict[str, int]) -> list[tuple[str, int]]:
        return recent_weeks(per_week)[0]

    assert every_week({"2025-W52": 2, "2026-W02": 1}) == [("2025-W52", 2), ("2026-W01", 0),
                                                          ("2026-W02", 1)]
    assert every_week({}) == []
    assert len(every_week({"2020-W01": 1, "2026-W01": 1})) == 104


def test_the_figures_in_words() -> None:
    from mendkit.web.journal_services import describe

    figures = {"ruptures": 1, "ruptures_per_week": {"2026-W10": 1}, "repair_attempts": 2,
               "uptake": {"accepted": 0, "partly": 1, "not_yet": 1, "rejected": 0},
               "uptake_ratio": 0.25, "median_hours_to_repair": 50.0,
               "first_repair_by": {"them": 1}, "recurring_triggers": [],
               "patterns": {"criticism": 0, "contempt": 0, "defensiveness": 0,
                            "stonewalling": 0}, "connection_slope_per_day": -0.01}
    assert describe(figures) == [
        "1 rupture recorded.",
        "2 repair attempts: 1 partly accepted, 1 no answer yet.",
        "About 25% of the repair attempts landed (one that was partly accepted counts as half).",
        "Typically (the median), the first repair came 2 days after a rupture.",
        "Who reached out first after a rupture: you 0 times, they 1 time.",
        "Your check-ins are falling (-0.07 points a week).",
    ]


def test_an_unreachable_database_leaves_the_other_pages_working(home: Path) -> None:
    url = "postgresql+psycopg://nobody@127.0.0.1:9/none"  # port 9 (discard): nothing listens
    client = TestClient(create_app(Settings(home=home, database_url=url, journal_kdf=CHEAP_KDF)))
    assert client.get("/check").status_code == 200
    about = client.get("/about")
    assert about.status_code == 200 and "cannot be opened right now" in about.text
    assert "/journal/delete" not in about.text
    r = client.get("/journal")
    assert r.status_code == 503 and "cannot be opened right now" in alert(r.text)
    assert "<form" not in r.text.split("<main", 1)[1]
    r = client.get("/api/journal/entries")
    assert r.status_code == 400 and "cannot reach the journal's database" in r.json()["error"]


def test_a_wrong_method_names_every_method_of_the_path(client: TestClient) -> None:
    r = client.put("/api/journal/entries", json={})
    assert r.status_code == 405
    assert {m.strip() for m in r.headers["allow"].split(",")} == {"GET", "POST"}


# -- what the journal refuses, and what it shows when an odd entry was imported anyway ------------
def _import(client: TestClient, entries: list[dict[str, object]]) -> None:
    """Entries read from an export into the (empty) journal, as ``mend journal import`` would:
    they skip the web's checks, so they stand for data from an older version or another tool."""
    from mendkit.web.app import state_of

    with state_of(client.app).vault.use() as journal:  # type: ignore[arg-type]
        journal.import_({"format": "mend-journal/1",
                         "relationships": [{"id": 1, "name": "Sam", "kind": "partner"}],
                         "entries": [{"id": i, "relationship_id": 1, **e}
                                     for i, e in enumerate(entries, 1)]})


def _in_days(days: float) -> str:
    from datetime import datetime, timedelta

    return (datetime.now() + timedelta(days=days)).isoformat(timespec="minutes")


@pytest.mark.parametrize("when", ["0001-01-01T00:00", "0999-12-31T23:59", "1899-12-31T23:59",
                                  "9999-12-31T23:59", pytest.param(_in_days(3), id="in-3-days")])
def test_an_entry_dated_before_1900_or_in_the_future_is_refused(opened: TestClient,
                                                                when: str) -> None:
    rel = add_rel(opened)
    status, html = add_entry(opened, rel, kind="rupture", what="argument", when=when)
    assert status == 400
    assert f"expected a date and time between 1900-01-01 and today, like 2026-03-14T18:30, " \
           f"got &#39;{when}&#39;" in alert(html)
    r = opened.post("/api/journal/entries", json={"kind": "checkin", "relationship_id": rel,
                                                  "occurred_at": when, "body": {"score": 5}})
    assert r.status_code == 400 and "between 1900-01-01 and today" in r.json()["error"]
    assert opened.get("/api/journal/entries").json() == []
    assert opened.get(f"/journal/relationships/{rel}/insights").status_code == 200


def test_the_first_day_of_1900_and_a_few_hours_ahead_are_accepted(opened: TestClient) -> None:
    rel = add_rel(opened)
    for when in ("1900-01-01T00:00", _in_days(0.5)):  # ahead: another time zone, a fast clock
        status, html = add_entry(opened, rel, kind="rupture", what="argument", when=when)
        assert status == 200 and "Saved to your journal" in html, when
    assert opened.get(f"/journal/relationships/{rel}/insights").status_code == 200


def test_insights_page_counts_ruptures_imported_from_years_1_to_9999_but_charts_none(
        opened: TestClient) -> None:
    """Times an earlier Mend let through (years 1 to 9999) count as ruptures, but weeks and
    trends come only from times Mend accepts now, and the page names the others."""
    odd = ("0001-01-01T00:00:00", "0999-06-01T00:00:00", "9999-12-31T23:59:00")
    _import(opened, [{"kind": "rupture", "occurred_at": at, "body": {"what": "argument"}}
                     for at in (*odd, "2026-03-02T19:30:00")])
    r = opened.get("/journal/relationships/1/insights")
    assert r.status_code == 200 and "4 ruptures recorded" in r.text
    rows = re.findall(r'<th scope="row">([^<]+)</th><td>(\d+)</td>', r.text)
    assert rows == [("2026-W10", "1")]
    assert "3 entries have a time outside 1900 to today" in r.text
    assert all(f"“{at}”" in r.text for at in odd)
    api = opened.get("/api/journal/insights/1").json()
    assert list(api["ruptures_per_week"]) == ["2026-W10"]
    assert api["entries_out_of_range"] == 3


def test_the_api_refuses_an_analysis_that_is_not_mend_analyze_json(client: TestClient) -> None:
    analysed = client.post("/api/analyze", json={"text": EXAMPLE, "mode": "rules"}).json()
    client.post("/journal/create", data={"csrf_token": token(client), "passphrase": PASS,
                                         "repeat": PASS})
    rel = add_rel(client)
    for analysis, problem in (
        ({"turns": [], "summary": "none"}, "it has no mend_version, mode, conversation, episodes"),
        ("text", "an object; got text"),
        ({**analysed, "summary": "none"}, "its summary must be an object, not text"),
        ({**analysed, "turns": "nope"}, "its turns must be a list, not text"),
        ({**analysed, "turns": [7]}, "its turns must be objects, but item 0 is a number"),
        ({**analysed, "summary": {**analysed["summary"], "turns": 1}},
         "its summary is not what mend analyze gives for these turns and episodes"),
    ):
        r = client.post("/api/journal/entries", json={"kind": "analysis", "relationship_id": rel,
                                                      "body": {"client": "c", "analysis": analysis}})
        assert r.status_code == 400, analysis
        error = r.json()["error"]
        assert error.startswith("the analysis must be the JSON of `mend analyze --json`")
        assert problem in error, error
    assert client.get("/api/journal/entries").json() == []
    assert client.get(f"/journal/relationships/{rel}").status_code == 200
    r = client.post("/api/journal/entries", json={"kind": "analysis", "relationship_id": rel,
                                                  "body": {"client": "c", "analysis": analysed}})
    assert r.status_code == 201
    summary = f"Analysis for c: {len(analysed['turns'])} turns"
    assert summary in client.get(f"/journal/entries/{r.json()['id']}").text
    assert summary in client.get(f"/journal/relationships/{rel}").text


def test_an_import_refuses_an_analysis_that_is_not_mend_analyze_output(
        opened: TestClient) -> None:
    """Import checks bodies as every writer does (odd bodies stored before it did are still shown:
    tests/journal/test_journal_edges_3.py)."""
    from mendkit.errors import JournalError

    with pytest.raises(JournalError, match=r"entries\[0\].*the analysis must be the JSON of"):
        _import(opened, [{"kind": "analysis", "occurred_at": "2026-03-01T10:00:00",
                          "body": {"client": "c", "analysis": {"turns": [], "summary": "none"}}}])
    assert opened.get("/api/journal/entries").json() == []


@pytest.mark.parametrize(("entry", "message"), [
    ({"kind": "rupture", "body": {"what": "x", "severity": True}},
     "severity is a whole number 1-5, got True"),
    ({"kind": "rupture", "body": {"what": 123}}, "what happened must be text, not a number"),
    ({"kind": "repair", "body": {"message": ["sorry"], "uptake": "accepted"}},
     "the repair message must be text, not a list"),
    ({"kind": "analysis", "body": {"client": "c"}}, 'an analysis entry needs "analysis"'),
    ({"kind": "checkin", "body": {}}, 'a check-in entry needs "score"'),
    ({"kind": "checkin", "body": {"score": True}}, "a check-in score is a whole number 0-10"),
])
def test_journal_api_messages_say_what_was_wrong(opened: TestClient, entry: dict[str, object],
                                                 message: str) -> None:
    r = opened.post("/api/journal/entries", json={**entry, "relationship_id": add_rel(opened)})
    assert r.status_code == 400 and message in r.json()["error"]
    assert opened.get("/api/journal/entries").json() == []


def test_a_blank_check_in_score_says_the_field_was_empty(opened: TestClient) -> None:
    status, html = add_entry(opened, add_rel(opened), kind="checkin", score=" ")
    assert status == 400
    assert alert(html) == "a check-in score is a whole number 0-10; the field was empty"


def test_delete_everything_says_when_old_copies_are_kept_by_another_program(
        opened: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    """The journal layer deletes, but cannot overwrite old pages another reader holds: the page
    says so (and what to do) instead of "Everything in the journal is deleted"."""
    from mendkit.journal import repository

    def kept(self: object) -> None:
        raise repository.DeletedButKept("everything was deleted, but another program still has "
                                        "the journal open")

    _fill(opened)
    monkeypatch.setattr(repository.Journal, "delete_all", kept)
    r = opened.post("/journal/delete", data={"csrf_token": token(opened), "confirm": "DELETE"})
    assert r.status_code == 409
    assert "another program still has the journal open" in alert(r.text)
    assert "Everything in the journal is deleted" not in r.text
