"""Security for the local app: headers, a request size limit, and double-submit CSRF tokens."""

from __future__ import annotations

import hmac
import json
import re
import secrets
from collections.abc import Awaitable, Callable, Mapping, MutableMapping
from typing import Any

from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

CSRF_COOKIE = "mend_csrf"
CSRF_FIELD = "csrf_token"
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
HEADERS = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
)
# Pages and answers carry private text (journal entries, analyses, a practice's entries): no
# browser or proxy may keep a copy (a shared computer's back button would show them again).
# Only the static files, the same for everyone, may be cached.
NO_STORE = (b"cache-control", b"no-store")
STATIC_PREFIX = "/static/"


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_ok(cookie: str | None, submitted: str | None) -> bool:
    """The form's token must equal the cookie's (double submit), compared in constant time."""
    if not cookie or not submitted or len(cookie) < 32:
        return False
    return hmac.compare_digest(cookie.encode(), submitted.encode())


class SecurityMiddleware:
    """Adds the security headers to every response (and ``Cache-Control: no-store`` to all but
    the static files), rejects bodies over ``max_body`` with 413, early (from Content-Length) or
    as soon as a streamed body passes the limit, and lets a client that went away mid-request go
    (there is no one to answer, and it is no error). The paths in ``larger`` have a limit of
    their own (the 413's message still names ``max_body``'s: what the body carries is limited
    to that, the rest is room for its encoding)."""

    def __init__(self, app: ASGIApp, *, max_body: int, larger: Mapping[str, int] | None = None,
                 ) -> None:
        self.app = app
        self.max_body = max_body
        self.larger = dict(larger or {})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        headers = HEADERS if str(scope.get("path", "")).startswith(STATIC_PREFIX) \
            else (*HEADERS, NO_STORE)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in headers if k not in names]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        limit = self.larger.get(str(scope.get("path", "")), self.max_body)
        length = dict(scope.get("headers", [])).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > limit):
            await _too_large(send_with_headers, self.max_body, scope)
            return
        seen = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise BodyTooLarge(self.max_body)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send_with_headers(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except BodyTooLarge:
            if not started:
                await _too_large(send_with_headers, self.max_body, scope)
        except ClientDisconnect:
            return  # the client closed the connection while sending its request


class HeadAsGet:
    """HEAD answered as GET without the body, as RFC 9110 asks of a server that answers GET (link
    checkers and monitors send HEAD); FastAPI's routes list GET only."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return  # the body's parts are dropped; the last one ends the answer
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app({**scope, "method": "GET", HEAD_MARK: True}, receive, headers_only)


HEAD_MARK = "mend.head"  # in the scope of a HEAD request answered as GET


def is_head(scope: Scope) -> bool:
    """Whether this GET is a HEAD (:class:`HeadAsGet`): nothing of the body will be sent, so a
    route with a side effect of sending it (an audited read) must not have that effect."""
    return bool(scope.get(HEAD_MARK))


class BodyTooLarge(StarletteHTTPException):
    """A streamed body passed the limit. An HTTP error, so that FastAPI, reading the body when it
    is raised, passes it on as a 413 (any other error there becomes "error parsing the body")."""

    def __init__(self, limit: int) -> None:
        super().__init__(status_code=413, detail=too_large_message(limit))


def too_large_message(limit: int) -> str:
    return f"Too large: Mend accepts up to {limit // (1024 * 1024)} MB."


async def _too_large(send: Send, limit: int, scope: Scope) -> None:
    """413 before the app sees the request: JSON for the API (as its other errors), else text."""
    message = too_large_message(limit)
    if str(scope.get("path", "")).startswith("/api/"):
        body, kind = json.dumps({"error": message}).encode(), b"application/json"
    else:
        body, kind = (message + "\n").encode(), b"text/plain; charset=utf-8"
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", kind),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


_WHOLE_NUMBER = re.compile(r"[0-9]{1,18}")  # 18 digits: within what the database holds


def whole_number(text: str | None) -> int | None:
    """``text`` as a whole number, or None when it is not one that an id or a count can be (not
    digits, or too many of them).

    >>> whole_number("12"), whole_number("-1"), whole_number("9" * 5000)
    (12, None, None)
    """
    return int(text) if text is not None and _WHOLE_NUMBER.fullmatch(text) else None
