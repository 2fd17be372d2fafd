"""An interrupt (Ctrl-C, or any error) in the driver ends the worker processes at once: it does
not wait for the chunks they are analysing, and no worker is left behind."""

from __future__ import annotations

import multiprocessing
import time
from concurrent.futures import Future
from pathlib import Path

import pytest

from mendkit.batch import BatchSettings
from mendkit.batch.runner import _executor


def test_an_interrupt_does_not_wait_for_running_chunks(tmp_path: Path) -> None:
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
    assert all(f.cancelled() or f.done() for f in busy[2:])
    assert len(workers) == 2
    # A worker's pipe closes a moment before the kernel lets it be reaped: allow that moment.
    for _ in range(100):
        if not any(worker.is_alive() for worker in workers):
            break
        time.sleep(0.05)
    assert not any(worker.is_alive() for worker in workers)
