"""Round 8, crash safety: a Ctrl-C that lands as a change is saved, backups and exports that are
stopped half-way, Ctrl-C in batch workers and in Python's own callbacks, and a MEND_HOME that is a
file. Each Ctrl-C is sent at a point the test chooses (``signal.raise_signal`` from a patched
step), never after a guessed delay."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from mendkit.cli.main import main
from mendkit.journal.repository import Journal

CHEAP_KDF = "1,8,1"


pytestmark = pytest.mark.usefixtures("ctrl_c_as_python_starts_it")


@pytest.fixture
def journal_env(monkeypatch: pytest.MonkeyPatch, _isolated_home: Path) -> Path:
    monkeypatch.setenv("MEND_PASSPHRASE", "old-pass")
    monkeypatch.setenv("MEND_JOURNAL_KDF", CHEAP_KDF)
    monkeypatch.delenv("MEND_DATABASE_URL", raising=False)
    assert main(["journal", "init"]) == 0
    assert main(["journal", "add", "--kind", "rupture", "--text", "hello"]) == 0
    return _isolated_home


def _ctrl_c_after(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """Make ``Journal.<name>`` do its work, then take a Ctrl-C (as when one lands during the
    commit: SQLite finishes, and Python raises KeyboardInterrupt as the call returns)."""
    real = getattr(Journal, name)

    def then_ctrl_c(self: Journal, *args: Any, **kwargs: Any) -> Any:
        result = real(self, *args, **kwargs)
        signal.raise_signal(signal.SIGINT)
        return result

    monkeypatch.setattr(Journal, name, then_ctrl_c)


# -- bug 1: a Ctrl-C during the commit ----------------------------------------------------------
def test_a_ctrl_c_during_rekey_says_the_new_passphrase_took(
        journal_env: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    _ctrl_c_after(monkeypatch, "rekey")
    monkeypatch.setenv("MEND_NEW_PASSPHRASE", "new-pass")
    assert main(["journal", "rekey"]) == 0
    out, err = capsys.readouterr()
    assert out == "passphrase changed\n"
    assert "the NEW passphrase is the one that opens the journal now" in err
    assert "interrupted" not in err
    monkeypatch.undo()
    monkeypatch.setenv("MEND_PASSPHRASE", "new-pass")
    monkeypatch.setenv("MEND_JOURNAL_KDF", CHEAP_KDF)
    monkeypatch.setenv("MEND_HOME", str(journal_env))
    assert main(["journal", "list"]) == 0
    assert "hello" in capsys.readouterr().out


def _export_to_a_second_journal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                capsys: pytest.CaptureFixture[str]) -> Path:
    """The journal exported, and a new empty one opened to import it into."""
    export = tmp_path / "export.json"
    assert main(["journal", "export", str(export)]) == 0
    monkeypatch.setenv("MEND_HOME", str(tmp_path / "second"))
    assert main(["journal", "init"]) == 0
    capsys.readouterr()
    return export


def test_a_ctrl_c_as_an_import_commits_says_what_was_imported(
        journal_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    export = _export_to_a_second_journal(tmp_path, monkeypatch, capsys)
    _ctrl_c_after(monkeypatch, "import_")
    assert main(["journal", "import", str(export)]) == 0
    out, err = capsys.readouterr()
    assert out == "imported 0 relationships and 1 entry\n"
    assert "too late to stop it: everything above was imported" in err
    assert main(["journal", "list"]) == 0
    assert "hello" in capsys.readouterr().out


def test_a_ctrl_c_before_an_import_commits_says_nothing_was_imported(
        journal_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    export = _export_to_a_second_journal(tmp_path, monkeypatch, capsys)

    def stopped(self: Journal, *args: Any, **kwargs: Any) -> Any:
        signal.raise_signal(signal.SIGINT)
        raise AssertionError("not reached")

    monkeypatch.setattr(Journal, "import_", stopped)
    assert main(["journal", "import", str(export)]) == 130
    assert capsys.readouterr().err == ("nothing was imported; the journal is empty as before\n"
                                       "mend: interrupted\n")


def test_a_ctrl_c_during_add_is_held_until_the_entry_is_said(
        journal_env: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    _ctrl_c_after(monkeypatch, "add_entry")
    assert main(["journal", "add", "--kind", "rupture", "--text", "second"]) == 0
    out, err = capsys.readouterr()
    assert out == "added rupture 2\n"
    assert "too late to stop it" in err and "interrupted" not in err


# -- bug 2: a backup is complete under its name, or not there -----------------------------------
def test_a_failed_backup_leaves_nothing_under_its_name_or_beside_it(
        journal_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "bk"
    folder.mkdir()
    real = Journal.backup

    def killed_half_way(self: Journal, dest: Path) -> None:
        real(self, dest)
        (dest.parent / (dest.name + "-journal")).write_bytes(b"x")  # as SQLite leaves it
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Journal, "backup", killed_half_way)
    assert main(["journal", "backup", str(folder / "b.db")]) == 1
    assert "b.db: the backup could not be written (No space left on device)" in (
        capsys.readouterr().err)
    assert sorted(os.listdir(folder)) == []


def test_a_backup_appears_under_its_name_only_when_complete(
        journal_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "bk"
    folder.mkdir()
    real = Journal.backup
    seen: list[list[str]] = []

    def watched(self: Journal, dest: Path) -> None:
        real(self, dest)
        seen.append(sorted(os.listdir(folder)))  # what a kill -9 here would leave

    monkeypatch.setattr(Journal, "backup", watched)
    assert main(["journal", "backup", str(folder / "b.db")]) == 0
    assert not any(name.startswith("b.db") for name in seen[0])
    assert sorted(os.listdir(folder)) == ["b.db", "b.db.kdf.json"]
    # The copy opens with the journal's passphrase.
    home = tmp_path / "restored"
    home.mkdir()
    (home / "journal.db").write_bytes((folder / "b.db").read_bytes())
    (home / "journal.db.kdf.json").write_bytes((folder / "b.db.kdf.json").read_bytes())
    monkeypatch.setenv("MEND_HOME", str(home))
    capsys.readouterr()
    assert main(["journal", "list"]) == 0
    assert "hello" in capsys.readouterr().out


def test_a_file_in_the_way_of_a_backup_is_said_to_be_unfinished(
        journal_env: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "b.db").write_bytes(b"")
    assert main(["journal", "backup", str(tmp_path / "b.db")]) == 1
    assert "b.db: already exists (and has no b.db.kdf.json beside it: an unfinished backup?)" \
        in capsys.readouterr().err


def test_a_folder_in_the_way_of_a_backup_is_not_called_an_unfinished_backup(
        journal_env: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "b.db").mkdir()
    assert main(["journal", "backup", str(tmp_path / "b.db")]) == 1
    err = capsys.readouterr().err
    assert "b.db: already exists; choose another name" in err and "unfinished" not in err


# -- bug 3: what a killed export left is removed, and said -------------------------------------
def _dead_pid() -> int:
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    return int(done.stdout)


def test_an_export_removes_the_temp_files_a_killed_export_left(
        journal_env: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    out.mkdir()
    dead = _dead_pid()
    stale = out / f".exp.json.{dead}-abcd1234.tmp"
    stale.write_text("every entry in plain text")
    live = out / f".exp.json.{os.getppid()}-abcd1234.tmp"  # a running process's: kept
    live.write_text("in use")
    other = out / ".exp.json.notes"  # not Mend's pattern: kept
    other.write_text("mine")
    capsys.readouterr()
    assert main(["journal", "export", str(out / "exp.json")]) == 0
    err = capsys.readouterr().err
    assert f"removed 1 unfinished file that an earlier export to {out / 'exp.json'} left " \
        f"behind when it was stopped ({stale.name})" in err
    assert sorted(p.name for p in out.iterdir()) == sorted(
        ["exp.json", live.name, other.name])


def test_an_export_writes_its_temp_file_in_the_pattern_it_cleans(
        journal_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import mendkit._files as files

    names: list[str] = []
    real = os.replace

    def noted(src: Any, dst: Any) -> None:
        names.append(Path(src).name)
        real(src, dst)

    monkeypatch.setattr(files.os, "replace", noted)
    assert main(["journal", "export", str(tmp_path / "exp.json")]) == 0
    assert len(names) == 1
    assert names[0].startswith(f".exp.json.{os.getpid()}-") and names[0].endswith(".tmp")


# -- bug 4: batch workers leave a Ctrl-C to the driver -------------------------------------------
def test_batch_workers_are_started_deaf_to_ctrl_c() -> None:
    from mendkit.batch.runner import deaf_children

    pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"))
    try:
        with deaf_children():
            blocked = pool.submit(signal.pthread_sigmask, signal.SIG_BLOCK, [])
        assert signal.SIGINT in blocked.result(timeout=60)
        assert signal.SIGINT not in signal.pthread_sigmask(signal.SIG_BLOCK, [])  # driver: not
    finally:
        pool.shutdown()


# -- bug 5: a Ctrl-C raised where Python can only print it --------------------------------------
_IN_A_CALLBACK = """
import signal, sys, time, weakref
import mendkit.cli.main as cli
from mendkit.cli.entry import run

def command(argv=None):
    class Thing: pass
    thing = Thing()
    ref = weakref.ref(thing, lambda _: signal.raise_signal(signal.SIGINT))  # like importlib's
    del thing
    time.sleep(2)
    print("went on")
    return 0

cli._main = command
sys.exit(run())
"""


def test_a_ctrl_c_inside_a_python_callback_still_stops_mend_quietly() -> None:
    done = subprocess.run([sys.executable, "-c", _IN_A_CALLBACK], capture_output=True,
                          text=True, timeout=60, check=False)
    assert (done.returncode, done.stdout, done.stderr) == (130, "", "mend: interrupted\n")


# -- bug 6: a MEND_HOME that is a file ----------------------------------------------------------
@pytest.mark.parametrize("argv", [["journal", "list"], ["journal", "show", "1"],
                                  ["journal", "add", "--kind", "checkin", "--score", "5"]])
def test_a_mend_home_that_is_a_file_is_said_to_be_one(
        argv: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    home = tmp_path / "homefile"
    home.write_text("hi")
    monkeypatch.setenv("MEND_HOME", str(home))
    monkeypatch.setenv("MEND_PASSPHRASE", "long enough pw")
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert err == (f"mend: error: MEND_HOME ({home}) is not a folder; point MEND_HOME at a "
                   "folder\n")


def test_a_mend_home_inside_a_file_is_said_to_be_so(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "homefile").write_text("hi")
    home = tmp_path / "homefile" / "mend"
    monkeypatch.setenv("MEND_HOME", str(home))
    monkeypatch.setenv("MEND_PASSPHRASE", "long enough pw")
    assert main(["journal", "list"]) == 1
    err = capsys.readouterr().err
    assert f"is inside a file ({tmp_path / 'homefile'})" in err and "journal init" not in err


# -- consistency bug 6: batch says it leaves the personal heads out -----------------------------
def test_batch_says_and_records_that_it_leaves_personal_heads_out(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    heads = Path(os.environ["MEND_HOME"]) / "personal" / "heads.json"
    heads.parent.mkdir(parents=True)
    heads.write_text("{}")
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"conversation_id": "c1", "speaker": "A",
                                  "text": "You never listen."}) + "\n")
    out = tmp_path / "results.jsonl"
    assert main(["batch", str(source), "--out", str(out), "--no-progress",
                 "--workers", "1"]) == 0
    assert (f"note: batch runs Mend's shipped engine, without your personal heads ({heads})"
            in capsys.readouterr().err)
    record = json.loads((tmp_path / "results.run.json").read_text())
    assert record["personal_heads"] == {"path": str(heads), "used": False}


def test_batch_without_personal_heads_says_nothing_of_them(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"conversation_id": "c1", "speaker": "A",
                                  "text": "You never listen."}) + "\n")
    assert main(["batch", str(source), "--out", str(tmp_path / "results.jsonl"),
                 "--no-progress", "--workers", "1"]) == 0
    assert "personal heads" not in capsys.readouterr().err
    assert "personal_heads" not in json.loads((tmp_path / "results.run.json").read_text())


def test_a_second_ctrl_c_while_a_change_is_held_stops_at_once(
        journal_env: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """As when the change waits for another process's lock: the second Ctrl-C is not held."""
    capsys.readouterr()
    real = Journal.add_entry

    def waiting_for_a_lock(self: Journal, *args: Any, **kwargs: Any) -> Any:
        signal.raise_signal(signal.SIGINT)
        signal.raise_signal(signal.SIGINT)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Journal, "add_entry", waiting_for_a_lock)
    assert main(["journal", "add", "--kind", "rupture", "--text", "second"]) == 130
    err = capsys.readouterr().err
    assert "press Ctrl-C again to stop at once" in err and "interrupted" in err
    monkeypatch.undo()
    monkeypatch.setenv("MEND_PASSPHRASE", "old-pass")
    monkeypatch.setenv("MEND_JOURNAL_KDF", CHEAP_KDF)
    monkeypatch.setenv("MEND_HOME", str(journal_env))
    assert main(["journal", "list"]) == 0
    assert "second" not in capsys.readouterr().out  # stopped before anything was saved
