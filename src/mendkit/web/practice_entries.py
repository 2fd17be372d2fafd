"""A client's own entries beyond writing and sharing them: an analysis kept from the Analyse page
as a Practice entry, one entry seen whole, one deleted (after a confirmation), and all of them
exported. The rules live in :mod:`mendkit.journal.accounts`; writing, sharing and the therapist's
pages are in :mod:`mendkit.web.accounts`.

A kept analysis is an ``analysis`` entry (``{"client": a name, "analysis": the JSON of ``mend
analyze --json``}``), encrypted and owned like the client's other entries: private until they
share it, and a therapist's read of it is audited like any other.
"""

from __future__ import annotations

import json
import logging
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from mendkit.errors import InvalidInputError, NotAllowedError
from mendkit.web.accounts import _csrf, _facts, _signed_in, _title
from mendkit.web.app import region_of, render, state
from mendkit.web.security import is_head

if TYPE_CHECKING:
    from mendkit.journal.accounts import Accounts, User
    from mendkit.journal.repository import Entry

router = APIRouter(include_in_schema=False)
_NAME_MAX = 200  # the form's maxlength (timeline.html), as the one-person journal's


def _see(path: str) -> Response:
    return RedirectResponse(path, status_code=303)


def analysis_view(entry: Entry) -> dict[str, Any] | None:
    """A kept analysis, to show read-only: the Analyse timeline's rows (turns, labels, evidence,
    episodes) and the analysis itself; None for any other entry."""
    if entry.kind != "analysis":
        return None
    from mendkit.model import Analysis
    from mendkit.web.timeline import timeline

    analysis = Analysis.from_dict(entry.body["analysis"])
    return {"analysis": analysis, "rows": timeline(analysis)}


# -- an analysis kept as an entry -------------------------------------------------------------
@router.post("/practice/analyses")
def keep_analysis(request: Request, csrf_token: Annotated[str, Form()] = "",
                  key: Annotated[str, Form()] = "", name: Annotated[str, Form()] = "") -> Response:
    """Keep an Analyse result (the client's own) with their entries, under a name they choose."""
    from mendkit.web.pages import analysis_result
    from mendkit.web.practice_signs import analysis_signs

    _csrf(request, csrf_token)
    accounts, user = _signed_in(request, "client")
    request.state.practice_person = user.id  # the results that are theirs to read
    analysis = analysis_result(request, key)
    name = name.strip()
    if not name:
        return _see(f"/analyse/{key}?save_error=1#client")  # the field to fill
    if len(name) > _NAME_MAX:
        raise InvalidInputError(f"The name is {len(name):,} characters long; keep it to "
                                f"{_NAME_MAX}. Nothing was kept.")
    results = state(request).results
    # Kept once already (a second press, or Back and keep): that entry, not a copy, unless it
    # has been deleted since.
    if (earlier := results.saved_as(key)) is not None and _is_own(accounts, user, earlier):
        return _see(f"/analyse/{key}?stored={earlier}&already=1#save")
    body = {"client": name, "analysis": analysis.to_dict()}
    entry = accounts.add_entry(user, "analysis", body, signs=analysis_signs(body))
    results.mark_saved(key, entry.id)
    return _see(f"/analyse/{key}?stored={entry.id}#save")


def _is_own(accounts: Accounts, user: User, entry_id: int) -> bool:
    try:
        accounts.own_entry(user, entry_id)
    except NotAllowedError:
        return False
    return True


# -- one of one's own entries, whole ------------------------------------------------------------
@router.get("/practice/entries/{entry_id}", response_class=HTMLResponse)
def own_entry(request: Request, entry_id: int) -> Response:
    from mendkit.web.practice_signs import help_for

    accounts, user = _signed_in(request, "client")
    found = accounts.own_entry(user, entry_id)
    signs = found.signs
    return render(request, "practice_entry.html", {
        "title": _title(found.entry), "page": "practice", "user": user, "own": True,
        "entry_id": found.entry.id, "facts": _facts(found.entry),
        "shared_with": [t.username for t in found.shared_with],
        "kept": analysis_view(found.entry),
        "help": help_for(signs, region_of(request)) if signs and signs.crisis else None})


# -- deleting one -------------------------------------------------------------------------------
@router.get("/practice/entries/{entry_id}/delete", response_class=HTMLResponse)
def delete_form(request: Request, entry_id: int) -> Response:
    """The confirmation: what will go, and who sees it now."""
    accounts, user = _signed_in(request, "client")
    found = accounts.own_entry(user, entry_id, "You can delete only your own entries.")
    return render(request, "practice_delete.html", {
        "title": "Delete this entry?", "page": "practice", "user": user,
        "entry_id": found.entry.id, "entry_title": _title(found.entry),
        "facts": _facts(found.entry), "shared_with": [t.username for t in found.shared_with]})


@router.post("/practice/entries/{entry_id}/delete")
def delete_entry(request: Request, entry_id: int,
                 csrf_token: Annotated[str, Form()] = "") -> Response:
    """Delete it for good. When another program keeps the server from overwriting an older copy
    of what it held (SQLite's WAL: ``DeletedButKept``), the entry is deleted all the same and
    the client cannot close that program: the server's log says it, for whoever runs Mend."""
    from mendkit.journal.repository import DeletedButKept

    _csrf(request, csrf_token)
    accounts, user = _signed_in(request, "client")
    try:
        accounts.delete_entry(user, entry_id)
    except DeletedButKept as exc:
        logging.getLogger("mendkit.web").warning("%s", exc)
    return _see("/practice/client?saved=deleted")


# -- exporting them all ---------------------------------------------------------------------------
@router.get("/practice/export.json")
def export_entries(request: Request) -> Response:
    """Every entry on the client's Practice page, decrypted, as a download made in memory:
    nothing is written on the server, and the browser is asked not to keep a copy in its cache."""
    accounts, user = _signed_in(request, "client")
    headers = {"content-disposition": 'attachment; filename="mend-practice-entries.json"',
               "cache-control": "no-store"}
    if is_head(request.scope):  # nothing is sent, so nothing is exported
        return Response(status_code=200, media_type="application/json", headers=headers)
    body = json.dumps(accounts.export_of(user), ensure_ascii=False, indent=2)
    return Response(body, media_type="application/json", headers=headers)
