"""What a stopped session shows, and whose signs stopped it.

A crisis or danger stop speaks to the person it is about: the person using Mend, someone whose
pasted messages or story show the signs, someone they might hurt, or a young person. The session
settings here record that at the stop; ``stop_words``, ``stop_plan`` and ``show_stop`` read them.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any, Final

from mendkit.analysis.pipeline import Mode, analyze_conversation
from mendkit.analysis.safety import (
    about_images,
    crisis_message,
    image_services,
    image_threat,
    turn_kinds,
    young_message,
)
from mendkit.coach import bereavement, content
from mendkit.coach.machine import Event, EventType, State
from mendkit.coach.prompter import Prompter, _show_resources
from mendkit.coach.pronouns import reader
from mendkit.coach.safety_gate import threatens_you
from mendkit.coach.session import Session
from mendkit.coach.youth import (
    about_someone_else,
    adult_with_minor,
    age_gap_line,
    reads_adult,
    reads_young_at_home,
    said_to_writer,
)
from mendkit.coach.youth import safety_plan as youth_plan
from mendkit.io.text import split_line
from mendkit.labels import CRISIS
from mendkit.model import Conversation

E = EventType


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
# The person plainly reads as an adult (``youth.reads_adult``): no line for children.
ADULT = "adult"
MINOR_AGE = "minor_age"
IMAGES = "images"


# A session setting: the crisis signs were said to the person ("telling me to kys"): the stop
# speaks to them as the one at risk, and as one being hurt by others.
AIMED = "aimed"
# The crisis kinds of the person's own answer that stopped the session, when they are only the
# person's own thoughts (suicide, self-harm): the resources then leave out the abuse lines.
OWN_KINDS = "own_kinds"
_OWN_THOUGHTS: Final = frozenset({"suicide", "self_harm"})


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


def own_stop_kinds(before: Session, event: Event, mode: Mode) -> tuple[str, ...]:
    """The crisis kinds of the person's own answer that ``event`` stops the session with, when
    they are only thoughts of hurting themselves ("some nights I think if I relapse again I'm
    done for good"): their resources are the crisis lines, with no domestic-abuse lines before
    the young people's line (round 18). Empty for pasted messages, for signs of another kind, or
    when only the model saw a sign (no kind is known: every line is shown)."""
    if before.state is State.RECOGNISE_MESSAGES:
        return ()
    said = before.held_answer() if before.state is State.CONFIRM_RISK else event.value
    if not isinstance(said, str):
        return ()
    if before.goal() == GRIEF and said.strip() and not _any_kinds(said, mode):
        # A letter to someone who has died, where only the model saw a sign ("I just want to be
        # with you again"): they cannot be the danger, so the thoughts are the person's own.
        return ("suicide",)
    return own_kinds(said, mode)


GRIEF: Final = EventType.GRIEF.value


def _any_kinds(said: str, mode: Mode) -> tuple[str, ...]:
    turn = analyze_conversation(Conversation.from_turns([("me", said)]), mode=mode).turns[0]
    return turn_kinds(turn, writer=True)


def own_kinds(said: str, mode: Mode = "full") -> tuple[str, ...]:
    """The crisis kinds of ``said``, the person's own words, when they are only thoughts of
    hurting themselves (suicide, self-harm), else ``()`` (every line is shown): the one-person
    coach's stop (``own_stop_kinds``) and two-person mode's alike."""
    if not said.strip():
        return ()
    turn = analyze_conversation(Conversation.from_turns([("me", said)]), mode=mode).turns[0]
    kinds = turn_kinds(turn, writer=True)
    return kinds if kinds and set(kinds) <= _OWN_THOUGHTS else ()


def _said(session: Session, event: Event) -> str:
    """All the person has written in ``session``, with the answer ``event`` brings."""
    said = [str(v) for v in session.answers.values() if isinstance(v, str)]
    return "\n".join((*said, session.held_answer(), str(event.value or "")))


def _who_stops(before: Session, event: Event) -> dict[str, Any]:
    """What a stop needs to know of the person (``youth``): young, an adult in a relationship
    with them, pictures shared or threatened."""
    said = _said(before, event)
    relationship = str(before.answers.get(State.RECOGNISE_CONTEXT.value, ""))
    partner = relationship in ("partner", "ex")
    young = reads_young_at_home(said, relationship)
    return {YOUNG: young, ADULT: not young and reads_adult(said),
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
    if name and not _pronoun(name) and re.search(rf"\b{re.escape(name)}\b", event.value,
                                                 re.IGNORECASE):
        return name[:1].upper() + name[1:] if name.islower() else name
    return "your friend" if re.search(r"\bfriend\b", event.value, re.IGNORECASE) else SOMEONE


# ``AT_RISK`` for signs about someone else when the words named no one ("he said he wants to
# die"): the stop says "the person you told me about", then "they" (``content``).
SOMEONE = "someone"
# Words that are never a name for the one at risk: a pronoun in any case ("them", "He").
_PRONOUNS: Final = frozenset({
    "he", "him", "his", "she", "her", "hers", "they", "them", "their", "theirs", "xe", "xem",
    "ze", "zir", "ey", "em", "fae", "faer", "it", "someone", "somebody", "you", "me", "i"})


def _pronoun(name: str) -> bool:
    return name.strip().lower() in _PRONOUNS


def at_risk(session: Session) -> str:
    """The other person's name when ``session`` stopped for signs in their pasted messages, or
    in what the person told of them; ``""`` for none, and where the words named no one (a
    pronoun, as sessions before round 17 kept it, is never a name): see ``worried_about``."""
    if session.state is not State.STOPPED_CRISIS:
        return ""
    name = str(session.settings.get(AT_RISK) or "")
    return "" if _pronoun(name) else name


def worried_about(session: Session) -> bool:
    """Whether ``session`` stopped for someone else's signs, named (``at_risk``) or not."""
    return session.state is State.STOPPED_CRISIS and bool(session.settings.get(AT_RISK))


def for_an_adult(session: Session) -> bool:
    """Whether the resources of ``session``'s stop leave out the line for children: the
    person plainly reads as an adult (``ADULT``) and the stop is not for someone else's signs
    (who may be young)."""
    return bool(session.settings.get(ADULT)) and not worried_about(session)


def harms_others(session: Session) -> bool:
    """Whether ``session`` stopped for the person's own thoughts of hurting someone else."""
    return session.state is State.STOPPED_CRISIS and bool(session.settings.get(TOWARD_OTHERS))


def stop_words(state: State, *, at_risk: str = "", others: bool = False, told: bool = False,
               young: bool = False, minor_age: int | None = None, aimed: bool = False,
               pronoun: str = "they", grief: bool = False, plain_no: bool = False
               ) -> tuple[str, str]:
    """What a stop says: why it stopped, then what to do (the terminal and the web alike). With
    ``others`` (``harms_others``), calm steps first: step away, put distance between you, call
    someone. With ``at_risk``, words for the one worried about them (``told``: the person said
    it in their own words; ``young``: they read as young). For danger from someone else, with
    ``minor_age``, that an adult in a relationship with them is not okay. With ``aimed``, signs
    said to the person ("telling me to kys"): that is not okay and not their fault. ``pronoun``:
    the subject pronoun of the one at risk, as the person gave it ("he"). With ``grief`` (a
    crisis stop on the path for someone who has died), words for grief, not repair. With
    ``plain_no`` (a plain "no" to "are you safe right now?"), words for both ways of not being
    safe: because of someone, or with one's own thoughts.

    >>> stop_words(State.STOPPED_CRISIS, at_risk="Sam")[0][:48]
    'Something in these messages suggests Sam may not'
    >>> "step away" in stop_words(State.STOPPED_CRISIS, others=True)[1]
    True
    """
    if (at_risk or told) and state is State.STOPPED_CRISIS:
        return content.someone_else_at_risk(at_risk, told=told, young=young, pronoun=pronoun)
    if others and state is State.STOPPED_CRISIS:
        return content.HARM_TO_OTHERS_STOP
    if aimed and state is State.STOPPED_CRISIS:
        return content.TOLD_TO_HURT_YOURSELF, crisis_message(("abuse_danger", "suicide"))
    if grief and state is State.STOPPED_CRISIS:
        return bereavement.STOP_WHY, f"{bereavement.STOP_HELP} {young_message()}"
    if plain_no and state is State.STOPPED_UNSAFE:
        return SAFETY_NO_WHY, f"{SAFETY_NO_HELP} {young_message()}"
    why = content.PROMPTS[state]
    if minor_age is not None and state is State.STOPPED_UNSAFE:
        why = f"{age_gap_line(minor_age)} {why}"  # which ends: it is not your fault
    return why, crisis_message(stop_kinds(state))


def stop_facts(session: Session) -> dict[str, Any]:
    """``stop_words``'s words for the person ``session`` stopped for (see ``_who_stops``)."""
    age = session.settings.get(MINOR_AGE)
    who = reader(str(session.answers.get(State.RECOGNISE_WHO.value, "")))
    name = at_risk(session)
    # Their pronoun only when the one at risk is the one the session is about, by name.
    theirs = bool(name) and name.lower() in (who.name.lower(), *who.name.lower().split())
    pronoun = (sorted(who.pronouns)[0] if theirs and who.declared and len(who.pronouns) == 1
               else "they")
    return {"at_risk": name, "others": harms_others(session),
            "told": worried_about(session) and bool(session.settings.get(TOLD)),
            "young": bool(session.settings.get(YOUNG)),
            "minor_age": age if isinstance(age, int) else None,
            "aimed": session.state is State.STOPPED_CRISIS and bool(session.settings.get(AIMED)),
            "pronoun": pronoun,
            "grief": session.state is State.STOPPED_CRISIS and session.goal() == GRIEF,
            "plain_no": said_not_safe(session)}


# A plain "no" (or "not sure") to "are you safe right now?": Mend cannot tell whether someone
# else is the danger or the person's own thoughts are, so the stop speaks to both (round 19).
SAFETY_NO_WHY: Final = ("Thank you for telling me. Your safety comes first, so Mend won't coach "
                        "a repair right now.")
SAFETY_NO_HELP: Final = (
    "Not feeling safe can mean someone may hurt, threaten or frighten you, or that you don't "
    "feel safe with your own thoughts. Either way, it is not your fault, and you deserve "
    "support from a person now. If you are in danger, or might act on thoughts of hurting "
    "yourself, contact your local emergency number now. A crisis line can talk with you about "
    "your own thoughts, even if you are not sure what to say; a domestic abuse line can help "
    "you plan for your safety if someone else is the danger.")
# The first tip of the safety plan after a plain "no": for one's own thoughts.
SAFETY_NO_TIP: Final = ("If it is your own thoughts that feel unsafe, put away anything you could "
                        "hurt yourself with, and stay near someone or call a crisis line now.")


def said_not_safe(session: Session) -> bool:
    """Whether ``session`` stopped at the first question, "are you safe right now?", for a plain
    no (no signs of what kind of danger it is)."""
    return session.state is State.STOPPED_UNSAFE and bool(session.path) and session.path[-1] == (
        State.SAFETY_CHECK.value, EventType.UNSAFE.value)


def stop_plan(session: Session, region: str) -> tuple[str, ...]:
    """The safety tips a stop for danger from someone else shows (none for another stop): for a
    young person, tips that fit them; with pictures shared or threatened, what to do about
    those (``youth.safety_plan``); else the adult plan (``content.SAFETY_PLAN``)."""
    if session.state is not State.STOPPED_UNSAFE:
        return ()
    services = image_services(region)
    if said_not_safe(session):
        return (SAFETY_NO_TIP, *youth_plan(young=bool(session.settings.get(YOUNG)),
                                           images=False, image_service="",
                                           adult_plan=content.SAFETY_PLAN))
    return youth_plan(young=bool(session.settings.get(YOUNG)),
                      images=bool(session.settings.get(IMAGES)),
                      image_service=services[0].name if services else "",
                      adult_plan=content.SAFETY_PLAN)


def session_kinds(session: Session) -> tuple[str, ...]:
    """``stop_kinds`` for the stop ``session`` is at, knowing whose signs they were: worry for
    someone else's own signs (``told`` or pasted) is suicide, with no abuse lines; signs said to
    the person ("telling me to kys") are danger from others and their own risk alike."""
    if worried_about(session) and not harms_others(session):
        return ("suicide",)
    if session.state is State.STOPPED_CRISIS and session.settings.get(AIMED):
        return ("abuse_danger", "suicide")
    if said_not_safe(session):
        return ()  # either kind of danger: every line, the crisis line first
    own = session.settings.get(OWN_KINDS)
    if session.state is State.STOPPED_CRISIS and isinstance(own, list) and own:
        return tuple(str(k) for k in own)
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
              session: Session | None = None, said: str = "") -> None:
    """What a stopped session shows: why it stopped, the resources, and for danger from the
    other person a safety plan under its own heading. What ``session`` knows of the person
    (``stop_facts``) shapes the words: about helping someone else at risk, stepping away
    first, or for a young person. Without a session (two-person mode), what the person ``said``
    that stopped it chooses the lines: for their own thoughts only, no abuse lines
    (``own_kinds``), and none for children when they plainly read as an adult."""
    facts = stop_facts(session) if session is not None else {}
    for line in stop_words(state, **facts):
        prompter.say(line)
    images = bool(session.settings.get(IMAGES)) if session is not None else False
    worried = state is State.STOPPED_CRISIS and (facts.get("at_risk") or facts.get("told"))
    if session is not None:
        kinds, adult = session_kinds(session), for_an_adult(session)
    else:
        own = own_kinds(said) if state is State.STOPPED_CRISIS else ()
        kinds, adult = own or stop_kinds(state), reads_adult(said)
    _show_resources(prompter, region, content.helpers_heading(
        (facts.get("at_risk") or "the person you told me about") if worried else ""),
        kinds=kinds, images=images, young=bool(facts.get("young")),
        adult=adult and not worried)
    if state is State.STOPPED_UNSAFE:
        prompter.say(SAFETY_PLAN_HEADING)
        plan = stop_plan(session, region) if session is not None else content.SAFETY_PLAN
        for line in plan:
            prompter.say(f"- {line}")


SAFETY_PLAN_HEADING = "Some things that can help you stay safe:"


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
