"""What a worker does with a chunk of conversations: analyse each with the settings it was given.

The function is plain and module-level so that a process pool or a Dask worker can run it from
its name; the shipped classifier is loaded once per worker process (the pipeline caches it).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from mendkit.analysis.pipeline import Mode, analyze_conversation
from mendkit.errors import MendError
from mendkit.model import Conversation


@dataclass(frozen=True, slots=True)
class Outcome:
    """One conversation's analysis as plain data, or the reason it failed."""

    id: str
    analysis: dict[str, Any] | None = None
    error: str | None = None


def analyse_chunk(chunk: Sequence[Conversation], mode: Mode, region: str) -> list[Outcome]:
    out: list[Outcome] = []
    for conversation in chunk:
        try:
            analysis = analyze_conversation(conversation, mode=mode, region=region)
        except MendError as exc:
            out.append(Outcome(conversation.id, error=str(exc)))
            continue
        out.append(Outcome(conversation.id, analysis=analysis.to_dict()))
    return out
