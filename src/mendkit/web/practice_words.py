"""Words for a practice's entries (see :mod:`mendkit.web.accounts`): their titles, when they were
made, and their fields labelled in plain words, as the client's and the therapist's pages show
them.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mendkit.journal.repository import Entry

_KIND_NAMES = {"rupture": "Rupture", "repair": "Repair attempt", "checkin": "Check-in",
               "analysis": "Analysis of a conversation"}
_UPTAKE_NAMES = {"accepted": "accepted", "partly": "partly accepted", "not_yet": "no answer yet",
                 "rejected": "not accepted"}


# -- words for entries ----------------------------------------------------------------------
def _when(iso: str) -> str:
    try:
        return datetime.fromisoformat(iso).strftime("%d %b %Y, %H:%M UTC")
    except ValueError:
        return iso


def _title(entry: Entry) -> str:
    return f"{_KIND_NAMES.get(entry.kind, entry.kind)}, {_when(entry.occurred_at)}"


def _facts(entry: Entry) -> list[tuple[str, str]]:
    """The entry's fields, labelled in plain words, in a fixed order."""
    body = entry.body
    facts: list[tuple[str, str]] = []
    if body.get("with"):
        facts.append(("With", str(body["with"])))
    if "what" in body:
        facts.append(("What happened", str(body["what"])))
    if "message" in body:
        facts.append(("What was said", str(body["message"])))
    if "uptake" in body:
        facts.append(("How it landed", _UPTAKE_NAMES.get(str(body["uptake"]),
                                                         str(body["uptake"]))))
    if "score" in body:
        facts.append(("Feeling connected (0-10)", str(body["score"])))
    if body.get("note"):
        facts.append(("Note", str(body["note"])))
    if isinstance(body.get("analysis"), dict):
        facts.append(("Kept under", str(body.get("client", ""))))
        facts.append(("What Mend found", _found_words(body["analysis"].get("summary", {}))))
    return facts


def _found_words(summary: dict[str, Any]) -> str:
    """An analysis's summary in a sentence (as the Analyse page says it)."""
    def count(n: object, one: str, many: str) -> str:
        return f"{n} {one if n == 1 else many}"

    episodes = summary.get("episode_status", {})
    return (f"{count(summary.get('turns', 0), 'turn', 'turns')}, "
            f"{summary.get('rupture_turns', 0)} with a rupture, "
            f"{summary.get('repair_turns', 0)} with a repair; "
            f"{count(summary.get('episodes', 0), 'episode', 'episodes')} "
            f"({episodes.get('resolved', 0)} resolved, {episodes.get('attempted', 0)} attempted, "
            f"{episodes.get('unresolved', 0)} unresolved).")
