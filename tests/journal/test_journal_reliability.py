"""Reliability: SIGKILL during writes loses no committed entry; readers and a writer coexist."""

from __future__ import annotations

import os
import random
import signal
import threading
import time
from pathlib import Path

import pytest

from mendkit.errors import JournalError
from mendkit.journal.crypto import KdfParams
from mendkit.journal.repository import Journal

PASS = "kill test passphrase"
CHEAP = KdfParams(time_cost=1, memory_kib=8, parallelism=1)


def _writer(home: Path, wfd: int) -> None:
    """In the forked child: add entries forever, reporting each id after its commit."""
    try:
        journal = Journal.open(home, PASS)
        k = 0
        while True:
            token = f"entry-{os.getpid()}-{k}"
            entry = journal.add_entry("rupture", {"what": token, "labels": ["criticism"]},
                                      occurred_at="2026-01-01T00:00:00")
            os.write(wfd, f"{entry.id} {token}\n".encode())
            k += 1
    finally:
        os._exit(0)


@pytest.mark.slow
def test_sigkill_while_writing_loses_nothing_committed(tmp_path: Path) -> None:
    home = tmp_path / "j"
    Journal.create(home, PASS, kdf=CHEAP).close()
    rng = random.Random(5)
    committed: dict[int, str] = {}
    for _ in range(200):
        rfd, wfd = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(rfd)
            _writer(home, wfd)
        os.close(wfd)
        # Kill at a random moment once the writer is writing (its first commit reported), so a
        # busy machine, which starts the writer late, still tests kills in the middle of writes.
        chunks = [os.read(rfd, 65536)]
        while chunks[-1] and b"\n" not in b"".join(chunks):
            chunks.append(os.read(rfd, 65536))
        time.sleep(rng.uniform(0.0, 0.05))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        while chunk := os.read(rfd, 65536):
            chunks.append(chunk)
        os.close(rfd)
        for line in b"".join(chunks).decode().split("\n")[:-1]:
            entry_id, token = line.split()
            committed[int(entry_id)] = token
    assert len(committed) >= 200  # every writer committed at least once before its kill
    with Journal.open(home, PASS) as journal:
        with journal.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        stored = {e.id: e.body["what"] for e in journal.entries(kind="rupture")}
    lost = {i: t for i, t in committed.items() if stored.get(i) != t}
    assert lost == {}


def test_concurrent_readers_and_a_writer(tmp_path: Path) -> None:
    home = tmp_path / "j"
    Journal.create(home, PASS, kdf=CHEAP).close()
    errors: list[BaseException] = []
    done = threading.Event()

    def read() -> None:
        try:
            with Journal.open(home, PASS) as j:
                while not done.is_set():
                    j.entries()
        except BaseException as exc:  # reported below
            errors.append(exc)

    readers = [threading.Thread(target=read) for _ in range(3)]
    for t in readers:
        t.start()
    with Journal.open(home, PASS) as j:
        for i in range(100):
            j.add_entry("checkin", {"score": i % 11}, occurred_at="2026-01-01T00:00:00")
    done.set()
    for t in readers:
        t.join()
    assert errors == []
    with Journal.open(home, PASS) as j:
        assert len(j.entries()) == 100


def test_read_only_journal_is_a_clear_error_and_keeps_what_was_saved(tmp_path: Path) -> None:
    """Tests run as root, where chmod does not stop writes; SQLite's own read-only open
    (``PRAGMA query_only``) is the honest stand-in for a read-only file here."""
    home = tmp_path / "j"
    with Journal.create(home, PASS, kdf=CHEAP) as j:
        j.add_entry("checkin", {"score": 3}, occurred_at="2026-01-01T00:00:00")
    with Journal.open(home, PASS) as j:
        from sqlalchemy import event

        event.listen(j.engine, "connect",
                     lambda c, _r: c.cursor().execute("PRAGMA query_only = ON"))
        j.engine.dispose()
        with pytest.raises(JournalError, match="could not be written"):
            j.add_entry("checkin", {"score": 9}, occurred_at="2026-01-02T00:00:00")
    with Journal.open(home, PASS) as j:
        assert [e.body["score"] for e in j.entries()] == [3]


_FILL_THE_DISK = r"""
import os, resource, signal, sys
from pathlib import Path
from mendkit.cli.main import main

home = Path(os.environ["MEND_HOME"])
size = max(p.stat().st_size for p in home.glob("journal.db*"))
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG instead
limit = size + 256 * 1024
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
for i in range(10_000):
    rc = main(["journal", "add", "--kind", "rupture", "--rel", "1",
               "--text", f"fill-{i} " + os.urandom(6000).hex()])
    sys.stdout.flush()
    if rc != 0:
        print(f"exit {rc}")
        break
"""


@pytest.mark.slow
def test_a_full_disk_is_a_clear_error_and_loses_nothing_saved(
        sqlite_env: None, home: Path, tmp_path: Path) -> None:
    import subprocess
    import sys

    from mendkit.cli.main import main

    assert main(["journal", "init"]) == 0
    assert main(["journal", "add", "--kind", "relationship", "--name", "Sam"]) == 0
    for i in range(3):
        assert main(["journal", "add", "--kind", "checkin", "--rel", "1", "--score", str(i)]) == 0
    result = subprocess.run([sys.executable, "-c", _FILL_THE_DISK], capture_output=True,
                            text=True, env=os.environ.copy(), timeout=300, check=False)
    added = [int(line.split()[-1]) for line in result.stdout.splitlines()
             if line.startswith("added rupture")]
    assert result.stdout.splitlines()[-1] == "exit 1", result.stderr
    assert len(added) >= 3  # some entries fitted before the disk filled
    assert "Traceback" not in result.stderr
    assert "the disk is full" in result.stderr, result.stderr
    with Journal.open(home, os.environ["MEND_PASSPHRASE"]) as journal:
        with journal.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        stored = {e.id: e.body for e in journal.entries()}
        assert [stored[i]["score"] for i in (1, 2, 3)] == [0, 1, 2]
        assert all(stored[i]["what"].startswith("fill-") for i in added)
        assert len(stored) == 3 + len(added)  # the failed write left nothing half-saved
        journal.add_entry("checkin", {"score": 9}, occurred_at="2026-01-03T00:00:00")
