"""The coach's pages: one step a page (Post/Redirect/Get), and two-person mode by join code.

The steps' logic is ``mendkit.web.coach`` (over the terminal's driver) and
``mendkit.web.coach_pair``; this module turns forms into answers and steps into pages. Every form
carries a CSRF token. The clock is ``app.state.coach_clock`` when set (tests freeze it), else the
computer's local time, which is also what the page shows.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from threading import Lock
from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from mendkit.analysis.language import COACH_UNREADABLE_ANSWER
from mendkit.analysis.safety import DEFAULT_REGION, crisis_message, resources_for
from mendkit.coach import content, goal_flow
from mendkit.coach.driver import (
    HELP_HEADING,
    IMAGES,
    add_to,
    back_at,
    kept_note,
    offered_addition,
    offered_draft,
    on_day,
    overloaded_session,
    review,
    says_commitment,
    session_kinds,
    stop_facts,
    stop_kinds,
    stop_plan,
    stop_words,
)
from mendkit.coach.machine import TERMINAL, State
from mendkit.coach.pair import (
    CALM_FIRST,
    EXPIRED,
    JOIN_WINDOW,
    QUESTIONS,
    SAFETY_AGAIN,
    PairAnswers,
    exchange,
    paused,
    too_long,
    typed,
)
from mendkit.coach.recap import recap_lines
from mendkit.coach.replies import is_help
from mendkit.coach.session import Session
from mendkit.coach.stops import for_an_adult
from mendkit.coach.store import PairStorage
from mendkit.errors import InvalidInputError, JournalError, JournalLockedError
from mendkit.web import coach, coach_pair
from mendkit.web.app import region_of, render, state, stores_for
from mendkit.web.practice_access import practice_on
from mendkit.web.security import CSRF_COOKIE, token_ok
from mendkit.web.timeline import issue_marks

router = APIRouter(include_in_schema=False)
TITLE = "Coach: the Healing Cycle"
_lock = Lock()
GROUNDING = (("5", "things you can see"), ("4", "things you can touch or feel"),
             ("3", "things you can hear"), ("2", "things you can smell"),
             ("1", "thing you can taste"))
# The same, when everything is too loud or too much: hearing is left to choose.
GROUNDING_OVERLOAD = tuple((n, f"{what} (optional: leave this out if sound is too much)")
                           if n == "3" else (n, what) for n, what in GROUNDING)
STEPS = ("Safety", "Recognise", "Regulate", "Your part", "Beneath", "Rebuild")
# The stages when repair is not the goal: the same start, then the goal's own steps.
GOAL_STEPS = {"grief": ("Safety", "Recognise", "Regulate", "Your letter"),
              "no_contact": ("Safety", "Recognise", "Regulate", "Your letter"),
              "ending": ("Safety", "Recognise", "Regulate", "Your decision", "Your message"),
              "boundary": ("Safety", "Recognise", "Regulate", "Your limit", "Your message")}


def _csrf(request: Request, submitted: str) -> None:
    if not token_ok(request.cookies.get(CSRF_COOKIE), submitted):
        raise HTTPException(status_code=403, detail="The form's security token did not match. "
                            "Reload the page and try again.")


def clock(request: Request) -> Callable[[], datetime]:
    found: Callable[[], datetime] = getattr(request.app.state, "coach_clock", datetime.now)
    return found


def _shared(request: Request, name: str, make: Callable[[], Any]) -> Any:
    with _lock:
        if not hasattr(request.app.state, name):
            setattr(request.app.state, name, make())
        return getattr(request.app.state, name)


def board(request: Request) -> coach.NoteBoard:
    found: coach.NoteBoard = _shared(request, "coach_notes", coach.NoteBoard)
    return found


def seats(request: Request) -> coach_pair.Seats:
    found: coach_pair.Seats = _shared(request, "coach_seats", coach_pair.Seats)
    return found


def _see(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def _stage(state: State) -> int:
    """Which of ``STEPS`` (or a goal's ``GOAL_STEPS``) a state belongs to (the follow-up counts
    as rebuilding; a goal's message and its check as its last)."""
    name = state.value
    for prefix, stage in (("safety", 0), ("welcome", 0), ("confirm", 0), ("recognise", 1),
                          ("regulate", 2),
                          ("on_break", 2), ("openness", 2), ("internal", 3),
                          ("responsibility", 3), ("vulnerability", 4), ("letter", 3),
                          ("ending", 3), ("boundary", 3), ("message", 4)):
        if name.startswith(prefix):
            return stage
    return 5


def _stages(session: Session) -> tuple[str, ...]:
    """The stages shown above a step: the Healing Cycle's, or the goal's own."""
    return GOAL_STEPS.get(session.goal(), STEPS)


@router.get("/coach", response_class=HTMLResponse)
def coach_start(request: Request) -> Response:
    with stores_for(request) as stores:
        recent, unreadable = coach.open_sessions(stores.sessions)
        moved = stores.notice
        # "Which relationship is this about?": offered from the unlocked one-person journal
        # (as ``mend coach --rel``), never in a practice, whose sessions are each person's own.
        relationships = (stores.journal.relationships()
                         if stores.journal is not None and not practice_on(request) else None)
        unprotected = _unprotected(request, stores)
    if moved:  # told once, on the page where the sessions are listed
        state(request).adopted_notice = ""
    return render(request, "coach.html", {"title": TITLE, "page": "coach", "recent": recent,
                                          "unreadable": unreadable, "moved": moved,
                                          "question_of": coach.question,
                                          "relationships": relationships,
                                          "unprotected": unprotected})


def _unprotected(request: Request, stores: Any) -> dict[str, str] | None:
    """Where sessions are kept without a passphrase (plain files, or a journal made with no
    encryption), so that the list shows none of their words; None when they are encrypted.

    Anyone who can use the computer can read what no passphrase locks: the list then names each
    session by its id and where it stands only (never who it is about or an answer quoted in a
    question), and says where the sessions are and how to lock or delete them."""
    if stores.journal is None:
        folder = getattr(stores.sessions, "folder", None)
        return {"kind": "files", "folder": str(folder) if folder is not None else ""}
    try:
        encrypted = state(request).vault.encrypted()
    except (JournalError, OSError):  # cannot tell: say nothing of them on the list
        encrypted = False
    return None if encrypted else {"kind": "journal", "folder": ""}


@router.post("/coach")
def coach_begin(request: Request, csrf_token: Annotated[str, Form()] = "",
                attachment: Annotated[str, Form()] = "",
                relationship: Annotated[str, Form()] = "") -> Response:
    from mendkit.journal.stores import linked_session_store
    from mendkit.web.security import whole_number

    _csrf(request, csrf_token)
    rel_id = whole_number(relationship.strip()) if relationship.strip() else None
    if relationship.strip() and rel_id is None:  # the form offers the journal's relationships
        raise InvalidInputError("Choose a relationship from the list, or none.")
    with stores_for(request) as stores:
        sessions = stores.sessions
        if rel_id is not None:
            if stores.journal is None or practice_on(request):
                raise InvalidInputError("A session can be saved under a relationship of your "
                                        "journal only: leave the relationship out.")
            # Saved under it from the first step, as ``mend coach --rel`` saves it.
            sessions = linked_session_store(stores.journal, rel_id)
        step = coach.begin(sessions, region=region_of(request),
                           attachment=attachment or None, now=clock(request))
    return _see(f"/coach/{step.session.id}")


def _saved_under(request: Request, journal: Any, session_id: str) -> Any:
    """The relationship of the one-person journal a session is saved under, or None."""
    if journal is None or practice_on(request):
        return None
    entry = journal.keyed("coach_session", session_id)
    if entry is None or entry.relationship_id is None:
        return None
    return journal.relationship(entry.relationship_id)


# ---- two-person mode (declared before /coach/{session_id}) ----

@router.get("/coach/pair", response_class=HTMLResponse)
def pair_home(request: Request, code: str = "") -> Response:
    return _pair_page(request, "home", code=code[:6].upper())


def _in_progress(request: Request) -> tuple[list[dict[str, Any]], list[str]]:
    """This browser's two-person sessions (the seats its cookie holds, that still open one), the
    most recent first: each one's code, the other person's name and where it stands; and a note
    for each session that could not be read (left out of the list, never an error page)."""
    held = coach_pair.seats_in(request.cookies.get(coach_pair.SEAT_COOKIE))
    try:
        with stores_for(request) as stores:
            return _sessions_of(request, stores.pairs, held)
    except JournalLockedError:  # the forms still show; the journal's own page unlocks it
        return [], []


def _sessions_of(request: Request, pairs: PairStorage, held: list[tuple[str, str]]
                 ) -> tuple[list[dict[str, Any]], list[str]]:
    found: list[dict[str, Any]] = []
    unreadable: list[str] = []

    def add(code: str, role: str) -> None:
        try:
            mine = coach_pair.read(pairs, code, role)
            other = coach_pair.read(pairs, code, coach_pair.other_role(role))
        except InvalidInputError as exc:
            unreadable.append(_sentence(str(exc)))
            return
        if mine is not None:
            found.append({"code": code, "other": other.name if other else "",
                          "status": _where(mine, other, role)})

    listed = set()
    for code, token in reversed(held):
        try:
            seat = seats(request).find(pairs, code, token)
            owned = _roles_held(pairs, code)
        except InvalidInputError as exc:
            unreadable.append(_sentence(str(exc)))
            continue
        if seat is None or (owned is not None and seat.role not in owned):
            continue  # gone, or (in a practice) another account's
        listed.add(code)
        add(code, seat.role)
    # In a practice, the places the signed-in person's account holds too, from any browser.
    if getattr(pairs, "owner_id", None) is None:
        return found, unreadable
    from mendkit.journal.stores import JournalPairStore  # only a journal has a practice

    if isinstance(pairs, JournalPairStore):
        for code, role in pairs.own_places()[:coach_pair.SEATS_PER_BROWSER]:
            if code not in listed:
                listed.add(code)
                add(code, role)
    return found, unreadable


def _where(mine: PairAnswers, other: PairAnswers | None, role: str) -> str:
    """Where a two-person session stands, for the person whose answers are ``mine``."""
    if paused(mine, other):
        return "paused"
    if other is None and role == "first" and coach_pair.expired(mine):
        return (f"no one joined within {JOIN_WINDOW.total_seconds() / 3600:.0f} hours, so "
                "this code no longer opens the session")
    if not mine.complete:
        return f"you are on question {len(mine.answers) + 1} of {len(QUESTIONS)}"
    if other is None:
        return "waiting for the other person to join"
    if not other.complete:
        return f"{other.name} has answered {len(other.answers)} of {len(QUESTIONS)}"
    return "the exchange is ready"


def _seat_response(request: Request, seat: coach_pair.Seat, token: str = "") -> Response:
    token, _ = seats(request).add(seat, token)
    return _with_seat(request, _see(f"/coach/pair/{seat.code}"), seat.code, token)


def _with_seat(request: Request, response: Response, code: str, token: str) -> Response:
    """``response``, which gives this browser the seat ``token`` in ``code``'s session (none
    when it is empty), keeping the seats it holds in other sessions. The cookie lasts, so
    closing the browser loses no seat."""
    if token:
        value = coach_pair.seat_cookie(request.cookies.get(coach_pair.SEAT_COOKIE), code, token)
        response.set_cookie(coach_pair.SEAT_COOKIE, value, httponly=True, samesite="strict",
                            path="/coach/pair", secure=request.url.scheme == "https",
                            max_age=int(coach_pair.SEAT_LIFE.total_seconds()))
    return response


@router.post("/coach/pair")
def pair_begin(request: Request, csrf_token: Annotated[str, Form()] = "",
               name: Annotated[str, Form()] = "") -> Response:
    _csrf(request, csrf_token)
    if stop := coach_pair.name_stop(name):
        return _pair_stopped(request, stop)
    token = coach_pair.new_token()
    try:
        with stores_for(request) as stores:
            seat = coach_pair.start(stores.pairs, name, token=token)
    except InvalidInputError as exc:  # the start form again, and why
        return _pair_page(request, "home", status=400, start_error=_sentence(str(exc)))
    return _seat_response(request, seat, token)


@router.post("/coach/pair/join")
def pair_join(request: Request, csrf_token: Annotated[str, Form()] = "",
              code: Annotated[str, Form()] = "", name: Annotated[str, Form()] = "") -> Response:
    _csrf(request, csrf_token)
    try:
        code = coach_pair.normal_code(code)  # a code that cannot be one says so first
        if stop := coach_pair.name_stop(name):
            return _pair_stopped(request, stop)
        token = coach_pair.new_token()
        with stores_for(request) as stores:
            if held := _roles_held(stores.pairs, code):  # in a practice: their own place, again
                return _seat_response(request, coach_pair.Seat(code=code, role=held[0]))
            if _my_seat(request, stores.pairs, code) is not None:
                # Started or joined here already (the starter typing their own code, say):
                # their own place, again, never a second seat that would lock the other out.
                return _see(f"/coach/pair/{code}")
            seat = coach_pair.join(stores.pairs, code, name, token=token,
                                   client=request.client.host if request.client else None)
    except InvalidInputError as exc:  # the join form again, with what was typed and why
        return _pair_page(request, "home", status=400, code=code.strip()[:6].upper(),
                          join_name=name.strip()[:60], join_error=_sentence(str(exc)))
    return _seat_response(request, seat, token)


def _sentence(text: str) -> str:
    """An error's words as a sentence on a page: a capital letter and a full stop."""
    text = text.strip()
    return (text[:1].upper() + text[1:] + ("" if text.endswith((".", "!", "?")) else ".")
            if text else text)


def _my_seat(request: Request, pairs: PairStorage, code: str) -> coach_pair.Seat | None:
    """This browser's seat in ``code``'s session, if its cookie holds one (kept in memory, or
    found by its token's hash with the answers after a restart)."""
    found = _my_token(request, pairs, code)
    return found[0] if found else None


def _my_token(request: Request, pairs: PairStorage,
              code: str) -> tuple[coach_pair.Seat, str] | None:
    """This browser's seat in ``code``'s session and its token, or None."""
    for held, token in reversed(coach_pair.seats_in(request.cookies.get(coach_pair.SEAT_COOKIE))):
        if held == code and (seat := seats(request).find(pairs, code, token)) is not None:
            return seat, token
    return None


def _roles_held(pairs: PairStorage, code: str) -> tuple[str, ...] | None:
    """In a practice, which of the session's two places are the signed-in person's (the answers
    they saved); None outside a practice, where the seat cookie alone says who is who."""
    if getattr(pairs, "owner_id", None) is None:
        return None
    from mendkit.journal.stores import JournalPairStore  # only a journal has a practice

    if not isinstance(pairs, JournalPairStore) or pairs.owner_id is None:
        return None
    return tuple(role for role in ("first", "second") if pairs.owns(code, role))


NOT_JOINED = ("This browser has not joined that session. If someone gave you its code, join with "
              "it below; if you started or joined it in another browser, go back to it there.")


def _not_found(code: str) -> HTTPException:
    # The same words whether the session is missing or someone else's: a code tells nothing.
    return HTTPException(status_code=404, detail=f"There is no two-person session {code}.")


def _pair_page(request: Request, view: str, status: int = 200, **extra: Any) -> Response:
    if view == "home":  # a way back to each session this browser holds a seat in
        extra["in_progress"], extra["unreadable"] = _in_progress(request)
    return render(request, "coach_pair.html", {"title": "Coach: two people", "page": "coach",
                                               "view": view, **extra}, status=status)


def _bad_code(request: Request, code: str, exc: InvalidInputError) -> Response:
    """For an address whose code cannot be one (typed or pasted by hand): the join form, with the
    code and why next to it, as a failed join shows them."""
    return _pair_page(request, "home", status=400, code=code.strip()[:6].upper(),
                      join_error=_sentence(str(exc)))


def _pair_stopped(request: Request, stopped: str) -> Response:
    """Signs of crisis (or of danger from the other person) stop two-person mode: resources."""
    state = State.STOPPED_CRISIS if stopped == "crisis" else State.STOPPED_UNSAFE
    return _pair_page(request, "stopped", stopped=stopped,
                      message=content.PROMPTS[state], crisis=crisis_message(stop_kinds(state)),
                      resources=resources_for(region_of(request), stop_kinds(state)),
                      safety_plan=content.SAFETY_PLAN)


@router.get("/coach/pair/{code}", response_class=HTMLResponse)
def pair_show(request: Request, code: str) -> Response:
    try:
        code = coach_pair.normal_code(code)
    except InvalidInputError as exc:
        return _bad_code(request, code, exc)
    with stores_for(request) as stores:
        found = _my_token(request, stores.pairs, code)
        seat, token = found if found else (None, "")
        held = _roles_held(stores.pairs, code)
        if held is not None:  # a practice: each place is its account's
            if seat is not None and seat.role not in held:
                seat = None  # a seat left by another account in a shared browser opens nothing
            if seat is None and held:  # signed in again, or in another browser: their seat
                token, seat = seats(request).add(coach_pair.Seat(code=code, role=held[0]))
            elif seat is None and coach_pair.read(stores.pairs, code, "second") is not None:
                raise _not_found(code)  # both places taken: only its two people's
        if seat is None:  # not this browser's seat: it may join (once), never read answers
            return _pair_page(request, "home", code=code, status=403, note=NOT_JOINED)
        if seat.stopped:
            return _with_seat(request, _pair_stopped(request, seat.stopped), code, token)
        mine = coach_pair.read(stores.pairs, code, seat.role)
        other = coach_pair.read(stores.pairs, code, coach_pair.other_role(seat.role))
    page = _question_page(request, code, seat, mine, other,
                          told_note=board(request).take(request.query_params.get("note"),
                                                        _pair_board_key(code, seat), 0),
                          empty=request.query_params.get("empty") == "1",
                          help=request.query_params.get("help") == "1")
    return _with_seat(request, page, code, token)  # kept for SEAT_LIFE from its last use


def _question_page(request: Request, code: str, seat: coach_pair.Seat,
                   mine: PairAnswers | None, other: PairAnswers | None, *, status: int = 200,
                   typed_answer: str = "", **extra: Any) -> Response:
    """A person's page in ``code``'s session: their next question (with ``typed_answer`` in the
    box, when one was refused), or, all answered, where the session stands."""
    if mine is None:
        raise HTTPException(status_code=404, detail="Your answers for this code are not here "
                            "any more.")
    current = coach_pair.next_question(mine)
    expired = other is None and seat.role == "first" and coach_pair.expired(mine)
    return _pair_page(request, "answer" if current else "waiting", status=status, code=code,
                      seat=seat, mine=mine, other=other, current=current,
                      number=len(mine.answers) + 1, total=len(QUESTIONS), expired=expired,
                      expired_note=EXPIRED, typed_answer=typed_answer,
                      calm_first=CALM_FIRST, safety_question=coach.question(State.SAFETY_CHECK),
                      risk_question=content.RISK_QUESTION,
                      resources=resources_for(region_of(request)), **extra)


@router.post("/coach/pair/{code}")
def pair_answer(  # noqa: PLR0917 (one parameter per form field)
    request: Request, code: str, csrf_token: Annotated[str, Form()] = "",
    key: Annotated[str, Form()] = "", answer: Annotated[str, Form()] = "",
    share: Annotated[str, Form()] = "",
) -> Response:
    _csrf(request, csrf_token)
    try:
        code = coach_pair.normal_code(code)
    except InvalidInputError as exc:
        return _bad_code(request, code, exc)
    with stores_for(request) as stores:
        found = _my_token(request, stores.pairs, code)
        if found is None or found[0].stopped:
            return _see(f"/coach/pair/{code}")
        seat, token = found
        held = _roles_held(stores.pairs, code)
        if held is not None and seat.role not in held:
            if held:  # another account's seat: the page gives this person their own
                return _see(f"/coach/pair/{code}")
            raise _not_found(code)
        outcome = coach_pair.answer(stores.pairs, seat, key, answer, share=share == "yes")
        if outcome == "long":  # the same question again, with why and every word they wrote
            mine = coach_pair.read(stores.pairs, code, seat.role)
            other = coach_pair.read(stores.pairs, code, coach_pair.other_role(seat.role))
            return _question_page(request, code, seat, mine, other, status=400,
                                  typed_answer=typed(answer),
                                  told_note={"lines": [_sentence(too_long(answer))],
                                             "kept": ""})
    if outcome in ("crisis", "unsafe"):
        seats(request).stop(token, outcome)
    if outcome in PAIR_NOTES:  # for the one page this answer leads to, with its text
        given_back = outcome in ("stale", "safety_first")
        note = board(request).put(_pair_board_key(code, seat), 0, [PAIR_NOTES[outcome]],
                                  answer.strip()[:5000] if given_back else "")
        helped = "&help=1#help" if outcome == "unreadable" else ""  # with the resources
        return _see(f"/coach/pair/{code}?note={note}{helped}")
    query = {"empty": "?empty=1", "help": "?help=1#help"}
    return _see(f"/coach/pair/{code}" + query.get(outcome, ""))


PAIR_NOTES = {
    "stale": "You had already answered that question: you may have pressed Back, or used another "
             "tab or window. So the answer you wrote there was not saved; an answer is not "
             "changed once saved. It is below, so you can copy it. Here is your next question.",
    "repeat": "That answer was already saved, so it was not saved twice. Here is your next "
              "question.",
    "again": SAFETY_AGAIN,
    "safety_first": "First, the safety question: it comes before the other questions, so the "
                    "answer you wrote was not saved yet. It is below, so you can copy it.",
    "unreadable": COACH_UNREADABLE_ANSWER,
    "risk_again": content.RISK_AGAIN,
}


def _pair_board_key(code: str, seat: coach_pair.Seat) -> str:
    return f"pair:{code}:{seat.role}"


@router.get("/coach/pair/{code}/exchange", response_class=HTMLResponse)
def pair_exchange(request: Request, code: str) -> Response:
    try:
        code = coach_pair.normal_code(code)
    except InvalidInputError as exc:
        return _bad_code(request, code, exc)
    with stores_for(request) as stores:
        held = _roles_held(stores.pairs, code)
        first = coach_pair.read(stores.pairs, code, "first")
        second = coach_pair.read(stores.pairs, code, "second")
        mine = _my_seat(request, stores.pairs, code) if held is None else None
    # Elsewhere, only its two browsers read it; any other gets the same answer whether the code
    # is real or unknown, so a code tells nothing (as on the session's own page).
    if held is None and mine is None:
        return _pair_page(request, "home", code=code, status=403, note=NOT_JOINED)
    if first is None or held == ():  # in a practice, only the session's two people read it
        raise _not_found(code)
    ready = second is not None and first.complete and second.complete
    return _pair_page(request, "exchange", code=code, ready=ready, first=first, second=second,
                      sections=exchange(first, second) if ready and second else [],
                      resources=resources_for(region_of(request)),
                      expired=second is None and coach_pair.expired(first),
                      expired_note=EXPIRED)


# ---- one person, one step a page ----

@router.get("/coach/{session_id}", response_class=HTMLResponse)
def coach_show(request: Request, session_id: str) -> Response:
    now = clock(request)
    with stores_for(request) as stores:
        session = coach.load(stores.sessions, session_id)
        step = coach.advance(stores.sessions, session, None, region=_region(request, session),
                             now=now)
        saved_under = _saved_under(request, stores.journal, session.id)
    return _step_page(request, step, now(), saved_under=saved_under)


@router.post("/coach/{session_id}")
async def coach_answer(request: Request, session_id: str) -> Response:
    form = await request.form()
    fields = {k: v for k, v in form.items() if isinstance(v, str)}
    sent = [v for v in form.getlist("answer") if isinstance(v, str)]
    if "add" in sent:  # the message page's "Add it", sent with the text box as it stands now
        fields["answer"] = "add"
        fields["box"] = next((v for v in sent if v != "add"), "")
    grounding = [g for g in form.getlist("grounding") if isinstance(g, str)]
    # The safety gate runs the model: off the event loop, one answer per session at a time (so a
    # double submit waits, then finds its step already answered).
    return await run_in_threadpool(_answer, request, session_id, fields, grounding)


def _answer(request: Request, session_id: str, fields: dict[str, str],
            grounding: list[str]) -> Response:
    _csrf(request, fields.get("csrf_token", ""))
    notes = board(request)
    url = f"/coach/{session_id}"

    def told(at: int, lines: list[str], kept: str = "", *, invalid: bool = False,
             stopped: bool = False, helped: bool = False) -> Response:
        token = notes.put(session_id, at, lines, kept, invalid=invalid)
        # A stop opens at its box (#stop), as a checked message opens at its result: on a phone
        # the numbers are then on the first screen, not under the header and the page's title.
        # A risk check the coach asked with where help is opens with the help box (#help).
        where = f"{url}?note={token}" if token else url
        if helped:
            return _see(f"{where}{'&' if token else '?'}help=1#help")
        return _see(where + ("#stop" if stopped else ""))

    with stores_for(request) as stores:
        session = coach.load(stores.sessions, session_id)
        if fields.get("position") != str(coach.position(session)):
            line, kept = coach.stale_note(fields, session, grounding)
            return told(coach.position(session), [line], kept)
        if session.state in TERMINAL:  # an ended session takes no more answers
            return _see(url)
        answers = coach.answers_from_form(session.state, fields, grounding)
        if answers == ["add"] and session.state is State.REBUILD_MESSAGE and fields["box"].strip():
            # "Add it" adds to the box as the person left it: an edit is never dropped.
            answers = [add_to(session, fields["box"][:5000]) or fields["box"].strip()[:5000]]
        if any(is_help(a) for a in answers):
            return _see(f"{url}?help=1#help")
        try:  # one answer per session at a time: another may have moved it on meanwhile
            step = coach.advance(stores.sessions, session, answers,
                                 region=_region(request, session), now=clock(request))
        except HTTPException as exc:
            if exc.status_code != 409:
                raise
            now_at = coach.load(stores.sessions, session_id)
            line, kept = coach.stale_note(fields, now_at, grounding)
            return told(coach.position(now_at), [line], kept)
    if step.session == session and not step.done:  # not taken: asked again, and why
        lines, invalid = coach.asked_again(session.state, answers, step.said)
        return told(step.position, lines, invalid=invalid)
    helped = step.session.state is State.CONFIRM_RISK and HELP_HEADING in step.said
    return told(step.position, coach.notes(step.said), stopped=step.stopped, helped=helped)


def _region(request: Request, session: Any) -> str:
    """The region of a session's crisis resources: its own (as in the terminal and the API), or
    this browser's for a session begun with the default region."""
    own = str(session.settings.get("region") or DEFAULT_REGION)
    return own if own != DEFAULT_REGION else region_of(request)


def _page_title(step: coach.Step) -> str:
    """The title of a step's page: where the person is (a screen reader says it first)."""
    if step.stopped:
        return "Paused for your safety · Coach"
    if step.state in coach.PAUSE_TITLES:
        return f"{coach.PAUSE_TITLES[step.state]} · Coach"
    stages = _stages(step.session)
    stage = min(_stage(step.state), len(stages) - 1)
    topic = coach.TOPICS.get(step.state, "")
    if step.state is State.OPENNESS and goal_flow.read_goal(step.session) is not None:
        topic = "is this what it is for?"  # the check of a goal the story reads as
    return (f"Step {stage + 1} of {len(stages)}, {stages[stage]}"
            + (f": {topic}" if topic else "") + " · Coach")


def _step_page(request: Request, step: coach.Step, now: datetime, *, saved_under: Any = None
               ) -> Response:
    session = step.session
    context: dict[str, Any] = {
        "title": TITLE, "page_title": _page_title(step), "page": "coach", "step": step,
        "s": session.state.value, "saved_under": saved_under,
        "question": coach.question(session.state, session) if not step.done else "",
        "skippable": session.state in coach.SKIPPABLE,
        "note": board(request).take(request.query_params.get("note"), session.id,
                                    step.position),
        "help": request.query_params.get("help") == "1",
        "resources": resources_for(_region(request, session), session_kinds(session)),
        "stages": _stages(session),
        "stage": min(_stage(session.state), len(_stages(session)) - 1),
        "answers": session.answers,
        "softer": content.SOFTER_FEELINGS,
        # The internal path ends with what the person wrote, to keep (``recap_lines``).
        "ending": (*recap_lines(session),
                   *content.ending(session.answers.get("follow_up_uptake"),
                                   session.answers.get("follow_up_connection"))),
        "goal": session.goal(),
    }
    if session.goal() != "repair":  # a letter, an ending or a limit: its own last words
        context.update(ending=goal_flow.ending_lines(session, _region(request, session)),
                       kept_message=goal_flow.kept_message(session),
                       grief_resources=goal_flow.grief_crisis_help(session))
        if goal_flow.grief_crisis_help(session):
            context["resources"] = resources_for(_region(request, session),
                                                 goal_flow.GRIEF_HELP_KINDS)
    if session.state is State.REBUILD_COMMITMENT and step.question and not step.done:
        # After a betrayal the driver asks its own words here: actions to choose from, or,
        # after an empty answer, the gentle second ask.
        context["question"] = step.question
    if session.state is State.OPENNESS and goal_flow.choice_asked(session):
        context["openness_choice"] = True  # after "not sure": a message to keep, or not
    elif session.state is State.OPENNESS and goal_flow.read_goal(session) is not None:
        # The story reads as a goal other than repair: asked whether it is, with yes or no.
        context["question"] = goal_flow.openness_prompt(session).removesuffix(
            f" {content.GOAL_CONFIRM}") + " Is that right?"
        context["goal_check"] = True
    if step.stopped:
        # Thoughts of hurting someone else: calm steps first (step away, put distance between you).
        # For someone else at risk, words for the one worried; for a young person, tips that fit.
        stop_message, crisis = stop_words(session.state, **stop_facts(session))
        context.update(stop_message=stop_message, crisis=crisis,
                       safety_plan=stop_plan(session, _region(request, session)),
                       resources=resources_for(_region(request, session),
                                               session_kinds(session),
                                               images=bool(session.settings.get(IMAGES)),
                                               young=bool(stop_facts(session)["young"]),
                                               adult=for_an_adult(session)))
    due = coach.due(session)
    if due is not None:  # an aware local time, so compared with the clock's as local time too
        local_now = now.astimezone()
        context.update(due=due, seconds_left=max(0, int((due - local_now).total_seconds())),
                       same_day=due.date() == local_now.date(), due_day=on_day(due))
    if session.state is State.REGULATE_BREAK:
        context["back_at"] = back_at(now.astimezone())
    if session.state in (State.REGULATE_BREAK, State.ON_BREAK):
        context["break_overload"] = content.BREAK_OVERLOAD if overloaded_session(session) else ""
    if session.state is State.REGULATE_GROUNDING:
        overload = overloaded_session(session)  # too loud, too much: less input first
        context["grounding"] = GROUNDING_OVERLOAD if overload else GROUNDING
        context["overload"] = overload
    if session.state is State.REGULATE_BREATHING:
        pattern = request.query_params.get("pattern", "paced")
        context["pattern"] = pattern if pattern in ("paced", "sigh") else "paced"
    if session.state in (State.RESPONSIBILITY_DRAFT, State.REBUILD_MESSAGE,
                         *goal_flow.DRAFT_STEPS):
        context["draft"] = offered_draft(session)
    if addition := offered_addition(session):  # the page's "Add it" button
        note, kept = context["note"], kept_note(session)
        context.update(addition=addition, kept_hint=kept.split(",")[0] + ".", addition_said=any(
            line.startswith(kept) for line in note.lines))
    # The commitment is said once: the coach's draft puts it into the message itself.
    context["commitment_said"] = says_commitment(session)
    if session.state is State.MESSAGE_REVIEW:
        draft = str(session.answers.get(State.MESSAGE_DRAFT.value, ""))
        result = goal_flow.review(draft, session.goal())
        context.update(draft=draft, result=result,
                       nothing_to_change=goal_flow.NOTHING_TO_CHANGE[session.goal()],
                       marked=issue_marks(result))
    if session.state is State.RESPONSIBILITY_REVIEW:
        draft = str(session.answers.get("responsibility_draft", ""))
        result = review(draft, session)
        context.update(draft=draft, result=result, marked=issue_marks(result))
    return render(request, "coach_step.html", context)
