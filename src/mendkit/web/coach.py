"""The coach in the browser: one step per page, driven by the same driver as ``mend coach``.

Each submitted answer is handed to ``mendkit.coach.driver.run`` as a short script (one answer, or
two for "edit the draft, then check it"); the next question the driver asks becomes the next page.
The session is saved in the same store as ``mend coach`` uses (the journal, or files under
MEND_HOME), so a browser session can also be resumed in the terminal and the other way round.

Pages follow Post/Redirect/Get: an answer is posted with the step's *position* (how many steps the
session has taken); a position that is no longer current (a double submit, an old tab) is not
applied again, and typed text it carried is given back. What the coach says after an answer (a
context note, markers in pasted messages) is kept in memory for the one page the answer redirects
to, under a token in that address: another tab or a reload does not show it.
"""

from __future__ import annotations

import re
import secrets
import uuid
import zlib
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from threading import Lock
from typing import Final

from fastapi import HTTPException

from mendkit.analysis.language import COACH_UNREADABLE_ANSWER
from mendkit.coach import break_time, content, goal_flow, persisting, request_step
from mendkit.coach.composer import ADDED_NOTES, KEPT_AS_WRITTEN
from mendkit.coach.draft_steps import CHANGED_CHECKED
from mendkit.coach.driver import (
    ADD_HINT,
    MESSAGE_KEPT,
    MESSAGE_NOW_SAYS,
    MESSAGE_WITH_ADDITION,
    OWN_DRAFT_KEPT,
    PAUSED,
    REWRITE_KEPT,
    REWRITE_MESSAGE_KEPT,
    NoMoreAnswers,
    broke_trust_in,
    run,
    said_no_to_check,
    start,
)
from mendkit.coach.machine import TERMINAL, EventType, State, allowed_events
from mendkit.coach.memory_care import NOTE_OPENINGS as MEMORY_NOTES
from mendkit.coach.risk_check import RESOURCES_POINTER
from mendkit.coach.session import Session
from mendkit.coach.store import SessionStorage
from mendkit.errors import InvalidInputError
from mendkit.web.security import whole_number

_ID = re.compile(r"[0-9a-f]{12}")
Clock = Callable[[], datetime]

# The driver's words where the terminal's differ from a page's (the page has buttons for choices).
QUESTIONS: Mapping[State, str] = {
    State.SAFETY_CHECK: "First: are you safe right now, including with the person this is about?",
    State.RECOGNISE_CONTEXT: "What is this relationship?",
    State.RECOGNISE_MESSAGES: "If you have the messages, paste them here, one per line as "
                              "Speaker: text. You can skip this.",
    State.REGULATE_CHECK: "How stirred up do you feel right now?",
    State.REGULATE_BREAK: "You sound flooded. Repair goes better after a pause of at least 20 "
                          "minutes. How long would you like your break to be?",
    State.REGULATE_GROUNDING: "First, notice what is around you where you are now.",
    State.REGULATE_BREATHING: "A short breathing exercise, if you like.",
    State.OPENNESS: "Is the other person open to talking about it? If they are not, you can "
                    "still repair what you can on your side.",
    State.RESPONSIBILITY_DRAFT: "Here is a first draft from your answers. Use it as it is, or "
                                "change it.",
    State.RESPONSIBILITY_REVIEW: "What the critic noticed in your draft.",
    State.REBUILD_MESSAGE: "Here is your message. Keep it or change it. Mend never sends "
                           "anything: you choose if and when.",
    State.REBUILD_FOLLOW_UP: "In how many days should I ask how it went?",
    State.FOLLOW_UP_UPTAKE: "How did it go? Did they take it up?",
    State.FOLLOW_UP_CONNECTION: "How connected do you feel now?",
    State.FOLLOW_UP_AGAIN: "Rebuilding trust takes many small steps over weeks. Would you like "
                           "me to ask again in a while how things are going?",
    State.CONFIRM_RISK: content.RISK_QUESTION,  # with a button for each answer
    State.LETTER_OFFER: "If it helps, you can still put what you want to say into a letter that "
                        "you keep and never send. Would you like to write one?",
    State.LETTER_DRAFT: "Here is your letter. It is yours to keep, not to send. Keep it as it is, "
                        "or change it.",
    State.MESSAGE_DRAFT: "Here is a draft from your answers. Use it as it is, or change it. Mend "
                         "never sends anything: you choose if and when.",
    State.MESSAGE_REVIEW: "What the critic noticed in your message.",
}
# The risk check's thanks after a no, as a page says it: a page has a help link, not "type help".
RISK_NO = ("Thank you for telling me. If that changes, use the help link, which is on every "
           "step.")
SKIPPABLE: frozenset[State] = frozenset(
    state for state in State if EventType.SKIP in allowed_events(state) and state not in PAUSED)
# What a page keeps of what the driver says: notes, not what the page shows in its own way
# (drafts, the critic's verdict, breathing cues, resources).
_KEPT_NOTES = frozenset(content.CONTEXT_NOTES.values()) | frozenset(
    content.ATTACHMENT_NOTES.values()) | frozenset(
    content.ATTACHMENT_NOTES_UNSENT.values()) | frozenset(content.ATTACHMENT_NOTES_ENDING.values())

# Lines the page shows as they are: "not yet"'s reply, what the coach says of an answer in a
# language it cannot read (with the help links every step has), a way to settle without
# breathing, and "no number is needed".
_KEPT_AS_IS = frozenset((content.NOT_YET, COACH_UNREADABLE_ANSWER, content.RISK_AGAIN,
                         content.REWRITE_GAP, persisting.NOTE, RESOURCES_POINTER,
                         content.IMPACT_NOTE, content.SELF_TALK_NOTE, content.MARKERS_NOTE,
                         content.ANOTHER_WAY, content.LEVEL_WITHOUT_NUMBER))
# What the driver says when it asks again for a reason of its own: a step that cannot be skipped
# (why it is needed), an empty answer to the risk check, and an answer that no longer wants a
# repair (the ways out). A page shows these in place of its own "did not fit".
CHANGED_MIND: Final = frozenset(content.changed_mind(open_asked=asked) for asked in (False, True))
ASKED_AGAIN: Final = frozenset((*content.NOT_SKIPPABLE.values(), content.RISK_EMPTY,
                                content.PART_EXAMPLE, content.NEXT_TIME_SCRIPT,
                                content.FEELINGS_HELP, content.OPENNESS_NOT_SURE,
                                *CHANGED_MIND, content.GOAL_YES_OR_NO))
# An answer posted with an earlier position. Typed text that differs from what the step kept came
# from a page the session had moved on from (the Back button, or another tab or window): it was
# never used, and the page gives it back. The same text again is a double submit. A choice (a
# button) can be either.
STALE_NOTE = ("You had already answered that step: you may have pressed Back, or the session "
              "moved on in another tab or window. So the answer you wrote there was not used; an "
              "answer is not changed once the coach has gone on. It is below, so you can copy it. "
              "Here is where you are now.")
# How to change an earlier answer, while the message drafted from the answers is still to come
# (or is the step on now): the draft and the message can be changed word by word.
CHANGE_IN_DRAFT = ("To change what you said, put the new words into your message when Mend shows "
                   "you the draft: you can change every word of it.")
REPEAT_NOTE = ("That answer was already saved, so it was not saved again. Here is where you "
               "are now.")
EARLIER_NOTE = ("That answer was for an earlier step, so it was not used. Here is where you "
                "are now.")
# The same, on a step asked with buttons or a scale that also has boxes to write in (the level
# step's body note, the grounding lines): the step does not keep what was written there, so a page
# cannot tell a double submit from another tab's answer, and gives the text back either way.
UNKEPT_NOTE = ("That step had already been answered, perhaps in another tab or window, so what "
               "you wrote here was not used. It is below, so you can copy it. Here is where you "
               "are now.")
# A position that is not an earlier one (ahead of the session, or none): it was never current.
NOT_CURRENT_NOTE = ("That answer was not for the step you are on, so it was not used. Here is "
                    "where you are now.")
UNCLEAR_NOTE = "That answer did not fit this question. Please try once more."
SKIP_TOO = " Or skip this step: it is optional."
# A step that asks for words, given none (only spaces get past the browser's own check).
EMPTY_NOTE = "Your answer was empty: please write a few words, then press Next."
# What a page expects where the general note would leave the person guessing.
EXPECTED: Mapping[State, str] = {
    State.REGULATE_BREAK: "That answer did not fit: please give how long, like 45 minutes or 2 "
                          "hours, or when you will come back, like 8pm or tomorrow morning (from "
                          "20 minutes to under a day), or choose not now.",
    State.REBUILD_FOLLOW_UP: "That answer did not fit: please give a whole number of days from "
                             "0 to 60, or skip it.",
}
# The steps a page asks with buttons or numbers: what they post is a choice, not typed text.
_CHOICES = frozenset({
    State.WELCOME, State.SAFETY_CHECK, State.RECOGNISE_CONTEXT, State.REGULATE_CHECK,
    State.REGULATE_BREAK, State.REGULATE_GROUNDING, State.REGULATE_BREATHING, State.ON_BREAK,
    State.OPENNESS, State.REBUILD_FOLLOW_UP, State.AWAITING_FOLLOW_UP, State.FOLLOW_UP_UPTAKE,
    State.FOLLOW_UP_CONNECTION, State.CONFIRM_RISK, State.LETTER_OFFER, State.FOLLOW_UP_AGAIN})
# Of those, the steps that also have boxes to write in: what is typed there is text, not a choice.
_WITH_TEXT = frozenset({State.REGULATE_CHECK, State.REGULATE_GROUNDING})
ENDED = "this coach session has ended, so that answer was not used; begin a new one"
# What the driver asks or says for the terminal only: its live break timer, and "come back with
# `mend coach --resume`" when a session pauses (a page or an API client shows the return time).
WAIT_HERE = "Wait here with a timer? (yes / no)"
_TERMINAL_ONLY = re.compile(r"\s*Come back with `mend coach --resume`\.")


def question(state: State, session: Session | None = None) -> str:
    """The question a page shows at ``state``; at the risk check after an earlier clear no in
    ``session``, the shorter one that says why Mend asks again; at the request, the request an
    earlier answer made, to keep or change, or, for the person who broke trust, the one that
    says asking is optional."""
    if state is State.CONFIRM_RISK and session is not None and said_no_to_check(session):
        return content.RISK_QUESTION_AGAIN
    if state is State.RESPONSIBILITY_KNOW and session is not None and (
            asked := request_step.already_asked(session, page=True)):
        return asked  # an earlier answer asked already (the coach's shared request step)
    if state is State.RESPONSIBILITY_KNOW and session is not None and broke_trust_in(session):
        return content.REQUEST_AFTER_BETRAYAL.removesuffix(" Or press Enter to skip.")
    if state is State.INTERNAL_BOUNDARY and session is not None:
        return goal_flow.internal_boundary_prompt(session)
    if state is State.OPENNESS and session is not None and goal_flow.choice_asked(session):
        return content.OPENNESS_CHOICE_PAGE  # after "not sure": a message to keep, or not
    return QUESTIONS.get(state, content.PROMPTS[state])


@dataclass
class _WebPrompter:
    """Takes the given answers in order; records what is said after the first one (or, with none,
    or ``from_start``, everything) and the next question asked."""

    answers: list[str]
    said: list[str] = field(default_factory=list)
    question: str = ""
    from_start: bool = False

    def __post_init__(self) -> None:
        self._record = self.from_start or not self.answers

    def ask(self, prompt: str) -> str:
        if prompt == WAIT_HERE:  # the terminal's live timer: a page counts the break down itself
            return "no"
        if not self.answers:
            self.question = prompt
            raise NoMoreAnswers
        self._record = True
        return self.answers.pop(0)

    def say(self, text: str) -> None:
        text = _TERMINAL_ONLY.sub("", text)
        if self._record and text:
            self.said.append(text)

    def wait(self, seconds: float) -> None:
        """The page paces breathing and counts the break down itself; nothing waits here."""


@dataclass(frozen=True, slots=True)
class Step:
    session: Session
    said: tuple[str, ...]
    question: str
    done: bool
    stopped: bool

    @property
    def state(self) -> State:
        return self.session.state

    @property
    def position(self) -> int:
        return position(self.session)


def position(session: Session) -> int:
    """How many steps ``session`` has taken: a page's answer is for this position only."""
    return len(session.path)


def asked_again(state: State, answers: Sequence[str], said: Sequence[str]
                ) -> tuple[list[str], bool]:
    """What a page says when ``answers`` were not taken at ``state`` (``said``: what the driver
    said, as ``notes`` shows it), and whether the answer did not fit (the page marks its field):
    the driver's own reason when it gave one (``ASKED_AGAIN``; a change of mind is no misfit),
    else ``unclear_note`` first."""
    shown = notes(said)
    if any(line in ASKED_AGAIN for line in said):
        return shown, not any(line in CHANGED_MIND for line in said)
    return [unclear_note(state, answers), *shown], True


def unclear_note(state: State, answers: Sequence[str] = ()) -> str:
    """What a page says when ``answers`` did not fit ``state``'s question: that it was empty,
    where it was, and the offer to skip only on a step that can be skipped."""
    if state in EXPECTED:
        return EXPECTED[state]
    empty = state not in _CHOICES and not any(a.strip() for a in answers)
    return (EMPTY_NOTE if empty else UNCLEAR_NOTE) + (SKIP_TOO if state in SKIPPABLE else "")


# What each step is about, for the page's title (a screen reader says it when the page loads).
TOPICS: Mapping[State, str] = {
    State.WELCOME: "welcome",
    State.SAFETY_CHECK: "are you safe?",
    State.RECOGNISE_WHO: "who is this about?",
    State.RECOGNISE_CONTEXT: "what is this relationship?",
    State.RECOGNISE_WHAT: "what happened?",
    State.RECOGNISE_NOTICED: "what did you notice?",
    State.RECOGNISE_MESSAGES: "the messages, if you have them",
    State.REGULATE_CHECK: "how stirred up do you feel?",
    State.REGULATE_BREAK: "how long a break?",
    State.REGULATE_GROUNDING: "coming back to the room",
    State.REGULATE_BREATHING: "a breathing exercise",
    State.OPENNESS: "are they open to talking?",
    State.INTERNAL_FEELINGS: "what you feel",
    State.INTERNAL_PART: "your part",
    State.INTERNAL_BOUNDARY: "a limit for next time",
    State.INTERNAL_NEXT_TIME: "what to say next time",
    State.RESPONSIBILITY_PART: "what you did",
    State.RESPONSIBILITY_REGRET: "what you regret",
    State.RESPONSIBILITY_KNOW: "what you would like from them",
    State.RESPONSIBILITY_DRAFT: "a first draft",
    State.RESPONSIBILITY_REVIEW: "what the critic noticed",
    State.VULNERABILITY_SURFACE: "what you feel on the surface",
    State.VULNERABILITY_BENEATH: "what is underneath",
    State.VULNERABILITY_NEEDS: "what you need",
    State.REBUILD_MESSAGE: "your message",
    State.REBUILD_COMMITMENT: "what you will do differently",
    State.REBUILD_FOLLOW_UP: "when to ask how it went",
    State.FOLLOW_UP_UPTAKE: "how did it go?",
    State.FOLLOW_UP_CONNECTION: "how connected do you feel?",
    State.FOLLOW_UP_AGAIN: "another follow-up?",
    State.CONFIRM_RISK: "a check that you are safe",
    State.LETTER_OFFER: "a letter to keep?",
    State.LETTER_SAY: "what you want them to know",
    State.LETTER_SORRY: "what you are sorry for",
    State.LETTER_REMEMBER: "what you are grateful for",
    State.LETTER_DRAFT: "your letter",
    State.ENDING_DECISION: "your decision",
    State.ENDING_REASON: "a reason, if you want one",
    State.ENDING_THANKS: "what you are grateful for",
    State.ENDING_ASK: "what you need now",
    State.BOUNDARY_LIMIT: "the limit",
    State.BOUNDARY_ACTION: "what you will do",
    State.BOUNDARY_WHY: "why it matters",
    State.BOUNDARY_WARM: "something warm",
    State.MESSAGE_DRAFT: "your message",
    State.MESSAGE_REVIEW: "what the critic noticed",
}
# The pages that are not a question: a break, the wait for the follow-up, the end.
PAUSE_TITLES: Mapping[State, str] = {
    State.ON_BREAK: "Your break",
    State.AWAITING_FOLLOW_UP: "Until the follow-up",
    State.DONE: "Done",
}


def stale_note(posted: Mapping[str, str], session: Session, grounding: Sequence[str] = ()
               ) -> tuple[str, str]:
    """What a page says when the form ``posted`` (with its ``grounding`` lines) came with a
    position that is not the session's, and the typed text to give back ("" when none was lost):
    text that the step it was written for did not keep came from a page the session had moved on
    from (another tab or window)."""
    at = whole_number(posted.get("position"))
    asked = State(session.path[at][0]) if at is not None and at < position(session) else None
    editing = posted.get("answer", "").strip() == "edit"
    typed = (posted.get("draft" if editing else "answer", "").strip()
             or "; ".join(g.strip()[:500] for g in grounding if g.strip()))[:5000]
    if asked is None:
        return NOT_CURRENT_NOTE, typed
    if (not typed or (asked in _CHOICES and asked not in _WITH_TEXT)
            or (asked in (State.RESPONSIBILITY_REVIEW, State.MESSAGE_REVIEW) and not editing)
            or (asked is State.REBUILD_MESSAGE and typed == "add")):  # the "Add it" button
        return EARLIER_NOTE, ""
    kept = str(session.answers.get(asked.value, "")).strip()
    if kept in (typed, " ".join(answers_from_form(asked, posted, grounding))):
        return REPEAT_NOTE, ""
    if asked in _WITH_TEXT:
        return UNKEPT_NOTE, typed
    return (f"{STALE_NOTE} {CHANGE_IN_DRAFT}" if _draft_ahead(session) else STALE_NOTE), typed


def _draft_ahead(session: Session) -> bool:
    """Whether the message drafted from the answers is still to come, or is the step on now (on
    the internal path, and after the message, there is no draft to change)."""
    return session.state not in TERMINAL and not session.state.value.startswith(
        ("internal", "rebuild_commitment", "rebuild_follow_up", "awaiting", "follow_up"))


def check_id(session_id: str) -> str:
    """``session_id`` if it has the shape of a web session's id (12 hex digits), else an error."""
    if not _ID.fullmatch(session_id):
        raise InvalidInputError("a coach session id is 12 hex digits (0-9, a-f), as in the "
                                "address a new session gets")
    return session_id


def load(store: SessionStorage, session_id: str) -> Session:
    """The session with that id; 404 (as for any id the app does not have) when there is none,
    or when it is someone else's in a practice."""
    if check_id(session_id) not in store.ids():
        raise HTTPException(status_code=404, detail="no such coach session")
    return store.load(session_id)


def begin(store: SessionStorage, *, region: str, attachment: str | None = None,
          now: Clock = datetime.now) -> Step:
    """A new session, past the welcome (the start page has said it): at the safety check."""
    if attachment not in (None, "anxious", "avoidant", "disorganised"):
        raise InvalidInputError(f"unknown attachment pattern {attachment!r}")
    session = start(uuid.uuid4().hex[:12], attachment=attachment, region=region)
    store.save(session)
    return advance(store, session, [""], region=region, now=now)


def advance(store: SessionStorage, session: Session, answers: Sequence[str] | str | None, *,
            region: str, now: Clock = datetime.now) -> Step:
    """Run the driver with ``answers`` (none: only find the current question) and save.

    One answer per session at a time: ``answers`` are for ``session`` as the caller loaded it,
    so when another answer has moved the session on since (a double submit, two clients at
    once), or the session has ended, nothing is applied and a 409 says so. While a session is
    paused, the question is the driver's "continue now anyway?" and ``said`` has the return
    time, once (the answer that starts a pause has it, as the terminal says it)."""
    script = [answers] if isinstance(answers, str) else list(answers or ())
    with session_lock(session.id):
        current = store.load(session.id)
        if not script:
            session = current
        elif current != session:
            raise HTTPException(status_code=409, detail="that answer is not for the current "
                                f"step; the session is at position {position(current)}")
        elif session.state in TERMINAL:
            raise HTTPException(status_code=409, detail=ENDED)
        if script and session.state in PAUSED:
            waited = _run(store, session, [], region=region, now=now)
            if waited.state not in PAUSED:  # its time has come: the answer was "continue now?"
                return waited
        answered = bool(script)
        step = _run(store, session, script, region=region, now=now)  # takes from ``script``
        if answered and step.state in PAUSED:  # the question to go on early (``step.said``
            # already says when it continues: the driver's "this session continues" is not
            # said twice)
            later = _run(store, step.session, [], region=region, now=now)
            # A no to "continue now?" says nothing in the terminal but "come back": here, when
            # the session continues, as the question was asked with.
            said = later.said if session.state in PAUSED and not step.said else step.said
            step = replace(step, question=later.question, said=said)
        return step


def _run(store: SessionStorage, session: Session, script: list[str], *, region: str,
         now: Clock) -> Step:
    # At the welcome nothing has been said yet, so what the driver says before the first answer
    # (that Mend is not therapy) is new, and kept: an API client's first reply has it.
    prompter = _WebPrompter(script, from_start=session.state is State.WELCOME)
    # The driver saves after every step it takes, the end of a break or a follow-up's day included.
    after = run(session, prompter, store, region=region, now=now)
    stopped = after.state in (State.STOPPED_CRISIS, State.STOPPED_UNSAFE)
    return Step(session=after, said=tuple(prompter.said), question=prompter.question,
                done=after.state in TERMINAL, stopped=stopped)


# A fixed set of locks, one chosen by the session's id: a server that runs for months keeps no
# table that grows with every session ever answered. Two sessions that share a lock only take
# turns for the moment an answer is applied (a lock is held for one session at a time).
_ANSWERING: Final = tuple(Lock() for _ in range(64))


def session_lock(session_id: str) -> Lock:
    """The lock that lets one answer at a time change this session (pages and API alike)."""
    return _ANSWERING[zlib.crc32(session_id.encode("utf-8", "surrogatepass")) % len(_ANSWERING)]


# The driver's words as a page says them (a page has a help link and buttons, not "press Enter").
_AS_A_PAGE_SAYS: Final = {
    content.RISK_NO: RISK_NO,
    content.NOT_SKIPPABLE[State.RESPONSIBILITY_DRAFT]: "This one can't be skipped: use the draft "
                                                       "as it is, or change it.",
    content.NOT_SKIPPABLE[State.REBUILD_MESSAGE]: "This one can't be skipped: keep the message "
                                                  "as it is, or change it.",
}
_TYPE_HELP = re.compile(r"\b([Tt])ype help to see\b")


def _help_link(said: re.Match[str]) -> str:
    return f"{'U' if said.group(1) == 'T' else 'u'}se the help link to see"


def notes(said: Sequence[str]) -> list[str]:
    """What of ``said`` a page shows as a note (the rest it shows in its own way): the coach's
    notes, what it says of the message (and the message it now says, after
    ``MESSAGE_NOW_SAYS`` or ``MESSAGE_WITH_ADDITION``), what it left out of a draft or kept as
    written, why it asks again (``ASKED_AGAIN``), and "not yet"'s reply. The offer to add
    to one's own draft loses the terminal's "type add": the page has a button for it."""
    kept: list[str] = []
    for before, line in zip(("", *said), said, strict=False):
        if line in _AS_A_PAGE_SAYS:
            kept.append(_AS_A_PAGE_SAYS[line])
            continue
        if before in (MESSAGE_NOW_SAYS, MESSAGE_WITH_ADDITION) or line in _KEPT_NOTES \
                or line in _KEPT_AS_IS or line in ASKED_AGAIN or "may have landed as" in line \
                or line.startswith((*content.GOAL_OPENINGS, "I couldn't read those", "I left out ",
                                    *break_time.SAYS, *ADDED_NOTES, *MEMORY_NOTES,
                                    CHANGED_CHECKED,
                                    KEPT_AS_WRITTEN,
                                    OWN_DRAFT_KEPT, REWRITE_KEPT, MESSAGE_NOW_SAYS,
                                    MESSAGE_WITH_ADDITION, MESSAGE_KEPT, REWRITE_MESSAGE_KEPT)):
            # A page has a help link where the terminal says "type help".
            kept.append(_TYPE_HELP.sub(_help_link, line.removesuffix(f" {ADD_HINT}")))
    return kept


def answers_from_form(state: State, form: Mapping[str, str], grounding: Sequence[str] = ()
                      ) -> list[str]:
    """The driver's answers for what a page's form sent (buttons, a scale, text boxes)."""
    answer = form.get("answer", "").strip()[:5000]
    if form.get("skip") and state in SKIPPABLE:
        return ["skip"]
    if state is State.RECOGNISE_WHO:  # a name is one line, whatever box or script sent it
        answer = " ".join(answer.split())
    if state in (State.REGULATE_CHECK, State.FOLLOW_UP_CONNECTION):
        level = form.get("level", "").strip()
        if state is State.REGULATE_CHECK and form.get("numb"):
            return [" ".join(x for x in ("numb", answer) if x)]
        return [" ".join(x for x in (level, answer) if x)]
    if state is State.REGULATE_GROUNDING:  # "done" (an empty answer would mean skip)
        return [" ".join(["done", *(g.strip()[:500] for g in grounding if g.strip())])]
    if state in (State.RESPONSIBILITY_REVIEW, State.MESSAGE_REVIEW) and answer == "edit":
        return ["edit", form.get("draft", "").strip()[:5000]]
    if state in (State.ON_BREAK, State.AWAITING_FOLLOW_UP):
        return ["yes" if answer == "now" else "no"]
    return [answer]


@dataclass(frozen=True, slots=True)
class Note:
    """What the coach says to the one page that follows an answer: its notes, and typed text
    that was not used (to give back)."""

    lines: tuple[str, ...] = ()
    kept: str = ""
    invalid: bool = False  # the answer did not fit: the page marks its field


@dataclass
class NoteBoard:
    """Notes for the page that follows one answer, in memory only (the last ``size``). Each is
    under a random token that the redirect carries, and is taken once: another tab, or a reload,
    does not show a note about a request it did not make."""

    size: int = 1024
    _items: OrderedDict[str, tuple[str, int, Note]] = field(default_factory=OrderedDict)
    _lock: Lock = field(default_factory=Lock)

    def put(self, session_id: str, at: int, lines: Sequence[str], kept: str = "", *,
            invalid: bool = False) -> str:
        """The token of a new note for ``session_id`` at position ``at`` ("" for no note);
        ``invalid`` when it says the answer did not fit."""
        if not lines and not kept:
            return ""
        token = secrets.token_urlsafe(12)
        with self._lock:
            self._items[token] = (session_id, at, Note(lines=tuple(lines), kept=kept,
                                                       invalid=invalid))
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return token

    def take(self, token: str | None, session_id: str, at: int) -> Note:
        """The note under ``token``, once, if it is for this session at this position."""
        with self._lock:
            found = self._items.get(token or "")
            if found is None or found[0] != session_id:
                return Note()
            del self._items[token or ""]
        return found[2] if found[1] == at else Note()


def due(session: Session) -> datetime | None:
    """When a paused session continues, as an aware local time (the break's end, or the start
    of the follow-up's day)."""
    return session.resumes_at()


def open_sessions(store: SessionStorage, limit: int = 5) -> tuple[list[Session], list[str]]:
    """The most recent sessions that have not ended, newest first, and why each session that
    could not be read was left out (one damaged file must not keep anyone from the coach)."""
    found: list[Session] = []
    unreadable: list[str] = []
    for session_id in reversed(store.recent()):
        if not _ID.fullmatch(session_id):
            continue
        try:
            session = store.load(session_id)
        except InvalidInputError as exc:
            unreadable.append(str(exc))
            continue
        if session.state not in TERMINAL:
            found.append(session)
            if len(found) == limit:
                break
    return found, unreadable
