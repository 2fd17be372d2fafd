"""Readers for the short replies around a crisis sign that no rule reads alone (round 16).

Teenagers and friends disclose to each other in pieces. A second person who answers "i dont
want to be here anymore" with "same lol" may be disclosing too. A friend who asks "like dont
want to be here as in school or as in here here" gets "the second one", then "i wouldnt do
anything. probably". These readers say what such a reply does; ``safety`` decides, from the
turns around it, whether it is a crisis sign (``_carried``), and ``crisis_talk`` whether a
helper's question that repeats the words of a sign is the helper's own crisis (it is not).

Every reader takes the text as people type it and reads it folded (``normalise``, ``unwrap``).
"""

from __future__ import annotations

import re
from typing import Final

from mendkit.analysis.text import normalise, unwrap

# Laughter, emoji and marks that do not change what a short reply says ("same lol", "same 💀").
_NOISE: Final = re.compile(
    r"\b(?:lo+l+|lmf?a+o+|ha(?:ha)+h?|he(?:he)+|xd|rofl|ngl|tbh|fr|rn|tho|though|honestly"
    r"|literally|lowkey|highkey|deadass|bro|bruh|girl|dude|omg|ugh|ok|okay|so|and|also|like|ya"
    r"|yeah|yea|yep|real|srsly|seriously|too|2|sometimes|ig|i guess)\b|[^\w\s']")
# Agreeing with what the other person just said of themselves: "same", "me too", "mood".
_ECHO: Final = re.compile(
    r"s+a+m+e+(?: here)?|me (?:too|2|also|aswell|as well)|mood|big mood|felt|relatable"
    r"|so (?:do|am|have) i|ditto|i feel (?:that|the same|you)|i know the feeling"
    r"|(?:i'?m|im|i am) the same|i do too|same for me|me either|me neither")


def echoes(text: str) -> bool:
    """Whether ``text`` does nothing but agree that the same is true of its writer ("same lol",
    "omg same", "me too tbh", "same 💀"): said right after another person's crisis sign, the
    writer may be at risk too.

    >>> echoes("same lol")
    True
    >>> echoes("same time tomorrow?")
    False
    """
    said = _NOISE.sub(" ", normalise(unwrap(text)))
    return _ECHO.fullmatch(" ".join(said.split())) is not None


# A question that asks what the other person meant, with or without its question mark: "as in
# school or as in here here", "do you mean", "wdym", "like actually?", "for real?".
_CLARIFY: Final = re.compile(
    r"\bas in\b|\b(?:do|did) (?:you|u|ya) mean\b|\bwdym\b|\bwhat do (?:you|u) mean\b"
    r"|\bwhat (?:you|u) mean\b|\b(?:you|u) mean\b|\bmeaning\b"
    r"|^\W*(?:like\s+)?(?:actually|literally|for real|seriously|fr)\W*$")
# A question put without its mark: it starts as one ("like are the meds near u").
_ASKS: Final = re.compile(
    r"^(?:(?:like|so|and|but|ok|okay|wait|hey|um+|oh)\W+)*"
    r"(?:are|is|am|do|does|did|have|has|had|can|could|would|will|should|r|were|was|what|where"
    r"|when|why|how|who|which|wdym)\b")


def clarifies(text: str) -> bool:
    """Whether ``text`` asks what the other person meant or whether they mean it ("as in school
    or as in here here", "do you mean it", "wdym"), with or without its question mark.

    >>> clarifies("like dont want to be here as in school or as in here here")
    True
    >>> clarifies("see you at school")
    False
    """
    return _CLARIFY.search(normalise(unwrap(text))) is not None


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?\n])\s*|\n+", text) if s.strip()]


# Words that say the same is true of the one asking.
_SAME_HERE: Final = re.compile(
    r"\b(?:i do|i do too|me too|me 2|same|so do i|so am i|i am too|i'?m the same|i have too"
    r"|i feel (?:it|that|the same) too|i feel the same)\b")


def only_asks(text: str) -> bool:
    """Whether every sentence of ``text`` is a question, a question about what the other meant,
    or a word or two of address ("wait mia", "ok"): nothing the writer says of themselves.

    >>> only_asks("are u safe rn? like are the meds near u")
    True
    >>> only_asks("do you ever want to die? because i do")
    False
    """
    said = normalise(unwrap(text))
    parts = _sentences(said)
    if _SAME_HERE.search(said):
        return False  # "do you ever want to die? because i do": their own words too
    return bool(parts) and all(
        p.endswith("?") or _ASKS.search(p) is not None or _CLARIFY.search(p) is not None
        or len(p.split()) <= 2 for p in parts)


# Which of two readings the answer takes: "the second one", "the first", "the latter".
_FIRST: Final = re.compile(r"^(?:the )?(?:first|1st|former|1)(?: one)?\b|^(?:the )?former\b")
_SECOND: Final = re.compile(r"^(?:the )?(?:second|2nd|latter|last|2)(?: one)?\b")
_OR: Final = re.compile(r"\bor\b")


def picked(question: str, answer: str) -> str | None:
    """The reading ``answer`` picks of the two that ``question`` offers ("as in school or as in
    here here" / "the second one": "as in here here"), or None where the question offers no two
    or the answer picks none by place ("first", "second") or by the words of one.

    >>> picked("as in school or as in here here", "the second one")
    'as in here here'
    >>> picked("as in school or as in here here", "school lol")
    'as in school'
    """
    asked = normalise(unwrap(question)).rstrip(" ?!.")
    found = list(_OR.finditer(asked))
    if len(found) != 1:
        return None
    split = found[0]
    left, right = asked[:split.start()].strip(" ,"), asked[split.end():].strip(" ,")
    # The first reading starts at its own "as in" (or "like"), not at the question's first word.
    if (start := max(left.rfind("as in "), left.rfind(" like "))) > 0:
        left = left[start:].strip()
    said = " ".join(_NOISE.sub(" ", normalise(unwrap(answer))).split())
    if not said or not left or not right:
        return None
    if _SECOND.search(said):
        return right
    if _FIRST.search(said):
        return left
    words = set(re.findall(r"[a-z']+", said)) - {"as", "in", "the", "a", "i", "it", "one"}
    left_words = set(re.findall(r"[a-z']+", left)) - {"as", "in", "like"}
    right_words = set(re.findall(r"[a-z']+", right)) - {"as", "in", "like"}
    if words & left_words and not words & right_words:
        return left
    if words & right_words and not words & left_words:
        return right
    return None


# "i wouldnt do anything. probably": a promise not to act, hedged. After the person's own crisis
# sign it keeps the question open (the clinical reference, 7.3: a denial should not close a risk
# check, and a hedged one is less than a denial).
_WOULD_NOT_ACT: Final = re.compile(
    r"\bi (?:wouldn'?t|wouldnt|won'?t|wont|would not|will not|would never|will never|'d never"
    r"|d never)\s+(?:actually\s+|really\s+|ever\s+)?(?:do|try)\s+(?:anything|it|something)\b")
_HEDGE: Final = re.compile(
    r"\b(?:probably|prob|prolly|i think|i dont think so|maybe|i guess|idk|i don'?t know|hopefully"
    r"|not sure|i hope|for now|tonight anyway|i promise(?:\W+ish)|ish)\b")


def hedged_not_acting(text: str) -> bool:
    """Whether ``text`` says its writer would not act, with a hedge ("i wouldnt do anything.
    probably", "I won't do anything, I think").

    >>> hedged_not_acting("i wouldnt do anything. probably")
    True
    >>> hedged_not_acting("i wouldnt do anything, i promise")
    False
    """
    said = normalise(unwrap(text))
    return _WOULD_NOT_ACT.search(said) is not None and _HEDGE.search(said) is not None


# Round 18 (tester t2, P10): "brunch sunday? my treat" after a joke about killing oneself is an
# invitation, not a question about the joke; a "yesss" to it is no answer about a crisis sign.
_INVITES: Final = re.compile(
    r"\b(?:brunch|lunch|dinner|breakfast|tea|coffee|drinks?|pints?|pizza|takeaway|movies?|film"
    r"|cinema|party|pub|bowling|karaoke|game night|games night|quiz|picnic|bbq|barbecue|shopping"
    r"|gig|concert|show)\b[^.?!]{0,40}\?|\bmy treat\b|\bwho'?s (?:in|coming|up for)\b"
    r"|\b(?:anyone|any1|who) (?:up for|fancy|want(?:s)? to (?:come|go|join))\b")


def invites(text: str) -> bool:
    """Whether ``text`` invites people to a plan ("brunch sunday? my treat", "who's up for
    drinks?"): a question that moves the talk on, not a follow-up about what someone said.

    >>> invites("brunch sunday? my treat, I owe you all")
    True
    >>> invites("wait, for real?")
    False
    """
    return _INVITES.search(normalise(unwrap(text))) is not None


# Round 18 (tester t2, P2): "You have until Sunday." from a parent who has just said "pack your
# things. Not under my roof.": a deadline that goes on with their own threat.
_DEADLINE: Final = re.compile(
    r"^\W*(?:and |so |well |right )?(?:you(?:'ve| have)? (?:got )?|you get |you'?ve got )"
    r"(?:until|till|til|'til|by|before) (?:monday|tuesday|wednesday|thursday|friday|saturday"
    r"|sunday|tomorrow|tonight|the (?:weekend|morning|end of (?:the )?(?:week|month|day))"
    r"|next \w+|midnight|\d\w*)\b"
    r"|\byou(?:'ve| have) (?:got )?(?:one|two|three|four|five|six|seven|a few|\d+) "
    r"(?:days?|hours?|weeks?) to (?:pack|leave|get out|move out|go|find somewhere)\b")


def sets_a_deadline(text: str) -> bool:
    """Whether ``text`` gives the other person a deadline ("You have until Sunday.", "you've got
    two days to get out"): after the writer's own threat it goes on with the threat.

    >>> sets_a_deadline("You have until Sunday.")
    True
    >>> sets_a_deadline("Sunday works for me.")
    False
    """
    return _DEADLINE.search(normalise(unwrap(text))) is not None
