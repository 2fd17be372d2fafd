"""The journal's vocabulary (no database imports, so the CLI parser stays cheap)."""

from __future__ import annotations

ENTRY_KINDS = ("rupture", "repair", "checkin", "analysis", "correction", "coach_session",
               "coach_pair")
# Kinds that are kept up to date in place, one entry per natural key (see ``repository.ref_of``).
KEYED_KINDS = ("coach_session", "coach_pair")
UPTAKES = ("accepted", "partly", "not_yet", "rejected")
REL_KINDS = ("partner", "family", "friend", "colleague", "client", "other")
