"""Labelled message sets kept as JSON under ``tests/fixtures``: each item a text and the reason
for its label (``{"danger": [{"text", "why"}], "not_danger": [...]}``), written before the rules
they test were changed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).parent / "fixtures"


def load_set(*parts: str) -> tuple[dict[str, Any], list[str], list[str]]:
    """The set at ``fixtures/<parts>``, its danger texts and its not-danger texts."""
    raw: dict[str, Any] = json.loads(FIXTURES.joinpath(*parts).read_text("utf-8"))
    return (raw, [item["text"] for item in raw["danger"]],
            [item["text"] for item in raw["not_danger"]])


def check_the_set(raw: dict[str, Any], *, least: int = 40) -> None:
    """At least ``least`` texts each way, every label with its reason, no text on both sides."""
    danger = [item["text"] for item in raw["danger"]]
    safe = [item["text"] for item in raw["not_danger"]]
    assert len(danger) >= least and len(safe) >= least
    assert all(item["why"].strip() for item in (*raw["danger"], *raw["not_danger"]))
    assert not set(danger) & set(safe)
