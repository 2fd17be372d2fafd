"""Small wording helpers the coach's composer and its reading of "my part" share."""

from __future__ import annotations

import re
from typing import Final


def lower_first(text: str) -> str:
    """``text`` with a lower-case first letter, unless it starts with "I" ("I'm") or an acronym."""
    if not text or text[:2].isupper() or re.match(r"^I(?:'\w+)?\b", text):
        return text
    return text[:1].lower() + text[1:]


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def strip_lead(pattern: str, text: str) -> str:
    """``text`` without a leading ``pattern`` (and the space after it), case-insensitively."""
    return re.sub(rf"^(?:{pattern})\s+", "", text, flags=re.IGNORECASE)


# Words said before an answer that are no part of it ("ok fine.", "ugh.", "whatever.", "ok so
# I ..."): most only where punctuation ends them ("whatever I said" is an answer), "fine",
# "so" and "well" also before "I" ("so much more time" is an answer), "ok", "ugh" and "um"
# before any word.
_ENDED: Final = r"(?:\s*[,.!\u2026;:-]+\s*|\s*$)"  # by punctuation, or the answer's end
_I_NEXT: Final = r"\s+(?=(?:i|i'm|im|i've|i'd|i'll|ill|me|my|we|we're|let's)\b)"
_LEAD_IN: Final = re.compile(
    r"^(?:(?:whatever|look|listen|right|alright|all right|anyways?|god|jeez|geez|sigh|meh"
    rf"|fine then|ok then|okay then|oh well){_ENDED}"
    rf"|(?:fine|so|well|oh|yeah|yes|no|nah){_ENDED}"
    rf"|(?:fine|so|well|oh|anyway){_I_NEXT}"
    r"|(?:ok(?:ay)?|k|ugh+|u+gh|argh+|um+|uh+|hm+|erm)(?:[,.!\u2026;:-]+)?(?:\s+|$))+",
    re.IGNORECASE)


def strip_lead_in(text: str) -> str:
    """``text`` without the words said before an answer that are no part of it.

    >>> strip_lead_in("ok fine. i ignored his texts"), strip_lead_in("whatever I said hurt")
    ('i ignored his texts', 'whatever I said hurt')
    """
    return _LEAD_IN.sub("", text.strip())


def plain_case(text: str, names: tuple[str, ...] = ()) -> str:
    """``text`` as a message writes it: an answer shouted in capitals in lower case (the
    ``names`` keep their capitals), and a lower-case "i" ("i'm", texting's "im") as "I".

    >>> plain_case("I SCREAMED AT DAN AND i'm SORRY", ("Dan",))
    "I screamed at Dan and I'm sorry"
    """
    letters = [c for c in text if c.isalpha()]
    shouted = re.findall(r"\b[A-Z][A-Z']+\b", text)
    if len(shouted) >= 2 and sum(c.isupper() for c in letters) > 0.7 * len(letters):
        text = text.lower()
        for name in names:
            if re.fullmatch(r"[A-Z][\w'-]*", name):
                text = re.sub(rf"\b{re.escape(name.lower())}\b", name, text)
    text = re.sub(r"\bim\b", "I'm", text)
    return re.sub(r"\bi\b(?!\.)", "I", text)


# "I don't know" in the words people use: the answer is allowed, and says nothing to put in a
# message ("I don't know what I feel", "not sure", "idk", "no idea", "I can't tell", "I don't know
# that either", "I have no words for it", "I can't tell the difference between hurt and angry",
# "it's hard for me to know my feelings", "I said I don't know").
_UNKNOWN: Final = re.compile(
    r"^(?:(?:honestly|really|um+|uh+|hm+|well|again|like i said),?\s+)*"
    r"(?:i\s+(?:said|told you|already said|just said)(?:\s+that)?\s+)?"
    r"(?:i'?m\s+|im\s+|i\s+)?(?:(?:really|honestly|just|truly|still|also)\s+)?"
    r"(?:(?:do ?n'?t|do not|dunno|don't)\s+know|dunno|idk|(?:have\s+)?no\s+(?:idea|clue)"
    r"|(?:am\s+)?(?:not\s+(?:sure|certain)|unsure)|(?:can'?t|cannot|can not)\s+(?:tell|say"
    r"|name it|put (?:it|a name on it|this|that) into words|find (?:the |any )?words)"
    r"|(?:have\s+)?no\s+words|(?:do ?n'?t|do not)\s+have\s+(?:the\s+|any\s+)?words"
    r"|(?:do ?n'?t|do not)\s+(?:really\s+)?(?:understand|get)(?:\s+(?:the|this|that|your)"
    r"\s+question|\s+what you (?:mean|are asking|'re asking)|\s+(?:it|this|that))?"
    r"|(?:it'?s|it is|its)\s+(?:really\s+|very\s+|so\s+)?(?:hard|difficult)\s+(?:for me\s+)?to"
    r"\s+(?:know|name|say|tell|find|put)\b[^,;.!?]*)"
    r"(?:\s+(?:that|this|it))?(?:\s+(?:either|too|as well|neither))?"
    r"(?:\s+(?:for (?:it|this|that|them|what i feel)))?"
    r"(?:\s+(?:yet|really|right now|now|honestly))?"
    r"(?:\s+(?:what|how|why|if|whether|which|the difference)\b[^,;.!?]*)?"
    r"(?:\s+(?:yet|right now|now|either))?$",
    re.IGNORECASE)
# A question to the coach about its question ("Underneath what?", "what do you mean by
# surface?", "like what?"): never an answer to put in a message.
_ASKS_COACH: Final = re.compile(
    r"^(?:(?:sorry|um+|uh+|hm+|so|and|but),?\s+)*(?:(?:under(?:neath)?|beneath|below|on top of"
    r"|softer than)\s+what|what do you mean(?:\s+by\b.*)?|what does (?:that|this|it|[\w']+)"
    r"(?:\s+[\w']+)?\s+mean|what (?:is|are) (?:a |an |the )?(?:surface|softer|underneath)\b.*"
    r"|(?:like|such as) what|what|huh|meaning|which (?:one|ones|feeling|feelings|word|words)"
    r"|what (?:am i|are you) (?:supposed|meant|asking)\b.*|how (?:do|would|should) i know)$",
    re.IGNORECASE)
_UNKNOWN_SPLIT: Final = re.compile(r"\s*[,;.!?\u2026]+\s*|\s+-+\s+")
# A guess the person is not sure of, with the mark that says so ("sad?", "maybe angry?"): with an
# "I can't tell" beside it, still not known.
_GUESS: Final = re.compile(r"(?:^|(?<=[.!?,;]))\s*(?:(?:maybe|perhaps|probably|possibly|kind of"
                           r"|sort of)\s+)?[a-z']+(?:\s+(?:or|and)\s+[a-z']+)?\s*\?+",
                           re.IGNORECASE)


def unknown(text: str) -> bool:
    """Whether ``text`` only says the person does not know (yet), or asks the coach what its
    question means ("Underneath what?"), or guesses with a question mark beside an "I can't
    tell" ("sad? I can't tell").

    >>> unknown("I don't know what I feel."), unknown("not sure, idk"), unknown("I don't know, I yelled")
    (True, True, False)
    >>> unknown("I don't understand the question. Underneath what?"), unknown("sad? I can't tell")
    (True, True)
    >>> unknown("numb"), unknown("sad?")
    (False, False)
    """
    low = text.strip().lower().replace("\u2019", "'")
    said = _GUESS.sub(" ", low) if _GUESS.search(low) else low
    guessed = said != low
    clauses = [c for c in _UNKNOWN_SPLIT.split(said) if c.strip()]
    if not clauses:
        return False
    knows = [bool(_UNKNOWN.match(c.strip())) for c in clauses]
    if guessed and not any(knows):
        return False  # "sad?": a guess on its own is an answer, said as given
    return all(k or _ASKS_COACH.match(c.strip()) for k, c in zip(knows, clauses, strict=True))


def unknown_clause(clause: str) -> bool:
    """Whether one clause of an answer only says the person does not know ("I don't know why")."""
    return bool(_UNKNOWN.match(clause.strip().lower().replace("\u2019", "'")))
