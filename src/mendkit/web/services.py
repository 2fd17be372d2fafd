"""What the pages and the API share: reading an upload, analysing it, exporting the result.

The analysis itself is ``mendkit.analyze``; this module only adapts web input to it.
"""

from __future__ import annotations

import csv
import io
import json
import re
import secrets
import tempfile
from collections import OrderedDict
from dataclasses import replace
from pathlib import Path
from threading import Lock

from mendkit.api import analyze, load_conversation
from mendkit.errors import InvalidInputError
from mendkit.io import slack
from mendkit.io.detect import sniff
from mendkit.journal.export import spreadsheet_cell
from mendkit.model import Analysis
from mendkit.models.personal import PersonalHeads, older_heads
from mendkit.web.timeline import distinct_evidence, episodes_by_turn

EXTENSIONS = (".txt", ".vtt", ".srt", ".json", ".jsonl", ".csv")
MAX_UPLOAD = 5 * 1024 * 1024
CSV_COLUMNS = ("index", "speaker", "text", "labels", "evidence", "episode")
PASTED = "pasted.txt"  # the file name pasted text is read under
# Said with each result while the personal heads are an earlier ``mend train``'s, which the
# analysis then leaves out (``personal.load``). Plain ASCII: the API sends it as a header too.
OLDER_HEADS_NOTICE = ("Your personal heads were fitted by an earlier version of Mend, so they are "
                      "not used: this result comes from Mend's shipped model. Run mend train "
                      "again to fit them to this version.")


# The same, as the Check and Analyse pages show it: `mend train` is a command for a terminal.
OLDER_HEADS_PAGE_NOTICE = ("Your personal heads were fitted by an earlier version of Mend, so "
                           "they are not used: this result comes from Mend's shipped model. To "
                           "fit them to this version, run mend train in a terminal.")


def heads_page_notice(home: Path, *, practice: bool = False) -> str | None:
    """``OLDER_HEADS_PAGE_NOTICE`` when :func:`heads_notice` has something to say; else None."""
    return None if heads_notice(home, practice=practice) is None else OLDER_HEADS_PAGE_NOTICE


def heads_notice(home: Path, *, practice: bool = False) -> str | None:
    """``OLDER_HEADS_NOTICE`` when the personal heads under ``home`` are left out as too old;
    None otherwise (and always in a practice, which never uses one person's heads)."""
    return None if practice or not older_heads(home) else OLDER_HEADS_NOTICE


def analyse_text(data: bytes, *, filename: str = PASTED, mode: str = "full",
                 region: str = "default", personal: PersonalHeads | None = None) -> Analysis:
    """Analyse an upload (or pasted text) in any supported file format, chosen by its extension
    (only the extension of ``filename`` is used: no path from the client touches the disk), with
    the person's ``personal`` heads if they trained some (``WebState.personal``)."""
    if len(data) > MAX_UPLOAD:
        raise InvalidInputError(f"the file is over {MAX_UPLOAD // (1024 * 1024)} MB")
    if not data.strip():
        raise InvalidInputError("expected a conversation, got nothing; paste text or choose a file")
    suffix = Path(filename.replace("\\", "/")).suffix.lower() or ".txt"
    if suffix not in EXTENSIONS:
        raise InvalidInputError(f"{suffix} files are not supported here; expected one of "
                                + ", ".join(EXTENSIONS))
    if suffix == ".txt":  # pasted text, or a .txt: JSON or CSV is read as `mend analyze -` reads it
        suffix = _content_suffix(data) or suffix
    pasted = filename == PASTED
    shown = "the pasted text" if pasted else display_name(filename)
    with tempfile.TemporaryDirectory(prefix="mend-web-") as folder:
        path = Path(folder) / f"upload{suffix}"
        if suffix == ".json":  # one day of a Slack channel is read under a day file's name
            day = Path(folder) / _SLACK_DAY_NAME
            day.write_bytes(data)
            if slack.is_day_file(day):
                path = day
            else:
                day.unlink()
        path.write_bytes(data)
        try:
            conversation = load_conversation(path)
        except InvalidInputError as exc:  # say where as the person knows it, not our temp path
            raise type(exc)(for_the_web(exc.reason), source=shown, line=exc.line) from None
    conversation = replace(conversation, id="pasted" if pasted else Path(shown).stem or "upload",
                           source=None if pasted else shown)
    if mode not in ("full", "rules"):
        raise InvalidInputError(f'mode must be "full" or "rules", got {mode!r}')
    return analyze(conversation, mode="rules" if mode == "rules" else "full", region=region,
                   personal=personal)


_SLACK_DAY_NAME = "2000-01-01.json"  # any YYYY-MM-DD.json: a day's times come from its messages


def _content_suffix(data: bytes) -> str | None:
    """``.json``, ``.jsonl`` or ``.csv`` where the text is plainly one of them (as
    :func:`mendkit.io.detect.sniff` tells for stdin); None otherwise. A text whose first line
    only starts with ``[`` ("[10:31] Ana: hi") is JSON only if it parses as JSON."""
    text = data[:_SNIFF_BYTES].decode("utf-8", errors="replace")
    kind = sniff(text)
    if kind == "json" and not text.lstrip("\ufeff \t\r\n").startswith("{"):
        try:
            json.loads(data.decode("utf-8-sig"))
        except (ValueError, RecursionError):
            return None
    return f".{kind}" if kind in ("json", "jsonl", "csv") else None


_SNIFF_BYTES = 64 * 1024


def display_name(filename: str) -> str:
    """The client's file name as a person would recognise it: the last part of the path only,
    no control characters, at most 100 characters."""
    name = Path(filename.replace("\\", "/")).name
    name = "".join(ch for ch in name if ch.isprintable()).strip()
    return (name[:97] + "..." if len(name) > 100 else name) or "the uploaded file"


# The readers' advice is for the command line (its --encoding and --format options); in the
# browser the same advice is about the file.
_WEB_ADVICE = (
    (re.compile(r"pass (?:it|the right encoding) with --encoding(?: \(for example --encoding "
                r"[\w-]+\))?"), "save the file as UTF-8 and upload it again"),
    (re.compile(r"pass --encoding [\w-]+"), "save it as UTF-8 and upload it again"),
    (re.compile(r"name the file \.jsonl or pass --format jsonl"), "name the file .jsonl"),
    (re.compile(r"Pass --format with one of: .*$"),
     "Name the file with the extension of its format: " + ", ".join(EXTENSIONS) + "."),
)


def for_the_web(message: str) -> str:
    for pattern, advice in _WEB_ADVICE:
        message = pattern.sub(advice, message)
    return message


def to_csv(analysis: Analysis) -> str:
    """One row per turn: its labels, the evidence spans, and the episode it belongs to."""
    episode_of = episodes_by_turn(analysis.episodes)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for turn in analysis.turns:
        writer.writerow(map(spreadsheet_cell, [
            turn.index, turn.speaker, turn.text, ";".join(turn.labels),
            " | ".join(f"{e.label}: {e.text}"
                       for _, e in distinct_evidence(turn.evidence, prefix="")),
            episode_of.get(turn.index, "")]))
    return out.getvalue()


class ResultCache:
    """The last few analyses, in memory only, under random ids (so filters and exports are links).

    Each is its maker's: in a practice, ``owner`` is the signed-in person, and a key reaching
    anyone else (a shared computer's history, a pasted link) finds nothing. Outside a practice
    the owner is None, the one person using this Mend."""

    def __init__(self, size: int = 32) -> None:
        self._items: OrderedDict[str, tuple[int | None, Analysis]] = OrderedDict()
        self._saved: dict[str, int] = {}  # key -> the journal entry it was saved as
        self._size = size
        self._lock = Lock()

    def put(self, analysis: Analysis, *, owner: int | None = None) -> str:
        key = secrets.token_hex(12)
        with self._lock:
            self._items[key] = (owner, analysis)
            while len(self._items) > self._size:
                gone, _ = self._items.popitem(last=False)
                self._saved.pop(gone, None)
        return key

    def saved_as(self, key: str) -> int | None:
        """The journal entry the analysis under ``key`` was saved as, if it was."""
        with self._lock:
            return self._saved.get(key)

    def mark_saved(self, key: str, entry_id: int) -> None:
        with self._lock:
            if key in self._items:
                self._saved[key] = entry_id

    def get(self, key: str, *, owner: int | None = None) -> Analysis | None:
        """The analysis under ``key`` if ``owner`` made it, else None (as for a forgotten one)."""
        with self._lock:
            found = self._items.get(key)
        if found is None or found[0] != owner:
            return None
        return found[1]

    def clear(self) -> None:
        """Forget every analysis: locking the journal and deleting everything do, so that a
        key left in the browser's history (the result page's address) finds nothing."""
        with self._lock:
            self._items.clear()
            self._saved.clear()
