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
from typing import Any, Final, Protocol

from mendkit.analysis.language import COACH_UNREADABLE_ANSWER, looks_unreadable
from mendkit.analysis.pipeline import Mode, analyze_conversation
from mendkit.analysis.safety import (
    DEFAULT_REGION,
    about_images,
    crisis_message,
    image_services,
    image_threat,
    resources_for,
)
from mendkit.api import analyze
from mendkit.coach import content, goal_flow
from mendkit.coach.apology_screens import betrayal, broke_trust
from mendkit.coach.break_time import break_end
from mendkit.coach.composer import (
    CONTEXTS,
    DraftParts,
    added_notes,
    commitment_sentence,
    compose,
    later_sentences,
    left_out_notes,
    pronoun_notes,
    unsaid,
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
    changes_mind,
    declines,
    hedged,
    is_help,
    numb,
    overloaded,
    plain_refusal,
    reads_as_name,
    risk_reply,
    yes_or_no,
)
from mendkit.coach.safety_gate import Screened, harm_to_others, screen, screened, threatens_you
from mendkit.coach.session import Session
from mendkit.coach.store import SessionStorage
from mendkit.coach.wording import unknown
from mendkit.coach.youth import (
    about_someone_else,
    adult_with_minor,
    age_gap_line,
    reads_young_at_home,
    said_to_writer,
)
from mendkit.coach.youth import safety_plan as youth_plan
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
        else:
            event = _whose_story(current, event, mode)
        after = current.apply(event)
        if current.state is State.FOLLOW_UP_CONNECTION and after.state in (
                State.DONE, State.FOLLOW_UP_AGAIN):
            after = _with_follow_up(after)
        if event.meta.get(OVERLOAD):  # the level is kept as a number: the words are not
            after = replace(after, settings={**after.settings, OVERLOAD: True})
        if event.meta.get(CHECKED) and current.state.value not in after.withheld:
            after = replace(after, withheld=(*after.withheld, current.state.value))
        if current.state is State.REBUILD_COMMITMENT and event.type is E.ANSWER:
            after = _with_commitment(current, after, prompter)
        if after.state is State.STOPPED_CRISIS and name:
            after = replace(after, settings={**after.settings, AT_RISK: name})
        elif after.state is State.STOPPED_CRISIS and _toward_others(current, event):
            after = replace(after, settings={**after.settings, TOWARD_OTHERS: True})
        elif after.state is State.STOPPED_CRISIS and (told := _told_about(current, event, mode)):
            after = replace(after, settings={**after.settings, AT_RISK: told, TOLD: True})
        elif after.state is State.STOPPED_CRISIS and _said_to_you(current, event, mode):
            after = replace(after, settings={**after.settings, AIMED: True})
        if after.state in (State.STOPPED_CRISIS, State.STOPPED_UNSAFE):
            after = replace(after, settings={**after.settings, **_who_stops(current, event)})
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


class _Unasked(str):
    """An answer in which only the model saw a sign, taken without asking again: the person
    said a clear no to the risk check about this very answer earlier in the session."""

    __slots__ = ()


# An event's meta: its answer is kept as one the risk check passed (``Session.withheld``).
CHECKED = "checked"


def said_no_to_check(session: Session) -> bool:
    """Whether the person answered the risk check with a clear no in ``session``."""
    return (State.CONFIRM_RISK.value, E.NO_RISK.value) in session.path


def _same(text: str) -> str:
    return " ".join(text.lower().replace("\u2019", "'").split())


def checked_answers(session: Session) -> frozenset[str]:
    """The answers the person said a clear no about at the risk check this session (the
    answers of ``Session.withheld``), as ``_same`` reads them: only these very words are not
    asked about again. A new answer with a sign is always checked, however often they said no."""
    return frozenset(_same(str(session.answers[step])) for step in session.withheld
                     if session.answers.get(step))


def _reply(prompter: Prompter, prompt: str, mode: Mode, region: str, *, name: bool = False,
           safety: bool = False, offer: bool = False, ending: bool = False,
           context: str = "", checked: frozenset[str] = frozenset()) -> str | Event:
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
        found = screened(raw, mode=mode, context=context) if raw else Screened(None)
        stop, model_only = found.stop, found.model_only
        if stop is not None and model_only and (
                (offer and plain_refusal(raw)) or (ending and ends_relationship(raw))):
            stop = None
        if stop is not None and model_only and _same(raw) in checked:
            # The person said a clear no to the check about these very words already (they
            # gave the same answer again): not asked twice. The answer is kept as one checked
            # (quoted only when it passes every screen). A new answer with a sign is asked
            # about again, and a rule's sign still stops at once.
            return _Unasked(raw)
        if stop is not None and found.asked_first:
            # A rule's sign said as a joke ("kms lol", about a PE kit) or a report of being told
            # to kill oneself: asked about, as a sign only the model saw is, but with where help
            # is shown first (each time, even after an earlier no: it is a rule's sign).
            return Event(E.CHECK_RISK, raw, {"stop": stop.value, RESOURCES_FIRST: True})
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
    for an answer that says neither (asked again; from the second, with where help is: the
    session is neither ended nor coached on until a clear answer), else the stop the sign called
    for (a yes, not sure, "help", or an answer with signs of its own).

    An empty answer (a stray Enter) is no answer: it is asked again, and never counts as the
    unclear one (two of them used to stop the session); after the second, where help is is shown
    as well. A stop about hurting someone else (the answer held back, or this one, says so) says
    first how to step away (``TOWARD_OTHERS``)."""
    empty = 0
    question = risk_question(session)
    while not (raw := prompter.ask(question).strip()):
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
    if answer in ("yes", "not sure") or MAYBE.search(raw.lower()):
        return stopping(stop)
    # Neither (a number, a word for another question): asked once more, plainly; after that,
    # where help is is shown with each question again. Nothing goes on without a clear no, and
    # nothing the person wrote is lost.
    asked_again = session.path[-1:] == ((State.CONFIRM_RISK.value, E.RISK_UNCLEAR.value),)
    return Event(E.RISK_UNCLEAR, raw, {RESOURCES_AGAIN: asked_again})


def risk_question(session: Session) -> str:
    """The risk check's question: after a clear no earlier in the session, a shorter one that
    says why Mend asks again (``RISK_QUESTION_AGAIN``)."""
    return (content.RISK_QUESTION_AGAIN_PROMPT if said_no_to_check(session)
            else content.PROMPTS[State.CONFIRM_RISK])


# An unclear answer's event meta: the check was unclear before too, so where help is is shown.
RESOURCES_AGAIN = "resources"
# A risk check's event meta: the sign was a rule's (hedged as a joke, or being told to kill
# oneself), so where help is is shown with the question.
RESOURCES_FIRST = "resources_first"


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
    if minutes:
        prompter.say(WHILE_YOU_WAIT)
    for left in range(minutes, 0, -1):
        if left == minutes or _time_left_said(left):
            prompter.say(f"{left} minute{'s' if left > 1 else ''} left.")
        prompter.wait(60 if left < minutes else seconds - 60 * (minutes - 1))
    prompter.say("Your break is over. Let's check in again.")
    return Event(E.BREAK_OVER)


# Said once as a live break timer starts: what to do meanwhile, with examples.
WHILE_YOU_WAIT = ("While you wait, do something that calms you: breathe slowly, stretch, drink "
                  "some water, or look out of a window. Try not to go over the argument in your "
                  "head. Mend will say how much time is left now and then.")


def _time_left_said(left: int) -> bool:
    """Whether the timer says how long is left with ``left`` minutes to go: each 10 minutes in
    the last hour, each hour before it, and at 5 and 1 minutes, not every minute."""
    return left in (5, 1) or (left % 10 == 0 if left <= 60 else left % 60 == 0)


# A session setting: the person said everything is too loud or too much with their level at
# the arousal check (the answer kept there is the number).
OVERLOAD = "overload"


def overloaded_session(session: Session) -> bool:
    """Whether the person said everything is too loud or too much, at the arousal check or in
    what they noticed: grounding then starts with less input, and hearing is optional; a break
    starts with less input too."""
    return bool(session.settings.get(OVERLOAD)) or overloaded(
        *(str(session.answers.get(step.value, "")) for step in (
            State.REGULATE_CHECK, State.RECOGNISE_NOTICED, State.RECOGNISE_WHAT)))


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
        for line in (*left_out_notes(parts), *pronoun_notes(parts), *added_notes(parts)):
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
    if state is State.REGULATE_BREAK and overloaded_session(session):
        prompter.say(content.BREAK_OVERLOAD)  # flooded and overloaded: less input first
    if state is State.REGULATE_GROUNDING and overloaded_session(session):
        prompt = content.GROUNDING_OVERLOAD  # less input first; hearing is optional
    if state is State.RESPONSIBILITY_KNOW and broke_trust_in(session):
        prompt = content.REQUEST_AFTER_BETRAYAL  # optional: the repair is theirs to carry
    if state is State.REBUILD_COMMITMENT and betrayed(session):
        own = broke_trust_in(session)
        if session.settings.get(COMMITMENT_ASKED) == _here(session):
            prompt = content.COMMITMENT_AGAIN if own else content.COMMITMENT_AGAIN_PLAIN
        elif own:
            prompt = content.COMMITMENT_AFTER_BETRAYAL
    reply = _reply(prompter, prompt, mode, region, name=state is State.RECOGNISE_WHO,
                   safety=state is State.SAFETY_CHECK,
                   offer=state in (State.REGULATE_BREAK, State.REGULATE_BREATHING),
                   ending=session.goal() == ENDING or state is State.OPENNESS,
                   context=str(session.answers.get("recognise_context", "")),
                   checked=checked_answers(session))
    if isinstance(reply, Event):
        return reply
    event = _event_for(session, reply, prompter, now)
    if isinstance(reply, _Unasked) and isinstance(event, Event):
        event = replace(event, meta={**event.meta, CHECKED: True})
    return event


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
    if state in _DONT_KNOW_HELP and unknown(raw) and session.settings.get(EXAMPLE_AT) != \
            _here(session):
        # "I don't know": allowed, but first an example (or a ready script), and asked once more.
        prompter.say(_DONT_KNOW_HELP[state])
        return replace(session, settings={**session.settings, EXAMPLE_AT: _here(session)})
    if state is State.INTERNAL_NEXT_TIME and session.settings.get(EXAMPLE_AT) == _here(session) \
            and (unknown(raw) or yes_or_no(raw) == "yes"):
        return Event(E.ANSWER, content.BREAK_SCRIPT)  # the script offered, kept
    if (state is State.REBUILD_COMMITMENT and skip and betrayed(session)
            and COMMITMENT_ASKED not in session.settings):
        # Asked once more, gently: after a betrayal what they will do is most of the repair.
        return replace(session, settings={**session.settings, COMMITMENT_ASKED: _here(session)})
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
BREAK_EXPECTED = ("Please answer with how long, like 45 minutes or 2 hours, or when you will "
                  "come back, like 8pm or tomorrow morning: from 20 minutes to under a day. Or "
                  "type skip to go on without a break.")
_REVIEW_WITHOUT_REWRITE = "Edit your draft, or keep it as it is? (edit / keep)"
_EXPECTED: dict[State, str] = {
    State.SAFETY_CHECK: "Please answer yes or no. If you are not sure you are safe, answer no: "
                        "your safety comes first.",
    State.OPENNESS: "Please answer yes, not now or no.\nIf you can't tell, answer not sure.\nIf "
                    "repair is not what you want, answer died, no contact, ending or limit.",
    State.LETTER_OFFER: "Please answer yes or no.",
    State.FOLLOW_UP_AGAIN: "Please answer yes or no.",
    State.REBUILD_COMMITMENT: "Please answer 1 to 4, or write what you will do in your own "
                              "words.",
    State.MESSAGE_REVIEW: "Please answer keep or edit.",
    State.RECOGNISE_CONTEXT: f"Please answer one of: {', '.join(CONTEXTS)}.",
    State.REGULATE_CHECK: "Please answer with a number from 0 (calm) to 10 (flooded).",
    State.REGULATE_BREAK: BREAK_EXPECTED,
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


_GAP: Final = re.compile(r"\.\.\.|\u2026")


def has_gap(text: str) -> bool:
    """Whether a rewrite leaves a gap for the person to fill ("I'm sorry I ...")."""
    return bool(_GAP.search(text))


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
        if state is State.FOLLOW_UP_CONNECTION and betrayed(session):
            return Event(E.ASK_AGAIN)  # another follow-up is offered all the same
        return Event(E.SKIP)
    if state is State.REBUILD_COMMITMENT and broke_trust_in(session) and (
            chosen := re.fullmatch(r"\s*(\d+)\s*\.?\s*", raw)):
        number = int(chosen.group(1))  # one of the actions offered, or asked again
        return (Event(E.ANSWER, content.TRUST_ACTIONS[number - 1])
                if 1 <= number <= len(content.TRUST_ACTIONS) else None)
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
        return Event(E.FLOODED if level >= 7 else E.CALM, level,
                     {OVERLOAD: True} if overloaded(raw) else {})
    if state is State.REGULATE_BREAK:
        until = break_end(raw, _local(now))
        if until is None and declines(raw, later=False):
            return Event(E.SKIP)  # "no", "i dont want a break": always skippable
        if until is None or until.back is None:
            if until is not None:  # why not, in words (the shortest or the longest break)
                prompter.say(until.refused)
            return None
        if until.read_as:  # "tomorrow morning": the time it was taken as
            prompter.say(until.read_as)
        # With its offset: the break ends then even if the time zone changes meanwhile.
        return Event(E.BREAK_SET, until.back.isoformat(timespec="minutes"))
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
        if choice == "accept" and rewrite and has_gap(rewrite):
            # A rewrite with a gap ("I'm sorry I ...") is never a message as it is: the person
            # fills it in, editing their own draft.
            prompter.say(content.REWRITE_GAP)
            return Event(E.EDIT, draft)
        if choice == "accept":  # with no rewrite offered, the draft as it is
            return Event(E.ACCEPT, rewrite or draft)
        if choice == "edit":
            return Event(E.EDIT, draft)
        # Kept: the draft as it is now (after an edit, the edited one), in the review's place.
        return Event(E.IGNORE, draft) if choice in ("keep", "ignore") else None
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
        if connection is None:
            return None
        return Event(E.ASK_AGAIN if betrayed(session) else E.ANSWER, connection)
    if state is State.FOLLOW_UP_AGAIN:
        answer = yes_or_no(raw)
        return Event(E.ACCEPT) if answer == "yes" else Event(E.SKIP) if answer == "no" else None
    return None


def _after(session: Session, event: Event, prompter: Prompter, region: str) -> None:
    state = session.state
    if state in (State.STOPPED_CRISIS, State.STOPPED_UNSAFE):
        show_stop(state, prompter, region, session=session)
        return
    previous = State(session.path[-1][0])
    if event.type is E.CHECK_RISK and event.meta.get(RESOURCES_FIRST):
        _show_resources(prompter, region)
    if event.type is E.NO_RISK:
        prompter.say(content.RISK_NO)
    if event.type is E.RISK_UNCLEAR:
        prompter.say(content.RISK_AGAIN)
        if event.meta.get(RESOURCES_AGAIN):
            _show_resources(prompter, region)
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
        result = _critique(str(event.value), not_asked(session))
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


# Session settings a stop reads (``stop_facts``): the signs about someone else were in what the
# person said they told them, not in pasted messages (``TOLD``); the person reads as young
# (``YOUNG``); the age of a young person an adult is in a relationship with (``MINOR_AGE``);
# pictures shared, threatened or demanded (``IMAGES``).
TOLD = "told"
YOUNG = "young"
MINOR_AGE = "minor_age"
IMAGES = "images"


# A session setting: the crisis signs were said to the person ("telling me to kys"): the stop
# speaks to them as the one at risk, and as one being hurt by others.
AIMED = "aimed"


def _answer_turn(event: Event, mode: Mode) -> Any:
    return analyze_conversation(Conversation.from_turns([("me", str(event.value))]),
                                mode=mode).turns[0]


def _whose_story(before: Session, event: Event, mode: Mode) -> Event:
    """``event`` as the stop the person's own story calls for: a friend's signs told with their
    demand for secrecy ("he said if i tell anyone...") are a crisis about the friend, not danger
    to the writer; pictures threatened or demanded (``image_threat``), in the answer or in the
    one held back at the risk check, stop for danger even when only the model saw it or the
    person said no: no repair is coached with someone who threatens them."""
    if before.state is State.RECOGNISE_MESSAGES:
        return event
    if event.type is E.ABUSE and _told_about(before, event, mode):
        return replace(event, type=E.CRISIS)
    said = (before.held_answer() if event.type is E.NO_RISK
            else str(event.value or "") if event.type in (E.ANSWER, E.CHECK_RISK) else "")
    story = before.state.value.startswith("recognise") or before.state is State.CONFIRM_RISK
    if story and said and image_threat(said):
        return Event(E.ABUSE, said)
    return event


def _said_to_you(before: Session, event: Event, mode: Mode) -> bool:
    """Whether the signs the crisis stop is for were said to the person ("they keep sending me
    messages telling me to kys"): ``youth.said_to_writer``."""
    if before.state in (State.RECOGNISE_MESSAGES, State.CONFIRM_RISK) or not isinstance(
            event.value, str) or not event.value.strip():
        return False
    return said_to_writer(_answer_turn(event, mode))


def _said(session: Session, event: Event) -> str:
    """All the person has written in ``session``, with the answer ``event`` brings."""
    said = [str(v) for v in session.answers.values() if isinstance(v, str)]
    return "\n".join((*said, session.held_answer(), str(event.value or "")))


def _who_stops(before: Session, event: Event) -> dict[str, Any]:
    """What a stop needs to know of the person (``youth``): young, an adult in a relationship
    with them, pictures shared or threatened."""
    said = _said(before, event)
    relationship = str(before.answers.get(State.RECOGNISE_CONTEXT.value, ""))
    partner = relationship == "partner"
    return {YOUNG: reads_young_at_home(said, relationship),
            MINOR_AGE: adult_with_minor(said, partner=partner), IMAGES: about_images(said)}


def _told_about(before: Session, event: Event, mode: Mode) -> str:
    """The name of the person a crisis stop is about when the person using Mend tells of
    someone else's signs in their own words ("jess sent me a message saying she doesnt want to
    be alive anymore"), else ``""``: the one the session is about when the answer names them,
    else "your friend" or "them"."""
    if before.state in (State.RECOGNISE_MESSAGES, State.CONFIRM_RISK) or not isinstance(
            event.value, str) or not event.value.strip():
        return ""
    if not about_someone_else(_answer_turn(event, mode)):
        return ""
    name = reader(str(before.answers.get(State.RECOGNISE_WHO.value, ""))).name
    if name and re.search(rf"\b{re.escape(name)}\b", event.value, re.IGNORECASE):
        return name[:1].upper() + name[1:] if name.islower() else name
    return "your friend" if re.search(r"\bfriend\b", event.value, re.IGNORECASE) else "them"


def at_risk(session: Session) -> str:
    """The other person's name when ``session`` stopped for signs in their pasted messages."""
    if session.state is not State.STOPPED_CRISIS:
        return ""
    return str(session.settings.get(AT_RISK) or "")


def harms_others(session: Session) -> bool:
    """Whether ``session`` stopped for the person's own thoughts of hurting someone else."""
    return session.state is State.STOPPED_CRISIS and bool(session.settings.get(TOWARD_OTHERS))


def stop_words(state: State, *, at_risk: str = "", others: bool = False, told: bool = False,
               young: bool = False, minor_age: int | None = None, aimed: bool = False,
               pronoun: str = "they") -> tuple[str, str]:
    """What a stop says: why it stopped, then what to do (the terminal and the web alike). With
    ``others`` (``harms_others``), calm steps first: step away, put distance between you, call
    someone. With ``at_risk``, words for the one worried about them (``told``: the person said
    it in their own words; ``young``: they read as young). For danger from someone else, with
    ``minor_age``, that an adult in a relationship with them is not okay. With ``aimed``, signs
    said to the person ("telling me to kys"): that is not okay and not their fault. ``pronoun``:
    the subject pronoun of the one at risk, as the person gave it ("he").

    >>> stop_words(State.STOPPED_CRISIS, at_risk="Sam")[0][:48]
    'Something in these messages suggests Sam may not'
    >>> "step away" in stop_words(State.STOPPED_CRISIS, others=True)[1]
    True
    """
    if at_risk and state is State.STOPPED_CRISIS:
        return content.someone_else_at_risk(at_risk, told=told, young=young, pronoun=pronoun)
    if others and state is State.STOPPED_CRISIS:
        return content.HARM_TO_OTHERS_STOP
    if aimed and state is State.STOPPED_CRISIS:
        return content.TOLD_TO_HURT_YOURSELF, crisis_message(("abuse_danger", "suicide"))
    why = content.PROMPTS[state]
    if minor_age is not None and state is State.STOPPED_UNSAFE:
        why = f"{age_gap_line(minor_age)} {why}"  # which ends: it is not your fault
    return why, crisis_message(stop_kinds(state))


def stop_facts(session: Session) -> dict[str, Any]:
    """``stop_words``'s words for the person ``session`` stopped for (see ``_who_stops``)."""
    age = session.settings.get(MINOR_AGE)
    who = reader(str(session.answers.get(State.RECOGNISE_WHO.value, "")))
    pronoun = (sorted(who.pronouns)[0] if who.declared and len(who.pronouns) == 1
               else "they")
    return {"at_risk": at_risk(session), "others": harms_others(session),
            "told": bool(session.settings.get(TOLD)), "young": bool(session.settings.get(YOUNG)),
            "minor_age": age if isinstance(age, int) else None,
            "aimed": session.state is State.STOPPED_CRISIS and bool(session.settings.get(AIMED)),
            "pronoun": pronoun}


def stop_plan(session: Session, region: str) -> tuple[str, ...]:
    """The safety tips a stop for danger from someone else shows (none for another stop): for a
    young person, tips that fit them; with pictures shared or threatened, what to do about
    those (``youth.safety_plan``); else the adult plan (``content.SAFETY_PLAN``)."""
    if session.state is not State.STOPPED_UNSAFE:
        return ()
    services = image_services(region)
    return youth_plan(young=bool(session.settings.get(YOUNG)),
                      images=bool(session.settings.get(IMAGES)),
                      image_service=services[0].name if services else "",
                      adult_plan=content.SAFETY_PLAN)


def session_kinds(session: Session) -> tuple[str, ...]:
    """``stop_kinds`` for the stop ``session`` is at, knowing whose signs they were: worry for
    someone else's own signs (``told`` or pasted) is suicide, with no abuse lines; signs said to
    the person ("telling me to kys") are danger from others and their own risk alike."""
    if session.state is State.STOPPED_CRISIS and at_risk(session) and not harms_others(session):
        return ("suicide",)
    if session.state is State.STOPPED_CRISIS and session.settings.get(AIMED):
        return ("abuse_danger", "suicide")
    return stop_kinds(session.state)


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


def show_stop(state: State, prompter: Prompter, region: str, *,
              session: Session | None = None) -> None:
    """What a stopped session shows: why it stopped, the resources, and for danger from the
    other person a safety plan under its own heading. What ``session`` knows of the person
    (``stop_facts``) shapes the words: about helping someone else at risk, stepping away
    first, or for a young person."""
    facts = stop_facts(session) if session is not None else {}
    for line in stop_words(state, **facts):
        prompter.say(line)
    images = bool(session.settings.get(IMAGES)) if session is not None else False
    _show_resources(prompter, region, content.helpers_heading(
        facts.get("at_risk", "") if state is State.STOPPED_CRISIS else ""),
        kinds=session_kinds(session) if session is not None else stop_kinds(state),
        images=images, young=bool(facts.get("young")))
    if state is State.STOPPED_UNSAFE:
        prompter.say(SAFETY_PLAN_HEADING)
        plan = stop_plan(session, region) if session is not None else content.SAFETY_PLAN
        for line in plan:
            prompter.say(f"- {line}")


SAFETY_PLAN_HEADING = "Some things that can help you stay safe:"


# The heading over where help is, whenever the coach shows it (a web page shows them in its own
# help box after a risk check that came with them).
HELP_HEADING = "If you need someone now:"


def _show_resources(prompter: Prompter, region: str,
                    heading: str = HELP_HEADING, *,
                    kinds: tuple[str, ...] = (), images: bool = False,
                    young: bool = False) -> None:
    prompter.say(heading)
    for r in resources_for(region, kinds, images=images, young=young):
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
def _critique(text: str, not_asked: frozenset[str] = frozenset()) -> CheckResult:
    """The critic's verdict on a draft at the review step: shown after the draft, reused for the
    review's rewrite. Its note on what is not there yet leaves out the feeling, which the very
    next steps ask for (and put into the message), a request the draft makes in a sentence
    that the critic reads as one when it stands alone, and the components in ``not_asked``
    (``not_asked``): the coach's steps must not contradict each other."""
    result = critique(text)
    components = dict(result.components)
    if not components.get("request") and any(
            critique(sentence).components.get("request")
            for sentence in _SENTENCE_END.split(text.strip()) if sentence != text.strip()):
        components["request"] = True
    missing_now = [name for note in result.notes if note.startswith(MISSING_NOTE)
                   for name in note.removeprefix(MISSING_NOTE).rstrip(".").split(", ")]
    still = [name for name in missing_now if name != "feeling" and not components.get(name)
             and name not in not_asked]
    notes = tuple(n for n in result.notes if not n.startswith(MISSING_NOTE))
    if still:
        notes = (MISSING_NOTE + ", ".join(still) + ".", *notes)
    return replace(result, components=components, notes=notes)


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def review(draft: str, session: Session | None = None) -> CheckResult:
    """The critic's verdict on ``draft``, as the review step shows it and as ``accept`` takes its
    rewrite (the same cached result); with ``session``, without asking for what ``not_asked``
    names."""
    return _critique(draft, not_asked(session) if session is not None else frozenset())


# The composer's parts, with the critic's name for what each gives the message.
_ASKED_FOR: Final = {"my_part": "ownership", "request": "request"}


def not_asked(session: Session) -> frozenset[str]:
    """What the critic's "Not there yet" note does not ask for at the review of ``session``'s
    draft: the request, when the person is the one who broke trust (the repair is theirs to
    carry: asking is optional, ``content.REQUEST_AFTER_BETRAYAL``); and, in the coach's own
    draft, a part the person answered that the coach itself left out (their part, failing a
    screen after the risk check; a request they said they don't know, or one that pleads):
    Mend does not ask for what it removed."""
    answers = session.answers
    skip = {"request"} if broke_trust_in(session) else set()
    context = str(answers.get("recognise_context", "partner"))
    draft = str(answers.get(State.RESPONSIBILITY_DRAFT.value, "")).strip()
    if draft and draft == _composed(session, context).strip():
        given = [key for key, step in (("my_part", State.RESPONSIBILITY_PART),
                                       ("request", State.RESPONSIBILITY_KNOW))
                 if str(answers.get(step.value) or "").strip()]
        skip |= {_ASKED_FOR[key] for key in unsaid(_parts(session, context), given)}
    return frozenset(skip)


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


def kept_draft(session: Session) -> str:
    """The draft the person kept at the review: the critic's rewrite when their last choice there
    was to accept it, else their draft as it was last written (an edit writes it again, so a
    draft they edited away is never the one kept). ``""`` before there is a draft."""
    draft = str(session.answers.get(State.RESPONSIBILITY_DRAFT.value) or "")
    if _last_review_choice(session) == E.ACCEPT.value:
        return str(session.answers.get(State.RESPONSIBILITY_REVIEW.value) or draft)
    return draft


def _last_review_choice(session: Session) -> str:
    """The event of the person's last answer at the draft's review (``""`` when none)."""
    return next((event for state, event in reversed(session.path)
                 if state == State.RESPONSIBILITY_REVIEW.value), "")


def _own_draft(session: Session, context: str) -> str | None:
    """The draft the person chose when it is not the composer's (their own words, or the
    critic's rewrite of them), else None."""
    chosen = kept_draft(session)
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
    """Whether the kept draft is the critic's rewrite: the person's last choice at the review was
    to accept it (an edit or a keep after that is their own words again)."""
    return (_last_review_choice(session) == E.ACCEPT.value
            and kept_draft(session) != session.answers.get(State.RESPONSIBILITY_DRAFT.value))
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
    prompter.say(f"{kept} Saying what you will do differently is a strong part of a "
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
# Where an "I don't know" was answered with an example (``_DONT_KNOW_HELP``): the next one is taken.
EXAMPLE_AT = "example_at"
_DONT_KNOW_HELP: dict[State, str] = {State.RESPONSIBILITY_PART: content.PART_EXAMPLE,
                                     State.INTERNAL_NEXT_TIME: content.NEXT_TIME_SCRIPT}
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


# A session setting: where the rebuild step asked once more for what the person will do (after a
# betrayal an empty answer is asked about again, gently, once).
COMMITMENT_ASKED = "commitment_asked_at"
# The follow-ups done so far, oldest first (an answer of their own: the follow-up's steps are
# asked again when another is chosen): when each opened, how it went, how connected.
FOLLOW_UPS = "follow_ups"


def betrayed(session: Session) -> bool:
    """Whether the person's account or their part tells of a betrayal of trust, whoever did it
    (an affair, lies kept up, hidden debt, a broken promise): a major rupture, so an empty
    commitment is asked about once more and the follow-up offers another."""
    answers = session.answers
    return betrayal(*(str(answers.get(key) or "") for key in (
        State.RECOGNISE_WHAT.value, State.RESPONSIBILITY_PART.value,
        State.RESPONSIBILITY_REGRET.value)))


def broke_trust_in(session: Session) -> bool:
    """Whether the person is the one who broke trust (``broke_trust``): the rebuild step offers
    actions that rebuild it, and the commitment is "From now on"."""
    answers = session.answers
    return broke_trust(str(answers.get(State.RECOGNISE_WHAT.value) or ""),
                       *(str(answers.get(key) or "") for key in (
                           State.RESPONSIBILITY_PART.value, State.RESPONSIBILITY_REGRET.value)))


def _with_follow_up(session: Session) -> Session:
    """``session`` with the follow-up just answered added to its ``FOLLOW_UPS``."""
    answers = session.answers
    done = {"at": answers.get(State.REBUILD_FOLLOW_UP.value),
            "uptake": answers.get(State.FOLLOW_UP_UPTAKE.value),
            "connection": answers.get(State.FOLLOW_UP_CONNECTION.value)}
    earlier = [f for f in answers.get(FOLLOW_UPS) or () if isinstance(f, dict)]
    return replace(session, answers={**answers, FOLLOW_UPS: [*earlier, done]})


def start(session_id: str, *, attachment: str | None = None, region: str = "default") -> Session:
    settings = {"region": region, **({"attachment": attachment} if attachment else {})}
    return replace(Session(id=session_id), settings=settings)
