"""The server-rendered pages: analyse, check, settings/about (the journal's pages are in
``journal_pages``, the coach's in ``coach_pages``). Every form carries a CSRF token."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.datastructures import FormData
from starlette.datastructures import UploadFile as StarletteUpload

from mendkit.analysis.language import TURN_NOTE, unreadable_turns
from mendkit.analysis.safety import alert_parts, regions
from mendkit.api import MAX_MESSAGE, check, too_long
from mendkit.corrections import Correction, already_recorded
from mendkit.critic import COMPONENT_WEIGHTS, is_unread, missing_components, sensed_components
from mendkit.errors import InvalidInputError
from mendkit.labels import LABELS
from mendkit.model import Analysis, CheckResult
from mendkit.web.app import REGION_COOKIE, person_of, region_of, render, state, stores_for
from mendkit.web.coach_pages import router as coach_router
from mendkit.web.security import CSRF_COOKIE, token_ok, whole_number
from mendkit.web.services import (
    MAX_UPLOAD,
    OLDER_HEADS_PAGE_NOTICE,
    PASTED,
    analyse_text,
    to_csv,
)
from mendkit.web.timeline import label_words, timeline

router = APIRouter(include_in_schema=False)
router.include_router(coach_router)  # the coach's pages: mendkit.web.coach_pages
_RESULT_ID = re.compile(r"[0-9a-f]{24}")
# A count or an id sent in a query or a form: ASCII digits, few enough for int() and the database
# (Python refuses to convert over 4,300 digits; SQLite's integers stop at 2**63 - 1).


def require_csrf(request: Request, submitted: str) -> None:
    if not token_ok(request.cookies.get(CSRF_COOKIE), submitted):
        raise HTTPException(status_code=403, detail="The form's security token did not match. "
                            "Reload the page and try again.")


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> Response:
    # A practice's people start at their own page (the sign-in form, until they sign in).
    return RedirectResponse("/practice" if state(request).practice else "/analyse",
                            status_code=303)


@router.get("/analyse", response_class=HTMLResponse)
def analyse_form(request: Request) -> Response:
    return render(request, "analyse.html", {"title": "Analyse a conversation", "page": "analyse",
                                            "max_mb": MAX_UPLOAD // (1024 * 1024)})


@router.post("/analyse")
async def analyse_submit(request: Request) -> Response:
    # The form is read here, not by FastAPI: pasted text may be as long as a file (MAX_UPLOAD),
    # and a form field's default limit is 1 MB.
    async with request.form(max_part_size=MAX_UPLOAD + 1) as form:
        require_csrf(request, _field(form, "csrf_token"))
        file = form.get("file")
        mode = _field(form, "mode") or "full"
        if isinstance(file, StarletteUpload) and file.filename:
            data = await file.read(MAX_UPLOAD + 1)
            name = file.filename
        else:
            data, name = _field(form, "text").encode("utf-8"), PASTED
    from functools import partial

    import anyio.to_thread

    from mendkit.web.api import model_limiter

    job = partial(analyse_text, data, filename=name, mode=mode, region=region_of(request),
                  personal=state(request).personal())
    # Off the event loop (a long conversation takes seconds, and meanwhile no one else would
    # be answered), as one of the model's runs, as the API's.
    analysis = await anyio.to_thread.run_sync(job, limiter=model_limiter())
    key = state(request).results.put(analysis, owner=person_of(request))
    return RedirectResponse(f"/analyse/{key}", status_code=303)


def _field(form: FormData, name: str) -> str:
    """A text field of a form ("" if missing, or if a file came in its place)."""
    value = form.get(name)
    return value if isinstance(value, str) else ""


def analysis_result(request: Request, key: str) -> Analysis:
    state(request).vault.notice_rekey()  # changed elsewhere: locked, and the results forgotten
    found = (state(request).results.get(key, owner=person_of(request))
             if _RESULT_ID.fullmatch(key) else None)
    if found is None:
        raise HTTPException(status_code=404, detail="That result is no longer here (Mend "
                            "keeps the last few results in memory only, and forgets them when "
                            "the journal is locked or Mend stops); analyse the conversation "
                            "again.")
    return found


@router.get("/analyse/{key}", response_class=HTMLResponse)
def analyse_result(request: Request, key: str, label: str = "") -> Response:
    from mendkit.web.journal_pages import relationships_if_open

    analysis = analysis_result(request, key)
    if label and label not in LABELS:
        raise InvalidInputError(f"unknown label {label!r}")
    saved = request.query_params.get("saved") == "1"
    # the corrected turn: its thanks goes there
    turn = whole_number(request.query_params.get("turn"))
    saved_turn = turn if saved and turn is not None and turn < len(analysis.turns) else None
    return render(request, "timeline.html", {
        "relationships": relationships_if_open(request),
        "stored": (whole_number(request.query_params.get("stored"))
                   or state(request).results.saved_as(key)),
        "save_error": request.query_params.get("save_error") == "1",
        "already": request.query_params.get("already") == "1",
        "title": "Timeline", "page": "analyse", "key": key, "label": label,
        "analysis": analysis, "rows": timeline(analysis, label=label or None),
        # The crisis box's words, in parts with the turns they link to: `mend analyze`'s own.
        "crisis_alert": alert_parts(analysis.safety,
                                    {t.index: t.speaker for t in analysis.turns}, analysis.turns),
        "unread": set(unreadable_turns([t.text for t in analysis.turns])), "turn_note": TURN_NOTE,
        # The filter's choices: (the label it submits, the words its chips say).
        "labels": [(x, label_words(x)) for x in LABELS if x in analysis.summary["labels"]],
        "saved": saved, "saved_turn": saved_turn, "heads_notice": _heads_notice(request),
        # In a practice the one-person journal is off: a client keeps it on their Practice page.
        "practice_role": getattr(request.state, "practice_role", None)})


def _heads_notice(request: Request) -> str | None:
    """What a result page says when the personal heads were left out as an earlier Mend's."""
    return OLDER_HEADS_PAGE_NOTICE if state(request).older_heads() else None


@router.get("/analyse/{key}/export.json")
def export_json(request: Request, key: str) -> Response:
    import json

    body = json.dumps(analysis_result(request, key).to_dict(), ensure_ascii=False, indent=2)
    return Response(body, media_type="application/json",
                    headers={"content-disposition": 'attachment; filename="mend-analysis.json"'})


@router.get("/analyse/{key}/export.csv")
def export_csv(request: Request, key: str) -> Response:
    return PlainTextResponse(to_csv(analysis_result(request, key)), media_type="text/csv",
                             headers={"content-disposition":
                                      'attachment; filename="mend-analysis.csv"'})


@router.post("/corrections")
def correction(  # noqa: PLR0917 (one parameter per form field)
    request: Request, csrf_token: Annotated[str, Form()] = "",
    key: Annotated[str, Form()] = "", turn: Annotated[int, Form()] = -1,
    label: Annotated[str, Form()] = "", note: Annotated[str, Form()] = "",
) -> Response:
    require_csrf(request, csrf_token)
    analysis = analysis_result(request, key)
    if not 0 <= turn < len(analysis.turns):
        raise InvalidInputError(f"no turn {turn} in this conversation")
    found = analysis.turns[turn]
    if label not in found.labels:
        raise InvalidInputError(f"{label} was not found in turn {turn}")
    previous = analysis.turns[turn - 1].text if turn > 0 else ""
    source = ", ".join(sorted({e.source for e in found.evidence if e.label == label}))
    made = Correction(text=found.text, label=label, verdict="wrong", previous=previous,
                      source=source, note=note.strip()[:500])
    request.state.return_to = f"/analyse/{key}#turn-{turn}"  # where unlocking leads, if locked
    with stores_for(request) as stores:
        if not already_recorded(stores.corrections, made):  # sent twice: kept once
            stores.corrections.add(made)
    return RedirectResponse(f"/analyse/{key}?saved=1&turn={turn}#turn-{turn}", status_code=303)


@router.get("/check", response_class=HTMLResponse)
def check_form(request: Request) -> Response:
    return render(request, "check.html", _check_page(result=None, text=""))


def _check_page(**values: object) -> dict[str, object]:
    # The API's limit (about six characters a word).
    hint = f"Up to {MAX_MESSAGE:,} characters (about {MAX_MESSAGE // 6000 * 1000:,} words)."
    return {"title": "Check a message", "page": "check", "size_hint": hint, **values}


@router.post("/check", response_class=HTMLResponse)
async def check_submit(request: Request) -> Response:
    # The form is read here, not by FastAPI: a field's default limit is 1 MB, past which the
    # framework answers in its own words. Up to the body's limit the page says what it takes.
    async with request.form(max_part_size=MAX_UPLOAD + 1) as form:
        require_csrf(request, _field(form, "csrf_token"))
        text, context, mode = (_field(form, name) for name in ("text", "context", "mode"))
    # A browser sends a text area's line breaks as CRLF (HTML's form encoding): the message as
    # typed has one character per break, as `mend check` and /api/check count it.
    text, context = (value.replace("\r\n", "\n") for value in (text, context))
    if not text.strip():
        raise InvalidInputError("expected a message to check, got an empty one")
    too_long = _over_the_limit(text, context)
    if too_long is not None:
        field, message = too_long
        return render(request, "check.html", _check_page(
            result=None, text=text, context=context, too_long=message, invalid_field=field),
            status=400)  # as the other pages' forms (the API's 422 is FastAPI's own)
    import anyio.to_thread

    from mendkit.web.api import model_limiter

    def job() -> CheckResult:
        return check(text, region=region_of(request),  # offsets index what was sent
                     context=(context.strip(),) if context.strip() else (),
                     mode="rules" if mode == "rules" else "full",
                     personal=state(request).personal())

    # Off the event loop, as one of the model's runs (as the API's check).
    result = await anyio.to_thread.run_sync(job, limiter=model_limiter())
    from mendkit.web.timeline import issue_marks

    return render(request, "check.html", _check_page(
        result=result, text=text.strip(), context=context,
        heads_notice=_heads_notice(request), components=component_rows(result),
        unreadable=is_unread(result),
        marked=issue_marks(result)))


def _over_the_limit(text: str, context: str) -> tuple[str, str] | None:
    """(the field, what to say) when the message or its context is longer than the API takes."""
    if len(text) > MAX_MESSAGE:
        return "text", too_long("Your message", len(text))
    if len(context) > MAX_MESSAGE:
        return "context", too_long("What the other person said last", len(context))
    return None


def component_rows(result: CheckResult) -> list[tuple[str, str, str]]:
    """Each repair component as the Check page lists it, (name, class, words), saying what the
    terminal says: present, sensed by the model (or given by the person's own corrections) with
    no phrase to point at, or not yet there."""
    sensed = set(sensed_components(result))
    asked = set(missing_components(result))
    rows = []
    for name, present in result.components.items():
        if present:
            rows.append((name, "yes", "yes"))
        elif name in sensed:
            label = COMPONENT_WEIGHTS[name][0]
            sources = [e.source for e in result.evidence if e.label == label]
            corrected = any(s.startswith("personal:") for s in sources)
            rows.append((name, "sensed", "from your corrections" if corrected
                         else "sensed by the model, with no phrase to point at"))
        elif name in asked:
            rows.append((name, "no", "not yet"))
        else:  # not asked of this message (a limit, a letter, their act taken on)
            rows.append((name, "no", "not needed here"))
    return rows


@router.get("/about", response_class=HTMLResponse)
def about(request: Request) -> Response:
    from mendkit.web.journal_pages import settings_page

    return settings_page(request)


@router.post("/about")
def about_submit(request: Request, csrf_token: Annotated[str, Form()] = "",
                 region: Annotated[str, Form()] = "") -> Response:
    require_csrf(request, csrf_token)
    if region not in regions():
        raise InvalidInputError(f"Mend has no resources for region {region!r}")
    response = RedirectResponse("/about?saved=1", status_code=303)
    response.set_cookie(REGION_COOKIE, region, httponly=True, samesite="strict", path="/",
                        max_age=365 * 24 * 3600)
    return response

