"""Reading an answer at each step as the machine's event: the relationship, the arousal level,
a break's end, the draft's review, the follow-up; with a short note on what a step expects when an
answer does not fit it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, time, timedelta

from mendkit.coach import body_care, content, deed_repair, goal_flow, later_talk
from mendkit.coach.break_time import break_end
from mendkit.coach.draft_steps import (
    MESSAGE_WITH_ADDITION,
    _composed,
    _final_draft,
    _rewrite_of,
    add_to,
    betrayed,
    broke_trust_in,
    has_gap,
    offered_addition,
)
from mendkit.coach.machine import Event, EventType, State
from mendkit.coach.pauses import _breathe, _local, _rate
from mendkit.coach.prompter import Prompter
from mendkit.coach.replies import (
    MAYBE,
    UNSURE,
    arousal,
    declines,
    flooded,
    numb,
    overloaded,
    wants_another_way,
    without_number,
    yes_or_no,
)
from mendkit.coach.session import Session

E = EventType


_FREE_TEXT = {
    State.INTERNAL_FEELINGS, State.INTERNAL_PART, State.INTERNAL_BOUNDARY, State.INTERNAL_NEXT_TIME,
    State.RECOGNISE_WHO, State.RECOGNISE_WHAT, State.RECOGNISE_NOTICED, State.RECOGNISE_MESSAGES,
    State.RESPONSIBILITY_PART, State.RESPONSIBILITY_REGRET, State.RESPONSIBILITY_KNOW,
    State.VULNERABILITY_SURFACE, State.VULNERABILITY_BENEATH, State.VULNERABILITY_NEEDS,
    State.REBUILD_COMMITMENT, State.LETTER_SAY, State.LETTER_SORRY, State.LETTER_REMEMBER,
    State.ENDING_DECISION, State.ENDING_REASON, State.ENDING_THANKS, State.ENDING_ASK,
    State.BOUNDARY_LIMIT, State.BOUNDARY_ACTION, State.BOUNDARY_WHY, State.BOUNDARY_WARM,
}


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


# What a reply means at a step whose prompt gives it a meaning of its own ("Press Enter when
# you're done"; "(default 3)": a skipped follow-up day is the default, never "ask now").
_EMPTY_MEANS: dict[State, dict[str, str]] = {
    State.REGULATE_GROUNDING: {"": "done"},
    State.REBUILD_FOLLOW_UP: {"": "3", "skip": "3"},
    # A stray Enter at the offer of a letter is no answer (it would mean "no letter"): asked again.
    State.LETTER_OFFER: {"": "?"},
    # Skipped, or a bare Enter, at the openness question: "not sure", whose two ways on are
    # then offered as a short yes or no (never the long question again and again).
    State.OPENNESS: {"": "not sure", "skip": "not sure"},
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
    State.RECOGNISE_CONTEXT: "Please answer in a word or two, one of: partner, ex or co-parent, "
                             "family, friend, work, therapist.",
    State.REGULATE_CHECK: content.LEVEL_EXPLAINED,
    State.REGULATE_BREAK: BREAK_EXPECTED,
    State.REGULATE_BREATHING: "Please answer paced, sigh or skip.",
    State.REBUILD_MESSAGE: "There is nothing new to add: press Enter to keep the message, or "
                           "write it as you want it.",
    State.REBUILD_FOLLOW_UP: later_talk.FOLLOW_UP_EXPECTED,
    State.FOLLOW_UP_UPTAKE: "Please answer yes, partly, not yet or no. If you can't tell yet, "
                            "not yet is fine.",
    State.FOLLOW_UP_CONNECTION: "Please answer with a number from 0 to 10.",
}


def _expected(state: State, session: Session) -> str:
    """A short note on what the step expects, after an answer it did not understand."""
    if state is State.RESPONSIBILITY_REVIEW:
        return ("Please answer accept, edit or keep." if _rewrite_of(session)
                else "Please answer edit or keep.")
    if state is State.OPENNESS and goal_flow.choice_asked(session):
        return "Please answer yes or no."
    if state is State.OPENNESS and goal_flow.read_goal(session) is not None:
        return content.GOAL_YES_OR_NO
    return _EXPECTED.get(state, "Please write a few words to go on.")


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
                     "fiance", "fiancé", "fiancee", "fiancée", "bf", "gf", "lover"), "partner"),
    # Separated: an ex, a co-parent (never filed as a partner).
    **dict.fromkeys(("ex", "exes", "ex-partner", "ex-husband", "ex-wife", "ex-boyfriend",
                     "ex-girlfriend", "ex-bf", "ex-gf", "ex-fiance", "ex-fiancé", "ex-fiancee",
                     "ex-spouse", "co-parent", "coparent", "co-parents", "coparents",
                     "co-parenting", "coparenting"), "ex"),
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
    # "ex husband", "co parent": one word, as "ex-husband" and "co-parent" are.
    joined = re.sub(r"\b(ex|co)[\s-]+(?=\w)", r"\1-", text.lower())
    words = [w if w in _RELATIONSHIPS or not w.startswith("ex-") else "ex"
             for w in re.findall(r"[\w'-]+", joined)]
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
        if later_talk.later(raw):  # "not now", "when he's back": the message is for later
            prompter.say(later_talk.NOT_NOW_NOTE)
            return Event(E.OPEN, later_talk.NOT_NOW, {later_talk.LATER: True})
        answer = yes_or_no(raw)
        if answer == "yes":
            return Event(E.OPEN, "yes")
        return Event(E.NOT_OPEN, answer) if answer else None  # "not sure": repair inside first
    if state is State.RECOGNISE_CONTEXT:
        match = _relationship(raw)
        return Event(E.ANSWER, match) if match else None
    if state in _FREE_TEXT:
        return Event(E.ANSWER, raw) if raw else None
    if state is State.REGULATE_CHECK:
        level = arousal(raw)
        grounded = (State.REGULATE_GROUNDING.value, E.EXERCISE_DONE.value) in session.path
        if numb(raw) and not (grounded and level is None):
            return Event(E.NUMB, raw)
        if level is None:
            return _without_number(raw, grounded, prompter)
        if level < 7 and session.settings.get("attachment") == "disorganised" \
                and "regulate_grounding" not in session.answers \
                and (State.REGULATE_GROUNDING.value, E.EXERCISE_DONE.value) not in session.path:
            return Event(E.NUMB, level)  # a slower pace: grounding first
        return Event(E.FLOODED if level >= 7 else E.CALM, level,
                     {**({OVERLOAD: True} if overloaded(raw) else {}), **body_care.meta(raw)})
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
        if wants_another_way(raw):  # "no", "I'd rather not", "I don't like being told to breathe"
            limits = body_care.session_limits(session)
            if body_care.BREATHING not in limits:  # (else the question offered other ways)
                prompter.say(body_care.another_way(limits) if limits else content.ANOTHER_WAY)
            return Event(E.SKIP)  # once, never pressed; "skip" skips it too
        return None
    if state is State.RESPONSIBILITY_DRAFT:
        offered = (deed_repair.deed_words(session) if deed_repair.by_deed(session)
                   else _composed(session, context))
        return Event(E.ANSWER, raw or offered)
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
        addition = offered_addition(session)
        if message != offered and addition and addition in message:
            prompter.say(MESSAGE_WITH_ADDITION)  # what it says now, in full
            prompter.say(message)
        return Event(E.ANSWER, message)
    if state is State.REBUILD_FOLLOW_UP:
        days, note = later_talk.follow_up_days(raw, _local(now))
        if days is None:  # a clock time is no number of days; another time zone is asked about
            if note == later_talk.OTHER_ZONE:
                prompter.say(note)
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


def _without_number(raw: str, grounded: bool, prompter: Prompter) -> Event | None:
    """The event for an answer to the level question with no number in it. A number is not
    needed: everything too loud or too bright is grounding with less input first (unless this
    session grounded already); being flooded ("my heart is racing") is the offer of a break; a
    tight chest, "buzzing", "I don't know" or still feeling far away after grounding go on to
    the offer of a short exercise. A question back ("what do you mean?"), or an answer that says
    neither ("fuming", "11", "an hour ago"), gets the scale in plain words, and the question
    again."""
    if overloaded(raw) and not grounded:
        return Event(E.NUMB, raw, {OVERLOAD: True})
    if flooded(raw):
        return Event(E.FLOODED, raw)
    if raw.rstrip().endswith("?") or not (without_number(raw) or numb(raw)):
        return None  # the scale in plain words (``_EXPECTED``), and asked again
    prompter.say(content.LEVEL_WITHOUT_NUMBER)
    return Event(E.CALM, raw, {OVERLOAD: True} if overloaded(raw) else {})


def _int(text: str, low: int, high: int) -> int | None:
    found = re.search(r"-?\d+", text)
    if not found:
        return None
    value = int(found.group(0))
    return value if low <= value <= high else None
