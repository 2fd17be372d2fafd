"""The app factory: ``create_app(settings)`` wires the pages, the API, the static files and the
security middleware. Run it with ``mend serve`` (uvicorn on 127.0.0.1:8765 by default).

Errors become HTTP statuses here, in one place: bad input 400, a locked journal 423 (a page asked
for goes to the unlock form; a form sent gets it, saying what was not saved), nothing with that
id 404."""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator, Iterator, Mapping
from contextlib import AbstractContextManager, asynccontextmanager, contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fastapi import Depends, FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from mendkit._version import __version__
from mendkit.config import Settings
from mendkit.critic import issue_name, suggestion_line
from mendkit.errors import (
    NOT_SIGNED_IN,
    AccessError,
    ConfigError,
    InvalidInputError,
    JournalError,
    JournalLockedError,
    NotAllowedError,
    NotInJournalError,
    NotSignedInError,
    TooManyAttemptsError,
)
from mendkit.models.personal import PersonalHeads, personal_dir
from mendkit.models.personal import load as load_personal
from mendkit.models.personal import older_heads as written_earlier
from mendkit.storage import Stores, adopt_plain_files, journal_stores, plain_stores
from mendkit.web.contacts import contact_links
from mendkit.web.security import CSRF_COOKIE, HeadAsGet, SecurityMiddleware, new_token
from mendkit.web.services import MAX_UPLOAD, ResultCache
from mendkit.web.vault import JournalVault

if TYPE_CHECKING:
    from mendkit.journal.repository import Journal

HERE = Path(__file__).resolve().parent
NOT_THERAPY = "Mend is a self-help and practice aid. It is not therapy or a diagnosis."
REGION_COOKIE = "mend_region"
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]")


@dataclass
class WebState:
    settings: Settings
    templates: Jinja2Templates
    vault: JournalVault
    results: ResultCache = field(default_factory=ResultCache)
    practice: bool = False  # the journal is a practice's (``mend accounts init``): sign-in first
    practice_checked: object = None  # the opened journal last asked whether it is a practice's
    _adopted: bool = False
    adopted_notice: str = ""  # what was moved from plain files (or set aside): told once
    # (file mtime, heads, whether an earlier Mend wrote them): read once each time the file changes
    _personal: tuple[int, PersonalHeads | None, bool] | None = None

    def personal(self) -> PersonalHeads | None:
        """The heads ``mend train`` fitted on this person's corrections, read again when the file
        changes (so training while the app runs takes effect at the next request). None in a
        practice: one person's corrections must not shape what everyone else is shown."""
        return self._heads()[0]

    def older_heads(self) -> bool:
        """Whether the heads were written by an earlier ``mend train`` and are left out (so a page
        or an answer says so); never in a practice. Read with the heads, when the file changes
        (not once per request: ``heads_notice`` reads and parses the whole file)."""
        return self._heads()[1]

    def _heads(self) -> tuple[PersonalHeads | None, bool]:
        if self.practice:
            return None, False
        home = self.settings.home
        try:
            stamp = (personal_dir(home) / "heads.json").stat().st_mtime_ns
        except OSError:
            return None, False
        if self._personal is None or self._personal[0] != stamp:
            self._personal = (stamp, load_personal(home), written_earlier(home))
        return self._personal[1], self._personal[2]

    @contextmanager
    def stores(self, person: int | None = None) -> Iterator[Stores]:
        """Coach sessions and corrections for one request: in the unlocked journal when there is
        a journal (a locked one raises ``JournalLockedError``: the page asks to unlock it), else
        plain files. The first use of the journal moves plain files left from before into it.
        In a practice, the coach sessions and two-person answers are ``person``'s (the signed-in
        user's, ``mendkit.journal.stores``): they see only the sessions they began, and none of
        it is part of the single-user journal. Plain files are not moved into a practice's
        journal: they would be no one's."""
        if self.vault.status() == "missing":
            yield plain_stores(self.settings.home)
            return
        with self.vault.use() as journal:
            if self.practice:
                yield practice_stores(journal, person)
                return
            if not self._adopted:
                self.adopted_notice = adopt_plain_files(journal, self.settings.home)
                self._adopted = True
                if self.adopted_notice:  # the server's terminal hears of it too
                    logging.getLogger("mendkit.web").warning("%s", self.adopted_notice)
            yield journal_stores(journal, self.adopted_notice)


def practice_stores(journal: Journal, person: int | None) -> Stores:
    """A practice's stores for the signed-in ``person`` (no one signed in: refused)."""
    from mendkit.journal.stores import JournalPairStore, JournalSessionStore

    if person is None:
        raise NotSignedInError(NOT_SIGNED_IN)
    return replace(journal_stores(journal), sessions=JournalSessionStore(journal, owner_id=person),
                   pairs=JournalPairStore(journal, owner_id=person))


def person_of(request: Request) -> int | None:
    """In a practice, the signed-in person's id (set by ``accounts.practice_gate``); else None."""
    person: int | None = getattr(request.state, "practice_person", None)
    return person


def stores_for(request: Request) -> AbstractContextManager[Stores]:
    """The request's stores (in a practice, scoped to the signed-in person)."""
    return state(request).stores(person_of(request))


def create_app(settings: Settings, *, allowed_hosts: list[str] | None = None) -> FastAPI:
    """The app. ``allowed_hosts`` (``mend serve`` passes the loopback names) refuses requests
    for any other Host, so a web page elsewhere cannot reach Mend by DNS rebinding."""
    from mendkit.web import accounts, api, journal_api, journal_pages, pages, practice_entries

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        import anyio.to_thread

        from mendkit.analysis import pipeline

        # The rules compiled and the model loaded before the first request, in a worker thread
        # (the event loop stays free); done already when `mend serve` started the app.
        await anyio.to_thread.run_sync(pipeline.warm_up)
        yield
        state_of(app).vault.lock()  # forget the key; close the journal's connections

    app = FastAPI(title="Mend", version=__version__, docs_url=None, redoc_url=None,
                  openapi_url=None,  # served below, behind the practice's sign-in
                  description="Mend's local API. " + NOT_THERAPY, lifespan=lifespan)
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.globals.update(not_therapy=NOT_THERAPY, version=__version__,
                                 issue_name=issue_name, suggestion_line=suggestion_line)
    templates.env.filters["contact_links"] = contact_links  # tel: and sms: links to help
    vault = JournalVault(settings.home, url=settings.database_url, kdf=settings.journal_kdf)
    app.state.mend = WebState(settings=settings, templates=templates, vault=vault)
    vault.on_lock.append(app.state.mend.results.clear)  # a locked journal's results go too
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    # In a practice, these need a signed-in person and the one-person journal is off.
    gate = [Depends(accounts.practice_gate)]
    # The API first: a request is matched against the routes in order, and /api/check is the one
    # under load (no path of one router can match another's).
    api_gate = [*gate, Depends(api.json_request)]  # JSON, whole characters: before validation
    app.include_router(api.router, dependencies=api_gate)
    app.include_router(journal_api.router, dependencies=api_gate)
    app.include_router(pages.router, dependencies=gate)
    app.include_router(journal_pages.router, dependencies=gate)
    app.include_router(accounts.router)  # a practice's sign-in; 404 unless `mend accounts init`
    app.include_router(practice_entries.router)  # a client's own: keep, see, delete, export

    @app.get("/openapi.json", include_in_schema=False, dependencies=gate)
    async def _openapi() -> Response:
        return JSONResponse(app.openapi())

    @app.exception_handler(InvalidInputError)
    async def _bad_input(request: Request, exc: InvalidInputError) -> Response:
        return _error(request, 400, str(exc))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        if request.url.path.startswith("/api/"):
            # FastAPI's own answer (non-ASCII escaped, so that whatever was sent can be echoed
            # back, and a long value only in part), with the API's usual "error" in words.
            errors = [_brief_input(e) for e in exc.errors()]
            return Response(json.dumps({
                "error": "the request was not as expected: "
                + "; ".join(_api_where(e) for e in errors),
                "detail": jsonable_encoder(errors)}),
                status_code=422, media_type="application/json")
        return _error(request, 400, "The form was not filled in as expected ("
                      + "; ".join(_where(e) for e in exc.errors()) + "). Go back and try again.")

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        # A form sent about something gone (a result forgotten when the journal was locked or
        # Mend restarted): nothing of it was saved, so the page shows what was typed, to copy.
        kept = (await _typed(request) if exc.status_code == 404 and request.method == "POST"
                and not _wants_json(request) else [])
        response = _error(request, exc.status_code, str(exc.detail), kept=kept)
        response.headers.update(exc.headers or {})  # e.g. Allow on 405, as RFC 9110 asks
        if exc.status_code == 405:  # every method of the path, not only the first route's
            response.headers["allow"] = ", ".join(_methods_of(request))
        return response

    @app.exception_handler(AccessError)
    async def _access(request: Request, exc: AccessError) -> Response:
        # A practice's accounts: not allowed 403; too many failed sign-ins 429; else sign in 401.
        status = (403 if isinstance(exc, NotAllowedError)
                  else 429 if isinstance(exc, TooManyAttemptsError) else 401)
        if _wants_json(request) and str(exc) == NOT_SIGNED_IN:
            response = _error(request, status, _API_SIGN_IN)
        elif status == 403 or _wants_json(request):
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

    @app.exception_handler(JournalError)
    async def _journal(request: Request, exc: JournalError) -> Response:
        if _busy(exc):  # requests of this server or another process: nothing wrong was sent
            response = _error(request, 503, _BUSY)
            response.headers["retry-after"] = str(BUSY_RETRY_AFTER)
            return response
        if _unreachable(exc):  # PostgreSQL stopped or cut off: nothing wrong was sent
            response = _error(request, 503, str(exc))
            response.headers["retry-after"] = str(UNREACHABLE_RETRY_AFTER)
            return response
        if _key_changed(exc):  # `mend journal rekey` elsewhere: the vault forgets the old key
            state(request).vault.status()
            if state(request).practice:  # only a restart with the new key helps
                from mendkit.web.accounts import KEY_CHANGED

                return _error(request, 503, KEY_CHANGED)
        if isinstance(exc, JournalLockedError):
            if request.url.path.startswith("/api/"):
                return JSONResponse({"error": str(exc)}, status_code=423)
            return await _locked_page(request)
        return _error(request, 404 if isinstance(exc, NotInJournalError) else 400, str(exc))

    # Request bodies: the upload limit plus room for the form's other fields. A conversation
    # sent to the API as JSON can take up to six times its size (a control character or a
    # non-ASCII one written as \uXXXX): its 5 MB limit is checked on the decoded text.
    app.add_middleware(SecurityMiddleware, max_body=MAX_UPLOAD + 64 * 1024,
                       larger={"/api/analyze": 6 * MAX_UPLOAD + 64 * 1024})
    app.add_middleware(HeadAsGet)
    if allowed_hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)
    return app


BUSY_RETRY_AFTER = 2  # seconds
_BUSY = ("The journal was busy with other requests for too long, so nothing of this was saved. "
         "Everything saved before is safe. Try again in a moment.")


UNREACHABLE_RETRY_AFTER = 10  # seconds

# How ``mend serve`` runs uvicorn: h11 refuses a request whose headers pass 64 KB (httptools
# would take any size, and one client sending hundreds of MB of one header held up the others).
MAX_HEADERS = 64 * 1024
SERVER_OPTIONS: dict[str, Any] = {"http": "h11", "h11_max_incomplete_event_size": MAX_HEADERS}


async def _locked_page(request: Request) -> Response:
    """A page that needs the journal while it is locked. A page asked for goes to the unlock form,
    which leads back to it. A form sent was not saved: the unlock form says so, shows what was
    typed in it (to copy), and leads back to the page the form was on."""
    from urllib.parse import urlencode

    from mendkit.web.journal_pages import locked_door

    if request.method == "GET":
        here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse("/journal?" + urlencode({"next": here}), status_code=303)
    return locked_door(request, next_path=_page_of(request), kept=await _typed(request))


# The fields a person types in (not the choices, ids and tokens beside them), as the unlock page
# names them when it shows what was not saved. Never a password field.
_TYPED_FIELDS = {"answer": "Your answer", "what": "What happened", "message": "The message",
                 "when": "When", "name": "The name", "notes": "Notes", "note": "Your note",
                 "client": "The name or pseudonym", "text": "The text", "draft": "Your draft"}


async def _typed(request: Request) -> list[tuple[str, str]]:
    """What the person typed in the form they sent, as (what it is, the text). The route already
    read the form (Starlette keeps it on the request); one that cannot be read gives nothing."""
    try:
        form = await request.form()
    except Exception:  # only shown to help: never worth a second error
        return []
    return [(_TYPED_FIELDS[name], value) for name, value in form.multi_items()
            if name in _TYPED_FIELDS and isinstance(value, str) and value.strip()]


def _page_of(request: Request) -> str:
    """The page a form was sent from: the one its route names (``request.state.return_to``), else
    the nearest path above the form's that is a page (``/journal/relationships/3/entries`` is
    sent from ``/journal/relationships/3``), else the journal."""
    from starlette.routing import Match

    named: str = getattr(request.state, "return_to", "")
    if named:
        return named
    path = request.url.path
    while path:
        scope = {**request.scope, "method": "GET", "path": path}
        if any(route.matches(scope)[0] is Match.FULL for route in request.app.router.routes):
            return path
        path = path.rsplit("/", 1)[0]
    return "/journal"


def _unreachable(exc: JournalError) -> bool:
    from mendkit.journal.repository import DatabaseUnreachableError

    return isinstance(exc, DatabaseUnreachableError)


def _key_changed(exc: JournalError) -> bool:
    from mendkit.journal.repository import PassphraseChangedError

    return isinstance(exc, PassphraseChangedError)


def _busy(exc: JournalError) -> bool:
    """Whether the journal could not be written only because it was busy (SQLite's lock held by
    other writers past the busy timeout): the database error is the one the journal's error was
    raised while handling."""
    reason = str(getattr(exc.__cause__ or exc.__context__, "orig", ""))
    return "database is locked" in reason or "database is busy" in reason


def _where(error: Mapping[str, Any]) -> str:
    """One validation error in words: ``turn: a whole number expected``."""
    field = str(error.get("loc", ("", "?"))[-1])
    return f"{field}: {str(error.get('msg', 'not valid')).lower()}"


_API_SIGN_IN = ("Sign in first: this Mend serves a practice. Sign in on its /login page; the API "
                "then answers requests that carry the session cookie the sign-in sets.")
_ECHOED = 100  # characters of a long value sent back in a 422


def _brief_input(error: Mapping[str, Any]) -> dict[str, Any]:
    """A validation error with at most the start of the value that was sent (a 5 MB text over
    the limit is not sent back whole)."""
    value = error.get("input")
    if isinstance(value, str) and len(value) > _ECHOED:
        return {**error, "input": value[:_ECHOED] + "..."}
    if not isinstance(value, (str, int, float, bool)) and value is not None \
            and len(json.dumps(jsonable_encoder(value))) > 10 * _ECHOED:
        return {k: v for k, v in error.items() if k != "input"}
    return dict(error)


def _api_where(error: Mapping[str, Any]) -> str:
    """One validation error of a JSON body in words: ``context[0]: string should have at most
    20000 characters``."""
    where = ""
    for part in error.get("loc", ())[1:]:  # after "body" (or "query", "path")
        where += f"[{part}]" if isinstance(part, int) else f".{part}" if where else str(part)
    return f"{where or 'body'}: {str(error.get('msg', 'not valid')).lower()}"


def _methods_of(request: Request) -> list[str]:
    """The methods this path answers (a GET and a POST route can share one path; Starlette's own
    405 names only the first route's)."""
    from starlette.routing import Match

    allowed: list[str] = []
    for method in ("GET", "POST", "PUT", "PATCH", "DELETE"):
        scope = {**request.scope, "method": method}
        if any(route.matches(scope)[0] is Match.FULL for route in request.app.router.routes):
            allowed.append(method)
    return allowed


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
    vault = state(request).vault
    journal_status = vault.status()
    response = state(request).templates.TemplateResponse(
        request, template, {"csrf_token": token, "region": region_of(request),
                            "journal_status": journal_status,
                            "journal_lockable": (journal_status == "open" and vault.encrypted()
                                                 and not state(request).practice),
                            "practice": state(request).practice,
                            **context},
        status_code=status)
    if request.cookies.get(CSRF_COOKIE) != token:
        response.set_cookie(CSRF_COOKIE, token, httponly=True, samesite="strict", path="/")
    return response


def _wants_json(request: Request) -> bool:
    """The JSON API and its schema answer in JSON; everything else is a page."""
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


# An error page's title says where it happened and what went wrong (a screen reader says it
# first): "Journal: not found". The heading stays "That did not work".
_ERROR_AREAS = {"analyse": "Analyse", "corrections": "Analyse", "check": "Check",
                "coach": "Coach", "journal": "Journal", "about": "Settings",
                "practice": "Practice", "login": "Practice", "logout": "Practice"}
_ERROR_KINDS = {401: "sign in first", 403: "not allowed", 404: "not found",
                405: "not possible this way", 409: "changed meanwhile", 413: "too large",
                429: "too many tries", 503: "not available just now"}


def _error_title(request: Request, status: int) -> str:
    area = _ERROR_AREAS.get(request.url.path.strip("/").split("/", 1)[0])
    kind = _ERROR_KINDS.get(status, "that did not work")
    return f"{area}: {kind}" if area else kind[:1].upper() + kind[1:]


def _error(request: Request, status: int, message: str,
           kept: list[tuple[str, str]] | None = None) -> Response:
    """The error, as JSON for the API or as a page; ``kept``: what a form sent held, as (what
    it is, the text), shown as not saved."""
    if _wants_json(request):
        return JSONResponse({"error": message}, status_code=status)
    return render(request, "error.html", {"title": "That did not work",
                                          "page_title": _error_title(request, status),
                                          "message": message, "kept": kept or []},
                  status=status)
