"""The safety gate: every free-text answer passes the safety detector before the coach moves on.

Crisis signs (suicide, self-harm, harm to others) stop the flow; signs of abuse or danger from the
other person stop the *repair* coaching. The driver sends the returned event instead of the answer.
"""

from __future__ import annotations

from mendkit.analysis.pipeline import Mode, analyze_conversation
from mendkit.coach.machine import EventType
from mendkit.labels import CRISIS
from mendkit.model import Conversation


def gate(text: str, *, mode: Mode = "full") -> EventType | None:
    """``CRISIS`` or ``ABUSE`` when ``text`` shows those signs, else None (carry on)."""
    turn = analyze_conversation(Conversation.from_turns([("me", text)]), mode=mode).turns[0]
    if CRISIS not in turn.labels:
        return None
    kinds = set(turn.subtypes(CRISIS))
    if kinds and kinds <= {"abuse_danger"}:
        return EventType.ABUSE
    return EventType.CRISIS
