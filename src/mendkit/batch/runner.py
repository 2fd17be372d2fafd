"""Running a batch: read, hand chunks to an executor, write the results in input order.

At most ``2 * workers`` chunks are in flight, so memory stays bounded whatever the input's size,
and results are written in the order the conversations came in: the output does not depend on the
executor or on how many workers there are.
"""

from __future__ import annotations

import multiprocessing
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from mendkit.analysis.pipeline import MODES, Mode
from mendkit.analysis.safety import DEFAULT_REGION
from mendkit.batch.inputs import Item, read_items
from mendkit.batch.sinks import Sink, open_sink
from mendkit.batch.work import Outcome, analyse_chunk
from mendkit.errors import InvalidInputError
from mendkit.model import Conversation


@dataclass(frozen=True, slots=True, kw_only=True)
class BatchSettings:
    mode: Mode = "rules"
    region: str = DEFAULT_REGION
    workers: int = 1
    scheduler: str | None = None  # tcp://host:8786, an existing Dask cluster
    dask_local: int = 0  # start a local Dask cluster with this many workers
    chunk: int = 16  # conversations per task
    out_format: str = "parquet"
    resume: bool = False

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise InvalidInputError(f"mode must be one of {MODES}, got {self.mode!r}")
        if self.workers < 1 or self.chunk < 1 or self.dask_local < 0:
            raise InvalidInputError("workers and chunk must be at least 1")
        if self.scheduler and self.dask_local:
            raise InvalidInputError("choose either --scheduler or --dask-local, not both")


@dataclass(frozen=True, slots=True, kw_only=True)
class BatchReport:
    conversations: int
    turns: int
    errors: int
    skipped: int
    seconds: float
    executor: str

    @property
    def turns_per_second(self) -> float:
        return self.turns / self.seconds if self.seconds else 0.0


Progress = Callable[[int, int], None]  # (conversations done, turns done)


class _Executor(Protocol):
    def submit(self, chunk: list[Conversation]) -> Any: ...
    def result(self, handle: Any) -> list[Outcome]: ...


def run_batch(source: Path, out: Path, settings: BatchSettings,
              progress: Progress | None = None) -> BatchReport:
    """Analyse every conversation of ``source`` into ``out`` (see ``mendkit.batch``)."""
    items = read_items(source)
    sink = open_sink(out, settings.out_format, resume=settings.resume)
    started = time.perf_counter()
    counts = {"conversations": 0, "turns": 0, "errors": 0, "skipped": 0}
    try:
        with _executor(settings) as (executor, name):
            window: deque[tuple[list[Conversation], Any]] = deque()
            limit = 2 * max(settings.workers, settings.dask_local, 1)
            for chunk in _chunks(items, sink, settings.chunk, counts):
                window.append((chunk, executor.submit(chunk)))
                if len(window) >= limit:
                    _finish(window.popleft(), executor, sink, counts, progress)
            while window:
                _finish(window.popleft(), executor, sink, counts, progress)
    finally:
        sink.close()
    return BatchReport(conversations=counts["conversations"], turns=counts["turns"],
                       errors=counts["errors"], skipped=counts["skipped"],
                       seconds=time.perf_counter() - started, executor=name)


def _chunks(items: Iterator[Item], sink: Sink, size: int,
            counts: dict[str, int]) -> Iterator[list[Conversation]]:
    done = sink.done()
    chunk: list[Conversation] = []
    for item in items:
        if item.id in done:
            counts["skipped"] += 1
            continue
        if item.conversation is None:
            sink.error(item.id, item.error or "unreadable")
            counts["errors"] += 1
            continue
        chunk.append(item.conversation)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _finish(pending: tuple[list[Conversation], Any], executor: _Executor, sink: Sink,
            counts: dict[str, int], progress: Progress | None) -> None:
    chunk, handle = pending
    for conversation, outcome in zip(chunk, executor.result(handle), strict=True):
        if outcome.analysis is None:
            sink.error(outcome.id, outcome.error or "failed")
            counts["errors"] += 1
            continue
        sink.write(outcome.analysis, conversation)
        counts["conversations"] += 1
        counts["turns"] += len(outcome.analysis["turns"])
    if progress is not None:
        progress(counts["conversations"] + counts["errors"], counts["turns"])


class _InProcess:
    def __init__(self, settings: BatchSettings) -> None:
        self.settings = settings

    def submit(self, chunk: list[Conversation]) -> list[Outcome]:
        return analyse_chunk(chunk, self.settings.mode, self.settings.region)

    def result(self, handle: Any) -> list[Outcome]:
        return list(handle)


class _Processes:
    def __init__(self, pool: ProcessPoolExecutor, settings: BatchSettings) -> None:
        self.pool, self.settings = pool, settings

    def submit(self, chunk: list[Conversation]) -> Future[list[Outcome]]:
        return self.pool.submit(analyse_chunk, chunk, self.settings.mode, self.settings.region)

    def result(self, handle: Any) -> list[Outcome]:
        return list(handle.result())


class _Dask:
    def __init__(self, client: Any, settings: BatchSettings) -> None:
        self.client, self.settings = client, settings

    def submit(self, chunk: list[Conversation]) -> Any:
        return self.client.submit(analyse_chunk, chunk, self.settings.mode, self.settings.region,
                                  pure=False)

    def result(self, handle: Any) -> list[Outcome]:
        return list(handle.result())


@contextmanager
def _executor(settings: BatchSettings) -> Iterator[tuple[_Executor, str]]:
    if settings.scheduler or settings.dask_local:
        with _dask_client(settings) as client:
            yield _Dask(client, settings), (f"dask {settings.scheduler}" if settings.scheduler
                                            else f"dask local x{settings.dask_local}")
        return
    if settings.workers == 1:
        yield _InProcess(settings), "1 process"
        return
    with ProcessPoolExecutor(max_workers=settings.workers,
                             mp_context=multiprocessing.get_context("spawn")) as pool:
        yield _Processes(pool, settings), f"{settings.workers} processes"


@contextmanager
def _dask_client(settings: BatchSettings) -> Iterator[Any]:
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise InvalidInputError("Dask is not installed: pip install 'mendkit[batch]'") from None
    if settings.scheduler:
        try:
            client = Client(settings.scheduler, timeout="20s")
        except OSError as exc:
            raise InvalidInputError(f"cannot reach the Dask scheduler at {settings.scheduler}: "
                                    f"{exc}") from None
        with client:
            yield client
        return
    # The dashboard on a free loopback port: asked for none, Dask still tries 8787 and warns.
    with LocalCluster(n_workers=settings.dask_local, threads_per_worker=1, processes=True,
                      dashboard_address="127.0.0.1:0", host="127.0.0.1") as cluster, \
            Client(cluster) as client:
        yield client
