"""How one speaker's cues join into a turn: where a silence ends the turn, and what goes between
two cues' words.

A captioner (Zoom, Teams, a subtitle tool, Whisper) cuts one person's speech into cues, so a
speaker's consecutive cues are one turn, unless a silence of more than :data:`TURN_GAP` seconds
lies between them: then the same person speaks again after a pause that the other could have
filled, as when "whatever" is followed minutes later by an apology.

Between two cues of one turn goes a space, except in a transcript written without full stops
(most home-made and lower-cased transcripts), where a cue that plainly opens a new sentence
("you're right ...", "i should ...") after one that does not leave its sentence open gets a
full stop before it: the rules read sentences, and "i should have said something to your mom
you're right that it would feel lonely" is one run-on sentence to them. A cue that goes on with
the sentence before it ("better off" / "without me you know") is joined with a space, so that a
sentence the captioner cut in two, a crisis sentence too, is read whole.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

TURN_GAP: Final = 5.0
"""Seconds of silence after which a speaker's next cue starts a new turn. People in conversation
let about a second pass before a silence means something (Jefferson's "standard maximum"), and
captioners start a new cue at pauses well under that; five seconds is a silence the other person
was left with, not a breath inside one person's turn."""

# A transcript "writes its full stops" when at least this share of its cues end a sentence.
_PUNCTUATED_SHARE: Final = 0.25
_ENDS_SENTENCE: Final = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*$")
_ENDS_CLAUSE: Final = re.compile(r"[,;:\-\u2013\u2014][\"'\u201d\u2019)\]]*$")
# Words that open speech before its subject: "okay um you're right".
_OPENERS: Final = r"(?:(?:um+|uh+|erm|er|mm+|hm+|oh|okay|ok|well|look|listen|yeah|no|honestly)\s+)*"
# A new sentence: a subject and its verb (as the rules read unpunctuated speech).
_NEW_SENTENCE: Final = re.compile(
    _OPENERS
    + r"(?:(?:i|you|we|they|he|she|it|that|there|this|what)['\u2019](?:m|re|s|ve|ll|d)"
    r"|im|ive|youre|youve|theyre|thats|theres|whats"
    r"|(?:i am|you are|we are|they are|(?:he|she|it|that|this) is|i was|you were|it was|that was)"
    r"|(?:i|you|we|they) (?:should|would|could|must|might|can|will|do|did|don['\u2019]?t"
    r"|didn['\u2019]?t|just|really|never|always|feel|felt|think|thought|know|want|need|love"
    r"|hate|get|got|have|had))\b",
    re.IGNORECASE,
)
# Last words that leave a sentence open: what follows them belongs to the same sentence ("i know
# | you're right", "i'm sorry that | you felt alone", "i want to | ...").
_OPEN_ENDINGS_TEXT = """
    a an the my your our their his her its this these those some any no every
    and but or nor so because cause cuz since if when while whether that which who whom whose
    where what why how than as like though although unless until till before after once
    to of in on at by for with without about from into onto over under through between
    is am are was were be been being do does did don't didn't dont didnt have has had
    will would could should can can't cant won't wont might must shall gonna wanna gotta
    not never just really even also very too
    think thought know knew say said says mean meant feel felt guess hope wish believe
    realise realised realize realized tell told see saw hear heard want need
    i you we they he she it i'm im you're youre we're they're
"""
_OPEN_ENDINGS: Final = frozenset(_OPEN_ENDINGS_TEXT.split())
_LAST_WORD: Final = re.compile(r"([\w'\u2019]+)\W*$")


def writes_full_stops(cue_texts: Sequence[str]) -> bool:
    """Whether a transcript punctuates its sentences, judged from its cues' texts."""
    texts = [text for text in cue_texts if text]
    ended = sum(1 for text in texts if _ENDS_SENTENCE.search(text))
    return bool(texts) and ended >= _PUNCTUATED_SHARE * len(texts)


def joined(pieces: Sequence[str], *, full_stops: bool) -> str:
    """The words of a turn's cues, in order, as one text (see the module docstring).

    >>> joined(["i should have said something to your mom", "you're right"], full_stops=False)
    "i should have said something to your mom. you're right"
    >>> joined(["like everybody would just be better off", "without me"], full_stops=False)
    'like everybody would just be better off without me'
    """
    parts: list[str] = []
    previous = ""  # only the cue before is read: a speaker's monologue may be thousands of cues
    for piece in pieces:
        if not piece:
            continue
        if previous:
            parts.append(". " if not full_stops and _starts_sentence(previous, piece) else " ")
        parts.append(piece)
        previous = piece
    return "".join(parts)


def _starts_sentence(before: str, piece: str) -> bool:
    if _ENDS_SENTENCE.search(before) or _ENDS_CLAUSE.search(before):
        return False  # punctuation there already says where the sentence is
    last = _LAST_WORD.search(before)
    if last is None or last.group(1).lower().replace("\u2019", "'") in _OPEN_ENDINGS:
        return False
    return _NEW_SENTENCE.match(piece) is not None
