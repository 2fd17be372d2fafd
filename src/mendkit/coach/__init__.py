"""The Healing Cycle coach: a pure state machine (``machine``), its sessions (``session``) and
where sessions are kept (``store``). The steps' words and the terminal driver come next."""

from mendkit.coach.machine import (
    TABLE,
    TERMINAL,
    Event,
    EventType,
    InvalidTransition,
    State,
    advance,
    allowed_events,
)
from mendkit.coach.session import Session

__all__ = [
    "TABLE",
    "TERMINAL",
    "Event",
    "EventType",
    "InvalidTransition",
    "Session",
    "State",
    "advance",
    "allowed_events",
]
