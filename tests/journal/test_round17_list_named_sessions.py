"""Round 17: ``mend journal list`` and ``show`` put a coach session under the relationship its
"who" names, as insights, ``delete --rel`` and ``rename`` already count it, when it was saved with
no relationship (run before the journal or the relationship existed). Before this, the list said
"no relationship" until that relationship was renamed (which links such sessions), and only then
showed it under its name."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mendkit.cli.main import main

ANSWERS = ["", "yes", "Sam (she/her)", "partner", "I snapped at Sam over dinner.", "", "", "4",
           "skip", "yes", "I snapped at her.", "", "", "", "keep", "ashamed", "scared", "time",
           "I'm sorry I snapped at you at dinner.", "1", "0"]


def _coach(tmp_path: Path, answers: list[str]) -> None:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    assert main(["coach", "--answers", str(path)]) == 0


def _out(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    capsys.readouterr()
    assert main(list(argv)) == 0
    return capsys.readouterr().out


def _session_line(listing: str) -> str:
    [line] = [line for line in listing.splitlines() if "coach session:" in line]
    return line


@pytest.mark.usefixtures("sqlite_env")
def test_a_session_from_before_the_journal_is_listed_under_the_relationship_it_names(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _coach(tmp_path, ANSWERS)  # plain files: no journal yet
    assert main(["journal", "init"]) == 0  # moves the session in, with no relationship
    assert main(["journal", "add", "--kind", "relationship", "--name", "Sam"]) == 0
    assert main(["journal", "add", "--kind", "relationship", "--name", "Alex"]) == 0
    line = _session_line(_out(capsys, "journal", "list"))
    assert "  Sam  " in line and "no relationship" not in line
    # The relationship's own list has it (insights count it there, delete --rel deletes it).
    assert "coach session:" in _out(capsys, "journal", "list", "--rel", "1")
    assert "coach session:" not in _out(capsys, "journal", "list", "--rel", "2")
    shown = _out(capsys, "journal", "list", "--kind", "coach_session")
    assert "  1  Sam (other)" in shown and "Alex" not in shown
    assert "Relationship:" in (show := _out(capsys, "journal", "show", "1"))
    assert "Sam (other, id 1)" in show
    # The CSV export for reading says the same (its JSON keeps the stored form).
    [row] = [r for r in _out(capsys, "journal", "export", "-", "--format", "csv").splitlines()
             if "coach session" in r]
    assert row.split(",")[2] == "Sam"
    # Renaming links it for good; the list says the same before and after.
    assert main(["journal", "rename", "--rel", "1", "--name", "Sammy"]) == 0
    assert "  Sammy  " in _session_line(_out(capsys, "journal", "list"))


@pytest.mark.usefixtures("sqlite_env")
def test_a_session_that_names_no_relationship_stays_with_none(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["journal", "init"]) == 0
    _coach(tmp_path, ANSWERS)  # in the journal, before any relationship is called Sam
    assert main(["journal", "add", "--kind", "relationship", "--name", "Alex"]) == 0
    assert "no relationship" in _session_line(_out(capsys, "journal", "list"))
    assert "coach session:" not in _out(capsys, "journal", "list", "--rel", "1")
    assert main(["journal", "add", "--kind", "relationship", "--name", "sam"]) == 0
    assert "  sam  " in _session_line(_out(capsys, "journal", "list"))
    # --json stays the stored form: the session itself is still saved with no relationship.
    listed = json.loads(_out(capsys, "journal", "list", "--json"))
    assert [e["relationship_id"] for e in listed["entries"]] == [None]
