"""Round 7: the journal after an upgrade, its imports, and insights over legacy times."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from mendkit.cli.main import main
from mendkit.journal.crypto import KdfParams
from mendkit.journal.repository import Journal

PASS = "correct horse battery staple"
HALF_SESSION = ["", "yes", "my sister", "family", "she forgot my birthday"]


def _journal(home: Path) -> Journal:
    return Journal.open(home, PASS, url=os.environ.get("MEND_DATABASE_URL"))


def _plain_sessions(tmp_path: Path, capsys: pytest.CaptureFixture[str], n: int) -> list[Path]:
    """``n`` half-done coach sessions in plain files (made before any journal)."""
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(HALF_SESSION), encoding="utf-8")
    for _ in range(n):
        assert main(["coach", "--answers", str(answers)]) == 0
    capsys.readouterr()
    home = Path(os.environ["MEND_HOME"])
    return sorted((home / "coach" / "sessions").glob("*.json"))


def test_one_unreadable_coach_session_file_is_set_aside_and_the_rest_move_in(
        sqlite_env: None, home: Path, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    damaged, good = _plain_sessions(tmp_path, capsys, 2)
    damaged_bytes = damaged.read_bytes()[:100]
    damaged.write_bytes(damaged_bytes)
    Journal.create(home, PASS, kdf=KdfParams(time_cost=1, memory_kib=8, parallelism=1)).close()
    assert main(["journal", "list"]) == 0  # the first open of an upgraded journal
    err = capsys.readouterr().err
    kept = home / "coach" / "sessions" / "unreadable" / damaged.name
    assert str(damaged) in err and "not valid JSON" in err and str(kept) in err
    assert "Traceback" not in err
    assert kept.read_bytes() == damaged_bytes and not damaged.exists() and not good.exists()
    with _journal(home) as journal:
        (moved,) = journal.entries(kind="coach_session")
        assert moved.body["id"] == good.stem
    out = tmp_path / "out.json"
    assert main(["journal", "add", "--kind", "relationship", "--name", "Alex"]) == 0
    assert main(["journal", "export", str(out)]) == 0
    assert "Alex" in out.read_text(encoding="utf-8")
    err = capsys.readouterr().err
    assert "not valid JSON" not in err and str(kept) not in err  # said once; the file stays aside
    assert kept.read_bytes() == damaged_bytes


def test_an_unreadable_two_person_answer_is_set_aside_too(
        sqlite_env: None, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = home / "coach" / "pairs" / "ABC123" / "first.json"
    bad.parent.mkdir(parents=True)
    bad.write_text("{not json", encoding="utf-8")
    assert main(["journal", "init"]) == 0
    err = capsys.readouterr().err
    assert str(bad) in err and not bad.exists()
    kept = home / "coach" / "pairs-unreadable" / "ABC123" / "first.json"
    assert str(kept) in err and kept.read_text(encoding="utf-8") == "{not json"
    assert main(["journal", "list"]) == 0
    assert "unreadable" not in capsys.readouterr().err


def _upgraded_journal(home: Path, times: list[str]) -> None:
    """A journal as an older Mend left it: ruptures whose times were stored as typed."""
    with Journal.create(home, PASS, kdf=KdfParams(time_cost=1, memory_kib=8,
                                                  parallelism=1)) as journal:
        rel = journal.add_relationship("Sam", "friend")
        for n, when in enumerate(times):
            journal.add_entry("rupture", {"what": f"r{n}"}, occurred_at=when,
                              relationship_id=rel.id)


def test_an_upgraded_journal_with_free_text_times_survives_export_and_import(
        sqlite_env: None, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    _upgraded_journal(home, ["yesterday", "2026-11-20"])
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    assert main(["journal", "export", str(first)]) == 0
    monkeypatch.setenv("MEND_HOME", str(tmp_path / "fresh"))
    assert main(["journal", "init"]) == 0
    capsys.readouterr()
    assert main(["journal", "import", str(first)]) == 0
    captured = capsys.readouterr()
    assert "imported 1 relationship and 2 entries" in captured.out
    assert "entries[0]" in captured.err and "'yesterday'" in captured.err
    assert "kept as written" in captured.err and "Traceback" not in captured.err
    assert main(["journal", "export", str(second)]) == 0
    assert second.read_bytes() == first.read_bytes()
    with _journal(tmp_path / "fresh") as journal:
        assert [e.occurred_at for e in journal.entries()] == ["2026-11-20", "yesterday"]


@pytest.mark.parametrize("encrypted", [True, False])
def test_importing_an_sqlite_backup_says_how_to_restore_it(
        sqlite_env: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str], encrypted: bool) -> None:
    assert main(["journal", "init", *([] if encrypted else ["--no-encryption"])]) == 0
    assert main(["journal", "add", "--kind", "relationship", "--name", "A"]) == 0
    backup = tmp_path / "saved.db"
    assert main(["journal", "backup", str(backup)]) == 0
    monkeypatch.setenv("MEND_HOME", str(tmp_path / "fresh"))
    assert main(["journal", "init"]) == 0
    capsys.readouterr()
    assert main(["journal", "import", str(backup)]) == 1
    err = capsys.readouterr().err
    assert f"{backup} is a backup of an SQLite journal" in err
    assert "journal.db and journal.db.kdf.json" in err and f"{backup}.kdf.json" in err
    assert "UTF-8" not in err and "Traceback" not in err
    with _journal(tmp_path / "fresh") as journal:
        assert journal.relationships() == []


def test_insights_leave_out_times_outside_what_mend_accepts_now_and_say_so(
        sqlite_env: None, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _upgraded_journal(home, ["0001-01-01", "2026-11-21T10:00"])
    with _journal(home) as journal:
        journal.add_entry("repair", {"message": "late", "uptake": "rejected", "by": "them"},
                          occurred_at="9999-12-31T23:59", relationship_id=1)
    assert main(["insights", "--rel", "1", "--json"]) == 0
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert data["median_hours_to_repair"] is None
    assert data["ruptures"] == 2 and data["repair_attempts"] == 1  # still counted
    assert data["ruptures_per_week"] == {"2026-W47": 1}
    assert data["entries_out_of_range"] == 2
    assert ("2 entries have a time outside 1900 to today ('0001-01-01', '9999-12-31T23:59')"
            in captured.err)
