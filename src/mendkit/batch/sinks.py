"""Where ``mend batch``'s results end up: the driver's side of the output, resumable.

Workers make the parts (``parts``, ``work``); a sink registers each finished chunk in input order.
Parquet output is a folder: ``turns/part-NNNNN.parquet`` and ``episodes/part-NNNNN.parquet``, one
pair per chunk, written by the workers (or by the driver, from bytes a worker on another machine
sent back); ``errors.jsonl``; and ``_done.jsonl``, the manifest of finished parts with their
conversation ids. A part counts only once its line is there, so after a kill ``--resume`` deletes
the parts that were written but not registered and redoes them. JSON Lines output is one analysis
object a line (``mend analyze --json`` per conversation) with ``OUTPUT.errors.jsonl`` beside it; the
workers encode the lines and the driver appends them in order. ConvoKit output is a corpus folder
with Mend's results in each utterance's and conversation's meta. Parquet and JSON Lines skip, on
``--resume``, every conversation the output already holds, and try again those recorded as errors
(the input may have been fixed): the errors file then lists each conversation that still fails,
once.

A run holds an exclusive lock on its output (``.mend-lock`` in an output folder, ``.NAME.lock``
beside a JSON Lines file, the real one when the path given is a symlink) from start to end, so a
second run into the same output is refused rather than writing the same parts. A JSON Lines file
is also locked itself, so that a run through a hard link to it (another name for the same file) is
refused too. The locks are the kernel's (``flock``): a killed run leaves none behind.
``--resume`` continues only a JSON Lines file Mend wrote; it never shortens another.

Every output records the settings its run started with (``RUN_FILE`` in a folder,
``OUTPUT.run.json`` beside a JSON Lines file): Mend's version, the build of its rules and of its
classifier (``builds``: Mend's version does not change with them), the mode, the region, the
output format and the input. ``--resume`` with any of them different is refused, so that no
output holds conversations analysed two ways (the classifier counts in full mode only: rules mode
does not use it). An output that holds conversations but no record of the rules they were
analysed with (one an earlier version of Mend wrote, or reached through another name) resumes
with a warning (the sink's ``warnings``, which ``BatchReport`` passes on): nothing tells whether
they match, and refusing would leave a long run's work unusable. Its record then says that the
rules are not known, so each later resume warns again. An empty one is simply taken.
``--resume`` into a folder continues only a Parquet output of mend batch: a ConvoKit corpus, or a
folder with neither ``_done.jsonl`` nor ``RUN_FILE``, is refused and left as it is.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import secrets
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO, Protocol

from mendkit._files import lock_now
from mendkit.batch.parts import EPISODES, TURNS
from mendkit.batch.run_record import check_run, write_run
from mendkit.batch.work import ChunkResult
from mendkit.errors import InvalidInputError
from mendkit.model import Conversation, Turn

MARKER_PREFIX = ".mend-run-"
RUN_FILE = "_run.json"  # in a Parquet folder; ``CONVOKIT_RUN_FILE`` in a ConvoKit corpus
CONVOKIT_RUN_FILE = "mend-run.json"
LOCK_NAME = ".mend-lock"
MANIFEST = "_done.jsonl"
NO_CONVOKIT_RESUME = ("--resume is not available for ConvoKit output; write Parquet or JSON Lines "
                      "to resume, or start again")
# How every line of Mend's JSON Lines output begins (``Analysis.to_dict()``, dumped).
_ANALYSIS_START = b'{"mend_version": '


class Sink(Protocol):
    next_index: int  # the index of the first chunk this run submits
    out: str | None  # where workers write their parts (Parquet only)
    marker: str | None  # this run's marker file in ``out``
    errors_file: Path  # where the conversations that failed are listed
    warnings: list[str]  # what the user should know of the output before the run (in words)

    def done(self) -> set[str]: ...
    def register(self, result: ChunkResult) -> None: ...
    def close(self, *, complete: bool) -> None: ...  # complete: every chunk was registered


def require_parquet() -> None:
    """Fail with what to install when pyarrow is missing, before any output is made (a folder
    left half made would ask for --resume on the next run)."""
    try:
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        raise InvalidInputError("Parquet needs Mend's batch extra, which is not installed: pip "
                                "install 'mendkit[batch]' (or write JSON Lines: --out FILE.jsonl)"
                                ) from None


def open_sink(out: Path, fmt: str, *, resume: bool, run: dict[str, Any] | None = None) -> Sink:
    """The sink of output ``out``. ``run``: the settings of this run (``run_record``), recorded
    in the output; ``--resume`` with settings other than those recorded is refused."""
    run = run if run is not None else {}
    if fmt == "jsonl":
        return JsonlSink(out, resume=resume, run=run)
    if fmt == "parquet":
        return ParquetSink(out, resume=resume, run=run)
    if fmt == "convokit":
        return ConvoKitSink(out, resume=resume, run=run)
    raise InvalidInputError(f"unknown output format {fmt!r}: expected parquet, jsonl or convokit")


def output_files(out: Path, fmt: str) -> tuple[Path, ...]:
    """The files and folders a run into ``out`` writes (not to be read as its input)."""
    if fmt != "jsonl":
        return (out,)
    return (out, _jsonl_errors(_real_file(out)), _jsonl_run(_real_file(out)))


def _real_file(out: Path) -> Path:
    """The file a symlink ``out`` leads to (``out`` itself when it is no symlink): the lock and the
    errors file are named after it, so that every path to one output shares them."""
    return out.resolve() if out.is_symlink() else out


def _jsonl_errors(out: Path) -> Path:
    return (out.with_suffix(".errors.jsonl") if out.suffix == ".jsonl"
            else out.with_name(out.name + ".errors.jsonl"))


def _jsonl_run(out: Path) -> Path:
    """Where a JSON Lines output's run record is: ``results.run.json`` for ``results.jsonl``."""
    return (out.with_suffix(".run.json") if out.suffix == ".jsonl"
            else out.with_name(out.name + ".run.json"))


class _Lock:
    """An exclusive lock on the output ``out``, held in the file ``path`` (which names the
    holder's pid) until ``release``; refused at once while another process holds it."""

    def __init__(self, path: Path, out: Path) -> None:
        self.path = path
        while True:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                lock_now(fd)
            except OSError:
                holder = os.read(fd, 32).decode("ascii", "replace").strip()
                os.close(fd)
                pid = f" (pid {holder})" if holder.isdigit() else ""
                raise InvalidInputError(f"is being written by another mend batch{pid}; wait for "
                                        "it to finish or choose another output",
                                        source=str(out)) from None
            # A run that just finished removes its lock file: lock the file now in place.
            try:
                current = os.path.samestat(os.fstat(fd), os.stat(path))
            except FileNotFoundError:
                current = False
            if current:
                break
            os.close(fd)
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode("ascii"))
        self.fd = fd

    def release(self) -> None:
        self.path.unlink(missing_ok=True)
        os.close(self.fd)


class _Errors:
    """The errors file: one ``{"id", "message"}`` a line, appended as chunks are registered.

    A resumed run tries every failed conversation again, so once it has run to the end, the
    file holds its failures only. Until then it appends them to the earlier ones (after cutting
    off a line a kill left unfinished): a run stopped part-way loses no failure known so far."""

    def __init__(self, path: Path, *, resume: bool) -> None:
        self.path = path
        self.earlier = 0  # bytes of the file from earlier runs
        if resume and path.is_file():
            self.earlier = _cut_unfinished_line(path)
        self.handle = path.open("a" if resume else "w", encoding="utf-8")

    def add(self, cid: str, message: str) -> None:
        self.handle.write(json.dumps({"id": cid, "message": message}, ensure_ascii=False) + "\n")
        self.handle.flush()

    def register(self, result: ChunkResult) -> None:
        for cid, message in result.errors:
            self.add(cid, message)

    def close(self, *, complete: bool) -> None:
        self.handle.close()
        if complete and self.earlier:
            with self.path.open("rb") as handle:
                handle.seek(self.earlier)
                this_run = handle.read()
            fresh = self.path.with_name(self.path.name + ".tmp")
            fresh.write_bytes(this_run)
            os.replace(fresh, self.path)


def _cut_unfinished_line(path: Path) -> int:
    """Cut ``path`` after its last newline (a kill may have left a line half-written); its size."""
    data = path.read_bytes()
    keep = data.rfind(b"\n") + 1
    if keep < len(data):
        with path.open("r+b") as handle:
            handle.truncate(keep)
    return keep


class JsonlSink:
    out: str | None = None
    marker: str | None = None
    next_index = 0

    def __init__(self, out: Path, *, resume: bool, run: dict[str, Any]) -> None:
        self.path = out
        if out.is_dir():
            raise _folder_for_jsonl(out, resume=resume)
        out.parent.mkdir(parents=True, exist_ok=True)
        real = _real_file(out)
        self.lock = _Lock(real.with_name(f".{real.name}.lock"), out)
        handle: BinaryIO | None = None
        created = not out.exists()
        try:
            if not created and not resume:
                raise _occupied_file(out, real)
            record = _jsonl_run(real)
            handle = out.open("ab")
            _lock_file_itself(handle.fileno(), out)
            holding = not created and out.is_file() and out.stat().st_size > 0
            if holding and not record.is_file():
                _first_line_of_mend(out)  # a file Mend did not write is told as such
            self.warnings: list[str] = []
            # A record beside an output that is gone (deleted by hand) is left from that run:
            # this run starts afresh, and its record replaces that one.
            recording = ((run or None) if created else
                         check_run(record, run, out, holding=holding, warnings=self.warnings))
            written: set[str] = set()
            if resume and out.is_file():
                written = _trim_jsonl(out)
            if recording is not None:
                write_run(record, recording)
            self.errors = _Errors(_jsonl_errors(real), resume=resume)
            self.errors_file = self.errors.path
            self._done = written
        except BaseException:
            if handle is not None:
                handle.close()
                if created:
                    out.unlink(missing_ok=True)  # made just now: leave nothing to --resume
            self.lock.release()
            raise
        self.handle = handle

    def done(self) -> set[str]:
        return self._done

    def register(self, result: ChunkResult) -> None:
        self.errors.register(result)
        self.handle.write(result.data)

    def close(self, *, complete: bool) -> None:
        try:
            with self.handle:  # closed even when its last lines cannot be written (a full disk)
                self.handle.flush()
                os.fsync(self.handle.fileno())
        except BaseException:
            self.errors.close(complete=False)  # the run did not end: keep the earlier failures
            raise
        else:
            self.errors.close(complete=complete)
        finally:
            self.lock.release()


def _folder_for_jsonl(out: Path, *, resume: bool) -> InvalidInputError:
    """The error for JSON Lines output into a folder: what the folder is, when Mend wrote it."""
    if (out / MANIFEST).is_file() or (out / RUN_FILE).is_file():
        if resume:
            return InvalidInputError("was written as Parquet (a folder), not as JSON Lines; "
                                     "resume it with --to parquet, or choose another --out",
                                     source=str(out))
        return InvalidInputError("is a Parquet output of mend batch (a folder); for JSON Lines "
                                 "choose another --out, such as a .jsonl file", source=str(out))
    if (out / CONVOKIT_RUN_FILE).is_file():
        return InvalidInputError("is a ConvoKit corpus (a folder), which cannot be continued; "
                                 "choose another --out", source=str(out))
    return InvalidInputError("expected a file for JSON Lines output, found a folder; choose "
                             "another --out", source=str(out))


def _lock_file_itself(fd: int, out: Path) -> None:
    """Lock the output file open as ``fd`` itself, so that a run through a hard link to it (another
    name, another lock file beside that name) is refused too. Not for a pipe or a device
    (``/dev/null``, say), which is no file that two runs could both add lines to."""
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        return
    try:
        lock_now(fd)
    except OSError:
        raise InvalidInputError("is being written by another mend batch (through another name "
                                "for the same file); wait for it to finish or choose another "
                                "output", source=str(out)) from None


def _trim_jsonl(path: Path) -> set[str]:
    """The ids of the lines of ``path``, an output of ``mend batch``, cutting off a last line a
    kill left unfinished. A file with any other line is refused, untouched."""
    ids: set[str] = set()
    good = 0
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.endswith(b"\n") and (raw.startswith(_ANALYSIS_START)
                                            or _ANALYSIS_START.startswith(raw)):
                break  # the line a kill left unfinished: redone
            cid = _analysis_id(raw)
            if cid is None:
                raise _not_mend_jsonl(path, number)
            ids.add(cid)
            good += len(raw)
    if good < path.stat().st_size:
        with path.open("r+b") as handle:
            handle.truncate(good)
    return ids


def _not_mend_jsonl(path: Path, line: int) -> InvalidInputError:
    return InvalidInputError(
        "expected one analysis of mend batch a line; this file is not the output of mend batch, "
        "so --resume leaves it as it is: choose another --out", source=str(path), line=line)


def _occupied_file(out: Path, real: Path) -> InvalidInputError:
    """The error for an output file that is there already: --resume is offered only where it
    would be taken (a JSON Lines output of mend batch)."""
    if out.is_file():
        try:
            if not _jsonl_run(real).is_file():
                _first_line_of_mend(out)
        except InvalidInputError:
            return InvalidInputError("the output exists and is not an output of mend batch; "
                                     "choose another path", source=str(out))
    return InvalidInputError("the output exists; pass --resume to continue it or choose another "
                             "path", source=str(out))


def _occupied_folder(out: Path) -> InvalidInputError:
    """The error for an output folder that is not empty: --resume is offered only where it
    would be taken (a Parquet output of mend batch)."""
    try:
        _parquet_output(out)
    except InvalidInputError as refused:
        if (out / CONVOKIT_RUN_FILE).is_file() or (out / "corpus.json").is_file():
            return InvalidInputError("is a ConvoKit corpus, which cannot be continued; choose "
                                     "another folder", source=str(out))
        return InvalidInputError("the output folder is not empty and is not an output of mend "
                                 "batch; choose another folder", source=refused.source)
    return InvalidInputError("the output folder is not empty; pass --resume to continue it or "
                             "choose another folder", source=str(out))


def _first_line_of_mend(path: Path) -> None:
    """Refuse ``path`` unless its first line is (or begins, cut off by a kill) an analysis."""
    with path.open("rb") as handle:
        first = handle.readline()
    torn = not first.endswith(b"\n") and (first.startswith(_ANALYSIS_START)
                                          or _ANALYSIS_START.startswith(first))
    if not torn and _analysis_id(first) is None:
        raise _not_mend_jsonl(path, 1)


def _analysis_id(raw: bytes) -> str | None:
    """The conversation id of a line of Mend's JSON Lines output; None for any other line."""
    if not raw.startswith(_ANALYSIS_START):
        return None
    try:
        data = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError):
        return None
    conversation = data.get("conversation") if isinstance(data, dict) else None
    if not isinstance(conversation, dict) or "id" not in conversation:
        return None
    return str(conversation["id"])


class ParquetSink:
    def __init__(self, out: Path, *, resume: bool, run: dict[str, Any]) -> None:
        if out.exists() and not out.is_dir():
            raise InvalidInputError("expected a folder for Parquet output, found a file",
                                    source=str(out))
        occupied = out.is_dir() and any(out.iterdir())
        out.mkdir(parents=True, exist_ok=True)
        self.lock = _Lock(out / LOCK_NAME, out)
        try:
            if occupied and not resume:
                raise _occupied_folder(out)
            if occupied:
                _parquet_output(out)
            self.warnings: list[str] = []
            recording = check_run(out / RUN_FILE, run, out, holding=_holds_conversations(out),
                                   warnings=self.warnings)
            if recording is not None:
                write_run(out / RUN_FILE, recording)
            self._open(out, resume=resume)
        except BaseException:
            self.lock.release()
            raise

    def _open(self, out: Path, *, resume: bool) -> None:
        self.root = out
        (out / TURNS).mkdir(parents=True, exist_ok=True)
        (out / EPISODES).mkdir(parents=True, exist_ok=True)
        self.manifest = out / MANIFEST
        finished: list[dict[str, Any]] = []
        if self.manifest.is_file():
            _cut_unfinished_line(self.manifest)  # appended to below: no line glued to a torn one
            for line in self.manifest.read_text(encoding="utf-8").splitlines():
                try:
                    finished.append(json.loads(line))
                except json.JSONDecodeError:
                    break
        keep = {entry["part"] for entry in finished}
        for folder in (TURNS, EPISODES):
            for part in (out / folder).glob("part-*.parquet"):
                if part.stem not in keep:
                    part.unlink()  # left by a run killed before the part was registered
        for stale in out.glob(MARKER_PREFIX + "*"):
            stale.unlink()
        self.errors = _Errors(out / "errors.jsonl", resume=resume)
        self.errors_file = self.errors.path
        self._done = {cid for entry in finished for cid in entry["ids"]}
        self.next_index = 1 + max((int(str(name).removeprefix("part-")) for name in keep),
                                  default=-1)
        # Workers that find this file write their parts here themselves; the token keeps a
        # worker on another machine from mistaking a folder of the same name for this one.
        self.marker: str | None = MARKER_PREFIX + secrets.token_hex(8)
        (out / self.marker).touch()
        self.out: str | None = str(out)
        self.handle = self.manifest.open("a", encoding="utf-8")

    def done(self) -> set[str]:
        return self._done

    def register(self, result: ChunkResult) -> None:
        self.errors.register(result)
        if result.part is None:
            return
        for name, data in result.files:  # from a worker that could not see this folder
            (self.root / name).write_bytes(data)
        self.handle.write(json.dumps({"part": result.part, "ids": list(result.ids)}) + "\n")
        self.handle.flush()
        os.fsync(self.handle.fileno())

    def close(self, *, complete: bool) -> None:
        try:
            self.handle.close()
            self.errors.close(complete=complete)
            if self.marker is not None:
                (self.root / self.marker).unlink(missing_ok=True)
        finally:
            self.lock.release()


def _parquet_output(out: Path) -> None:
    """Refuse the folder ``out`` unless it is a Parquet output of mend batch (its manifest or its
    record is there), or holds nothing but a lock a run left (one stopped as it started)."""
    if (out / CONVOKIT_RUN_FILE).is_file() or ((out / "corpus.json").is_file()
                                               and (out / "utterances.jsonl").is_file()):
        raise InvalidInputError(f"is a ConvoKit corpus, and {NO_CONVOKIT_RESUME}",
                                source=str(out))
    if (out / MANIFEST).is_file() or (out / RUN_FILE).is_file():
        return
    if any(entry.name != LOCK_NAME for entry in out.iterdir()):
        raise InvalidInputError(
            f"is not a Parquet output of mend batch (it has neither {MANIFEST} nor {RUN_FILE}), "
            "so --resume leaves it as it is: choose another --out", source=str(out))


def _holds_conversations(out: Path) -> bool:
    """Whether the Parquet output ``out`` lists a conversation as done or as failed."""
    return any((out / name).is_file() and (out / name).stat().st_size > 0
               for name in (MANIFEST, "errors.jsonl"))


class ConvoKitSink:
    """A ConvoKit corpus folder with Mend's labels, scores and evidence in each utterance's meta
    (``mend_labels``, ``mend_scores``, ``mend_evidence``) and its episodes and safety summary in
    each conversation's (``mend_episodes``, ``mend_safety``, ``mend_build``), as
    ``MendTransformer`` writes them.
    Streams through a spool file; not resumable (the corpus's index files are written at the
    end)."""

    out: str | None = None
    marker: str | None = None
    next_index = 0

    def __init__(self, out: Path, *, resume: bool, run: dict[str, Any]) -> None:
        if resume:
            raise InvalidInputError(NO_CONVOKIT_RESUME)
        if out.exists() and (not out.is_dir() or any(out.iterdir())):
            raise InvalidInputError("expected a new or empty folder for the ConvoKit corpus",
                                    source=str(out))
        out.mkdir(parents=True, exist_ok=True)
        self.lock = _Lock(out / LOCK_NAME, out)
        self.root = out
        self.warnings: list[str] = []
        self.spool_path = out / ".mend-spool.jsonl"
        # Unbuffered: a write the disk has no room for fails in ``register``, where it happens,
        # and ``spooled`` counts the bytes of whole lines, the only ones read back.
        self.spooled = 0
        try:
            self.spool = self.spool_path.open("wb", buffering=0)
            self.errors = _Errors(out / "errors.jsonl", resume=False)
            write_run(out / CONVOKIT_RUN_FILE, run)
        except BaseException:
            self.lock.release()
            raise
        self.errors_file = self.errors.path

    def done(self) -> set[str]:
        return set()

    def register(self, result: ChunkResult) -> None:
        self.errors.register(result)
        try:
            _write_all(self.spool, result.data)
        except OSError:
            with contextlib.suppress(OSError):  # give back the room the cut-off lines took:
                os.ftruncate(self.spool.fileno(), self.spooled)  # the corpus is written next
            raise
        self.spooled += len(result.data)

    def close(self, *, complete: bool) -> None:
        from mendkit.io.convokit import write_convokit

        current: dict[str, Any] = {}  # the spool's record of the conversation being written

        def conversations() -> Iterator[Conversation]:
            left = self.spooled  # never past the whole lines: the rest was cut off by an error
            with self.spool_path.open("rb") as spool:
                for line in spool:
                    left -= len(line)
                    if left < 0:
                        return
                    current.clear()
                    current.update(json.loads(line.decode("utf-8")))
                    yield Conversation.from_dict(current["conversation"])

        def meta(_: Conversation, turn: Turn) -> dict[str, Any]:
            found = current["turns"][turn.index]
            return {"mend_labels": found["labels"], "mend_scores": found["scores"],
                    "mend_evidence": found["evidence"]}

        def conversation_meta(_: Conversation) -> dict[str, Any]:  # as MendTransformer's
            return {"mend_episodes": current["episodes"], "mend_safety": current["safety"],
                    "mend_build": current["build"]}

        try:
            write_convokit(conversations(), self.root, turn_meta=meta,
                           conversation_meta=conversation_meta)
        finally:
            try:  # the spool goes whether or not the corpus could be written: it is no output
                self.spool.close()
                self.spool_path.unlink(missing_ok=True)
                self.errors.close(complete=complete)
            finally:
                self.lock.release()


def _write_all(handle: BinaryIO, data: bytes) -> None:
    """Write all of ``data`` to the unbuffered ``handle``, which may take it a part at a time."""
    view = memoryview(data)
    while view:
        written = handle.write(view)
        if not written:  # a regular file takes no byte only when the disk has no room
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        view = view[written:]
