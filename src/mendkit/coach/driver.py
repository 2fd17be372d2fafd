"""Runs a coach session against a prompter (the terminal, or a scripted list of answers).

The state machine stays pure; this module turns raw answers into events (through the safety gate,
the arousal scale, the choices), saves the session after every step, composes and critiques the
draft, and runs the breathing pacer. ``ON_BREAK`` and ``AWAITING_FOLLOW_UP`` pause the session:
``--resume`` picks it up.

Its parts: ``prompter`` (the prompter and where help is shown), ``risk_check`` (the safety gate on
each answer and the risk check), ``stops`` (what a stopped session shows), ``pauses`` (breaks, the
breathing pacer, when a paused session continues), ``step_answers`` (an answer read as the event of
its step) and ``draft_steps`` (the message across the steps). Their names are importable from here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from mendkit.analysis.pipeline import Mode
from mendkit.analysis.safety import DEFAULT_REGION
from mendkit.api import analyze
from mendkit.coach import (
    answer_notes,
    bereavement,
    body_care,
    content,
    context_answer,
    deed_repair,
    goal_flow,
    later_talk,
    level_words,
    request_step,
)
from mendkit.coach.composer import compose, draft_notes, pronoun_notes
from mendkit.coach.control_signs import CONTROLLED, NAMED, controlled, named_as_control, stop_lines
from mendkit.coach.draft_steps import (
    ADD_HINT,
    CHANGED_CHECKED,
    CHANGED_MESSAGE,
    MESSAGE_KEPT,
    MESSAGE_NOW_SAYS,
    MESSAGE_WITH_ADDITION,
    OWN_DRAFT_KEPT,
    REWRITE_KEPT,
    REWRITE_MESSAGE_KEPT,
    _addition,
    _critique,
    _final_draft,
    _own_draft,
    _parts,
    _rewrite_of,
    _with_commitment,
    _withheld_note,
    add_to,
    betrayed,
    broke_trust_in,
    changed_message,
    has_gap,
    kept_draft,
    kept_note,
    not_asked,
    offered_addition,
    offered_draft,
    review,
    review_lines,
    says_commitment,
)
from mendkit.coach.goals import ENDING, GRIEF, REPAIR, suspected
from mendkit.coach.machine import (
    CONTROL_STEPS,
    GOAL_EVENTS,
    TERMINAL,
    Event,
    EventType,
    State,
    allowed_events,
)
from mendkit.coach.pauses import (
    WHILE_YOU_WAIT,
    _back_at,
    _due,
    _local,
    _resume,
    _wait_here,
    back_at,
    on_day,
)
from mendkit.coach.prompter import HELP_HEADING, NoMoreAnswers, Prompter, _show_resources
from mendkit.coach.pronouns import reader
from mendkit.coach.recap import recap_lines
from mendkit.coach.replies import asks_to_skip, changes_mind, yes_or_no
from mendkit.coach.risk_check import (
    CHECKED,
    DECLINED,
    RESOURCES_AGAIN,
    RESOURCES_FIRST,
    RESOURCES_POINTER,
    RESOURCES_POINTER_META,
    YES_OR_NO_AGAIN,
    _confirm,
    _readable,
    _reply,
    _toward_others,
    _Unasked,
    _unreadable,
    checked_answers,
    declined,
    risk_question,
    said_no_to_check,
)
from mendkit.coach.session import MODEL_ONLY, Session
from mendkit.coach.step_answers import (
    _EMPTY_MEANS,
    _REVIEW_WITHOUT_REWRITE,
    _UPTAKE,
    BREAK_EXPECTED,
    OVERLOAD,
    _expected,
    _interpret,
    _relationship,
    overloaded_session,
)
from mendkit.coach.stops import (
    AIMED,
    AT_RISK,
    IMAGES,
    MINOR_AGE,
    OWN_KINDS,
    SAFETY_PLAN_HEADING,
    TOLD,
    TOWARD_OTHERS,
    YOUNG,
    _pasted_turns,
    _said_to_you,
    _told_about,
    _who_stops,
    _whose_signs,
    _whose_story,
    at_risk,
    harms_others,
    own_stop_kinds,
    session_kinds,
    show_stop,
    stop_facts,
    stop_kinds,
    stop_plan,
    stop_words,
)
from mendkit.coach.store import SessionStorage
from mendkit.coach.wording import unknown
from mendkit.model import Conversation

# The driver's names, including those its parts now keep (``prompter``, ``risk_check``, ``stops``,
# ``pauses``, ``draft_steps``, ``step_answers``): the CLI, the web app and the tests import them
# from here.
__all__ = ["ADD_HINT", "AIMED", "AT_RISK", "BREAK_EXPECTED", "CHANGED_MIND_AT", "CHECKED", "COME_BACK",
           "COMMITMENT_ASKED", "EXAMPLE_AT", "FOLLOW_UPS", "HELP_HEADING", "IMAGES", "MESSAGE_KEPT",
           "MESSAGE_NOW_SAYS", "MESSAGE_WITH_ADDITION", "MINOR_AGE", "OVERLOAD", "OWN_DRAFT_KEPT", "PAUSED",
           "RESOURCES_AGAIN", "RESOURCES_FIRST", "REWRITE_KEPT", "REWRITE_MESSAGE_KEPT",
           "SAFETY_PLAN_HEADING", "TOLD", "TOWARD_OTHERS", "WHILE_YOU_WAIT", "YES_OR_NO_AGAIN", "YOUNG",
           "_UPTAKE", "NoMoreAnswers", "Prompter", "_relationship", "add_to", "at_risk", "back_at",
           "betrayed", "broke_trust_in", "checked_answers", "harms_others", "has_gap", "kept_draft",
           "kept_note", "not_asked", "offered_addition", "offered_draft", "on_day", "overloaded_session",
           "review", "risk_question", "run", "said_no_to_check", "says_commitment", "session_kinds",
           "show_stop", "start", "stop_facts", "stop_kinds", "stop_plan", "stop_words"]

E = EventType
PAUSED: frozenset[State] = frozenset({State.ON_BREAK, State.AWAITING_FOLLOW_UP})


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
            after = _with_follow_up(after, _local(now))
        if event.meta.get(OVERLOAD):  # the level is kept as a number: the words are not
            after = replace(after, settings={**after.settings, OVERLOAD: True})
        for key in (body_care.BODY, later_talk.LATER):  # what the body can't do; a later talk
            if key in event.meta:
                after = replace(after, settings={**after.settings, key: event.meta[key]})
        if event.type is E.NO_RISK and current.check.get(MODEL_ONLY):
            # A clear no to a sign only the model saw: later ones of its kind are not asked
            # about again (``risk_check.declined``).
            kinds = sorted({*declined(current), str(current.check.get("stop") or E.CRISIS.value)})
            after = replace(after, settings={**after.settings, DECLINED: kinds})
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
        if (after.state is State.STOPPED_CRISIS
                and not {AT_RISK, TOLD, AIMED, TOWARD_OTHERS} & set(after.settings)
                and (own := own_stop_kinds(current, event, mode))):
            after = replace(after, settings={**after.settings, OWN_KINDS: list(own)})
        if event.type is E.CONTROL:
            after = replace(after, settings={**after.settings, CONTROLLED: list(event.value),
                                             NAMED: bool(event.meta.get(NAMED))})
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
    elif session.state is State.DONE and session.settings.get(CONTROLLED):
        for line in stop_lines(session.settings[CONTROLLED],
                               named=bool(session.settings.get(NAMED))):
            prompter.say(line)
    elif session.state is State.DONE and session.goal() != REPAIR:
        for line in goal_flow.ending_lines(session, region):
            prompter.say(line)
        if goal_flow.grief_crisis_help(session):  # a sign of crisis was checked: who to reach
            _show_resources(prompter, region, kinds=goal_flow.GRIEF_HELP_KINDS)
    elif session.state is State.DONE:
        for line in recap_lines(session):  # the internal path: what they wrote, to keep
            prompter.say(line)
        for line in content.ending(session.answers.get(State.FOLLOW_UP_UPTAKE.value),
                                   session.answers.get(State.FOLLOW_UP_CONNECTION.value)):
            prompter.say(line)
    elif session.state is State.ON_BREAK:
        prompter.say(content.on_break("" if told else _back_at(_due(session, now), now)))
    elif session.state in PAUSED:
        prompter.say(content.PROMPTS[session.state])
    return session


COME_BACK = "Come back with `mend coach --resume`."


def _control(session: Session) -> Event | None:
    """``CONTROL`` when, at a step from the openness question on, the person's answers show them
    controlling the other (``control_signs.controlled``), with whether the other person named it
    as control; else None."""
    if session.state not in CONTROL_STEPS:
        return None
    other = reader(str(session.answers.get(State.RECOGNISE_WHO.value, ""))).name.lower()
    context = str(session.answers.get(State.RECOGNISE_CONTEXT.value) or "")
    kinds = controlled(dict(session.answers), other, context)
    if not kinds:
        return None
    named = named_as_control(str(v) for v in session.answers.values() if isinstance(v, str))
    return Event(E.CONTROL, list(kinds), meta={NAMED: named})


def _held(session: Session, raw: str, prompter: Prompter, now: Callable[[], datetime],
          region: str) -> Event | Session | None:
    """The event for the answer held back at a risk check, now that the person said no, at the
    step it was given at: as ``_ask`` takes an answer the gate passed (None: asked again)."""
    state = session.state
    if not _readable(raw, name=state is State.RECOGNISE_WHO, safety=state is State.SAFETY_CHECK):
        _unreadable(prompter, region)
        return None
    return _event_for(session, raw, prompter, now)


# The steps between "What happened?" and the openness question, left out when the story reads as
# a death: the check whether they have died comes straight after the story.
_BEFORE_DEATH_CHECK: frozenset[State] = frozenset({State.RECOGNISE_NOTICED, State.RECOGNISE_MESSAGES,
                                        State.REGULATE_CHECK})


def _ask(session: Session, prompter: Prompter, now: Callable[[], datetime],
         mode: Mode, region: str) -> Event | Session | None:
    state = session.state
    if state is State.CONFIRM_RISK:
        return _confirm(session, prompter, mode, region)
    if state in _BEFORE_DEATH_CHECK and goal_flow.read_goal(session) == GRIEF:
        # The story says they have died: whether they have is asked next, before anything
        # that speaks of them as alive (what they did, their messages) or a 0-10 (round 19).
        return Event(E.SKIP)
    if (control := _control(session)) is not None:
        return control  # no message that carries control over them is written or approved
    context = str(session.answers.get("recognise_context", "partner"))
    if state is State.RESPONSIBILITY_DRAFT and deed_repair.by_deed(session):
        prompter.say(deed_repair.DEED_NOTE)  # no apology written: a deed, and words if wanted
        prompter.say(deed_repair.offered_line(session))
    elif state is State.RESPONSIBILITY_DRAFT:
        parts = _parts(session, context)
        prompter.say(compose(parts))
        if note := _withheld_note(session):
            prompter.say(note)
        # What it left out and why (a threat, danger from them, words that could hurt), and the
        # words it kept as written because it could not tell who a pronoun means.
        for line in draft_notes(parts):
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
    if state is State.INTERNAL_BOUNDARY:  # a limit on how they are treated: if they were hurt
        prompt = goal_flow.internal_boundary_prompt(session)
    if state is State.RESPONSIBILITY_REVIEW and not _rewrite_of(session):
        prompt = _REVIEW_WITHOUT_REWRITE
    if state is State.RESPONSIBILITY_DRAFT and deed_repair.by_deed(session):
        prompt = deed_repair.DEED_PROMPT
    if state is State.RECOGNISE_WHAT and (kept := session.settings.get(context_answer.STORY_KEPT)):
        prompt = context_answer.with_kept_story(prompt, str(kept))
    if state is State.REGULATE_BREAK and bereavement.speaks_of_loss(session):
        prompter.say(bereavement.LOSS_FLOODED)  # tears after a death are grief, not only arousal
    if state is State.REGULATE_BREAK and overloaded_session(session):
        prompter.say(content.BREAK_OVERLOAD)  # flooded and overloaded: less input first
    if state is State.REGULATE_GROUNDING and overloaded_session(session):
        prompt = content.GROUNDING_OVERLOAD  # less input first; hearing is optional
    prompt = later_talk.prompt_for(session, prompt)  # a talk for later: when it will be
    prompt, care = body_care.fitted_prompt(session, prompt, overloaded=overloaded_session(session))
    if care:  # breathing is hard: what to do for it, plainly, before any exercise
        prompter.say(care)
    if state is State.RESPONSIBILITY_KNOW and broke_trust_in(session):
        prompt = content.REQUEST_AFTER_BETRAYAL  # optional: the repair is theirs to carry
    if state is State.RESPONSIBILITY_KNOW and (asked := request_step.already_asked(session)):
        prompt = asked  # an earlier answer asked already: shown back, to keep or change
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
                   checked=checked_answers(session), level=state is State.REGULATE_CHECK,
                   kinds=declined(session))
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
    if state is State.RECOGNISE_WHAT and not reply.strip():
        reply = str(session.settings.get(context_answer.STORY_KEPT) or "")  # Enter: the story kept
    if state is State.RESPONSIBILITY_KNOW and reply != "skip":
        reply, again = request_step.read_reply(session, reply)  # Enter keeps an earlier ask
        if again:
            prompter.say(again)
            return None
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
    if state is State.REGULATE_CHECK and (word := level_words.feeling_only(raw)):
        # "embarrassed": asked once how strong it is, then taken as the answer (round 19).
        if session.settings.get(level_words.ASKED_AT) != _here(session):
            prompter.say(level_words.ask_strength(word))
            return replace(session, settings={**session.settings,
                                              level_words.ASKED_AT: _here(session)})
        prompter.say(content.LEVEL_WITHOUT_NUMBER)
        return Event(E.CALM, raw)
    if state in _DONT_KNOW_HELP and unknown(raw) and session.settings.get(EXAMPLE_AT) != \
            _here(session):
        # "I don't know": allowed, but first an example (or a ready script), and asked once more.
        prompter.say(_DONT_KNOW_HELP[state])
        return replace(session, settings={**session.settings, EXAMPLE_AT: _here(session)})
    if answer_notes.needs_feelings_help(session, raw):
        # "I don't know" (or "Underneath what?") at a feelings step: how to find the word, once
        # in a session, and asked once more; the next answer is taken.
        prompter.say(content.FEELINGS_HELP)
        return answer_notes.with_feelings_help(session)
    if goal_flow.offers_choice(session, raw):
        # "Not sure" whether they are open: the two ways on, plainly, then the choice.
        prompter.say(content.OPENNESS_NOT_SURE)
        return goal_flow.with_choice(session)
    if state is State.INTERNAL_NEXT_TIME and session.settings.get(EXAMPLE_AT) == _here(session) \
            and (unknown(raw) or yes_or_no(raw) == "yes"):
        return Event(E.ANSWER, content.BREAK_SCRIPT)  # the script offered, kept
    if changed := changed_message(session, raw):
        # A message changed at the rebuild step is checked as the draft was, and offered back
        # (Enter keeps it): never kept unread by the critic.
        prompter.say("\n".join((CHANGED_CHECKED, *review_lines(changed, session))))
        return replace(session, settings={**session.settings, CHANGED_MESSAGE: changed})
    if (state is State.REBUILD_COMMITMENT and skip and betrayed(session)
            and COMMITMENT_ASKED not in session.settings):
        # Asked once more, gently: after a betrayal what they will do is most of the repair.
        return replace(session, settings={**session.settings, COMMITMENT_ASKED: _here(session)})
    if state is State.RECOGNISE_CONTEXT and not skip and context_answer.too_long(raw):
        # Only a relationship's name is taken here; a story is kept for "What happened?".
        if not context_answer.is_story(raw):
            prompter.say(_expected(state, session))
            return None
        prompter.say(context_answer.KEPT_NOTE)
        # Each further line of the story typed here is added to what was kept, never put in
        # its place (round 18: a pasted story used to keep only its last line).
        kept = str(session.settings.get(context_answer.STORY_KEPT) or "")
        story = context_answer.kept_with(kept, raw)
        return replace(session, settings={**session.settings, context_answer.STORY_KEPT: story})
    event = _interpret(state, raw, skip, session, prompter, now, context)
    if event is None:
        for line in _expected(state, session).splitlines():
            prompter.say(line)
    return event


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
        elif event.meta.get(RESOURCES_POINTER_META):
            prompter.say(RESOURCES_POINTER)  # the list was shown in full already
    if event.type is E.NOT_YET:
        prompter.say(content.NOT_YET)
    if event.type is E.ANSWER and previous is State.RECOGNISE_WHAT and (
            note := goal_flow.context_note(session)):
        prompter.say(note)
    if event.type is E.ANSWER and (note := goal_flow.persist_note(session, previous, event.value)):
        prompter.say(note)  # getting round a block, or writing until they answer: said once
    if event.type is E.ANSWER:  # "just a joke", harsh self-talk: a plain, kind word, once
        for line in answer_notes.after_answer(session, previous, event.value):
            prompter.say(line)
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
    if state is State.RESPONSIBILITY_REVIEW and deed_repair.by_deed(session):
        _review_deed(session, str(event.value), prompter)
    elif state is State.RESPONSIBILITY_REVIEW:
        for line in review_lines(str(event.value), session):
            prompter.say(line)


def _review_deed(session: Session, draft: str, prompter: Prompter) -> None:
    """The review of a repair by deed: no score against a spoken apology, the words that could
    go with it (unless the draft is those words), and only what could hurt in it."""
    prompter.say(deed_repair.DEED_REVIEW)
    words = deed_repair.deed_words(session)
    if words not in draft:
        prompter.say(deed_repair.offered_line(session))
    result = _critique(draft)
    for issue in result.issues:
        prompter.say(f"- \"{result.text[issue.start:issue.end]}\": {issue.message} "
                     f"Try: {issue.suggestion}")


def _show_markers(pasted: str, prompter: Prompter) -> None:
    turns = _pasted_turns(pasted)
    if not turns:
        prompter.say("I couldn't read those as 'Speaker: text' lines, so I'll go on without them.")
        return
    noticed = False
    for turn in analyze(Conversation.from_turns(turns)).turns:
        for label in turn.labels:
            if label.startswith("rupture."):
                kind = label.removeprefix("rupture.")
                spans = [e.text for e in turn.evidence
                         if e.label == label and e.source.startswith("rule:")]
                # the longest span says most: "It was one drink ..., relax" over "I told you I'm"
                quoted = max(spans, key=len) if spans else turn.text
                prompter.say(f"\"{quoted}\" ({turn.speaker}) may have landed as {kind}.")
                noticed = True
    if noticed:  # no question the coach would not wait for: a note to keep in mind
        prompter.say(content.MARKERS_NOTE)


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
# asked again when another is chosen): when each was answered ("at", which may be before the day
# it was due when the person went on early), the day it was due, how it went, how connected.
FOLLOW_UPS = "follow_ups"


def _with_follow_up(session: Session, answered: datetime) -> Session:
    """``session`` with the follow-up just answered (at ``answered``) added to its
    ``FOLLOW_UPS``."""
    answers = session.answers
    done = {"at": answered.isoformat(timespec="minutes"),
            "due": answers.get(State.REBUILD_FOLLOW_UP.value),
            "uptake": answers.get(State.FOLLOW_UP_UPTAKE.value),
            "connection": answers.get(State.FOLLOW_UP_CONNECTION.value)}
    earlier = [f for f in answers.get(FOLLOW_UPS) or () if isinstance(f, dict)]
    return replace(session, answers={**answers, FOLLOW_UPS: [*earlier, done]})


def start(session_id: str, *, attachment: str | None = None, region: str = "default") -> Session:
    settings = {"region": region, **({"attachment": attachment} if attachment else {})}
    return replace(Session(id=session_id), settings=settings)
