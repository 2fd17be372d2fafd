"""Where ``mend batch`` reads conversations from: a light pass on the driver, parsing on workers.

The driver only finds where each conversation's records are and hands them on as ``Unit``s; the
worker that analyses a conversation also parses it (``realise``), so JSON decoding, field checks
and building turns run in parallel, not on the driver.

- JSON Lines: one turn a line with a ``conversation_id`` (or a whole ``{"id", "turns"}`` a line).
  A line that begins ``{"conversation_id": "...",`` (the usual shape) is grouped by that id
  without being decoded; any other line is decoded on the driver to find its id. A line that is
  not valid JSON belongs to the conversation its leading id names, else to the one before it.
  The unit is the conversation's raw lines (``Lines``), or, when the workers share this machine's
  files (local processes, a local Dask cluster), only where those lines are (``Span``): the
  worker reads them itself, so the records never travel through the driver and the scheduler.
- Parquet: a file, or a folder of ``*.parquet`` files (sorted by name), with ``conversation_id``,
  ``speaker``, ``text`` and optionally ``start``, ``end`` and ``timestamp`` columns, read in
  record batches; the driver reads
  the id column to find each conversation's rows and hands them on as Arrow tables (``Rows``).
  A conversation that goes on at the top of the next file of a folder is one conversation.
- A ConvoKit corpus folder (``utterances.jsonl``: its lines are grouped by conversation on the
  driver, and a line that cannot be read fails its conversation only), a Slack export or channel
  folder (one conversation a channel, as ``mend analyze`` reads it), and any other folder
  (every transcript in it, any format ``mend analyze`` reads, one conversation a file, VTT and
  SRT cues by one speaker merged into one turn unless ``merge`` is off, its id the
  one ``mend analyze`` gives it, or its path inside the folder where an earlier file has that id;
  files in hidden folders, and the run's own output, are left out): read on the driver into
  conversations (``Item``). A Slack export (or a lone channel folder) inside such a folder is
  read as Slack (``slack.holds_slack``): one conversation a channel, its id the channel's path
  inside the folder (``acme/general``: channel names repeat across workspaces); a channel that
  cannot be read fails alone, an export whose ``users.json`` or ``channels.json`` cannot be
  read fails as one, and none of its files is read as a transcript.

Rows of one conversation must be together (sorted or grouped by id). A conversation whose rows
are not (an id that comes back after other conversations) fails as a whole, once: a first quick
pass over a JSON Lines, Parquet or ConvoKit input (ids only, nothing kept but the ids that come
back) finds them, so that none is analysed and written cut short; a JSON Lines id given to two
whole conversations (or to one and to rows of turns) is told as an id that appears twice. A null
``conversation_id`` in JSON Lines means the file's default id (its name, as ``mend analyze`` reads
it); an empty one is refused, and a line with one among a conversation's rows fails that
conversation, as a line that is not JSON does. A file of a folder that cannot be read fails under
the id it would have had. The ids met so far are the only thing the driver keeps that grows with
the input (about 100 bytes a conversation).

Where no turn of a JSON Lines or Parquet conversation has a ``start``, its turns' timestamps give
one (``mendkit.io._records.timed``), as ``mend analyze`` reads them.

The units are in :mod:`mendkit.batch.units`; each kind of input is read in its own part
(:mod:`~mendkit.batch.jsonl_input`, :mod:`~mendkit.batch.row_input`,
:mod:`~mendkit.batch.folder_input`).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from mendkit.batch.folder_input import _channel_count, _folder, _folder_entries
from mendkit.batch.jsonl_input import _jsonl, _jsonl_returns, _parse_lines, _read_span
from mendkit.batch.row_input import _convokit, _convokit_returns, _parquet, _parse_rows
from mendkit.batch.units import _ID
from mendkit.batch.units import PARQUET_COLUMNS as PARQUET_COLUMNS  # noqa: PLC0414 (re-export)
from mendkit.batch.units import Item as Item  # noqa: PLC0414 (re-export)
from mendkit.batch.units import Lines as Lines  # noqa: PLC0414 (re-export)
from mendkit.batch.units import Rows as Rows  # noqa: PLC0414 (re-export)
from mendkit.batch.units import Span as Span  # noqa: PLC0414 (re-export)
from mendkit.batch.units import Unit as Unit  # noqa: PLC0414 (re-export)
from mendkit.errors import InvalidInputError
from mendkit.io import iter_conversations, slack
from mendkit.io.convokit import UTTERANCES


def read_units(path: Path, *, spans: bool = False, exclude: tuple[Path, ...] = (),
               encoding: str | None = None, merge: bool = True) -> Iterator[Unit]:
    """The conversations of ``path`` in input order, as cheaply as the driver can find them.

    ``spans``: a JSON Lines file's conversations come as ``Span``s (for workers that can read
    ``path`` themselves) rather than as their lines. ``exclude``: files and folders of a folder
    of transcripts that are not transcripts (the run's own output). ``encoding``: the
    transcripts' encoding (as ``mend analyze --encoding``; None: UTF-8 or as marked).
    ``merge``: consecutive VTT or SRT cues by the same speaker are one turn (as ``mend analyze
    --merge``, the default), or one turn each."""
    if not path.exists():
        raise InvalidInputError("no such file or folder", source=str(path))
    if path.is_dir():
        if (path / UTTERANCES).is_file():
            return _convokit(path, _convokit_returns(path))
        parts = sorted(path.glob("*.parquet"))
        if parts:
            return _parquet(parts)
        if slack.is_export(path) or slack.is_channel(path):
            return (Item(c.id, c) for c in iter_conversations(path))
        return _folder(path, exclude, encoding, merge)
    if path.suffix == ".parquet":
        return _parquet([path])
    if path.suffix in (".jsonl", ".ndjson"):
        return _jsonl(path, spans=spans, returning=_jsonl_returns(path))
    raise InvalidInputError("expected a .jsonl or .parquet file, a ConvoKit corpus folder or a "
                            "folder of transcripts", source=str(path))


def reads_transcripts(path: Path) -> bool:
    """Whether ``read_units`` reads ``path`` as a folder of transcripts, the one input whose
    turns depend on ``merge`` (JSON Lines and Parquet rows, ConvoKit utterances and Slack
    messages are turns already)."""
    return (path.is_dir() and not (path / UTTERANCES).is_file()
            and not any(path.glob("*.parquet"))
            and not (slack.is_export(path) or slack.is_channel(path)))


def read_items(path: Path) -> Iterator[Item]:
    """The conversations of ``path`` in input order, parsed here (see the module docstring)."""
    return (realise(unit) for unit in read_units(path))


def unit_size(unit: Unit) -> int:
    """About how many turns ``unit`` holds (for sizing chunks)."""
    if isinstance(unit, Lines):
        return len(unit.lines)
    if isinstance(unit, Span):
        return unit.count
    if isinstance(unit, Rows):
        return sum(int(table.num_rows) for _, _, table in unit.tables)
    return len(unit.conversation.turns) if unit.conversation is not None else 1


def realise(unit: Unit) -> Item:
    """The conversation a unit holds, parsed and checked, or why it could not be read."""
    if isinstance(unit, Lines):
        return _parse_lines(unit)
    if isinstance(unit, Span):
        return _read_span(unit)
    if isinstance(unit, Rows):
        return _parse_rows(unit)
    return unit


def count_conversations(path: Path) -> int | None:
    """How many conversations ``path`` holds (a quick pass for the progress bar), if cheap to tell."""
    if path.is_dir() and not (path / UTTERANCES).is_file():
        parts = sorted(path.glob("*.parquet"))
        if parts:
            return sum(_parquet_ids(p) for p in parts)
        if slack.is_channel(path):
            return 1
        if slack.is_export(path):  # (a channel with no messages is left out of the run)
            return _channel_count(path)
        return sum(_channel_count(p) if p.is_dir() else 1 for p in _folder_entries(path))
    if path.suffix == ".parquet" and path.is_file():
        return _parquet_ids(path)
    if path.suffix in (".jsonl", ".ndjson") and path.is_file():
        count, last = 0, None
        with path.open("rb") as handle:
            for raw in handle:
                key = _ID.search(raw)
                cid = key.group(1) if key else raw  # a whole conversation a line
                if cid != last:
                    count, last = count + 1, cid
        return count
    return None


def _parquet_ids(path: Path) -> int:
    import pyarrow.parquet as pq

    count, last = 0, None
    for batch in pq.ParquetFile(path).iter_batches(batch_size=65536, columns=["conversation_id"]):
        for cid in batch.column(0).to_pylist():
            if cid != last:
                count, last = count + 1, cid
    return count


# -- JSON Lines ---------------------------------------------------------------------------------


# -- Parquet ------------------------------------------------------------------------------------


# -- folders ------------------------------------------------------------------------------------


