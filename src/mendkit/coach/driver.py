"""Runs a coach session against a prompter (the terminal, or a scripted list of answers).

The state machine stays pure; this module turns raw answers into events (through the safety gate,
the arousal scale, the choices), saves the session after every step, composes and critiques the
draft, and runs the breathing pacer. ``ON_BREAK`` and ``AWAITING_FOLLOW_UP`` pause the session:
``--resume`` picks it up.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import datetime, time, timedelta
from functools import lru_cache
from typing import Any, Protocol

from mendkit.analysis.language import COACH_UNREADABLE_ANSWER, looks_unreadable
from mendkit.analysis.pipeline import Mode, analyze_conversation
from mendkit.analysis.safety import DEFAULT_REGION, crisis_message, resources_for
from mendkit.api import analyze
from mendkit.coach import content, goal_flow
from mendkit.coach.composer import (
    CONTEXTS,
    DraftParts,
    commitment_sentence,
    compose,
    later_sentences,
    left_out_notes,
    pronoun_notes,
    withheld_note,
)
from mendkit.coach.goals import ENDING, GRIEF, REPAIR, ends_relationship, suspected
from mendkit.coach.machine import GOAL_EVENTS, TERMINAL, Event, EventType, State, allowed_events
from mendkit.coach.pronouns import reader
from mendkit.coach.replies import (
    MAYBE,
    UNSURE,
    arousal,
    asks_to_skip,
    break_minutes,
    changes_mind,
    declines,
    hedged,
    is_help,
    numb,
    plain_refusal,
    reads_as_name,
    risk_reply,
    yes_or_no,
)
from mendkit.coach.safety_gate import harm_to_others, screen, threatens_you
from mendkit.coach.session import Session
from mendkit.coach.store import SessionStorage
from mendkit.critic import MISSING_NOTE, critique
from mendkit.io.text import split_line
from mendkit.labels import CRISIS
from mendkit.model import CheckResult, Conversation

E = EventType
PAUSED: frozenset[State] = frozenset({State.ON_BREAK, State.AWAITING_FOLLOW_UP})
_FREE_TEXT = {
    State.INTERNAL_FEELINGS, State.INTERNAL_BOUNDARY, State.INTERNAL_NEXT_TIME,
    State.RECOGNISE_WHO, State.RECOGNISE_WHAT, State.RECOGNISE_NOTICED, State.RECOGNISE_MESSAGES,
    State.RESPONSIBILITY_PART, State.RESPONSIBILITY_REGRET, State.RESPONSIBILITY_KNOW,
    State.VULNERABILITY_SURFACE, State.VULNERABILITY_BENEATH, State.VULNERABILITY_NEEDS,
    State.REBUILD_COMMITMENT, State.LETTER_SAY, State.LETTER_SORRY, State.LETTER_REMEMBER,
    State.ENDING_DECISION, State.ENDING_REASON, State.ENDING_THANKS, State.ENDING_ASK,
    State.BOUNDARY_LIMIT, State.BOUNDARY_ACTION, State.BOUNDARY_WHY, State.BOUNDARY_WARM,
}


class Prompter(Protocol):
    def ask(self, prompt: str) -> str: ...

    def say(self, text: str) -> None: ...

    def wait(self, seconds: float) -> None: ...


class NoMoreAnswers(Exception):
    """A scripted run ran out of answers: the session is saved where it stopped."""


def run(
    session: Session, prompter: Prompter, store: SessionStorage, *, region: str = "default",
    now: Callable[[], datetime] = datetime.now, mode: Mode = "full",
) -> Session:
    """Advance ``session`` until it ends or pauses; saved after every step.

    The crisis resources ("help" and a crisis stop alike) are for the session's own region;
    ``region`` is for a session whose region is the default."""
    own = str(session.settings.get("region") or DEFAULT_REGION)
    region = own if own != DEFAULT_REGION else region
    if session.state is State.WELCOME:
        prompter.say(content.NOT_THERAPY)

    def step(current: Session, event: Event) -> Session:
        name = ""
        if current.state is State.RECOGNISE_MESSAGES and event.type in (
                E.CRISIS, E.ABUSE, E.CHECK_RISK):
            event, name = _whose_signs(current, event, mode)
        after = current.apply(event)
        if current.state is State.REBUILD_COMMITMENT and event.type is E.ANSWER:
            after = _with_commitment(current, after, prompter)
        if after.state is State.STOPPED_CRISIS and name:
            after = replace(after, settings={**after.settings, AT_RISK: name})
        elif after.state is State.STOPPED_CRISIS and _toward_others(current, event):
            after = replace(after, settings={**after.settings, TOWARD_OTHERS: True})
        store.save(after)
        _after(after, event, prompter, region)
        return after

    told = False  # whether this run has said when the paused session continues
    try:
        if session.state in PAUSED:
            event = _resume(session, prompter, now, mode, region)
            if event is not None:
                session = step(session, event)
            else:  # still paused: _resume has said when it continues
                told = True
        while session.state not in TERMINAL and session.state not in PAUSED:
            asked = _ask(session, prompter, now, mode, region)
            if isinstance(asked, Session):  # asked again, with a note of why kept
                session = asked
                store.save(session)
                continue
            if asked is None:
                continue
            held = session.held_answer() if asked.type is E.NO_RISK else None
            session = step(session, asked)
            if held is not None and session.state not in TERMINAL | PAUSED:
                # "No" at the risk check: the answer held back is taken as if the gate had
                # passed it, so nothing the person wrote is lost.
                again = _held(session, held, prompter, now, region)
                if isinstance(again, Session):
                    session = again
                    store.save(session)
                elif again is not None:
                    session = step(session, again)
            if session.state is State.ON_BREAK:
                event = _wait_here(session, prompter, now, mode, region)
                if event is not None:
                    session = step(session, event)
    except NoMoreAnswers:
        return session  # saved after its last step; ``--resume`` continues here
    if session.state is State.AWAITING_FOLLOW_UP:
        prompter.say(COME_BACK if told else f"I'll ask how it went {on_day(_due(session, now))}. "
                     f"{COME_BACK}")
    elif session.state is State.DONE and session.goal() != REPAIR:
        for line in goal_flow.ending_lines(session):
            prompter.say(line)
        if session.goal() == GRIEF:  # grief can weigh heavily: who to reach, at the end too
            _show_resources(prompter, region)
    elif session.state is State.DONE:
        for line in content.ending(session.answers.get(State.FOLLOW_UP_UPTAKE.value),
                                   session.answers.get(State.FOLLOW_UP_CONNECTION.value)):
            prompter.say(line)
    elif session.state is State.ON_BREAK:
        prompter.say(content.on_break("" if told else _back_at(_due(session, now), now)))
    elif session.state in PAUSED:
        prompter.say(content.PROMPTS[session.state])
    return session


COME_BACK = "Come back with `mend coach --resume`."


def _reply(prompter: Prompter, prompt: str, mode: Mode, region: str, *, name: bool = False,
           safety: bool = False, offer: bool = False, ending: bool = False,
           context: str = "") -> str | Event:
    """The answer to ``prompt`` (asked again after "help", which shows the resources), or the
    safety gate's stop event: every free-form reply passes the gate, whatever the question. An
    answer in a language Mend cannot read is asked again, except a ``name`` that reads as one
    (in any script: ``reads_as_name``) and,
    at the ``safety`` question, a no Mend knows in that language ("いいえ", "non, j'ai peur"):
    it takes the safety path at once. At an ``offer`` (a break, a breathing exercise) a plain
    no to it ("i dont want to breathe") is read in the question's context: a sign only the
    model saw in it is no reason to check. So, on the way to a message that ends a
    relationship (``ending``), is an answer that says so in words that name it ("I've decided to
    end our relationship"): the model reads "end" as a sign; a rule still stops "end it all"."""
    while True:
        raw = prompter.ask(prompt).strip()
        if is_help(raw):
            _show_resources(prompter, region)
            continue
        stop, model_only = screen(raw, mode=mode, context=context) if raw else (None, False)
        if stop is not None and model_only and (
                (offer and plain_refusal(raw)) or (ending and ends_relationship(raw))):
            stop = None
        if stop is not None:
            # A sign only the model saw is checked with the person first (it misreads everyday
            # words); the stop a yes leads to goes with the check.
            return (Event(E.CHECK_RISK, raw, {"stop": stop.value}) if model_only
                    else Event(stop, raw))
        if _readable(raw, name=name, safety=safety):
            return raw
        _unreadable(prompter, region)


def _readable(raw: str, *, name: bool = False, safety: bool = False) -> bool:
    """Whether Mend can take ``raw``: English it reads, a ``name`` that reads as one (in any
    script), or, at the ``safety`` question, a no Mend knows in that language."""
    return ((name and reads_as_name(raw)) or not looks_unreadable(raw)
            or (safety and yes_or_no(raw, safety=True) in ("no", "not sure")))


def _unreadable(prompter: Prompter, region: str) -> None:
    """Mend reads English only: it cannot tell what an answer says, or whether the person is
    safe, so it says so and shows where help is; the question is asked again (never coaching on
    it)."""
    prompter.say(COACH_UNREADABLE_ANSWER)
    _show_resources(prompter, region)


def _confirm(session: Session, prompter: Prompter, mode: Mode, region: str) -> Event:
    """The person's answer to the risk check: ``NO_RISK`` for a plain no, ``RISK_UNCLEAR``
    the first time an answer says neither, else the stop the sign called for (a yes, not sure,
    "help", a second unclear answer, or an answer with signs of its own: never coached on).

    An empty answer (a stray Enter) is no answer: it is asked again, and never counts as the
    unclear one (two of them used to stop the session); after the second, where help is is shown
    as well. A stop about hurting someone else (the answer held back, or this one, says so) says
    first how to step away (``TOWARD_OTHERS``)."""
    empty = 0
    while not (raw := prompter.ask(content.PROMPTS[State.CONFIRM_RISK]).strip()):
        empty += 1
        prompter.say(content.RISK_EMPTY)
        if empty == 2:
            _show_resources(prompter, region)
    try:
        stop = EventType(str(session.check.get("stop")))
    except ValueError:
        stop = E.CRISIS
    stop = stop if stop in (E.CRISIS, E.ABUSE) else E.CRISIS

    def stopping(kind: EventType) -> Event:
        others = kind is E.CRISIS and (harm_to_others(session.held_answer())
                                       or harm_to_others(raw))
        return Event(kind, raw, {"others": others})

    if is_help(raw):
        return stopping(stop)
    found, model_only = screen(raw, mode=mode)
    if found is not None:
        return stopping(stop if model_only else found)
    answer = risk_reply(raw) if not looks_unreadable(raw) else None  # a clear no, or none
    if hedged(raw):  # "not really", "kind of", "I guess not": not sure, the careful answer
        answer = "not sure"
    if answer == "no":
        return Event(E.NO_RISK, raw)
    asked_again = session.path[-1:] == ((State.CONFIRM_RISK.value, E.RISK_UNCLEAR.value),)
    if answer in ("yes", "not sure") or MAYBE.search(raw.lower()) or asked_again:
        return stopping(stop)
    return Event(E.RISK_UNCLEAR, raw)


def _toward_others(before: Session, event: Event) -> bool:
    """Whether the crisis stop ``event`` made is about thoughts of hurting someone else: as the
    risk check decided, or for a stop by the gate, as the answer says in so many words (never
    for signs in pasted messages: those are someone else's words)."""
    if event.type is not E.CRISIS:
        return False
    if "others" in event.meta:
        return bool(event.meta["others"])
    if before.state in (State.RECOGNISE_MESSAGES, State.CONFIRM_RISK):
        return False
    return harm_to_others(str(event.value or ""))


def _held(session: Session, raw: str, prompter: Prompter, now: Callable[[], datetime],
          region: str) -> Event | Session | None:
    """The event for the answer held back at a risk check, now that the person said no, at the
    step it was given at: as ``_ask`` takes an answer the gate passed (None: asked again)."""
    state = session.state
    if not _readable(raw, name=state is State.RECOGNISE_WHO, safety=state is State.SAFETY_CHECK):
        _unreadable(prompter, region)
        return None
    return _event_for(session, raw, prompter, now)


YES_OR_NO_AGAIN = "Please answer yes or no."


def _yes_no_reply(prompter: Prompter, prompt: str, mode: Mode, region: str
                  ) -> Event | bool | None:
    """True for a yes to ``prompt``, None for a no (or "not sure": the careful answer), or the
    safety gate's stop event; a reply that says neither is asked again, never taken as no."""
    while True:
        reply = _reply(prompter, prompt, mode, region)
        if isinstance(reply, Event):
            return reply
        answer = yes_or_no(reply)
        if answer is not None:
            return True if answer == "yes" else None
        prompter.say(YES_OR_NO_AGAIN)


def _wait_here(session: Session, prompter: Prompter, now: Callable[[], datetime], mode: Mode,
               region: str) -> Event | None:
    """Offer a live break timer: ``BREAK_OVER`` once it has run, a stop event, or None."""
    reply = _yes_no_reply(prompter, "Wait here with a timer? (yes / no)", mode, region)
    if isinstance(reply, Event) or reply is None:
        return reply
    # The minutes chosen, counted down to the return time: that time was rounded up to the
    # minute, so the seconds over a whole minute go with the first one ("20 minutes left" for
    # a 20-minute break, never 21).
    seconds = max(0.0, (_due(session, now) - _local(now)).total_seconds())
    minutes = max(1, math.floor(seconds / 60)) if seconds else 0
    for left in range(minutes, 0, -1):
        prompter.say(f"{left} minute{'s' if left > 1 else ''} left. Breathe, stretch, look "
                     "out of a window.")
        prompter.wait(60 if left < minutes else seconds - 60 * (minutes - 1))
    prompter.say("Your break is over. Let's check in again.")
    return Event(E.BREAK_OVER)


def _local(now: Callable[[], datetime]) -> datetime:
    """The clock's time as an aware local time (``datetime.now()`` has no offset: it is local)."""
    return now().astimezone()


def _due(session: Session, now: Callable[[], datetime]) -> datetime:
    """When a paused session continues, as an aware local time (now, for one saved with no
    time)."""
    return session.resumes_at() or _local(now)


def back_at(now: datetime, minutes: int = 20) -> datetime:
    """When a break of ``minutes`` begun at ``now`` ends, as the coach sets it (in the terminal,
    and in a page's preview of it): to the minute, rounded up, so that it lasts at least that
    long.

    >>> back_at(datetime(2025, 12, 6, 21, 23, 30)).strftime("%H:%M")
    '21:44'
    """
    back = now + timedelta(minutes=minutes)
    if back.second or back.microsecond:
        back = back.replace(second=0, microsecond=0) + timedelta(minutes=1)
    return back


def _back_at(due: datetime, now: Callable[[], datetime]) -> str:
    """"21:44" for a return time today, "21:44 on 07 Dec" for one on another day."""
    return f"{due:%H:%M}" if due.date() == _local(now).date() else f"{due:%H:%M on %d %b}"


def on_day(due: datetime) -> str:
    """"on Monday 07 December" for a follow-up that opens at the start of that day, or with
    the time when it opens later in the day (it was set in another time zone)."""
    if due.time() == time():
        return f"on {due:%A %d %B}"
    return f"at {due:%H:%M} on {due:%A %d %B}"


def _resume(session: Session, prompter: Prompter, now: Callable[[], datetime], mode: Mode,
            region: str) -> Event | None:
    """The event that ends a pause (its time has come, or the person goes on early), a stop
    event, or None to stay paused."""
    due = _due(session, now)
    if _local(now) < due:
        when = f"at {_back_at(due, now)}" if session.state is State.ON_BREAK else on_day(due)
        prompter.say(f"This session continues {when}.")
        reply = _yes_no_reply(prompter, "Continue now anyway? (yes / no)", mode, region)
        if isinstance(reply, Event) or reply is None:
            return reply
    return Event(E.BREAK_OVER if session.state is State.ON_BREAK else E.FOLLOW_UP_DUE)


def _ask(session: Session, prompter: Prompter, now: Callable[[], datetime],
         mode: Mode, region: str) -> Event | Session | None:
    state = session.state
    if state is State.CONFIRM_RISK:
        return _confirm(session, prompter, mode, region)
    context = str(session.answers.get("recognise_context", "partner"))
    if state is State.RESPONSIBILITY_DRAFT:
        parts = _parts(session, context)
        prompter.say(compose(parts))
        if note := _withheld_note(session):
            prompter.say(note)
        # What it left out and why (a threat, danger from them, words that could hurt), and the
        # words it kept as written because it could not tell who a pronoun means.
        for line in (*left_out_notes(parts), *pronoun_notes(parts)):
            prompter.say(line)
    if state is State.REBUILD_MESSAGE:
        prompter.say(_final_draft(session, context))
        if note := _withheld_note(session, later=True):
            prompter.say(note)
        addition = _addition(session, context)
        if addition or _own_draft(session, context) is None:  # what the steps since added
            for line in pronoun_notes(_parts(session, context), only=("feeling", "need")):
                prompter.say(line)
        if addition:
            prompter.say(f"{kept_note(session)} If it fits, you could add: \"{addition}\" "
                         f"{ADD_HINT}")
    if state in goal_flow.DRAFT_STEPS:  # a letter to keep, or an ending or a limit to send
        prompter.say(goal_flow.offered(session))
        for line in goal_flow.draft_notes(session):
            prompter.say(line)
    prompt = content.PROMPTS[state]
    if state is State.OPENNESS:  # first, whether a goal the story reads as is the goal
        prompt = goal_flow.openness_prompt(session)
    if state is State.RESPONSIBILITY_REVIEW and not _rewrite_of(session):
        prompt = _REVIEW_WITHOUT_REWRITE
    reply = _reply(prompter, prompt, mode, region, name=state is State.RECOGNISE_WHO,
                   safety=state is State.SAFETY_CHECK,
                   offer=state in (State.REGULATE_BREAK, State.REGULATE_BREATHING),
                   ending=session.goal() == ENDING or state is State.OPENNESS,
                   context=str(session.answers.get("recognise_context", "")))
    if isinstance(reply, Event):
        return reply
    return _event_for(session, reply, prompter, now)


def _event_for(session: Session, reply: str, prompter: Prompter,
               now: Callable[[], datetime]) -> Event | Session | None:
    """The event for ``reply``, an answer the gate passed, at ``session``'s step; None (with a
    note on what the step expects) when it does not fit; or, for a change of mind, ``session``
    marked as told the ways out at this step (the question is asked again, once)."""
    state = session.state
    context = str(session.answers.get("recognise_context", "partner"))
    if asks_to_skip(reply, name=state is State.RECOGNISE_WHO):
        reply = "skip"  # "skip it", "can we skip this": skip, in any words
    raw = _EMPTY_MEANS.get(state, {}).get(reply.lower(), reply)
    skip = raw.lower() in ("", "skip") and E.SKIP in allowed_events(state)
    if raw.lower() == "skip" and not skip and state in content.NOT_SKIPPABLE:
        # Never the answer ("I'm sorry that I skip"): why the step is needed, and asked again.
        prompter.say(content.NOT_SKIPPABLE[state])
        return None
    if state in _CHANGE_OF_MIND_STEPS and changes_mind(raw) and not _story_goes_on(session, raw):
        # No repair wanted after all: the ways out (stop here, or the internal path), and the
        # question again for someone who goes on. The answer is never taken as content.
        opened = any(at == State.OPENNESS.value for at, _ in session.path)
        prompter.say(content.changed_mind(open_asked=opened))
        return replace(session, settings={**session.settings, CHANGED_MIND_AT: _here(session)})
    event = _interpret(state, raw, skip, session, prompter, now, context)
    if event is None:
        for line in _expected(state, session).splitlines():
            prompter.say(line)
    return event


# What a reply means at a step whose prompt gives it a meaning of its own ("Press Enter when
# you're done"; "(default 3)": a skipped follow-up day is the default, never "ask now").
_EMPTY_MEANS: dict[State, dict[str, str]] = {
    State.REGULATE_GROUNDING: {"": "done"},
    State.REBUILD_FOLLOW_UP: {"": "3", "skip": "3"},
    # A stray Enter at the offer of a letter is no answer (it would mean "no letter"): asked again.
    State.LETTER_OFFER: {"": "?"},
}
_REVIEW_WITHOUT_REWRITE = "Edit your draft, or keep it as it is? (edit / keep)"
_EXPECTED: dict[State, str] = {
    State.SAFETY_CHECK: "Please answer yes or no. If you are not sure you are safe, answer no: "
                        "your safety comes first.",
    State.OPENNESS: "Please answer yes, not now or no.\nIf you can't tell, answer not sure.\nIf "
                    "repair is not what you want, answer died, no contact, ending or limit.",
    State.LETTER_OFFER: "Please answer yes or no.",
    State.MESSAGE_REVIEW: "Please answer keep or edit.",
    State.RECOGNISE_CONTEXT: f"Please answer one of: {', '.join(CONTEXTS)}.",
    State.REGULATE_CHECK: "Please answer with a number from 0 (calm) to 10 (flooded).",
    State.REGULATE_BREAK: "Please answer with a number of minutes from 20 to 600 (or hours, like "
                          "\"1 hour\"), or skip to go on without a break.",
    State.REGULATE_BREATHING: "Please answer paced, sigh or skip.",
    State.REBUILD_MESSAGE: "There is nothing new to add: press Enter to keep the message, or "
                           "write it as you want it.",
    State.REBUILD_FOLLOW_UP: "Please answer with a number of days from 0 to 60.",
    State.FOLLOW_UP_UPTAKE: "Please answer yes, partly, not yet or no. If you can't tell yet, "
                            "not yet is fine.",
    State.FOLLOW_UP_CONNECTION: "Please answer with a number from 0 to 10.",
}


def _expected(state: State, session: Session) -> str:
    """A short note on what the step expects, after an answer it did not understand."""
    if state is State.RESPONSIBILITY_REVIEW:
        return ("Please answer accept, edit or keep." if _rewrite_of(session)
                else "Please answer edit or keep.")
    if state is State.OPENNESS and goal_flow.read_goal(session) is not None:
        return content.GOAL_YES_OR_NO
    return _EXPECTED.get(state, "Please write a few words to go on.")


def _rewrite_of(session: Session) -> str | None:
    """The critic's rewrite of the draft under review (None when it offered none)."""
    return _critique(str(session.answers.get("responsibility_draft", ""))).rewrite


# How a follow-up went, as people say it; checked in this order ("not well" is no, not yes).
_UPTAKE: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("not yet", re.compile(r"\b(?:not yet|haven'?t|hasn'?t|still waiting|didn'?t (?:send|get to|"
                           r"have a chance))\b")),
    ("partly", re.compile(r"\b(?:partly|partially|somewhat|kind of|kinda|sort of|a bit|a little|"
                          r"half|mixed|so-so|not (?:too|that|so) bad|not perfect(?:ly)?|not (?:completely|"
                          r"entirely|totally|fully|quite)|could(?:'ve| have) been worse|"
                          r"ok(?:ay)?-?ish)\b")),
    ("no", re.compile(r"\b(?:no|nope|nah|not|never|badly|bad|poorly|terribl[ey]|awful(?:ly)?|"
                      r"horribl[ey]|worse)\b")),
    ("yes", re.compile(r"\b(?:yes|yeah|yep|yup|well|good|great|fine|ok|okay|better)\b")),
)

# The relationship, by whole words: the common words for each ("husband", "mum", "boss").
_RELATIONSHIPS: dict[str, str] = {
    **dict.fromkeys(("partner", "partners", "husband", "wife", "boyfriend", "girlfriend", "spouse",
                     "fiance", "fiancé", "fiancee", "fiancée", "bf", "gf", "lover", "ex",
                     "ex-partner", "ex-husband", "ex-wife", "ex-boyfriend", "ex-girlfriend",
                     "ex-bf", "ex-gf"), "partner"),
    **dict.fromkeys(("family", "fam", "mum", "mom", "mother", "dad", "father", "parent",
                     "parents", "sister", "brother", "sibling", "son", "daughter", "grandma",
                     "grandpa", "grandmother", "grandfather", "aunt", "uncle", "cousin",
                     "stepmum", "stepmom", "stepdad", "child", "kid"), "family"),
    **dict.fromkeys(("friend", "friends", "mate", "bestie", "buddy", "pal"), "friend"),
    **dict.fromkeys(("work", "boss", "manager", "colleague", "colleagues", "coworker",
                     "co-worker", "workmate", "employee", "employer", "client", "teammate",
                     "supervisor", "job"), "work"),
    **dict.fromkeys(("therapist", "counsellor", "counselor", "psychologist", "psychotherapist"),
                    "therapist"),
}


def _relationship(text: str) -> str | None:
    """The context a reply names, by whole words; a word after "his", "her" or "their" is
    someone else's ("his friends"), and one before another names its kind ("a work friend" is a
    friend). None when it names none, or more than one."""
    words = re.findall(r"[\w'-]+", text.lower())
    found = {_RELATIONSHIPS[w] for i, w in enumerate(words) if w in _RELATIONSHIPS
             and (i == 0 or words[i - 1] not in ("his", "her", "their", "its"))
             and (i + 1 == len(words) or words[i + 1] not in _RELATIONSHIPS)}
    return found.pop() if len(found) == 1 else None


def _first_word(text: str) -> str:
    words = re.findall(r"[a-z]+", text.lower())
    return words[0] if words else ""


def _interpret(  # noqa: PLR0917 - one call site, every argument needed
    state: State, raw: str, skip: bool, session: Session, prompter: Prompter,
    now: Callable[[], datetime], context: str,
) -> Event | None:
    low = raw.lower()
    if state is State.WELCOME:
        return Event(E.BEGIN)
    if state is State.SAFETY_CHECK:
        answer = yes_or_no(raw, safety=True)
        if answer == "yes":
            return Event(E.SAFE)
        # Not sure, or maybe, is not safe: safety first, as the question's own hint says.
        unsure = answer == "not sure" or MAYBE.search(low)
        return Event(E.UNSAFE) if answer == "no" or unsure else None
    if skip:
        return Event(E.SKIP)
    if state is State.OPENNESS:
        if goal := goal_flow.openness_event(session, raw):
            return goal  # a goal other than repair, or not the one the story read as
        if goal_flow.read_goal(session) is not None:
            return None  # the check of that goal takes a yes or a no
        answer = yes_or_no(raw)
        if answer == "yes":
            return Event(E.OPEN, "yes")
        if answer == "no" and re.search(r"\bnot (?:now|yet|right now)\b", low):
            return Event(E.NOT_OPEN, "not now")
        return Event(E.NOT_OPEN, answer) if answer else None  # "not sure": repair inside first
    if state is State.RECOGNISE_CONTEXT:
        match = _relationship(raw)
        return Event(E.ANSWER, match) if match else None
    if state in _FREE_TEXT:
        return Event(E.ANSWER, raw) if raw else None
    if state is State.REGULATE_CHECK:
        if numb(raw):
            return Event(E.NUMB, raw)
        level = arousal(raw)
        if level is None:
            return None
        if level < 7 and session.settings.get("attachment") == "disorganised" \
                and "regulate_grounding" not in session.answers \
                and (State.REGULATE_GROUNDING.value, E.EXERCISE_DONE.value) not in session.path:
            return Event(E.NUMB, level)  # a slower pace: grounding first
        return Event(E.FLOODED if level >= 7 else E.CALM, level)
    if state is State.REGULATE_BREAK:
        minutes = break_minutes(raw)
        if minutes is None and declines(raw, later=False):
            return Event(E.SKIP)  # "no", "i dont want a break": always skippable
        if minutes is None or not 20 <= minutes <= 600:
            return None
        # With its offset: the break lasts ``minutes`` even if the time zone changes meanwhile.
        return Event(E.BREAK_SET, back_at(_local(now), minutes).isoformat(timespec="minutes"))
    if state is State.REGULATE_GROUNDING:
        return Event(E.EXERCISE_DONE)
    if state is State.REGULATE_BREATHING:
        if low.startswith(("paced", "sigh")):
            _breathe(prompter, sigh=low.startswith("sigh"), rate=_rate(low))
            return Event(E.EXERCISE_DONE)
        return Event(E.SKIP) if declines(raw) else None  # "no", "nah", "I'd rather not"
    if state is State.RESPONSIBILITY_DRAFT:
        return Event(E.ANSWER, raw or _composed(session, context))
    if state in goal_flow.DRAFT_STEPS:
        return Event(E.ANSWER, raw or goal_flow.offered(session))
    if state is State.LETTER_OFFER:  # a letter to keep, or none
        answer = yes_or_no(raw)
        return Event(E.ACCEPT) if answer == "yes" else Event(E.SKIP) if answer else None
    if state is State.MESSAGE_REVIEW:
        choice = _first_word(raw)
        draft = str(session.answers.get(State.MESSAGE_DRAFT.value, ""))
        if choice in ("keep", "accept", "yes", "use"):
            return Event(E.ACCEPT, draft)
        return Event(E.EDIT, draft) if choice in ("edit", "change") else None
    if state is State.RESPONSIBILITY_REVIEW:
        draft = str(session.answers.get("responsibility_draft", ""))
        rewrite = _rewrite_of(session)
        choice = _first_word(raw)  # a whole word: "angry" or "actually, keep" is not "accept"
        if choice == "accept":  # with no rewrite offered, the draft as it is
            return Event(E.ACCEPT, rewrite or draft)
        if choice == "edit":
            return Event(E.EDIT, draft)
        return Event(E.IGNORE) if choice in ("keep", "ignore") else None
    if state is State.REBUILD_MESSAGE:
        offered = _final_draft(session, context)
        message = add_to(session, offered) if low == "add" else raw or offered
        if message is None:
            return None  # nothing to add: said so, and asked again ("add" is never the message)
        if message != offered and offered_addition(session) in message:
            prompter.say(MESSAGE_WITH_ADDITION)  # what it says now, in full
            prompter.say(message)
        return Event(E.ANSWER, message)
    if state is State.REBUILD_FOLLOW_UP:
        days = _int(raw, 0, 60)
        if days is None:
            return None
        # The start of that day, with its offset: the follow-up opens on the day it promises.
        day = _local(now).date() + timedelta(days=days)
        return Event(E.ANSWER, datetime.combine(day, time()).astimezone().isoformat(
            timespec="minutes"))
    if state is State.FOLLOW_UP_UPTAKE:
        if UNSURE.search(low) or MAYBE.search(low):
            return None  # asked again: "not sure" is not "no"
        uptake = next((option for option, said in _UPTAKE if said.search(low)), None)
        if uptake == "not yet":  # not over: a new day to ask again
            return Event(E.NOT_YET, uptake)
        return None if uptake is None else Event(E.ANSWER, uptake)
    if state is State.FOLLOW_UP_CONNECTION:
        connection = _int(raw, 0, 10)
        return None if connection is None else Event(E.ANSWER, connection)
    return None


def _after(session: Session, event: Event, prompter: Prompter, region: str) -> None:
    state = session.state
    if state in (State.STOPPED_CRISIS, State.STOPPED_UNSAFE):
        show_stop(state, prompter, region, at_risk=at_risk(session), others=harms_others(session))
        return
    previous = State(session.path[-1][0])
    if event.type is E.NO_RISK:
        prompter.say(content.RISK_NO)
    if event.type is E.RISK_UNCLEAR:
        prompter.say(content.RISK_AGAIN)
    if event.type is E.NOT_YET:
        prompter.say(content.NOT_YET)
    if event.type is E.ANSWER and previous is State.RECOGNISE_WHAT and (
            note := goal_flow.context_note(session)):
        prompter.say(note)
    if event.type in GOAL_EVENTS:  # what this path is for, and what it leaves out
        for line in goal_flow.start_lines(session):
            prompter.say(line)
    attachment = str(session.settings.get("attachment", ""))
    # The slow pace is promised where it starts (after the safety check); the other notes are
    # about the message (or the letter, or the lack of one), so they come where it is written.
    if attachment == "disorganised" and state is State.RECOGNISE_WHO \
            and previous is State.SAFETY_CHECK:
        prompter.say(content.ATTACHMENT_NOTES[attachment])
    elif event.type is not E.NO_RISK and (note := goal_flow.attachment_note(session, state)):
        prompter.say(note)
    if event.type is E.ANSWER and previous is State.RECOGNISE_MESSAGES and event.value:
        _show_markers(str(event.value), prompter)
    if state is State.MESSAGE_REVIEW and previous is State.MESSAGE_DRAFT:
        for line in goal_flow.review_lines(str(event.value), session.goal()):
            prompter.say(line)
    if state is State.RESPONSIBILITY_REVIEW:
        result = _critique(str(event.value))
        prompter.say(f"Repair quality: {result.repair_quality:.2f}")
        for note in result.notes:
            prompter.say(note)
        for issue in result.issues:
            prompter.say(f"- \"{result.text[issue.start:issue.end]}\": {issue.message} "
                         f"Try: {issue.suggestion}")
        if result.rewrite:
            prompter.say(f"Suggested rewrite: {result.rewrite}")


# A session setting: who the crisis signs were about, when they were in the other person's
# pasted messages rather than in the person's own words.
AT_RISK = "at_risk"


# A session setting: the crisis stop was for the person's own thoughts of hurting someone else (a
# yes at the risk check about a threat, or a threat in their own words), so its words say how to
# step away first.
TOWARD_OTHERS = "toward_others"


def at_risk(session: Session) -> str:
    """The other person's name when ``session`` stopped for signs in their pasted messages."""
    if session.state is not State.STOPPED_CRISIS:
        return ""
    return str(session.settings.get(AT_RISK) or "")


def harms_others(session: Session) -> bool:
    """Whether ``session`` stopped for the person's own thoughts of hurting someone else."""
    return session.state is State.STOPPED_CRISIS and bool(session.settings.get(TOWARD_OTHERS))


def stop_words(state: State, *, at_risk: str = "", others: bool = False) -> tuple[str, str]:
    """What a stop says: why it stopped, then what to do (the terminal and the web alike). With
    ``others`` (``harms_others``), calm steps first: step away, put distance between you, call
    someone.

    >>> stop_words(State.STOPPED_CRISIS, at_risk="Sam")[0][:48]
    'Something in these messages suggests Sam may not'
    >>> "step away" in stop_words(State.STOPPED_CRISIS, others=True)[1]
    True
    """
    if at_risk and state is State.STOPPED_CRISIS:
        return content.someone_else_at_risk(at_risk)
    if others and state is State.STOPPED_CRISIS:
        return content.HARM_TO_OTHERS_STOP
    return content.PROMPTS[state], crisis_message(stop_kinds(state))


def stop_kinds(state: State) -> tuple[str, ...]:
    """The crisis kinds a stop speaks to, for its words and the order of its resources: danger
    from someone else for the abuse stop (``STOPPED_UNSAFE``: a no at the safety question, signs
    of abuse, fear of the other person, blame for their anger, their harm or threats), so the
    abuse line comes right after the emergency number; none known otherwise (every resource).

    >>> stop_kinds(State.STOPPED_UNSAFE), stop_kinds(State.STOPPED_CRISIS)
    (('abuse_danger',), ())
    """
    return ("abuse_danger",) if state is State.STOPPED_UNSAFE else ()


def _whose_signs(session: Session, event: Event, mode: Mode) -> tuple[Event, str]:
    """The stop for pasted messages, and the other person's name (as the messages spell it) when
    the stop is about them. When every pasted line that shows crisis signs is theirs, a threat
    aimed at the person using Mend puts them in danger: the abuse stop, with its safety plan, even
    when the same lines show the other person's own suicide signs. Any other signs (their own
    suicide or self-harm signs, abuse they suffer, a threat to someone else) make a crisis stop
    about them. Otherwise the gate's stop stands and speaks to the person using Mend."""
    # Their name without the pronouns it may carry ("Sam, she", "Robin (they/them)").
    other = reader(str(session.answers.get(State.RECOGNISE_WHO.value, ""))).name.lower()
    turns = _pasted_turns(str(event.value or ""))
    if not other or not turns:
        return event, ""
    analysed = analyze_conversation(Conversation.from_turns(turns), mode=mode).turns
    flagged = [t for t in analysed if CRISIS in t.labels]
    speakers = {t.speaker for t in flagged}
    if len(speakers) != 1:
        return event, ""
    speaker = speakers.pop()
    mine = speaker.lower() in ("me", "i", "myself", "you")
    if mine or speaker.lower() not in (other, *other.split()):
        return event, ""
    if any(threatens_you(t) for t in flagged):
        return Event(E.ABUSE, event.value), ""
    return Event(E.CRISIS, event.value), speaker


def show_stop(state: State, prompter: Prompter, region: str, *, at_risk: str = "",
              others: bool = False) -> None:
    """What a stopped session shows: why it stopped, the resources, and for danger from the
    other person a safety plan under its own heading. With ``at_risk`` (the signs were in that
    person's pasted messages) the words are about helping them; with ``others`` (thoughts of
    hurting someone else), about stepping away first."""
    for line in stop_words(state, at_risk=at_risk, others=others):
        prompter.say(line)
    _show_resources(prompter, region, content.helpers_heading(
        at_risk if state is State.STOPPED_CRISIS else ""), kinds=stop_kinds(state))
    if state is State.STOPPED_UNSAFE:
        prompter.say(SAFETY_PLAN_HEADING)
        for line in content.SAFETY_PLAN:
            prompter.say(f"- {line}")


SAFETY_PLAN_HEADING = "Some things that can help you stay safe:"


def _show_resources(prompter: Prompter, region: str,
                    heading: str = "If you need someone now:", *,
                    kinds: tuple[str, ...] = ()) -> None:
    prompter.say(heading)
    for r in resources_for(region, kinds):
        prompter.say(f"- {r.name}: {r.contact}")


def _pasted_turns(pasted: str) -> list[tuple[str, str]]:
    """Pasted "Speaker: text" lines as (speaker, text); a line without a speaker continues the
    one before it."""
    turns: list[tuple[str, str]] = []
    for line in pasted.splitlines():
        parsed = split_line(line)
        if parsed is not None:
            turns.append((parsed[1], parsed[2]))
        elif turns and line.strip():
            turns[-1] = (turns[-1][0], f"{turns[-1][1]}\n{line.strip()}")
    return turns


def _show_markers(pasted: str, prompter: Prompter) -> None:
    turns = _pasted_turns(pasted)
    if not turns:
        prompter.say("I couldn't read those as 'Speaker: text' lines, so I'll go on without them.")
        return
    for turn in analyze(Conversation.from_turns(turns)).turns:
        for label in turn.labels:
            if label.startswith("rupture."):
                kind = label.removeprefix("rupture.")
                spans = [e.text for e in turn.evidence
                         if e.label == label and e.source.startswith("rule:")]
                quoted = spans[0] if spans else turn.text
                prompter.say(f"\"{quoted}\" ({turn.speaker}) may have landed as {kind}; "
                             "does that fit?")


@lru_cache(maxsize=8)
def _critique(text: str) -> CheckResult:
    """The critic's verdict on a draft at the review step: shown after the draft, reused for the
    review's rewrite. Its note on what is not there yet leaves out the feeling, which the very
    next steps ask for (and put into the message), and a request the draft makes in a sentence
    that the critic reads as one when it stands alone: the coach's steps must not contradict
    each other."""
    result = critique(text)
    components = dict(result.components)
    if not components.get("request") and any(
            critique(sentence).components.get("request")
            for sentence in _SENTENCE_END.split(text.strip()) if sentence != text.strip()):
        components["request"] = True
    missing_now = [name for note in result.notes if note.startswith(MISSING_NOTE)
                   for name in note.removeprefix(MISSING_NOTE).rstrip(".").split(", ")]
    still = [name for name in missing_now if name != "feeling" and not components.get(name)]
    notes = tuple(n for n in result.notes if not n.startswith(MISSING_NOTE))
    if still:
        notes = (MISSING_NOTE + ", ".join(still) + ".", *notes)
    return replace(result, components=components, notes=notes)


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def review(draft: str) -> CheckResult:
    """The critic's verdict on ``draft``, as the review step shows it and as ``accept`` takes its
    rewrite (the same cached result)."""
    return _critique(draft)


def offered_draft(session: Session) -> str:
    """The draft the coach offers at ``session``'s step: the composer's at the draft step, the
    message to keep at the rebuild step, else ``""`` (a page can prefill a text box with it)."""
    context = str(session.answers.get("recognise_context", "partner"))
    if session.state is State.RESPONSIBILITY_DRAFT:
        return _composed(session, context)
    if session.state is State.REBUILD_MESSAGE:
        return _final_draft(session, context)
    if session.state in goal_flow.DRAFT_STEPS:
        return goal_flow.offered(session)
    return ""


def _parts(session: Session, context: str, answers: Mapping[str, Any] | None = None
           ) -> DraftParts:
    """The composer's parts from ``session``'s answers (or ``answers``), without the answers the
    person kept through the risk check: those are never quoted to the other person."""
    return DraftParts.from_answers(session.answers if answers is None else answers,
                                   context=context, withheld=session.withheld)


def _withheld_note(session: Session, *, later: bool = False) -> str:
    """The line that says the draft leaves out an answer kept through the risk check (with
    ``later``, only those the steps after the draft gave), or ``""``."""
    answers = ({k: v for k, v in session.answers.items() if k in _LATER_ANSWERS} if later
               else session.answers)
    return withheld_note(_parts(session, "partner", answers))


def _composed(session: Session, context: str) -> str:
    return compose(_parts(session, context))


_LATER_ANSWERS = ("vulnerability_surface", "vulnerability_beneath", "vulnerability_needs",
                  "rebuild_commitment")


def _own_draft(session: Session, context: str) -> str | None:
    """The draft the person chose when it is not the composer's (their own words, or the
    critic's rewrite of them), else None."""
    chosen = session.answers.get("responsibility_review") or session.answers.get(
        "responsibility_draft")
    earlier = {k: v for k, v in session.answers.items() if k not in _LATER_ANSWERS}
    if not chosen or chosen == compose(_parts(session, context, earlier)):
        return None
    return str(chosen)


def _final_draft(session: Session, context: str) -> str:
    """The message to keep: the person's own draft, or, if they took the composer's, the
    composer's again with what they found since (the feeling beneath, the need)."""
    own = _own_draft(session, context)
    return own if own is not None else _composed(session, context)


# Said when the person's own draft is kept (or the critic's rewrite they chose: they did not
# write that one): the coach does not change their words unasked.
OWN_DRAFT_KEPT = "Your draft is kept as you wrote it, so what you found since was not added."
REWRITE_KEPT = "The rewrite you chose is kept as it is, so what you found since was not added."
# How the terminal takes the offer (a page has a button for it).
ADD_HINT = "Type add to put it at the end."
# Said after the commitment: the coach's draft took it (the message follows), or the person's
# own message was kept.
MESSAGE_NOW_SAYS = "Your message now also says what you will do next time:"
MESSAGE_KEPT = "Your message is kept as you wrote it."
REWRITE_MESSAGE_KEPT = "Your message is kept as it is."


def kept_note(session: Session) -> str:
    """What the rebuild step says of a kept draft: ``OWN_DRAFT_KEPT``, or ``REWRITE_KEPT`` when
    the draft is the critic's rewrite that the person accepted."""
    return REWRITE_KEPT if _chose_rewrite(session) else OWN_DRAFT_KEPT


def _chose_rewrite(session: Session) -> bool:
    review = session.answers.get("responsibility_review")
    return bool(review) and review != session.answers.get("responsibility_draft")
# Said after something was added to the message at the rebuild step (the message follows).
MESSAGE_WITH_ADDITION = "Your message now says:"


def add_to(session: Session, message: str) -> str | None:
    """``message`` with what the coach offers to add at ``session``'s rebuild step put at the
    end (once: a message that already ends with it is kept as it is), or None when there is
    nothing to add. A page's "Add it" sends the message box as it stands, so an edit is kept.

    The message ``add`` takes in the terminal is the one the coach shows."""
    addition = offered_addition(session)
    if not addition:
        return None
    text = message.strip()
    return text if text.endswith(addition) else f"{text} {addition}".strip()


def offered_addition(session: Session) -> str:
    """What the coach offers to add to the person's own message at the rebuild step (what they
    found since their draft), as ``add`` puts it at the end; ``""`` at any other step, or when
    there is nothing to add."""
    if session.state is not State.REBUILD_MESSAGE:
        return ""
    return _addition(session, str(session.answers.get("recognise_context", "partner")))


def says_commitment(session: Session) -> bool:
    """Whether the kept message already says what the person will do next time (the coach's
    draft puts "Next time, I will ..." into it), so a page need not say it again."""
    message = str(session.answers.get(State.REBUILD_MESSAGE.value, ""))
    said = str(session.answers.get(State.REBUILD_COMMITMENT.value, "")).strip()
    if not message or not said:
        return False
    context = str(session.answers.get("recognise_context", "partner"))
    sentence = commitment_sentence(_parts(session, context))
    return bool(sentence and sentence in message) or said in message


def _addition(session: Session, context: str) -> str:
    """What the steps after the draft found (the feeling beneath, the need), as sentences the
    person may add to a draft of their own; ``""`` for the composer's draft (it has them)."""
    if _own_draft(session, context) is None:
        return ""
    return later_sentences(_parts(session, context))


def _with_commitment(before: Session, after: Session, prompter: Prompter) -> Session:
    """``after`` the person said what they will do differently: the offer of repair goes into
    the message when it is the composer's (it is composed again with it); for a message of their
    own, the sentence is offered, and the message is kept as they wrote it."""
    context = str(before.answers.get("recognise_context", "partner"))
    message = str(after.answers.get(State.REBUILD_MESSAGE.value, ""))
    sentence = commitment_sentence(_parts(after, context))
    said = {State.REBUILD_COMMITMENT.value: after.answers.get(State.REBUILD_COMMITMENT.value)}
    if note := withheld_note(_parts(after, context, said)):  # what the message leaves out of it
        prompter.say(note)
    if not sentence or sentence in message:
        return after
    kept_as_written = pronoun_notes(_parts(after, context), only=("commitment",))
    if message == _composed(before, context):
        message = _composed(after, context)
        prompter.say(MESSAGE_NOW_SAYS)
        prompter.say(message)
        for line in kept_as_written:
            prompter.say(line)
        return replace(after, answers={**after.answers, State.REBUILD_MESSAGE.value: message})
    kept = REWRITE_MESSAGE_KEPT if _chose_rewrite(after) else MESSAGE_KEPT
    prompter.say(f"{kept} Saying what you will do next time is a strong part of a "
                 f"repair: if it fits, add \"{sentence}\" when you send it.")
    for line in kept_as_written:
        prompter.say(line)
    return after


def _breathe(prompter: Prompter, *, sigh: bool, rate: float, cycles: int = 5) -> None:
    period = 60.0 / rate
    for i in range(cycles):
        if sigh:
            prompter.say(f"{i + 1}. In through the nose... and a little more in...")
            prompter.wait(period * 0.35)
            prompter.say("   ...and a long, slow breath out.")
            prompter.wait(period * 0.65)
        else:
            prompter.say(f"{i + 1}. Breathe in...")
            prompter.wait(period * 0.4)
            prompter.say("   ...and out, slowly.")
            prompter.wait(period * 0.6)


def _rate(text: str) -> float:
    found = re.search(r"(\d+(?:\.\d+)?)", text)
    rate = float(found.group(1)) if found else 6.0
    return min(7.0, max(4.5, rate))


def _int(text: str, low: int, high: int) -> int | None:
    found = re.search(r"-?\d+", text)
    if not found:
        return None
    value = int(found.group(0))
    return value if low <= value <= high else None


# A session setting: the step (and how far the session had come) where the coach last said the
# ways out to a change of mind; the answer given there next is taken as it is.
CHANGED_MIND_AT = "changed_mind_at"
# The steps of the story, before the openness question: what is said there is the story, which
# that question then reads for a goal ("I'm done, I'm breaking up with Sam tonight": an ending).
_STORY_STEPS: frozenset[State] = frozenset({State.RECOGNISE_WHAT, State.RECOGNISE_NOTICED})


def _here(session: Session) -> str:
    return f"{session.state.value}@{len(session.path)}"


def _story_goes_on(session: Session, raw: str) -> bool:
    """Whether a change of mind at a step of the story is taken as the answer: it tells of a goal
    the openness question will check ("I'm done, I'm ending it with Sam": an ending), or the
    ways out were said at this step already and the person answered again (the question is
    never asked a third time with nothing new to go on)."""
    if session.state not in _STORY_STEPS:
        return False
    who = str(session.answers.get(State.RECOGNISE_WHO.value, ""))
    return (session.settings.get(CHANGED_MIND_AT) == _here(session)
            or suspected(raw, other=who) is not None)


# The steps where an answer may say the person no longer wants a repair with the other person
# (before the openness question, and on the way to the message after it).
_CHANGE_OF_MIND_STEPS: frozenset[State] = frozenset({
    State.RECOGNISE_WHAT, State.RECOGNISE_NOTICED, State.RESPONSIBILITY_PART,
    State.RESPONSIBILITY_REGRET, State.RESPONSIBILITY_KNOW, State.RESPONSIBILITY_DRAFT,
    State.VULNERABILITY_SURFACE, State.VULNERABILITY_BENEATH, State.VULNERABILITY_NEEDS,
    State.REBUILD_MESSAGE, State.REBUILD_COMMITMENT})


def start(session_id: str, *, attachment: str | None = None, region: str = "default") -> Session:
    settings = {"region": region, **({"attachment": attachment} if attachment else {})}
    return replace(Session(id=session_id), settings=settings)
