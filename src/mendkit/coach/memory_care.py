"""A message for someone who lives with a memory condition (round nineteen).

When the person says the one the message is for has dementia, Alzheimer's or memory loss ("She
has dementia and I look after her"), a repair message that retells the incident ("You have
dementia and I look after you. I'm sorry that I shouted at you ...") is unkind and does not help:
they may not remember it, and hearing it again can upset them. What stays with them is how they
feel now. So the draft is short, warm and about the present moment, with no account and no
request; the coach says why, and, for someone who cares for them, that support and breaks exist
for carers too (in Mend's own words: no phone numbers). Pure text, no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

_I: Final = re.IGNORECASE

# A memory condition named: "dementia", "Alzheimer's", "memory loss", "her memory is going".
_CONDITION: Final = re.compile(
    r"\b(?P<name>(?:(?:vascular|frontotemporal|early[- ]onset|young[- ]onset|mixed) )?dementia"
    r"|alzheimer'?s?(?: disease)?|alzheimers|memory loss"
    r"|memory (?:problems|issues)|lewy body(?: disease)?)\b"
    r"|\b(?:her|his|their|mum'?s|dad'?s|mom'?s) memory (?:is going|is failing|has gone)\b", _I)
# The person's own condition ("I have early dementia", "my memory loss"): not the other's.
_OWN: Final = re.compile(
    r"\b(?:my|i have|i've got|ive got|i'm living with|im living with|i live with"
    r"|i was diagnosed with|i've been diagnosed with|i have been diagnosed with)\s+"
    r"(?:(?:early|early-onset|young-onset|mild|some)\s+)?(?:dementia|alzheimer|memory loss"
    r"|memory problems|memory issues)", _I)
# The person cares for them: "I look after her", "I'm her carer", "caring for Mum".
_CARER: Final = re.compile(
    r"\b(?:look(?:s|ed|ing)? after|car(?:e|es|ed|ing) for|carers?|caregiv(?:er|ers|ing)"
    r"|care[- ]giv(?:er|ing))\b", _I)
# Words for a family member that open a message as a name does ("Mum, ...").
_KIN: Final = re.compile(
    r"^(?:my\s+)?(mum|mom|mam|mummy|mother|dad|father|daddy|nan|nana|nanna|gran|granny|grandma"
    r"|grandpa|grandad|granddad|grandmother|grandfather)$", _I)


# Who a sentence may be about, when it does not name them: "she has dementia", "with her".
_PRONOUN: Final = re.compile(r"\b(?:he|she|they|him|her|them|his|hers|their|you|your)\b", _I)


def memory_condition(texts: Iterable[str], other: str = "") -> str:
    """The memory condition the person names of ``other`` (the one the message is for) in
    ``texts``, as they wrote it ("dementia"), or ``""``: never their own ("I have early
    dementia"), nor someone else's ("my sister never visits Dad, who has dementia", to the
    sister): the sentence names ``other`` or speaks of someone as "she", "he" or "they".

    >>> memory_condition(["I snapped at Mum. She has dementia and I look after her."], "Mum")
    'dementia'
    >>> memory_condition(["I have early dementia and I forgot our anniversary"], "Sam")
    ''
    """
    name = re.sub(r"^(?:my|our)\s+", "", other.strip(), flags=_I)
    for text in texts:
        said = text.replace("\u2019", "'")
        for sentence in re.split(r"(?<=[.!?])\s+|\n+", said):
            found = _CONDITION.search(sentence)
            about = _PRONOUN.search(sentence) or (name and re.search(
                rf"\b{re.escape(name)}\b", sentence, _I)) or not name
            if found and about and not _OWN.search(sentence):
                return (found.group("name") or "memory loss").lower().replace(
                    "alzheimer", "Alzheimer")
    return ""


def cares_for(texts: Iterable[str]) -> bool:
    """Whether the person says they look after the other person ("I'm her carer")."""
    return any(_CARER.search(text) for text in texts)


def present_draft(other: str, context: str) -> str:
    """A short, warm message for the present moment, for someone who may not remember what
    happened: no account of it, no request.

    >>> present_draft("my mum", "family")
    "Mum, I'm sorry I upset you. You haven't done anything wrong. I'm here with you, and I love you."
    """
    name = _opening_name(other)
    close = "I love you" if context in ("family", "partner") else "I'm glad to be with you"
    opening = f"{name}, I'm sorry I upset you." if name else "I'm sorry I upset you."
    return f"{opening} You haven't done anything wrong. I'm here with you, and {close}."


def _opening_name(other: str) -> str:
    """``other`` as the message can open with it: a family word ("my mum" -> "Mum"), or a
    name of one or two words; else ``""``."""
    other = other.strip()
    if kin := _KIN.match(other):
        word = kin.group(1)
        return word[:1].upper() + word[1:].lower()
    words = other.split()
    if 1 <= len(words) <= 2 and all(w[:1].isupper() for w in words):
        return other
    return ""


# How each of ``memory_notes``' lines begins (a page shows these lines as notes).
NOTE_OPENINGS: Final = ("Because of the ", "Caring for someone with ")


def memory_notes(condition: str, *, carer: bool) -> tuple[str, ...]:
    """What the coach says of a ``present_draft``: why it is short and about now, and for a
    ``carer``, that support and breaks exist for them too (no numbers Mend cannot check).

    >>> memory_notes("dementia", carer=True)[1][:40]
    'Caring for someone with dementia is hard'
    """
    why = (f"{NOTE_OPENINGS[0]}{condition} you mentioned, I wrote a short, warm message for now "
           "instead of going back over what happened. Someone with a memory condition may not "
           "remember it, and being told it again can upset them without helping: what stays "
           "with them is how they feel with you now. A calm voice, a kind word and your company "
           "matter more than the exact words, and it asks nothing of them. You can change it or "
           "write your own.")
    if not carer:
        return (why,)
    support = (f"{NOTE_OPENINGS[1]}{condition} is hard, and losing your patience when you "
               "are worn out happens to many carers: it does not make you a bad one. You need "
               "support too. A carers' organisation where you live, or your GP or doctor, can "
               "tell you about support for carers and about breaks (respite care), so that you "
               "can rest.")
    return why, support
