"""Mend's domain model: conversations in, analyses out. Frozen values with JSON round-trips."""

from mendkit.model.analysis import (
    Analysis,
    Episode,
    EpisodeStatus,
    Evidence,
    Resource,
    Safety,
    Severity,
    TurnAnalysis,
)
from mendkit.model.check import CheckResult, Issue
from mendkit.model.conversation import Conversation, Leave, Speaker, Turn

__all__ = [
    "Analysis",
    "CheckResult",
    "Conversation",
    "Episode",
    "EpisodeStatus",
    "Evidence",
    "Issue",
    "Leave",
    "Resource",
    "Safety",
    "Severity",
    "Speaker",
    "Turn",
    "TurnAnalysis",
]
