"""A signed-in person's own password in a practice (see :mod:`mendkit.web.accounts`): the form, and
the change (the password they have now first).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from mendkit.errors import InvalidInputError
from mendkit.web.app import render
from mendkit.web.practice_access import SESSION_COOKIE, _csrf, _signed_in

router = APIRouter(include_in_schema=False)  # included by mendkit.web.accounts


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
