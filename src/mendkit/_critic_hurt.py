"""One's own hurtful words said again in an apology: "I regret saying money is all you think love
is" after "I told you that money is all you think love is", or "I'm sorry I called you pathetic".

Naming what one said owns it ("I'm sorry I said you never listen"), and that stays. But a cruel
line quoted back, twice, or an insult quoted even once, makes them read the wound again in the
message meant to mend it (round 19). The critic flags it (``hurt_issues``); the coach's composer
names it without the words (``unquoted``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from mendkit.model import Conversation, Issue

_APOS: Final = "['\u2019]"
# Where one's own words are reported: "I told you (that) X", "I said (that) X", "I called you X",
# "(I regret / I'm sorry for) saying X", "calling you X".
_OWN_WORDS: Final = re.compile(
    r"(?<!\bwhat\s)(?<!\bthings\s)(?<!\bthat\s)"
    r"\b(?P<lead>I\s+(?:told|said\s+to)\s+(?:you|him|her|them)(?:\s+that)?"
    r"|I\s+said(?:\s+that)?"
    r"|I\s+called\s+(?:you|him|her|them)"
    r"|(?<!\bthan\s)saying(?:\s+that)?"
    r"|calling\s+(?:you|him|her|them))\s+(?P<said>[^.!?;\n]+)", re.IGNORECASE)
# What names one's words without repeating them ("what I said", "those things", "cruel things").
_NAMED_ONLY: Final = re.compile(
    rf"(?:what|those|these|that|this|it|something|some|things?|anything|stuff|all\s+that"
    rf"|(?:at|in|on|to|about|after|before|during|when|while|earlier|yesterday|last|in\s+front)\b"
    rf"|(?:such\s+)?(?:\w+\s+)?(?:hurtful|cruel|nasty|horrible|awful|mean|unkind|harsh|terrible"
    rf"|spiteful|ugly)\b|sorry|no\b|yes\b|I{_APOS}?d\b|I\s+would\b|I{_APOS}?ll\b|I\s+will\b"
    rf"|I\s+(?:was|wasn{_APOS}?t|am|can|could|had|didn{_APOS}?t|don{_APOS}?t)\b)",
    re.IGNORECASE)
_MIN_WORDS: Final = 4
_WORD: Final = re.compile(r"[a-z']+")


@dataclass(frozen=True)
class Said:
    """One's own words reported in a text: the whole report (``start``-``end``) and the words
    said (``said_start``-``end``)."""

    start: int
    said_start: int
    end: int
    lead: str
    said: str


def own_words(text: str) -> list[Said]:
    """Where ``text`` reports words its writer said (not "what I said" or "cruel things").

    >>> [s.said for s in own_words("I regret saying money is all you think love is. Sorry.")]
    ['money is all you think love is']
    >>> own_words("I'm sorry for what I said at the funeral.")
    []
    """
    found = []
    for m in _OWN_WORDS.finditer(text):
        said = m.group("said").rstrip(" ,")
        if _NAMED_ONLY.match(said):
            continue
        found.append(Said(m.start(), m.start("said"), m.start("said") + len(said),
                          m.group("lead"), said))
    return found


# Words that change with who it is said to ("he thinks" told to Mend, "you think" to them).
_PERSON: Final = frozenset(("you", "he", "she", "they", "him", "her", "them", "your", "his",
                            "their", "you're", "he's", "she's", "they're", "youre"))


def _words(text: str) -> str:
    """``text`` as words to compare, whoever it is told to: no pronouns of person, no "-s"."""
    words = _WORD.findall(text.lower().replace("\u2019", "'"))
    return " ".join(re.sub(r"(?<=[a-z]{3})e?s$", "", w) for w in words if w not in _PERSON)


def _said_again(said: str, other: str) -> bool:
    """Whether ``said`` (``_MIN_WORDS`` words or more) is in ``other``, or the words ``other``
    reports of its writer are in ``said``."""
    mine = _words(said)
    if len(_WORD.findall(said)) < _MIN_WORDS or not mine:
        return False
    if mine in _words(other):
        return True
    return any(len(_WORD.findall(s.said)) >= _MIN_WORDS and _words(s.said)
               and _words(s.said) in mine for s in own_words(other))


def _contempt(said: str, *, name: bool = False) -> bool:
    """Whether the rules read ``said``, said to "you", as contempt (an insult, scorn); with
    ``name``, what one called them ("pathetic") read as "you are ...". A plain criticism named
    once ("calling you selfish", "I said you never listen") is ownership, and stays."""
    from mendkit.analysis.pipeline import analyze_conversation  # noqa: PLC0415 (import cycle)

    text = f"you are {said}" if name else said
    turn = analyze_conversation(Conversation.from_turns([("me", text)]), mode="rules").turns[0]
    return any(e.subtype == "contempt" for e in turn.evidence)


def hurtful(said: str, elsewhere: Sequence[str], *, name: bool = False) -> bool:
    """Whether ``said`` (one's own words, reported) is a wound not to quote back: it is said again
    in ``elsewhere`` (a line quoted twice), or the rules read it as contempt.

    >>> hurtful("money is all you think love is", ["I said money is all you think love is"])
    True
    >>> hurtful("I would be late", ["We argued."])
    False
    """
    if any(_said_again(said, other) for other in elsewhere):
        return True
    return _contempt(said, name=name)


def hurt_issues(text: str, message: str, suggestion: str) -> list[Issue]:
    """The issues for one's own hurtful words quoted back in ``text`` (``hurtful``): each report
    whose words are said again elsewhere in it, or are contempt."""
    found = own_words(text)
    out = []
    for i, s in enumerate(found):
        others = [o.said for j, o in enumerate(found) if j != i]
        if hurtful(s.said, others, name=s.lead.lower().startswith("call")):
            out.append(Issue(kind="quoted_hurt", start=s.start, end=s.end, message=message,
                             suggestion=suggestion))
    return out


# Words that begin what was said and are no topic of it ("you never show up": no "about you").
_NO_TOPIC: Final = frozenset((
    "you", "your", "you're", "youre", "he", "she", "they", "him", "her", "them", "his", "their",
    "i", "i'm", "we", "it", "that", "this", "the", "a", "an", "all", "just", "only", "never",
    "always", "nobody", "no", "nothing", "everyone", "everything", "what", "how", "why", "if"))
_TOPIC_VERB: Final = re.compile(r"^\s*[\w'-]+\s+(?:is|was|are|were|means|meant|matters)\b",
                                re.IGNORECASE)


def named_instead(said: str) -> str:
    """"what I said", with what it was about when its words begin with a topic ("money is all you
    think love is": "what I said about money").

    >>> named_instead("money is all you think love is"), named_instead("you never show up")
    ('what I said about money', 'what I said')
    """
    first = _WORD.match(said.strip().lower())
    if first and first.group() not in _NO_TOPIC and _TOPIC_VERB.match(said):
        return f"what I said about {first.group()}"
    return "what I said"
