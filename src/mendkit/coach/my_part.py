"""A person's answer to "what was your part?", read into the pieces an apology can take.

People answer as they talk ("I guess I snapped at you, I shouldn't have answered back", "it's my
fault you got upset", "being late"), so each clause is sorted: what I did (to follow "I"), what I
am sorry for ("my tone"), whole sentences of my own ("I should have called"), or nothing, when it
is about someone else's doing or feeling: their anger is not mine to own, still less to apologise
for. Pure functions, no parser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from mendkit.coach.apology_screens import LEADING_SORRY
from mendkit.coach.draft_fit import CLAUSE, SORRY_FOR, holds_apology, misfit, says_love
from mendkit.coach.self_blame import owns_their_act, runs_self_down
from mendkit.coach.wording import lower_first, strip_lead, strip_lead_in, upper_first

_I: Final = re.IGNORECASE

# Words before what I did that are no part of it: "my part was", "I guess", "maybe", "tbh".
_MY_PART_LEAD: Final = re.compile(
    r"^(?:(?:my part(?: in (?:it|this|that))? (?:was|is)|i think|i guess|i suppose|i admit"
    r"|i know|honestly|to be honest|tbh|idk|i dunno|well|so|maybe|probably|perhaps|no excuse"
    r"|if i'?m honest|i'?d say|i mean|ok|okay|yeah|and|but|also|then"
    # "I'm sorry I forgot", "sorry for shouting": the draft says the apology itself.
    rf"|{LEADING_SORRY})(?: that)?(?:,?\s+|,?$))+", _I)
# "it's my fault", "that's on me": ownership, then (maybe) what it is for.
_MY_FAULT: Final = re.compile(
    r"^(?:it'?s|its|it is|it was|that'?s|thats|that is|that was) (?:all |totally |completely "
    r"|probably |partly |kind of |kinda )?(?:my (?:own )?fault|on me)\b"
    r"(?: (?:that|because|cause|cos|since))?,?\s*(.*)$", _I)
# Where a clause of my part starts after a comma: one that could stand alone ("..., I was tired").
_MY_PART_SPLIT: Final = re.compile(
    r"\s*[.!?;\u2026]+\s*|\s*,\s*(?=(?:and |but |then |also |so )?(?:i|i'm|i've|i'd|it'?s|its"
    r"|it was|my part|maybe|probably|i guess|i think|tbh|honestly|me|he|she|they|you|we)\b)", _I)
# Participles that are also the past tense: "I shouldn't have said that" -> "I said that".
_SAME_PAST: Final = frozenset((
    "said", "told", "made", "sent", "left", "kept", "brought", "thought", "bought", "had",
    "lost", "got", "put", "cut", "hit", "let", "shut", "read", "heard", "sat", "stood", "held",
    "felt", "meant", "paid", "found", "spent", "slept", "snuck", "dug", "hung", "built", "led"))
# A wish to do or say something ("I want to tell him he's pathetic", "I just wanna scream"): not
# what I did, so nothing to apologise for.
_WISH: Final = re.compile(r"^i (?:just |really |kinda |honestly |still |so )?(?:want|wanna|'d like"
                          r"|would like|'d love|would love|feel like|wish i could|could just)\b",
                          _I)
# A gerund that names one act, not a while spent doing it: a verb with a particle ("hanging up
# on you", "walking out", "not calling you back") or a thing done ("slamming the door", "sending
# you all those messages"). "I'm sorry for hanging up", never "I'm sorry that I was hanging up".
_ONE_ACT: Final = re.compile(
    r"^(?:not )?(?!being\b)\w{3,}ing(?: (?:you|him|her|them|me|it|us))?"
    r" (?:up|out|off|down|away|back|over|the|my|your|his|her|their|our|all|those|that|this|these"
    r"|a|an|some|every|\d+)\b", _I)
# A thing with a verb of its own after it: "the joke went a bit far", "my comment came out
# wrong", "my tone hurt you". Never "I'm sorry for the joke went a bit far". ("The comment I made"
# is a thing: the verb there is mine.)
_THING_DID: Final = re.compile(
    r"^(?:the|my|a|an|this|that|our)\s+(?:(?!(?:i|you|he|she|we|they|it)\b)[\w'-]+\s+){1,4}?"
    r"(?:(?:really|just|probably|maybe|definitely|totally|way|a bit)\s+)?(?:went|got|came|was"
    r"|were|is|are|did|made|sounded|seemed|turned|ended|hurt|crossed|landed|felt|stung)\b", _I)
# Where what I did starts after what someone else did, in one clause: "you asked me and I lied".
_AND_I: Final = re.compile(r"\s+(?:and|but|so)\s+(?=i\b(?!'?d\b))", _I)
_NOT_MINE: Final = re.compile(r"^(?:he|she|they|you|we|it|there|he's|she's|they're|you're|"
                              r"we're|it's|there's|his|her|their|your)\b", _I)


# A stance, not an act to apologise for: "I'm not sorry for being angry about the affair".
_STANCE: Final = re.compile(r"^(?:but |and )?(?:i'?m|i am|im) not (?:\w+ )?(?:sorry|apologi[sz]ing)\b",
                            _I)
# What the person says of what they did, after it: "That was cruel and it upset the kids", "it
# was unfair of me", "That was the third time this month". A sentence of its own after the
# apology, never one more act to follow "I" ("I'm sorry that I called you useless and was cruel
# and it upset the kids").
_JUDGED: Final = re.compile(
    r"^(?:that|this)(?:'s| was| is) (?!(?:me|the one|all|my|on me|what i|why i|when i|how i)\b)"
    r"|^it(?:'s| was| is) (?:so |really |very |pretty |a bit |just |totally "
    r"|completely |way |honestly |genuinely )?(?:cruel|unfair|wrong|mean|nasty|harsh|unkind"
    r"|hurtful|horrible|awful|terrible|disrespectful|rude|childish|petty|spiteful|vicious"
    r"|out of line|uncalled for|not (?:ok|okay|fair|right|on|kind)|too much|too far|over the line"
    r"|a low blow|below the belt|low|a horrible thing|a cruel thing|an awful thing"
    r"|a terrible thing)\b", _I)
# What the person says of the act before it: "That's the part I'd take back".
_TAKE_BACK: Final = re.compile(
    r"^(?:that'?s|that is|this is|it'?s|it is) (?:the (?:part|bit|thing|one)|what) (?:that )?i'?d"
    r" (?:take back|undo|change|do differently)\b", _I)


@dataclass(frozen=True, slots=True)
class _MyPart:
    """My part as pieces of an apology: what I did (to follow "I"), what I am sorry for (a noun
    phrase: "my tone"), whole sentences of my own ("I should have called"), and sentences said
    as written with no apology put before them (``as_said``: one with its own apology, "I loved
    you and I am so sorry I chose work"; love, never apologised for, "I loved you")."""

    actions: tuple[str, ...] = ()
    nouns: tuple[str, ...] = ()
    sentences: tuple[str, ...] = ()
    as_said: tuple[str, ...] = ()


def _gerund(text: str) -> str:
    """"being late" -> "was late", "not listening" -> "wasn't listening", "yelling" -> "was
    yelling": a gerund answer as what I did."""
    text = re.sub(r"^being\b", "was", text, flags=_I)
    text = re.sub(r"^not being\b", "wasn't", text, flags=_I)
    text = re.sub(r"^not\s+", "wasn't ", text, flags=_I)
    return text if re.match(r"^(?:was|wasn't)\b", text, _I) else f"was {text}"


def _my_clause(clause: str) -> _MyPart:
    """One clause of my part, sorted into a ``_MyPart``; empty when it is not about what I did:
    someone else's doing or feeling ("you went quiet", "it's my fault you got upset": their
    anger is not mine to own, still less to apologise for), a bare "it's my fault", blame for
    how they treated me ("I made him yell at me") or words that run me down or take on all of it
    ("everything", "I ruin everything", "I'm the worst": no act to name)."""
    if owns_their_act(clause) or runs_self_down(clause):
        return _MyPart()
    if _STANCE.match(clause.strip()) or _TAKE_BACK.match(clause.strip()) or _JUDGED.match(
            clause.strip()):
        # "I am not sorry for being angry about the affair", "That's the part I'd take back":
        # the person's own words, as a sentence of their own (never inside "I'm sorry that I").
        return _MyPart(sentences=(f"{upper_first(clause.strip().rstrip('.!'))}.",))
    text = _MY_PART_LEAD.sub("", strip_lead_in(clause))
    if text and (holds_apology(text) or says_love(text)):
        # "I loved you and I am so sorry I chose work": never "I'm sorry that I loved you".
        return _MyPart(as_said=(f"{upper_first(text.strip().rstrip('.!'))}.",))
    if fault := _MY_FAULT.match(text):
        rest = _MY_PART_LEAD.sub("", fault.group(1).strip())
        if rest.lower().startswith("for "):
            return _my_clause(rest[4:])  # "for being late"
        if not rest or not re.match(r"^(?:i|we)\b", rest, _I):
            return _MyPart()
        if re.match(r"^we\b", rest, _I):
            return _MyPart(sentences=(f"{upper_first(text)}.",))
        text = rest
    text = strip_lead(r"(?:i'?m|i am|i was|it was|it's|its) (?:the one|me) (?:who|that)|that", text)
    text = strip_lead(r"me", text) if re.match(r"^me \w+ing\b", text, _I) else text
    modal = re.match(r"^i (?:(should|could|would)(?:n'?t| not)? have|(should|could|would)"
                     r"(?:n'?t)?'ve|(should|could|would)(?:n'?t)?a)\s+(\S+)(.*)$", text, _I)
    if modal:
        negative = re.match(r"^i \w+(?:n'?t| not)", text, _I) is not None
        verb, rest = modal.group(4), modal.group(5)
        word = verb.lower()
        if negative:
            if word == "been":
                return _MyPart(actions=(f"was{rest}",))
            if word in _SAME_PAST or re.fullmatch(r"\w+ed", word):
                return _MyPart(actions=(f"{verb}{rest}",))
        kind = (modal.group(1) or modal.group(2) or modal.group(3)).lower()
        kind += "n't" if negative else ""
        return _MyPart(sentences=(f"I {kind} have {verb}{rest}.",))
    if wishes(text):
        return _MyPart()
    if re.match(r"^i'd\b", text, _I):
        return _MyPart(sentences=(f"{upper_first(text)}.",))
    text = re.sub(r"^i'm\s+", "am ", text, flags=_I)
    text = re.sub(r"^i've\s+", "have ", text, flags=_I)
    if re.match(r"^i\b", text, _I):
        return _MyPart(actions=(lower_first(strip_lead("i", text)),))
    if _NOT_MINE.match(text) and (mine := _AND_I.search(text)):
        # "You asked me honestly and I made you feel crazy for asking": what they did sets the
        # scene; what I did after "and I" is mine to own (round 18: it was dropped whole).
        return _my_clause(text[mine.end():])
    if _NOT_MINE.match(text) or not text:
        return _MyPart()
    if _ONE_ACT.match(text):  # "hanging up on you": one act, apologised for as it is
        return _MyPart(nouns=(lower_first(text),))
    if re.match(r"^(?:not )?\w+ing\b", text, _I):
        return _MyPart(actions=(_gerund(lower_first(text)),))
    if re.match(r"^(?:the|my|a|an|all|too much|this|how|what)\b", text, _I):
        if misfit(SORRY_FOR, text) == CLAUSE or _THING_DID.match(text):
            # "what I said was unfair", "the joke went a bit far": a sentence already
            return _MyPart(sentences=(f"{upper_first(text.strip().rstrip('.!'))}.",))
        return _MyPart(nouns=(lower_first(text),))
    return _MyPart(actions=(lower_first(text),))


def wishes(text: str) -> bool:
    """Whether ``text`` says what I want to do or say rather than what I did ("I want to tell
    him he's pathetic"): no part of mine to own.

    >>> wishes("I want to tell him he's pathetic"), wishes("I wanted to win")
    (True, False)
    """
    return bool(_WISH.match(_MY_PART_LEAD.sub("", text.strip())))


def _my_part(my_part: str) -> _MyPart:
    """What I did, as an apology can take it: "I guess I snapped at you, I shouldn't have
    answered back" -> actions ("snapped at you", "answered back")."""
    pieces = [_my_clause(c) for c in _MY_PART_SPLIT.split(my_part) if c and c.strip()]
    return _MyPart(actions=tuple(a for p in pieces for a in p.actions),
                   nouns=tuple(n for p in pieces for n in p.nouns),
                   sentences=tuple(s for p in pieces for s in p.sentences),
                   as_said=tuple(s for p in pieces for s in p.as_said))


def _listed(items: tuple[str, ...]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _listed_acts(actions: tuple[str, ...]) -> str:
    """What I did, listed to follow "I": "snapped at you and walked out"; when an act has an
    "and" of its own ("have been drinking for three weeks and I hid the bottles"), or the acts
    are in more than one tense, each after a "that I" of its own, so the list stays readable:
    "lied to you, that I have been drinking ..., and that I made you feel crazy"."""
    if len(actions) == 1 or not any(re.search(r"\band\b", a, _I) or re.match(
            r"^(?:have|has|had|am|was)\b", a, _I) for a in actions[1:]):
        return _listed(actions)
    rest = [f"that I {a}" for a in actions[1:]]
    return ", ".join((actions[0], *rest[:-1], f"and {rest[-1]}"))


def my_action(my_part: str) -> str:
    """What I did, to follow "I": "I'm the one who started yelling" -> "was the one ..."
    -> "started yelling"; ``""`` when my part names no action of mine."""
    actions = _my_part(my_part).actions
    return _listed(actions) if actions else ""


def my_part_sentences(my_part: str, *, work: bool) -> list[str]:
    """My part as sentences of the draft: an apology for what I did ("I'm sorry that I snapped
    at you."), or at work, the realisation that it was my part."""
    part = _my_part(my_part)
    said: list[str] = []
    if part.actions:
        said.append(f"I realise that I {_listed(part.actions)}, and that was my part in it." if work
                    else f"I'm sorry that I {_listed_acts(part.actions)}.")
    if part.nouns:
        said.append(f"I'm sorry for {_listed(part.nouns)}.")
    if part.sentences and not said and not work and not any(map(holds_apology, part.as_said)):
        said.append("I'm sorry.")
    return said + list(part.sentences) + list(part.as_said)
