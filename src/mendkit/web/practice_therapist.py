"""A therapist's pages in a practice (see :mod:`mendkit.web.accounts`): what clients share with
them now, entries with a possible crisis sign first, and one shared entry (every read audited).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from mendkit.web.app import region_of, render
from mendkit.web.practice_access import _signed_in
from mendkit.web.practice_words import _facts, _title, _when
from mendkit.web.security import is_head

router = APIRouter(include_in_schema=False)  # included by mendkit.web.accounts


# -- a therapist's page ---------------------------------------------------------------------
@router.get("/practice/therapist", response_class=HTMLResponse)
def therapist_page(request: Request) -> Response:
    from mendkit.web.practice_signs import read_signs

    accounts, user = _signed_in(request, "therapist")
    found = accounts.shared_with(user)
    if accounts.fill_signs(read_signs, [s.entry.id for s in found if s.signs is None]):
        found = accounts.shared_with(user)  # entries saved before signs were kept
    clients: dict[str, list[dict[str, Any]]] = {}
    for shared in found:
        clients.setdefault(shared.client.username, []).append(
            {"id": shared.entry.id, "title": _title(shared.entry),
             "granted": _when(shared.granted_at),
             "crisis": bool(shared.signs and shared.signs.crisis)})
    # Entries with a possible crisis sign first, and the clients who wrote them (a stable sort:
    # newest first within each, clients by name otherwise).
    for entries in clients.values():
        entries.sort(key=lambda e: not e["crisis"])
    ordered = dict(sorted(clients.items(), key=lambda item: not item[1][0]["crisis"]))
    return render(request, "practice_therapist.html", {
        "title": "Shared with you", "page": "practice", "user": user, "clients": ordered,
        "flagged": sum(e["crisis"] for entries in ordered.values() for e in entries)})


@router.get("/practice/shared/{entry_id}", response_class=HTMLResponse)
def shared_entry(request: Request, entry_id: int) -> Response:
    from mendkit.web.practice_signs import help_for, read_signs, reader_alert

    accounts, user = _signed_in(request)
    if user.role != "therapist":  # a client reaching for an entry here: refused, and audited
        accounts.refuse_read(user, entry_id, "This page is for therapists. You are signed in "
                             f"as a {user.role}.")
    if is_head(request.scope):  # no text is sent, so nothing is read: no audit line
        accounts.may_read(user, entry_id)  # a refusal is audited
        return Response(status_code=200, media_type="text/html")
    shared = accounts.read_shared(user, entry_id)
    signs = shared.signs
    if signs is None:  # saved before signs were kept: read now, and kept
        signs = read_signs(shared.entry.kind, shared.entry.body)
        accounts.fill_signs(lambda _kind, _body: signs, [shared.entry.id])
    from mendkit.web.practice_entries import analysis_view

    return render(request, "practice_entry.html", {
        "title": _title(shared.entry), "page": "practice", "user": user,
        "client": shared.client.username, "facts": _facts(shared.entry),
        "granted": _when(shared.granted_at), "kept": analysis_view(shared.entry),
        "alert": reader_alert(signs) if signs.crisis else "",
        "help": help_for(signs, region_of(request)) if signs.crisis else None})
