"""Running a batch: find the conversations, hand chunks to an executor, register finished parts.

The driver does little: it reads the input far enough to cut it into chunks of whole
conversations (``inputs.read_units``: raw lines or rows, not parsed, or for local workers only
where the lines are), submits each chunk with the
pipeline settings, and registers the small ``ChunkResult``s in chunk order. Parsing, analysis and
encoding happen on the workers, which also write their own Parquet parts (``work.run_chunk``).
At most two chunks per worker are in flight, so memory stays bounded whatever the input's size,
and parts are numbered and registered in input order: the output does not depend on the executor
or on how many workers there are.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import re
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from mendkit.analysis.pipeline import MODES, Mode
from mendkit.analysis.safety import DEFAULT_REGION
from mendkit.batch.inputs import Unit, read_units, reads_transcripts, unit_size
from mendkit.batch.parts import cannot_write
from mendkit.batch.run_record import run_record
from mendkit.batch.sinks import Sink, open_sink, output_files, require_parquet
from mendkit.batch.work import ChunkResult, Task, run_chunk
from mendkit.errors import InvalidInputError
from mendkit.io._source import check_encoding

# Turns per chunk unless ``chunk`` (conversations per chunk) is given: about a second of a
# worker's time in rules mode and two seconds in full mode, so that the workers stay evenly busy
# to the end of a run, tasks are few enough that their overhead does not count (each Dask task
# costs the driver some milliseconds), and Parquet parts are not tiny.
CHUNK_TURNS: dict[Mode, int] = {"rules": 8_000, "full": 250}


@dataclass(frozen=True, slots=True, kw_only=True)
class BatchSettings:
    mode: Mode = "rules"
    region: str = DEFAULT_REGION
    workers: int = 1
    scheduler: str | None = None  # tcp://host:8786, an existing Dask cluster
    dask_local: int | None = None  # start a local Dask cluster with this many workers
    chunk: int | None = None  # conversations per task; None: about CHUNK_TURNS[mode] turns
    out_format: str = "parquet"
    resume: bool = False
    encoding: str | None = None  # of the transcripts of a folder (None: UTF-8, or as marked)
    # In a folder of transcripts, consecutive VTT or SRT cues by one speaker are one turn (as
    # ``mend analyze``); False: one turn per cue.
    merge: bool = True
    # The personal heads file (``mend train``) under MEND_HOME, if there is one. A batch always
    # runs the shipped engine, so that a run is the same for anyone; the run record says that
    # these heads were left out.
    personal_heads: str | None = None

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise InvalidInputError(f"mode must be one of {MODES}, got {self.mode!r}")
        # Named as the options of ``mend batch`` that set them.
        for option, value in (("--workers", self.workers), ("--chunk", self.chunk),
                              ("--dask-local", self.dask_local)):
            if value is not None and value < 1:
                raise InvalidInputError(f"{option} must be at least 1, got {value}")
        if self.scheduler is not None and not _ADDRESS.fullmatch(self.scheduler):
            raise InvalidInputError("--scheduler expects an address such as "
                                    f"tcp://10.0.0.5:8786, got {self.scheduler!r}")
        if not isinstance(self.merge, bool):
            raise InvalidInputError(f"merge must be True or False, got {self.merge!r}")
        check_encoding(self.encoding)  # an unknown name, refused before any file is read
        if self.scheduler and self.dask_local:
            raise InvalidInputError("choose either --scheduler or --dask-local, not both")


# A Dask scheduler's address: an optional protocol, a host name or [IPv6] address, a port.
_ADDRESS = re.compile(r"(?:[a-z][a-z0-9+.-]*://)?(?:\[[0-9a-fA-F:.]+\]|[^\s/:\[\]]+):\d{1,5}/?")


@dataclass(frozen=True, slots=True, kw_only=True)
class BatchReport:
    conversations: int
    turns: int
    errors: int
    skipped: int
    seconds: float
    executor: str
    errors_file: Path  # where the conversations that failed are listed, one JSON object a line
    # What the user should know of the output (one resumed with no record of its rules, say).
    warnings: tuple[str, ...] = ()

    @property
    def turns_per_second(self) -> float:
        return self.turns / self.seconds if self.seconds else 0.0


Progress = Callable[[int, int], None]  # (conversations done, turns done)


class _Executor(Protocol):
    slots: int  # how many chunks run at once

    def submit(self, task: Task) -> Any: ...
    def result(self, handle: Any) -> ChunkResult: ...


def run_batch(source: Path, out: Path, settings: BatchSettings,
              progress: Progress | None = None,
              warn: Callable[[str], None] | None = None) -> BatchReport:
    """Analyse every conversation of ``source`` into ``out`` (see ``mendkit.batch``).

    ``warn`` is told, as soon as the output is open, what the user should know of it (also in
    the report's ``warnings``): a long run's user can stop it then rather than at its end."""
    # Workers on this machine read their conversations' lines from the input themselves, so the
    # driver sends where they are, not the records (no copy through the pipes, or through the
    # Dask scheduler, which for a local cluster lives in this process). A remote cluster's
    # workers may not see the input: they get the records.
    local_workers = not settings.scheduler and (settings.workers > 1 or bool(settings.dask_local))
    if settings.out_format == "parquet":
        require_parquet()
    if out.exists() and source.exists() and os.path.samefile(out, source):
        raise InvalidInputError("the output is the input; choose another path for --out",
                                source=str(out))
    # An output inside a folder of transcripts is not one of them (on --resume, say).
    units = read_units(source, spans=local_workers,
                       exclude=output_files(out, settings.out_format), encoding=settings.encoding,
                       merge=settings.merge)
    # The input's first conversation is found, and the executor started, before the output is
    # made, so that input Mend cannot read at all, or a cluster it cannot reach, leaves no
    # output behind (which would then ask for --resume).
    first = next(units, None)
    if first is None:
        raise InvalidInputError("the input holds no conversations", source=str(source))
    units = itertools.chain([first], units)
    started = time.perf_counter()
    counts = {"conversations": 0, "turns": 0, "errors": 0, "skipped": 0}
    complete = False
    sink: Sink | None = None
    try:
        with _executor(settings) as (executor, name):
            try:
                sink = open_sink(out, settings.out_format, resume=settings.resume,
                                 run=run_record(source, mode=settings.mode,
                                                region=settings.region,
                                                fmt=settings.out_format,
                                                personal_heads=settings.personal_heads,
                                                merge=(settings.merge
                                                       if reads_transcripts(source) else None),
                                                encoding=settings.encoding))
            except OSError as exc:
                raise cannot_write(exc, out) from None
            if warn is not None:
                for warning in sink.warnings:
                    warn(warning)
            window: deque[Any] = deque()
            chunks = _chunks(units, sink.done(), settings.chunk, CHUNK_TURNS[settings.mode],
                             counts)
            for index, chunk in enumerate(chunks, start=sink.next_index):
                window.append(executor.submit(Task(
                    index=index, units=tuple(chunk), mode=settings.mode, region=settings.region,
                    out_format=settings.out_format, out=sink.out, marker=sink.marker)))
                del chunk  # the task holds it until it is sent; nothing here keeps it longer
                if len(window) >= 2 * executor.slots:
                    _finish(executor.result(window.popleft()), sink, out, counts, progress)
            while window:
                _finish(executor.result(window.popleft()), sink, out, counts, progress)
        complete = True
    except _WorkerDied as died:
        kept = ("nothing was written: start again" if settings.out_format == "convokit"
                else "the conversations finished so far are kept: run again with --resume to "
                "continue")
        raise InvalidInputError(f"{died}; {kept}") from None
    except KeyboardInterrupt as stopped:
        # (A Ctrl-C: the CLI says ``mend: interrupted``, and this, as for a worker that died.)
        if sink is None or settings.out_format == "convokit" or stopped.args:
            raise
        raise KeyboardInterrupt(f"the conversations finished so far are kept in {out}: run "
                                "again with --resume to continue") from None
    finally:
        # After the executor has shut down: no worker writes into the output once it is closed.
        if sink is not None:
            try:
                sink.close(complete=complete)
            except OSError as exc:
                raise cannot_write(exc, out) from None
    assert sink is not None
    return BatchReport(conversations=counts["conversations"], turns=counts["turns"],
                       errors=counts["errors"], skipped=counts["skipped"],
                       seconds=time.perf_counter() - started, executor=name,
                       errors_file=sink.errors_file, warnings=tuple(sink.warnings))


def _chunks(units: Iterable[Unit], done: set[str], size: int | None, most_turns: int,
            counts: dict[str, int]) -> Iterator[list[Unit]]:
    """Whole conversations in input order, ``size`` at a time (default: until a chunk holds
    ``most_turns`` turns), without those a resumed run already holds."""
    chunk: list[Unit] = []
    turns = 0
    for unit in units:
        # A conversation the output holds is skipped even if its input fails now (a file
        # damaged since, say): else the errors file would list a conversation the results
        # hold. (One whose rows come back later failed in the first run too: it is not done.)
        if unit.id in done:
            counts["skipped"] += 1
            continue
        chunk.append(unit)
        turns += unit_size(unit)
        if (len(chunk) >= size) if size is not None else (turns >= most_turns):
            yield chunk
            chunk, turns = [], 0
    if chunk:
        yield chunk


def _finish(result: ChunkResult, sink: Sink, out: Path, counts: dict[str, int],
            progress: Progress | None) -> None:
    try:
        sink.register(result)
    except OSError as exc:
        raise cannot_write(exc, out) from None
    counts["conversations"] += len(result.ids)
    counts["errors"] += len(result.errors)
    counts["turns"] += result.turns
    if progress is not None:
        progress(counts["conversations"] + counts["errors"], counts["turns"])


class _InProcess:
    slots = 1

    def submit(self, task: Task) -> ChunkResult:
        return run_chunk(task)

    def result(self, handle: Any) -> ChunkResult:
        assert isinstance(handle, ChunkResult)
        return handle


class _WorkerDied(Exception):
    """A worker process ended without finishing its chunk (killed for memory, say)."""


class _Processes:
    def __init__(self, pool: ProcessPoolExecutor, workers: int) -> None:
        self.pool, self.slots = pool, workers
        self.workers: dict[int, multiprocessing.process.BaseProcess] = {}

    def submit(self, task: Task) -> tuple[Future[ChunkResult], str, str]:
        with deaf_children():
            future = self.pool.submit(run_chunk, task)
        # The pool starts its workers on submit: noted here, so that one that dies can be told.
        self.workers.update(getattr(self.pool, "_processes", None) or {})
        ids = [unit.id for unit in task.units] or [""]
        return future, ids[0], ids[-1]

    def result(self, handle: Any) -> ChunkResult:
        future, first, last = handle
        try:
            result = future.result()
        except BrokenProcessPool:
            raise _WorkerDied(_died(self.workers.values(), first, last)) from None
        assert isinstance(result, ChunkResult)
        return result


@contextmanager
def deaf_children() -> Iterator[None]:
    """While the block runs, SIGINT is blocked in this thread, and so in the worker processes
    the pool starts then (a new process keeps its parent's signal mask): a Ctrl-C in a terminal,
    which goes to every process of the job, stops the driver alone, which says ``mend:
    interrupted`` and ends its workers, instead of each worker printing a traceback from
    wherever it was (loading its modules, say). A Ctrl-C that comes during the block is taken
    by the driver as soon as it ends."""
    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover - Windows
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _exitcode(worker: multiprocessing.process.BaseProcess) -> int | None:
    """The worker's exit code, once it has ended (None if it has not within about two seconds).

    The pool's own thread joins its workers too: when it reaps one a moment before we look, our
    wait finds nothing to reap and the exit code appears only once that thread has stored it.
    """
    worker.join(1.0)
    for _ in range(100):  # the pool ends every worker once one has died: this is not long
        code = worker.exitcode
        if code is not None:
            return code
        time.sleep(0.01)
    return None


def _died(workers: Iterable[multiprocessing.process.BaseProcess], first: str, last: str) -> str:
    """What to say of a worker that ended while it had the chunk of conversations first..last."""
    signals: list[int] = []
    for worker in workers:
        code = _exitcode(worker)
        if code is not None and code < 0:
            signals.append(-code)
    # The pool ends the other workers (SIGTERM) once one has died: the one that died first is
    # the one to tell of.
    killer = next((n for n in signals if n != 15), signals[0] if signals else None)
    how = "ended unexpectedly"
    if killer is not None:
        how = f"was killed (signal {killer}{'; out of memory?' if killer == 9 else ''})"
    which = (f"conversation {first!r}" if first == last
             else f"conversations {first!r} to {last!r}")
    return f"a worker process {how} while analysing {which}"


class _Dask:
    def __init__(self, client: Any) -> None:
        self.client = client
        # One slot per worker thread the cluster has now (a cluster that grows later is
        # still kept busy: two chunks per slot are in flight).
        self.slots = max(1, sum(client.nthreads().values()))

    def submit(self, task: Task) -> Any:
        return self.client.submit(run_chunk, task, pure=False)

    def result(self, handle: Any) -> ChunkResult:
        result = handle.result()  # the future is dropped by the caller: Dask forgets the task
        assert isinstance(result, ChunkResult)
        return result


@contextmanager
def _executor(settings: BatchSettings) -> Iterator[tuple[_Executor, str]]:
    if settings.scheduler or settings.dask_local:
        with _dask_client(settings) as client:
            yield _Dask(client), (f"dask {settings.scheduler}" if settings.scheduler
                                            else f"dask local x{settings.dask_local}")
        return
    if settings.workers == 1:
        yield _InProcess(), "1 process"
        return
    pool = ProcessPoolExecutor(max_workers=settings.workers,
                               mp_context=multiprocessing.get_context("spawn"),
                               initializer=_watch_driver, initargs=(os.getpid(),))
    try:
        yield _Processes(pool, settings.workers), f"{settings.workers} processes"
    except BaseException:
        _stop_now(pool)
        raise
    pool.shutdown(wait=True)


def _stop_now(pool: ProcessPoolExecutor, grace: float = 5.0) -> None:
    """End a pool at once (a Ctrl-C, an error): queued chunks are cancelled and the workers
    ended, not waited for. Waiting for the pool, after a Ctrl-C that reached the driver alone,
    once hung for good (a worker waiting on a queue that would never be fed)."""
    workers = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for worker in workers:
        worker.terminate()
    deadline = time.monotonic() + grace
    for worker in workers:
        worker.join(max(0.0, deadline - time.monotonic()))
        if worker.is_alive():  # SIGTERM ignored (inherited from whoever started Mend): end it
            worker.kill()
            worker.join(grace)


def _watch_driver(driver: int) -> None:
    """In a worker process: exit once the driver is gone (killed, say), so that no worker goes
    on analysing, and writing parts into an output the user may already be resuming into."""
    def watch() -> None:
        while os.getppid() == driver:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="mend-watch-driver", daemon=True).start()


# Dask's comms keep their last ``low-level-log-length`` messages under 1 MB (1,000 by default)
# for debugging. A task carries a chunk's raw records (a few hundred kB), so the client, and a
# local cluster's scheduler, would otherwise hold the last thousand chunks: memory that grows
# with the corpus up to about a thousand chunks, then stays there. And a local cluster's workers
# skip Dask's statistical profiler (it samples every stack 100 times a second, for a dashboard
# nobody looks at here): about 8% of their CPU time in rules mode. Every Dask server (scheduler,
# nanny, worker) also wakes 50 times a second to time its event loop and twice a second to sample
# the process's CPU, memory and I/O; on a machine where the workers use every core, each wake-up
# takes the interpreter lock from a running task. Once a second and once every five seconds are
# plenty for a batch run, and so is a nanny checking its worker's memory once a second (not ten
# times). The active memory manager moves copies of results between workers: ours are small and
# read at once, so a local cluster does without it. On 1M turns in rules mode on 2 cores, these
# took the Dask run's extra CPU over local processes from 16-20 s to under 10 s in most runs.
_DASK_CONFIG = {"distributed.admin.low-level-log-length": 16,
                "distributed.worker.profile.enabled": False,
                "distributed.admin.tick.interval": "1s",
                "distributed.admin.system-monitor.interval": "5s",
                "distributed.worker.memory.monitor-interval": "1s",
                "distributed.scheduler.active-memory-manager.start": False}


@contextmanager
def _dask_client(settings: BatchSettings) -> Iterator[Any]:
    try:
        import dask
        from distributed import Client, LocalCluster
    except ImportError:
        raise InvalidInputError("Dask is not installed: pip install 'mendkit[batch]'") from None
    with dask.config.set(_DASK_CONFIG):
        if settings.scheduler:
            try:
                client = Client(settings.scheduler, timeout="20s")
            except (OSError, ValueError) as exc:  # ValueError: an address Dask cannot parse
                raise InvalidInputError(f"cannot reach the Dask scheduler at "
                                        f"{settings.scheduler}: {exc}") from None
            with client:
                yield client
            return
        # The dashboard on a free loopback port: asked for none, Dask still tries 8787 and warns.
        with LocalCluster(n_workers=settings.dask_local, threads_per_worker=1, processes=True,
                          dashboard_address="127.0.0.1:0", host="127.0.0.1") as cluster, \
                Client(cluster) as client:
            yield client
