"""Where ``mend batch`` writes: Parquet (turns and episodes tables) or JSON Lines, resumable.

Parquet output is a folder: ``turns/part-NNNNN.parquet`` (one row per turn: ids, text, labels,
one score column per label, evidence as a nested list), ``episodes/part-NNNNN.parquet``,
``errors.jsonl`` and ``_done.jsonl``, the manifest of finished parts (a part counts only once its
line is there, so a killed run leaves no half part behind after ``--resume``). JSON Lines output is
one analysis object a line (``mend analyze --json`` per conversation) with ``OUTPUT.errors.jsonl``
beside it. ConvoKit output is a corpus folder with Mend's results in each utterance's meta. Parquet
and JSON Lines skip, on ``--resume``, every conversation already written or recorded as an error.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol

from mendkit.errors import InvalidInputError
from mendkit.labels import LABELS
from mendkit.model import Conversation, Turn

ROWS_PER_PART = 50_000


class Sink(Protocol):
    def done(self) -> set[str]: ...
    def write(self, analysis: dict[str, Any], conversation: Conversation) -> None: ...
    def error(self, cid: str, message: str) -> None: ...
    def close(self) -> None: ...


def open_sink(out: Path, fmt: str, *, resume: bool) -> Sink:
    if fmt == "jsonl":
        return JsonlSink(out, resume=resume)
    if fmt == "parquet":
        return ParquetSink(out, resume=resume)
    if fmt == "convokit":
        return ConvoKitSink(out, resume=resume)
    raise InvalidInputError(f"unknown output format {fmt!r}: expected parquet, jsonl or convokit")


class _Errors:
    def __init__(self, path: Path, *, resume: bool) -> None:
        self.path = path
        self.ids: set[str] = set()
        if resume and path.is_file():
            for line in path.read_text(encoding="utf-8").splitlines():
                try:
                    self.ids.add(str(json.loads(line)["id"]))
                except (json.JSONDecodeError, KeyError, TypeError):
                    continue  # a line cut short by a kill: that conversation is tried again
        self.handle = path.open("a" if resume else "w", encoding="utf-8")

    def add(self, cid: str, message: str) -> None:
        self.handle.write(json.dumps({"id": cid, "message": message}, ensure_ascii=False) + "\n")
        self.handle.flush()

    def close(self) -> None:
        self.handle.close()


class JsonlSink:
    def __init__(self, out: Path, *, resume: bool) -> None:
        self.path = out
        written: set[str] = set()
        if resume and out.is_file():
            written = _trim_jsonl(out)
        elif out.exists() and not resume:
            raise InvalidInputError("the output exists; pass --resume to continue it or choose "
                                    "another path", source=str(out))
        out.parent.mkdir(parents=True, exist_ok=True)
        self.errors = _Errors(out.with_name(out.name + ".errors.jsonl") if out.suffix != ".jsonl"
                              else out.with_suffix(".errors.jsonl"), resume=resume)
        self._done = written | self.errors.ids
        self.handle = out.open("a", encoding="utf-8")

    def done(self) -> set[str]:
        return self._done

    def write(self, analysis: dict[str, Any], conversation: Conversation) -> None:
        self.handle.write(json.dumps(analysis, ensure_ascii=False, sort_keys=False) + "\n")

    def error(self, cid: str, message: str) -> None:
        self.errors.add(cid, message)

    def close(self) -> None:
        self.handle.flush()
        os.fsync(self.handle.fileno())
        self.handle.close()
        self.errors.close()


def _trim_jsonl(path: Path) -> set[str]:
    """The ids of the complete lines of ``path``, cutting off a last line a kill left unfinished."""
    ids: set[str] = set()
    good = 0
    with path.open("rb") as handle:
        for raw in handle:
            if not raw.endswith(b"\n"):
                break
            try:
                ids.add(str(json.loads(raw)["conversation"]["id"]))
            except (json.JSONDecodeError, KeyError, TypeError):
                break
            good += len(raw)
    with path.open("r+b") as handle:
        handle.truncate(good)
    return ids


class ParquetSink:
    def __init__(self, out: Path, *, resume: bool) -> None:
        if out.exists() and not out.is_dir():
            raise InvalidInputError("expected a folder for Parquet output, found a file",
                                    source=str(out))
        if out.is_dir() and any(out.iterdir()) and not resume:
            raise InvalidInputError("the output folder is not empty; pass --resume to continue "
                                    "it or choose another folder", source=str(out))
        self.out = out
        (out / "turns").mkdir(parents=True, exist_ok=True)
        (out / "episodes").mkdir(parents=True, exist_ok=True)
        self.manifest = out / "_done.jsonl"
        finished: list[dict[str, Any]] = []
        if self.manifest.is_file():
            for line in self.manifest.read_text(encoding="utf-8").splitlines():
                try:
                    finished.append(json.loads(line))
                except json.JSONDecodeError:
                    break
        keep = {entry["part"] for entry in finished}
        for folder in ("turns", "episodes"):
            for part in (out / folder).glob("part-*.parquet"):
                if part.stem not in keep:
                    part.unlink()  # left by a run killed before it finished the part
        self.errors = _Errors(out / "errors.jsonl", resume=resume)
        self._done = {cid for entry in finished for cid in entry["ids"]} | self.errors.ids
        self.part = len(finished)
        self.turns: list[dict[str, Any]] = []
        self.episodes: list[dict[str, Any]] = []
        self.ids: list[str] = []

    def done(self) -> set[str]:
        return self._done

    def write(self, analysis: dict[str, Any], conversation: Conversation) -> None:
        cid = analysis["conversation"]["id"]
        self.ids.append(cid)
        for turn in analysis["turns"]:
            self.turns.append(_turn_row(cid, turn))
        for n, episode in enumerate(analysis["episodes"]):
            self.episodes.append({"conversation_id": cid, "episode": n, **episode})
        if len(self.turns) >= ROWS_PER_PART:
            self._flush()

    def error(self, cid: str, message: str) -> None:
        self.errors.add(cid, message)

    def close(self) -> None:
        self._flush()
        self.errors.close()

    def _flush(self) -> None:
        if not self.ids:
            return
        import pyarrow as pa
        import pyarrow.parquet as pq

        name = f"part-{self.part:05d}"
        pq.write_table(pa.Table.from_pylist(self.turns, schema=turn_schema()),
                       self.out / "turns" / f"{name}.parquet")
        pq.write_table(pa.Table.from_pylist(self.episodes, schema=episode_schema()),
                       self.out / "episodes" / f"{name}.parquet")
        with self.manifest.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps({"part": name, "ids": self.ids}) + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        self.part += 1
        self.turns, self.episodes, self.ids = [], [], []


class ConvoKitSink:
    """A ConvoKit corpus folder with Mend's labels, scores and evidence in each utterance's meta
    (``mend_labels``, ``mend_scores``, ``mend_evidence``). Streams through a spool file; not
    resumable (the corpus's index files are written at the end)."""

    def __init__(self, out: Path, *, resume: bool) -> None:
        if resume:
            raise InvalidInputError("--resume is not available for ConvoKit output; write "
                                    "Parquet or JSON Lines to resume, or start again")
        if out.exists() and (not out.is_dir() or any(out.iterdir())):
            raise InvalidInputError("expected a new or empty folder for the ConvoKit corpus",
                                    source=str(out))
        out.mkdir(parents=True, exist_ok=True)
        self.out = out
        self.spool_path = out / ".mend-spool.jsonl"
        self.spool = self.spool_path.open("w+", encoding="utf-8")
        self.errors = _Errors(out / "errors.jsonl", resume=False)

    def done(self) -> set[str]:
        return set()

    def write(self, analysis: dict[str, Any], conversation: Conversation) -> None:
        self.spool.write(json.dumps({"conversation": conversation.to_dict(),
                                     "turns": analysis["turns"]}, ensure_ascii=False) + "\n")

    def error(self, cid: str, message: str) -> None:
        self.errors.add(cid, message)

    def close(self) -> None:
        from mendkit.io.convokit import write_convokit

        self.spool.seek(0)
        current: list[dict[str, Any]] = []

        def conversations() -> Iterator[Conversation]:
            for line in self.spool:
                record = json.loads(line)
                current[:] = record["turns"]
                yield Conversation.from_dict(record["conversation"])

        def meta(_: Conversation, turn: Turn) -> dict[str, Any]:
            found = current[turn.index]
            return {"mend_labels": found["labels"], "mend_scores": found["scores"],
                    "mend_evidence": found["evidence"]}

        write_convokit(conversations(), self.out, turn_meta=meta)
        self.spool.close()
        self.spool_path.unlink()
        self.errors.close()


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
    ])
