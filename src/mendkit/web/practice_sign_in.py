"""Signing in and out of a practice (see :mod:`mendkit.web.accounts`): the sign-in form (which can
carry an entry written after the session ended), signing out, and the Practice link's landing.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from mendkit.web.app import render
from mendkit.web.coach_pair import SEAT_COOKIE
from mendkit.web.practice_access import SESSION_COOKIE, _accounts, _csrf, _signed_in, _typed_name
from mendkit.web.practice_client import _client_page, _draft, _sign_in_again

router = APIRouter(include_in_schema=False)  # included by mendkit.web.accounts


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
