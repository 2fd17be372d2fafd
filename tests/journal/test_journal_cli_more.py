"""More of `mend journal ...` as a person meets it: deleting everything deletes the personal heads
too; MEND_HOME that is a file or read-only; the wording around backups; names that cannot forge
lines; a typed passphrase asked twice."""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

import pytest

from mendkit.cli.main import main
from mendkit.models.personal import PersonalHeads, fingerprint, load, save


def test_delete_all_also_deletes_the_personal_heads_and_says_so(
        sqlite_env: None, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["journal", "init"]) == 0
    assert main(["correct", "Sorry you feel that way.", "--label", "rupture.invalidation"]) == 0
    heads = PersonalHeads(labels=("rupture.invalidation",), corrections=1, memory={
        ("rupture.invalidation", fingerprint("Sorry you feel that way."), ""): False})
    path = save(heads, home)
    capsys.readouterr()
    assert main(["journal", "delete", "--all", "--yes"]) == 0
    out = capsys.readouterr().out
    assert not path.exists() and load(home) is None
    assert "deleted everything" in out
    assert "personal heads" in out and "mend train" in out
    assert main(["journal", "list"]) == 0
    assert capsys.readouterr().out == "Your journal is empty.\n"


def test_delete_all_without_personal_heads_does_not_mention_them(
        sqlite_env: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["journal", "init"]) == 0
    capsys.readouterr()
    assert main(["journal", "delete", "--all", "--yes"]) == 0
    assert capsys.readouterr().out == (
        "deleted everything\nBackups and exports made earlier are not touched: delete them by "
        "hand if you want them gone too.\n")


def test_init_when_mend_home_is_a_file(
        sqlite_env: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    afile = tmp_path / "afile"
    afile.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("MEND_HOME", str(afile))
    assert main(["journal", "init"]) == 1
    err = capsys.readouterr().err
    assert f"MEND_HOME ({afile}) is not a folder" in err
    assert "Traceback" not in err and "internal error" not in err
    assert afile.read_text(encoding="utf-8") == "not a folder"


def test_init_under_a_file(sqlite_env: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                           capsys: pytest.CaptureFixture[str]) -> None:
    afile = tmp_path / "afile"
    afile.write_text("", encoding="utf-8")
    monkeypatch.setenv("MEND_HOME", str(afile / "sub"))
    assert main(["journal", "init"]) == 1
    err = capsys.readouterr().err
    assert f"MEND_HOME ({afile / 'sub'}) is inside a file ({afile})" in err
    assert "internal error" not in err


def _read_only(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """``folder`` as on a read-only mount (the tests may run as root, which chmod cannot stop)."""
    real = os.access

    def access(path: object, mode: int, **kw: object) -> bool:
        if mode & os.W_OK and Path(str(path)) == folder:
            return False
        return real(path, mode, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "access", access)


def test_init_in_a_read_only_folder(sqlite_env: None, home: Path,
                                    monkeypatch: pytest.MonkeyPatch,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    home.mkdir(parents=True)
    _read_only(monkeypatch, home)
    assert main(["journal", "init"]) == 1
    err = capsys.readouterr().err
    assert f"MEND_HOME ({home}) is read-only" in err and "internal error" not in err
    assert not (home / "journal.db").exists()


def test_a_journal_in_a_read_only_folder_says_so(sqlite_env: None, home: Path,
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["journal", "init"]) == 0
    _read_only(monkeypatch, home)
    capsys.readouterr()
    assert main(["journal", "list"]) == 1
    err = capsys.readouterr().err
    assert f"{home} is read-only" in err and "copy" in err


def test_backup_of_an_unencrypted_journal_does_not_mention_a_passphrase(
        sqlite_env: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("MEND_PASSPHRASE")
    assert main(["journal", "init", "--no-encryption"]) == 0
    capsys.readouterr()
    dest = tmp_path / "b.db"
    assert main(["journal", "backup", str(dest)]) == 0
    out = capsys.readouterr().out
    assert dest.exists() and "passphrase" not in out and "NOT encrypted" in out


def test_backup_of_an_encrypted_journal_says_same_passphrase(
        sqlite_env: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["journal", "init"]) == 0
    capsys.readouterr()
    assert main(["journal", "backup", str(tmp_path / "b.db")]) == 0
    assert "same passphrase" in capsys.readouterr().out


def test_backup_to_stdout_is_refused(sqlite_env: None, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["journal", "init"]) == 0
    monkeypatch.chdir(tmp_path)
    capsys.readouterr()
    assert main(["journal", "backup", "-"]) == 1
    assert "a backup is a file" in capsys.readouterr().err
    assert not (tmp_path / "-").exists() and not (tmp_path / "-.kdf.json").exists()


def test_list_does_not_let_a_name_forge_a_line(sqlite_env: None, home: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    from mendkit.journal.repository import Journal

    forged = "Bob\nrelationship 99: Fake (partner)\x1b[2J"
    assert main(["journal", "init"]) == 0
    assert main(["journal", "add", "--kind", "relationship", "--name", forged]) == 1
    assert "cannot hold control characters" in capsys.readouterr().err
    # A name kept by an earlier version (or the journal layer itself) is still listed safely.
    with Journal.open(home, os.environ["MEND_PASSPHRASE"]) as journal:
        journal.add_relationship(forged, "partner")
    capsys.readouterr()
    assert main(["journal", "list"]) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 3 and "\x1b" not in out  # a title, the name, "no entries yet"
    assert out.splitlines()[1].startswith("  1  Bob")


def test_init_asks_for_a_typed_passphrase_twice(
        sqlite_env: None, home: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("MEND_PASSPHRASE")
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    answers = iter(["first try", "first tyr"])
    monkeypatch.setattr(getpass, "getpass", lambda prompt="": next(answers))
    assert main(["journal", "init"]) == 1
    assert "the two passphrases differ" in capsys.readouterr().err
    assert not (home / "journal.db").exists()
    answers = iter(["same one", "same one"])
    assert main(["journal", "init"]) == 0
    monkeypatch.setenv("MEND_PASSPHRASE", "same one")
    assert main(["journal", "list"]) == 0


@pytest.mark.parametrize("when", ["0001-01-01T00:00", "9999-12-31", "1899-12-31"])
def test_add_refuses_a_date_the_web_app_refuses_too(sqlite_env: None, when: str,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["journal", "init"]) == 0
    assert main(["journal", "add", "--kind", "relationship", "--name", "Sam"]) == 0
    capsys.readouterr()
    assert main(["journal", "add", "--kind", "rupture", "--rel", "1", "--text", "x",
                 "--when", when]) == 1
    assert "between 1900-01-01 and today" in capsys.readouterr().err
    assert main(["journal", "add", "--kind", "rupture", "--rel", "1", "--text", "x",
                 "--when", "2026-03-02"]) == 0
