"""A client's page in a practice (see :mod:`mendkit.web.accounts`): their entries and who read
what, a new entry (kept in the sign-in form when the session ended while they wrote it), and
sharing an entry with a therapist or stopping.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from mendkit.errors import InvalidInputError
from mendkit.web.app import region_of, render
from mendkit.web.practice_access import _csrf, _signed_in, _typed_name
from mendkit.web.practice_words import _KIND_NAMES, _UPTAKE_NAMES, _facts, _title, _when
from mendkit.web.security import whole_number

if TYPE_CHECKING:
    from mendkit.journal.accounts import Accounts, User

router = APIRouter(include_in_schema=False)  # included by mendkit.web.accounts

_WHO_MAX, _TEXT_MAX = 200, 5000  # the form's maxlength (practice_client.html)


# -- a client's page ------------------------------------------------------------------------
@router.get("/practice/client", response_class=HTMLResponse)
def client_page(request: Request) -> Response:
    accounts, user = _signed_in(request, "client")
    return _client_page(request, accounts, user)


def _client_page(request: Request, accounts: Accounts, user: User, *,
                 draft: dict[str, str] | None = None) -> HTMLResponse:
    """The client's page; with ``draft``, an entry not saved yet, back in the form."""
    from mendkit.web.practice_signs import help_for, read_signs

    therapists = [t for t in accounts.users(role="therapist") if not t.disabled]
    found = accounts.client_entries(user)
    if accounts.fill_signs(read_signs, [e.entry.id for e in found if e.signs is None]):
        found = accounts.client_entries(user)  # entries saved before signs were kept
    region = region_of(request)
    entries = [{"id": e.entry.id, "title": _title(e.entry), "facts": _facts(e.entry),
                "kind": e.entry.kind,
                "help": help_for(e.signs, region) if e.signs and e.signs.crisis else None,
                "shared_with": [t.username for t in e.shared_with],
                "can_share": [t.username for t in therapists
                              if t.username not in {s.username for s in e.shared_with}]}
               for e in found]
    titles = {e["id"]: e["title"] for e in entries}
    views = [{"at": _when(v.at), "who": v.actor, "entry": v.entry_id,
              "here": v.entry_id in titles,
              "title": titles.get(v.entry_id, "An entry you have deleted")}
             for v in accounts.views_of(user)]
    saved = request.query_params.get("saved", "")
    added = whole_number(request.query_params.get("entry", "")) if saved == "added" else None
    return render(request, "practice_client.html", {
        "title": "Your entries", "page": "practice", "user": user, "entries": entries,
        "views": views, "therapists": [t.username for t in therapists], "saved": saved,
        "added_help": next((e["help"] for e in entries if e["id"] == added), None),
        "draft": draft})


@router.post("/practice/entries")
def add_entry(  # noqa: PLR0917 (one parameter per form field)
    request: Request, csrf_token: Annotated[str, Form()] = "",
    kind: Annotated[str, Form()] = "", who: Annotated[str, Form()] = "",
    text: Annotated[str, Form()] = "", uptake: Annotated[str, Form()] = "",
    score: Annotated[str, Form()] = "",
) -> Response:
    from mendkit.errors import NotSignedInError

    _csrf(request, csrf_token)
    try:
        accounts, user = _signed_in(request, "client")
    except NotSignedInError as exc:
        # The session ended while they wrote (30 minutes without a request is soon, for a long
        # entry): nothing is kept on the server without one, so the words go back to the
        # browser that sent them, in the sign-in form, and come back to the entry form after.
        draft = _draft(kind, who, text, uptake, score)
        if draft is None:
            raise
        return _sign_in_again(request, draft, str(exc), exc)
    text = text.replace("\r\n", "\n")  # a browser sends CRLF; its maxlength counts LF
    too_long = [f"{what} is {len(value.strip()):,} characters long; keep it to {limit:,}"
                for what, value, limit in (("'Who with'", who, _WHO_MAX),
                                           ("The text", text, _TEXT_MAX))
                if len(value.strip()) > limit]
    if too_long:
        raise InvalidInputError(". ".join(too_long) + ". Nothing was saved.")
    body: dict[str, Any] = {"with": who.strip()} if who.strip() else {}
    words = text.strip()
    if kind == "rupture":
        if not words:
            raise InvalidInputError("Say in a few words what happened.")
        body["what"] = words
    elif kind == "repair":
        if not words:
            raise InvalidInputError("Write the message you sent, or what you said.")
        if uptake not in _UPTAKE_NAMES:
            raise InvalidInputError("Choose how the repair attempt landed.")
        body.update(message=words, uptake=uptake)
    elif kind == "checkin":
        value = whole_number(score.strip())
        if value is None or not 0 <= value <= 10:
            raise InvalidInputError("A check-in needs a score from 0 to 10.")
        body["score"] = value
        if words:
            body["note"] = words
    else:
        raise InvalidInputError("Choose a rupture, a repair attempt or a check-in.")
    from mendkit.web.practice_signs import read_signs

    # Mend's safety reading, as on Analyse and Check: the entry is kept either way, and the page
    # it lands on shows the crisis resources when the reading found a possible sign.
    entry = accounts.add_entry(user, kind, body, signs=read_signs(kind, body))
    return RedirectResponse(f"/practice/client?saved=added&entry={entry.id}#entry-{entry.id}",
                            status_code=303)


@router.post("/practice/entries/{entry_id}/share")
def share(request: Request, entry_id: int, csrf_token: Annotated[str, Form()] = "",
          therapist: Annotated[str, Form()] = "") -> Response:
    _csrf(request, csrf_token)
    accounts, user = _signed_in(request, "client")
    name = _typed_name(therapist).strip()
    if not name:
        raise InvalidInputError("Choose a therapist to share that entry with.")
    accounts.share(user, entry_id, name)
    return RedirectResponse(f"/practice/client?saved=shared#entry-{entry_id}", status_code=303)


@router.post("/practice/entries/{entry_id}/withdraw")
def withdraw(request: Request, entry_id: int, csrf_token: Annotated[str, Form()] = "",
             therapist: Annotated[str, Form()] = "") -> Response:
    _csrf(request, csrf_token)
    accounts, user = _signed_in(request, "client")
    name = _typed_name(therapist).strip()
    if not name:
        raise InvalidInputError("Choose whom to stop sharing that entry with.")
    if not accounts.withdraw(user, entry_id, name):
        raise InvalidInputError(f"That entry is not shared with {name}, so there was nothing "
                                "to stop.")
    return RedirectResponse(f"/practice/client?saved=withdrawn#entry-{entry_id}",
                            status_code=303)


def _draft(kind: str, who: str, text: str, uptake: str, score: str) -> dict[str, str] | None:
    """An entry's form fields, to show again; None when nothing was typed in it."""
    if not (who.strip() or text.strip() or score.strip()):
        return None
    return {"kind": kind if kind in _KIND_NAMES else "rupture", "who": who,
            "text": text.replace("\r\n", "\n"), "uptake": uptake, "score": score}


def _sign_in_again(request: Request, draft: dict[str, str], message: str,
                   exc: Exception) -> Response:
    """The sign-in form with why, and the entry not saved yet, in it."""
    from mendkit.errors import TooManyAttemptsError

    status = 429 if isinstance(exc, TooManyAttemptsError) else 401
    response = render(request, "accounts_login.html", {
        "title": "Sign in", "page": "practice", "message": message, "draft": draft},
        status=status)
    if isinstance(exc, TooManyAttemptsError):
        response.headers["retry-after"] = str(exc.retry_after)
    return response
