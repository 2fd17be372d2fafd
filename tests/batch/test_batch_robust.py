"""A batch run stopped by an interrupt ends its workers at once, and odd file names reach the
output as whole characters."""

from __future__ import annotations

import multiprocessing
import time
from concurrent.futures import Future
from pathlib import Path

import pytest

from mendkit.batch import BatchSettings
from mendkit.batch.runner import _executor


def test_an_interrupt_does_not_wait_for_running_chunks(tmp_path: Path) -> None:
    """A Ctrl-C (or any error) in the driver ends the workers: it once hung for good after a
    Ctrl-C sent to the driver alone."""
    settings = BatchSettings(workers=2)
    started = time.monotonic()
    busy: list[Future[None]] = []
    workers: list[multiprocessing.process.BaseProcess] = []

    def interrupted_run() -> None:
        with _executor(settings) as (executor, _name):
            pool = executor.pool  # type: ignore[attr-defined]
            busy.extend(pool.submit(time.sleep, 120) for _ in range(4))
            time.sleep(1.0)  # the workers have started on them
            workers.extend(pool._processes.values())
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        interrupted_run()
    # Waiting for the pool would take the two minutes the chunks sleep.
    assert time.monotonic() - started < 60
    assert len(workers) == 2
    # A worker's pipe closes a moment before the kernel lets it be reaped, and the pool's own
    # thread marks the queued chunks a moment after: allow those moments, not the two minutes.
    for _ in range(200):
        if not any(worker.is_alive() for worker in workers) and all(
                f.cancelled() or f.done() for f in busy):
            break
        time.sleep(0.05)
    assert not any(worker.is_alive() for worker in workers)
    assert all(f.cancelled() or f.done() for f in busy)  # nothing left to run


def test_a_file_name_that_is_not_utf8_reaches_the_output_as_whole_characters(
        tmp_path: Path) -> None:
    """Its bytes that are not UTF-8 become U+FFFD in the output's source, as `mend analyze`
    writes them: a lone surrogate escape is not valid I-JSON, and strict parsers refuse it."""
    import json
    import os

    from mendkit.cli.main import main

    folder = tmp_path / "in"
    folder.mkdir()
    name = os.fsdecode(b"na\xffme.txt")
    (folder / name).write_text("Ana: You never listen.\nBen: I'm sorry.\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["batch", str(folder), "--out", str(out), "--mode", "rules",
                 "--workers", "1", "--no-progress"]) == 0
    raw = out.read_text(encoding="utf-8")
    assert "\\udc" not in raw
    assert json.loads(raw.splitlines()[0])["conversation"]["source"].endswith("na\ufffdme.txt")
