"""User corrections of detections: "this label is wrong here" or "this label is missing here".

Corrections are kept through :class:`CorrectionStorage`: in the encrypted journal when there is one
(``mendkit.journal.stores``; ``mendkit.storage`` chooses), otherwise in
``$MEND_HOME/corrections.jsonl`` (appended, flushed and synced, one JSON object a line). Nothing
leaves the machine; they can be exported as training examples in the corpus format.

A line of that file that is not a correction (say, one cut off by a crash) never costs the others:
reading skips it and says so in :attr:`CorrectionStore.warnings`, the line stays in the file for
the person to fix, and the next correction starts on a line of its own.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal, Protocol

from mendkit.errors import InvalidInputError
from mendkit.labels import LABELS

Verdict = Literal["wrong", "missing"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Correction:
    text: str
    label: str
    verdict: Verdict
    previous: str = ""  # the turn before, when the correction is about a conversation
    source: str = ""  # what made the detection (a rule id or the model), when it was wrong
    note: str = ""
    created_at: str = ""

    def __post_init__(self) -> None:
        if self.label not in LABELS:
            raise InvalidInputError(f"unknown label {self.label!r}; expected one of {LABELS}")
        if self.verdict not in ("wrong", "missing"):
            raise InvalidInputError(f'verdict must be "wrong" or "missing", got {self.verdict!r}')
        if not self.text.strip():
            raise InvalidInputError("a correction needs the text it is about")


def stamped(correction: Correction) -> Correction:
    """The correction with ``created_at`` set (now, when it is not set yet)."""
    return correction if correction.created_at else Correction(
        **{**asdict(correction), "created_at": datetime.now(UTC).isoformat(timespec="seconds")})


def training_examples(corrections: Iterable[Correction]) -> list[dict[str, object]]:
    """Corrections as corpus-style turns: a wrong label is a negative, a missing one a positive
    (``{"text", "previous", "label", "present"}``)."""
    return [{"text": c.text, "previous": c.previous, "label": c.label,
             "present": c.verdict == "missing"} for c in corrections]


class CorrectionStorage(Protocol):
    """Where corrections are kept; ``where`` says so in plain words; ``warnings`` names what the
    last read had to skip (``file:line: why``), for the caller to show."""

    warnings: list[str]

    @property
    def where(self) -> str: ...

    def add(self, correction: Correction) -> Correction: ...

    def __iter__(self) -> Iterator[Correction]: ...

    def training_examples(self) -> list[dict[str, object]]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class UnreadableLine:
    """A line of the corrections file that is not a correction: its number and its bytes."""

    number: int
    raw: bytes


class CorrectionStore:
    """Corrections in a plain JSON-lines file (no journal)."""

    def __init__(self, home: Path) -> None:
        self.path = home / "corrections.jsonl"
        self.warnings: list[str] = []  # the lines the last read skipped, as "file:line: why"

    @property
    def where(self) -> str:
        return str(self.path)

    def add(self, correction: Correction) -> Correction:
        stamped_ = stamped(correction)
        line = json.dumps(asdict(stamped_), ensure_ascii=False) + "\n"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("a+b") as handle:
            if handle.seek(0, os.SEEK_END) > 0:
                handle.seek(-1, os.SEEK_END)
                if handle.read(1) != b"\n":  # the last line was cut off by a crash
                    line = "\n" + line  # so this one starts on its own, never glued onto it
            handle.write(line.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        return stamped_

    def __iter__(self) -> Iterator[Correction]:
        return iter(self.read()[0])

    def read(self) -> tuple[list[Correction], list[UnreadableLine]]:
        """The corrections in the file, and the lines that are not one (each also named in
        :attr:`warnings`)."""
        self.warnings = []
        if not self.path.is_file():
            return [], []
        found: list[Correction] = []
        unreadable: list[UnreadableLine] = []
        for number, raw in enumerate(self.path.read_bytes().split(b"\n"), 1):
            if not raw.strip():
                continue
            try:
                fields = json.loads(raw.decode("utf-8"))
                if not isinstance(fields, dict):
                    raise TypeError("not a JSON object")
                found.append(Correction(**fields))
            except (ValueError, TypeError):  # bad UTF-8 or JSON, unknown fields or values
                unreadable.append(UnreadableLine(number=number, raw=raw))
                self.warnings.append(f"{self.path}:{number}: skipped a line that is not a "
                                     "correction (it is kept in the file; fix or delete it)")
        return found, unreadable

    def training_examples(self) -> list[dict[str, object]]:
        return training_examples(self)
