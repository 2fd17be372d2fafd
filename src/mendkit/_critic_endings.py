"""Two kinds of message a repair's checklist does not fit: an ending and an anxious chase.

An ending ("I don't think we're a match, and I've really liked getting to know you. Take care of
yourself") owns no fault and asks for nothing, as the coach's ending path teaches: a decision, a
reason about me if I want to give one, thanks where they are true. The critic says it reads as
one, and does not ask it to apologise or to request something.

An anxious chase ("hello?? did I say something wrong? I can see you've read it", "guess you're
too busy for me") reads a silence as a verdict and asks again. What helps is one calm line that
keeps the need (to know we're all right) without chasing or guessing at why they are quiet, and
then leaving the gap alone: not a demand added in a third message.
"""

from __future__ import annotations

import re
from typing import Final

from mendkit._rewrite import GAP

_I: Final = re.IGNORECASE
_NOT: Final = r"(?:don['\u2019]?t|do not|dont)"
_JUST: Final = r"(?:(?:just|really|honestly|genuinely) )?"
_WE_ARE: Final = r"(?:we['\u2019]?re|we are|were|this is|it['\u2019]?s|it is)"
# A decision to end a relationship, said to the person: "I don't think we're a match", "I think
# we should stop seeing each other", "I don't want to keep seeing you", "I'm not feeling a
# connection", "I don't see this going anywhere", "I'm breaking up with you".
_ENDING_RE: Final = re.compile(
    rf"\bi {_JUST}{_NOT} think {_WE_ARE} (?:a |the )?(?:good |great |real |right )?(?:match|fit"
    r"|right for (?:each other|me|us)|compatible|going to work(?: out)?|working(?: out)?)\b"
    rf"|\bi {_JUST}{_NOT} feel (?:like )?{_WE_ARE} right for (?:me|us|each other)\b"
    r"|\bwe(?:['\u2019]re| are) (?:just |really )?not (?:a (?:good |great )?match|right for each"
    r" other|compatible|a good fit)\b"
    r"|\b(?:should|need to|have to|ought to|had better|want to|['\u2019]d like to|would like to)"
    r" (?:stop seeing each other|break up|split up|go our separate ways|call it (?:a day|quits)"
    r"|end (?:things|this|it) (?:here|now|between us))\b"
    r"|\b(?:i['\u2019]?m|i am) breaking up with (?:you|u)\b"
    r"|\bi(?:['\u2019]ve| have)? decided to (?:break up|stop seeing (?:you|u|each other)"
    r"|end (?:things|this|our \w+)(?: with (?:you|u))?)\b"
    rf"|\bi {_JUST}{_NOT} (?:want to|wanna|think i (?:want to|can)) (?:keep|carry on|go on) "
    r"(?:seeing|dating) (?:you|u|each other)\b"
    rf"|\bi {_JUST}{_NOT} (?:want to|wanna|think i (?:want to|can)) (?:see (?:you|u) again|continue"
    r" (?:this|seeing (?:you|u)|dating)|be (?:with (?:you|u)|together|in this relationship)"
    r" any ?more)\b"
    rf"|\bi {_JUST}{_NOT} see (?:this|us|it) (?:going anywhere|working(?: out)?)\b"
    rf"|\bi {_JUST}{_NOT} see a future (?:for us|together|with (?:you|u))\b"
    r"|\b(?:i['\u2019]?m|i am) not feeling (?:a |the |any )?(?:connection|spark|chemistry|it)\b"
    rf"|\bi {_JUST}{_NOT} feel (?:a |the |any )?(?:connection|spark|chemistry)\b"
    r"|\b(?:this|it) (?:isn['\u2019]?t|is not) (?:working|right) for me\b"
    r"|\bi['\u2019]?d rather (?:stop|end (?:it|this|things)) here\b", _I)
# Words before it in its sentence that make it no decision: an apology for saying it, a doubt
# or a fear, a report of someone else's words ("I'm sorry I said we should break up", "I'm
# scared we're not right for each other", "you said ...").
_NOT_DECIDED_RE: Final = re.compile(
    r"\b(?:sorry|didn['\u2019]?t mean|did not mean|if|whether|afraid|scared|worried|worry"
    r"|wonder|you said|you think|you feel|they|he|she|never|not|don['\u2019]?t|dont)\b", _I)
_SENTENCE_RE: Final = re.compile(r"[^.!?\n]+[.!?\n]*")


def ends_things(text: str) -> bool:
    """Whether ``text`` ends the relationship with the person it is written to.

    >>> ends_things("I don't think we're a match. Take care of yourself")
    True
    >>> ends_things("I don't want to break up. I'm sorry I shouted."), ends_things(
    ...     "Are you breaking up with me?")
    (False, False)
    """
    for sentence in _SENTENCE_RE.finditer(text):
        said = sentence.group()
        if said.rstrip().endswith("?"):
            continue  # asked, not decided
        for found in _ENDING_RE.finditer(said):
            if not _NOT_DECIDED_RE.search(said, 0, found.start()):
                return True
    return False


ENDING_NOTE: Final = (
    "This reads as ending things. Mend's checklist is for repairs, so it doesn't ask this "
    "message to apologise or to ask for anything: what matters here is that it is clear and "
    "kind. Your decision said plainly, a reason about you if you want to give one, and thanks "
    "where they are true are enough.")
# What an ending is right to do, that a repair would be flagged for: closing the door.
ENDING_FITS: Final = frozenset({"withdrawal", "rejection", "complaint"})


# Chasing a reply: "hello??", "did I say something wrong?", "I can see you've read it", "guess
# you're too busy for me", "so you're just ghosting me now?", "you never text back".
_CHASE_RE: Final = re.compile(
    r"(?:^|(?<=[\s.!?,]))(?:hello+|hey+|hi+|um+|erm+|oi+|helo+)\s*\?+"
    r"|^\s*\?{2,}\s*$"
    r"|\bdid i (?:say|do|write|send) (?:something|anything|smth) wrong\b"
    r"|\bare (?:you|u) (?:mad|angry|upset|annoyed|cross|pissed) (?:at|with) me\b"
    r"|\bwhat did i do(?: wrong)?\s*\?"
    r"|\bi can see (?:you|u)(?:['\u2019]ve| have|ve)? (?:read|seen|opened) (?:it|this|that"
    r"|my messages?|them)\b"
    r"|\bleft (?:me )?on read\b"
    r"|\btoo busy for me\b"
    r"|\b(?:you['\u2019]?re|you are|ur|u r|u['\u2019]re|are (?:you|u)) (?:just |literally |really "
    r"|actually )?(?:ghosting|ignoring|avoiding) me\b"
    r"|\b(?:you|u) (?:literally |just |basically )?never (?:text|txt|message|msg)(?: me)?\b"
    r"|\b(?:you|u) (?:literally |just |basically )?never (?:reply|respond|answer|get back to me)"
    r"(?: (?:to )?(?:me|my (?:texts?|messages?)))?(?=\s*(?:[.,!?]|$|back\b|any ?more\b))"
    r"|\bwhy (?:aren['\u2019]?t|are not|arent) (?:you|u) (?:answering|replying|texting"
    r"|responding)\b"
    r"|\bguess i(?:['\u2019]m| am|m) not (?:important|a priority|worth)\b", _I)
_WORRY_RE: Final = re.compile(
    r"\bdid i (?:say|do|write|send) (?:something|anything|smth) wrong\b"
    r"|\bare (?:you|u) (?:mad|angry|upset|annoyed|cross|pissed) (?:at|with) me\b"
    r"|\bwhat did i do(?: wrong)?\s*\?", _I)
_APOLOGY_RE: Final = re.compile(r"\b(?:sorry|soz|sry|apologi[sz]e|apologies)\b", _I)


def chases(text: str) -> bool:
    """Whether ``text`` chases a reply or reads their silence as a verdict.

    >>> chases("hello?? did I say something wrong?"), chases("hello! how was your day?")
    (True, False)
    """
    return _CHASE_RE.search(text) is not None


CHASING_NOTE: Final = (
    "This reads as chasing a reply. Waiting is hard when you feel unsure of them, and a silence "
    "often has a plain reason you can't see yet. One calm message that says what you need, "
    "without guessing why they are quiet, is easier to answer. Then, if you can, leave the gap "
    "alone for a while and do something kind for yourself.")


# What a complaint in a chase is told ("hello??", "so you're just ghosting me now?"): not to add
# a demand, but to say the need once, calmly (the message and the suggestion of its issue).
CHASE_COMPLAINT: Final = (
    "This reads their silence as a message about you, and asks again. You can't know yet why "
    "they are quiet, and chasing tends to make a reply harder to write.",
    "Say the need once, calmly, and leave them room: \"No rush. I'd just like to know we're "
    "okay.\"",
)


def calmer(text: str) -> str:
    """A calmer message for the chase ``text``: the need kept (to know we're all right, or
    whether something I said hurt), with no chasing, no guess at why they are quiet and nothing
    Mend cannot know. After an apology, the gap for what I did ("I'm sorry I ...").

    >>> calmer("hello?? did I say something wrong?")
    "Hey, no rush to reply. If something I said upset you, I'd like to hear about it when you're ready."
    """
    if _APOLOGY_RE.search(text):
        return (f"{GAP} Could we talk about texting when you have a moment, so we both know what "
                "to expect?")
    if _WORRY_RE.search(text):
        return ("Hey, no rush to reply. If something I said upset you, I'd like to hear about it "
                "when you're ready.")
    return "Hey, no rush to reply. I'd just like to know we're okay, whenever you have a moment."
