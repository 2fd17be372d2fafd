"""The journal's JSON API: the same services as the journal pages (``journal_services``).

While the journal is locked every call answers 423 with ``{"error": ...}``; unlock it on the
Journal page (or start ``mend serve`` with ``MEND_PASSPHRASE``). JSON bodies only, as in ``api``.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Query, Request, Security
from pydantic import BaseModel, ConfigDict, Field, StrictInt, model_validator

from mendkit.errors import JournalError
from mendkit.journal.export import shown_body
from mendkit.journal.kinds import ENTRY_KINDS, MAX_NAME, MAX_NOTES
from mendkit.web import journal_services as svc
from mendkit.web.api import ERRORS as API_ERRORS
from mendkit.web.api import SIGN_IN_IF_A_PRACTICE, SIGNED_IN, ApiError, JsonRoute
from mendkit.web.app import state

ERRORS: dict[int | str, dict[str, Any]] = {
    **API_ERRORS,
    403: {"model": ApiError, "description": "a practice's Mend only: the one-person journal is "
          "off there (each person keeps entries on their Practice page)"},
    404: {"model": ApiError, "description": "no relationship or entry with that id"},
    423: {"model": ApiError, "description": "the journal is locked, or not created yet: unlock "
          "it on the Journal page (or start mend serve with MEND_PASSPHRASE)"},
}
router = APIRouter(prefix="/api/journal", tags=["journal"], responses=ERRORS,
                   dependencies=[Security(SIGNED_IN)], route_class=JsonRoute)

RelKind = Literal["partner", "family", "friend", "colleague", "client", "other"]


class NewRelationship(BaseModel):
    # A key it does not know ("type", as the CLI's --type) is refused (422), never dropped.
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=MAX_NAME, description="a name or pseudonym")
    kind: RelKind = "other"
    notes: str = Field("", max_length=MAX_NOTES)


class NewEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: Literal["rupture", "repair", "checkin", "analysis"]
    relationship_id: StrictInt | None = None  # not true, 1.0 or "1"
    occurred_at: str | None = Field(None, description="ISO date and time; default now")
    body: dict[str, Any] = Field(description=(
        'rupture: {"what", "severity"?: 1-5, "labels"?: [..]}; repair: {"message", "uptake": '
        'accepted|partly|not_yet|rejected, "by"?: me|them}; checkin: {"score": 0-10}; '
        'analysis: {"client", "analysis": <the JSON of mend analyze --json>}'))

    @model_validator(mode="after")
    def _known_body_keys(self) -> NewEntry:
        """A misspelt key ("severty") would be kept and its field left empty: refused instead."""
        unknown = sorted(set(self.body) - _BODY_KEYS[self.kind])
        if unknown:
            raise ValueError(f"a {self.kind} body does not take {', '.join(map(repr, unknown))}; "
                             f"it takes {', '.join(sorted(_BODY_KEYS[self.kind]))}")
        return self


# The keys each kind's body takes through this API (as ``mend journal add`` and the pages give).
_BODY_KEYS: dict[str, frozenset[str]] = {
    "rupture": frozenset(("what", "severity", "labels")),
    "repair": frozenset(("message", "uptake", "by")),
    "checkin": frozenset(("score",)),
    "analysis": frozenset(("client", "analysis")),
}


class Rename(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=MAX_NAME, description="the new name or pseudonym")


# A change made while another program kept an older copy of what it held (SQLite's WAL, until that
# program lets go) stands: a success, with a "warning" in the journal's words.
NOT_CONFIRMED: dict[int | str, dict[str, Any]] = {409: {
    "model": ApiError, "description": "with_entries=true was not sent: nothing was deleted (the "
    "message says how many entries would go with the relationship)"}}


def _relationship(r: Any) -> dict[str, Any]:
    return {"id": r.id, "name": r.name, "kind": r.kind, "notes": r.notes}


def _entry(e: Any) -> dict[str, Any]:
    """An entry as the API gives it: a two-person answer kept private reads "kept private"."""
    return {"id": e.id, "kind": e.kind, "relationship_id": e.relationship_id,
            "occurred_at": e.occurred_at, "body": shown_body(e.kind, e.body)}


@router.get("/relationships", openapi_extra=SIGN_IN_IF_A_PRACTICE)
def api_relationships(request: Request) -> list[dict[str, Any]]:
    """Every relationship in the journal."""
    with state(request).vault.use() as journal:
        return [_relationship(r) for r in journal.relationships()]


@router.post("/relationships", status_code=201, openapi_extra=SIGN_IN_IF_A_PRACTICE)
def api_relationship_add(body: NewRelationship, request: Request) -> dict[str, Any]:
    """Add a relationship (a name or pseudonym, its kind, notes)."""
    with state(request).vault.use() as journal:
        return _relationship(svc.add_relationship(journal, body.name, body.kind, body.notes))


@router.get("/entries", openapi_extra=SIGN_IN_IF_A_PRACTICE)
def api_entries(request: Request, relationship_id: int | None = None,
                kind: Annotated[str | None, Query(json_schema_extra={"enum": list(ENTRY_KINDS)})]
                = None) -> list[dict[str, Any]]:
    """Entries in time order, optionally of one relationship and one kind."""
    if kind is not None and kind not in ENTRY_KINDS:
        raise JournalError(f"unknown entry kind {kind!r}; expected one of "
                           f"{', '.join(ENTRY_KINDS)}")
    with state(request).vault.use() as journal:
        if relationship_id is not None:
            svc.find_relationship(journal, relationship_id)
        return [_entry(e) for e in journal.entries(kind=kind, relationship_id=relationship_id)]


@router.post("/entries", status_code=201, openapi_extra=SIGN_IN_IF_A_PRACTICE)
def api_entry_add(body: NewEntry, request: Request) -> dict[str, Any]:
    """Add a rupture, a repair attempt, a check-in or an analysis."""
    with state(request).vault.use() as journal:
        return _entry(svc.add_entry(journal, body.kind, body.body, occurred_at=body.occurred_at,
                                    relationship_id=body.relationship_id))


@router.get("/insights/{relationship_id}", openapi_extra=SIGN_IN_IF_A_PRACTICE)
def api_insights(relationship_id: int, request: Request) -> dict[str, Any]:
    """The figures of ``mend insights --json`` for one relationship."""
    with state(request).vault.use() as journal:
        return svc.insights(journal, relationship_id)


# -- correcting: the same services as the pages' delete and rename --------------------------------
@router.delete("/entries/{entry_id}", openapi_extra=SIGN_IN_IF_A_PRACTICE)
def api_entry_delete(entry_id: int, request: Request) -> dict[str, Any]:
    """Delete one entry for good: what was there is overwritten in the journal. Backups and
    exports made earlier are not touched. Answers the entry's id, kind and relationship, with
    ``"deleted": true``; a ``warning`` only when another program that has the journal open kept
    an older copy from being overwritten yet (it says what to do)."""
    with state(request).vault.use() as journal:
        gone, warning = svc.delete_entry(journal, entry_id)
    return _warned({"deleted": True, "id": gone.id, "kind": gone.kind,
                    "relationship_id": gone.relationship_id}, warning)


@router.delete("/relationships/{relationship_id}", openapi_extra=SIGN_IN_IF_A_PRACTICE,
               responses=NOT_CONFIRMED)
def api_relationship_delete(
    relationship_id: int, request: Request,
    with_entries: Annotated[bool, Query(description=(
        "must be true: deleting a relationship deletes all its entries with it (coach "
        "sessions about them included), so a call without it deletes nothing (409)"))] = False,
) -> dict[str, Any]:
    """Delete a relationship **with all its entries** for good (coach sessions saved about them
    included); the other relationships are not touched. Send ``with_entries=true`` to confirm.
    Answers the relationship as it was and ``deleted_entries``, how many entries went with it;
    a ``warning`` only as for an entry."""
    with state(request).vault.use() as journal:
        if not with_entries:
            rel, n = svc.relationship_size(journal, relationship_id)
            raise HTTPException(status_code=409, detail=(
                f"Nothing was deleted. Deleting relationship {rel.id} deletes "
                f"{'no entries' if n == 0 else 'its 1 entry' if n == 1 else f'all {n} of its entries'}"
                " with it, for good. To go ahead, send the same request with with_entries=true."))
        rel, n, warning = svc.delete_relationship(journal, relationship_id)
    return _warned({**_relationship(rel), "deleted": True, "deleted_entries": n}, warning)


@router.patch("/relationships/{relationship_id}", openapi_extra=SIGN_IN_IF_A_PRACTICE)
def api_relationship_rename(relationship_id: int, body: Rename, request: Request
                            ) -> dict[str, Any]:
    """Rename a relationship; its entries stay with it (the old name is overwritten in the
    journal). Answers the relationship with its new name; a ``warning`` only as for a delete."""
    with state(request).vault.use() as journal:
        _, rel, warning = svc.rename_relationship(journal, relationship_id, body.name)
    return _warned(_relationship(rel), warning)


def _warned(answer: dict[str, Any], warning: str) -> dict[str, Any]:
    return {**answer, "warning": warning} if warning else answer
