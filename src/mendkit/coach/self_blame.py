"""Blame a repair does not need: for how they treated me, and against myself.

People who over-apologise answer the coach in words no repair should carry to the other person:
blame for their yelling or insults ("I made him yell at me by being annoying", "it's my fault
for making them call me stupid", "I deserved to be screamed at"), pleading ("I'll do anything,
please don't leave me"), running themselves down ("I'm the worst girlfriend", "I'm always too
much", "I should be smarter") and taking on all of it ("it's all my fault, everything is", "I
ruin everything"). A repair names what I did; their yelling is theirs to own, and owning my part
never needs me to run myself down. ``without_self_blame`` leaves those clauses out, keeps the
rest ("I mixed up the dates") and says why. Pure functions over the person's words, no model.

A pattern of their anger owned as my fault ("it's my fault he screams at me all the time") is a
sign of danger, not only words to leave out: the safety gate stops for it
(``mendkit.coach.safety_gate``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final

_I: Final = re.IGNORECASE

# Why a clause was left out: blame for what they did to me, blame for another act or feeling of
# theirs ("it's my fault she went through my phone"), or blame against myself.
THEIRS: Final = "theirs"
THEIR_ACT: Final = "their_act"
SELF: Final = "self"

# Someone the blame is taken for: "him", "them", "my boss", "Jordan".
_WHO: Final = r"(?:him|her|them|you|u|my [\w']+|(?-i:(?!I\b)[A-Z])[\w'-]*)"
# What they did to me in anger: yelling, insults, losing their temper (their harm to the body is
# the safety gate's).
_AT_ME: Final = (
    r"(?:(?:yell|scream|shout|rage|rages|raged|raging)\w*(?: at me)?|(?:swear\w*|swore) at me"
    r"|snap\w*(?= at me|\s*(?:$|[,.!?;]))|(?:go|goes|went|going) off at me|(?:blow|blows|blew"
    r"|blowing) up(?: at me)?|explod\w*|lash\w* out(?: at me)?"
    r"|(?:call|calls|called|calling) me\b(?! (?:back|later|tomorrow|first|when|if|more|every"
    r"|again|at|on|in|from|to|about|before|after)\b)"
    r"|(?:insult|belittl|humiliat|mock|ridicul)\w* me\b"
    r"|(?:put|puts|putting) me down|(?:lose|loses|lost|losing) (?:it|(?:his|her|their|your)"
    r" (?:temper|cool|shit))|(?:treat|treats|treated|treating|talk|talks|talked|talking|speak"
    r"|speaks|spoke) (?:to )?me like (?:that|this|dirt|shit|crap|an? \w+))"
)
_THEIRS: Final = re.compile(
    # "I made him yell at me", "making them call me stupid", "made her so angry she screamed".
    rf"\b(?:made|make|makes|making|got|get|gets|getting) {_WHO} (?:so (?:angry|mad) (?:that )?"
    rf"(?:(?:he|she|they|you) )?)?(?:(?:have|had|has) to )?{_AT_ME}"
    # "it's my fault she lost her temper", "my fault he always yells".
    rf"|\bmy (?:own )?fault (?:that |when |if |because )?(?:he|she|they|you|u|{_WHO}) (?:(?:always"
    rf"|just|only|really|then|kept|keeps|keep|had to|has to) )*{_AT_ME}"
    # "sorry you had to yell at me".
    rf"|\b(?:sorry|sry) (?:that )?(?:you|u|he|she|they) (?:had|have|has) to {_AT_ME}"
    # "I deserved it", "I deserve to be screamed at", "I asked for it", "I had it coming".
    r"|\bi (?:\w+ )?deserved? (?:(?:it|that|this)(?=\s*(?:$|[,.!?;:]|when|because|bc|after"
    r"|honestly|tbh|lol|really))|what i got|to be (?:yelled|screamed|shouted|sworn|called|treated"
    r"|spoken|talked|insulted|humiliated|punished)\w*)"
    r"|\bi (?:\w+ )?(?:asked for it|had it coming)\b"
    # "he only yells because I nag".
    rf"|\b(?:he|she|they|you) (?:only|just) {_AT_ME}\w* (?:because|bc|cos|cause|cuz) (?:of me|i)\b",
    _I,
)

# Blame for anything else they did or felt, said as my fault: "it's my fault she went through my
# phone", "my fault he got angry". Their act is theirs to own; what I did ("it's my fault I
# forgot", "it's my fault we argued") is not this.
_THEIR_ACT: Final = re.compile(
    r"^(?:(?:so|and|but|honestly|i guess|i think|tbh|well)[,\s]+)*(?:(?:it'?s|its|it is|it was"
    r"|that'?s|thats|that is|that was) )?(?:all |totally |completely |probably |partly |kind of "
    r"|kinda |really |just )?my (?:own )?fault,? (?:that |because |cause |cos |since |when |if )?"
    r"(?:he|she|they|you|u|(?:my|our) (?:mum|mom|mother|dad|father|sister|brother|partner"
    r"|husband|wife|boyfriend|girlfriend|boss|manager|friend|son|daughter|kids?|colleague"
    r"|parents|family)|(?-i:(?!I\b)[A-Z])[\w'-]*)\b",
    _I,
)

# Pleading: "I'll do anything", "please don't leave me", "for her not to leave me".
_PLEADING: Final = (
    r"\b(?:don'?t|dont|do not|never|not to|not|won'?t you) (?:ever )?(?:leave|abandon|dump|hate"
    r"|give up on|stop loving|go away from) me\b(?! (?:out|hanging|behind|on read|waiting"
    r"|alone with)\b)"
    r"|\bi(?:'ll| will|'d| would)? (?:do|give|change|be) (?:anything|whatever you\b)"
    r"|\bi(?:'m| am)? begg?ing\b|\bi beg\b|\bplease,? please\b|\bi can'?t lose you\b"
)
# Words that run me down, after words that say them of me ("I'm the worst", "being too much").
_DOWN: Final = (
    r"(?:the worst\b(?! (?:part|thing|day|time|of)\b)|useless|worthless|pathetic"
    r"|stupid|an idiot|idiot|dumb|a failure|failure|a burden|burden|a disaster"
    r"|a monster|a loser|loser|a joke|disgusting|unlovable|too much|not enough"
    r"|not good enough|no good|toxic|the problem|hopeless"
    r"|(?:terrible|horrible|awful|bad|useless|shit|crap) (?:person|human|human being"
    r"|girlfriend|boyfriend|partner|wife|husband|friend|mother|father|mum|mom|dad"
    r"|daughter|son|sister|brother|employee|colleague))"
)
_OF_ME: Final = (
    r"(?:\bi(?:'m| am|m| was|'ve been| have been| must be| feel like|'ll always be)"
    r"|\blike i'?m|(?:^|\b(?:for|by|of|about|regret|and|just|me) )being)"
)
_FILLER: Final = (
    r"(?:such|so|a|an|just|really|always|totally|completely|literally|honestly|truly"
    r"|complete|total|absolute|utter|the|fucking|bloody|nothing but|never anything"
    r" but)"
)
_RUN_DOWN: Final = (
    rf"{_OF_ME}(?: {_FILLER})* {_DOWN}"
    r"(?! (?:at|about|with|towards?|to (?:him|her|them|you|u|ya|my|his|their))\b)"
    r"|\bi should (?:be|have been) (?:smarter|a better \w+|better than this"
    r"|less (?:annoying|needy|stupid|sensitive|dramatic|much))\b"
    r"|\b(?:sorry|sry) (?:for|about) (?:existing|being (?:me|alive|born|annoying|a burden|a pain"
    r"|so much|too much|like this|this way|who i am))\b"
    r"|\bbeing (?:like this|this way|who i am|such a pain|a pain|so annoying|annoying)\b"
    r"|\bi hate myself\b|\bi don'?t deserve (?:you|him|her|them|love|anything|to be loved)\b"
)
# Taking on all of it: "it's all my fault", "everything is", "I ruin everything", "sorry for
# everything", or "everything" for an answer. (What follows "it's all my fault" may be mine: "it's
# all my fault I forgot" is kept.)
_ALL: Final = (
    r"\b(?:it'?s|its|it is|it was|that'?s|thats|everything(?:'s| is))(?: all| always| totally"
    r"| completely)+ (?:my (?:own )?fault|on me)\s*$"
    r"|^everything is\s*$|\beverything(?:'s| is) my fault\b"
    r"|(?:^|\bi(?:'ve|'d| have| had)? )(?:(?:always|just|only|totally|completely|literally"
    r"|really|probably|then) )*(?:(?:ruin|ruins|ruined|ruining|wreck|wrecks|wrecked|destroy"
    r"|destroys|destroyed|spoil|spoils|spoilt|spoiled) everything\b"
    r"|(?:mess|messes|messed|screw|screws|screwed|fuck|fucks|fucked) (?:up everything"
    r"|everything up)\b)"
    r"|\b(?:sorry|apologi[sz]e) (?:for|about) (?:everything|all of it|it all|all of this)\s*$"
    r"|^(?:(?:i|i'm|im) )?(?:sorry )?(?:for )?(?:literally |honestly |probably |just )?"
    r"(?:everything|all of it|it all|all of this|the whole thing|everything i (?:did|do|am))\s*$"
)
_SELF: Final = re.compile(rf"{_PLEADING}|{_RUN_DOWN}|{_ALL}", _I)
# Before words that run me down, these say someone else said them of me ("he told me I was
# useless", "so you're saying it's all my fault?"): what they did, not what I say of myself.
_REPORTED: Final = re.compile(
    r"\b(?:told|tell|tells|telling|said|say|says|saying|call|calls|called|calling|think|thinks"
    r"|thought|went|goes|yell\w*|scream\w*|shout\w*|text\w*|wrote|accus\w*|mak\w* me feel"
    r"|made me feel)\b",
    _I,
)
# A bare word that runs me down, joined by "and" to a clause that says it of me ("being so
# careless and useless").
_BARE_DOWN: Final = re.compile(rf"^(?:{_FILLER} )*{_DOWN}$", _I)
_SAYS_OF_ME: Final = re.compile(r"^(?:being|i'm|im|i am|i was|i've been)\b", _I)

# Where a clause ends: punctuation, a dash, or "and"/"but" between clauses (kept with it).
_SPLIT: Final = re.compile(
    r"(\s*[,;:.!?\u2026]+\s*|\s+-+\s+|\s*[\u2013\u2014]\s*"
    r"|\s+(?:and|but)\s+)",
    _I,
)


def owns_their_act(text: str) -> bool:
    """Whether ``text`` takes the blame for how they treated me: their yelling, insults or
    temper ("I made him yell at me", "it's my fault for making them call me stupid").

    >>> owns_their_act("I made him yell at me by being annoying"), owns_their_act(
    ...     "I yelled at him first")
    (True, False)
    """
    return bool(_THEIRS.search(_plain(text)))


def runs_self_down(text: str) -> bool:
    """Whether ``text`` pleads, runs me down or takes on all of it ("I'll do anything, please
    don't leave me", "I'm the worst girlfriend", "I ruin everything"). Owning something I did
    ("I was awful to you", "I sent you 14 messages") is none.

    >>> runs_self_down("I'm the worst girlfriend"), runs_self_down("I was awful to you")
    (True, False)
    """
    return _runs_down(_plain(text))


# Running myself down, not pleading or a bare "everything": "I always ruin everything", "I'm a
# terrible partner", "I'm useless".
_HARSH: Final = re.compile(
    rf"{_RUN_DOWN}|(?:^|\bi(?:'ve|'d| have| had)? )(?:(?:always|just|only|totally|completely"
    r"|literally|really|probably|then) )*(?:ruin|ruins|ruined|wreck|wrecks|wrecked|destroy"
    r"|destroys|destroyed|mess up|mess|messes|messed|screw|screws|screwed) (?:up )?everything"
    r"(?: up)?\b", _I)


def harsh_on_self(text: str) -> bool:
    """Whether ``text`` runs the person down ("I always ruin everything, I'm a terrible
    partner"), in their own words: the coach says one kind line about it. Pleading, owning
    what I did ("I was awful to you") and words someone else said of me are not.

    >>> harsh_on_self("I always ruin everything, I'm a terrible partner")
    True
    >>> harsh_on_self("I was awful to you"), harsh_on_self("he told me I was useless")
    (False, False)
    """
    plain = _plain(text)
    return any(not _REPORTED.search(plain[:found.start()]) for found in _HARSH.finditer(plain))


def _runs_down(text: str) -> bool:
    """``runs_self_down`` for one clause: never words someone else said of me."""
    return any(not _REPORTED.search(text[: found.start()]) for found in _SELF.finditer(text))


def without_self_blame(text: str, *, keep: Callable[[str], bool] = lambda _: False,
                       feeling: bool = False) -> tuple[str, str]:
    """``text`` without its clauses that take the blame for how they treated me (``THEIRS``),
    for another act or feeling of theirs (``THEIR_ACT``), or plead and run me down (``SELF``),
    and why (in that order; ``""`` when none was left out). A clause ``keep`` says to keep is
    kept as it is, for the other screens to judge. Of a ``feeling`` ("scared I'm not good
    enough"), the feeling before the words that run me down is kept ("scared").

    >>> without_self_blame("I mixed up the dates. It's my fault for making them call me "
    ...                    "stupid, I should be smarter")
    ('I mixed up the dates', 'theirs')
    >>> without_self_blame("I raised my voice first")
    ('I raised my voice first', '')
    """
    pieces = _SPLIT.split(text)
    clauses, ends = pieces[::2], [*pieces[1::2], ""]
    reasons: list[str] = []
    kept: list[tuple[str, str]] = []
    chain_of_me = False  # the clause before, joined by "and", said something of me
    for clause, end in zip(clauses, ends, strict=True):
        plain = _plain(clause).strip()
        reason = ""
        if plain and not keep(clause) and not (kept and _ALL_OF_THAT.match(plain)):
            if _THEIRS.search(plain):
                reason = THEIRS
            elif _THEIR_ACT.search(plain):
                reason = THEIR_ACT
            elif _runs_down(plain) or (chain_of_me and _BARE_DOWN.match(plain)):
                reason = SELF
        joined = bool(re.fullmatch(r"\s+and\s+", end, _I))
        chain_of_me = joined and (chain_of_me or bool(_SAYS_OF_ME.match(plain)))
        if reason:
            reasons.append(reason)
            if feeling and reason == SELF and (head := _feeling_head(clause)):
                kept.append((head, end))
        else:
            kept.append((clause, end))
    if not reasons:
        return text, ""
    said = "".join(clause + end for clause, end in kept)
    said = re.sub(r"^(?:\s*[,;:.!?\u2026\u2013\u2014-]+\s*|\s*(?:and|but)\s+)+", "", said, flags=_I)
    said = re.sub(r"(?:\s*[,;:.!?\u2026\u2013\u2014-]+\s*|\s+(?:and|but)\s*)+$", "", said, flags=_I)
    return said.strip(), next(r for r in (THEIRS, THEIR_ACT, SELF) if r in reasons)


# "All of it" after a thing that is not me, which it stresses ("the truth, all of it"): no
# taking on all the blame.
_ALL_OF_THAT: Final = re.compile(r"^(?:all of it|all of that|every bit of it|everything|the lot)$",
                                 _I)


def _feeling_head(clause: str) -> str:
    """The feeling a clause names before the words that run me down ("scared I'm not good
    enough" -> "scared"), or ``""`` where there is none ("I'm useless")."""
    plain = _plain(clause)
    found = next((m for m in _SELF.finditer(plain) if not _REPORTED.search(plain[:m.start()])),
                 None)
    head = plain[:found.start()] if found else ""
    while True:
        shorter = re.sub(r"(?:^|\s+)(?:that|because|cause|cos|like|as if|as though|since|when|and"
                         r"|but|so|about|of)\s*$|[\s,;:.!?-]+$", "", head, flags=_I)
        if shorter == head:
            break
        head = shorter
    words = re.findall(r"[\w']+", head.lower())
    lead = {"i", "feel", "felt", "feeling", "am", "i'm", "im", "was", "just", "really", "so"}
    return head.strip() if any(w not in lead for w in words) else ""


def _plain(text: str) -> str:
    return text.replace("\u2019", "'")


# What the coach says of what it left out, by why (the composer's notes: "I left out {names}").
# At work, the note on their yelling says who else can help (``AT_WORK``).
LEFT_OUT_LINES: Final = {
    THEIRS: (
        "I left out {names} where you took the blame for how they treated you: their "
        "yelling, insults or temper are theirs to own, not yours. A repair names only what "
        "you did, and it doesn't need you to run yourself down. If you're often treated "
        "like this, it can help to talk it over with someone you trust."
    ),
    THEIR_ACT: (
        "I left out {names} where you took the blame for what they did or felt: that is "
        "theirs to own, not yours. A repair names only what you did."
    ),
    SELF: (
        "I left out {names}, because a repair names what you did; it doesn't need you to run "
        "yourself down, plead or take on all of it. If there is something specific you did, "
        "like something you said, you can add it in your own words."
    ),
}
AT_WORK: Final = {
    THEIRS: LEFT_OUT_LINES[THEIRS].removesuffix(".") + " (at work, that can be HR).",
}
