"""Round 15: the journal as a person reads it back. `mend journal list` and `show` in plain words
(with `--json` for scripts), a CSV export a spreadsheet can show (and that import refuses
plainly), the time to repair in days, `--when` keeping a fraction of a second, the delete prompt
and its error on separate lines, and no rekey lock file left behind."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from mendkit._elapsed import repair_time
from mendkit.cli.main import main

LONG = ("I'm sorry I walked out. You were right that I leave the bins to you, and I want us to "
        "make a rota together tonight")


def _fill() -> None:
    assert main(["journal", "init"]) == 0
    for argv in (
        ["--kind", "relationship", "--name", "Jordan", "--type", "partner"],
        ["--kind", "rupture", "--rel", "1", "--text", "He said I never notice the bins",
         "--when", "2024-03-06T11:06:20+00:00", "--severity", "3", "--label", "criticism",
         "--label", "stonewalling"],
        ["--kind", "repair", "--rel", "1", "--text", LONG, "--uptake", "not_yet",
         "--when", "2024-03-22T12:24:44.787398+01:00"],
        ["--kind", "checkin", "--rel", "1", "--score", "7", "--when", "2024-04-01T09:00"],
        ["--kind", "checkin", "--score", "4", "--when", "2024-04-02T09:00"],
    ):
        assert main(["journal", "add", *argv]) == 0


def _out(capsys: pytest.CaptureFixture[str], argv: list[str], code: int = 0) -> str:
    capsys.readouterr()
    assert main(argv) == code
    return capsys.readouterr().out


# -- 3: list and show -------------------------------------------------------------------------


def test_list_reads_as_plain_lines(sqlite_env: None, london: None,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    _fill()
    out = _out(capsys, ["journal", "list"])
    assert "{" not in out and "rel=" not in out and "rupture.confrontation" not in out
    (rupture,) = [line for line in out.splitlines() if line.lstrip().startswith("#1 ")]
    assert "2024-03-06 11:06 (UTC+00:00)" in rupture and "Jordan" in rupture
    assert "severity 3, criticism, stonewalling: He said I never notice the bins" in rupture
    (repair,) = [line for line in out.splitlines() if line.lstrip().startswith("#2 ")]
    # the time in this computer's zone (round 19: stored at +01:00, shown in London's GMT), the
    # outcome in words, the message cut at a word
    assert "2024-03-22 11:24 (UTC+00:00)" in repair
    assert "repair by you: I'm sorry I walked out." in repair
    assert repair.endswith("… - no answer yet")
    cut = repair.split(": ", 1)[1].removesuffix("… - no answer yet")
    assert LONG.startswith(cut) and LONG[len(cut)] in " ,"
    assert "check-in: connection 7 out of 10" in out
    (loose,) = [line for line in out.splitlines() if line.lstrip().startswith("#4 ")]
    assert "no relationship" in loose


def test_list_and_show_json_keep_the_stored_form(
        sqlite_env: None, capsys: pytest.CaptureFixture[str]) -> None:
    _fill()
    listed = json.loads(_out(capsys, ["journal", "list", "--json"]))
    assert listed["relationships"] == [{"id": 1, "name": "Jordan", "kind": "partner",
                                        "notes": ""}]
    assert [e["kind"] for e in listed["entries"]] == ["rupture", "repair", "checkin", "checkin"]
    assert listed["entries"][0]["body"]["labels"] == ["rupture.confrontation.criticism",
                                                      "rupture.withdrawal.stonewalling"]
    shown = json.loads(_out(capsys, ["journal", "show", "2", "--json"]))
    assert shown == {"id": 2, "kind": "repair", "relationship_id": 1,
                     "occurred_at": "2024-03-22T12:24:44.787398+01:00",
                     "body": {"message": LONG, "uptake": "not_yet", "by": "me"}}


def test_show_reads_as_fields_with_the_whole_text(
        sqlite_env: None, capsys: pytest.CaptureFixture[str]) -> None:
    _fill()
    out = _out(capsys, ["journal", "show", "2"])
    assert out.startswith("Repair 2\n")
    assert "Relationship: Jordan (partner, id 1)" in out
    assert "Outcome:      no answer yet" in out and "Reached out:  you" in out
    assert LONG in out and "{" not in out
    assert "2024-03-22 12:24:44 (UTC+01:00)" in out
    out = _out(capsys, ["journal", "show", "1"])
    assert "Labels:        criticism, stonewalling" in out and "Severity:      3 of 5" in out


def test_an_empty_journal_and_an_empty_filter_say_so(
        sqlite_env: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["journal", "init"]) == 0
    assert _out(capsys, ["journal", "list"]) == "Your journal is empty.\n"
    assert main(["journal", "add", "--kind", "relationship", "--name", "Mum"]) == 0
    assert _out(capsys, ["journal", "list", "--kind", "repair"]) == "No repair entries yet.\n"
    assert _out(capsys, ["journal", "list", "--rel", "1"]).endswith(
        "\nNo entries about Mum yet.\n")


def test_a_coach_session_lists_in_one_line(sqlite_env: None, home: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["journal", "init"]) == 0
    from mendkit.journal.repository import Journal

    with Journal.open(home, os.environ["MEND_PASSPHRASE"]) as journal:
        journal.add_entry("coach_session", {
            "id": "f70b1db1cc08", "state": "stopped_crisis", "format": 1,
            "answers": {"recognise_who": "Jordan (he/him)", "recognise_context": "partner"},
            "path": [["welcome", "begin"]]}, occurred_at="2026-12-07T11:24:59.953513+00:00")
    out = _out(capsys, ["journal", "list"])
    assert len(out.splitlines()) == 2 and "answers" not in out
    assert ("coach session: about Jordan (he/him), partner - stopped to give crisis support"
            in out)


# -- 2: CSV -----------------------------------------------------------------------------------
def test_csv_export_has_columns_a_person_can_read(
        sqlite_env: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _fill()
    target = tmp_path / "j.csv"
    assert main(["journal", "export", str(target), "--format", "csv"]) == 0
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert rows[:3] == [["Relationships"], ["id", "name", "type", "notes"],
                        ["1", "Jordan", "partner", ""]]
    start = rows.index(["Entries"])
    header = rows[start + 1]
    assert header[-1] == "details_json"
    entries = [dict(zip(header, row, strict=True)) for row in rows[start + 2:]]
    assert entries[0]["relationship"] == "Jordan" and entries[0]["kind"] == "rupture"
    assert entries[0]["summary"] == "He said I never notice the bins"
    assert entries[0]["labels"] == "criticism; stonewalling" and entries[0]["severity"] == "3"
    assert entries[1]["summary"] == LONG and entries[1]["outcome"] == "no answer yet"
    assert entries[1]["by"] == "you" and entries[1]["date"].startswith("2024-03-22")
    assert entries[2]["kind"] == "check-in" and entries[2]["score"] == "7"
    assert entries[3]["relationship"] == ""
    assert json.loads(entries[1]["details_json"])["uptake"] == "not_yet"
    # only the last column holds JSON
    assert not any(cell.startswith(("{", "[")) for row in entries for key, cell in row.items()
                   if key != "details_json")
    # importing it says what CSV is for
    assert main(["journal", "delete", "--all", "--yes"]) == 0
    capsys.readouterr()
    assert main(["journal", "import", str(target)]) == 1
    err = capsys.readouterr().err
    assert "CSV export, which is for reading" in err and "JSON export" in err
    assert "not JSON" not in err


def test_export_help_says_csv_is_for_reading(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["journal", "export", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "CSV is for reading" in out and "cannot be imported" in out


# -- 7: time to repair in plain units ---------------------------------------------------------
@pytest.mark.parametrize(("hours", "words"), [
    (0.0, "under a minute"), (0.75, "45 minutes"), (2.0, "2 hours"), (12.25, "about 12 hours"),
    (47.4, "about 47 hours"), (72.0, "3 days"), (839.776, "about 35 days")])
def test_repair_time_in_plain_units(hours: float, words: str) -> None:
    assert repair_time(hours) == words


def test_insights_show_days_and_json_keeps_hours(
        sqlite_env: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["journal", "init"]) == 0
    assert main(["journal", "add", "--kind", "relationship", "--name", "Priya"]) == 0
    assert main(["journal", "add", "--kind", "rupture", "--rel", "1", "--text", "x",
                 "--when", "2024-03-01T10:00:00+00:00"]) == 0
    assert main(["journal", "add", "--kind", "repair", "--rel", "1", "--text", "sorry",
                 "--uptake", "partly", "--when", "2024-04-05T09:30:00+00:00"]) == 0
    assert "about 35 days (median)" in _out(capsys, ["insights", "--rel", "1"])
    figures = json.loads(_out(capsys, ["insights", "--rel", "1", "--json"]))
    assert figures["median_hours_to_repair"] == pytest.approx(839.5)


# -- 8: small polish --------------------------------------------------------------------------
def test_when_keeps_a_fraction_of_a_second(sqlite_env: None,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    _fill()
    listed = json.loads(_out(capsys, ["journal", "list", "--json"]))
    assert listed["entries"][1]["occurred_at"] == "2024-03-22T12:24:44.787398+01:00"
    assert listed["entries"][0]["occurred_at"] == "2024-03-06T11:06:20+00:00"


def test_delete_prompt_and_its_error_are_on_separate_lines(sqlite_env: None, home: Path) -> None:
    assert main(["journal", "init"]) == 0
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2] / "src")}
    done = subprocess.run([sys.executable, "-m", "mendkit", "journal", "delete", "--all"],
                          stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, env=env, check=False, timeout=60)
    lines = done.stdout.decode().splitlines()
    assert done.returncode == 1
    assert lines[0] == "Delete the whole journal for good? [y/N] "
    assert lines[1].startswith("mend: error: nothing deleted")


def test_rekey_leaves_no_lock_file(sqlite_env: None, home: Path,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    _fill()
    monkeypatch.setenv("MEND_NEW_PASSPHRASE", "another long passphrase")
    assert main(["journal", "rekey"]) == 0
    assert not (home / "journal.db.rekey.lock").exists()
    monkeypatch.setenv("MEND_PASSPHRASE", "another long passphrase")
    assert main(["journal", "list"]) == 0


def test_the_rekey_lock_is_held_by_one_at_a_time(home: Path) -> None:
    from mendkit.journal.repository import _rekey_lock

    home.mkdir(parents=True, exist_ok=True)
    with _rekey_lock(home) as mine, _rekey_lock(home) as other:
        assert mine and not other
    assert not (home / "journal.db.rekey.lock").exists()
    inside, most, errors = [0], [0], []
    guard = threading.Lock()

    def work() -> None:
        try:
            for _ in range(200):
                with _rekey_lock(home) as held:
                    if held:
                        with guard:
                            inside[0] += 1
                            most[0] = max(most[0], inside[0])
                        os.sched_yield()
                        with guard:
                            inside[0] -= 1
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and most[0] == 1
    assert not (home / "journal.db.rekey.lock").exists()
