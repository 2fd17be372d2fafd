"""The safety gate: every free-text answer passes the safety detector before the coach moves on.

Crisis signs (suicide, self-harm, harm to others) stop the flow; signs of abuse or danger from the
other person stop the *repair* coaching. The driver sends the returned event instead of the answer.
"""

from __future__ import annotations

import re
from typing import Final

from mendkit.analysis.pipeline import Mode, analyze_conversation
from mendkit.coach.machine import EventType
from mendkit.labels import CRISIS
from mendkit.model import Conversation, TurnAnalysis

# A weak injury word ("bruises", "my arm", "stitches") next to signs of abuse tells of what
# someone else did: it is no self-harm signal of its own.
_WEAK_INJURY: Final = "rule:crisis/weak-injury-"
# Any weak rule: a hint ("bank card", "funeral", "numb") that counts only with others.
_WEAK: Final = "rule:crisis/weak-"
# Crisis kinds that tell of harm from the writer or someone else rather than to the writer's self.
_THREAT_KINDS: Final = frozenset({"harm_to_others", "abuse_danger"})
# "You" in any spelling ("your", "yourself", "you'll", texting's "u", "ur", "ya"; not "young"),
# except as the one who acts in a condition: "If you tell anyone he'll kill me" threatens the writer.
_TO_YOU: Final = re.compile(
    r"(?<!\bif )(?<!\bwhen )(?<!\bonce )(?<!\bunless )(?<!\bbefore )(?<!\buntil )(?<!\btill )"
    r"\b(?:you(?!ng)\w*|ya|u|ur|urself)\b", re.IGNORECASE)
# The words right after a sign's span, in the same clause: a rule's span often ends at the verb
# ("said he'll kill") and leaves out who is to be hurt ("you").
_OBJECT: Final = re.compile(r"(?:[ \t]+[\w'’]+){0,4}")


def gate(text: str, *, mode: Mode = "full") -> EventType | None:
    """``CRISIS`` or ``ABUSE`` when ``text`` shows those signs, else None (carry on)."""
    turn = analyze_conversation(Conversation.from_turns([("me", text)]), mode=mode).turns[0]
    if CRISIS not in turn.labels:
        return None
    return stop_for(turn)


def stop_for(turn: TurnAnalysis) -> EventType:
    """The stop for a turn with crisis signs: ``ABUSE`` when they are signs of abuse or danger
    from someone else, with no explicit sign of suicide, self-harm or harm to others (an injury
    word alone is none, nor one weak hint next to an explicit sign of abuse), else ``CRISIS``."""
    signs = [e for e in turn.evidence if e.label == CRISIS and e.subtype]
    abuse = [e for e in signs if e.subtype == "abuse_danger"]
    if not abuse:
        return EventType.CRISIS
    others = [e for e in signs if e.subtype != "abuse_danger"]
    if all(e.source.startswith(_WEAK_INJURY) for e in others):
        return EventType.ABUSE
    # One weak hint of another kind ("takes my bank card" also reads as settling affairs) does
    # not outweigh an explicit sign of abuse; two weak rules of another kind make a crisis of
    # their own.
    explicit_abuse = any(not e.source.startswith(_WEAK) for e in abuse)
    hints = {e.source for e in others if not e.source.startswith(_WEAK_INJURY)}
    if explicit_abuse and len(hints) <= 1 and all(h.startswith(_WEAK) for h in hints):
        return EventType.ABUSE
    return EventType.CRISIS


def threatens_you(turn: TurnAnalysis) -> bool:
    """Whether ``turn``, someone else's message, threatens the person reading it: a sign of harm
    to others or of abuse whose words are aimed at "you" ("I'll break your arm", "You'll be
    sorry"). Their own danger ("My dad hits me", "I want to die") or a threat to someone else
    ("I'm going to kill him") is none.

    >>> from mendkit.model import Evidence
    >>> def said(text: str, kind: str) -> TurnAnalysis:
    ...     sign = Evidence(label=CRISIS, subtype=kind, start=0, end=len(text), text=text,
    ...                     source="rule:test")
    ...     return TurnAnalysis(index=0, speaker="Sam", text=text, labels=(CRISIS,),
    ...                         evidence=(sign,))
    >>> threatens_you(said("I'll hurt you", "abuse_danger"))
    True
    >>> threatens_you(said("My dad hits me", "abuse_danger"))
    False
    """
    return any(e.label == CRISIS and e.subtype in _THREAT_KINDS and _TO_YOU.search(_with_object(
        turn.text, e.start, e.end, e.text)) for e in turn.evidence)


def _with_object(text: str, start: int, end: int, span: str) -> str:
    """``span`` and the few words after it in ``text`` (the span alone if its offsets are off)."""
    if text[start:end] != span:
        return span
    rest = _OBJECT.match(text, end)
    return span + (rest.group() if rest else "")
