"""The app factory: ``create_app(settings)`` wires the pages, the API, the static files and the
security middleware. Run it with ``mend serve`` (uvicorn on 127.0.0.1:8765 by default)."""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from mendkit._version import __version__
from mendkit.config import Settings
from mendkit.errors import (
    AccessError,
    ConfigError,
    InvalidInputError,
    JournalError,
    NotAllowedError,
    TooManyAttemptsError,
)
from mendkit.storage import Stores, open_stores
from mendkit.web.security import CSRF_COOKIE, SecurityMiddleware, new_token
from mendkit.web.services import MAX_UPLOAD, ResultCache

HERE = Path(__file__).resolve().parent
NOT_THERAPY = "Mend is a self-help and practice aid. It is not therapy or a diagnosis."
REGION_COOKIE = "mend_region"


@dataclass
class WebState:
    settings: Settings
    templates: Jinja2Templates
    results: ResultCache = field(default_factory=ResultCache)
    _stores: Stores | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def stores(self) -> Stores:
        """Coach sessions and corrections: the journal when there is one (unlocked with
        MEND_PASSPHRASE, as the server cannot prompt), else plain files; opened once."""
        with self._lock:
            if self._stores is None:
                self._stores = open_stores(self.settings.home,
                                           url=os.environ.get("MEND_DATABASE_URL"),
                                           passphrase=_server_passphrase)
                if self._stores.notice:
                    print(self._stores.notice, file=sys.stderr)
            return self._stores

    def close(self) -> None:
        with self._lock:
            if self._stores is not None:
                self._stores.close()
                self._stores = None


def _server_passphrase() -> str:
    value = os.environ.get("MEND_PASSPHRASE") or os.environ.get("MEND_JOURNAL_KEY")
    if not value:
        raise JournalError("the journal is locked: start `mend serve` with MEND_PASSPHRASE set")
    return value


def create_app(settings: Settings) -> FastAPI:
    from mendkit.web import accounts, api, pages

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        state_of(app).close()  # the journal's connections, when it was opened

    app = FastAPI(title="Mend", version=__version__, docs_url=None, redoc_url=None,
                  description="Mend's local API. " + NOT_THERAPY, lifespan=lifespan)
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.globals.update(not_therapy=NOT_THERAPY, version=__version__)
    app.state.mend = WebState(settings=settings, templates=templates)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    app.include_router(pages.router)
    app.include_router(api.router)
    app.include_router(accounts.router)  # a practice's sign-in; 404 unless `mend accounts init`

    @app.exception_handler(InvalidInputError)
    async def _bad_input(request: Request, exc: InvalidInputError) -> Response:
        return _error(request, 400, str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        response = _error(request, exc.status_code, str(exc.detail))
        response.headers.update(exc.headers or {})  # e.g. Allow on 405, as RFC 9110 asks
        return response

    @app.exception_handler(JournalError)
    async def _journal(request: Request, exc: JournalError) -> Response:
        return _error(request, 503, str(exc))

    @app.exception_handler(AccessError)
    async def _access(request: Request, exc: AccessError) -> Response:
        # A practice's accounts: not allowed 403; too many failed sign-ins 429; else sign in 401.
        status = (403 if isinstance(exc, NotAllowedError)
                  else 429 if isinstance(exc, TooManyAttemptsError) else 401)
        if status == 403 or request.url.path.startswith("/api/"):
            response = _error(request, status, str(exc))
        else:  # the sign-in form, with why
            response = render(request, "accounts_login.html",
                              {"title": "Sign in", "page": "practice", "message": str(exc)},
                              status=status)
        if isinstance(exc, TooManyAttemptsError):
            response.headers["retry-after"] = str(exc.retry_after)
        return response

    @app.exception_handler(ConfigError)
    async def _bad_config(request: Request, exc: ConfigError) -> Response:
        return _error(request, 400, str(exc))

    # Request bodies: the upload limit plus room for the form's other fields.
    app.add_middleware(SecurityMiddleware, max_body=MAX_UPLOAD + 64 * 1024)
    return app


def state(request: Request) -> WebState:
    return state_of(request.app)


def state_of(app: FastAPI) -> WebState:
    value: WebState = app.state.mend
    return value


def region_of(request: Request) -> str:
    from mendkit.analysis.safety import regions

    chosen = request.cookies.get(REGION_COOKIE, "")
    return chosen if chosen in regions() else state(request).settings.region


def render(request: Request, template: str, context: dict[str, object], *,
           status: int = 200) -> HTMLResponse:
    """A page with a CSRF token (the same one as the cookie's, or a new one set on the way out)."""
    token = request.cookies.get(CSRF_COOKIE) or new_token()
    response = state(request).templates.TemplateResponse(
        request, template, {"csrf_token": token, "region": region_of(request), **context},
        status_code=status)
    if request.cookies.get(CSRF_COOKIE) != token:
        response.set_cookie(CSRF_COOKIE, token, httponly=True, samesite="strict", path="/")
    return response


def _error(request: Request, status: int, message: str) -> Response:
    if request.url.path.startswith("/api/"):
        return JSONResponse({"error": message}, status_code=status)
    return render(request, "error.html", {"title": "That did not work", "message": message},
                  status=status)
