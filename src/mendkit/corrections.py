"""User corrections of detections: "this label is wrong here" or "this label is missing here".

Corrections are kept through :class:`CorrectionStorage`: in the encrypted journal when there is one
(``mendkit.journal.stores``; ``mendkit.storage`` chooses), otherwise in
``$MEND_HOME/corrections.jsonl`` (appended, flushed and synced, one JSON object a line). Nothing
leaves the machine; they can be exported as training examples in the corpus format.
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
    """Where corrections are kept; ``where`` says so in plain words."""

    @property
    def where(self) -> str: ...

    def add(self, correction: Correction) -> Correction: ...

    def __iter__(self) -> Iterator[Correction]: ...

    def training_examples(self) -> list[dict[str, object]]: ...


class CorrectionStore:
    """Corrections in a plain JSON-lines file (no journal)."""

    def __init__(self, home: Path) -> None:
        self.path = home / "corrections.jsonl"

    @property
    def where(self) -> str:
        return str(self.path)

    def add(self, correction: Correction) -> Correction:
        stamped_ = stamped(correction)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(asdict(stamped_), ensure_ascii=False) + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        return stamped_

    def __iter__(self) -> Iterator[Correction]:
        if not self.path.is_file():
            return
        with self.path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    yield Correction(**json.loads(line))
                except (json.JSONDecodeError, TypeError) as exc:
                    raise InvalidInputError(f"not a correction: {exc}", source=str(self.path),
                                            line=number) from None

    def training_examples(self) -> list[dict[str, object]]:
        return training_examples(self)
