"""What a worker makes of its analysed chunk: a Parquet part, or JSON Lines for the driver.

A Parquet part is two files named after the chunk's index, ``turns/part-NNNNN.parquet`` (one row
per turn: ids, text, labels, one score field per label, evidence as a nested list) and
``episodes/part-NNNNN.parquet``. The same bytes come out whether the worker writes them into the
output folder itself or hands them to the driver to write (a worker on another machine).
"""

from __future__ import annotations

import errno
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from mendkit.errors import InvalidInputError
from mendkit.labels import LABELS
from mendkit.model import Conversation

TURNS, EPISODES = "turns", "episodes"


def part_name(index: int) -> str:
    return f"part-{index:05d}"


def cannot_write(exc: OSError, out: Path) -> InvalidInputError:
    """What to tell the user when the output ``out`` (or a file of it) cannot be written."""
    if exc.errno in (errno.ENOTDIR, errno.EEXIST):  # a file where a folder of the path should be
        for folder in (out, *out.parents):
            if folder.exists():
                if not folder.is_dir():
                    return InvalidInputError("is a file, not a folder", source=str(folder))
                break
    # The system's own words for the error number: pyarrow, say, wraps them in its own text.
    reason = (os.strerror(exc.errno) if exc.errno else exc.strerror or str(exc)).lower()
    where = str(exc.filename or out)
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):  # the place is right; the room is not there
        return InvalidInputError(reason, source=where)
    return InvalidInputError(f"cannot write here: {reason}", source=where)


def parquet_tables(analyses: Sequence[dict[str, Any]]) -> tuple[Any, Any]:
    """The turns and episodes tables of some analyses (``Analysis.to_dict()``), in order."""
    import pyarrow as pa

    turns: list[dict[str, Any]] = []
    episodes: list[dict[str, Any]] = []
    for analysis in analyses:
        cid = analysis["conversation"]["id"]
        turns.extend(_turn_row(cid, turn) for turn in analysis["turns"])
        episodes.extend({"conversation_id": cid, "episode": n, **episode}
                        for n, episode in enumerate(analysis["episodes"]))
    # Which Mend and which mode made these rows, in each file's own metadata: a part read on
    # its own still tells how it was analysed.
    made: dict[str, str] = {}
    if analyses:
        first = analyses[0]
        made = {"mend_version": str(first["mend_version"]), "mend_mode": str(first["mode"])}
        build = first.get("build") or {}
        made.update({f"mend_{key}": str(value) for key in ("rules", "classifier")
                     if (value := build.get(key)) is not None})
    return (pa.Table.from_pylist(turns, schema=turn_schema().with_metadata(made)),
            pa.Table.from_pylist(episodes, schema=episode_schema().with_metadata(made)))


def write_parquet_part(out: Path, name: str, analyses: Sequence[dict[str, Any]]) -> None:
    import pyarrow.parquet as pq

    turns, episodes = parquet_tables(analyses)
    pq.write_table(turns, out / TURNS / f"{name}.parquet")
    pq.write_table(episodes, out / EPISODES / f"{name}.parquet")


def parquet_part_bytes(name: str, analyses: Sequence[dict[str, Any]]) -> tuple[tuple[str, bytes],
                                                                              ...]:
    """The files of a part as (path inside the output, bytes), for the driver to write."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    files: list[tuple[str, bytes]] = []
    for folder, table in zip((TURNS, EPISODES), parquet_tables(analyses), strict=True):
        buffer = pa.BufferOutputStream()
        pq.write_table(table, buffer)
        files.append((f"{folder}/{name}.parquet", buffer.getvalue().to_pybytes()))
    return tuple(files)


def jsonl_bytes(analyses: Sequence[dict[str, Any]]) -> bytes:
    """One ``mend analyze --json`` object a line."""
    return "".join(json.dumps(analysis, ensure_ascii=False) + "\n"
                   for analysis in analyses).encode("utf-8")


def spool_bytes(analyses: Sequence[dict[str, Any]], conversations: Sequence[Conversation]) -> bytes:
    """Lines of the ConvoKit writer's spool: each conversation with its analysed turns, its
    episodes and its safety summary."""
    return "".join(json.dumps({"conversation": conversation.to_dict(), "turns": analysis["turns"],
                               "episodes": analysis["episodes"], "safety": analysis["safety"],
                               "build": build_meta(analysis)},
                              ensure_ascii=False) + "\n"
                   for analysis, conversation in zip(analyses, conversations, strict=True)
                   ).encode("utf-8")


def build_meta(analysis: dict[str, Any]) -> dict[str, Any]:
    """A ConvoKit conversation's ``mend_build``: Mend's version, the mode, the rules and the
    classifier (None in rules mode) that analysed it."""
    build = analysis.get("build") or {}
    return {"mend_version": analysis["mend_version"], "mode": analysis["mode"],
            "rules": build.get("rules"), "classifier": build.get("classifier")}


def _turn_row(cid: str, turn: dict[str, Any]) -> dict[str, Any]:
    return {"conversation_id": cid, "turn_index": turn["index"], "speaker": turn["speaker"],
            "text": turn["text"], "start": turn.get("start"), "labels": turn["labels"],
            "scores": {label: float(turn["scores"].get(label, 0.0)) for label in LABELS},
            "evidence": turn["evidence"]}


def turn_schema() -> Any:
    import pyarrow as pa

    evidence = pa.struct([("label", pa.string()), ("subtype", pa.string()), ("start", pa.int32()),
                          ("end", pa.int32()), ("text", pa.string()), ("source", pa.string()),
                          ("score", pa.float64())])
    return pa.schema([
        ("conversation_id", pa.string()), ("turn_index", pa.int32()), ("speaker", pa.string()),
        ("text", pa.string()), ("start", pa.float64()), ("labels", pa.list_(pa.string())),
        ("scores", pa.struct([(label, pa.float64()) for label in LABELS])),
        ("evidence", pa.list_(evidence)),
    ])


def episode_schema() -> Any:
    import pyarrow as pa

    ints = pa.list_(pa.int32())
    return pa.schema([
        ("conversation_id", pa.string()), ("episode", pa.int32()), ("start_turn", pa.int32()),
        ("end_turn", pa.int32()), ("labels", pa.list_(pa.string())), ("severity", pa.string()),
        ("status", pa.string()), ("rupture_turns", ints), ("repair_turns", ints),
        ("reconnect_turns", ints), ("initiator", pa.string()), ("taken_up", pa.bool_()),
        ("turns_to_repair", pa.int32()), ("seconds_to_repair", pa.float64()),
        ("between", pa.list_(pa.string())),
        ("left", pa.list_(pa.struct([("speaker", pa.string()), ("after_turn", pa.int32())]))),
    ])
