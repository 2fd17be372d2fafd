"""The coach's state machine: states, events and one transition table. No I/O (h11 is the model).

The Healing Cycle's five steps (recognise, regulate, take responsibility and communicate, express
vulnerability, rebuild trust) with their sub-steps, a safety gate in front, a break while flooded,
a follow-up, and, when the other person is not open to repair, the internal path the article
describes (own the feelings, and my part if I had one, set a boundary, prepare what to say next
time).

Repair is not always the goal. At the openness question the person can say so, and each of four
goals has a path of its own: the other person has died (``GRIEF``: a letter to keep, never sent),
they asked for no contact (``NO_CONTACT``: respecting that is the repair; a letter to keep, if the
person wants one), the person is ending the relationship (``ENDING``: a clear, kind message) or
setting a limit (``BOUNDARY``: the limit and what they will do). When the answers before it read as
one of these, the openness step asks whether that is so first; ``NOT_THAT`` (it is not) asks the
openness question itself.
``advance(state, event)`` returns the next state or raises ``InvalidTransition``
(the caller's state is untouched: states are values). Two events are valid in every open state:
``CRISIS`` (signs of crisis in any answer) stops the flow; ``ABUSE`` (signs of abuse or coercive
control) stops the *repair* coaching, because asking someone to repair with a person who harms them
is wrong. The driver turns answers into events (the safety detector, the arousal scale); this module
only knows which step follows which.

A sign of crisis that only the learned model saw, with no rule behind it, is checked with the person
before anything stops (VERA-MH's "Detects Potential Risk, Confirms Risk"), as is a rule's sign said
as a joke ("kms lol") or a report of being told to kill oneself (``safety_gate.asks_first``; the
driver shows where help is with the question): ``CHECK_RISK`` is valid
in every open state and leads to ``CONFIRM_RISK``. There a yes (or not sure, or no clear answer) is
``CRISIS`` or ``ABUSE``; ``RISK_UNCLEAR`` asks once more; and ``NO_RISK`` goes back to the step the
check was asked at, which the event names (its value). ``CONTROL`` (the person's own answers show
them controlling the other: whom they see, where they go, tracking them, their phone) ends the
session without a message from the openness step on (``CONTROL_STEPS``): a message that carries a
demand like that is not written, repair or limit. That is the one transition whose target is
data rather than a row of the table, as a return from a call is; the session keeps the step and the
answer held back, and the driver then takes that answer as the gate would have.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Final

from mendkit.errors import MendError


class State(StrEnum):
    WELCOME = "welcome"  # says once that Mend is a self-help aid, not therapy
    SAFETY_CHECK = "safety_check"  # are you safe right now?
    RECOGNISE_WHO = "recognise_who"
    RECOGNISE_CONTEXT = "recognise_context"  # partner, family, friend, work, own therapist
    RECOGNISE_WHAT = "recognise_what"
    RECOGNISE_NOTICED = "recognise_noticed"  # in yourself and in them
    RECOGNISE_MESSAGES = "recognise_messages"  # optional: paste the messages to analyse
    REGULATE_CHECK = "regulate_check"  # arousal 0-10 and body signs
    REGULATE_BREAK = "regulate_break"  # flooded: choose a return time (20 min to under a day)
    ON_BREAK = "on_break"
    REGULATE_GROUNDING = "regulate_grounding"  # numb or far away: 5-4-3-2-1 first
    REGULATE_BREATHING = "regulate_breathing"  # paced breathing or cyclic sighing, or skip
    OPENNESS = "openness"  # is the other person open to talking? if not: the internal path
    # Their request for no contact is the repair: would a letter to keep (never sent) help?
    LETTER_OFFER = "letter_offer"
    LETTER_SAY = "letter_say"  # a letter to keep: what I want them to know
    LETTER_SORRY = "letter_sorry"  # what I am sorry for, or wish I had done
    LETTER_REMEMBER = "letter_remember"  # what I am grateful for, remember or wish for them
    LETTER_DRAFT = "letter_draft"  # the letter, to keep as it is or change
    ENDING_DECISION = "ending_decision"  # the decision, said plainly
    ENDING_REASON = "ending_reason"  # a short reason about me, if any
    ENDING_THANKS = "ending_thanks"  # something true I am grateful for
    ENDING_ASK = "ending_ask"  # what I need from them now (space, no contact)
    BOUNDARY_LIMIT = "boundary_limit"  # the limit
    BOUNDARY_ACTION = "boundary_action"  # what I will do if it happens again
    BOUNDARY_WHY = "boundary_why"  # why it matters to me
    BOUNDARY_WARM = "boundary_warm"  # something warm and true
    MESSAGE_DRAFT = "message_draft"  # an ending or a limit: the draft; goes to the critic
    MESSAGE_REVIEW = "message_review"  # keep it, or edit it
    INTERNAL_FEELINGS = "internal_feelings"  # internal repair: own the feelings
    INTERNAL_PART = "internal_part"  # my part, if any, owned while I wait (skippable)
    INTERNAL_BOUNDARY = "internal_boundary"  # a boundary for next time
    INTERNAL_NEXT_TIME = "internal_next_time"  # what to say the next time it happens
    RESPONSIBILITY_PART = "responsibility_part"  # my part, not all the blame
    RESPONSIBILITY_REGRET = "responsibility_regret"
    RESPONSIBILITY_KNOW = "responsibility_know"  # what I want them to know
    RESPONSIBILITY_DRAFT = "responsibility_draft"  # a softened start-up; goes to the critic
    RESPONSIBILITY_REVIEW = "responsibility_review"  # accept, edit or ignore the suggestion
    VULNERABILITY_SURFACE = "vulnerability_surface"  # the surface emotion
    VULNERABILITY_BENEATH = "vulnerability_beneath"  # the softer one beneath
    VULNERABILITY_NEEDS = "vulnerability_needs"
    REBUILD_MESSAGE = "rebuild_message"  # the message or the opening lines
    REBUILD_COMMITMENT = "rebuild_commitment"
    REBUILD_FOLLOW_UP = "rebuild_follow_up"  # when to ask how it went
    AWAITING_FOLLOW_UP = "awaiting_follow_up"
    FOLLOW_UP_UPTAKE = "follow_up_uptake"  # taken up, partly, not yet, no
    FOLLOW_UP_CONNECTION = "follow_up_connection"  # how connected now, 0-10
    # After a betrayal, trust is rebuilt over weeks: would another follow-up help? (yes / no)
    FOLLOW_UP_AGAIN = "follow_up_again"
    DONE = "done"
    CONFIRM_RISK = "confirm_risk"  # only the model saw a crisis sign: ask before stopping
    STOPPED_CRISIS = "stopped_crisis"  # resources shown; no more coaching this session
    STOPPED_UNSAFE = "stopped_unsafe"  # abuse or danger: resources and safety planning instead


class EventType(StrEnum):
    BEGIN = "begin"
    SAFE = "safe"
    UNSAFE = "unsafe"  # the person says they are not safe with the other
    OPEN = "open"  # the other person is open to repair
    NOT_OPEN = "not_open"  # unwilling or not approachable now: repair what you can inside
    # At the openness question, when repair is not the goal (the value of each is its name).
    GRIEF = "grief"  # they have died: a letter to keep, never sent
    NO_CONTACT = "no_contact"  # they asked for no contact: respecting it is the repair
    ENDING = "ending"  # the person is ending the relationship
    BOUNDARY = "boundary"  # the person is setting a limit
    NOT_THAT = "not_that"  # the goal Mend read in the answers is not it: the openness question
    ANSWER = "answer"
    SKIP = "skip"
    CALM = "calm"  # arousal inside the window
    FLOODED = "flooded"  # high arousal: a break first
    NUMB = "numb"  # numb, far away, unreal: grounding first
    BREAK_SET = "break_set"
    BREAK_OVER = "break_over"
    EXERCISE_DONE = "exercise_done"
    ACCEPT = "accept"
    EDIT = "edit"
    IGNORE = "ignore"
    FOLLOW_UP_DUE = "follow_up_due"
    NOT_YET = "not_yet"  # at the follow-up: they have not talked yet, so a new day to ask
    CRISIS = "crisis"
    ABUSE = "abuse"
    # The person's own answers show them controlling the other (whom they see, where they are,
    # their phone): no message is written; what a limit is, and help to change, instead.
    CONTROL = "control"
    CHECK_RISK = "check_risk"  # a sign only the model saw (or a joke's): ask the person first
    NO_RISK = "no_risk"  # at the check: no, back to the step it was asked at (the event's value)
    RISK_UNCLEAR = "risk_unclear"  # at the check: an answer that says neither; asked once more
    ASK_AGAIN = "ask_again"  # the follow-up's last answer, with another follow-up to offer


@dataclass(frozen=True, slots=True)
class Event:
    """An event with what came with it (the answer's text, a number, a time)."""

    type: EventType
    value: Any = None
    meta: dict[str, Any] = field(default_factory=dict)


class InvalidTransition(MendError, ValueError):
    """The event is not valid in this state; nothing changed."""


TERMINAL: Final = frozenset({State.DONE, State.STOPPED_CRISIS, State.STOPPED_UNSAFE})
# The steps where signs that the person controls the other end the session (``CONTROL``): from
# the openness step, where a repair or a limit begins, to the last word of a message.
CONTROL_STEPS: Final = frozenset({
    State.OPENNESS, State.BOUNDARY_LIMIT, State.BOUNDARY_ACTION, State.BOUNDARY_WHY,
    State.BOUNDARY_WARM, State.MESSAGE_DRAFT, State.MESSAGE_REVIEW, State.INTERNAL_FEELINGS,
    State.INTERNAL_BOUNDARY, State.INTERNAL_NEXT_TIME, State.RESPONSIBILITY_PART,
    State.RESPONSIBILITY_REGRET, State.RESPONSIBILITY_KNOW, State.RESPONSIBILITY_DRAFT,
    State.RESPONSIBILITY_REVIEW, State.VULNERABILITY_SURFACE, State.VULNERABILITY_BENEATH,
    State.VULNERABILITY_NEEDS, State.REBUILD_MESSAGE, State.REBUILD_COMMITMENT,
    State.REBUILD_FOLLOW_UP,
})

S, E = State, EventType
# The answers at the openness question that say repair is not the goal; each names its goal.
GOAL_EVENTS: Final = frozenset({E.GRIEF, E.NO_CONTACT, E.ENDING, E.BOUNDARY})
# Steps whose question may be skipped move on as if answered.
_SKIPPABLE: Final = (
    S.RECOGNISE_CONTEXT, S.RECOGNISE_NOTICED, S.RECOGNISE_MESSAGES, S.RESPONSIBILITY_REGRET,
    S.RESPONSIBILITY_KNOW, S.VULNERABILITY_SURFACE, S.VULNERABILITY_BENEATH,
    S.VULNERABILITY_NEEDS, S.REBUILD_COMMITMENT, S.REBUILD_FOLLOW_UP, S.FOLLOW_UP_CONNECTION,
    S.INTERNAL_PART, S.INTERNAL_BOUNDARY, S.LETTER_SORRY, S.LETTER_REMEMBER, S.ENDING_REASON, S.ENDING_THANKS,
    S.ENDING_ASK, S.BOUNDARY_ACTION, S.BOUNDARY_WHY, S.BOUNDARY_WARM,
)
_LINEAR: Final = (
    (S.RECOGNISE_WHO, S.RECOGNISE_CONTEXT), (S.RECOGNISE_CONTEXT, S.RECOGNISE_WHAT),
    (S.RECOGNISE_WHAT, S.RECOGNISE_NOTICED), (S.RECOGNISE_NOTICED, S.RECOGNISE_MESSAGES),
    (S.RECOGNISE_MESSAGES, S.REGULATE_CHECK),
    (S.INTERNAL_FEELINGS, S.INTERNAL_PART), (S.INTERNAL_PART, S.INTERNAL_BOUNDARY),
    (S.INTERNAL_BOUNDARY, S.INTERNAL_NEXT_TIME),
    (S.INTERNAL_NEXT_TIME, S.DONE),
    (S.RESPONSIBILITY_PART, S.RESPONSIBILITY_REGRET),
    (S.RESPONSIBILITY_REGRET, S.RESPONSIBILITY_KNOW),
    (S.RESPONSIBILITY_KNOW, S.RESPONSIBILITY_DRAFT),
    (S.RESPONSIBILITY_DRAFT, S.RESPONSIBILITY_REVIEW),
    (S.VULNERABILITY_SURFACE, S.VULNERABILITY_BENEATH),
    (S.VULNERABILITY_BENEATH, S.VULNERABILITY_NEEDS),
    (S.VULNERABILITY_NEEDS, S.REBUILD_MESSAGE),
    (S.REBUILD_MESSAGE, S.REBUILD_COMMITMENT),
    (S.REBUILD_COMMITMENT, S.REBUILD_FOLLOW_UP),
    (S.REBUILD_FOLLOW_UP, S.AWAITING_FOLLOW_UP),
    (S.FOLLOW_UP_UPTAKE, S.FOLLOW_UP_CONNECTION),
    (S.FOLLOW_UP_CONNECTION, S.DONE),
    (S.LETTER_SAY, S.LETTER_SORRY), (S.LETTER_SORRY, S.LETTER_REMEMBER),
    (S.LETTER_REMEMBER, S.LETTER_DRAFT), (S.LETTER_DRAFT, S.DONE),
    (S.ENDING_DECISION, S.ENDING_REASON), (S.ENDING_REASON, S.ENDING_THANKS),
    (S.ENDING_THANKS, S.ENDING_ASK), (S.ENDING_ASK, S.MESSAGE_DRAFT),
    (S.BOUNDARY_LIMIT, S.BOUNDARY_ACTION), (S.BOUNDARY_ACTION, S.BOUNDARY_WHY),
    (S.BOUNDARY_WHY, S.BOUNDARY_WARM), (S.BOUNDARY_WARM, S.MESSAGE_DRAFT),
    (S.MESSAGE_DRAFT, S.MESSAGE_REVIEW),
)


def _table() -> dict[tuple[State, EventType], State]:
    table: dict[tuple[State, EventType], State] = {
        (S.WELCOME, E.BEGIN): S.SAFETY_CHECK,
        (S.SAFETY_CHECK, E.SAFE): S.RECOGNISE_WHO,
        (S.SAFETY_CHECK, E.UNSAFE): S.STOPPED_UNSAFE,
        (S.REGULATE_CHECK, E.CALM): S.REGULATE_BREATHING,
        (S.REGULATE_CHECK, E.FLOODED): S.REGULATE_BREAK,
        (S.REGULATE_CHECK, E.NUMB): S.REGULATE_GROUNDING,
        (S.REGULATE_CHECK, E.SKIP): S.OPENNESS,
        (S.REGULATE_BREAK, E.BREAK_SET): S.ON_BREAK,
        (S.REGULATE_BREAK, E.SKIP): S.REGULATE_BREATHING,
        (S.ON_BREAK, E.BREAK_OVER): S.REGULATE_CHECK,
        (S.REGULATE_GROUNDING, E.EXERCISE_DONE): S.REGULATE_CHECK,
        (S.REGULATE_GROUNDING, E.SKIP): S.REGULATE_BREATHING,
        (S.REGULATE_BREATHING, E.EXERCISE_DONE): S.OPENNESS,
        (S.REGULATE_BREATHING, E.SKIP): S.OPENNESS,
        (S.OPENNESS, E.OPEN): S.RESPONSIBILITY_PART,
        (S.OPENNESS, E.NOT_OPEN): S.INTERNAL_FEELINGS,
        (S.OPENNESS, E.GRIEF): S.LETTER_SAY,
        (S.OPENNESS, E.NO_CONTACT): S.LETTER_OFFER,
        (S.OPENNESS, E.ENDING): S.ENDING_DECISION,
        (S.OPENNESS, E.BOUNDARY): S.BOUNDARY_LIMIT,
        (S.OPENNESS, E.NOT_THAT): S.OPENNESS,
        (S.LETTER_OFFER, E.ACCEPT): S.LETTER_SAY,  # yes: a letter to keep
        (S.LETTER_OFFER, E.SKIP): S.DONE,  # no letter: respecting the request is enough
        (S.MESSAGE_REVIEW, E.ACCEPT): S.DONE,  # keep the message
        (S.MESSAGE_REVIEW, E.EDIT): S.MESSAGE_DRAFT,
        (S.RESPONSIBILITY_REVIEW, E.ACCEPT): S.VULNERABILITY_SURFACE,
        (S.RESPONSIBILITY_REVIEW, E.EDIT): S.RESPONSIBILITY_DRAFT,
        (S.RESPONSIBILITY_REVIEW, E.IGNORE): S.VULNERABILITY_SURFACE,
        (S.AWAITING_FOLLOW_UP, E.FOLLOW_UP_DUE): S.FOLLOW_UP_UPTAKE,
        (S.AWAITING_FOLLOW_UP, E.SKIP): S.DONE,
        # Not talked yet: the follow-up is not over, so a new day is chosen, as it was at first.
        (S.FOLLOW_UP_UPTAKE, E.NOT_YET): S.REBUILD_FOLLOW_UP,
        (S.CONFIRM_RISK, E.RISK_UNCLEAR): S.CONFIRM_RISK,
        # After a betrayal a follow-up offers another: yes chooses a new day, no ends it.
        (S.FOLLOW_UP_CONNECTION, E.ASK_AGAIN): S.FOLLOW_UP_AGAIN,
        (S.FOLLOW_UP_AGAIN, E.ACCEPT): S.REBUILD_FOLLOW_UP,
        (S.FOLLOW_UP_AGAIN, E.SKIP): S.DONE,
    }
    for source, target in _LINEAR:
        table[(source, E.ANSWER)] = target
    for state in _SKIPPABLE:
        table[(state, E.SKIP)] = table[(state, E.ANSWER)]
    for state in State:
        if state not in TERMINAL:
            table[(state, E.CRISIS)] = S.STOPPED_CRISIS
            table[(state, E.ABUSE)] = S.STOPPED_UNSAFE
            if state is not S.CONFIRM_RISK:
                table[(state, E.CHECK_RISK)] = S.CONFIRM_RISK
    for state in CONTROL_STEPS:
        table[(state, E.CONTROL)] = S.DONE
    return table


TABLE: Final[dict[tuple[State, EventType], State]] = _table()


def allowed_events(state: State) -> frozenset[EventType]:
    """The events ``state`` accepts (none once the session has ended or stopped)."""
    found = frozenset(event for (source, event) in TABLE if source == state)
    return found | {E.NO_RISK} if state is S.CONFIRM_RISK else found


def advance(state: State, event: Event) -> State:
    """The state after ``event``; raises ``InvalidTransition`` if ``state`` does not accept it.

    >>> advance(State.WELCOME, Event(EventType.BEGIN))
    <State.SAFETY_CHECK: 'safety_check'>
    >>> advance(State.CONFIRM_RISK, Event(EventType.NO_RISK, "recognise_what"))
    <State.RECOGNISE_WHAT: 'recognise_what'>
    """
    if state is S.CONFIRM_RISK and event.type is E.NO_RISK:
        return _checked_at(event.value)
    try:
        return TABLE[(state, event.type)]
    except KeyError:
        allowed = ", ".join(sorted(allowed_events(state))) or "none (the session has ended)"
        raise InvalidTransition(
            f"{event.type.value!r} is not possible at {state.value!r}; expected one of: {allowed}"
        ) from None


def _checked_at(value: object) -> State:
    """The step a risk check was asked at (``NO_RISK``'s value): one that accepts ``CHECK_RISK``."""
    try:
        back = State(str(value.value if isinstance(value, State) else value))
    except ValueError:
        back = None
    if back is None or (back, E.CHECK_RISK) not in TABLE:
        raise InvalidTransition(
            f"'no_risk' at 'confirm_risk' goes back to the step the check was asked at; "
            f"{value!r} is not one") from None
    return back
