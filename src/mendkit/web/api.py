"""The JSON API: the same services as the pages (``mendkit.analyze``, ``mendkit.check``).

JSON bodies only: a cross-site page cannot send ``application/json`` without a preflight, which
this app never grants, so the API needs no CSRF token.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Coroutine
from functools import partial
from typing import Annotated, Any, Literal

import anyio
from anyio.lowlevel import RunVar
from fastapi import APIRouter, HTTPException, Path, Request, Security
from fastapi.responses import JSONResponse, Response
from fastapi.routing import APIRoute
from fastapi.security import APIKeyCookie
from pydantic import BaseModel, ConfigDict, Field, StrictInt

from mendkit._unicode import has_lone_surrogate
from mendkit.api import MAX_CONTEXT, MAX_MESSAGE, check
from mendkit.errors import InvalidInputError
from mendkit.web.accounts import SESSION_COOKIE
from mendkit.web.app import region_of, state, stores_for
from mendkit.web.services import MAX_UPLOAD, OLDER_HEADS_NOTICE, analyse_text


class ApiError(BaseModel):
    error: str = Field(description="what went wrong and what to send instead")


# Every API answer that is not a success is ``{"error": ...}`` (see app.py's handlers).
ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ApiError, "description": "the input could not be read (the message says why)"},
    401: {"model": ApiError, "description": "a practice's Mend only: sign in first (at /login)"},
    413: {"model": ApiError, "description": "the request body is over the size limit"},
    415: {"model": ApiError, "description": "the body is not application/json"},
    503: {"model": ApiError, "description": "a practice's Mend only: the server was started "
          "without the journal's passphrase, so no one can sign in yet"},
}
# In a practice (after ``mend accounts init``) the API needs the cookie that signing in sets; a
# one-person Mend needs none. The scheme is here to be published: accounts.practice_gate checks it.
SIGNED_IN = APIKeyCookie(name=SESSION_COOKIE, scheme_name="mend_session", auto_error=False,
                         description="a practice's Mend only: the cookie that signing in at "
                         "/login sets; a one-person Mend needs none")
SIGN_IN_IF_A_PRACTICE: dict[str, Any] = {"security": [{}]}  # the alternative: no cookie


class AnalyzeRequest(BaseModel):
    # Its limit is on the text as UTF-8, as for an upload (api_analyze: 413 over it), so a long
    # text over the limit is not echoed back in a 422.
    text: str = Field(description="the conversation, in any supported format: at most "
                      f"{MAX_UPLOAD // (1024 * 1024)} MB as UTF-8 (413 over it)", min_length=1)
    filename: str = Field("conversation.txt", description="only its extension picks the format; "
                          "with .txt (the default) JSON, JSON Lines and CSV are told by their "
                          "content")
    mode: Literal["full", "rules"] = "full"


class CheckRequest(BaseModel):
    # Over a limit: 422, as for any other value out of range (`mend check` exits with 1 there).
    text: str = Field(min_length=1, max_length=MAX_MESSAGE,
                      description=f"the message: at most {MAX_MESSAGE} characters (422 over it)")
    context: list[Annotated[str, Field(max_length=MAX_MESSAGE)]] = Field(
        default_factory=list, max_length=MAX_CONTEXT,
        description=f"the messages before it, oldest first, each at most {MAX_MESSAGE} characters")
    mode: Literal["full", "rules"] = "full"


_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
_WITH_BODY = ("POST", "PUT", "PATCH")


def _is_json(request: Request) -> bool:
    return request.headers.get("content-type", "").split(";")[0].strip().lower() == (
        "application/json")


async def json_request(request: Request) -> None:
    """What every API request with a body must be (a dependency of the API's routers, so it is
    answered before the body is validated): JSON (415 otherwise), and whole Unicode characters.
    JSON can escape half of one (``"\\ud83d"``, a lone surrogate: an emoji cut in two), which
    reads as a string but can be neither stored nor sent back (400)."""
    if request.method not in _WITH_BODY:
        return
    if not _is_json(request):
        raise HTTPException(status_code=415, detail="send application/json")
    body = await request.body()  # read once: FastAPI's own reading gets the same bytes
    if _SURROGATE_ESCAPE.search(body) and has_lone_surrogate(_parsed(body)):
        raise HTTPException(status_code=400, detail=(
            "expected text made of whole characters; found half of one (a lone surrogate "
            "such as \\ud83d, as when an emoji is cut in two)"))


class JsonRoute(APIRoute):
    """An API route whose JSON body must be UTF-8, the encoding JSON is sent in (RFC 8259).

    Checked before FastAPI reads the body, and so before any dependency runs: FastAPI would
    answer a body it cannot decode with only "There was an error parsing the body"."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def utf8_first(request: Request) -> Response:
            if request.method in _WITH_BODY and _is_json(request):
                body = await request.body()  # kept: FastAPI's own reading gets the same bytes
                if not body.isascii():
                    _require_utf8(body)
            return await handler(request)

        return utf8_first


def _require_utf8(body: bytes) -> None:
    try:
        body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise HTTPException(status_code=400, detail=(
            f"expected JSON encoded as UTF-8; byte 0x{body[exc.start]:02x} at position "
            f"{exc.start} is not UTF-8 (send the text as UTF-8)")) from None


def _parsed(body: bytes) -> object:
    try:
        return json.loads(body)
    except ValueError:
        return None  # FastAPI reports the broken JSON itself


router = APIRouter(prefix="/api", tags=["api"], responses=ERRORS,
                   dependencies=[Security(SIGNED_IN)], route_class=JsonRoute)
LOCKED: dict[int | str, dict[str, Any]] = {423: {
    "model": ApiError, "description": "the journal is locked: unlock it on the Journal page (or "
    "start mend serve with MEND_PASSPHRASE)"}}


def _json(value: dict[str, Any]) -> JSONResponse:
    """The answer as it is: the contract objects are plain JSON already, so FastAPI's validation
    and re-encoding of a ``dict[str, Any]`` would only cost time (most of a rules check's)."""
    return JSONResponse(value)


# The header that says a result was made without the person's heads, an earlier Mend's.
NOTICE_HEADER = "Mend-Notice"


def _noting_heads(response: JSONResponse, request: Request) -> JSONResponse:
    """``response``, with ``NOTICE_HEADER`` when the personal heads were left out as too old
    (the JSON itself is the contract of ``mend analyze --json``, unchanged)."""
    if state(request).older_heads():
        response.headers[NOTICE_HEADER] = OLDER_HEADS_NOTICE
    return response


@router.post("/analyze", response_model=dict[str, Any], openapi_extra=SIGN_IN_IF_A_PRACTICE)
async def api_analyze(body: AnalyzeRequest, request: Request) -> JSONResponse:
    """Analyse a conversation: the JSON contract of ``mend analyze --json``."""
    from mendkit.web.security import too_large_message

    job = partial(analyse_text, filename=body.filename, mode=body.mode,
                  region=region_of(request),
                  personal=state(request).personal())

    def answer() -> JSONResponse:  # the analysis and its JSON take seconds for a long one
        data = body.text.encode("utf-8")
        if len(data) > MAX_UPLOAD:  # what the Analyse form takes, however JSON escaped it
            raise HTTPException(status_code=413, detail=too_large_message(MAX_UPLOAD))
        return _json(job(data).to_dict())

    # Off the event loop, as one of the model's runs (as the Analyse form's analysis).
    return _noting_heads(await anyio.to_thread.run_sync(answer, limiter=model_limiter()),
                         request)


# One model run per core, plus one for the Python around it (rules, tokenising), the rest wait
# their turn in order: twenty runs at once on two cores would share the cores and each finish late
# (POST /api/check p95 with 20 clients: 101 ms without this, 74 ms with it; benchmarks/web_bench.py).
MODEL_RUNS = (os.cpu_count() or 1) + 1
_MODEL_LIMITER: RunVar[anyio.CapacityLimiter] = RunVar("mend_model_limiter")


def model_limiter() -> anyio.CapacityLimiter:
    """The event loop's limiter of concurrent model runs (one per loop: a limiter belongs to the
    loop it was made in)."""
    try:
        return _MODEL_LIMITER.get()
    except LookupError:
        limiter = anyio.CapacityLimiter(MODEL_RUNS)
        _MODEL_LIMITER.set(limiter)
        return limiter


_ON_THE_LOOP = 2000  # characters of a rules check run on the event loop itself


@router.post("/check", response_model=dict[str, Any], openapi_extra=SIGN_IN_IF_A_PRACTICE)
async def api_check(body: CheckRequest, request: Request) -> JSONResponse:
    """Score one message as a repair: the JSON contract of ``mend check --json``."""
    text = body.text  # as sent: the offsets index it, so a client can mark its own text box
    if not text.strip():
        raise InvalidInputError("expected a message to check, got an empty one")
    job = partial(check, text, region=region_of(request),
                  context=tuple(body.context), mode=body.mode,
                  personal=state(request).personal())
    # The rules on a short message take about a millisecond of pure Python: a worker thread
    # would only add its hand-over. The model, or the rules on long messages (seconds for the
    # longest context), run in a thread, so that other requests are answered meanwhile
    # (onnxruntime releases the GIL).
    short = len(text) + sum(map(len, body.context)) <= _ON_THE_LOOP
    result = job() if body.mode == "rules" and short else await anyio.to_thread.run_sync(
        job, limiter=model_limiter())
    return _noting_heads(_json(result.to_dict()), request)


class CoachStart(BaseModel):
    # A key it does not know ("attachement") is refused (422, naming it), never dropped: a
    # session started without what the client meant to send would coach on quietly without it.
    model_config = ConfigDict(extra="forbid")

    attachment: Literal["anxious", "avoidant", "disorganised"] | None = None
    relationship_id: StrictInt | None = Field(  # not true, 1.0 or "1" (422)
        None, ge=1, description="Which relationship is this about? (optional) The id of a "
        "relationship in the unlocked journal (GET /api/journal/relationships): the session is "
        "saved under it from its first step, as the Coach page saves it; left out, with no "
        "relationship. One the journal does not have is a 404; without a journal, or in a "
        "practice, it is refused (400). Either way nothing is saved")


class CoachAnswer(BaseModel):
    model_config = ConfigDict(extra="forbid")  # "anwser" is refused, not read as no answer

    answer: str = Field("", max_length=5000)
    position: int | None = Field(None, ge=0, description="the position this answer is for (from "
                                 "the previous reply); a stale one is refused with 409")


def _step(step: Any) -> dict[str, Any]:
    return {"id": step.session.id, "state": step.session.state.value, "said": list(step.said),
            "question": step.question or None, "done": step.done, "stopped": step.stopped,
            "position": step.position}


# Saving a session under a relationship is the one-person journal's: not without one, nor in a
# practice (where a session is its person's alone), as on the Coach page.
NO_JOURNAL = ("A session can be saved under a relationship of your journal only, and there is no "
              "journal yet: leave out relationship_id, or create a journal first.")
IN_A_PRACTICE = ("In a practice, a coach session is yours alone and is not saved under a "
                 "relationship: leave out relationship_id.")


@router.post("/coach", openapi_extra=SIGN_IN_IF_A_PRACTICE, responses={
    404: {"model": ApiError, "description": "relationship_id is no relationship of the journal; "
          "no session was started"}, **LOCKED})
def api_coach_start(body: CoachStart, request: Request) -> dict[str, Any]:
    """Start a Healing Cycle session: its id and the first question; with ``relationship_id``,
    saved under that relationship of the journal."""
    from mendkit.journal.stores import linked_session_store
    from mendkit.web import coach
    from mendkit.web.coach_pages import clock
    from mendkit.web.practice_access import practice_on

    with stores_for(request) as stores:
        sessions = stores.sessions
        if body.relationship_id is not None:
            if practice_on(request):
                raise InvalidInputError(IN_A_PRACTICE)
            if stores.journal is None:
                raise InvalidInputError(NO_JOURNAL)
            # Checked before anything is saved: one the journal does not have is a 404.
            sessions = linked_session_store(stores.journal, body.relationship_id)
        return _step(coach.begin(sessions, region=region_of(request),
                                 attachment=body.attachment, now=clock(request)))


@router.post("/coach/{session_id}", openapi_extra=SIGN_IN_IF_A_PRACTICE, responses={
    404: {"model": ApiError, "description": "no coach session with that id"},
    409: {"model": ApiError, "description": "the answer is not for the current step; nothing "
          "changed"}, **LOCKED})
def api_coach_answer(session_id: Annotated[str, Path(
                         description="12 hex digits, as in the id a new session gets",
                         json_schema_extra={"pattern": "^[0-9a-f]{12}$"})],  # checked: 400
                     body: CoachAnswer, request: Request) -> dict[str, Any]:
    """Answer the current question: what the coach says, and the next question (or the end)."""
    from mendkit.web import coach
    from mendkit.web.coach_pages import clock

    with stores_for(request) as stores:
        store = stores.sessions
        session = coach.load(store, session_id)
        if body.position is not None and body.position != coach.position(session):
            raise HTTPException(status_code=409, detail="that answer is not for the current step; "
                                f"the session is at position {coach.position(session)}")
        return _step(coach.advance(store, session, body.answer, region=region_of(request),
                                   now=clock(request)))
