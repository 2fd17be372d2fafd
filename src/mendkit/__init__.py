"""Mend: find ruptures and repairs in conversations, with evidence a person can check.

>>> import mendkit
>>> result = mendkit.check("I'm sorry I snapped at you. Could we talk tonight?")
>>> "repair.responsibility" in result.labels
True

Mend is a self-help and practice aid, not therapy or diagnosis.
"""

from mendkit._version import __version__
from mendkit.api import analyze, check, load_conversation
from mendkit.errors import ConfigError, FormatError, InvalidInputError, MendError, RulesError
from mendkit.model import (
    Analysis,
    CheckResult,
    Conversation,
    Episode,
    Evidence,
    Issue,
    Resource,
    Safety,
    Speaker,
    Turn,
    TurnAnalysis,
)

__all__ = [
    "Analysis",
    "CheckResult",
    "ConfigError",
    "Conversation",
    "Episode",
    "Evidence",
    "FormatError",
    "InvalidInputError",
    "Issue",
    "MendError",
    "Resource",
    "RulesError",
    "Safety",
    "Speaker",
    "Turn",
    "TurnAnalysis",
    "__version__",
    "analyze",
    "check",
    "load_conversation",
]
