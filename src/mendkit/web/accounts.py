"""A practice in the web app: sign in and out, a client's page (their entries, sharing, who read
what) and a therapist's page (what clients share with them now; every read is audited).

Offered only when the journal is in practice mode (``mend accounts init``); elsewhere these pages
answer 404. The server opens the journal with ``MEND_PASSPHRASE`` or ``MEND_JOURNAL_KEY`` (it
cannot prompt); people sign in with their own passwords. A session is a random 32-byte token in an
HttpOnly, SameSite=Strict cookie (Secure over HTTPS); the journal keeps only its hash. The domain
rules live in :mod:`mendkit.journal.accounts`; this module adapts forms to them. Errors (401, 403,
429) become responses in :mod:`mendkit.web.app`.
"""

from __future__ import annotations

import os
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, FastAPI, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from mendkit.errors import InvalidInputError
from mendkit.models.classifier import read_for
from mendkit.web.app import region_of, render, state
from mendkit.web.coach_pair import SEAT_COOKIE
from mendkit.web.security import is_head, whole_number

if TYPE_CHECKING:
    from argon2 import PasswordHasher

    from mendkit.journal.accounts import Accounts, Clock, User
    from mendkit.journal.repository import Entry
    from mendkit.web.vault import JournalVault

SESSION_COOKIE = "mend_session"
_KIND_NAMES = {"rupture": "Rupture", "repair": "Repair attempt", "checkin": "Check-in",
               "analysis": "Analysis of a conversation"}
_UPTAKE_NAMES = {"accepted": "accepted", "partly": "partly accepted", "not_yet": "no answer yet",
                 "rejected": "not accepted"}
_NOT_HERE = ("Accounts are not set up on this Mend. A practice turns them on with "
             "`mend accounts init`.")
_NO_KEY = ("This Mend serves a practice, but it was started without the journal's key, so nothing "
           "here can be used yet. Whoever runs it: stop it and start `mend serve` again with "
           "MEND_JOURNAL_KEY (or MEND_PASSPHRASE) set.")
KEY_CHANGED = ("The journal's key was changed (with `mend journal rekey`) while this Mend was "
                "running, so nothing here can be used until it is restarted. Everything saved is "
                "safe. Whoever runs it: stop it and start `mend serve` again with the new key in "
                "MEND_JOURNAL_KEY (or MEND_PASSPHRASE).")


class Practice:
    """A practice's accounts for one app, made on first use and kept."""

    def __init__(self, *, hasher: PasswordHasher | None = None, clock: Clock | None = None
                 ) -> None:
        self.hasher = hasher
        self.clock = clock
        self._accounts: Accounts | None = None
        self._journal: object = None  # the opened journal the accounts work on
        self._refused: object = None  # the key file the server's key did not open
        self._lock = threading.Lock()

    def accounts(self, vault: JournalVault) -> Accounts:
        """The accounts, or 404 when this Mend has no practice journal. They work on the app's
        one opened journal (the vault's), unlocked here with the server's key if need be; in a
        practice only a passphrase changed by another process locks it again (the one-person
        journal pages are off)."""
        from mendkit.journal.accounts import Accounts, is_practice

        with self._lock:
            status = vault.status()  # notices a key changed elsewhere (and then locks)
            if self._accounts is not None and vault.opened() is self._journal:
                return self._accounts
            self._accounts = None
            if status == "missing":
                raise HTTPException(status_code=404, detail=_NOT_HERE)
            unlocked_here = status == "locked"
            if unlocked_here:
                self._unlock(vault)
            with vault.use() as journal:
                if not is_practice(journal):
                    if unlocked_here:  # a one-person journal stays as its owner left it
                        vault.lock()
                    raise HTTPException(status_code=404, detail=_NOT_HERE)
                kwargs: dict[str, Any] = {"hasher": self.hasher}
                if self.clock is not None:
                    kwargs["clock"] = self.clock
                self._accounts, self._journal = Accounts(journal, **kwargs), journal
            return self._accounts

    def _unlock(self, vault: JournalVault) -> None:
        """Open the journal with the server's key. After a change of key elsewhere that key is
        the old one: it is tried once for each new key file (every try is slow on purpose, as
        the key's derivation is), then the answer is 503 until a restart with the new key."""
        from mendkit.errors import JournalError

        if vault.changed_elsewhere and self._refused == vault.key_file():
            raise HTTPException(status_code=503, detail=KEY_CHANGED)
        try:
            vault.unlock(_server_key())
        except JournalError:
            if not vault.changed_elsewhere:
                raise
            self._refused = vault.key_file()
            raise HTTPException(status_code=503, detail=KEY_CHANGED) from None

    def close(self) -> None:
        """Forget the accounts (the app closes the journal itself when it stops)."""
        with self._lock:
            self._accounts = None


def _server_key() -> str:
    value = os.environ.get("MEND_PASSPHRASE") or os.environ.get("MEND_JOURNAL_KEY")
    if not value:  # no person can fix this from the browser: the server is not ready (503)
        raise HTTPException(status_code=503, detail=(
            "Sign-in is not available: the journal is locked, and this Mend was started without "
            "its key. Whoever runs it: stop it and start `mend serve` again with "
            "MEND_JOURNAL_KEY (or MEND_PASSPHRASE) set."))
    return value


_holder_lock = threading.Lock()


def practice_of(app: FastAPI) -> Practice:
    with _holder_lock:
        found: Practice | None = getattr(app.state, "mend_practice", None)
        if found is None:
            found = Practice()
            app.state.mend_practice = found
        return found


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Shows the Practice link in the navigation when the journal is a practice's."""
    import anyio

    holder = practice_of(app)
    templates = app.state.mend.templates

    def probe() -> None:
        vault = app.state.mend.vault
        try:
            holder.accounts(vault)
        except Exception:  # not a practice, or the journal is locked: no link
            # A practice's journal that the server cannot open (no key) still gates every page:
            # it must never run as an open one-person Mend.
            from mendkit.journal.accounts import known_practice

            if vault.opened() is None and known_practice(vault.home, vault.url):
                app.state.mend.practice = True
            return
        templates.env.globals["practice_nav"] = True
        app.state.mend.practice = True

    await anyio.to_thread.run_sync(probe)
    try:
        yield
    finally:
        holder.close()


router = APIRouter(include_in_schema=False, lifespan=_lifespan)

_SINGLE_USER_OFF = ("This Mend serves a practice, so the one-person journal is off here. Sign in "
                    "and keep entries on your Practice page, where you choose who sees them.")
_WHO_MAX, _TEXT_MAX = 200, 5000  # the form's maxlength (practice_client.html)
_OPEN_PAGES = frozenset({"/", "/about"})  # the notice, the resources and the region: always


def practice_on(request: Request) -> bool:
    """Whether this app serves a practice: found at start, or once the journal is unlocked (each
    opened journal is asked once). Cheap on every other request: no file or database access."""
    web = state(request)
    journal = web.vault.opened()
    if web.practice or journal is None or journal is web.practice_checked:
        return web.practice
    from sqlalchemy.exc import SQLAlchemyError

    from mendkit.journal.accounts import is_practice

    try:
        web.practice, web.practice_checked = is_practice(journal), journal
    except SQLAlchemyError:  # locked at this very moment: the next request asks again
        return web.practice
    if web.practice:
        web.templates.env.globals["practice_nav"] = True
    return web.practice


async def practice_gate(request: Request) -> None:
    """In a practice, everything but the notice and the sign-in pages needs a signed-in person,
    and the one-person journal (its pages, its API, "save to journal") is off: it would be the
    server's, not any one person's. A dependency of the app's other routers; async, so that a
    request outside a practice costs no trip through the thread pool."""
    from mendkit.errors import NotAllowedError

    if not practice_on(request):
        return
    path = request.url.path
    if path in _OPEN_PAGES:
        return
    vault = state(request).vault
    if vault.opened() is None and not vault.changed_elsewhere:  # no key at start (_lifespan)
        raise HTTPException(status_code=503, detail=_NO_KEY)
    if path.startswith(("/journal", "/api/journal")) or (
            path.startswith("/analyse/") and path.endswith("/save")):
        raise NotAllowedError(_SINGLE_USER_OFF)
    _, user = await run_in_threadpool(_signed_in, request)
    request.state.practice_person = user.id
    request.state.practice_role = user.role  # what a result page offers (keep it, or export it)
    # The classifier keeps this request's readings for this account alone: a reading made for
    # someone else never answers it, so how fast an answer comes tells no one what another
    # person checked. (Set in the request's own context, which ends with it.)
    read_for(f"account:{user.id}")


def _accounts(request: Request) -> Accounts:
    return practice_of(request.app).accounts(state(request).vault)


def _signed_in(request: Request, role: str | None = None) -> tuple[Accounts, User]:
    from mendkit.errors import NotAllowedError

    accounts = _accounts(request)
    user = accounts.session_user(request.cookies.get(SESSION_COOKIE))
    if role is not None and user.role != role:
        raise NotAllowedError(f"This page is for {role}s. You are signed in as a {user.role}.")
    return accounts, user


def _csrf(request: Request, token: str) -> None:
    from mendkit.web.pages import require_csrf

    require_csrf(request, token)


# -- signing in and out ---------------------------------------------------------------------
@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request) -> Response:
    from mendkit.errors import NotSignedInError

    accounts = _accounts(request)
    try:
        accounts.session_user(request.cookies.get(SESSION_COOKIE))
        return RedirectResponse("/practice", status_code=303)
    except NotSignedInError:
        pass
    bye = request.query_params.get("bye") == "1"
    return render(request, "accounts_login.html", {
        "title": "Sign in", "page": "practice",
        "notice": "You are signed out." if bye else ""})


@router.post("/login")
def login(  # noqa: PLR0917 (one parameter per form field)
    request: Request, csrf_token: Annotated[str, Form()] = "",
    username: Annotated[str, Form()] = "", password: Annotated[str, Form()] = "",
    draft_kind: Annotated[str, Form()] = "", draft_who: Annotated[str, Form()] = "",
    draft_text: Annotated[str, Form()] = "", draft_uptake: Annotated[str, Form()] = "",
    draft_score: Annotated[str, Form()] = "",
) -> Response:
    """Sign in. The form may carry an entry that a client sent after their session had ended
    (``draft_*``, see :func:`add_entry`): it is shown again in the client's form, not saved, so
    that they see it and save it themselves."""
    from mendkit.errors import AccessError

    _csrf(request, csrf_token)
    accounts = _accounts(request)
    address = request.client.host if request.client else "unknown"
    draft = _draft(draft_kind, draft_who, draft_text, draft_uptake, draft_score)
    try:
        signed = accounts.sign_in(_typed_name(username), password[:1024], address=address)
    except AccessError as exc:
        if draft is None:
            raise
        return _sign_in_again(request, draft, str(exc), exc)  # the entry still in the form
    accounts.sign_out(request.cookies.get(SESSION_COOKIE))  # a new session, never an old one
    response: Response = RedirectResponse("/practice", status_code=303)
    if draft is not None and signed.user.role == "client":
        response = _client_page(request, accounts, signed.user, draft=draft)
    response.set_cookie(SESSION_COOKIE, signed.token, httponly=True, samesite="strict",
                        secure=request.url.scheme == "https", path="/")
    return response


@router.get("/logout", response_class=HTMLResponse)
def logout_form(request: Request) -> Response:
    """Typed into the address bar: the sign-out button (signing out needs the form's token)."""
    from mendkit.errors import NotSignedInError

    try:
        _, user = _signed_in(request)
    except NotSignedInError:
        user = None
    return render(request, "accounts_logout.html", {"title": "Sign out", "page": "practice",
                                                    "user": user})


@router.post("/logout")
def logout(request: Request, csrf_token: Annotated[str, Form()] = "") -> Response:
    _csrf(request, csrf_token)
    _accounts(request).sign_out(request.cookies.get(SESSION_COOKIE))
    response = RedirectResponse("/login?bye=1", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="strict")
    # The two-person seat is the person's too: the next one to sign in here must not find it.
    response.delete_cookie(SEAT_COOKIE, path="/coach/pair", httponly=True, samesite="strict")
    return response


@router.get("/practice")
def practice_home(request: Request) -> Response:
    _, user = _signed_in(request)
    return RedirectResponse(f"/practice/{user.role}", status_code=303)


# -- one's own password ----------------------------------------------------------------------
@router.get("/practice/password", response_class=HTMLResponse)
def password_form(request: Request) -> Response:
    _, user = _signed_in(request)
    return render(request, "practice_password.html", {
        "title": "Change your password", "page": "practice", "user": user,
        "saved": request.query_params.get("saved") == "1"})


@router.post("/practice/password")
def change_password(request: Request, csrf_token: Annotated[str, Form()] = "",
                    current: Annotated[str, Form()] = "", new: Annotated[str, Form()] = "",
                    again: Annotated[str, Form()] = "") -> Response:
    """A signed-in person's new password: the one they have now first (counted by the sign-in
    limit like any other try); their other sessions end, this one stays."""
    import unicodedata

    from mendkit.errors import NotSignedInError

    _csrf(request, csrf_token)
    accounts, user = _signed_in(request)
    address = request.client.host if request.client else "unknown"

    def again_with(message: str, field: str) -> Response:  # the form again, saying why
        return render(request, "practice_password.html", {
            "title": "Change your password", "page": "practice", "user": user, "saved": False,
            "error": message, "field": field}, status=400)

    try:
        accounts.authenticate(user.username, current[:1024], address=address, by=user,
                              failed="password_check_failed")
    except NotSignedInError:
        return again_with("That is not your password now, so nothing was changed. Type it "
                          "again.", "current")
    if new != again:
        return again_with("The two new passwords differ, so nothing was changed. Type them "
                          "again.", "new")
    if unicodedata.normalize("NFKC", new) == unicodedata.normalize("NFKC", current[:1024]):
        return again_with("The new password is the one you have now, so nothing was changed. "
                          "Choose a different one.", "new")
    try:
        accounts.set_password(user.username, new, actor=user,
                              keep_token=request.cookies.get(SESSION_COOKIE))
    except InvalidInputError as exc:  # too short, or easy to guess: said as the others are
        said = exc.reason.rstrip(".")
        return again_with(f"{said[:1].upper()}{said[1:]}. Nothing was changed.", "new")
    return RedirectResponse("/practice/password?saved=1", status_code=303)


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


# -- what the forms and paths carry -------------------------------------------------------
def _typed_name(value: str) -> str:
    """A username as typed, ready to look up: at most 64 characters, and a NUL (which no
    account's name has, and which PostgreSQL cannot even compare) as U+FFFD, so that it simply
    matches no one, as on SQLite."""
    return value[:64].replace("\x00", "\ufffd")


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
