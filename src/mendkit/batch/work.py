"""What a worker does with a chunk: parse its conversations, analyse them, write its part.

``run_chunk`` is plain and module-level so that a process pool or a Dask worker can run it from
its name. It gets the chunk's raw records and the pipeline settings (never live objects), and
sends back a small ``ChunkResult``: counts, the ids it wrote and the errors it met. A Parquet part
is written by the worker itself when it can see the output folder (the same machine, or a shared
filesystem: it looks for the run's marker file there); otherwise, and for JSON Lines and ConvoKit
output, which are single files written in order, the encoded bytes go back to the driver. The
shipped classifier is loaded once per worker process (the pipeline caches it).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mendkit.analysis.pipeline import Mode, analyze_conversation
from mendkit.batch import builds, parts
from mendkit.batch.inputs import Unit, realise
from mendkit.errors import MendError
from mendkit.model import Conversation


@dataclass(frozen=True, slots=True, kw_only=True)
class Task:
    """One chunk of work: the records of some conversations and how to analyse and write them."""

    index: int  # the chunk's place in the run; names its Parquet part
    units: tuple[Unit, ...]
    mode: Mode
    region: str
    out_format: str
    out: str | None = None  # the Parquet output folder
    marker: str | None = None  # this run's marker file in ``out``: seen means writable here


@dataclass(frozen=True, slots=True, kw_only=True)
class ChunkResult:
    """What comes back from a worker: small, whatever the chunk held (but see ``data``)."""

    index: int
    part: str | None  # the Parquet part of this chunk; None when no conversation was analysed
    ids: tuple[str, ...]  # conversations analysed, in input order
    errors: tuple[tuple[str, str], ...]  # (id, message), in input order
    turns: int
    data: bytes = b""  # JSON Lines (or ConvoKit spool lines) for the driver to append
    files: tuple[tuple[str, bytes], ...] = ()  # part files for the driver to write


def run_chunk(task: Task) -> ChunkResult:
    analyses: list[dict[str, Any]] = []
    conversations: list[Conversation] = []
    errors: list[tuple[str, str]] = []
    # Each analysis names the rules and classifier that made it, so that rows moved out of
    # the output, or merged with another's, keep their provenance (the run record is a side file).
    build = builds.provenance(task.mode)
    for unit in task.units:
        item = realise(unit)
        if item.conversation is None:
            errors.append((item.id, item.error or "unreadable"))
            continue
        try:
            # One model thread per worker: the parallelism is the workers themselves.
            analysis = analyze_conversation(item.conversation, mode=task.mode, region=task.region,
                                            workers=1)
        except MendError as exc:
            errors.append((item.id, str(exc)))
            continue
        analyses.append({**analysis.to_dict(), "build": build})
        conversations.append(item.conversation)
    ids = tuple(c.id for c in conversations)
    turns = sum(len(a["turns"]) for a in analyses)
    part: str | None = None
    data = b""
    files: tuple[tuple[str, bytes], ...] = ()
    if analyses and task.out_format == "jsonl":
        data = parts.jsonl_bytes(analyses)
    elif analyses and task.out_format == "convokit":
        data = parts.spool_bytes(analyses, conversations)
    elif analyses:
        part = parts.part_name(task.index)
        if _can_write(task):
            try:
                parts.write_parquet_part(Path(str(task.out)), part, analyses)
            except OSError as exc:  # a full disk, say: the run stops with what to fix
                raise parts.cannot_write(exc, Path(str(task.out))) from None
        else:
            files = parts.parquet_part_bytes(part, analyses)
    return ChunkResult(index=task.index, part=part, ids=ids, errors=tuple(errors), turns=turns,
                       data=data, files=files)


def _can_write(task: Task) -> bool:
    """Whether this worker sees the run's output folder (so it can write its part there)."""
    return (task.out is not None and task.marker is not None
            and (Path(task.out) / task.marker).is_file())
