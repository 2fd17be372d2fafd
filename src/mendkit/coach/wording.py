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
# message ("I don't know what I feel", "not sure", "idk", "no idea", "I can't tell").
_UNKNOWN: Final = re.compile(
    r"^(?:(?:honestly|really|um+|uh+|hm+|well),?\s+)*(?:i'?m\s+|im\s+|i\s+)?(?:(?:really|honestly|just|truly)\s+)?"
    r"(?:(?:do ?n'?t|do not|dunno|don't)\s+know|dunno|idk|(?:have\s+)?no\s+(?:idea|clue)"
    r"|(?:am\s+)?(?:not\s+(?:sure|certain)|unsure)|(?:can'?t|cannot|can not)\s+(?:tell|say"
    r"|name it|put (?:it|a name on it) into words))"
    r"(?:\s+(?:yet|really|right now|now|honestly))?"
    r"(?:\s+(?:what|how|why|if|whether|which)\b[^,;.!?]*)?(?:\s+(?:yet|right now|now))?$",
    re.IGNORECASE)
_UNKNOWN_SPLIT: Final = re.compile(r"\s*[,;.!?\u2026]+\s*|\s+-+\s+")


def unknown(text: str) -> bool:
    """Whether ``text`` only says the person does not know (yet).

    >>> unknown("I don't know what I feel."), unknown("not sure, idk"), unknown("I don't know, I yelled")
    (True, True, False)
    """
    low = text.strip().lower().replace("\u2019", "'")
    clauses = [c for c in _UNKNOWN_SPLIT.split(low) if c.strip()]
    return bool(clauses) and all(_UNKNOWN.match(c.strip()) for c in clauses)


def unknown_clause(clause: str) -> bool:
    """Whether one clause of an answer only says the person does not know ("I don't know why")."""
    return bool(_UNKNOWN.match(clause.strip().lower().replace("\u2019", "'")))
