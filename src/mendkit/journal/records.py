"""What the journal hands back: a relationship and an entry, as frozen records (the single-user
journal's, or a practice's person's through :mod:`mendkit.journal.accounts`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True, kw_only=True)
class Relationship:
    id: int
    name: str
    kind: str
    notes: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Entry:
    id: int
    kind: str
    relationship_id: int | None
    occurred_at: str
    body: Mapping[str, Any]
