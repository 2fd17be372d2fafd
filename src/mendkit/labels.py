"""The label taxonomy (DESIGN.md): labels, their subtypes and their families."""

from __future__ import annotations

from typing import Final

TAXONOMY: Final[dict[str, tuple[str, ...]]] = {
    "rupture.withdrawal": (
        "minimal_response", "denial", "topic_shift", "appeasing", "giving_up", "stonewalling",
        "dissociation",
    ),
    "rupture.confrontation": (
        "complaint", "criticism", "contempt", "hostility", "pressure", "rejection",
    ),
    "rupture.invalidation": (
        "minimizing", "dismissing", "condescension", "defensiveness", "non_apology",
    ),
    "repair.acknowledge": ("notice", "explore", "revisit"),
    "repair.responsibility": ("apology", "admission"),
    "repair.validate": ("validation", "reflection", "agreement"),
    "repair.feeling": ("feeling", "vulnerability"),
    "repair.request": ("request", "boundary", "commitment"),
    "reconnect": ("acceptance", "appreciation", "warmth"),
    "risk.crisis": ("self_harm", "suicide", "harm_to_others", "abuse_danger"),
}

LABELS: Final[tuple[str, ...]] = tuple(TAXONOMY)
RUPTURE_LABELS: Final[frozenset[str]] = frozenset(x for x in LABELS if x.startswith("rupture."))
REPAIR_LABELS: Final[frozenset[str]] = frozenset(x for x in LABELS if x.startswith("repair."))
RECONNECT: Final = "reconnect"
CRISIS: Final = "risk.crisis"


def is_rupture(label: str) -> bool:
    return label in RUPTURE_LABELS


def is_repair(label: str) -> bool:
    return label in REPAIR_LABELS
