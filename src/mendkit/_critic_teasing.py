"""Teasing told from scorn: a dig said with a laugh or a heart among people who are warm with each
other is shown as teasing, not contempt.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Final

from mendkit._critic_messages import _TEASING
from mendkit.model import Issue, TurnAnalysis

# Warmth and laughter in a message ("I love you", "xx", a heart, "lol", a laughing face): what
# makes hostility or a character jab more likely teasing. Not a love that is denied or past ("I
# don't love you"), and not with a face that rolls its eyes (that is contempt's own).
_AFFECTION_RE: Final = re.compile(
    r"(?<!n't )(?<!not )(?<!never )(?<!used to )(?<!nt )\b(?:love (?:you|u|ya)|luv (?:you|u|ya)"
    r"|ily|ilysm|xo+xo+|that['\u2019]?s why i (?:married|love|chose|picked) (?:you|u))\b"
    r"|(?<![a-z])x{2,}(?![a-z])|\b(?:have|give me|give you|want|need) a (?:big )?hug\b|\bhugs\b"
    "|[\u2764\u2665\U0001f495\U0001f496\U0001f497\U0001f493\U0001f49e\U0001f498\U0001f618"
    "\U0001f970\U0001f60d\U0001f917\U0001f49c\U0001f499\U0001f49a\U0001f9e1\U0001f49b"
    "\U0001f90d]", re.IGNORECASE)
_LAUGHTER_RE: Final = re.compile(
    r"\b(?:lo+l|lmf?ao+|rofl|ha(?:ha)+h?|he(?:he)+|jk|just kidding|only kidding)\b"
    "|[\U0001f602\U0001f923\U0001f61c\U0001f61d\U0001f61b\U0001f609\U0001f606]",
    re.IGNORECASE)
_SCORN_FACE_RE: Final = re.compile("[\U0001f644\U0001f612\U0001f643\U0001f921]")
# An eye-roll with a laugh or a heart straight after it ("late to her own birthday \U0001f644\u2764\ufe0f",
# "Nice parking, Lewis Hamilton \U0001f644\U0001f602"): mock exasperation, the face itself a tease.
_PLAYFUL_FACE_RE: Final = re.compile(
    "[\U0001f644\U0001f612\U0001f643][\ufe0f\U0001f3fb-\U0001f3ff]*\\s*"
    "[\U0001f602\U0001f923\U0001f606\U0001f61c\U0001f61d\U0001f61b\u2764\u2665\U0001f495\U0001f496"
    "\U0001f497\U0001f49e\U0001f618\U0001f970\U0001f60d\U0001f917\U0001f49c\U0001f499\U0001f49a"
    "\U0001f9e1\U0001f49b\U0001f90d]")
# Words that keep a jab cruel whatever face comes with it (as the rules' own banter list has them).
_CRUEL_RE: Final = re.compile(
    r"\b(?:pathetic|loser|disgusting|worthless|useless|waste of (?:space|oxygen|skin)|disgrace"
    r"|embarrassment|fuck\w*|bitch\w*|selfish|lazy|liar|ugly|fat|stupid|hate (?:you|u)"
    r"|(?:nobody|no one) (?:likes|loves|wants|cares))\b", re.IGNORECASE)
# Rules whose finding is never called teasing, whatever laugh or heart comes with it: telling
# someone to kill themselves or die ("kys lol", "kys bestie \u2764\ufe0f") gets the firm words.
_NEVER_TEASING_RULES: Final = frozenset({"rule:confrontation/hostility-kys-26"})


def _as_teasing(text: str, issues: list[Issue], turn: TurnAnalysis | None = None
                ) -> list[Issue]:
    """``issues`` with hostility and character criticism explained as possible teasing when
    ``text`` carries warmth or a laugh (and contempt, when it carries warmth: a laugh alone is
    how mockery often sounds). Still flagged, and still costing the score. An eye-roll is
    teasing only with a laugh or a heart straight after it (``_playful_faces``). Not when
    ``turn`` tells someone to kill themselves (``_NEVER_TEASING_RULES``): no part of it is
    teasing."""
    playful = _playful_faces(text)
    if _SCORN_FACE_RE.search(text) and not playful:
        return issues
    if turn is not None and any(e.source in _NEVER_TEASING_RULES for e in turn.evidence):
        return issues
    warm = _AFFECTION_RE.search(text) is not None or playful
    if not (warm or _LAUGHTER_RE.search(text)):
        return issues
    if not warm and any(i.kind == "contempt" for i in issues):
        return issues  # "lol you're pathetic": laughing at them is the contempt, said plainly
    softened = {"hostility", "criticism", *(("contempt",) if warm else ())}
    message, suggestion = _TEASING
    return [replace(i, message=message, suggestion=suggestion) if i.kind in softened else i
            for i in issues]


def _playful_faces(text: str) -> bool:
    """Whether every eye-roll in ``text`` comes with a laugh or a heart straight after it, with
    no cruel word beside it (round sixteen): the eye-roll of a tease, not of scorn."""
    faces = len(_SCORN_FACE_RE.findall(text))
    return bool(faces) and len(_PLAYFUL_FACE_RE.findall(text)) == faces \
        and _CRUEL_RE.search(text) is None
