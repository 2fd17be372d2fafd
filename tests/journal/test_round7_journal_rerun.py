"""Round 7 re-run: long legacy times in an export, and the passphrase during a rekey."""

from __future__ import annotations

import json
import os
import pathlib
from pathlib import Path

import pytest

from mendkit.cli.main import main
from mendkit.journal.repository import Journal

PASS = "correct horse battery staple"
LONG_WHEN = "Saturday evening after dinner at her parents' house"  # 51 characters


def _journal(home: Path) -> Journal:
    return Journal.open(home, PASS, url=os.environ.get("MEND_DATABASE_URL"))


def _export_with_a_long_time(path: Path) -> None:
    """An export as Mend writes it for a journal whose older version kept a long ``--when``."""
    path.write_text(json.dumps({
        "format": "mend-journal/1",
        "relationships": [{"id": 1, "name": "Sam", "kind": "friend", "notes": ""}],
        "entries": [{"id": 1, "kind": "rupture", "relationship_id": 1,
                     "occurred_at": LONG_WHEN, "body": {"what": "x"}},
                    {"id": 2, "kind": "rupture", "relationship_id": 1,
                     "occurred_at": "2026-11-20T18:30", "body": {"what": "y"}}]}),
        encoding="utf-8")


def test_a_legacy_time_longer_than_the_column_is_imported_not_refused(
        backend: str, home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    export = tmp_path / "old.json"
    _export_with_a_long_time(export)
    assert main(["journal", "init"]) == 0
    capsys.readouterr()
    assert main(["journal", "import", str(export)]) == 0
    captured = capsys.readouterr()
    assert "imported 1 relationship and 2 entries" in captured.out
    assert "entries[0]" in captured.err and LONG_WHEN in captured.err
    assert "should be an ISO date" not in captured.err and "Traceback" not in captured.err
    with _journal(home) as journal:
        entries = {e.id: e for e in journal.entries()}
    assert set(entries) == {1, 2}
    kept = entries[1]
    if backend == "sqlite":  # SQLite keeps the text whole, as the older journal did
        assert kept.occurred_at == LONG_WHEN and dict(kept.body) == {"what": "x"}
    else:  # PostgreSQL holds 40 characters: the rest of the time is kept in the entry
        assert kept.occurred_at == LONG_WHEN[:40]
        assert kept.body["what"] == "x" and kept.body["when_as_typed"] == LONG_WHEN
        assert "40 characters" in captured.err


def test_an_sqlite_journal_with_a_long_legacy_time_survives_export_and_import(
        sqlite_env: None, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    export = tmp_path / "old.json"
    _export_with_a_long_time(export)
    assert main(["journal", "init"]) == 0
    assert main(["journal", "import", str(export)]) == 0
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    assert main(["journal", "export", str(first)]) == 0
    monkeypatch.setenv("MEND_HOME", str(tmp_path / "fresh"))
    assert main(["journal", "init"]) == 0
    assert main(["journal", "import", str(first)]) == 0
    assert main(["journal", "export", str(second)]) == 0
    assert second.read_bytes() == first.read_bytes()
    assert LONG_WHEN in first.read_text(encoding="utf-8")


def test_the_old_passphrase_during_a_rekey_is_not_called_wrong(
        sqlite_env: None, home: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["journal", "init"]) == 0
    assert main(["journal", "add", "--kind", "relationship", "--name", "Sam",
                 "--type", "partner"]) == 0
    capsys.readouterr()
    in_window: list[tuple[int, str]] = []
    original = pathlib.Path.replace

    def slow_replace(self: Path, target: str | os.PathLike[str]) -> Path:
        if self.name.startswith("journal.db.kdf.json") and self.name.endswith(".new"):
            code = main(["journal", "list"])  # MEND_PASSPHRASE is still the old one
            in_window.append((code, capsys.readouterr().err))
        return original(self, target)

    monkeypatch.setattr(pathlib.Path, "replace", slow_replace)
    monkeypatch.setenv("MEND_NEW_PASSPHRASE", "a new passphrase 99")
    assert main(["journal", "rekey"]) == 0
    assert len(in_window) == 1
    code, err = in_window[0]
    assert code == 1 and "Traceback" not in err
    assert "wrong passphrase" not in err
    assert "passphrase was just changed" in err and "use the new one" in err
