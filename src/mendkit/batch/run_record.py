"""What an output of ``mend batch`` records of the run that wrote it, and the check that a
``--resume`` goes on with the same settings, rules and model (see ``sinks``' docstring)."""

from __future__ import annotations

import codecs
import json
import os
from pathlib import Path
from typing import Any

from mendkit.batch import builds
from mendkit.errors import InvalidInputError

__all__ = ["check_run", "run_record", "write_run"]


def run_record(source: Path, *, mode: str, region: str, fmt: str,
               personal_heads: str | None = None, merge: bool | None = None,
               encoding: str | None = None) -> dict[str, Any]:
    """What a run into an output records of its settings (see the module docstring). The
    input's size and modification time are kept for the reader; a resumed run may read an
    input edited since (to fix conversations that failed), so only its path must match.
    ``personal_heads``: the person's heads file, which the run left out (a batch runs the
    shipped engine), recorded so that a reader comparing with ``mend analyze`` knows.
    ``merge``: whether consecutive VTT or SRT cues by one speaker were read as one turn
    (``mend batch --merge``), for a folder of transcripts; None for input whose turns it does
    not change (JSON Lines, Parquet, ConvoKit, Slack), which records nothing of it.
    ``encoding``: the ``--encoding`` given for the transcripts of such a folder (recorded, by
    its canonical name, only where ``merge`` is: other input is UTF-8 JSON or Parquet); None
    when none was given, so that they were read as UTF-8 or as a byte-order mark says."""
    from mendkit._version import __version__

    where = source.resolve()
    record: dict[str, Any] = {"mend_version": __version__, "rules": builds.rules_version(),
                              "classifier": builds.classifier_version(), "mode": mode,
                              "region": region, "format": fmt, "input": {"path": str(where)}}
    if where.is_file():
        info = where.stat()
        record["input"].update(size=info.st_size, mtime_ns=info.st_mtime_ns)
    if personal_heads is not None:
        record["personal_heads"] = {"path": personal_heads, "used": False}
    if merge is not None:
        record["merge"] = merge
        record["encoding"] = codecs.lookup(encoding).name if encoding else None
    return record


def check_run(path: Path, run: dict[str, Any], out: Path, *, holding: bool,
               warnings: list[str]) -> dict[str, Any] | None:
    """Refuse to resume ``out``, whose record is ``path``, with settings other than recorded, or
    written with other rules or another model. ``holding``: ``out`` already holds conversations
    (analysed or failed). The record to write, or None to keep the one there.

    An output that holds conversations with no record of their rules (an earlier version of
    Mend wrote it) resumes with a warning in ``warnings``, and its record then says that its
    rules and model are not known, so that every later resume warns as well."""
    if not run:
        return None
    recorded: Any = None
    if path.is_file():
        try:
            recorded = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            recorded = None
        if not isinstance(recorded, dict):
            raise InvalidInputError(f"cannot read the record of this output's settings in "
                                    f"{path}; choose another --out, or delete that file to "
                                    "resume anyway", source=str(out))
        if recorded.get("rules") is not None:
            _check_build(recorded, run, out)
            _check_settings(recorded, run, out)
            # An output read with no --encoding, resumed with one: the record names it now.
            gains = run.get("encoding") is not None and recorded.get("encoding") is None
            return {**recorded, "encoding": run["encoding"]} if gains else None
        _check_settings(recorded, run, out)
    if not holding:
        return run  # nothing in it yet: this run's record is the whole truth
    warnings.append(f"{out}: was written by an earlier version of Mend, which did not record the "
                    "rules and model it analysed with, so the conversations it holds may have "
                    "been analysed differently from those added now; for an output analysed "
                    "one way throughout, start again with another --out")
    return {**run, "rules": None, "classifier": None}


def _check_settings(recorded: dict[str, Any], run: dict[str, Any], out: Path) -> None:
    """Refuse an output written with other settings (mode, region, format, input, version, and
    for a folder of transcripts whether cues were merged)."""
    differ: list[tuple[str, str]] = []  # (how the output was written, what to resume it with)
    old = recorded.get("mend_version")
    if old is not None and old != run["mend_version"]:
        differ.append((f"by Mend {old} (this is {run['mend_version']})", f"Mend {old}"))
    old = recorded.get("mode")
    if old is not None and old != run["mode"]:
        differ.append((f"in {old} mode", f"--mode {old}"))
    old = recorded.get("region")
    if old is not None and old != run["region"]:
        differ.append((f"for region {old}", f"--region {old}"))
    old = recorded.get("format")
    if old is not None and old != run["format"]:
        differ.append((f"as {old}", f"--to {old}"))
    old = (recorded.get("input") or {}).get("path")
    other_input = old is not None and old != run["input"]["path"]
    if other_input:
        differ.append((f"from {old}, not {run['input']['path']}", f"the input {old}"))
    if "merge" in run and not other_input:
        # A batch of an earlier Mend, before ``--merge``, read one turn per cue and recorded
        # nothing of it. (Another input, such as a ConvoKit corpus, records nothing of it
        # either: its turns do not depend on it, and the input is what differs.)
        old = recorded.get("merge", False)
        if old != run["merge"]:
            if "merge" not in recorded:
                differ.append(("before Mend merged VTT or SRT cues, with one turn per cue",
                               "--no-merge"))
            elif old:
                differ.append(("with consecutive VTT or SRT cues by one speaker as one turn",
                               "--merge"))
            else:
                differ.append(("with one turn per VTT or SRT cue", "--no-merge"))
    if "encoding" in run and not other_input:
        # A legacy encoding reads only the lines that are not UTF-8 (nor marked by a
        # byte-order mark), which a run without one could not read: such an output may take
        # one on resume, to read the files that failed; once it has one, it keeps it, so that
        # no output holds files read two ways. (An output of an earlier Mend recorded none.)
        old = recorded.get("encoding")
        if old is not None and old != run["encoding"]:
            now = f"--encoding {run['encoding']}" if run["encoding"] else "no --encoding"
            differ.append((f"with --encoding {old} (not {now})", f"--encoding {old}"))
    if differ:
        raise InvalidInputError(
            f"was written {', '.join(d for d, _ in differ)}; resume it with "
            f"{' and '.join(f for _, f in differ)}, or choose another --out", source=str(out))


def _check_build(recorded: dict[str, Any], run: dict[str, Any], out: Path) -> None:
    """Refuse an output analysed with other rules, or (in full mode) another classifier."""
    other: list[str] = []
    if recorded["rules"] != run["rules"]:
        other.append(f"rules {recorded['rules']} (this Mend has {run['rules']})")
    old = recorded.get("classifier")
    if run["mode"] == "full" and old is not None and old != run["classifier"]:
        other.append(f"the classifier {old} (this Mend has {run['classifier']})")
    if other:
        raise InvalidInputError(
            f"was written with {' and '.join(other)}, so resuming it would mix conversations "
            "analysed two ways; resume it with the version of Mend that wrote it, or choose "
            "another --out to start again", source=str(out))


def write_run(path: Path, run: dict[str, Any]) -> None:
    """Record ``run`` in ``path`` (whole or not at all: a kill leaves the old file or none)."""
    if not run:
        return
    fresh = path.with_name(path.name + ".tmp")
    try:
        fresh.write_text(json.dumps(run, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        os.replace(fresh, path)
    except BaseException:
        fresh.unlink(missing_ok=True)  # a full disk, say: leave no stray file in the output
        raise
