"""The journal's vocabulary (no database imports, so the CLI parser stays cheap)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from mendkit.errors import JournalError

ENTRY_KINDS = ("rupture", "repair", "checkin", "analysis", "correction", "coach_session",
               "coach_pair")
UPTAKES = ("accepted", "partly", "not_yet", "rejected")
REL_KINDS = ("partner", "family", "friend", "colleague", "client", "other")

_REQUIRED: dict[str, tuple[str, ...]] = {
    "rupture": ("what",), "repair": ("message", "uptake"), "checkin": ("score",),
    "analysis": ("client", "analysis"), "correction": ("text", "label"), "coach_session": ("id",),
    "coach_pair": ("code", "role", "answers"),
}

# Each kind with its article, for messages ("an analysis entry needs ...").
_A_KIND = {"rupture": "a rupture", "repair": "a repair", "checkin": "a check-in",
           "analysis": "an analysis", "correction": "a correction",
           "coach_session": "a coach session", "coach_pair": "a two-person coach"}


def validate_entry(kind: str, body: Mapping[str, Any]) -> None:
    if kind not in ENTRY_KINDS:
        raise JournalError(f"unknown entry kind {kind!r}; expected one of {', '.join(ENTRY_KINDS)}")
    missing = [k for k in _REQUIRED[kind] if k not in body]
    if missing:
        raise JournalError(f"{_A_KIND[kind]} entry needs {', '.join(missing)}")
    if kind == "repair" and body["uptake"] not in UPTAKES:
        raise JournalError(f"uptake must be one of {', '.join(UPTAKES)}, got {body['uptake']!r}")
    score = body.get("score")
    if kind == "checkin" and (isinstance(score, bool) or not (
            isinstance(score, int) and 0 <= score <= 10)):
        raise JournalError(f"a check-in score is a whole number 0-10, got {score!r}")


def ref_of(kind: str, body: Mapping[str, Any]) -> str | None:
    """The natural key of an entry kept up to date in place (a coach session's id; a two-person
    code and role), derived from its body so that an export and import keep it."""
    if kind == "coach_session":
        return str(body["id"])
    if kind == "coach_pair":
        return f"{body['code']}/{body['role']}"
    return None


EARLIEST = datetime(1900, 1, 1)  # a new entry is dated from here to a day ahead


def check_when(value: str) -> datetime:
    """A new entry's date and time as typed (ISO), from 1900 up to a day ahead of this computer's
    clock (another time zone, a clock that runs fast): a mistyped year (``0001``, ``9999``) is
    refused rather than kept. The web app and ``mend journal add`` both ask this."""
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        raise JournalError(f"expected a date and time like 2026-03-14T18:30, got {value!r}"
                           ) from None
    # Wall-clock times compared, so no time-zone arithmetic can overflow at year 1 or 9999.
    wall = parsed.replace(tzinfo=None)
    latest = datetime.now(parsed.tzinfo).replace(tzinfo=None) + timedelta(days=1)
    if not EARLIEST <= wall <= latest:
        raise JournalError("expected a date and time between 1900-01-01 and today, like "
                           f"2026-03-14T18:30, got {value!r}")
    return parsed
