"""Contact kept up after a clear no: getting round a block, or writing again and again until they
answer ("I'll make a new account", "I will keep messaging her until she answers", "I'll write
from my sister's phone", "I'm going to turn up at her flat").

The coach says once, plainly and kindly, that this can frighten the other person and can count as
harassment (``NOTE``), and a letter to someone who asked for no contact leaves such sentences out
(``without_persisting``). Plain patterns over the person's own words, no model.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

_I: Final = re.IGNORECASE
_THEM: Final = r"(?:her|him|them|you|u|\w+)"
# Getting round a block, said of the future or the past ("I made a new account because you
# blocked me"): a new or fake account, someone else's phone, another number.
_AROUND: Final = re.compile(
    r"\bI(?:'ll|'m|'ve|'d| will| am| have| had| would)?(?:\s+\w+){0,3}?\s+(?:make|made|making"
    r"|create[ds]?|creating|set(?:ting)? up|open(?:ed|ing)?|get|got|getting|start(?:ed|ing)?"
    r"|use|used|using)\s+(?:a\s+|another\s+)?(?:new|second|fake|different|burner|other|spare"
    r"|secret)\s+(?:account|profile|number|sim|email|insta\w*|snap\w*|page|handle)\b"
    r"|\b(?:a|another) burner\b"
    r"|\b(?:from|on|using|with|through)\s+(?:my|a|his|her|their|our)?\s*(?:\w+'s|\w+s'"
    r"|someone else'?s|somebody else'?s|a friend'?s|another|a different|a new|a fake)\s+"
    r"(?:phone|number|account|profile|email|mobile)\b"
    r"|\bget round (?:the|her|his|their|your) block\b|\bso (?:she|he|they|you) can'?t block\b",
    _I)
# Writing again and again until they answer ("I will keep messaging her until she answers",
# "I won't stop texting until he replies").
_UNTIL: Final = re.compile(
    rf"\b(?:keep|keeps|kept|keeping|carry on|continue|won'?t stop|will not stop|not going to stop"
    rf"|never stop|going to keep|gonna keep)\b[^.!?]{{0,60}}?\buntil\s+{_THEM}\s+(?:\w+\s+)?"
    rf"(?:answers?|repl(?:y|ies)|respond|responds|talks?|speaks?|picks? up|unblocks?|listens?"
    rf"|sees?|agrees?|gives? in|writes? back|calls? back|texts? back|messages? back)\b", _I)
# Turning up, said as a plan ("I'm going to turn up at her flat", "I'll wait outside her work").
_TURN_UP: Final = re.compile(
    r"\b(?:i'?ll|i will|i'?m going to|i am going to|i'?m gonna|gonna|i plan to|i'?m planning to"
    r"|i want to|i might|i could|i may|i should)\s+(?:just\s+|probably\s+|maybe\s+)?"
    r"(?:turn up|show up|go round|go over|come round|come over|drop by|pop round|wait outside"
    r"|go to (?:her|his|their|your) (?:house|flat|place|home|work|office|door|school))\b", _I)

# Said once in a session, where the person first says it.
NOTE: Final = ("One thing to say plainly, and kindly: when someone has said no to contact, or "
               "blocked you, getting round it (a new account, someone else's phone, turning "
               "up) or writing again and again until they answer can frighten them, and it can "
               "count as harassment. However much you want to put things right, holding back "
               "is what respects them now.")


def persists(text: str, *, no_contact: bool = True) -> bool:
    """Whether ``text`` speaks of getting round a block or writing until they answer, or, where
    they asked for ``no_contact``, of turning up ("I want to go round and apologise" is no
    worry after an everyday row).

    >>> persists("I am going to make a new account so I can apologise.")
    True
    >>> persists("I will keep messaging her until she answers."), persists("I miss her.")
    (True, False)
    """
    patterns = (_AROUND, _UNTIL, _TURN_UP) if no_contact else (_AROUND, _UNTIL)
    return any(p.search(text) for p in patterns)


def first_said(answer: str, earlier: Iterable[str], *, no_contact: bool) -> bool:
    """Whether ``answer`` persists and none of the ``earlier`` answers did: the note is said
    then, once in a session."""
    return persists(answer, no_contact=no_contact) and not any(
        persists(e, no_contact=no_contact) for e in earlier)


def without_persisting(text: str) -> tuple[str, bool]:
    """``text`` without its sentences that promise or threaten more contact, and whether it had
    one.

    >>> without_persisting("You cannot just erase me. I will keep writing until you answer.")
    ('You cannot just erase me.', True)
    """
    sentences = [t for t in re.split(r"(?<=[.!?])\s+", text.strip()) if t]
    kept = [t for t in sentences if not persists(t)]
    return (" ".join(kept), True) if len(kept) < len(sentences) else (text, False)
