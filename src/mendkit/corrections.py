"""User corrections of detections: "this label is wrong here" or "this label is missing here".

Corrections are saved under ``$MEND_HOME/corrections.jsonl`` (appended, flushed and synced, one JSON
object a line; nothing leaves the machine) and can be exported as training examples in the corpus
format. The journal will hold them later (see the journal issue).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

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


class CorrectionStore:
    def __init__(self, home: Path) -> None:
        self.path = home / "corrections.jsonl"

    def add(self, correction: Correction) -> Correction:
        stamped = correction if correction.created_at else Correction(
            **{**asdict(correction), "created_at": datetime.now(UTC).isoformat(timespec="seconds")})
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(asdict(stamped), ensure_ascii=False) + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        return stamped

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
        """The corrections as corpus-style turns: a wrong label is a negative, a missing one a
        positive (``{"text", "previous", "label", "present"}``)."""
        return [{"text": c.text, "previous": c.previous, "label": c.label,
                 "present": c.verdict == "missing"} for c in self]
