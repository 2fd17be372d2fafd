"""Answers that justify what the person did or deny it was wrong ("but I was just protecting our
marriage", "I didn't do anything wrong", "she overreacted"), and answers that wave off the other
person's hurt ("it was just a joke", "she needs to stop being so sensitive", "not take everything
so seriously", "instead of sulking": ``dismisses``, ``without_dismissal``).

The composer adds "I understand why you were upset." to a repair draft whose answers say nothing
of the other's side: that sentence speaks for the person. After a justification or a denial it
would make a defensive message sound validating, so the draft asks to hear their side instead
(``composer.compose``; the coach says it added that sentence, as it does for any other).
Deterministic patterns, no model.
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["dismisses", "justifies", "refuses", "without_dismissal"]

_I: Final = re.IGNORECASE
_JUSTIFYING: Final = (
    # "..., but I was just protecting our marriage", "but I only did it because I care"
    re.compile(r"\bbut\s+(?:I\s+(?:was|am|'m)\s+(?:just|only|simply|merely)|I\s+(?:just|only)"
               r"\s+(?:wanted|meant|did\s+it|said\s+it|tried)|I\s+(?:had|needed)\s+to\b"
               r"|I\s+did\s+it\s+(?:for|because)|it\s+was\s+(?:for\s+(?:her|his|their|your|our)"
               r"|because\s+I\s+(?:care|love))|(?:she|he|they|you)\s+(?:started|asked\s+for|deserved)"
               r"|I\s+(?:was|am)\s+right)\b", _I),
    re.compile(r"\bI\s+was\s+(?:just|only)\s+(?:protecting|looking\s+out|trying\s+to\s+(?:protect"
               r"|keep|look\s+after))\b", _I),
    # Denial: "I didn't do anything wrong", "it wasn't my fault", "I have nothing to apologise for"
    re.compile(r"\bI\s+(?:didn'?t|did\s+not|haven'?t|have\s+not)\s+(?:do(?:ne)?|say|said)\s+"
               r"(?:anything|nothing)\s+wrong\b", _I),
    re.compile(r"\b(?:it\s+)?(?:wasn'?t|was\s+not|isn'?t|is\s+not)\s+(?:really\s+)?my\s+fault\b", _I),
    re.compile(r"\bnothing\s+to\s+(?:apologi[sz]e|be\s+sorry)\s+for\b", _I),
    re.compile(r"\b(?:she|he|they|you)\s+(?:over-?reacted|(?:is|are|was|were)\s+(?:being\s+)?"
               r"(?:dramatic|over-?sensitive|too\s+sensitive|hysterical))\b", _I),
    re.compile(r"\bI\s+had\s+no\s+(?:choice|other\s+option)\b", _I),
)


def justifies(*answers: str) -> bool:
    """Whether any of ``answers`` justifies what the person did or denies it was wrong.

    >>> justifies("she felt like I was controlling her, but I was just protecting our marriage")
    True
    >>> justifies("I raised my voice and I'm sorry. It wasn't fair to you.")
    False
    >>> justifies("I didn't do anything wrong")
    True
    """
    return any(p.search(text.replace("\u2019", "'")) for text in answers if text
               for p in _JUSTIFYING)


# Waving off the other person's hurt: it was only a joke, they overreacted, they are too
# sensitive, they take things too seriously, they sulk or make a drama of it, they should relax.
_DISMISSAL: Final = re.compile(
    r"\b(?:just|only|merely)\s+(?:meant\s+)?(?:as\s+)?(?:a\s+)?(?:joke|joking|jokes|banter"
    r"|bantering|messing(?:\s+(?:about|around))?|teasing|a laugh|having a laugh|kidding|for fun"
    r"|fun|a bit of fun|bit of fun)\b"
    r"|\bover-?react\w*|\b(?:too|so|overly|over-?)\s*sensitive\b|\b(?:so|too)\s+touchy\b"
    r"|\b(?:take|takes|taking|took)\s+(?:everything|things|it|this|that|jokes?|a joke|stuff)"
    r"\s+(?:so\s+|too\s+|way too\s+)?(?:seriously|personally|to heart)\b"
    r"|\bcan'?t\s+take\s+(?:a\s+)?jokes?\b|\bno sense of humou?r\b"
    r"|\b(?:sulk|sulks|sulked|sulking|sulky|moping|mopes|pouting|pouts|drama queen"
    r"|(?:being|so|too) dramatic|hysterical)\b"
    r"|\b(?:made|make|makes|making)\s+(?:it\s+|this\s+|that\s+)?(?:into\s+)?(?:such\s+)?(?:a\s+)?"
    r"(?:big\s+|huge\s+)?(?:thing|deal|fuss|drama|scene)\b"
    # Told to calm down: "told her to relax", "she needs to chill", "relax, it was banter".
    r"|\b(?:told|tell|telling|asked)\s+(?:her|him|them|you|[\w'-]+)\s+to\s+(?:just\s+)?"
    r"(?:relax|chill(?:\s+out)?|lighten up|calm down|get over it|toughen up)\b"
    r"|\b(?:she|he|they|you)\s+(?:needs?|should|has|have|had|ought)\s+to\s+(?:just\s+)?(?:relax"
    r"|chill(?:\s+out)?|lighten up|calm down|get over it|toughen up|grow a thicker skin)\b"
    r"|(?:^|[,.;:!?]\s*)(?:just\s+|please\s+)?(?:relax|chill out|lighten up|calm down"
    r"|get over it|toughen up|grow a thicker skin)\b",
    _I)
# Just before those words, I am their subject ("I overreacted", "I was too sensitive", "I made a
# big deal of it"): owning, not waving off.
_MINE: Final = re.compile(r"\bi(?:'m| am| was| have| had|'ve)?(?:\s+(?:just|really|totally|probably"
                          r"|maybe|kinda|was|been|got|made|have|had|being|so|such|a bit|way|it))*"
                          r"\s*$", _I)
# Saying something, as a story tells it: whose words follow is who did the saying ("she said it
# was just a joke": hers; "I told her it was just a joke": mine).
_SAYING: Final = re.compile(r"\b(?:said|says|say|told|tells|tell|replied|replies|texted|texts"
                            r"|wrote|writes|claimed|claims|thinks|thought|insisted|insists"
                            r"|keeps saying|kept saying|called|calls|goes|went|laughed)\b", _I)
_OTHERS: Final = frozenset(("he", "she", "they", "you", "u", "we", "everyone", "someone",
                            "people", "nobody"))
_OWNERS: Final = frozenset(("my", "his", "her", "their", "your", "our", "the"))


def _said_by_another(before: str) -> bool:
    """Whether the words after ``before`` are someone else's: the last verb of saying in it has
    another person as its subject ("my brother always says", "Jo told me"), not "I"."""
    verbs = list(_SAYING.finditer(before))
    if not verbs:
        return False
    words = re.findall(r"[\w']+", before[:verbs[-1].start()])[-6:]
    for at in range(len(words) - 1, -1, -1):
        word = words[at]
        if word.lower() in ("i", "i've", "i'd", "i'll", "i'm", "me"):
            return False
        if (word.lower() in _OTHERS or (word[:1].isupper() and word != "I")
                or (at > 0 and words[at - 1].lower() in _OWNERS)):
            return True
    return False


# Before those words in the same sentence, the person owns or refuses them ("I shouldn't have told
# her to relax", "I say sorry instead of telling them to relax", "I won't call it banter").
_OWNED: Final = re.compile(
    r"\b(?:shouldn'?t have|should not have|should never have|wish i hadn'?t|regret"
    r"|sorry (?:that|for|about)|i was wrong to|won'?t|will not|never|no more|no longer"
    r"|(?:stop|quit|not|avoid) (?:tell|say|call|laugh|brush|shrug|joke|mak)\w*"
    r"|(?:instead of|rather than) (?:tell|say|call|laugh|brush|shrug|joke|mak)\w*"
    # "correct myself when I slip without making a big deal of it": my own fuss, not theirs.
    r"|without (?:mak|turn|creat|caus)\w*)\b", _I)


def _dismissal_at(text: str) -> re.Match[str] | None:
    """The first words in ``text`` that wave off the other person's hurt as the person's own
    view (not owned of myself, not someone else's words), or None."""
    for found in _DISMISSAL.finditer(text):
        before = text[:found.start()]
        sentence = re.split(r"[.!?]\s+", text[:found.end()])[-1]
        said = re.split(r"[.!?]\s+", before)[-1]
        if _MINE.search(before) or _said_by_another(said) or _OWNED.search(sentence):
            continue
        return found
    return None


def refuses(text: str) -> bool:
    """Whether ``text`` promises or owns not waving off their hurt ("I'll stop telling her she's
    too sensitive", "I will never say it was just a joke again"): words of dismissal, each
    refused in its sentence.

    >>> refuses("I will never say it was just a joke again"), refuses("it was just a joke")
    (True, False)
    """
    plain = text.replace("\u2019", "'")
    found = list(_DISMISSAL.finditer(plain))
    return bool(found) and all(_OWNED.search(re.split(r"[.!?]\s+", plain[:m.end()])[-1])
                               for m in found)


def dismisses(text: str) -> bool:
    """Whether ``text`` waves off the other person's hurt in the person's own words ("it was
    just a joke", "she overreacted", "she needs to stop being so sensitive"). Owning it ("I
    overreacted") and their words reported ("he said it was just a joke") do not.

    >>> dismisses("it was just a joke and she's usually up for banter")
    True
    >>> dismisses("I overreacted"), dismisses("He said it was just a joke when I told him")
    (False, False)
    >>> dismisses("a bit annoyed that she made it a big thing")
    True
    """
    return _dismissal_at(text.replace("\u2019", "'")) is not None


# Where a clause ends in an answer: punctuation, or "and" / "but" between clauses.
_CLAUSES: Final = re.compile(r"(\s*[,;.!?\u2026]+\s*(?:and\s+|but\s+)?|\s+(?:and|but)\s+)", _I)
# A tail that sets what is asked against what they did: "... instead of sulking".
_INSTEAD: Final = re.compile(r"\s*,?\s+(?:instead of|rather than|not)\s+[^,;.!?]*$", _I)


def without_dismissal(text: str) -> tuple[str, bool]:
    """``text`` without the words that wave off the other person's hurt (``dismisses``): a tail
    like "instead of sulking" is cut from its clause, a clause that is only that ("not take
    everything so seriously") is left out; and whether any was.

    >>> without_dismissal("not take everything so seriously, and tell me at the time if a "
    ...                   "joke bothers her instead of sulking")
    ('tell me at the time if a joke bothers her', True)
    >>> without_dismissal("tell me when a joke goes too far")
    ('tell me when a joke goes too far', False)
    """
    plain = text.replace("\u2019", "'")
    if not dismisses(plain):
        return text, False
    pieces = _CLAUSES.split(plain)
    clauses, ends = pieces[::2], [*pieces[1::2], ""]
    kept: list[tuple[str, str]] = []
    for clause, end in zip(clauses, ends, strict=True):
        if not dismisses(clause):
            kept.append((clause, end))
            continue
        tail = _INSTEAD.search(clause)
        if tail and not dismisses(clause[:tail.start()]) and clause[:tail.start()].strip():
            kept.append((clause[:tail.start()], end))
    said = "".join(clause + end for clause, end in kept)
    said = re.sub(r"^(?:\s*[,;.!?\u2026]+\s*|\s*(?:and|but)\s+)+", "", said, flags=_I)
    said = re.sub(r"(?:\s*[,;:!?\u2026]+\s*|\s+(?:and|but)\s*)+$", "", said, flags=_I)
    return said.strip(), True
