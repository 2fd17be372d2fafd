"""The safety gate: every free-text answer passes the safety detector before the coach moves on.

Crisis signs (suicide, self-harm, harm to others) stop the flow; signs of abuse or danger from the
other person stop the *repair* coaching. The driver sends the returned event instead of the answer.
"""

from __future__ import annotations

from typing import Final

from mendkit.analysis.pipeline import Mode, analyze_conversation
from mendkit.coach.machine import EventType
from mendkit.labels import CRISIS
from mendkit.model import Conversation, TurnAnalysis

# A weak injury word ("bruises", "my arm", "stitches") next to signs of abuse tells of what
# someone else did: it is no self-harm signal of its own.
_WEAK_INJURY: Final = "rule:crisis/weak-injury-"


def gate(text: str, *, mode: Mode = "full") -> EventType | None:
    """``CRISIS`` or ``ABUSE`` when ``text`` shows those signs, else None (carry on)."""
    turn = analyze_conversation(Conversation.from_turns([("me", text)]), mode=mode).turns[0]
    if CRISIS not in turn.labels:
        return None
    return stop_for(turn)


def stop_for(turn: TurnAnalysis) -> EventType:
    """The stop for a turn with crisis signs: ``ABUSE`` when they are signs of abuse or danger
    from someone else, with no explicit sign of suicide, self-harm or harm to others (an injury
    word alone is none), else ``CRISIS``."""
    signs = [e for e in turn.evidence if e.label == CRISIS and e.subtype]
    if not any(e.subtype == "abuse_danger" for e in signs):
        return EventType.CRISIS
    others = [e for e in signs if e.subtype != "abuse_danger"]
    if all(e.source.startswith(_WEAK_INJURY) for e in others):
        return EventType.ABUSE
    return EventType.CRISIS
